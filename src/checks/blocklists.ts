import { isIP } from "node:net";
import { BLOCKLISTS, type BlocklistDef } from "../rules/blocklists.js";
import { type Dns, describeDnsError, ptrName, reverseName } from "./dns.js";
import { type Finding, finding } from "./types.js";

/** Zones that list domains (queried with the domain name); every other zone lists IPs. */
export const DOMAIN_ZONES: ReadonlySet<string> = new Set([
  "dbl.spamhaus.org",
  "multi.surbl.org",
  "multi.uribl.com",
]);

/** What one answer of a zone means: a listing, a refused query, or an answer that means nothing. */
export type AnswerMeaning =
  | { type: "listed"; meaning: string }
  | { type: "refused"; meaning: string }
  | { type: "invalid"; meaning: string };

const REFUSED_RESOLVER =
  "the list refused the query: it does not answer queries through public or open resolvers, or the resolver went over the list's free-use limits";

/** The return codes each list documents (Spamhaus, SURBL, URIBL, Mailspike); `127.0.0.2` and up elsewhere. */
export function interpretAnswer(zone: string, answer: string): AnswerMeaning {
  if (!/^127\.\d+\.\d+\.\d+$/.test(answer))
    return {
      type: "invalid",
      meaning: `answer ${answer} is outside 127.0.0.0/8: the list is dead or answers everything`,
    };
  const z = zone.toLowerCase();
  const last = Number(answer.split(".")[3]);
  if (z.endsWith("spamhaus.org")) {
    if (answer.startsWith("127.255.255.")) {
      const why: Record<string, string> = {
        "127.255.255.252": "the query was malformed (typo in the zone name)",
        "127.255.255.254": "the query came through a public or open resolver, which Spamhaus refuses",
        "127.255.255.255": "the resolver made too many queries (over the free-use limit)",
      };
      return {
        type: "refused",
        meaning: `Spamhaus refused the query: ${why[answer] ?? "an error code"} (not a listing)`,
      };
    }
    if (z === "dbl.spamhaus.org") {
      if (answer === "127.0.1.255")
        return { type: "refused", meaning: "Spamhaus DBL refused the query: IP queries are not allowed" };
      const dbl: Record<number, string> = {
        2: "spam domain",
        4: "phishing domain",
        5: "malware domain",
        6: "botnet command and control domain",
        102: "abused legitimate domain used in spam",
        103: "abused legitimate redirector or URL shortener",
        104: "abused legitimate domain used for phishing",
        105: "abused legitimate domain used for malware",
        106: "abused legitimate domain used for botnet control",
      };
      return { type: "listed", meaning: `Spamhaus DBL: ${dbl[last] ?? "listed"}` };
    }
    const zen: Record<number, string> = {
      2: "SBL: a known spam source or spam operation",
      3: "SBL CSS: a low-reputation IP sending snowshoe spam",
      4: "XBL: an infected or hijacked host (exploits, botnet)",
      5: "XBL: an infected or hijacked host",
      6: "XBL: an infected or hijacked host",
      7: "XBL: an infected or hijacked host",
      9: "SBL DROP: a hijacked or criminal network",
      10: "PBL: an end-user (dynamic) address, not meant to send mail directly (listed by the ISP)",
      11: "PBL: an address not meant to send mail directly (listed by Spamhaus)",
    };
    return { type: "listed", meaning: `Spamhaus ${zen[last] ?? "listing"}` };
  }
  if (z === "multi.surbl.org") {
    if (last === 1)
      return {
        type: "refused",
        meaning: "SURBL refused the query: the resolver is blocked (public resolver or over the limits)",
      };
    const kinds = [
      [8, "phishing"],
      [16, "malware"],
      [64, "abuse/spam"],
      [128, "cracked site"],
    ] as const;
    const hit = kinds.filter(([bit]) => (last & bit) !== 0).map(([, n]) => n);
    return { type: "listed", meaning: `SURBL: ${hit.join(", ") || "listed"}` };
  }
  if (z === "multi.uribl.com") {
    if (last === 1)
      return {
        type: "refused",
        meaning: "URIBL refused the query: the resolver is blocked (public resolver or over the limits)",
      };
    const hit = [
      [2, "black"],
      [4, "grey"],
      [8, "red"],
    ]
      .filter(([bit]) => (last & (bit as number)) !== 0)
      .map(([, n]) => n);
    return { type: "listed", meaning: `URIBL ${hit.join(", ") || "listed"}` };
  }
  if (z === "bl.mailspike.net" && last >= 10)
    return { type: "invalid", meaning: `Mailspike reputation answer ${answer} (not a block)` };
  if (last < 2 && answer === "127.0.0.1")
    return {
      type: "refused",
      meaning: `${zone} answered 127.0.0.1, which lists use for a refused or test query`,
    };
  return { type: "listed", meaning: `${zone}: listed (${answer})` };
}

interface ZoneEntry {
  zone: string;
  list: BlocklistDef;
}

function zones(kind: "ip" | "domain", lists: readonly BlocklistDef[]): ZoneEntry[] {
  const out: ZoneEntry[] = [];
  for (const list of lists)
    for (const zone of list.zones)
      if (DOMAIN_ZONES.has(zone) === (kind === "domain")) out.push({ zone, list });
  return out;
}

/** Every IP (or domain) list in BLOCKLISTS asked in parallel; one finding per list that answers. */
export async function checkBlocklists(
  target: string,
  dns: Dns,
  lists: readonly BlocklistDef[] = BLOCKLISTS,
): Promise<Finding[]> {
  const kind = isIP(target) ? "ip" : "domain";
  const entries = zones(kind, lists);
  const prefix = kind === "ip" ? reverseName(target) : target.toLowerCase().replace(/\.$/, "");
  const answers = await Promise.all(entries.map((e) => dns.query(`${prefix}.${e.zone}`, "A")));
  const f: Finding[] = [];
  const clean: string[] = [];
  const failed: string[] = [];
  entries.forEach(({ zone, list }, i) => {
    const a = answers[i]!;
    if (a.status === "error") {
      failed.push(`${zone} (${describeDnsError(a.code)})`);
      return;
    }
    if (a.status !== "ok") {
      clean.push(zone);
      return;
    }
    const meanings = a.records.map((r) => ({ answer: r, ...interpretAnswer(zone, r) }));
    const listed = meanings.filter((m) => m.type === "listed");
    if (listed.length) {
      f.push(
        finding(
          "blocklist.listed",
          "error",
          target,
          `${target} is listed on ${list.name} (${zone}): ${listed.map((m) => m.meaning).join("; ")}.`,
          `Find and stop the cause (compromised account or host, purchased or old list, missing opt-in), then request removal at ${list.delistUrl}.`,
          { list: list.id, zone, answers: listed.map((m) => m.answer), delistUrl: list.delistUrl },
        ),
      );
      return;
    }
    const refused = meanings.find((m) => m.type === "refused");
    if (refused) {
      f.push(
        finding(
          "blocklist.refused",
          "warning",
          target,
          `${list.name} (${zone}) did not answer the question: ${refused.meaning}. This is not a listing; the result is unknown.`,
          `Run the check through your own recursive resolver (not 8.8.8.8, 1.1.1.1 or a shared ISP resolver) with --dns-server, or look ${target} up at ${list.delistUrl}.`,
          { list: list.id, zone, answers: a.records, reason: REFUSED_RESOLVER },
        ),
      );
      return;
    }
    f.push(
      finding(
        "blocklist.invalid_answer",
        "info",
        target,
        `${list.name} (${zone}) gave an answer that is not a listing: ${meanings.map((m) => m.meaning).join("; ")}.`,
        "Nothing to do about your sender; the list may be out of service.",
        { list: list.id, zone, answers: a.records },
      ),
    );
  });
  if (failed.length)
    f.push(
      finding(
        "blocklist.dns_error",
        "info",
        target,
        `${failed.length} blocklist(s) could not be asked: ${failed.join(", ")}.`,
        "Run the check again later or through another resolver (--dns-server).",
        { zones: failed },
      ),
    );
  if (clean.length && !f.some((x) => x.id === "blocklist.listed"))
    f.push(
      finding(
        "blocklist.clean",
        "ok",
        target,
        `${target} is on none of the ${clean.length} ${kind === "ip" ? "IP" : "domain"} blocklists that answered.`,
        "Nothing to do.",
        { zones: clean },
      ),
    );
  return f;
}

/** Generic names of dynamic or unconfigured hosts: dsl, dynamic, pool, the IP's own digits. */
function looksGeneric(name: string, ip: string): boolean {
  const n = name.toLowerCase();
  if (
    /(^|[.-])(dyn|dynamic|dhcp|dsl|adsl|cable|pool|ppp|dial|dialup|client|customer|cust|broadband|host|static|unassigned|ip)[0-9.-]*[.-]/.test(
      n,
    )
  )
    return true;
  if (isIP(ip) === 4) {
    const o = ip.split(".");
    if (n.includes(o.join("-")) || n.includes(o.join(".")) || n.includes([...o].reverse().join("-")))
      return true;
  }
  return false;
}

/** Reverse DNS with forward confirmation (FCrDNS): PTR → name → A/AAAA contains the IP. */
export async function checkPtr(ip: string, dns: Dns): Promise<Finding[]> {
  const name = ptrName(ip);
  const r = await dns.query(name, "PTR");
  if (r.status === "error")
    return [
      finding(
        "rdns.dns_error",
        "warning",
        ip,
        `Could not look up the reverse DNS of ${ip}: ${describeDnsError(r.code)}.`,
        "Run the check again; if it keeps failing, ask the owner of the IP range to fix its reverse zone.",
      ),
    ];
  if (r.status !== "ok")
    return [
      finding(
        "rdns.missing",
        "error",
        ip,
        `${ip} has no reverse DNS (PTR) record; Gmail, Microsoft and most receivers refuse or distrust mail from such IPs.`,
        `Ask your hosting provider or ISP (who owns the IP) to set a PTR record for ${ip} to your mail server's host name, and make that name resolve back to ${ip}.`,
      ),
    ];
  const names = r.records.map((n) => n.replace(/\.$/, ""));
  const forward = await Promise.all(names.map((n) => dns.addresses(n)));
  const norm = (x: string) => (isIP(x) === 6 ? x.toLowerCase() : x);
  const confirmed = names.filter((_, i) => {
    const a = forward[i]!;
    return a.status === "ok" && a.records.map(norm).some((x) => x === norm(ip) || sameV6(x, ip));
  });
  const f: Finding[] = [];
  if (!confirmed.length)
    f.push(
      finding(
        "rdns.mismatch",
        "error",
        ip,
        `The reverse DNS of ${ip} is ${names.join(", ")}, but that name does not resolve back to ${ip} (no forward confirmation).`,
        `Add an A${isIP(ip) === 6 ? "AAAA" : ""} record for ${names[0]} pointing at ${ip}, or change the PTR to a name that does.`,
        { ptr: names },
      ),
    );
  else if (looksGeneric(confirmed[0]!, ip))
    f.push(
      finding(
        "rdns.generic",
        "warning",
        ip,
        `The reverse DNS name of ${ip} (${confirmed[0]}) looks generic or dynamic; receivers treat such hosts as home connections.`,
        `Set the PTR of ${ip} to a name of your own mail server (e.g. mail.yourdomain), resolving back to ${ip}.`,
        { ptr: names },
      ),
    );
  else
    f.push(
      finding(
        "rdns.ok",
        "ok",
        ip,
        `Reverse DNS of ${ip}: ${confirmed[0]}, confirmed forward.`,
        "Nothing to do.",
        { ptr: names },
      ),
    );
  return f;
}

function sameV6(a: string, b: string): boolean {
  if (isIP(a) !== 6 || isIP(b) !== 6) return false;
  try {
    return reverseName(a) === reverseName(b);
  } catch {
    return false;
  }
}
