import { BlockList, isIP } from "node:net";
import { authenticate } from "mailauth";
import PostalMime from "postal-mime";
import { checkBlocklists } from "./blocklists.js";
import type { Dns } from "./dns.js";
import { type Finding, finding, NO_FIX, NO_FIX_ID } from "./types.js";

/** Clickbait and spam phrases the tips name, in English and Indonesian (lower case). */
export const SPAM_PHRASES: readonly string[] = [
  // English
  "act now",
  "100% free",
  "free money",
  "risk-free",
  "risk free",
  "click here",
  "limited time",
  "urgent",
  "winner",
  "you have won",
  "congratulations",
  "cash bonus",
  "guaranteed",
  "no credit check",
  "earn money fast",
  "make money",
  "double your",
  "once in a lifetime",
  "buy now",
  "order now",
  "exclusive deal",
  "100% satisfied",
  "miracle",
  "lowest price",
  "increase your income",
  "work from home",
  "this is not spam",
  "dear friend",
  "claim your prize",
  "viagra",
  "crypto giveaway",
  // Indonesian
  "gratis",
  "100% gratis",
  "promo terbatas",
  "penawaran terbatas",
  "klik di sini",
  "klik disini",
  "segera",
  "selamat! anda",
  "anda menang",
  "hadiah",
  "uang tunai",
  "dijamin",
  "tanpa modal",
  "penghasilan tambahan",
  "cepat kaya",
  "diskon besar",
  "beli sekarang",
  "pesan sekarang",
  "jangan lewatkan",
  "kesempatan terakhir",
  "bonus langsung",
  "menang undian",
  "pinjaman tanpa agunan",
  "transfer sekarang",
];

export const URL_SHORTENERS: ReadonlySet<string> = new Set([
  "bit.ly",
  "tinyurl.com",
  "t.co",
  "goo.gl",
  "ow.ly",
  "is.gd",
  "buff.ly",
  "rebrand.ly",
  "cutt.ly",
  "shorturl.at",
  "s.id",
  "tiny.cc",
  "rb.gy",
  "t.ly",
  "bl.ink",
  "shorte.st",
  "adf.ly",
  "lnkd.in",
  "v.gd",
  "clck.ru",
]);

export const RISKY_EXTENSIONS: ReadonlySet<string> = new Set(
  "exe scr pif com bat cmd vbs vbe js jse wsf wsh hta msi msp cpl jar ps1 psm1 lnk reg iso img vhd dll sys apk app dmg docm xlsm pptm one".split(
    " ",
  ),
);

const MAX_LINKS = 15;
/** Gmail clips messages over about 102 KB of HTML; many receivers refuse messages over 10 to 25 MB. */
const CLIP_BYTES = 102 * 1024;
const BIG_BYTES = 10 * 1024 * 1024;

function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&[a-z#0-9]+;/gi, "x")
    .replace(/\s+/g, " ")
    .trim();
}

function hostOfUrl(u: string): string | null {
  try {
    return new URL(u).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
}

export async function checkMessage(
  raw: string | Buffer,
  dns: Dns,
  options: { bulk?: boolean; skipBlocklists?: boolean } = {},
): Promise<Finding[]> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
  const email = await PostalMime.parse(bytes, { attachmentEncoding: "arraybuffer" });
  const header = (k: string) => email.headers.find((h) => h.key === k)?.value ?? null;
  const f: Finding[] = [];
  const subject = email.subject ?? "";
  const html = email.html ?? "";
  const text = email.text ?? "";
  const visible = `${subject}\n${text || htmlText(html)}`;
  const lower = visible.toLowerCase();

  // Subject: shouting and punctuation.
  const letters = subject.replace(/[^\p{L}]/gu, "");
  const upper = letters.replace(/[^\p{Lu}]/gu, "");
  if (letters.length >= 8 && upper.length / letters.length > 0.6)
    f.push(
      finding(
        "content.subject_caps",
        "warning",
        "Subject",
        `The subject is mostly capital letters ("${subject}"), a classic spam signal.`,
        "Write the subject in normal sentence case.",
        {
          message: `Subjek pesan sebagian besar ditulis dengan huruf kapital ("${subject}"), tanda klasik spam.`,
          fix: "Tulis subjek dengan huruf besar-kecil seperti kalimat biasa.",
        },
      ),
    );
  if (/[!?]{3,}|!{2,}|\${2,}/.test(subject) || (subject.match(/!/g)?.length ?? 0) >= 3)
    f.push(
      finding(
        "content.punctuation",
        "warning",
        "Subject",
        `The subject has excessive punctuation ("${subject}").`,
        "Use at most one exclamation or question mark, and no runs of $ or !.",
        {
          message: `Subjek pesan menggunakan tanda baca secara berlebihan ("${subject}").`,
          fix: "Gunakan paling banyak satu tanda seru atau tanda tanya, dan jangan gunakan deretan $ atau !.",
        },
      ),
    );
  const phrases = SPAM_PHRASES.filter((p) =>
    new RegExp(`(^|[^\\p{L}])${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "u").test(lower),
  );
  if (phrases.length >= 2 || phrases.some((p) => subject.toLowerCase().includes(p)))
    f.push(
      finding(
        "content.spam_phrases",
        "warning",
        "Body",
        `The message uses phrases spam filters score: ${phrases.map((p) => `"${p}"`).join(", ")}.`,
        "Rewrite those sentences plainly: say what the mail is about, without pressure, prizes or free-money promises.",
        {
          message: `Pesan menggunakan frasa yang dinilai negatif oleh filter spam: ${phrases.map((p) => `"${p}"`).join(", ")}.`,
          fix: "Tulis ulang kalimat tersebut secara lugas: sampaikan isi email tanpa desakan, hadiah, atau janji uang gratis.",
        },
        { phrases },
      ),
    );

  // Links.
  const urls = new Set<string>();
  for (const m of html.matchAll(/\bhref\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi)) urls.add(m[1]!);
  for (const m of text.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) urls.add(m[0]);
  const hosts = [...new Set([...urls].map(hostOfUrl).filter((h): h is string => !!h))];
  if (urls.size > MAX_LINKS)
    f.push(
      finding(
        "content.many_links",
        "warning",
        "Body",
        `The message has ${urls.size} links; many links is a spam signal.`,
        `Keep to a few links (under ${MAX_LINKS}), all to your own domain.`,
        {
          message: `Pesan berisi ${urls.size} tautan; tautan yang terlalu banyak merupakan tanda spam.`,
          fix: `Gunakan sedikit tautan saja (kurang dari ${MAX_LINKS}), semuanya ke domain Anda sendiri.`,
        },
        { links: urls.size },
      ),
    );
  const shorteners = hosts.filter((h) => URL_SHORTENERS.has(h));
  if (shorteners.length)
    f.push(
      finding(
        "content.shortener",
        "warning",
        "Body",
        `The message links through URL shorteners (${shorteners.join(", ")}), which spam filters distrust because they hide the target.`,
        "Link to the full address on your own domain instead.",
        {
          message: `Pesan menggunakan tautan melalui pemendek URL (${shorteners.join(", ")}), yang tidak dipercaya filter spam karena menyembunyikan tujuan tautan.`,
          fix: "Sebagai gantinya, gunakan tautan ke alamat lengkap di domain Anda sendiri.",
        },
        { shorteners },
      ),
    );
  if (!options.skipBlocklists) {
    const listed: Finding[] = [];
    // Hosts are checked by their registered domain (checkBlocklists): one finding per listed name
    // and list, however many hosts under that domain the message links to.
    const seen = new Set<string>();
    for (const h of hosts.filter((x) => !URL_SHORTENERS.has(x)).slice(0, 10)) {
      for (const b of await checkBlocklists(h, dns)) {
        const key = `${String(b.data?.zone)} ${String(b.data?.names)}`;
        if (b.id !== "blocklist.listed" || seen.has(key)) continue;
        seen.add(key);
        listed.push(b);
      }
    }
    for (const b of listed)
      f.push(
        finding(
          "content.listed_link",
          "error",
          b.subject,
          `The message links to ${b.subject}, which is on a domain blocklist: ${b.message}`,
          `Remove the link, or have ${b.subject} delisted (${String(b.data?.delistUrl ?? "")}).`,
          {
            message: `Pesan menautkan ke ${b.subject}, yang tercantum di daftar hitam domain: ${b.localized?.id.message ?? b.message}`,
            fix: `Hapus tautan tersebut, atau ajukan penghapusan ${b.subject} dari daftar hitam (${String(b.data?.delistUrl ?? "")}).`,
          },
          b.data,
        ),
      );
  }

  // Images and text.
  const images = (html.match(/<img\b/gi) ?? []).length;
  const words = htmlText(html).length;
  if (html && images > 0 && words < 100 * images)
    f.push(
      finding(
        "content.image_ratio",
        "warning",
        "Body",
        `The HTML has ${images} image(s) and only ${words} characters of text: image-heavy mail is a spam signal and unreadable with images off.`,
        "Put the message in text, with images as support (about 60% text or more), and give every image alt text.",
        {
          message: `HTML pesan berisi ${images} gambar dan hanya ${words} karakter teks: email yang didominasi gambar merupakan tanda spam dan tidak terbaca jika gambar dinonaktifkan.`,
          fix: "Sampaikan isi pesan dalam bentuk teks, dengan gambar sebagai pendukung (sekitar 60% teks atau lebih), dan beri teks alt pada setiap gambar.",
        },
        { images, textChars: words },
      ),
    );
  if (html && !text.trim())
    f.push(
      finding(
        "content.no_text_part",
        "warning",
        "MIME",
        "The message has an HTML part but no plain-text part.",
        "Send multipart/alternative with a text/plain version of the same content.",
        {
          message: "Pesan memiliki bagian HTML, tetapi tidak memiliki bagian teks biasa (plain text).",
          fix: "Kirim sebagai multipart/alternative dengan versi text/plain yang berisi konten yang sama.",
        },
      ),
    );

  // Bulk mail: unsubscribe.
  const listUnsub = header("list-unsubscribe");
  const bulk =
    options.bulk === true ||
    !!listUnsub ||
    !!header("list-id") ||
    /^(bulk|list)$/i.test(header("precedence") ?? "") ||
    !!header("feedback-id");
  const unsubLink = /unsubscribe|opt[- ]?out|berhenti berlangganan|henti langganan|keluar dari daftar/i.test(
    `${text}\n${html}`,
  );
  if (bulk) {
    if (!listUnsub)
      f.push(
        finding(
          "content.no_list_unsubscribe",
          "error",
          "Headers",
          "This bulk message has no List-Unsubscribe header; Gmail and Yahoo require it from bulk senders.",
          "Add List-Unsubscribe: <https://…/unsubscribe?id=…>, <mailto:unsubscribe@…> and List-Unsubscribe-Post: List-Unsubscribe=One-Click.",
          {
            message:
              "Pesan massal ini tidak memiliki header List-Unsubscribe; Gmail dan Yahoo mewajibkannya bagi pengirim email massal.",
            fix: "Tambahkan List-Unsubscribe: <https://…/unsubscribe?id=…>, <mailto:unsubscribe@…> serta List-Unsubscribe-Post: List-Unsubscribe=One-Click.",
          },
        ),
      );
    else if (
      !/List-Unsubscribe=One-Click/i.test(header("list-unsubscribe-post") ?? "") ||
      !/<https:/i.test(listUnsub)
    )
      f.push(
        finding(
          "content.no_one_click",
          "error",
          "Headers",
          "The List-Unsubscribe header has no one-click form (RFC 8058: an https URL and List-Unsubscribe-Post: List-Unsubscribe=One-Click).",
          "Add an https unsubscribe URL that accepts POST, and the header List-Unsubscribe-Post: List-Unsubscribe=One-Click; DKIM-sign both headers.",
          {
            message:
              "Header List-Unsubscribe tidak mendukung berhenti berlangganan sekali klik (RFC 8058: URL https dan List-Unsubscribe-Post: List-Unsubscribe=One-Click).",
            fix: "Tambahkan URL https untuk berhenti berlangganan yang menerima POST, serta header List-Unsubscribe-Post: List-Unsubscribe=One-Click; tandatangani kedua header tersebut dengan DKIM.",
          },
        ),
      );
    if (!unsubLink)
      f.push(
        finding(
          "content.no_unsubscribe_link",
          "warning",
          "Body",
          "This bulk message has no visible unsubscribe link in its body.",
          "Put a clear unsubscribe link in the footer of every marketing message.",
          {
            message:
              "Pesan massal ini tidak memiliki tautan berhenti berlangganan yang terlihat di isi pesan.",
            fix: "Cantumkan tautan berhenti berlangganan yang jelas di bagian bawah (footer) setiap email pemasaran.",
          },
        ),
      );
  }

  // Attachments and size.
  const risky = email.attachments
    .map((a) => a.filename ?? "")
    .filter((n) => RISKY_EXTENSIONS.has(n.split(".").pop()?.toLowerCase() ?? "") && n.includes("."));
  if (risky.length)
    f.push(
      finding(
        "content.risky_attachment",
        "error",
        "Attachments",
        `The message attaches file types that receivers block as possible malware: ${risky.join(", ")}.`,
        "Do not attach executables, scripts, disk images or macro documents; link to a download on your own site instead.",
        {
          message: `Pesan melampirkan jenis berkas yang diblokir server penerima karena berpotensi berisi malware: ${risky.join(", ")}.`,
          fix: "Jangan lampirkan berkas yang dapat dijalankan (executable), skrip, image disk, atau dokumen bermakro; sebagai gantinya, berikan tautan unduhan di situs Anda sendiri.",
        },
        { files: risky },
      ),
    );
  if (bytes.length > BIG_BYTES)
    f.push(
      finding(
        "content.size",
        "warning",
        "Message",
        `The message is ${(bytes.length / 1048576).toFixed(1)} MB; many receivers refuse messages over 10 MB.`,
        "Send large files as links instead of attachments.",
        {
          message: `Ukuran pesan ${(bytes.length / 1048576).toFixed(1).replace(".", ",")} MB; banyak server penerima menolak pesan di atas 10 MB.`,
          fix: "Kirim berkas besar sebagai tautan, bukan sebagai lampiran.",
        },
        { bytes: bytes.length },
      ),
    );
  else if (Buffer.byteLength(html) > CLIP_BYTES)
    f.push(
      finding(
        "content.size",
        "info",
        "Message",
        `The HTML is ${Math.round(Buffer.byteLength(html) / 1024)} KB; Gmail clips messages over about 102 KB, hiding the end (and the unsubscribe link).`,
        "Trim the HTML (inline styles, comments, tracking markup) below 100 KB.",
        {
          message: `Ukuran HTML pesan ${Math.round(Buffer.byteLength(html) / 1024)} KB; Gmail memotong pesan di atas sekitar 102 KB, sehingga bagian akhirnya (termasuk tautan berhenti berlangganan) tersembunyi.`,
          fix: "Kurangi ukuran HTML (gaya inline, komentar, markup pelacakan) hingga di bawah 100 KB.",
        },
        { htmlBytes: Buffer.byteLength(html) },
      ),
    );

  const received = email.headers.filter((h) => h.key === "received").map((h) => h.value);
  f.push(...(await checkOwnAuthentication(bytes, dns, header("authentication-results"), received)));
  if (!f.some((x) => x.severity === "error" || x.severity === "warning"))
    f.push(
      finding("content.ok", "ok", "Message", "No content problem found.", NO_FIX, {
        message: "Tidak ditemukan masalah pada konten pesan.",
        fix: NO_FIX_ID,
      }),
    );
  return f;
}

// mailauth 4.13 (the last line for Node 20) prints "TOTAL n EXPECTING m" with console.log when a
// DKIM signature's l= differs from the body (lib/dkim/dkim-verifier.js), into the JSON a user pipes.
// console.log is muted while it runs; diagnosa itself never writes through console.log.
let muted = 0;
let consoleLog: typeof console.log = console.log;
async function withoutConsoleLog<T>(fn: () => Promise<T>): Promise<T> {
  if (muted++ === 0) {
    consoleLog = console.log;
    console.log = () => {};
  }
  try {
    return await fn();
  } finally {
    if (--muted === 0) console.log = consoleLog;
  }
}

// Client addresses no receiver on the Internet sees: private (RFC 1918, RFC 4193), loopback,
// link-local, shared carrier NAT (RFC 6598), "this network".
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  NOT_PUBLIC.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  NOT_PUBLIC.addSubnet(net, bits, "ipv6");

function isPublicIp(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const v = mapped ?? ip;
  return !NOT_PUBLIC.check(v, isIP(v) === 6 ? "ipv6" : "ipv4");
}

// Authenticated submission (RFC 3848, RFC 6531: ESMTPA, ESMTPSA, LMTPSA, UTF8SMTPSA, …): the hop
// from the sender's own client to its mail server, not one a receiver judges by SPF.
const SUBMISSION = /^(?:UTF8)?(?:E?SMTP|LMTP)S?A$/i;

/**
 * The address a Received header's "from" part says the client connected from. Postfix, Sendmail
 * and Gmail write `HELO (rDNS [IP])`: the bracket inside the parentheses is the connection's, the
 * one before them only what the client said in HELO (`from [10.0.0.5] (unknown [203.0.113.5])`).
 * Exim writes `[IP] (helo=…)` or `rDNS ([IP] helo=…)`: a `helo=` value is never the connection.
 * Exchange writes `(IP)`.
 */
function connectingIp(from: string): string | null {
  let depth = 0;
  let inParens: string | null = null;
  let outside: string | null = null;
  for (const m of from.matchAll(/[()]|(helo=\s*)?\[(?:IPv6:)?([0-9a-f.:]+)\]/gi)) {
    if (m[0] === "(") depth++;
    else if (m[0] === ")") depth = Math.max(0, depth - 1);
    else if (!m[1] && isIP(m[2]!)) {
      if (depth > 0) inParens ??= m[2]!;
      else outside ??= m[2]!;
    }
  }
  const bare = /\(([0-9a-f.:]+)\)/i.exec(from)?.[1];
  return inParens ?? outside ?? (bare && isIP(bare) ? bare : null);
}

/**
 * The client IP a receiver saw, from the Received headers (newest first): the first hop from a
 * public address. Hops from private addresses (relays inside an organisation) are passed over; an
 * authenticated submission hop ends the search, as does the end of the headers: `ip` is then null
 * and `seen` names the addresses passed over.
 */
export function receiverClientIp(received: string[]): {
  ip: string | null;
  seen: string[];
  submission: boolean;
} {
  const seen: string[] = [];
  for (const value of received) {
    const from = /^\s*from\s([\s\S]*?)(?:\sby\s|$)/i.exec(value)?.[1] ?? "";
    const ip = connectingIp(from);
    const proto = /\swith\s+([a-z0-9]+)/i.exec(value)?.[1] ?? "";
    if (SUBMISSION.test(proto)) {
      if (ip) seen.push(ip);
      return { ip: null, seen, submission: true };
    }
    if (!ip) continue;
    if (isPublicIp(ip)) return { ip, seen, submission: false };
    seen.push(ip);
  }
  return { ip: null, seen, submission: false };
}

/**
 * The message's own authentication: its DKIM signatures verified now (mailauth), SPF for the
 * client IP a receiver saw (receiverClientIp), DMARC from both; and what a receiver recorded in
 * Authentication-Results.
 */
async function checkOwnAuthentication(
  raw: Buffer,
  dns: Dns,
  recorded: string | null,
  received: string[],
): Promise<Finding[]> {
  const f: Finding[] = [];
  const client = receiverClientIp(received);
  const res = await withoutConsoleLog(() =>
    authenticate(raw, {
      // The chosen IP wins over the first Received header's; the envelope sender still comes from
      // Received envelope-from or Return-Path.
      trustReceived: true,
      ...(client.ip ? { ip: client.ip } : {}),
      resolver: dns.forMailauth,
      disableArc: true,
      disableBimi: true,
      mta: "diagnosa.local",
    }),
  );
  const sigs = res.dkim.results.filter((r) => r.status.result !== "none");
  if (!sigs.length)
    f.push(
      finding(
        "message.dkim_none",
        "warning",
        "DKIM",
        "The message is not DKIM-signed.",
        "Turn on DKIM signing for the From domain in your sending service and publish its key.",
        {
          message: "Pesan tidak ditandatangani DKIM.",
          fix: "Aktifkan penandatanganan DKIM untuk domain From di layanan pengirim Anda, lalu terbitkan kuncinya.",
        },
      ),
    );
  for (const s of sigs) {
    const r = s.status.result;
    const who = `d=${s.signingDomain} s=${s.selector ?? "?"}`;
    if (r === "temperror") f.push(authDnsError("DKIM", who));
    else if (r === "pass")
      f.push(
        finding(
          "message.dkim_pass",
          "ok",
          "DKIM",
          `DKIM signature ${who} verifies${s.status.aligned ? " and aligns with From" : ""}.`,
          NO_FIX,
          {
            message: `Tanda tangan DKIM ${who} terverifikasi${s.status.aligned ? " dan selaras dengan From" : ""}.`,
            fix: NO_FIX_ID,
          },
          {
            domain: s.signingDomain,
            selector: s.selector,
            aligned: s.status.aligned ?? false,
          },
        ),
      );
    else
      f.push(
        finding(
          "message.dkim_fail",
          "error",
          "DKIM",
          `DKIM signature ${who} does not verify (${r}${s.status.comment ? `: ${s.status.comment}` : ""}).`,
          "Check that the published key matches the signing key, and that nothing (a footer, a gateway) changes the message after signing.",
          {
            message: `Tanda tangan DKIM ${who} tidak dapat diverifikasi (${r}${s.status.comment ? `: ${s.status.comment}` : ""}).`,
            fix: "Pastikan kunci yang diterbitkan cocok dengan kunci penanda tangan, dan tidak ada yang mengubah pesan setelah ditandatangani (misalnya footer atau gateway).",
          },
          { domain: s.signingDomain, selector: s.selector, result: r },
        ),
      );
  }
  if (!client.ip) {
    const why = client.submission
      ? `its Received headers start at an authenticated submission (${client.seen.length ? `from ${client.seen.join(", ")}, ` : ""}ESMTPA/ESMTPSA), a copy as sent rather than as received`
      : client.seen.length
        ? `its Received headers show only private or local addresses (${client.seen.join(", ")})`
        : "it has no Received header with a client address";
    const whyId = client.submission
      ? `header Received-nya dimulai dari pengiriman terautentikasi (${client.seen.length ? `dari ${client.seen.join(", ")}, ` : ""}ESMTPA/ESMTPSA), salinan saat dikirim, bukan saat diterima`
      : client.seen.length
        ? `header Received-nya hanya menunjukkan alamat privat atau lokal (${client.seen.join(", ")})`
        : "pesan tidak memiliki header Received dengan alamat klien";
    f.push(
      finding(
        "message.spf_not_checked",
        "info",
        "SPF",
        `SPF was not evaluated: ${why}, so the IP a receiver sees (your outgoing mail server's) is not in the message.`,
        "Check a copy of the message as a recipient received it (with all its headers), or check the From domain's SPF with `diagnosa check domain`.",
        {
          message: `SPF tidak dievaluasi: ${whyId}, sehingga IP yang dilihat server penerima (IP server email keluar Anda) tidak ada di pesan.`,
          fix: "Periksa salinan pesan sebagaimana diterima oleh penerima (dengan semua header-nya), atau periksa SPF domain From dengan `diagnosa check domain`.",
        },
        { seen: client.seen, submission: client.submission },
      ),
    );
  } else if (res.spf && res.spf.status.result !== "none") {
    const r = res.spf.status.result;
    f.push(
      r === "temperror"
        ? authDnsError("SPF", res.spf.domain)
        : r === "pass"
          ? finding(
              "message.spf_pass",
              "ok",
              "SPF",
              `SPF passes for ${res.spf.domain} from ${res.spf["client-ip"]}.`,
              NO_FIX,
              {
                message: `SPF lolos untuk ${res.spf.domain} dari ${res.spf["client-ip"]}.`,
                fix: NO_FIX_ID,
              },
            )
          : finding(
              "message.spf_fail",
              r === "softfail" || r === "neutral" ? "warning" : "error",
              "SPF",
              `SPF ${r} for ${res.spf.domain} from ${res.spf["client-ip"]}.`,
              `Authorise the sending server ${res.spf["client-ip"]} in the SPF record of ${res.spf.domain} (ip4:/include:).`,
              {
                message: `Hasil SPF ${r} untuk ${res.spf.domain} dari ${res.spf["client-ip"]}.`,
                fix: `Izinkan server pengirim ${res.spf["client-ip"]} di catatan SPF ${res.spf.domain} (ip4:/include:).`,
              },
              { result: r },
            ),
    );
  }
  const dmarc = res.dmarc || null;
  if (dmarc?.status?.result && dmarc.status.result !== "none") {
    const r = dmarc.status.result;
    f.push(
      r === "temperror"
        ? authDnsError("DMARC", dmarc.domain)
        : r === "pass"
          ? finding("message.dmarc_pass", "ok", "DMARC", `DMARC passes for ${dmarc.domain}.`, NO_FIX, {
              message: `DMARC lolos untuk ${dmarc.domain}.`,
              fix: NO_FIX_ID,
            })
          : r === "fail" && !client.ip
            ? // SPF was not evaluated: an aligned SPF pass at the receiver could still pass DMARC.
              finding(
                "message.dmarc_fail",
                "warning",
                "DMARC",
                `DMARC does not pass for ${dmarc.domain} on DKIM: no signature verifies aligned with the From domain, so DMARC rests on SPF, which could not be evaluated here (see message.spf_not_checked).`,
                "Sign with DKIM as the From domain (d=), so that DMARC passes whichever server sends; and make sure the Return-Path domain's SPF authorises your outgoing server.",
                {
                  message: `DMARC tidak lolos untuk ${dmarc.domain} melalui DKIM: tidak ada tanda tangan yang terverifikasi dan selaras dengan domain From, sehingga DMARC bergantung pada SPF, yang tidak dapat dievaluasi di sini (lihat message.spf_not_checked).`,
                  fix: "Tandatangani pesan dengan DKIM atas nama domain From (d=), agar DMARC lolos dari server mana pun pesan dikirim; dan pastikan SPF domain Return-Path mengizinkan server email keluar Anda.",
                },
                { result: r, spf: "not_checked" },
              )
            : finding(
                "message.dmarc_fail",
                "error",
                "DMARC",
                `DMARC ${r} for ${dmarc.domain}: neither SPF nor DKIM passes aligned with the From domain.`,
                "Sign with DKIM as the From domain (d=) or send with a Return-Path in the From domain that SPF authorises.",
                {
                  message: `Hasil DMARC ${r} untuk ${dmarc.domain}: baik SPF maupun DKIM tidak lolos secara selaras dengan domain From.`,
                  fix: "Tandatangani pesan dengan DKIM atas nama domain From (d=), atau kirim dengan Return-Path di domain From yang diizinkan oleh SPF.",
                },
                { result: r },
              ),
    );
  }
  if (recorded) {
    const results = [...recorded.matchAll(/\b(spf|dkim|dmarc)=([a-z]+)\b/gi)].map(
      (m) => `${m[1]!.toLowerCase()}=${m[2]!.toLowerCase()}`,
    );
    const failed = results.filter((r) => /=(fail|softfail|permerror|temperror)$/.test(r));
    if (failed.length)
      f.push(
        finding(
          "message.auth_results_fail",
          "error",
          "Authentication-Results",
          `The receiver recorded failed authentication: ${failed.join(", ")}.`,
          "Fix the failing method for the From domain (see the SPF, DKIM and DMARC checks of `diagnosa check domain`).",
          {
            message: `Server penerima mencatat autentikasi yang gagal: ${failed.join(", ")}.`,
            fix: "Perbaiki metode yang gagal untuk domain From (lihat pemeriksaan SPF, DKIM, dan DMARC pada `diagnosa check domain`).",
          },
          { results: failed },
        ),
      );
    // "none" is no signature or no record (RFC 8601 §2.7), not a failure: a gap to fill.
    const none = results.filter((r) => r.endsWith("=none"));
    const missing = none.map((r) => `${r} (${NONE_MEANS[r]!.en})`).join(", ");
    const missingId = none.map((r) => `${r} (${NONE_MEANS[r]!.id})`).join(", ");
    if (none.length)
      f.push(
        finding(
          "message.auth_results_none",
          "warning",
          "Authentication-Results",
          `The receiver found nothing to check: ${missing}. That is no failure, but mail without it is trusted less.`,
          "Publish what is missing for the From and Return-Path domains (see `diagnosa check domain`).",
          {
            message: `Server penerima tidak menemukan apa pun untuk diperiksa: ${missingId}. Itu bukan kegagalan, tetapi email tanpanya kurang dipercaya.`,
            fix: "Terbitkan yang belum ada untuk domain From dan Return-Path (lihat `diagnosa check domain`).",
          },
          { results: none },
        ),
      );
  }
  return f;
}

/** What a receiver's "<method>=none" means (RFC 8601 §2.7), in English and Indonesian. */
const NONE_MEANS: Record<string, { en: string; id: string }> = {
  "dkim=none": { en: "the message is not DKIM-signed", id: "pesan tidak ditandatangani DKIM" },
  "spf=none": {
    en: "the envelope domain has no SPF record",
    id: "domain amplop tidak memiliki catatan SPF",
  },
  "dmarc=none": {
    en: "the From domain has no DMARC record",
    id: "domain From tidak memiliki catatan DMARC",
  },
};

/**
 * A method that could not be evaluated because a DNS lookup failed (temperror): no verdict on the
 * records, and nothing to fix in them; the lookup is what to try again (as `*.dns_error` elsewhere).
 */
function authDnsError(method: string, subject: string): Finding {
  return finding(
    "message.auth_dns_error",
    "warning",
    method,
    `${method} could not be evaluated for ${subject}: a DNS lookup failed (temperror), so this says nothing about the records.`,
    "Run the check again, or through another DNS server (--dns-server).",
    {
      message: `${method} tidak dapat dievaluasi untuk ${subject}: pencarian DNS gagal (temperror), jadi hasil ini tidak menyatakan apa pun tentang catatannya.`,
      fix: "Jalankan pemeriksaan lagi, atau melalui server DNS lain (--dns-server).",
    },
    { method: method.toLowerCase(), result: "temperror" },
  );
}
