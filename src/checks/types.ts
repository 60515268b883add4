import type { Dns, DnsOptions } from "./dns.js";

export type Severity = "error" | "warning" | "info" | "ok";

/**
 * One result of a check (docs/checks.md). `id` is stable (`spf.too_many_lookups`); `message` says
 * what was found and `fix` what to do about it, in English; `data` holds the facts behind it.
 */
export interface Finding {
  id: string;
  severity: Severity;
  /** What was checked: the domain, IP, address, DNS name or part of the message. */
  subject: string;
  message: string;
  fix: string;
  data?: Record<string, unknown>;
}

export type CheckKind = "domain" | "ip" | "address" | "message";

/** All findings of one run on one target, worst first. */
export interface CheckReport {
  kind: CheckKind;
  target: string;
  /** false when DNS itself failed for some lookups: findings that need them are missing. */
  complete: boolean;
  summary: Record<Severity, number>;
  findings: Finding[];
}

/** An HTTPS GET as the MTA-STS check needs it; injectable for tests. */
export type FetchText = (url: string) => Promise<{ status: number; body: string }>;

export interface CheckOptions {
  /** A resolver to share (and its cache), or how to make one. */
  dns?: Dns | DnsOptions;
  /** DKIM selectors to look up; when none are given, common selectors are tried. */
  dkimSelectors?: readonly string[];
  /** Fetches the MTA-STS policy file (default: fetch over HTTPS, no redirects, 10 s). */
  fetchText?: FetchText;
  /** Treat a message as bulk mail (List-Unsubscribe required) even without list headers. */
  bulk?: boolean;
  /** Skip the DNS blocklists (e.g. where the lists refuse the resolver's queries). */
  skipBlocklists?: boolean;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, ok: 3 };

export function finding(
  id: string,
  severity: Severity,
  subject: string,
  message: string,
  fix: string,
  data?: Record<string, unknown>,
): Finding {
  return data ? { id, severity, subject, message, fix, data } : { id, severity, subject, message, fix };
}
