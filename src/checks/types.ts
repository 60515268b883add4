import type { Dns, DnsOptions } from "./dns.js";

export type Severity = "error" | "warning" | "info" | "ok";

/** The human text of a finding in one language: what was found and what to do about it. */
export interface FindingText {
  message: string;
  fix: string;
}

/**
 * One result of a check (docs/checks.md). `id` is stable (`spf.too_many_lookups`); `message` says
 * what was found and `fix` what to do about it, in English; `localized` holds the same two texts in
 * other languages (Indonesian: `localized.id`); `data` holds the facts behind it.
 */
export interface Finding {
  id: string;
  severity: Severity;
  /** What was checked: the domain, IP, address, DNS name or part of the message. */
  subject: string;
  message: string;
  fix: string;
  /**
   * `message` and `fix` in other languages, with the same values (domains, counts, records) in
   * them. Optional in the type so that the JSON contract only gained a field; every finding made
   * by `finding()` has it.
   */
  localized?: { id: FindingText };
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

/**
 * An HTTPS GET as the MTA-STS check needs it: the status and body of the answer, or a throw saying
 * why there is none. A redirect (3xx) must not be followed (RFC 8461).
 */
export type FetchText = (url: string) => Promise<{ status: number; body: string }>;

export interface CheckOptions {
  /** A resolver to share (and its cache), or how to make one. */
  dns?: Dns | DnsOptions;
  /** DKIM selectors to look up; when none are given, common selectors are tried. */
  dkimSelectors?: readonly string[];
  /**
   * Fetches the MTA-STS policy file instead of the built-in fetcher (`mtaStsFetcher`: the policy host
   * resolved with `dns`, node:https, certificate verified, no redirects, 10 s, at most 64 KB). When
   * given, `mtaStsPort` and `mtaStsCa` are not used.
   */
  fetchText?: FetchText;
  /** TCP port of the MTA-STS policy servers (default 443; e.g. a test server on a high port). */
  mtaStsPort?: number;
  /**
   * Certificate(s) of CAs to trust for MTA-STS policy servers besides node's default ones (PEM): a
   * private PKI, or the CA of a test server.
   */
  mtaStsCa?: string | readonly string[];
  /** Treat a message as bulk mail (List-Unsubscribe required) even without list headers. */
  bulk?: boolean;
  /** Skip the DNS blocklists (e.g. where the lists refuse the resolver's queries). */
  skipBlocklists?: boolean;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, ok: 3 };

/** The fix of a finding that needs none (`ok`), in English and in Indonesian. */
export const NO_FIX = "Nothing to do.";
export const NO_FIX_ID = "Tidak ada yang perlu dilakukan.";

/** A finding, its English `message` and `fix`, and the same two in Indonesian (`indonesian`). */
export function finding(
  id: string,
  severity: Severity,
  subject: string,
  message: string,
  fix: string,
  indonesian: FindingText,
  data?: Record<string, unknown>,
): Finding {
  const localized = { id: { message: indonesian.message, fix: indonesian.fix } };
  return data
    ? { id, severity, subject, message, fix, localized, data }
    : { id, severity, subject, message, fix, localized };
}
