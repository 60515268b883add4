import { createPublicKey } from "node:crypto";
import { request } from "node:https";
import { isIP, isIPv4, isIPv6 } from "node:net";
import { rootCertificates } from "node:tls";
import { domainToASCII } from "node:url";
import { parsePolicy } from "mailauth/lib/mta-sts.js";
import { getDomain } from "tldts";
import type { Dns, DnsAnswer, MxRecord } from "./dns.js";
import { describeDnsError } from "./dns.js";
import { type FetchText, type Finding, finding, NO_FIX, NO_FIX_ID } from "./types.js";

/** tldts reads the PSL's ICANN section alone unless told: DMARC's organisational domain uses both. */
const PSL_PRIVATE = { allowPrivateDomains: true } as const;

/** A lookup that failed; `what` and `whatId` name the record in English and in Indonesian. */
function dnsFailed(id: string, subject: string, what: string, whatId: string, a: { code: string }): Finding {
  return finding(
    `${id}.dns_error`,
    "warning",
    subject,
    `Could not look up ${what}: ${describeDnsError(a.code)}.`,
    "Run the check again; if it keeps failing, check the domain's name servers or use another resolver (--dns-server).",
    {
      message: `Gagal mengambil ${whatId} dari DNS: ${describeDnsError(a.code, "id")}.`,
      fix: "Jalankan pemeriksaan lagi; jika tetap gagal, periksa name server domain tersebut atau gunakan resolver lain (--dns-server).",
    },
    { code: a.code },
  );
}

// ---------------------------------------------------------------------------------------------
// MX

export async function checkMx(domain: string, dns: Dns): Promise<{ findings: Finding[]; mx: MxRecord[] }> {
  const r = await dns.query(domain, "MX");
  if (r.status === "error")
    return { findings: [dnsFailed("mx", domain, "the MX records", "catatan MX", r)], mx: [] };
  if (r.status === "nxdomain")
    return {
      findings: [
        finding(
          "mx.nxdomain",
          "error",
          domain,
          `The domain ${domain} does not exist in DNS.`,
          "Check the spelling of the domain, or register it and publish its DNS records.",
          {
            message: `Domain ${domain} tidak ada di DNS.`,
            fix: "Periksa ejaan domain, atau daftarkan domain tersebut dan terbitkan catatan DNS-nya.",
          },
        ),
      ],
      mx: [],
    };
  const mx = r.status === "ok" ? r.records : [];
  // A null MX is an MX naming the root "." (RFC 7505 §3, which gives it preference 0; senders
  // act on the empty host whatever the preference, so a lone "10 ." is one too).
  const nulls = mx.filter((m) => m.exchange === "");
  if (nulls.length && nulls.length === mx.length) {
    const pref = nulls[0]!.priority;
    const odd =
      pref === 0
        ? ""
        : ` (its preference is ${pref}; RFC 7505 specifies "0 .", and some software reads only that)`;
    const oddId =
      pref === 0
        ? ""
        : ` (preferensinya ${pref}; RFC 7505 menetapkan "0 .", dan sebagian perangkat lunak hanya mengenali itu)`;
    return {
      findings: [
        finding(
          "mx.null",
          "warning",
          domain,
          `${domain} publishes a null MX (RFC 7505)${odd}: it accepts no mail, so replies and bounces to it are lost and many receivers refuse mail from it.`,
          "If the domain sends mail, publish real MX records for it; keep the null MX only on domains that never send or receive mail.",
          {
            message: `${domain} menerbitkan null MX (RFC 7505)${oddId}: domain ini tidak menerima email, sehingga balasan dan pesan pentalan (bounce) ke domain ini hilang, dan banyak server penerima menolak email darinya.`,
            fix: "Jika domain ini mengirim email, terbitkan catatan MX yang sebenarnya; gunakan null MX hanya pada domain yang tidak pernah mengirim atau menerima email.",
          },
          { preference: pref },
        ),
      ],
      mx: [],
    };
  }
  if (!mx.length) {
    const a = await dns.addresses(domain);
    return {
      findings: [
        finding(
          "mx.missing",
          a.status === "ok" ? "warning" : "error",
          domain,
          a.status === "ok"
            ? `${domain} has no MX records; mail to it goes to its A/AAAA address, which is often not a mail server.`
            : `${domain} has no MX records and no address: it cannot receive mail, and receivers distrust mail from it.`,
          `Publish MX records for ${domain} pointing at the servers that receive its mail (or a null MX "0 ." if it takes none).`,
          {
            message:
              a.status === "ok"
                ? `${domain} tidak memiliki catatan MX; email ke domain ini dikirim ke alamat A/AAAA-nya, yang sering kali bukan server email.`
                : `${domain} tidak memiliki catatan MX maupun alamat: domain ini tidak dapat menerima email, dan server penerima tidak memercayai email darinya.`,
            fix: `Terbitkan catatan MX untuk ${domain} yang mengarah ke server penerima emailnya (atau null MX "0 ." jika domain ini tidak menerima email).`,
          },
        ),
      ],
      mx: [],
    };
  }
  const findings: Finding[] = [];
  if (nulls.length)
    findings.push(
      finding(
        "mx.null_mixed",
        "error",
        domain,
        `${domain} publishes a null MX (".", no mail accepted) together with ${mx.length - nulls.length} other MX record(s); RFC 7505 §3 forbids this, and senders then either bounce its mail or deliver it.`,
        "Decide: if the domain receives mail, remove the null MX record; if it does not, remove the other MX records.",
        {
          message: `${domain} menerbitkan null MX (".", tidak menerima email) bersama ${mx.length - nulls.length} catatan MX lain; RFC 7505 §3 melarang hal ini, dan pengirim akan memantulkan (bounce) email ke domain ini atau tetap mengirimkannya.`,
          fix: "Tentukan: jika domain ini menerima email, hapus catatan null MX; jika tidak, hapus catatan MX lainnya.",
        },
        { records: mx.map((m) => `${m.priority} ${m.exchange || "."}`) },
      ),
    );
  const hosts = mx.filter((m) => m.exchange !== "").sort((a, b) => a.priority - b.priority);
  // An IP is no host name: it is not looked up (a resolver would not find it as a name).
  const lookups = await Promise.all(
    hosts.slice(0, 10).map((m) => (isIP(m.exchange) ? null : dns.addresses(m.exchange))),
  );
  hosts.slice(0, 10).forEach((m, i) => {
    const a = lookups[i];
    if (a === null || a === undefined)
      findings.push(
        finding(
          "mx.ip_literal",
          "error",
          domain,
          `The MX record names an IP address (${m.exchange}) instead of a host name.`,
          "An MX record must name a host; create a host name with an A record and use it.",
          {
            message: `Catatan MX berisi alamat IP (${m.exchange}), bukan nama host.`,
            fix: "Catatan MX harus berisi nama host; buat nama host dengan catatan A, lalu gunakan nama tersebut.",
          },
          { exchange: m.exchange },
        ),
      );
    else if (a.status === "nxdomain" || a.status === "nodata")
      findings.push(
        finding(
          "mx.unresolvable",
          "error",
          domain,
          `The MX host ${m.exchange} has no A or AAAA record, so it cannot receive mail.`,
          `Point the MX record at a host name that has an address, or add an A/AAAA record for ${m.exchange}.`,
          {
            message: `Host MX ${m.exchange} tidak memiliki catatan A atau AAAA, sehingga tidak dapat menerima email.`,
            fix: `Arahkan catatan MX ke nama host yang memiliki alamat, atau tambahkan catatan A/AAAA untuk ${m.exchange}.`,
          },
          { exchange: m.exchange },
        ),
      );
  });
  // An MX target must be a host's own name, not an alias (RFC 2181 §10.3, RFC 5321 §5.1): most
  // senders follow the alias anyway, some do not.
  const resolvable = hosts.slice(0, 10).filter((_, i) => lookups[i]?.status === "ok");
  const aliases = await Promise.all(resolvable.map((m) => dns.query(m.exchange, "CNAME")));
  resolvable.forEach((m, i) => {
    const a = aliases[i]!;
    if (a.status !== "ok") return;
    const target = a.records[0]!;
    findings.push(
      finding(
        "mx.cname",
        "warning",
        domain,
        `The MX host ${m.exchange} is an alias (CNAME) of ${target}; an MX record must name a host directly (RFC 2181 §10.3), and some senders do not follow the alias.`,
        `Point the MX record at ${target} itself.`,
        {
          message: `Host MX ${m.exchange} adalah alias (CNAME) dari ${target}; catatan MX harus langsung menyebut nama host (RFC 2181 §10.3), dan sebagian pengirim tidak mengikuti alias tersebut.`,
          fix: `Arahkan catatan MX langsung ke ${target}.`,
        },
        { exchange: m.exchange, target },
      ),
    );
  });
  if (!findings.length)
    findings.push(
      finding(
        "mx.ok",
        "ok",
        domain,
        `MX: ${hosts.map((m) => `${m.priority} ${m.exchange}`).join(", ")}.`,
        NO_FIX,
        {
          message: `Catatan MX: ${hosts.map((m) => `${m.priority} ${m.exchange}`).join(", ")}.`,
          fix: NO_FIX_ID,
        },
      ),
    );
  return { findings, mx: hosts };
}

// ---------------------------------------------------------------------------------------------
// SPF

/** The most DNS lookups an SPF evaluation may make (RFC 7208 §4.6.4). */
const SPF_LOOKUP_LIMIT = 10;

interface SpfState {
  /** DNS lookups of the whole evaluation: each evaluation of a repeated include counts again. */
  lookups: number;
  voids: number;
  /** The domains on the current include/redirect chain: reaching one of them again is a loop. */
  chain: Set<string>;
  findings: Finding[];
  /** IPv4/IPv6 addresses the top record authorises directly (for the blocklist check). */
  ips: string[];
}

const MECHANISMS = new Set(["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"]);

/**
 * What evaluating a record says of mail from unlisted servers: the qualifier of its `all` (or of
 * its redirect's), null when it has neither, undefined when that is not known (the evaluation
 * stopped on a problem already reported: a missing or failing redirect target, a loop, too many
 * lookups).
 */
type SpfAll = string | null | undefined;

// RFC 7208 §12's grammar, for the syntax check. A macro-string: literal characters and macros
// (%{d}, %{ir}, %{l1r-}, %%, %_, %-). The letters c, r and t are for the explanation's text only
// (§7.2), never a record's own terms or modifiers.
const MACRO_STRING = /^(?:[\x21-\x24\x26-\x7e]|%\{[slodiphv]\d*r?[-.+,/_=]*\}|%[%_-])*$/i;
// The last label of a domain-spec: not all digits, or with an inner hyphen.
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

/** domain-spec = macro-string domain-end; domain-end = "." toplabel ["."] / macro-expand. */
function isDomainSpec(spec: string): boolean {
  if (!spec || !MACRO_STRING.test(spec)) return false;
  if (/%\{[^}]*\}$/.test(spec)) return true;
  const last = /\.([^.]+)\.?$/.exec(spec);
  return !!last && TOPLABEL.test(last[1]!);
}

/** A CIDR length ("24", not "024"), up to `max`. */
function isCidr(n: string | undefined, max: number): boolean {
  return n !== undefined && /^(?:0|[1-9]\d*)$/.test(n) && Number(n) <= max;
}

/**
 * Reads a mechanism by RFC 7208 §12: `rest` is what follows its name ("", ":example.com/24",
 * "/24//64"). The domain-spec it names ("" for none), or null on a syntax error.
 */
function mechanismArgs(name: string, rest: string): { spec: string; cidr?: string } | null {
  const spec = rest.startsWith(":") ? rest.slice(1) : null;
  switch (name) {
    case "all":
      return rest === "" ? { spec: "" } : null;
    case "include":
    case "exists":
      return spec !== null && isDomainSpec(spec) ? { spec } : null;
    case "ptr":
      return rest === "" ? { spec: "" } : spec !== null && isDomainSpec(spec) ? { spec } : null;
    case "a":
    case "mx": {
      // [ ":" domain-spec ] [ "/" ip4-cidr ] [ "//" ip6-cidr ]
      const m = /^(?::(.+?))?(?:\/([^/]*))?(?:\/\/([^/]*))?$/.exec(rest);
      if (!m || (m[1] !== undefined && !isDomainSpec(m[1]))) return null;
      if ((m[2] !== undefined && !isCidr(m[2], 32)) || (m[3] !== undefined && !isCidr(m[3], 128)))
        return null;
      return { spec: m[1] ?? "" };
    }
    case "ip4":
    case "ip6": {
      if (spec === null) return null;
      const slash = spec.indexOf("/");
      const ip = slash < 0 ? spec : spec.slice(0, slash);
      const cidr = slash < 0 ? undefined : spec.slice(slash + 1);
      const ok =
        (name === "ip4" ? isIPv4(ip) : isIPv6(ip) && !ip.includes("%")) &&
        (cidr === undefined || isCidr(cidr, name === "ip4" ? 32 : 128));
      return ok ? { spec: ip, cidr } : null;
    }
    default:
      return null;
  }
}

/** The SPF records among a name's TXT records. */
function spfRecords(txt: string[]): string[] {
  return txt.filter((t) => /^v=spf1(\s|$)/i.test(t.trim()));
}

export async function checkSpf(domain: string, dns: Dns): Promise<{ findings: Finding[]; ips: string[] }> {
  const state: SpfState = { lookups: 0, voids: 0, chain: new Set(), findings: [], ips: [] };
  const r = await dns.txt(domain);
  if (r.status === "error")
    return { findings: [dnsFailed("spf", domain, "the SPF record", "catatan SPF", r)], ips: [] };
  const recs = spfRecords(r.status === "ok" ? r.records : []);
  if (!recs.length)
    return {
      findings: [
        finding(
          "spf.missing",
          "error",
          domain,
          `${domain} has no SPF record, so receivers cannot tell which servers may send its mail.`,
          `Publish one TXT record at ${domain} such as "v=spf1 include:<your sending service> -all", listing every service that sends as ${domain}.`,
          {
            message: `${domain} tidak memiliki catatan SPF, sehingga server penerima tidak dapat mengetahui server mana yang boleh mengirim email atas nama domain ini.`,
            fix: `Terbitkan satu catatan TXT di ${domain}, misalnya "v=spf1 include:<layanan pengirim Anda> -all", yang mencantumkan setiap layanan yang mengirim email sebagai ${domain}.`,
          },
        ),
      ],
      ips: [],
    };
  if (recs.length > 1)
    return {
      findings: [
        finding(
          "spf.multiple",
          "error",
          domain,
          `${domain} has ${recs.length} SPF records; SPF then fails with a permanent error for every message.`,
          "Merge them into a single v=spf1 record (combine the include: and ip4:/ip6: terms, keep one all at the end).",
          {
            message: `${domain} memiliki ${recs.length} catatan SPF; akibatnya SPF gagal dengan kesalahan permanen untuk setiap pesan.`,
            fix: "Gabungkan semuanya menjadi satu catatan v=spf1 (satukan bagian include: dan ip4:/ip6:, dan sisakan satu all di akhir).",
          },
          { records: recs },
        ),
      ],
      ips: [],
    };
  state.chain.add(domain.toLowerCase());
  const all = await walkSpf(domain, recs[0]!, dns, state, 0, true);
  // A repeated include evaluated again reports the same problems again: keep one of each.
  const seen = new Set<string>();
  const f = state.findings.filter((x) => {
    const key = `${x.id}\n${x.subject}\n${x.message}`;
    return !seen.has(key) && !!seen.add(key);
  });
  if (state.lookups > SPF_LOOKUP_LIMIT)
    f.push(
      finding(
        "spf.too_many_lookups",
        "error",
        domain,
        `The SPF record of ${domain} needs ${state.lookups} DNS lookups; the limit is 10 (RFC 7208), so SPF fails with a permanent error at receivers.`,
        "Bring it to 10 or fewer: remove include: entries of services you no longer use, replace a/mx/ptr mechanisms with ip4:/ip6: ranges, or flatten includes into ip4:/ip6: ranges.",
        {
          message: `Catatan SPF ${domain} membutuhkan ${state.lookups} kueri DNS; batasnya 10 (RFC 7208), sehingga SPF gagal dengan kesalahan permanen di server penerima.`,
          fix: "Kurangi menjadi 10 atau kurang: hapus entri include: dari layanan yang tidak lagi Anda gunakan, ganti mekanisme a/mx/ptr dengan rentang ip4:/ip6:, atau ratakan (flatten) include menjadi rentang ip4:/ip6:.",
        },
        { lookups: state.lookups, limit: 10 },
      ),
    );
  if (state.voids > 2)
    f.push(
      finding(
        "spf.void_lookups",
        "error",
        domain,
        `The SPF record of ${domain} makes ${state.voids} lookups that find nothing; more than 2 is a permanent error (RFC 7208).`,
        "Remove the include:, a:, mx: or exists: terms that point at names without records.",
        {
          message: `Catatan SPF ${domain} melakukan ${state.voids} kueri yang tidak menemukan apa pun; lebih dari 2 merupakan kesalahan permanen (RFC 7208).`,
          fix: "Hapus bagian include:, a:, mx:, atau exists: yang mengarah ke nama tanpa catatan.",
        },
        { voids: state.voids, limit: 2 },
      ),
    );
  if (all === "+")
    f.push(
      finding(
        "spf.plus_all",
        "error",
        domain,
        `The SPF record of ${domain} ends in +all: it authorises every server on the Internet to send as ${domain}.`,
        "End the record with -all (or ~all while you are testing) after listing your real senders.",
        {
          message: `Catatan SPF ${domain} diakhiri dengan +all: catatan ini mengizinkan setiap server di Internet mengirim email sebagai ${domain}.`,
          fix: "Akhiri catatan dengan -all (atau ~all selama masa uji coba) setelah mencantumkan semua pengirim Anda yang sebenarnya.",
        },
      ),
    );
  else if (all === "?")
    f.push(
      finding(
        "spf.neutral_all",
        "warning",
        domain,
        `The SPF record of ${domain} ends in ?all (neutral): it says nothing about other servers, so it protects nothing.`,
        "End the record with -all (or ~all while you are testing) after listing your real senders.",
        {
          message: `Catatan SPF ${domain} diakhiri dengan ?all (netral): catatan ini tidak menyatakan apa pun tentang server lain, sehingga tidak memberikan perlindungan.`,
          fix: "Akhiri catatan dengan -all (atau ~all selama masa uji coba) setelah mencantumkan semua pengirim Anda yang sebenarnya.",
        },
      ),
    );
  else if (all === null)
    f.push(
      finding(
        "spf.no_all",
        "warning",
        domain,
        `The SPF record of ${domain} has no all mechanism or redirect, so unlisted servers get a neutral result.`,
        'Add "-all" (or "~all") at the end of the record.',
        {
          message: `Catatan SPF ${domain} tidak memiliki mekanisme all atau redirect, sehingga server yang tidak tercantum mendapat hasil netral.`,
          fix: 'Tambahkan "-all" (atau "~all") di akhir catatan.',
        },
      ),
    );
  if (!f.some((x) => x.severity === "error" || x.severity === "warning"))
    f.push(
      finding(
        "spf.ok",
        "ok",
        domain,
        `SPF: "${recs[0]}" (${state.lookups} of 10 DNS lookups).`,
        NO_FIX,
        { message: `SPF: "${recs[0]}" (${state.lookups} dari 10 kueri DNS).`, fix: NO_FIX_ID },
        { lookups: state.lookups },
      ),
    );
  return { findings: f, ips: state.ips };
}

/**
 * Walks one record; returns the qualifier of its `all` (or of its redirect's). `top`: the record is
 * the domain's own, or reached from it by redirects only (not through an include).
 */
async function walkSpf(
  domain: string,
  record: string,
  dns: Dns,
  state: SpfState,
  depth: number,
  top: boolean,
): Promise<SpfAll> {
  const terms = record.trim().split(/\s+/).slice(1);
  let all: string | null = null;
  let redirect: string | null = null;
  const before = state.findings.length;
  const modifiers = new Set<string>();
  // Past the limit the evaluation has failed (permerror): lookups are still counted, not made.
  const overLimit = () => state.lookups > SPF_LOOKUP_LIMIT;
  for (const term of terms) {
    const m = /^([+?~-]?)([a-z][a-z0-9_.-]*)(?:([:=/])(.*))?$/i.exec(term);
    if (!m) {
      state.findings.push(syntax(domain, term));
      continue;
    }
    const qual = m[1] || "+";
    const name = m[2]!.toLowerCase();
    const sep = m[3];
    const arg = m[4] ?? "";
    if (sep === "=") {
      // redirect= and exp= name a domain; an unknown modifier's value is any macro-string.
      const known = name === "redirect" || name === "exp";
      if (m[1] || !(known ? isDomainSpec(arg) : MACRO_STRING.test(arg)))
        state.findings.push(syntax(domain, term));
      else if (known && modifiers.has(name)) state.findings.push(duplicateModifier(domain, name, term));
      else {
        modifiers.add(name);
        if (name === "redirect") redirect = arg;
      }
      continue;
    }
    // Any syntax error anywhere in the record is a permanent error (RFC 7208 §4.6), even after `all`.
    const args = MECHANISMS.has(name) ? mechanismArgs(name, (sep ?? "") + arg) : null;
    if (!args) {
      state.findings.push(syntax(domain, term));
      continue;
    }
    // Mechanisms after `all` are never tested (RFC 7208 §5.1): read for their syntax only, no
    // lookups counted, no include followed, no second `all`.
    if (all !== null) continue;
    switch (name) {
      case "all":
        all = qual;
        if (!top && qual === "+")
          state.findings.push(
            finding(
              "spf.plus_all",
              "error",
              domain,
              `The SPF record of ${domain}, included by another, ends in +all: the include then passes every server on the Internet.`,
              `Ask the owner of ${domain} to fix it, or remove the include of ${domain}.`,
              {
                message: `Catatan SPF ${domain}, yang di-include oleh catatan lain, diakhiri dengan +all: include tersebut akhirnya meloloskan setiap server di Internet.`,
                fix: `Minta pemilik ${domain} untuk memperbaikinya, atau hapus include ${domain}.`,
              },
            ),
          );
        break;
      case "ip4":
      case "ip6": {
        const { spec: ip, cidr } = args;
        if (top && (cidr === undefined || cidr === "32" || cidr === "128")) state.ips.push(ip);
        break;
      }
      case "include":
        state.lookups++;
        if (!overLimit()) await followSpf(domain, args.spec, "include", dns, state, depth, false);
        break;
      case "a":
      case "mx":
      case "exists":
      case "ptr": {
        state.lookups++;
        if (name === "ptr") {
          state.findings.push(
            finding(
              "spf.ptr",
              "warning",
              domain,
              `The SPF record of ${domain} uses the ptr mechanism, which RFC 7208 says not to use: it is slow and many receivers ignore it.`,
              "Replace ptr with ip4:/ip6: ranges or a: names of the sending servers.",
              {
                message: `Catatan SPF ${domain} menggunakan mekanisme ptr, yang menurut RFC 7208 tidak boleh digunakan: mekanisme ini lambat dan diabaikan oleh banyak server penerima.`,
                fix: "Ganti ptr dengan rentang ip4:/ip6: atau nama a: dari server pengirim.",
              },
            ),
          );
          break;
        }
        const target = args.spec || domain;
        if (target.includes("%") || overLimit()) break; // macros depend on the message
        if (name === "mx") {
          const mx = await dns.query(target, "MX");
          if (mx.status === "nxdomain" || mx.status === "nodata") state.voids++;
          else if (mx.status === "ok" && mx.records.length > 10)
            state.findings.push(
              finding(
                "spf.mx_too_many",
                "error",
                domain,
                `The mx mechanism of ${domain}'s SPF points at ${target}, which has more than 10 MX hosts (a permanent error).`,
                "Use ip4:/ip6: ranges instead of mx.",
                {
                  message: `Mekanisme mx pada SPF ${domain} mengarah ke ${target}, yang memiliki lebih dari 10 host MX (kesalahan permanen).`,
                  fix: "Gunakan rentang ip4:/ip6: sebagai pengganti mx.",
                },
              ),
            );
        } else {
          const a = name === "exists" ? await dns.query(target, "A") : await dns.addresses(target);
          if (a.status === "nxdomain" || a.status === "nodata") state.voids++;
          else if (top && name === "a" && a.status === "ok") state.ips.push(...a.records.slice(0, 5));
        }
        break;
      }
    }
  }
  if (redirect && all === null) {
    state.lookups++;
    if (overLimit()) return undefined;
    // A redirect replaces the record: what it reaches is as much the domain's own as this one.
    return followSpf(domain, redirect, "redirect", dns, state, depth, top);
  }
  // A record with a syntax error ends in a permanent error, not in a neutral "no all" (-all:foo).
  if (all === null && state.findings.slice(before).some((f) => f.id === "spf.syntax" && f.subject === domain))
    return undefined;
  return all;
}

/** Evaluates the record of an include or redirect target; `top` as for walkSpf. */
async function followSpf(
  from: string,
  target: string,
  how: "include" | "redirect",
  dns: Dns,
  state: SpfState,
  depth: number,
  top: boolean,
): Promise<SpfAll> {
  if (target.includes("%")) return undefined;
  const key = target.toLowerCase().replace(/\.$/, "");
  if (state.chain.has(key) || depth >= 10) {
    state.findings.push(
      finding(
        "spf.loop",
        "error",
        from,
        `The SPF record of ${from} reaches ${target} again (a loop or too deep a chain of includes).`,
        "Remove the include or redirect that leads back to a record already included.",
        {
          message: `Catatan SPF ${from} kembali menjangkau ${target} (perulangan, atau rantai include yang terlalu dalam).`,
          fix: "Hapus include atau redirect yang mengarah kembali ke catatan yang sudah disertakan.",
        },
      ),
    );
    return undefined;
  }
  const r = await dns.txt(target);
  if (r.status === "error") {
    state.findings.push(dnsFailed("spf", from, `the SPF record of ${target}`, `catatan SPF ${target}`, r));
    return undefined;
  }
  if (r.status !== "ok") state.voids++;
  const recs = spfRecords(r.status === "ok" ? r.records : []);
  if (recs.length !== 1) {
    state.findings.push(
      finding(
        "spf.include_missing",
        "error",
        from,
        recs.length
          ? `${how} ${target} in the SPF record of ${from} has ${recs.length} SPF records: a permanent error.`
          : `${how} ${target} in the SPF record of ${from} has no SPF record: SPF fails with a permanent error.`,
        `Fix or remove the ${how} of ${target} (check its spelling and the sending service's current SPF instructions).`,
        {
          message: recs.length
            ? `${how} ${target} pada catatan SPF ${from} memiliki ${recs.length} catatan SPF: kesalahan permanen.`
            : `${how} ${target} pada catatan SPF ${from} tidak memiliki catatan SPF: SPF gagal dengan kesalahan permanen.`,
          fix: `Perbaiki atau hapus ${how} ${target} (periksa ejaannya dan petunjuk SPF terbaru dari layanan pengirim).`,
        },
        { target },
      ),
    );
    return undefined;
  }
  state.chain.add(key);
  try {
    return await walkSpf(target, recs[0]!, dns, state, depth + 1, top);
  } finally {
    state.chain.delete(key);
  }
}

/** A modifier (redirect=, exp=) given more than once: a permanent error (RFC 7208 §6). */
function duplicateModifier(domain: string, name: string, term: string): Finding {
  return finding(
    "spf.syntax",
    "error",
    domain,
    `The SPF record of ${domain} has the modifier ${name}= more than once ("${term}"): a permanent error (RFC 7208).`,
    `Keep a single ${name}= in the record.`,
    {
      message: `Catatan SPF ${domain} berisi modifier ${name}= lebih dari sekali ("${term}"): kesalahan permanen (RFC 7208).`,
      fix: `Sisakan satu ${name}= saja di catatan tersebut.`,
    },
    { term, modifier: name },
  );
}

function syntax(domain: string, term: string): Finding {
  return finding(
    "spf.syntax",
    "error",
    domain,
    `The SPF record of ${domain} has a term receivers cannot read: "${term}" (a permanent error).`,
    "Correct or remove the term: mechanisms are all, include:, a, mx, ptr, ip4:, ip6:, exists:, modifiers redirect= and exp=.",
    {
      message: `Catatan SPF ${domain} berisi bagian yang tidak dapat dibaca server penerima: "${term}" (kesalahan permanen).`,
      fix: "Perbaiki atau hapus bagian tersebut: mekanisme yang sah adalah all, include:, a, mx, ptr, ip4:, ip6:, exists:, dan modifier redirect= serta exp=.",
    },
    { term },
  );
}

// ---------------------------------------------------------------------------------------------
// DKIM

/** Selectors of common mail services and tools, tried when none is given. */
export const COMMON_DKIM_SELECTORS = [
  "default",
  "dkim",
  "mail",
  "selector1",
  "selector2",
  "google",
  "k1",
  "k2",
  "k3",
  "s1",
  "s2",
  "smtp",
  "key1",
  "key2",
  "sig1",
  "mx",
  "pm",
  "mandrill",
  "mailjet",
  "zoho",
  "protonmail",
  "fm1",
  "fm2",
  "fm3",
  "everlytickey1",
  "everlytickey2",
  "dk",
  "ses",
  "amazonses",
  "sendgrid",
  "smtpapi",
  "mxvault",
] as const;

/** A tag=value list (DKIM, DMARC, TLS-RPT, BIMI records). */
export function parseTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const k = part.slice(0, i).trim().toLowerCase();
    if (!tags.has(k)) tags.set(k, part.slice(i + 1).trim());
  }
  return tags;
}

/** Tags named more than once in a tag=value list. */
function duplicateTags(record: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const part of record.split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const k = part.slice(0, i).trim().toLowerCase();
    if (seen.has(k)) twice.add(k);
    seen.add(k);
  }
  return [...twice];
}

export async function checkDkim(
  domain: string,
  dns: Dns,
  selectors: readonly string[] | undefined,
): Promise<Finding[]> {
  const given = selectors?.length ? [...selectors] : null;
  const list = given ?? [...COMMON_DKIM_SELECTORS];
  const answers = await Promise.all(list.map((s) => dns.txt(`${s}._domainkey.${domain}`)));
  const findings: Finding[] = [];
  let found = 0;
  const failed: { code: string }[] = [];
  list.forEach((sel, i) => {
    const name = `${sel}._domainkey.${domain}`;
    const a = answers[i]!;
    if (a.status === "error") {
      if (given) findings.push(dnsFailed("dkim", name, "the DKIM key", "kunci DKIM", a));
      else failed.push(a);
      return;
    }
    // White space may surround "=" (RFC 6376 §3.2: [FWS] "=" [FWS]).
    const recs =
      a.status === "ok" ? a.records.filter((r) => /(^|;)\s*(v\s*=\s*DKIM1|p\s*=|k\s*=)/i.test(r)) : [];
    if (!recs.length) {
      if (given)
        findings.push(
          finding(
            "dkim.missing",
            "error",
            name,
            `No DKIM key is published for selector "${sel}" (${name}): signatures with it fail.`,
            `Publish the public key your sending service gives you as a TXT record at ${name} (or the CNAME it asks for).`,
            {
              message: `Tidak ada kunci DKIM yang diterbitkan untuk selector "${sel}" (${name}): tanda tangan dengan selector ini gagal.`,
              fix: `Terbitkan kunci publik dari layanan pengirim Anda sebagai catatan TXT di ${name} (atau CNAME yang diminta layanan tersebut).`,
            },
          ),
        );
      return;
    }
    found++;
    findings.push(...lintDkim(name, recs[0]!));
  });
  // A key may be published under a selector whose lookup failed: that is not "none found".
  if (!given && !found && failed.length)
    findings.push(
      dnsFailed(
        "dkim",
        domain,
        `the DKIM keys of common selectors (${failed.length} of ${list.length} lookups failed)`,
        `kunci DKIM pada selector umum (${failed.length} dari ${list.length} kueri gagal)`,
        failed[0]!,
      ),
    );
  else if (!given && !found)
    findings.push(
      finding(
        "dkim.none_found",
        "warning",
        domain,
        `No DKIM key was found for ${domain} under ${list.length} common selectors.`,
        "Make sure your mail is DKIM-signed: turn signing on in your sending service and publish its key; then run the check with --dkim-selector set to the s= value of a signed message's DKIM-Signature.",
        {
          message: `Tidak ditemukan kunci DKIM untuk ${domain} pada ${list.length} selector umum.`,
          fix: "Pastikan email Anda ditandatangani DKIM: aktifkan penandatanganan di layanan pengirim Anda dan terbitkan kuncinya; lalu jalankan pemeriksaan lagi dengan --dkim-selector berisi nilai s= dari header DKIM-Signature pada pesan yang sudah ditandatangani.",
        },
        { tried: list },
      ),
    );
  return findings;
}

function lintDkim(name: string, record: string): Finding[] {
  const tags = parseTags(record);
  const f: Finding[] = [];
  const v = tags.get("v");
  if (v !== undefined && (v !== "DKIM1" || !/^\s*v\s*=/i.test(record)))
    f.push(
      finding(
        "dkim.syntax",
        "error",
        name,
        `The DKIM record at ${name} has a wrong version tag (v=${v}); it must be v=DKIM1 and come first.`,
        'Start the record with "v=DKIM1;".',
        {
          message: `Catatan DKIM di ${name} memiliki tag versi yang salah (v=${v}); tag ini harus v=DKIM1 dan berada di awal.`,
          fix: 'Awali catatan dengan "v=DKIM1;".',
        },
      ),
    );
  // A tag given twice makes the whole tag list invalid (RFC 6376 §3.2): receivers use no key.
  const twice = duplicateTags(record);
  if (twice.length) {
    const list = twice.map((t) => `${t}=`).join(", ");
    f.push(
      finding(
        "dkim.syntax",
        "error",
        name,
        `The DKIM record at ${name} names ${list} more than once, which makes the whole record invalid (RFC 6376 §3.2).`,
        "Publish the record with each tag once, as your sending service gives it.",
        {
          message: `Catatan DKIM di ${name} menyebut ${list} lebih dari sekali, sehingga seluruh catatan tidak valid (RFC 6376 §3.2).`,
          fix: "Terbitkan catatan dengan setiap tag sekali saja, seperti yang diberikan layanan pengirim Anda.",
        },
        { duplicates: twice },
      ),
    );
    return f;
  }
  const k = (tags.get("k") ?? "rsa").toLowerCase();
  const p = (tags.get("p") ?? "").replace(/\s+/g, "");
  if (!tags.has("p")) {
    f.push(
      finding(
        "dkim.syntax",
        "error",
        name,
        `The DKIM record at ${name} has no p= tag (public key).`,
        "Publish the full record your sending service gives you, including p=<key>.",
        {
          message: `Catatan DKIM di ${name} tidak memiliki tag p= (kunci publik).`,
          fix: "Terbitkan catatan lengkap yang diberikan layanan pengirim Anda, termasuk p=<kunci>.",
        },
      ),
    );
    return f;
  }
  if (p === "") {
    f.push(
      finding(
        "dkim.revoked",
        "warning",
        name,
        `The DKIM key at ${name} is revoked (empty p=): every signature with this selector fails.`,
        "If mail is still signed with this selector, publish its current key or switch signing to a selector with a published key.",
        {
          message: `Kunci DKIM di ${name} telah dicabut (p= kosong): setiap tanda tangan dengan selector ini gagal.`,
          fix: "Jika email masih ditandatangani dengan selector ini, terbitkan kuncinya yang berlaku, atau alihkan penandatanganan ke selector yang kuncinya sudah diterbitkan.",
        },
      ),
    );
    return f;
  }
  if (k !== "rsa" && k !== "ed25519") {
    f.push(
      finding(
        "dkim.key_type",
        "error",
        name,
        `The DKIM key at ${name} has an unknown key type k=${k}; receivers cannot verify with it.`,
        "Use k=rsa (2048 bits) or k=ed25519 together with an RSA key.",
        {
          message: `Kunci DKIM di ${name} memiliki jenis kunci yang tidak dikenal, k=${k}; server penerima tidak dapat memverifikasi tanda tangan dengannya.`,
          fix: "Gunakan k=rsa (2048 bit), atau k=ed25519 bersama kunci RSA.",
        },
      ),
    );
    return f;
  }
  let bits = 0;
  try {
    const der = Buffer.from(p, "base64");
    if (k === "ed25519") {
      if (der.length !== 32) throw new Error("bad ed25519 key");
      bits = 256;
    } else {
      const key = createPublicKey({ key: der, format: "der", type: "spki" });
      bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    }
  } catch {
    f.push(
      finding(
        "dkim.syntax",
        "error",
        name,
        `The public key (p=) at ${name} is not a valid ${k} key: signatures cannot be verified.`,
        "Copy the key again from your sending service: all of it, base64 without spaces or quotes inside.",
        {
          message: `Kunci publik (p=) di ${name} bukan kunci ${k} yang valid: tanda tangan tidak dapat diverifikasi.`,
          fix: "Salin ulang kunci dari layanan pengirim Anda secara utuh, dalam base64 tanpa spasi atau tanda kutip di dalamnya.",
        },
      ),
    );
    return f;
  }
  if (k === "rsa" && bits < 1024)
    f.push(
      finding(
        "dkim.weak_key",
        "error",
        name,
        `The DKIM key at ${name} has only ${bits} bits; receivers treat keys under 1024 bits as no signature.`,
        "Create a 2048-bit RSA key, publish it under a new selector, sign with it, then revoke the old one.",
        {
          message: `Kunci DKIM di ${name} hanya ${bits} bit; server penerima memperlakukan kunci di bawah 1024 bit seolah-olah pesan tidak ditandatangani.`,
          fix: "Buat kunci RSA 2048 bit, terbitkan di bawah selector baru, tandatangani email dengan kunci tersebut, lalu cabut kunci yang lama.",
        },
        { bits },
      ),
    );
  else if (k === "rsa" && bits < 2048)
    f.push(
      finding(
        "dkim.short_key",
        "info",
        name,
        `The DKIM key at ${name} has ${bits} bits; 2048 is the recommended size.`,
        "When you next rotate keys, use 2048 bits.",
        {
          message: `Kunci DKIM di ${name} berukuran ${bits} bit; ukuran yang disarankan adalah 2048 bit.`,
          fix: "Gunakan 2048 bit saat Anda merotasi kunci berikutnya.",
        },
        { bits },
      ),
    );
  const t = (tags.get("t") ?? "").split(":").map((x) => x.trim().toLowerCase());
  if (t.includes("y"))
    f.push(
      finding(
        "dkim.testing",
        "warning",
        name,
        `The DKIM key at ${name} is in testing mode (t=y): receivers may treat its signatures as absent.`,
        "Remove t=y from the record once signing works.",
        {
          message: `Kunci DKIM di ${name} dalam mode uji (t=y): server penerima dapat menganggap tanda tangannya tidak ada.`,
          fix: "Hapus t=y dari catatan setelah penandatanganan berjalan dengan baik.",
        },
      ),
    );
  // h= lists the hashes the key may be used with (RFC 6376 §3.6.1); rsa-sha1 signatures are
  // no longer valid (RFC 8301 §3.1), so a key limited to sha1 verifies nothing.
  const hashes = tags.has("h") ? (tags.get("h") ?? "").split(":").map((x) => x.trim().toLowerCase()) : null;
  if (hashes && !hashes.includes("sha256"))
    f.push(
      finding(
        "dkim.sha1_only",
        "error",
        name,
        `The DKIM key at ${name} allows only h=${hashes.join(":")}: receivers no longer accept rsa-sha1 signatures (RFC 8301), so mail signed with this key fails DKIM.`,
        "Remove h= from the record (or set h=sha256) and sign with rsa-sha256.",
        {
          message: `Kunci DKIM di ${name} hanya mengizinkan h=${hashes.join(":")}: server penerima tidak lagi menerima tanda tangan rsa-sha1 (RFC 8301), sehingga email yang ditandatangani dengan kunci ini gagal DKIM.`,
          fix: "Hapus h= dari catatan (atau tetapkan h=sha256) dan tandatangani email dengan rsa-sha256.",
        },
        { hashes },
      ),
    );
  // s= lists the services the key is for (RFC 6376 §3.6.1): "*" (the default) or "email".
  const services = tags.has("s") ? (tags.get("s") ?? "").split(":").map((x) => x.trim().toLowerCase()) : null;
  if (services && !services.includes("*") && !services.includes("email"))
    f.push(
      finding(
        "dkim.service",
        "error",
        name,
        `The DKIM key at ${name} is for s=${services.join(":")}, not email: receivers do not use it to verify mail.`,
        "Remove s= from the record (or set s=email).",
        {
          message: `Kunci DKIM di ${name} ditujukan untuk s=${services.join(":")}, bukan email: server penerima tidak menggunakannya untuk memverifikasi email.`,
          fix: "Hapus s= dari catatan (atau tetapkan s=email).",
        },
        { services },
      ),
    );
  if (!f.some((x) => x.severity === "error" || x.severity === "warning"))
    f.push(
      finding(
        "dkim.ok",
        "ok",
        name,
        `DKIM key at ${name}: ${k}, ${bits} bits.`,
        NO_FIX,
        { message: `Kunci DKIM di ${name}: ${k}, ${bits} bit.`, fix: NO_FIX_ID },
        { bits },
      ),
    );
  return f;
}

// ---------------------------------------------------------------------------------------------
// DMARC

export interface DmarcInfo {
  p: string | null;
  sp: string | null;
  pct: number;
}

export async function checkDmarc(
  domain: string,
  dns: Dns,
): Promise<{ findings: Finding[]; dmarc: DmarcInfo | null }> {
  const name = `_dmarc.${domain}`;
  let r = await dns.txt(name);
  if (r.status === "error")
    return { findings: [dnsFailed("dmarc", name, "the DMARC record", "catatan DMARC", r)], dmarc: null };
  let recs = dmarcRecords(r);
  const f: Finding[] = [];
  let at = name;
  let inherited = false;
  if (!recs.length) {
    // The Public Suffix List with its private section, as mailauth reads it: foo.github.io is an
    // organisation of its own, not part of github.io.
    const org = getDomain(domain, PSL_PRIVATE);
    if (org && org !== domain.toLowerCase()) {
      r = await dns.txt(`_dmarc.${org}`);
      if (r.status === "error")
        return {
          findings: [dnsFailed("dmarc", `_dmarc.${org}`, "the DMARC record", "catatan DMARC", r)],
          dmarc: null,
        };
      recs = dmarcRecords(r);
      if (recs.length) {
        at = `_dmarc.${org}`;
        inherited = true;
        f.push(
          finding(
            "dmarc.org_fallback",
            "info",
            domain,
            `${domain} has no DMARC record of its own; the record of its organisational domain ${org} applies (its sp= policy, or p=).`,
            `Nothing to do if that policy fits ${domain}; publish _dmarc.${domain} to give it a policy of its own.`,
            {
              message: `${domain} tidak memiliki catatan DMARC sendiri; yang berlaku adalah catatan domain organisasinya, ${org} (kebijakan sp=, atau p=).`,
              fix: `Tidak ada yang perlu dilakukan jika kebijakan itu sesuai untuk ${domain}; terbitkan _dmarc.${domain} agar domain ini memiliki kebijakan sendiri.`,
            },
            { orgDomain: org },
          ),
        );
      }
    }
  }
  if (!recs.length)
    return {
      findings: [
        finding(
          "dmarc.missing",
          "error",
          domain,
          `${domain} has no DMARC record: Gmail, Yahoo and Microsoft require one from bulk senders, and nothing stops others from spoofing the domain.`,
          `Publish a TXT record at _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc@${domain}", read the reports, then move to p=quarantine and p=reject.`,
          {
            message: `${domain} tidak memiliki catatan DMARC: Gmail, Yahoo, dan Microsoft mewajibkannya bagi pengirim email massal, dan tanpa catatan ini tidak ada yang mencegah pihak lain memalsukan domain tersebut.`,
            fix: `Terbitkan catatan TXT di _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc@${domain}", baca laporannya, lalu naikkan kebijakan ke p=quarantine dan p=reject.`,
          },
        ),
      ],
      dmarc: null,
    };
  if (recs.length > 1)
    return {
      findings: [
        finding(
          "dmarc.multiple",
          "error",
          at,
          `${at} has ${recs.length} DMARC records; receivers then apply no DMARC policy at all.`,
          "Keep exactly one v=DMARC1 record.",
          {
            message: `${at} memiliki ${recs.length} catatan DMARC; akibatnya server penerima sama sekali tidak menerapkan kebijakan DMARC.`,
            fix: "Sisakan tepat satu catatan v=DMARC1.",
          },
          { records: recs },
        ),
      ],
      dmarc: null,
    };
  const rec = recs[0]!;
  const tags = parseTags(rec);
  const POLICIES = ["none", "quarantine", "reject"];
  const p = tags.get("p")?.toLowerCase() ?? null;
  const sp = tags.get("sp")?.toLowerCase() ?? null;
  const pctRaw = tags.get("pct");
  // 1*3DIGIT (RFC 7489 §6.4): Number() would also read "", "0x32" and "1e2".
  const pct = pctRaw === undefined ? 100 : /^\d{1,3}$/.test(pctRaw.trim()) ? Number(pctRaw) : Number.NaN;
  // Each problem in English (`bad`, also in data.problems) and in Indonesian (`badId`).
  const bad: string[] = [];
  const badId: string[] = [];
  const problem = (en: string, id: string) => {
    bad.push(en);
    badId.push(id);
  };
  // Whitespace may surround "=" and ";" (RFC 7489 §6.4: *WSP "=" *WSP, dmarc-sep). The value must
  // be DMARC1 exactly (§6.3: otherwise receivers ignore the whole record).
  if (!/^[vV][ \t]*=[ \t]*DMARC1[ \t]*(;|$)/.test(rec.trim()))
    problem(
      "the record must start with v=DMARC1; (DMARC1 in capitals: receivers ignore the record otherwise)",
      "catatan harus diawali dengan v=DMARC1; (DMARC1 huruf kapital: penerima mengabaikan catatan jika tidak)",
    );
  // A tag given twice makes the whole tag list invalid (RFC 7489 §6.4 uses RFC 6376 §3.2's rules).
  for (const t of duplicateTags(rec))
    problem(`the tag ${t}= appears more than once`, `tag ${t}= muncul lebih dari sekali`);
  if (p === null)
    problem(
      "p= is missing: it must be none, quarantine or reject",
      "p= tidak ada: harus none, quarantine, atau reject",
    );
  else if (!POLICIES.includes(p))
    problem(
      `p= must be none, quarantine or reject (found ${p})`,
      `p= harus none, quarantine, atau reject (yang ditemukan: ${p})`,
    );
  if (sp !== null && !POLICIES.includes(sp))
    problem(
      `sp= must be none, quarantine or reject (found ${sp})`,
      `sp= harus none, quarantine, atau reject (yang ditemukan: ${sp})`,
    );
  if (!Number.isInteger(pct) || pct < 0 || pct > 100)
    problem(`pct= must be 0 to 100 (found ${pctRaw})`, `pct= harus 0 sampai 100 (yang ditemukan: ${pctRaw})`);
  for (const t of ["adkim", "aspf"]) {
    const v = tags.get(t);
    if (v !== undefined && !/^[rs]$/i.test(v))
      problem(`${t}= must be r or s (found ${v})`, `${t}= harus r atau s (yang ditemukan: ${v})`);
  }
  for (const t of ["rua", "ruf"]) {
    const v = tags.get(t);
    if (v?.split(",").some((u) => !/^(mailto:[^@\s]+@[^@\s]+|https?:\/\/\S+)$/i.test(u.trim())))
      problem(
        `${t}= must be a list of mailto: addresses (found ${v})`,
        `${t}= harus berupa daftar alamat mailto: (yang ditemukan: ${v})`,
      );
  }
  if (bad.length)
    f.push(
      finding(
        "dmarc.syntax",
        "error",
        at,
        `The DMARC record at ${at} is not valid: ${bad.join("; ")}.`,
        `Correct the record, e.g. "v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}".`,
        {
          message: `Catatan DMARC di ${at} tidak valid: ${badId.join("; ")}.`,
          fix: `Perbaiki catatan tersebut, misalnya "v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}".`,
        },
        { record: rec, problems: bad },
      ),
    );
  const applied = inherited ? (sp ?? p) : p;
  // A subdomain without a record of its own gets the organisational record's sp= (else its p=).
  const tag = inherited && sp !== null ? "sp" : "p";
  const org = at.slice("_dmarc.".length);
  if (applied === "none")
    f.push(
      finding(
        "dmarc.policy_none",
        "warning",
        at,
        tag === "sp"
          ? `The DMARC policy of ${domain} is sp=none, from the record of its organisational domain ${org} (p=${p}): it only monitors ${domain}, so spoofed mail from it is still delivered.`
          : `The DMARC policy of ${domain} is p=none: it only monitors, so spoofed mail is still delivered and Gmail and Yahoo see no enforcement.`,
        tag === "sp"
          ? `Remove sp=none from _dmarc.${org} (subdomains then follow p=${p}) or set sp=quarantine or sp=reject there; or publish _dmarc.${domain} with a policy of its own.`
          : "Once the aggregate reports show your real mail passing SPF or DKIM aligned, move to p=quarantine, then p=reject.",
        {
          message:
            tag === "sp"
              ? `Kebijakan DMARC ${domain} adalah sp=none, dari catatan domain organisasinya ${org} (p=${p}): kebijakan ini hanya memantau ${domain}, sehingga email palsu darinya tetap terkirim.`
              : `Kebijakan DMARC ${domain} adalah p=none: kebijakan ini hanya memantau, sehingga email palsu tetap terkirim, dan Gmail serta Yahoo menganggap domain ini tidak menegakkan DMARC.`,
          fix:
            tag === "sp"
              ? `Hapus sp=none dari _dmarc.${org} (subdomain kemudian mengikuti p=${p}) atau tetapkan sp=quarantine atau sp=reject di sana; atau terbitkan _dmarc.${domain} dengan kebijakan sendiri.`
              : "Setelah laporan agregat menunjukkan bahwa email Anda yang sebenarnya lolos SPF atau DKIM secara selaras (aligned), naikkan kebijakan ke p=quarantine, lalu ke p=reject.",
        },
        { policy: applied, tag },
      ),
    );
  // sp= counts only in an organisational domain's record (RFC 7489 §6.3): elsewhere it is no gap.
  const orgRecord = (getDomain(domain, PSL_PRIVATE) ?? domain.toLowerCase()) === domain.toLowerCase();
  if (!inherited && orgRecord && sp === "none" && (p === "quarantine" || p === "reject"))
    f.push(
      finding(
        "dmarc.subdomain_none",
        "warning",
        at,
        `The DMARC record of ${domain} enforces p=${p} but sp=none leaves its subdomains open to spoofing.`,
        "Remove sp=none (subdomains then follow p=) or set sp=quarantine or sp=reject.",
        {
          message: `Catatan DMARC ${domain} menerapkan p=${p}, tetapi sp=none membiarkan subdomainnya terbuka terhadap pemalsuan (spoofing).`,
          fix: "Hapus sp=none (subdomain kemudian mengikuti p=), atau tetapkan sp=quarantine atau sp=reject.",
        },
      ),
    );
  if (Number.isInteger(pct) && pct < 100 && applied !== "none")
    f.push(
      finding(
        "dmarc.pct",
        "warning",
        at,
        `The DMARC policy of ${domain} applies to only ${pct}% of failing mail (pct=${pct}).`,
        "Raise pct to 100 (or remove it) once you have checked the reports.",
        {
          message: `Kebijakan DMARC ${domain} hanya berlaku untuk ${pct}% email yang gagal (pct=${pct}).`,
          fix: "Naikkan pct menjadi 100 (atau hapus tag tersebut) setelah Anda memeriksa laporannya.",
        },
        { pct },
      ),
    );
  if (!tags.has("rua"))
    f.push(
      finding(
        "dmarc.no_rua",
        "warning",
        at,
        `The DMARC record of ${domain} has no rua= address, so you get no reports of who sends as ${domain} and what fails.`,
        `Add rua=mailto:dmarc-reports@${domain} (or the address of a DMARC report service).`,
        {
          message: `Catatan DMARC ${domain} tidak memiliki alamat rua=, sehingga Anda tidak menerima laporan tentang siapa saja yang mengirim email sebagai ${domain} dan apa yang gagal.`,
          fix: `Tambahkan rua=mailto:dmarc-reports@${domain} (atau alamat layanan laporan DMARC).`,
        },
      ),
    );
  if (!bad.length) f.push(...(await unauthorizedReportDestinations(at.slice("_dmarc.".length), tags, dns)));
  if (tags.get("adkim")?.toLowerCase() === "s" || tags.get("aspf")?.toLowerCase() === "s")
    f.push(
      finding(
        "dmarc.strict_alignment",
        "info",
        at,
        `The DMARC record of ${domain} asks for strict alignment (adkim=s or aspf=s): mail signed or sent from a subdomain fails.`,
        "Keep strict alignment only if every sending service uses exactly the From domain; otherwise use relaxed (the default).",
        {
          message: `Catatan DMARC ${domain} meminta keselarasan ketat (adkim=s atau aspf=s): email yang ditandatangani atau dikirim dari subdomain akan gagal.`,
          fix: "Pertahankan keselarasan ketat hanya jika setiap layanan pengirim menggunakan domain From yang persis sama; jika tidak, gunakan relaxed (bawaan).",
        },
      ),
    );
  if (!f.some((x) => x.severity === "error" || x.severity === "warning"))
    f.push(
      finding("dmarc.ok", "ok", at, `DMARC: "${rec}".`, NO_FIX, {
        message: `Catatan DMARC: "${rec}".`,
        fix: NO_FIX_ID,
      }),
    );
  return { findings: f, dmarc: bad.length ? null : { p: applied, sp: inherited ? null : sp, pct } };
}

/**
 * Report addresses (rua=, ruf=) outside the record's own organisational domain: the receiving
 * domain must agree to take them with a TXT record "v=DMARC1" at
 * <policy domain>._report._dmarc.<destination> (RFC 7489 §7.1), or receivers send no reports there.
 * A destination whose DNS fails is not judged.
 */
async function unauthorizedReportDestinations(
  policyDomain: string,
  tags: Map<string, string>,
  dns: Dns,
): Promise<Finding[]> {
  // Compared in ASCII: bücher.de and xn--bcher-kva.de are one domain, however each is written.
  const ascii = (name: string) => domainToASCII(name.toLowerCase()) || name.toLowerCase();
  const own = getDomain(ascii(policyDomain), PSL_PRIVATE) ?? ascii(policyDomain);
  const destinations = new Map<string, string[]>();
  for (const t of ["rua", "ruf"]) {
    for (const uri of tags.get(t)?.split(",") ?? []) {
      const m = /^mailto:[^@\s]+@([^@\s!]+)/i.exec(uri.trim());
      const host = m?.[1]?.toLowerCase().replace(/\.$/, "");
      if (!host || (getDomain(ascii(host), PSL_PRIVATE) ?? ascii(host)) === own) continue;
      const list = destinations.get(host) ?? [];
      if (!list.includes(t)) list.push(t);
      destinations.set(host, list);
    }
  }
  const out: Finding[] = [];
  for (const [host, kinds] of destinations) {
    const name = `${policyDomain}._report._dmarc.${host}`;
    const r = await dns.txt(name);
    if (r.status === "error") continue;
    if (r.status === "ok" && r.records.some((t) => /^\s*v\s*=\s*DMARC1\s*(;|$)/.test(t))) continue;
    const which = kinds.map((k) => `${k}=`).join(" and ");
    out.push(
      finding(
        "dmarc.rua_unauthorized",
        "warning",
        `_dmarc.${policyDomain}`,
        `The DMARC reports of ${policyDomain} (${which}) go to ${host}, outside its own domain, and ${host} has not agreed to take them: there is no "v=DMARC1" TXT record at ${name}, so receivers send no reports there.`,
        `Ask the owner of ${host} (your DMARC report service) to publish TXT "v=DMARC1" at ${name} (or *._report._dmarc.${host}), or send the reports to an address in ${own}.`,
        {
          message: `Laporan DMARC ${policyDomain} (${which}) dikirim ke ${host}, di luar domainnya sendiri, dan ${host} belum menyetujui untuk menerimanya: tidak ada catatan TXT "v=DMARC1" di ${name}, sehingga server penerima tidak mengirim laporan ke sana.`,
          fix: `Minta pemilik ${host} (layanan laporan DMARC Anda) untuk menerbitkan TXT "v=DMARC1" di ${name} (atau *._report._dmarc.${host}), atau kirim laporan ke alamat di ${own}.`,
        },
        { destination: host, tags: kinds, record: name },
      ),
    );
  }
  return out;
}

function dmarcRecords(r: DnsAnswer<string>): string[] {
  return r.status === "ok" ? r.records.filter((t) => /^\s*v\s*=\s*DMARC1/i.test(t)) : [];
}

// ---------------------------------------------------------------------------------------------
// MTA-STS, TLS-RPT, BIMI

/** How long fetching one MTA-STS policy file may take, connecting included (milliseconds). */
export const MTA_STS_TIMEOUT_MS = 10_000;
/** The largest MTA-STS policy file read (bytes). */
export const MTA_STS_MAX_BYTES = 64 * 1024;

/** What went wrong fetching an MTA-STS policy file (`data.reason` of `mta_sts.policy_unreachable`). */
export type PolicyFetchReason =
  | "dns"
  | "refused"
  | "unreachable"
  | "timeout"
  | "certificate"
  | "tls"
  | "redirect"
  | "too_large";

/**
 * A policy file that could not be fetched: `message` says why in English, `indonesian` the same in
 * Indonesian, `data` the facts (host, address, error code, redirect target).
 */
export class PolicyFetchError extends Error {
  readonly reason: PolicyFetchReason;
  readonly indonesian: string;
  readonly data: Record<string, unknown>;
  constructor(reason: PolicyFetchReason, message: string, indonesian: string, data: Record<string, unknown>) {
    super(message);
    this.name = "PolicyFetchError";
    this.reason = reason;
    this.indonesian = indonesian;
    this.data = data;
  }
}

/** How `mtaStsFetcher` connects (CheckOptions.mtaStsPort and mtaStsCa). */
export interface MtaStsFetchOptions {
  /** TCP port of the policy servers (default 443); the Host header and SNI stay the host name. */
  port?: number;
  /** Certificate(s) of CAs to trust besides node's default ones (PEM). */
  ca?: string | readonly string[];
  /** Time for the whole fetch after the DNS lookup (default MTA_STS_TIMEOUT_MS). */
  timeoutMs?: number;
  /** The largest file read (default MTA_STS_MAX_BYTES); a larger 200 answer is a failure. */
  maxBytes?: number;
}

/**
 * The MTA-STS policy fetcher of the checks (RFC 8461 section 3.3): resolves the policy host with the
 * checks' own resolver, connects with node:https to its addresses in turn (the next one only when a
 * connection is refused or fails), sends SNI and Host with the host name, verifies the certificate
 * against node's trusted CAs (and `ca`), follows no redirect, gives up after 10 s and reads at most
 * 64 KB. Throws a `PolicyFetchError` saying why when there is no HTTP answer to report.
 */
export function mtaStsFetcher(dns: Dns, options: MtaStsFetchOptions = {}): FetchText {
  const port = options.port ?? 443;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`not a port number: ${port}`);
  const timeoutMs = options.timeoutMs ?? MTA_STS_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MTA_STS_MAX_BYTES;
  const extra =
    options.ca === undefined ? [] : typeof options.ca === "string" ? [options.ca] : [...options.ca];
  // A given `ca` replaces node's list in a TLS context: keep node's list and add the extra ones.
  const ca = extra.length ? [...rootCertificates, ...extra] : undefined;
  return async (url) => {
    const u = new URL(url);
    if (u.protocol !== "https:") throw new TypeError(`not an https URL: ${url}`);
    const host = u.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
    const addresses = isIP(host) ? [host] : await policyAddresses(dns, host);
    const deadline = Date.now() + timeoutMs;
    let first: PolicyFetchError | undefined;
    for (const address of addresses.slice(0, 4)) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      try {
        return await httpsGet({
          host,
          address,
          port,
          path: `${u.pathname}${u.search}`,
          ca,
          timeoutMs: left,
          totalMs: timeoutMs,
          maxBytes,
        });
      } catch (e) {
        // Another address of the host may answer; any other failure is the server's answer.
        if (!(e instanceof PolicyFetchError) || (e.reason !== "refused" && e.reason !== "unreachable"))
          throw e;
        first ??= e;
      }
    }
    throw first ?? timedOut(host, endpoint(addresses[0]!, port), timeoutMs);
  };
}

async function policyAddresses(dns: Dns, host: string): Promise<string[]> {
  const a = await dns.addresses(host);
  if (a.status === "ok") return a.records;
  if (a.status === "error")
    throw new PolicyFetchError(
      "dns",
      `looking up ${host} failed: ${describeDnsError(a.code)}`,
      `pencarian alamat ${host} gagal: ${describeDnsError(a.code, "id")}`,
      { host, code: a.code },
    );
  if (a.status === "nxdomain")
    throw new PolicyFetchError("dns", `${host} does not exist in DNS`, `${host} tidak ada di DNS`, { host });
  throw new PolicyFetchError(
    "dns",
    `${host} has no A or AAAA record`,
    `${host} tidak memiliki catatan A atau AAAA`,
    { host },
  );
}

function endpoint(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function timedOut(host: string, at: string, totalMs: number): PolicyFetchError {
  const s = totalMs / 1000;
  return new PolicyFetchError(
    "timeout",
    `no answer from ${at} within ${s} s`,
    `tidak ada jawaban dari ${at} dalam ${s} detik`,
    { host, address: at },
  );
}

interface HttpsGet {
  host: string;
  address: string;
  port: number;
  path: string;
  ca: string[] | undefined;
  timeoutMs: number;
  totalMs: number;
  maxBytes: number;
}

/** One GET of `path` from `host` at `address`, its certificate checked against `host`. */
function httpsGet(o: HttpsGet): Promise<{ status: number; body: string }> {
  const at = endpoint(o.address, o.port);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: PolicyFetchError | null, value?: { status: number; body: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      if (error) reject(error);
      else resolve(value!);
    };
    const req = request(
      {
        host: o.address,
        port: o.port,
        path: o.path,
        method: "GET",
        headers: { host: o.host, accept: "text/plain", "user-agent": "diagnosa (MTA-STS check)" },
        ...(isIP(o.host) ? {} : { servername: o.host }),
        ...(o.ca ? { ca: o.ca } : {}),
        rejectUnauthorized: true,
        minVersion: "TLSv1.2",
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          settle(redirected(o.host, status, res.headers.location));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const body = () => Buffer.concat(chunks).toString("utf8");
        res.on("data", (chunk: Buffer) => {
          if (size + chunk.length <= o.maxBytes) {
            size += chunk.length;
            chunks.push(chunk);
          } else if (status === 200) {
            const kb = o.maxBytes / 1024;
            settle(
              new PolicyFetchError(
                "too_large",
                `the policy file is larger than ${kb} KB`,
                `berkas kebijakan lebih besar dari ${kb} KB`,
                { host: o.host, limit: o.maxBytes },
              ),
            );
          } else {
            // Only the status of another answer matters: keep what fits.
            chunks.push(chunk.subarray(0, o.maxBytes - size));
            settle(null, { status, body: body() });
          }
        });
        res.on("end", () => settle(null, { status, body: body() }));
        res.on("error", (e) => settle(connectionFailed(e, o.host, at)));
        res.on("close", () => {
          if (!res.complete)
            settle(connectionFailed(Object.assign(new Error("aborted"), { code: "ECONNRESET" }), o.host, at));
        });
      },
    );
    req.on("error", (e) => settle(connectionFailed(e, o.host, at)));
    const timer = setTimeout(() => settle(timedOut(o.host, at, o.totalMs)), o.timeoutMs);
    req.end();
  });
}

function redirected(host: string, status: number, location: string | undefined): PolicyFetchError {
  return new PolicyFetchError(
    "redirect",
    `HTTP ${status} redirect${location ? ` to ${location}` : ""}, and MTA-STS forbids redirects (RFC 8461)`,
    `pengalihan (redirect) HTTP ${status}${location ? ` ke ${location}` : ""}, padahal MTA-STS melarang pengalihan (RFC 8461)`,
    { host, status, ...(location ? { location } : {}) },
  );
}

/** Certificate errors of node/OpenSSL that mean "not signed by a CA you trust". */
const UNTRUSTED = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
]);

/** A node error of connecting, TLS or reading, as a failure with its reason in both languages. */
function connectionFailed(e: Error, host: string, at: string): PolicyFetchError {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  const data: Record<string, unknown> = { host, address: at, ...(code ? { code } : {}) };
  const cert = (en: string, id: string) =>
    new PolicyFetchError(
      "certificate",
      `certificate error ${code}: ${en}`,
      `kesalahan sertifikat ${code}: ${id}`,
      data,
    );
  if (code === "ECONNREFUSED")
    return new PolicyFetchError("refused", `connection refused by ${at}`, `koneksi ditolak oleh ${at}`, data);
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    const names = (e as Error & { cert?: { subjectaltname?: string } }).cert?.subjectaltname;
    if (names) data.certificateNames = names;
    return cert(`the certificate at ${at} is not for ${host}`, `sertifikat di ${at} bukan untuk ${host}`);
  }
  if (code === "CERT_HAS_EXPIRED")
    return cert(`the certificate of ${host} has expired`, `sertifikat ${host} sudah kedaluwarsa`);
  if (code === "CERT_NOT_YET_VALID")
    return cert(`the certificate of ${host} is not valid yet`, `sertifikat ${host} belum berlaku`);
  if (UNTRUSTED.has(code))
    return cert(
      `the certificate of ${host} is not signed by a trusted certificate authority`,
      `sertifikat ${host} tidak ditandatangani oleh otoritas sertifikat (CA) tepercaya`,
    );
  if (/CERT|ISSUER|SIGNATURE|HOSTNAME|PURPOSE/.test(code))
    return cert(`the certificate of ${host} was rejected`, `sertifikat ${host} ditolak`);
  if (code === "EPROTO" || code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS")) {
    data.error = e.message;
    return new PolicyFetchError(
      "tls",
      `the TLS handshake with ${at} failed (${code})`,
      `jabat tangan TLS dengan ${at} gagal (${code})`,
      data,
    );
  }
  if (code === "ECONNRESET" || e.message === "socket hang up")
    return new PolicyFetchError(
      "unreachable",
      `${at} closed the connection before answering`,
      `${at} menutup koneksi sebelum menjawab`,
      data,
    );
  data.error = e.message;
  return new PolicyFetchError(
    "unreachable",
    `could not connect to ${at} (${code || e.message})`,
    `tidak dapat terhubung ke ${at} (${code || e.message})`,
    data,
  );
}

/** Why a fetch failed, in both languages, with its facts: a PolicyFetchError or any other error. */
function fetchFailure(e: unknown): Why {
  if (e instanceof PolicyFetchError)
    return { en: e.message, id: e.indonesian, data: { reason: e.reason, ...e.data } };
  const message = e instanceof Error ? e.message : String(e);
  return { en: message, id: `galat: ${message}`, data: { reason: "error", error: message } };
}

interface Why {
  en: string;
  id: string;
  data: Record<string, unknown>;
}

/**
 * MTA-STS of `domain`: its _mta-sts TXT record, then its policy file fetched with `fetchText`
 * (default: `mtaStsFetcher(dns)`), parsed and matched against the MX hosts.
 */
export async function checkMtaSts(
  domain: string,
  dns: Dns,
  mx: MxRecord[],
  fetchText: FetchText = mtaStsFetcher(dns),
): Promise<Finding[]> {
  const name = `_mta-sts.${domain}`;
  const r = await dns.txt(name);
  if (r.status === "error") return [dnsFailed("mta_sts", name, "the MTA-STS record", "catatan MTA-STS", r)];
  const recs = r.status === "ok" ? r.records.filter((t) => /^v=STSv1/i.test(t.trim())) : [];
  if (!recs.length)
    return [
      finding(
        "mta_sts.missing",
        "info",
        domain,
        `${domain} has no MTA-STS policy, so senders may deliver to it without verified TLS.`,
        `Optional: publish _mta-sts.${domain} TXT "v=STSv1; id=<date>" and a policy at https://mta-sts.${domain}/.well-known/mta-sts.txt (start with mode: testing).`,
        {
          message: `${domain} tidak memiliki kebijakan MTA-STS, sehingga pengirim dapat mengirim email ke domain ini tanpa TLS yang terverifikasi.`,
          fix: `Opsional: terbitkan _mta-sts.${domain} TXT "v=STSv1; id=<tanggal>" dan kebijakan di https://mta-sts.${domain}/.well-known/mta-sts.txt (mulai dengan mode: testing).`,
        },
      ),
    ];
  const tags = parseTags(recs[0]!);
  if (recs.length > 1 || !/^[a-z0-9]{1,32}$/i.test(tags.get("id") ?? ""))
    return [
      finding(
        "mta_sts.record_invalid",
        "error",
        name,
        recs.length > 1
          ? `${name} has ${recs.length} MTA-STS records; senders then ignore the policy.`
          : `The MTA-STS record at ${name} has no valid id= (1 to 32 letters and digits).`,
        'Keep one record: "v=STSv1; id=20240101T000000" and change the id whenever the policy changes.',
        {
          message:
            recs.length > 1
              ? `${name} memiliki ${recs.length} catatan MTA-STS; akibatnya pengirim mengabaikan kebijakan tersebut.`
              : `Catatan MTA-STS di ${name} tidak memiliki id= yang valid (1 sampai 32 huruf dan angka).`,
          fix: 'Sisakan satu catatan: "v=STSv1; id=20240101T000000" dan ubah id setiap kali kebijakan berubah.',
        },
      ),
    ];
  const url = `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
  let res: { status: number; body: string };
  try {
    res = await fetchText(url);
  } catch (e) {
    return [policyUnreachable(domain, url, fetchFailure(e))];
  }
  // A fetcher given by the library's user may hand back a redirect rather than follow it.
  if (res.status >= 300 && res.status < 400)
    return [
      policyUnreachable(domain, url, fetchFailure(redirected(`mta-sts.${domain}`, res.status, undefined))),
    ];
  if (res.status !== 200)
    return [
      policyUnreachable(domain, url, {
        en: `the server answered HTTP ${res.status}`,
        id: `server menjawab HTTP ${res.status}`,
        data: { reason: "http_status", status: res.status },
      }),
    ];
  let policy: ReturnType<typeof parsePolicy>;
  try {
    policy = parsePolicy(res.body);
    if (policy.version !== "STSv1")
      throw policyError("the first line must be version: STSv1", "baris pertama harus version: STSv1");
    // mailauth takes a policy without mode: as mode none; RFC 8461 §3.2 requires the field.
    if (!res.body.split(/\r?\n/).some((l) => /^\s*mode\s*:/i.test(l)))
      throw policyError("no mode: line", "tidak ada baris mode:");
    if (!["enforce", "testing", "none"].includes(policy.mode))
      throw policyError(`unknown mode ${policy.mode}`, `mode tidak dikenal: ${policy.mode}`);
    if (!policy.mx?.length && policy.mode !== "none")
      throw policyError("no mx: lines", "tidak ada baris mx:");
    // 0 is a valid max_age (RFC 8461 §3.2: 0 to 31557600); mailauth refuses a missing one, but
    // reads an empty or hex value through Number(): the line itself must be 1*10DIGIT.
    if (policy.maxAge === undefined) throw policyError("no max_age", "tidak ada max_age");
    if (!res.body.split(/\r?\n/).some((l) => /^\s*max_age\s*:\s*\d{1,10}\s*$/i.test(l)))
      throw policyError("max_age must be a whole number of seconds", "max_age harus bilangan bulat detik");
  } catch (e) {
    return [
      finding(
        "mta_sts.policy_invalid",
        "error",
        url,
        `The MTA-STS policy file of ${domain} is not valid: ${(e as Error).message}.`,
        "Write the file as lines: version: STSv1, mode: testing|enforce|none, mx: <each MX host or *.domain>, max_age: <seconds>.",
        {
          message: `Berkas kebijakan MTA-STS ${domain} tidak valid: ${policyProblemId(e)}.`,
          fix: "Tulis berkas tersebut baris per baris: version: STSv1, mode: testing|enforce|none, mx: <setiap host MX atau *.domain>, max_age: <detik>.",
        },
      ),
    ];
  }
  const f: Finding[] = [];
  if (policy.mode !== "none") {
    const uncovered = mx.filter((m) => !mxCovered(m.exchange, policy.mx ?? [])).map((m) => m.exchange);
    if (uncovered.length)
      f.push(
        finding(
          "mta_sts.mx_mismatch",
          "error",
          url,
          `The MTA-STS policy of ${domain} does not list the MX host(s) ${uncovered.join(", ")}: in enforce mode senders refuse to deliver there.`,
          "Add an mx: line for each MX host (or a *.domain pattern that covers them) and change the id in the TXT record.",
          {
            message: `Kebijakan MTA-STS ${domain} tidak mencantumkan host MX ${uncovered.join(", ")}: dalam mode enforce, pengirim menolak mengirim email ke sana.`,
            fix: "Tambahkan baris mx: untuk setiap host MX (atau pola *.domain yang mencakupnya), lalu ubah id pada catatan TXT.",
          },
          { uncovered },
        ),
      );
  }
  if (policy.mode === "testing")
    f.push(
      finding(
        "mta_sts.testing",
        "info",
        url,
        `The MTA-STS policy of ${domain} is in testing mode: failures are reported (TLS-RPT) but mail is still delivered.`,
        "Move to mode: enforce once TLS reports show no failures.",
        {
          message: `Kebijakan MTA-STS ${domain} dalam mode testing: kegagalan dilaporkan (TLS-RPT), tetapi email tetap terkirim.`,
          fix: "Beralih ke mode: enforce setelah laporan TLS tidak lagi menunjukkan kegagalan.",
        },
      ),
    );
  if (!f.some((x) => x.severity === "error"))
    f.push(
      finding(
        "mta_sts.ok",
        "ok",
        url,
        `MTA-STS policy: mode ${policy.mode}, mx ${policy.mx?.join(", ")}.`,
        NO_FIX,
        { message: `Kebijakan MTA-STS: mode ${policy.mode}, mx ${policy.mx?.join(", ")}.`, fix: NO_FIX_ID },
      ),
    );
  return f;
}

/**
 * Whether a policy's mx: patterns cover an MX host (RFC 8461 §4.1): an exact name, or "*." and the
 * rest of the name, the wildcard standing for exactly one label (*.example.com covers
 * mail.example.com, not a.mail.example.com; mailauth's validateMx takes any suffix).
 */
export function mxCovered(host: string, patterns: readonly string[]): boolean {
  const norm = (n: string) => {
    const lower = n.trim().toLowerCase().replace(/\.$/, "");
    return domainToASCII(lower) || lower;
  };
  const h = norm(host);
  return patterns.some((raw) => {
    const p = norm(raw);
    if (!p.startsWith("*.")) return p === h;
    const dot = h.indexOf(".");
    return dot > 0 && h.slice(dot + 1) === p.slice(2);
  });
}

/** A problem of an MTA-STS policy file, in English (its message) and in Indonesian. */
function policyError(en: string, id: string): Error {
  return Object.assign(new Error(en), { indonesian: id });
}

/** mailauth's parsePolicy errors by code, in Indonesian. */
const POLICY_ERRORS_ID: Record<string, string> = {
  invalid_sts_version: "kolom version tidak valid",
  invalid_sts_mode: "kolom mode tidak valid",
  invalid_sts_max_age: "kolom max_age tidak valid",
  invalid_sts_mx: "kolom mx tidak ada",
};

function policyProblemId(e: unknown): string {
  const err = e as Error & { indonesian?: string; code?: string };
  return (
    err.indonesian ?? (err.code && POLICY_ERRORS_ID[err.code]) ?? `berkas tidak dapat dibaca (${err.message})`
  );
}

function policyUnreachable(domain: string, url: string, why: Why): Finding {
  return finding(
    "mta_sts.policy_unreachable",
    "error",
    url,
    `${domain} announces MTA-STS but its policy file could not be fetched (${why.en}).`,
    `Serve the policy at ${url} over HTTPS with a valid certificate for mta-sts.${domain} (no redirects), or remove the _mta-sts TXT record.`,
    {
      message: `${domain} mengumumkan MTA-STS, tetapi berkas kebijakannya tidak dapat diambil (${why.id}).`,
      fix: `Sajikan kebijakan di ${url} melalui HTTPS dengan sertifikat yang valid untuk mta-sts.${domain} (tanpa pengalihan/redirect), atau hapus catatan TXT _mta-sts.`,
    },
    why.data,
  );
}

export async function checkTlsRpt(domain: string, dns: Dns): Promise<Finding[]> {
  const name = `_smtp._tls.${domain}`;
  const r = await dns.txt(name);
  if (r.status === "error") return [dnsFailed("tls_rpt", name, "the TLS-RPT record", "catatan TLS-RPT", r)];
  const recs = r.status === "ok" ? r.records.filter((t) => /^v=TLSRPTv1/i.test(t.trim())) : [];
  if (!recs.length)
    return [
      finding(
        "tls_rpt.missing",
        "info",
        domain,
        `${domain} has no TLS-RPT record, so nobody reports TLS failures of mail sent to it.`,
        `Optional: publish _smtp._tls.${domain} TXT "v=TLSRPTv1; rua=mailto:tls-reports@${domain}".`,
        {
          message: `${domain} tidak memiliki catatan TLS-RPT, sehingga tidak ada yang melaporkan kegagalan TLS pada email yang dikirim ke domain ini.`,
          fix: `Opsional: terbitkan _smtp._tls.${domain} TXT "v=TLSRPTv1; rua=mailto:tls-reports@${domain}".`,
        },
      ),
    ];
  const rua = parseTags(recs[0]!).get("rua") ?? "";
  if (
    recs.length > 1 ||
    !rua ||
    rua.split(",").some((u) => !/^(mailto:\S+@\S+|https:\/\/\S+)$/i.test(u.trim()))
  )
    return [
      finding(
        "tls_rpt.invalid",
        "warning",
        name,
        recs.length > 1
          ? `${name} has ${recs.length} TLS-RPT records.`
          : `The TLS-RPT record at ${name} has no valid rua= (mailto: or https:).`,
        `Keep one record: "v=TLSRPTv1; rua=mailto:tls-reports@${domain}".`,
        {
          message:
            recs.length > 1
              ? `${name} memiliki ${recs.length} catatan TLS-RPT.`
              : `Catatan TLS-RPT di ${name} tidak memiliki rua= yang valid (mailto: atau https:).`,
          fix: `Sisakan satu catatan: "v=TLSRPTv1; rua=mailto:tls-reports@${domain}".`,
        },
      ),
    ];
  return [
    finding("tls_rpt.ok", "ok", name, `TLS-RPT: "${recs[0]}".`, NO_FIX, {
      message: `Catatan TLS-RPT: "${recs[0]}".`,
      fix: NO_FIX_ID,
    }),
  ];
}

export async function checkBimi(domain: string, dns: Dns, dmarc: DmarcInfo | null): Promise<Finding[]> {
  const name = `default._bimi.${domain}`;
  const r = await dns.txt(name);
  if (r.status === "error") return [dnsFailed("bimi", name, "the BIMI record", "catatan BIMI", r)];
  const recs = r.status === "ok" ? r.records.filter((t) => /^v=BIMI1/i.test(t.trim())) : [];
  if (!recs.length)
    return [
      finding(
        "bimi.missing",
        "info",
        domain,
        `${domain} has no BIMI record, so mailboxes that support it show no brand logo.`,
        `Optional, once DMARC enforces: publish default._bimi.${domain} TXT "v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem".`,
        {
          message: `${domain} tidak memiliki catatan BIMI, sehingga kotak surat yang mendukungnya tidak menampilkan logo merek.`,
          fix: `Opsional, setelah DMARC ditegakkan: terbitkan default._bimi.${domain} TXT "v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem".`,
        },
      ),
    ];
  const tags = parseTags(recs[0]!);
  const l = tags.get("l") ?? "";
  const a = tags.get("a") ?? "";
  const f: Finding[] = [];
  if ((l && !/^https:\/\/\S+\.svg$/i.test(l)) || (a && !/^https:\/\/\S+$/i.test(a)) || (!l && !a))
    f.push(
      finding(
        "bimi.invalid",
        "warning",
        name,
        `The BIMI record at ${name} is not valid: l= must be an https URL of an SVG logo and a= an https URL of the certificate.`,
        'Publish "v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem".',
        {
          message: `Catatan BIMI di ${name} tidak valid: l= harus berupa URL https ke logo SVG, dan a= berupa URL https ke sertifikat.`,
          fix: 'Terbitkan "v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem".',
        },
      ),
    );
  if (!dmarc || dmarc.p === "none" || dmarc.p === null || dmarc.pct < 100 || dmarc.sp === "none")
    f.push(
      finding(
        "bimi.dmarc_weak",
        "warning",
        name,
        `${domain} publishes BIMI, but mailboxes show the logo only when DMARC enforces (p=quarantine or p=reject, pct=100, sp not none).`,
        "Move the DMARC policy to p=quarantine or p=reject for all mail.",
        {
          message: `${domain} menerbitkan BIMI, tetapi kotak surat hanya menampilkan logo jika DMARC ditegakkan (p=quarantine atau p=reject, pct=100, sp bukan none).`,
          fix: "Naikkan kebijakan DMARC ke p=quarantine atau p=reject untuk semua email.",
        },
      ),
    );
  if (!f.length)
    f.push(
      finding("bimi.ok", "ok", name, `BIMI: "${recs[0]}".`, NO_FIX, {
        message: `Catatan BIMI: "${recs[0]}".`,
        fix: NO_FIX_ID,
      }),
    );
  return f;
}
