import { isIP } from "node:net";
import { getDomain } from "tldts";
import { BLOCKLISTS, type BlocklistDef } from "../rules/blocklists.js";
import { type Dns, describeDnsError, ptrName, reverseName, unmapIpv4 } from "./dns.js";
import { type Finding, finding, NO_FIX, NO_FIX_ID } from "./types.js";

/**
 * Zones that list domains, queried with the registered domain of a name (its Public Suffix List
 * domain: `click.example.co.uk` → `example.co.uk`); every other zone lists IPs.
 */
export const DOMAIN_ZONES: ReadonlySet<string> = new Set([
  "dbl.spamhaus.org",
  "multi.surbl.org",
  "multi.uribl.com",
]);

/** Domain zones that also list host names: queried with the host as well as its registered domain. */
export const HOST_ZONES: ReadonlySet<string> = new Set(["dbl.spamhaus.org"]);

/** IP zones that list IPv6 addresses; the others list IPv4 only and are not asked about IPv6. */
export const IPV6_ZONES: ReadonlySet<string> = new Set(["zen.spamhaus.org"]);

/** The registered domain of a host name; the name itself when it has none (e.g. a bare TLD). */
export function registeredDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, "");
  return getDomain(h, { allowPrivateDomains: false }) ?? h;
}

/**
 * What one answer of a zone means: a listing, a refused query, or an answer that means nothing.
 * `meaning` is in English, `localized.id` the same in Indonesian.
 */
export type AnswerMeaning =
  | { type: "listed"; meaning: string; localized: { id: string } }
  | { type: "refused"; meaning: string; localized: { id: string }; cause: RefusedCause }
  | { type: "invalid"; meaning: string; localized: { id: string } };

/**
 * Why a list refused a query, by its documented code: Spamhaus 127.255.255.252 (malformed query),
 * .254 (public or open resolver), .255 (too many queries), DBL 127.0.1.255 (an IP asked);
 * SURBL/URIBL 127.0.0.1 (resolver blocked); any other 127.255.255.x (unknown).
 */
export type RefusedCause =
  | "malformed"
  | "public_resolver"
  | "rate_limit"
  | "ip_query"
  | "blocked_resolver"
  | "unknown";

function means(type: "listed" | "invalid", meaning: string, id: string): AnswerMeaning {
  return { type, meaning, localized: { id } };
}

function refusedBy(cause: RefusedCause, meaning: string, id: string): AnswerMeaning {
  return { type: "refused", meaning, localized: { id }, cause };
}

/**
 * What each refusal means (data.reason, English) and what to do about it, in English and
 * Indonesian (`{target}` and `{url}`: the name asked and the list's lookup page).
 */
const REFUSED: Record<RefusedCause, { reason: string; fix: string; fixId: string }> = {
  malformed: {
    reason: "the list could not read the query (a wrong zone name or query form)",
    fix: "Nothing is wrong with your resolver: the query reached the list in a form it does not accept (a resolver or proxy rewriting names, or a wrong zone). Look {target} up at {url}.",
    fixId:
      "Tidak ada yang salah dengan resolver Anda: kueri sampai ke daftar dalam bentuk yang tidak diterimanya (resolver atau proxy yang mengubah nama, atau zona yang salah). Periksa {target} di {url}.",
  },
  public_resolver: {
    reason: "the list does not answer queries through public or open resolvers",
    fix: "Run the check through your own recursive resolver (not 8.8.8.8, 1.1.1.1 or a shared ISP resolver) with --dns-server, or look {target} up at {url}.",
    fixId:
      "Jalankan pemeriksaan melalui resolver rekursif milik Anda sendiri (bukan 8.8.8.8, 1.1.1.1, atau resolver bersama milik ISP) dengan --dns-server, atau periksa {target} di {url}.",
  },
  rate_limit: {
    reason: "the resolver went over the list's free-use query limit",
    fix: "Run the check later, through a resolver of your own that sends the list few queries (--dns-server); for regular use, get the list's data-query access. Or look {target} up at {url}.",
    fixId:
      "Jalankan pemeriksaan nanti, melalui resolver milik Anda sendiri yang hanya mengirim sedikit kueri ke daftar tersebut (--dns-server); untuk penggunaan rutin, dapatkan akses kueri data dari daftar tersebut. Atau periksa {target} di {url}.",
  },
  ip_query: {
    reason: "the domain list was asked about an IP address, which it does not list",
    fix: "Nothing to do about your sender: a domain list does not take IP addresses. Look {target} up at {url}.",
    fixId:
      "Tidak ada yang perlu dilakukan terhadap pengirim Anda: daftar domain tidak menerima alamat IP. Periksa {target} di {url}.",
  },
  blocked_resolver: {
    reason: "the list blocks the resolver used (a public resolver, or one over the limits)",
    fix: "Run the check through your own recursive resolver (not 8.8.8.8, 1.1.1.1 or a shared ISP resolver) with --dns-server, or look {target} up at {url}.",
    fixId:
      "Jalankan pemeriksaan melalui resolver rekursif milik Anda sendiri (bukan 8.8.8.8, 1.1.1.1, atau resolver bersama milik ISP) dengan --dns-server, atau periksa {target} di {url}.",
  },
  unknown: {
    reason: "the list answered with an error code (a refused query or a wrong use of the list)",
    fix: "Run the check again through your own recursive resolver with --dns-server, or look {target} up at {url}.",
    fixId:
      "Jalankan pemeriksaan lagi melalui resolver rekursif milik Anda sendiri dengan --dns-server, atau periksa {target} di {url}.",
  },
};

/** The return codes each list documents (Spamhaus, SURBL, URIBL, Mailspike); `127.0.0.2` and up elsewhere. */
export function interpretAnswer(zone: string, answer: string): AnswerMeaning {
  if (!/^127\.\d+\.\d+\.\d+$/.test(answer))
    return means(
      "invalid",
      `answer ${answer} is outside 127.0.0.0/8: the list is dead or answers everything`,
      `jawaban ${answer} berada di luar 127.0.0.0/8: daftar tersebut sudah tidak aktif atau menjawab semua kueri`,
    );
  const z = zone.toLowerCase();
  const last = Number(answer.split(".")[3]);
  if (z.endsWith("spamhaus.org")) {
    if (answer.startsWith("127.255.255.")) {
      const why: Record<string, [string, string, RefusedCause]> = {
        "127.255.255.252": [
          "the query was malformed (typo in the zone name)",
          "kueri salah bentuk (salah ketik pada nama zona)",
          "malformed",
        ],
        "127.255.255.254": [
          "the query came through a public or open resolver, which Spamhaus refuses",
          "kueri datang melalui resolver publik atau terbuka, yang ditolak oleh Spamhaus",
          "public_resolver",
        ],
        "127.255.255.255": [
          "the resolver made too many queries (over the free-use limit)",
          "resolver mengirim terlalu banyak kueri (melebihi batas penggunaan gratis)",
          "rate_limit",
        ],
      };
      const [en, id, cause] = why[answer] ?? ["an error code", "kode kesalahan", "unknown"];
      return refusedBy(
        cause,
        `Spamhaus refused the query: ${en} (not a listing)`,
        `Spamhaus menolak kueri: ${id} (bukan berarti tercantum)`,
      );
    }
    if (z === "dbl.spamhaus.org") {
      if (answer === "127.0.1.255")
        return refusedBy(
          "ip_query",
          "Spamhaus DBL refused the query: IP queries are not allowed",
          "Spamhaus DBL menolak kueri: kueri berupa IP tidak diizinkan",
        );
      const dbl: Record<number, [string, string]> = {
        2: ["spam domain", "domain spam"],
        4: ["phishing domain", "domain phishing"],
        5: ["malware domain", "domain malware"],
        6: ["botnet command and control domain", "domain pusat kendali (command and control) botnet"],
        102: ["abused legitimate domain used in spam", "domain sah yang disalahgunakan untuk spam"],
        103: [
          "abused legitimate redirector or URL shortener",
          "pengalih (redirector) atau pemendek URL sah yang disalahgunakan",
        ],
        104: ["abused legitimate domain used for phishing", "domain sah yang disalahgunakan untuk phishing"],
        105: ["abused legitimate domain used for malware", "domain sah yang disalahgunakan untuk malware"],
        106: [
          "abused legitimate domain used for botnet control",
          "domain sah yang disalahgunakan untuk mengendalikan botnet",
        ],
      };
      const [en, id] = dbl[last] ?? ["listed", "tercantum"];
      return means("listed", `Spamhaus DBL: ${en}`, `Spamhaus DBL: ${id}`);
    }
    const xbl: [string, string] = [
      "XBL: an infected or hijacked host",
      "XBL: host yang terinfeksi atau dibajak",
    ];
    const zen: Record<number, [string, string]> = {
      2: ["SBL: a known spam source or spam operation", "SBL: sumber atau operasi spam yang dikenal"],
      3: [
        "SBL CSS: a low-reputation IP sending snowshoe spam",
        "SBL CSS: IP bereputasi rendah yang mengirim spam snowshoe",
      ],
      4: [
        "XBL: an infected or hijacked host (exploits, botnet)",
        "XBL: host yang terinfeksi atau dibajak (eksploit, botnet)",
      ],
      5: xbl,
      6: xbl,
      7: xbl,
      9: [
        "SBL DROP: a hijacked or criminal network",
        "SBL DROP: jaringan yang dibajak atau dikuasai pelaku kejahatan",
      ],
      10: [
        "PBL: an end-user (dynamic) address, not meant to send mail directly (listed by the ISP)",
        "PBL: alamat pengguna akhir (dinamis) yang tidak dimaksudkan untuk mengirim email secara langsung (dicantumkan oleh ISP)",
      ],
      11: [
        "PBL: an address not meant to send mail directly (listed by Spamhaus)",
        "PBL: alamat yang tidak dimaksudkan untuk mengirim email secara langsung (dicantumkan oleh Spamhaus)",
      ],
    };
    const [en, id] = zen[last] ?? ["listing", "(tercantum)"];
    return means("listed", `Spamhaus ${en}`, `Spamhaus ${id}`);
  }
  if (z === "multi.surbl.org") {
    if (last === 1)
      return refusedBy(
        "blocked_resolver",
        "SURBL refused the query: the resolver is blocked (public resolver or over the limits)",
        "SURBL menolak kueri: resolver diblokir (resolver publik atau melebihi batas)",
      );
    const kinds = [
      [8, "phishing", "phishing"],
      [16, "malware", "malware"],
      [64, "abuse/spam", "penyalahgunaan/spam"],
      [128, "cracked site", "situs yang dibobol"],
    ] as const;
    const hit = kinds.filter(([bit]) => (last & bit) !== 0);
    return means(
      "listed",
      `SURBL: ${hit.map(([, n]) => n).join(", ") || "listed"}`,
      hit.length ? `SURBL: tercantum sebagai ${hit.map(([, , n]) => n).join(", ")}` : "SURBL: tercantum",
    );
  }
  if (z === "multi.uribl.com") {
    if (last === 1)
      return refusedBy(
        "blocked_resolver",
        "URIBL refused the query: the resolver is blocked (public resolver or over the limits)",
        "URIBL menolak kueri: resolver diblokir (resolver publik atau melebihi batas)",
      );
    // black, grey and red are the names of URIBL's lists.
    const hit = [
      [2, "black"],
      [4, "grey"],
      [8, "red"],
    ]
      .filter(([bit]) => (last & (bit as number)) !== 0)
      .map(([, n]) => n);
    return means(
      "listed",
      `URIBL ${hit.join(", ") || "listed"}`,
      hit.length ? `URIBL, daftar ${hit.join(", ")}` : "URIBL: tercantum",
    );
  }
  if (z === "bl.mailspike.net" && last >= 10) {
    // bl.mailspike.net answers a listed IP with 127.0.0.2 (z.mailspike.net) or its reputation from
    // rep.mailspike.net when that is L5 to L3 (127.0.0.10 to 127.0.0.12): all listings.
    const rep: Record<number, [string, string]> = {
      10: ["worst reputation (L5)", "reputasi terburuk (L5)"],
      11: ["very bad reputation (L4)", "reputasi sangat buruk (L4)"],
      12: ["bad reputation (L3)", "reputasi buruk (L3)"],
    };
    const r = answer.startsWith("127.0.0.") ? rep[last] : undefined;
    if (r) return means("listed", `Mailspike: ${r[0]}`, `Mailspike: ${r[1]}`);
    return means(
      "invalid",
      `Mailspike reputation answer ${answer} (not a block)`,
      `jawaban reputasi Mailspike ${answer} (bukan pemblokiran)`,
    );
  }
  // 127.255.255.x is where lists put their error codes (Spamhaus, Abusix, and others after them):
  // no list answers a listing there.
  if (answer.startsWith("127.255.255."))
    return refusedBy(
      "unknown",
      `${zone} answered ${answer}, an error code (a refused query or a wrong use of the list), not a listing`,
      `${zone} menjawab ${answer}, sebuah kode kesalahan (kueri ditolak atau penggunaan daftar yang salah), bukan pencantuman`,
    );
  if (last < 2 && answer === "127.0.0.1")
    return refusedBy(
      "blocked_resolver",
      `${zone} answered 127.0.0.1, which lists use for a refused or test query`,
      `${zone} menjawab 127.0.0.1, yang digunakan daftar untuk kueri yang ditolak atau kueri uji`,
    );
  return means("listed", `${zone}: listed (${answer})`, `${zone}: tercantum (${answer})`);
}

interface ZoneEntry {
  zone: string;
  list: BlocklistDef;
  /** The names asked under the zone: the reversed IP, or the host and/or its registered domain. */
  names: string[];
}

function zones(target: string, lists: readonly BlocklistDef[]): ZoneEntry[] {
  const v = isIP(target);
  const domain = v ? "" : registeredDomain(target);
  const out: ZoneEntry[] = [];
  for (const list of lists)
    for (const zone of list.zones) {
      if (DOMAIN_ZONES.has(zone) !== !v || (v === 6 && !IPV6_ZONES.has(zone))) continue;
      const names = v
        ? [reverseName(target)]
        : [...new Set(HOST_ZONES.has(zone) ? [target, domain] : [domain])];
      out.push({ zone, list, names });
    }
  return out;
}

/**
 * What ends a listing: stopping the cause and a removal request, unless the list works otherwise
 * (its `removal`), or the listing is Spamhaus's PBL, which is no mark of abuse: an address its
 * network does not mean to send mail directly.
 */
function removalAdvice(list: BlocklistDef, zone: string, answers: string[]): { en: string; id: string } {
  if (zone === "zen.spamhaus.org" && answers.every((a) => a === "127.0.0.10" || a === "127.0.0.11"))
    return {
      en: `Send through a mail server meant for it (your provider's relay or an email service) rather than from this address; only a real mail server on a static address should ask for removal from the PBL, at ${list.delistUrl}.`,
      id: `Kirim melalui server email yang memang ditujukan untuk itu (relay penyedia Anda atau layanan email), bukan dari alamat ini; hanya server email sungguhan dengan alamat statis yang perlu mengajukan penghapusan dari PBL, di ${list.delistUrl}.`,
    };
  const cause =
    "Find and stop the cause (compromised account or host, purchased or old list, missing opt-in)";
  const causeId =
    "Temukan dan hentikan penyebabnya (akun atau host yang disusupi, daftar alamat yang dibeli atau sudah lama, penerima yang tidak pernah memberi persetujuan/opt-in)";
  if (list.removal) return { en: `${cause}; ${list.removal.en}.`, id: `${causeId}; ${list.removal.id}.` };
  return {
    en: `${cause}, then request removal at ${list.delistUrl}.`,
    id: `${causeId}, lalu ajukan penghapusan di ${list.delistUrl}.`,
  };
}

/**
 * Every IP (or domain) list in BLOCKLISTS asked in parallel; one finding per list that answers.
 * An IPv4-mapped IPv6 address is checked as its IPv4 address, other IPv6 addresses only on the
 * lists that list IPv6 (`IPV6_ZONES`); a host name by its registered domain, and on DBL by itself too.
 */
export async function checkBlocklists(
  address: string,
  dns: Dns,
  lists: readonly BlocklistDef[] = BLOCKLISTS,
): Promise<Finding[]> {
  const target = isIP(address) ? unmapIpv4(address.toLowerCase()) : address.toLowerCase().replace(/\.$/, "");
  const kind = isIP(target) ? "ip" : "domain";
  const entries = zones(target, lists);
  const answers = await Promise.all(
    entries.map((e) => Promise.all(e.names.map((n) => dns.query(`${n}.${e.zone}`, "A")))),
  );
  const f: Finding[] = [];
  const clean: string[] = [];
  const failed: string[] = [];
  const failedId: string[] = [];
  entries.forEach(({ zone, list, names }, i) => {
    // The name a listing is for: the reversed IP stands for the target itself.
    const asked = answers[i]!.map((a, j) => ({ a, name: kind === "ip" ? target : names[j]! }));
    const meanings = asked.flatMap(({ a, name }) =>
      a.status === "ok" ? a.records.map((r) => ({ answer: r, name, ...interpretAnswer(zone, r) })) : [],
    );
    const listed = meanings.filter((m) => m.type === "listed");
    const error = asked.find(({ a }) => a.status === "error")?.a as { code: string } | undefined;
    if (!listed.length && !meanings.some((m) => m.type === "refused")) {
      if (error) {
        failed.push(`${zone} (${describeDnsError(error.code)})`);
        failedId.push(`${zone} (${describeDnsError(error.code, "id")})`);
        return;
      }
      if (!meanings.length) {
        clean.push(zone);
        return;
      }
    }
    if (listed.length) {
      const listedNames = [...new Set(listed.map((m) => m.name))];
      const via = listedNames.filter((n) => n !== target);
      const how = via.length ? ` through its domain ${via.join(", ")}` : "";
      const howId = via.length ? ` melalui domainnya ${via.join(", ")}` : "";
      const what = [...new Set(listed.map((m) => m.meaning))];
      const whatId = [...new Set(listed.map((m) => m.localized.id))];
      const fix = removalAdvice(
        list,
        zone,
        listed.map((m) => m.answer),
      );
      f.push(
        finding(
          "blocklist.listed",
          "error",
          target,
          `${target} is listed on ${list.name} (${zone})${how}: ${what.join("; ")}.`,
          fix.en,
          {
            message: `${target} tercantum di ${list.name} (${zone})${howId}: ${whatId.join("; ")}.`,
            fix: fix.id,
          },
          {
            list: list.id,
            zone,
            answers: listed.map((m) => m.answer),
            names: listedNames,
            delistUrl: list.delistUrl,
          },
        ),
      );
      return;
    }
    const records = meanings.map((m) => m.answer);
    const refused = meanings.find((m) => m.type === "refused");
    if (refused) {
      const what = REFUSED[refused.cause];
      const fill = (t: string) => t.replaceAll("{target}", target).replaceAll("{url}", list.delistUrl);
      f.push(
        finding(
          "blocklist.refused",
          "warning",
          target,
          `${list.name} (${zone}) did not answer the question: ${refused.meaning}. This is not a listing; the result is unknown.`,
          fill(what.fix),
          {
            message: `${list.name} (${zone}) tidak menjawab pertanyaan: ${refused.localized.id}. Ini bukan berarti tercantum; hasilnya tidak diketahui.`,
            fix: fill(what.fixId),
          },
          { list: list.id, zone, answers: records, reason: what.reason, cause: refused.cause },
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
        {
          message: `${list.name} (${zone}) memberikan jawaban yang bukan tanda tercantum: ${meanings.map((m) => m.localized.id).join("; ")}.`,
          fix: "Tidak ada yang perlu dilakukan terhadap pengirim Anda; daftar tersebut mungkin sudah tidak beroperasi.",
        },
        { list: list.id, zone, answers: records },
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
        {
          message: `${failed.length} daftar hitam tidak dapat ditanyai: ${failedId.join(", ")}.`,
          fix: "Jalankan pemeriksaan lagi nanti atau melalui resolver lain (--dns-server).",
        },
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
        NO_FIX,
        {
          message: `${target} tidak tercantum di satu pun dari ${clean.length} daftar hitam ${kind === "ip" ? "IP" : "domain"} yang menjawab.`,
          fix: NO_FIX_ID,
        },
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
export async function checkPtr(address: string, dns: Dns): Promise<Finding[]> {
  const ip = unmapIpv4(address);
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
        {
          message: `Tidak dapat memeriksa reverse DNS ${ip}: ${describeDnsError(r.code, "id")}.`,
          fix: "Jalankan pemeriksaan lagi; jika tetap gagal, minta pemilik rentang IP tersebut untuk memperbaiki zona reverse-nya.",
        },
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
        {
          message: `${ip} tidak memiliki catatan reverse DNS (PTR); Gmail, Microsoft, dan sebagian besar server penerima menolak atau tidak memercayai email dari IP seperti ini.`,
          fix: `Minta penyedia hosting atau ISP Anda (pemilik IP tersebut) untuk membuat catatan PTR bagi ${ip} yang berisi nama host server email Anda, dan pastikan nama itu mengarah kembali ke ${ip}.`,
        },
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
        `Add an ${isIP(ip) === 6 ? "AAAA" : "A"} record for ${names[0]} pointing at ${ip}, or change the PTR to a name that does.`,
        {
          message: `Reverse DNS ${ip} adalah ${names.join(", ")}, tetapi nama tersebut tidak mengarah kembali ke ${ip} (tidak ada konfirmasi forward).`,
          fix: `Tambahkan catatan ${isIP(ip) === 6 ? "AAAA" : "A"} untuk ${names[0]} yang mengarah ke ${ip}, atau ubah PTR ke nama yang sudah mengarah ke IP tersebut.`,
        },
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
        {
          message: `Nama reverse DNS ${ip} (${confirmed[0]}) tampak generik atau dinamis; server penerima memperlakukan host seperti ini sebagai koneksi internet rumahan.`,
          fix: `Atur PTR ${ip} ke nama server email Anda sendiri (misalnya mail.domainanda) yang mengarah kembali ke ${ip}.`,
        },
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
        NO_FIX,
        { message: `Reverse DNS ${ip}: ${confirmed[0]}, terkonfirmasi forward.`, fix: NO_FIX_ID },
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
