import { isIP } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
import { getDomain } from "tldts";
import { stripBom, stripBomBytes } from "../bom.js";
import { CATEGORIES } from "../catalog/categories.js";
import type { CheckId } from "../catalog/types.js";
import type { Diagnosis } from "../classify/diagnosis.js";
import { BLOCKLISTS } from "../rules/blocklists.js";
import { checkAddress } from "./address.js";
import { checkBlocklists, checkPtr } from "./blocklists.js";
import { checkMessage } from "./content.js";
import { Dns, describeDnsError, unmapIpv4 } from "./dns.js";
import {
  checkBimi,
  checkDkim,
  checkDmarc,
  checkMtaSts,
  checkMx,
  checkSpf,
  checkTlsRpt,
  mtaStsFetcher,
} from "./domain.js";
import {
  type CheckKind,
  type CheckOptions,
  type CheckReport,
  type Finding,
  finding,
  SEVERITY_ORDER,
} from "./types.js";

export { Dns, type DnsOptions, parseDnsServer } from "./dns.js";
export {
  MTA_STS_MAX_BYTES,
  MTA_STS_TIMEOUT_MS,
  type MtaStsFetchOptions,
  mtaStsFetcher,
  PolicyFetchError,
  type PolicyFetchReason,
} from "./domain.js";
export type { CheckKind, CheckOptions, CheckReport, FetchText, Finding, Severity } from "./types.js";

function dnsOf(options: CheckOptions): Dns {
  return options.dns instanceof Dns ? options.dns : new Dns(options.dns ?? {});
}

function report(kind: CheckKind, target: string, findings: Finding[], dns: Dns, before: number): CheckReport {
  const failures = dns.failures.slice(before);
  const all = [...findings];
  if (failures.length) {
    const codes = [...new Set(failures.map((x) => x.code))];
    all.push(
      finding(
        "dns.failed",
        failures.length >= 3 ? "error" : "warning",
        dns.servers.join(", ") || "system resolver",
        `${failures.length} DNS lookup(s) failed (${codes.map((c) => describeDnsError(c)).join("; ")}): the findings that need them are missing.`,
        "Check the network and the resolver (--dns-server HOST[:PORT]), then run the check again.",
        {
          message: `${failures.length} kueri DNS gagal (${codes.map((c) => describeDnsError(c, "id")).join("; ")}): temuan yang membutuhkannya tidak tersedia.`,
          fix: "Periksa jaringan dan resolver (--dns-server HOST[:PORT]), lalu jalankan pemeriksaan lagi.",
        },
        { failures: failures.slice(0, 20), servers: dns.servers },
      ),
    );
  }
  all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const summary = { error: 0, warning: 0, info: 0, ok: 0 };
  for (const f of all) summary[f.severity]++;
  return { kind, target, complete: failures.length === 0, summary, findings: all };
}

/** MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, BIMI; the domain and its SPF's own IPs on blocklists. */
export async function checkDomain(domain: string, options: CheckOptions = {}): Promise<CheckReport> {
  const dns = dnsOf(options);
  const before = dns.failures.length;
  const d = canonicalDomain(domain.trim().toLowerCase().replace(/\.$/, ""));
  const [mx, spf, dkim, dmarc, tlsRpt] = await Promise.all([
    checkMx(d, dns),
    checkSpf(d, dns),
    checkDkim(d, dns, options.dkimSelectors),
    checkDmarc(d, dns),
    checkTlsRpt(d, dns),
  ]);
  const [mtaSts, bimi] = await Promise.all([
    checkMtaSts(
      d,
      dns,
      mx.mx,
      options.fetchText ?? mtaStsFetcher(dns, { port: options.mtaStsPort, ca: options.mtaStsCa }),
    ),
    checkBimi(d, dns, dmarc.dmarc),
  ]);
  const findings = [
    ...mx.findings,
    ...spf.findings,
    ...dkim,
    ...dmarc.findings,
    ...mtaSts,
    ...tlsRpt,
    ...bimi,
  ];
  if (!options.skipBlocklists) {
    findings.push(...(await checkBlocklists(d, dns)));
    for (const ip of [...new Set(spf.ips)].slice(0, 5)) findings.push(...(await checkBlocklists(ip, dns)));
  }
  return report("domain", d, findings, dns, before);
}

/** IP blocklists and reverse DNS with forward confirmation. */
export async function checkIp(ip: string, options: CheckOptions = {}): Promise<CheckReport> {
  if (!isIP(ip.trim())) throw new TypeError(`not an IP address: "${ip}"`);
  const dns = dnsOf(options);
  const before = dns.failures.length;
  // An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is checked as the IPv4 address it carries.
  const a = unmapIpv4(ip.trim().toLowerCase());
  const [lists, ptr] = await Promise.all([
    options.skipBlocklists ? Promise.resolve([]) : checkBlocklists(a, dns, BLOCKLISTS),
    checkPtr(a, dns),
  ]);
  return report("ip", a, [...ptr, ...lists], dns, before);
}

export async function checkEmailAddress(address: string, options: CheckOptions = {}): Promise<CheckReport> {
  const dns = dnsOf(options);
  const before = dns.failures.length;
  return report("address", address.trim(), await checkAddress(address, dns), dns, before);
}

export async function checkEmailMessage(
  raw: string | Buffer,
  options: CheckOptions = {},
  name = "message",
): Promise<CheckReport> {
  const dns = dnsOf(options);
  const before = dns.failures.length;
  // A byte order mark before the headers (an editor's) is not part of the message.
  raw = typeof raw === "string" ? stripBom(raw) : stripBomBytes(raw);
  const findings = await checkMessage(raw, dns, {
    ...(options.bulk !== undefined ? { bulk: options.bulk } : {}),
    ...(options.skipBlocklists !== undefined ? { skipBlocklists: options.skipBlocklists } : {}),
  });
  return report("message", name, findings, dns, before);
}

/** What to check besides the entities in a diagnosis's text. */
export interface ChecksForOptions extends CheckOptions {
  domains?: readonly string[];
  ips?: readonly string[];
  addresses?: readonly string[];
  /** At most this many targets of each kind from the text (default 3). */
  limit?: number;
}

/** The checks a diagnosis calls for and the reports of running them. */
export interface DiagnosisChecks {
  checks: readonly CheckId[];
  reports: CheckReport[];
}

// Host names in replies that are the lists themselves or their web sites, not the sender's.
const LIST_HOSTS = BLOCKLISTS.flatMap((b) => [...b.zones, ...b.markers.filter((m) => m.includes("."))]);

function isListHost(d: string): boolean {
  return (
    LIST_HOSTS.some((h) => d === h || d.endsWith(`.${h}`)) ||
    /(spamhaus|spamcop|barracuda|sorbs|uceprotect|surbl|uribl)/.test(d)
  );
}

/**
 * Runs the checks of the diagnosis's category on the entities it found and the targets given:
 * IPs → blocklists and PTR, domains → authentication (MX, SPF, DKIM, DMARC, …), addresses → the
 * address check. Categories without checks give no reports.
 */
export async function checksFor(
  diagnosis: Diagnosis,
  options: ChecksForOptions = {},
): Promise<DiagnosisChecks> {
  const checks = CATEGORIES[diagnosis.category].checks;
  const dns = dnsOf(options);
  const opts: CheckOptions = { ...options, dns };
  const limit = options.limit ?? 3;
  const e = diagnosis.entities;
  const addresses = [...new Set([...(options.addresses ?? []), ...e.addresses.slice(0, limit)])];
  const addressDomains = new Set(addresses.map((a) => a.split("@").pop()!.toLowerCase()));
  const urlHosts = new Set(
    e.urls.map((u) =>
      u
        .replace(/^https?:\/\//i, "")
        .split(/[/:?#]/)[0]!
        .toLowerCase(),
    ),
  );
  const domains = [
    ...new Set([
      ...(options.domains ?? []),
      ...e.domains
        .filter((d) => !isListHost(d) && !urlHosts.has(d) && !addressDomains.has(d) && !isIP(d))
        .slice(0, limit),
    ]),
  ];
  const ips = [...new Set([...(options.ips ?? []), ...e.ips.slice(0, limit)])];
  const reports: CheckReport[] = [];
  const wantsIp = checks.includes("blocklist") || checks.includes("rdns");
  const wantsDomain = checks.includes("authentication") || checks.includes("blocklist");
  const wantsAddress = checks.includes("address") || checks.includes("mx");
  if (wantsIp) for (const ip of ips) reports.push(await checkIp(ip, opts));
  if (wantsDomain) for (const d of domains) reports.push(await checkDomain(d, opts));
  if (wantsAddress) for (const a of addresses) reports.push(await checkEmailAddress(a, opts));
  // "Host example.org not found": without an address, the MX of the domains named (a mail domain is
  // a registrable one; "mx.example.org" is the server, not the domain mail goes to).
  if (checks.includes("mx") && !addresses.length)
    for (const d of domains.filter((d) => getDomain(d) === d)) {
      const before = dns.failures.length;
      reports.push(report("domain", d, (await checkMx(d, dns)).findings, dns, before));
    }
  return { checks, reports };
}

/**
 * A domain as IDNA reads it, kept in Unicode: full-width or ideographic dots (`mail。example。com`)
 * become dots, as the resolver would read them, so the organisational-domain lookups see the same
 * name the DNS queries do.
 */
function canonicalDomain(d: string): string {
  if (/^[\x21-\x7e]*$/.test(d)) return d;
  const ascii = domainToASCII(d);
  return (ascii && domainToUnicode(ascii)) || d;
}
