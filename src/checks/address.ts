import { isIP, isIPv4, isIPv6 } from "node:net";
import { domainToASCII } from "node:url";
import { parse as parseDomain } from "tldts";
import { providerOfDomain } from "../rules/mailbox-domains.js";
import type { Dns } from "./dns.js";
import { describeDnsError } from "./dns.js";
import { domainNameProblem } from "./targets.js";
import { type Finding, finding, NO_FIX, NO_FIX_ID } from "./types.js";

/** Mailbox providers whose domains people mistype, global and regional (Indonesia, Europe, Asia, Americas). */
export const PROVIDER_DOMAINS = [
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.id",
  "yahoo.co.uk",
  "yahoo.co.jp",
  "yahoo.fr",
  "yahoo.com.au",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.fr",
  "outlook.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "ymail.com",
  "rocketmail.com",
  "protonmail.com",
  "proton.me",
  "gmx.de",
  "gmx.net",
  "web.de",
  "t-online.de",
  "orange.fr",
  "libero.it",
  "mail.ru",
  "yandex.ru",
  "qq.com",
  "163.com",
  "naver.com",
  "comcast.net",
  "verizon.net",
  "att.net",
  "sbcglobal.net",
  "btinternet.com",
  "rediffmail.com",
  "zoho.com",
  "telkom.net",
  "uol.com.br",
  "bol.com.br",
] as const;

/** Real domains a step or two away from a provider's: never "corrected". */
const REAL_NEIGHBOURS = new Set([
  "mail.com",
  "gmx.com",
  "email.com",
  "mac.com",
  "aim.com",
  "126.com",
  // Yahoo's regional domains.
  "yahoo.ca",
  "yahoo.co.in",
  "yahoo.co.nz",
  "yahoo.co.th",
  "yahoo.com.ar",
  "yahoo.com.br",
  "yahoo.com.hk",
  "yahoo.com.mx",
  "yahoo.com.my",
  "yahoo.com.ph",
  "yahoo.com.sg",
  "yahoo.com.tw",
  "yahoo.com.vn",
  "yahoo.de",
  "yahoo.es",
  "yahoo.gr",
  "yahoo.ie",
  "yahoo.in",
  "yahoo.it",
  "yahoo.se",
  // Microsoft's regional Hotmail, Outlook and Live domains.
  "hotmail.be",
  "hotmail.ca",
  "hotmail.ch",
  "hotmail.co.id",
  "hotmail.co.za",
  "hotmail.com.ar",
  "hotmail.com.au",
  "hotmail.com.br",
  "hotmail.com.mx",
  "hotmail.com.tr",
  "hotmail.de",
  "hotmail.dk",
  "hotmail.es",
  "hotmail.it",
  "hotmail.nl",
  "hotmail.no",
  "hotmail.se",
  "outlook.at",
  "outlook.be",
  "outlook.co.id",
  "outlook.co.th",
  "outlook.com.au",
  "outlook.com.br",
  "outlook.com.vn",
  "outlook.de",
  "outlook.dk",
  "outlook.es",
  "outlook.fr",
  "outlook.ie",
  "outlook.in",
  "outlook.it",
  "outlook.jp",
  "outlook.kr",
  "outlook.my",
  "outlook.ph",
  "outlook.pt",
  "outlook.sa",
  "outlook.sg",
  "live.at",
  "live.be",
  "live.ca",
  "live.co.uk",
  "live.co.za",
  "live.com.au",
  "live.com.mx",
  "live.de",
  "live.dk",
  "live.fr",
  "live.ie",
  "live.it",
  "live.jp",
  "live.nl",
  "live.no",
  "live.se",
  // GMX, AOL and Yandex abroad.
  "gmx.at",
  "gmx.ch",
  "gmx.co.uk",
  "gmx.es",
  "gmx.fr",
  "gmx.us",
  "aol.co.uk",
  "aol.de",
  "aol.fr",
  "aol.it",
  "yandex.by",
  "yandex.com",
  "yandex.kz",
  "yandex.ua",
  // Real domains one letter from a provider's, reported as false typos: bol.com (a Dutch shop),
  // uol.com (UOL, Brazil), next to aol.com.
  "bol.com",
  "uol.com",
  // Same name, another country (also caught by sameNameElsewhere): Proton, T-Online Austria.
  "proton.ch",
  "protonmail.ch",
  "t-online.at",
]);

/**
 * A real-looking domain that no edit distance should "correct": the provider's name under another
 * country's suffix (proton.ch, proton.de, t-online.at), unless that suffix is the provider's with
 * one letter dropped or added (comcast.ne, gmail.co stay typos); or a name of three characters or
 * fewer with one character replaced (bol.com, uol.com next to aol.com: every short .com is taken).
 */
function plausiblyReal(d: string, provider: string): boolean {
  const a = parseDomain(d, { allowPrivateDomains: false });
  const b = parseDomain(provider, { allowPrivateDomains: false });
  if (!a.isIcann || !a.domainWithoutSuffix || !a.publicSuffix || !b.domainWithoutSuffix || !b.publicSuffix)
    return false;
  if (a.domainWithoutSuffix === b.domainWithoutSuffix) {
    // A letter dropped or added (comcast.ne, gmail.co) is a slip; another country's suffix is not
    // (proton.ch, t-online.at). A generic suffix a key away (gmail.cam, gmail.cat) is a slip too.
    const [x, y] = [a.publicSuffix, b.publicSuffix];
    return (
      x !== y && /^[a-z]{2}$/.test(x) && !(Math.abs(x.length - y.length) === 1 && editDistance(x, y) === 1)
    );
  }
  const x = a.domainWithoutSuffix;
  const y = b.domainWithoutSuffix;
  return (
    a.publicSuffix === b.publicSuffix &&
    y.length <= 3 &&
    x.length === y.length &&
    [...x].filter((c, i) => c !== y[i]).length === 1
  );
}

/** Domains of throwaway inboxes; mail to them is rarely read and they pollute lists. */
export const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set([
  "mailinator.com",
  "guerrillamail.com",
  "guerrillamail.net",
  "sharklasers.com",
  "grr.la",
  "10minutemail.com",
  "10minutemail.net",
  "temp-mail.org",
  "tempmail.com",
  "tempmail.net",
  "tempmailo.com",
  "yopmail.com",
  "yopmail.fr",
  "trashmail.com",
  "trashmail.de",
  "getnada.com",
  "nada.email",
  "dispostable.com",
  "maildrop.cc",
  "throwawaymail.com",
  "fakeinbox.com",
  "mintemail.com",
  "mohmal.com",
  "emailondeck.com",
  "tempail.com",
  "burnermail.io",
  "spamgourmet.com",
  "mailnesia.com",
  "mytemp.email",
  "tempr.email",
  "discard.email",
  "mailcatch.com",
  "moakt.com",
  "inboxkitten.com",
  "33mail.com",
  "mailpoof.com",
  "getairmail.com",
  "spambox.us",
  "trbvm.com",
  "emailfake.com",
  "fakemail.net",
  "mail.tm",
  "1secmail.com",
  "byom.de",
]);

/** Local parts that reach a function or a group rather than a person. */
export const ROLE_ACCOUNTS: ReadonlySet<string> = new Set([
  "abuse",
  "admin",
  "administrator",
  "billing",
  "contact",
  "customerservice",
  "cs",
  "devnull",
  "dns",
  "ftp",
  "help",
  "helpdesk",
  "hostmaster",
  "hr",
  "info",
  "it",
  "jobs",
  "mail",
  "mailer-daemon",
  "marketing",
  "media",
  "news",
  "newsletter",
  "no-reply",
  "noc",
  "noreply",
  "office",
  "postmaster",
  "privacy",
  "root",
  "sales",
  "security",
  "service",
  "support",
  "team",
  "webmaster",
  "www",
  "admin",
  "cs",
  "humas",
  "keuangan",
  "pemasaran",
  "penjualan",
  "redaksi",
]);

// RFC 5322 dot-atom text, widened by RFC 6532 §3.1 to any non-ASCII character, those beyond the
// Basic Multilingual Plane (UTF8-4: emoji, rare CJK) included.
const ATEXT = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~\\-\\u{80}-\\u{10FFFF}]";
const DOT_ATOM = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`, "u");
const QUOTED = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u{80}-\u{10FFFF}]|\\[\x20-\x7e])*"$/u;

/**
 * An address literal as RFC 5321 §4.1.3 has it: a dotted IPv4 address, or "IPv6:" and an IPv6
 * address (no other tag is registered). The address itself, or null when `domain` is none.
 */
function addressLiteral(domain: string): string | null {
  const m = /^\[(IPv6:)?([^\]]*)\]$/i.exec(domain);
  if (!m) return null;
  const ip = m[2]!;
  if (ip.includes("%")) return null; // a zone id is local to one host
  return (m[1] ? isIPv6(ip) : isIPv4(ip)) ? ip : null;
}

export interface ParsedAddress {
  local: string;
  domain: string;
  /** The domain in ASCII (punycode) for DNS. */
  asciiDomain: string;
  /** The local part is not ASCII, so only servers with SMTPUTF8 (RFC 6531) can carry it. */
  international: boolean;
}

/** Why an address is not valid: `error` in English, `localized.id` the same in Indonesian. */
export interface AddressError {
  error: string;
  localized: { id: string };
}

function invalid(error: string, id: string): AddressError {
  return { error, localized: { id } };
}

/** Syntax by RFC 5321 (lengths, domain) and RFC 5322/6531 (local part); a reason when it fails. */
export function parseAddress(input: string): ParsedAddress | AddressError {
  const addr = input.trim().replace(/^<(.*)>$/, "$1");
  const at = addr.lastIndexOf("@");
  if (at <= 0 || at === addr.length - 1)
    return invalid(
      "it needs a local part, an @ and a domain",
      "alamat harus terdiri dari bagian lokal, tanda @, dan domain",
    );
  const local = addr.slice(0, at);
  const domain = addr.slice(at + 1);
  if (Buffer.byteLength(local) > 64)
    return invalid("the part before @ is longer than 64 octets", "bagian sebelum @ lebih dari 64 oktet");
  if (!DOT_ATOM.test(local) && !QUOTED.test(local))
    return /\.\./.test(local)
      ? invalid("the part before @ has two dots in a row", "bagian sebelum @ berisi dua titik berturut-turut")
      : /^\.|\.$/.test(local)
        ? invalid(
            "the part before @ starts or ends with a dot",
            "bagian sebelum @ diawali atau diakhiri dengan titik",
          )
        : invalid(
            "the part before @ has characters not allowed unquoted (space, comma, brackets, …)",
            "bagian sebelum @ berisi karakter yang tidak diizinkan tanpa tanda kutip (spasi, koma, tanda kurung, …)",
          );
  let ascii: string;
  if (domain.startsWith("[")) {
    if (!addressLiteral(domain))
      return invalid(
        `"${domain}" is not a valid address literal (an IPv4 address, or "IPv6:" and an IPv6 address, in brackets)`,
        `"${domain}" bukan literal alamat yang valid (alamat IPv4, atau "IPv6:" dan alamat IPv6, di dalam kurung siku)`,
      );
    ascii = domain;
  } else {
    // Before IDNA: domainToASCII percent-decodes and cuts the name at "/", "?" and "#", so
    // "x@a.test#junk" would pass as x@a.test; targets.ts refuses what it would alter.
    ascii = domainNameProblem(domain) || domain.endsWith(".") ? "" : domainToASCII(domain.toLowerCase());
    if (!ascii)
      return invalid(
        `the domain "${domain}" is not a valid domain name`,
        `domain "${domain}" bukan nama domain yang valid`,
      );
    const labels = ascii.split(".");
    if (
      labels.length < 2 ||
      ascii.length > 253 ||
      labels.some((l) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) ||
      /^\d+$/.test(labels.at(-1)!)
    )
      return invalid(
        `the domain "${domain}" is not a valid domain name`,
        `domain "${domain}" bukan nama domain yang valid`,
      );
  }
  if (Buffer.byteLength(local) + 1 + ascii.length > 254)
    return invalid("the address is longer than 254 octets", "alamat lebih dari 254 oktet");
  // Only a non-ASCII local part needs SMTPUTF8: a Unicode domain travels in its xn-- form.
  const international = /[^\x00-\x7f]/.test(local);
  return { local, domain: domain.toLowerCase(), asciiDomain: ascii, international };
}

/** Damerau-Levenshtein distance (optimal string alignment), enough for typo matching. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

const TLD_TYPOS: Record<string, string> = {
  con: "com",
  cmo: "com",
  ocm: "com",
  vom: "com",
  xom: "com",
  cpm: "com",
  comm: "com",
  om: "com",
  cm: "com",
  co: "com",
  nte: "net",
  ent: "net",
  ner: "net",
  "co.od": "co.id",
  "co.ud": "co.id",
  "co.di": "co.id",
};

/** The provider domain a mistyped domain most likely meant, or null (gmial.com → gmail.com). */
export function suggestDomain(domain: string): string | null {
  const d = domain.toLowerCase().replace(/\.$/, "");
  if ((PROVIDER_DOMAINS as readonly string[]).includes(d) || REAL_NEIGHBOURS.has(d)) return null;
  // A mistyped top-level domain after a provider's exact name: gmail.con, yahoo.co.od.
  for (const [typo, tld] of Object.entries(TLD_TYPOS)) {
    if (!d.endsWith(`.${typo}`)) continue;
    const fixed = `${d.slice(0, -typo.length)}${tld}`;
    if ((PROVIDER_DOMAINS as readonly string[]).includes(fixed)) return fixed;
  }
  // Only the country differs (yahoo.com.sg, hotmail.be): a real regional domain of the same provider.
  // Another domain of a provider with one per country (yahoo.com.sg, hotmail.be): no typo.
  if (providerOfDomain(d)) return null;
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const p of PROVIDER_DOMAINS) {
    if (Math.abs(p.length - d.length) > 2) continue;
    const dist = editDistance(d, p);
    if (dist < bestD) {
      best = p;
      bestD = dist;
      tie = false;
    } else if (dist === bestD) tie = true;
  }
  const limit = d.length >= 9 ? 2 : 1;
  return best && bestD <= limit && !tie && !plausiblyReal(d, best) ? best : null;
}

export async function checkAddress(address: string, dns: Dns): Promise<Finding[]> {
  const parsed = parseAddress(address);
  if ("error" in parsed)
    return [
      finding(
        "address.syntax",
        "error",
        address,
        `"${address}" is not a valid email address: ${parsed.error}.`,
        "Correct the address at its source (sign-up form, import); validate syntax before adding addresses to a list.",
        {
          message: `"${address}" bukan alamat email yang valid: ${parsed.localized.id}.`,
          fix: "Perbaiki alamat tersebut di sumbernya (formulir pendaftaran, impor); validasi sintaks alamat sebelum menambahkannya ke daftar.",
        },
        { reason: parsed.error },
      ),
    ];
  const f: Finding[] = [];
  const { local, domain, asciiDomain } = parsed;
  if (parsed.international)
    f.push(
      finding(
        "address.international",
        "info",
        address,
        `${address} is an internationalised address (RFC 6531): its part before @ is not ASCII, so only servers that support SMTPUTF8 can deliver it.`,
        "Make sure your sending service supports SMTPUTF8; otherwise ask the recipient for an ASCII address.",
        {
          message: `${address} adalah alamat internasional (RFC 6531): bagian sebelum @ bukan ASCII, sehingga hanya server yang mendukung SMTPUTF8 yang dapat mengirimkan email ke alamat ini.`,
          fix: "Pastikan layanan pengirim Anda mendukung SMTPUTF8; jika tidak, mintalah alamat ASCII kepada penerima.",
        },
        { asciiDomain },
      ),
    );
  const suggestion = suggestDomain(asciiDomain);
  if (suggestion)
    f.push(
      finding(
        "address.typo",
        "warning",
        address,
        `The domain ${domain} looks like a typo of ${suggestion}.`,
        `Ask the recipient to confirm, and correct the address to ${local}@${suggestion} at its source.`,
        {
          message: `Domain ${domain} tampaknya salah ketik dari ${suggestion}.`,
          fix: `Minta penerima untuk mengonfirmasi, lalu perbaiki alamat menjadi ${local}@${suggestion} di sumbernya.`,
        },
        { suggestion: `${local}@${suggestion}`, domain: suggestion },
      ),
    );
  if (DISPOSABLE_DOMAINS.has(asciiDomain))
    f.push(
      finding(
        "address.disposable",
        "warning",
        address,
        `${domain} is a disposable (throwaway) mailbox service: the address is usually abandoned within hours.`,
        "Do not send marketing mail to it; ask for a lasting address at sign-up, or block disposable domains in your form.",
        {
          message: `${domain} adalah layanan kotak surat sekali pakai: alamat seperti ini biasanya ditinggalkan dalam hitungan jam.`,
          fix: "Jangan kirim email pemasaran ke alamat ini; mintalah alamat yang permanen saat pendaftaran, atau blokir domain sekali pakai di formulir Anda.",
        },
      ),
    );
  const bare = local.toLowerCase().replace(/^"|"$/g, "").split("+")[0]!;
  if (ROLE_ACCOUNTS.has(bare))
    f.push(
      finding(
        "address.role",
        "info",
        address,
        `${local}@ is a role account: it reaches a group or a function, not one person who opted in, and complaints from such addresses are common.`,
        "Send bulk or marketing mail only to personal addresses that opted in; keep role accounts for transactional mail.",
        {
          message: `${local}@ adalah akun peran (role account): alamat ini menjangkau sebuah grup atau fungsi, bukan satu orang yang telah memberi persetujuan (opt-in), dan keluhan spam dari alamat seperti ini sering terjadi.`,
          fix: "Kirim email massal atau pemasaran hanya ke alamat pribadi yang telah memberi persetujuan (opt-in); gunakan akun peran hanya untuk email transaksional.",
        },
      ),
    );
  if (asciiDomain.startsWith("[")) return finalize(address, f, true);
  const mx = await dns.query(asciiDomain, "MX");
  if (mx.status === "error")
    f.push(
      finding(
        "address.dns_error",
        "warning",
        address,
        `Could not check the domain ${domain}: ${describeDnsError(mx.code)}.`,
        "Run the check again later or with another resolver (--dns-server).",
        {
          message: `Tidak dapat memeriksa domain ${domain}: ${describeDnsError(mx.code, "id")}.`,
          fix: "Jalankan pemeriksaan lagi nanti atau dengan resolver lain (--dns-server).",
        },
      ),
    );
  else if (mx.status === "nxdomain")
    f.push(
      finding(
        "address.domain_missing",
        "error",
        address,
        `The domain ${domain} does not exist, so no address at it can receive mail.`,
        suggestion
          ? `Correct the address to ${local}@${suggestion}.`
          : "Correct the address or remove it from your list.",
        {
          message: `Domain ${domain} tidak ada, sehingga tidak ada alamat di domain ini yang dapat menerima email.`,
          fix: suggestion
            ? `Perbaiki alamat menjadi ${local}@${suggestion}.`
            : "Perbaiki alamat tersebut atau hapus dari daftar Anda.",
        },
      ),
    );
  // A null MX names the root "." (RFC 7505); as in checkMx, the preference does not matter.
  else if (mx.status === "ok" && mx.records.every((m) => m.exchange === ""))
    f.push(
      finding(
        "address.null_mx",
        "error",
        address,
        `The domain ${domain} publishes a null MX: it accepts no mail at all.`,
        "Remove the address from your list; ask the recipient for another address.",
        {
          message: `Domain ${domain} menerbitkan null MX: domain ini sama sekali tidak menerima email.`,
          fix: "Hapus alamat ini dari daftar Anda; mintalah alamat lain kepada penerima.",
        },
      ),
    );
  else if (mx.status === "ok" && mx.records.some((m) => m.exchange === ""))
    f.push(
      finding(
        "address.null_mx_mixed",
        "error",
        address,
        `The domain ${domain} publishes a null MX (no mail accepted) together with other MX records, which RFC 7505 forbids: some senders bounce mail to it, others deliver it.`,
        "Confirm the address with the recipient; their domain's MX records need fixing before mail reliably reaches them.",
        {
          message: `Domain ${domain} menerbitkan null MX (tidak menerima email) bersama catatan MX lain, yang dilarang RFC 7505: sebagian pengirim memantulkan (bounce) email ke domain ini, sebagian lagi tetap mengirimkannya.`,
          fix: "Konfirmasikan alamat ini kepada penerima; catatan MX domain mereka perlu diperbaiki sebelum email dapat sampai dengan andal.",
        },
      ),
    );
  else if (mx.status === "ok") {
    // Every mail server named by an IP or without an address: nothing can deliver to the domain.
    const hosts = mx.records.slice(0, 10).map((m) => m.exchange);
    const lookups = await Promise.all(hosts.map((h) => (isIP(h) ? null : dns.addresses(h))));
    const usable = lookups.some((a) => a !== null && a.status !== "nxdomain" && a.status !== "nodata");
    if (!usable)
      f.push(
        finding(
          "address.mx_unresolvable",
          "error",
          address,
          `The mail servers of ${domain} (${hosts.join(", ")}) have no address: mail to it cannot be delivered.`,
          "Confirm the address with the recipient; their domain's MX records need fixing before mail can reach them.",
          {
            message: `Server email domain ${domain} (${hosts.join(", ")}) tidak memiliki alamat: email ke domain ini tidak dapat dikirim.`,
            fix: "Konfirmasikan alamat ini kepada penerima; catatan MX domain mereka perlu diperbaiki sebelum email dapat sampai.",
          },
        ),
      );
  } else {
    const a = await dns.addresses(asciiDomain);
    if (a.status !== "ok")
      f.push(
        finding(
          "address.no_mx",
          "error",
          address,
          `The domain ${domain} has neither MX nor A/AAAA records: mail to it cannot be delivered.`,
          "Correct the address or remove it from your list.",
          {
            message: `Domain ${domain} tidak memiliki catatan MX maupun A/AAAA: email ke domain ini tidak dapat dikirim.`,
            fix: "Perbaiki alamat tersebut atau hapus dari daftar Anda.",
          },
        ),
      );
    else
      f.push(
        finding(
          "address.no_mx",
          "warning",
          address,
          `The domain ${domain} has no MX record; delivery falls back to its A/AAAA address, which rarely runs a mail server.`,
          "Confirm the address with the recipient before sending more mail to it.",
          {
            message: `Domain ${domain} tidak memiliki catatan MX; pengiriman beralih ke alamat A/AAAA-nya, yang jarang menjalankan server email.`,
            fix: "Konfirmasikan alamat ini kepada penerima sebelum mengirim email lagi ke alamat tersebut.",
          },
        ),
      );
  }
  return finalize(address, f);
}

/** `literal`: the domain is an address literal ([192.0.2.1]), for which nothing was looked up. */
function finalize(address: string, f: Finding[], literal = false): Finding[] {
  if (!f.some((x) => x.severity === "error" || x.severity === "warning"))
    f.push(
      finding(
        "address.ok",
        "ok",
        address,
        literal
          ? `${address} is a valid address at an IP address literal; nothing was looked up, so whether a mail server there accepts it is not known.`
          : `${address} is a valid address at a domain that receives mail.`,
        NO_FIX,
        {
          message: literal
            ? `${address} adalah alamat yang valid pada literal alamat IP; tidak ada yang diperiksa di DNS, sehingga tidak diketahui apakah server email di sana menerimanya.`
            : `${address} adalah alamat yang valid pada domain yang menerima email.`,
          fix: NO_FIX_ID,
        },
      ),
    );
  return f;
}
