import PostalMime from "postal-mime";
import {
  bodyBytes,
  bodyText,
  decodeWords,
  headerText,
  MimeError,
  type MimePart,
  parseMime,
  readHeaders,
} from "./mime.js";

/**
 * A bounce email after MIME decoding: what the decoders read. The MIME work is done by
 * postal-mime; this keeps the parts a bounce is made of apart (the human-readable text, the
 * machine-readable reports, the returned message) instead of one flattened body.
 */
export interface BounceMessage {
  /** Lower-case header name → values, in order. */
  headers: Map<string, string[]>;
  subject: string;
  from: string;
  /** The human-readable body: text/plain parts, or the text of the HTML when there are none. */
  text: string;
  /** Bodies of message/delivery-status parts (RFC 3464), several for several reports. */
  deliveryStatus: string[];
  /** Body of a message/feedback-report part (RFC 5965). */
  feedbackReport: string | null;
  /** Header block of the returned message (message/rfc822 or text/rfc822-headers). */
  originalHeaders: string | null;
  /** Content-Type of the whole message, lower case. */
  contentType: string;
}

export function header(msg: BounceMessage, name: string): string | undefined {
  return msg.headers.get(name)?.[0];
}

const decoder = new TextDecoder("utf-8", { fatal: false });

function asText(content: ArrayBuffer | Uint8Array | string): string {
  return typeof content === "string" ? content : decoder.decode(content);
}

/**
 * Decodes a bounce with the fast reader (mime.ts); a message it rejects (too deep, too many parts)
 * goes to postal-mime, whose limits then decide.
 */
export async function readMessage(raw: string | Uint8Array): Promise<BounceMessage> {
  try {
    return fromMime(parseMime(raw));
  } catch (e) {
    if (!(e instanceof MimeError)) throw e;
    return readWithPostalMime(raw);
  }
}

const REPORT_TYPES = new Set(["message/delivery-status", "message/global-delivery-status"]);
const ORIGINAL_TYPES = new Set([
  "message/rfc822",
  "text/rfc822-headers",
  "message/global",
  "message/global-headers",
]);

function fromMime(root: MimePart): BounceMessage {
  const headers = new Map<string, string[]>();
  for (const [k, v] of root.headers) headers.set(k, v.map(headerText));
  const msg: BounceMessage = {
    headers,
    subject: headers.get("subject")?.[0] ?? "",
    from: headers.get("from")?.[0] ?? "",
    text: "",
    deliveryStatus: [],
    feedbackReport: null,
    originalHeaders: null,
    contentType: (root.headers.get("content-type")?.[0] ?? "").toLowerCase(),
  };
  const plain: string[] = [];
  const html: string[] = [];
  const attached: string[] = [];
  const walk = (part: MimePart, depth: number): void => {
    if (part.children.length) {
      if (part.type === "multipart/alternative") {
        // One representation of the body: the plain text when it says something (a blank one
        // beside the HTML, as some NDR builders write, would hide the HTML's words).
        const plainPart = part.children.find((c) => c.type === "text/plain");
        const htmlPart = part.children.find((c) => c.type === "text/html");
        const chosen =
          plainPart && (!htmlPart || bodyText(plainPart).trim())
            ? plainPart
            : (htmlPart ?? part.children[0]!);
        walk(chosen, depth);
        return;
      }
      for (const c of part.children) walk(c, depth);
      return;
    }
    const type = part.type;
    if (REPORT_TYPES.has(type)) msg.deliveryStatus.push(bodyText(part));
    else if (type === "message/feedback-report") msg.feedbackReport = bodyText(part);
    else if (ORIGINAL_TYPES.has(type)) {
      const head = headerBlock(bodyText({ ...part, body: part.body.slice(0, 65536) }));
      // A bounce forwarded as an attachment is a report to read, not the returned message.
      if (type === "message/rfc822" && /^content-type:\s*multipart\/report/im.test(head) && depth < 3) {
        try {
          // Decoded first: a forward may carry it in base64 or quoted-printable.
          walk(parseMime(bodyBytes(part)), depth + 1);
        } catch (e) {
          if (!(e instanceof MimeError)) throw e;
        }
      } else if (msg.originalHeaders === null) msg.originalHeaders = head;
    } else if (type === "text/plain") {
      if (part.disposition === "attachment") {
        if (part.body.length < 65536) attached.push(bodyText(part));
      } else plain.push(bodyText(part));
    } else if (type === "text/html" && part.disposition !== "attachment") html.push(bodyText(part));
  };
  walk(root, 0);
  let text = plain.join("\n");
  if (!text.trim() && html.length) text = htmlToText(html.join("\n"));
  if (attached.length) text = `${text}\n${attached.join("\n")}`;
  msg.text = text;
  return msg;
}

/** The same reading done by postal-mime: the fallback, and the reference the tests compare with. */
export async function readWithPostalMime(raw: string | Uint8Array): Promise<BounceMessage> {
  const email = await PostalMime.parse(raw, {
    forceRfc822Attachments: true,
    attachmentEncoding: "arraybuffer",
    maxNestingDepth: 64,
    maxHeadersSize: 1024 * 1024,
  });
  const headers = new Map<string, string[]>();
  for (const h of email.headers) {
    const list = headers.get(h.key);
    if (list) list.push(decodeWords(h.value));
    else headers.set(h.key, [decodeWords(h.value)]);
  }
  const deliveryStatus: string[] = [];
  let feedbackReport: string | null = null;
  let originalHeaders: string | null = null;
  const extraText: string[] = [];
  for (const a of email.attachments) {
    const type = a.mimeType;
    if (REPORT_TYPES.has(type)) deliveryStatus.push(asText(a.content));
    else if (type === "message/feedback-report") feedbackReport = asText(a.content);
    else if (ORIGINAL_TYPES.has(type)) {
      if (originalHeaders === null) originalHeaders = headerBlock(asText(headSlice(a.content)));
    } else if (
      type === "text/plain" &&
      a.disposition === "attachment" &&
      typeof a.content !== "string" &&
      a.content.byteLength < 65536
    ) {
      extraText.push(asText(a.content));
    }
  }
  let text = email.text ?? "";
  if (!text.trim() && email.html) text = htmlToText(email.html);
  if (extraText.length) text = `${text}\n${extraText.join("\n")}`;
  return {
    headers,
    subject: email.subject ?? "",
    from: headers.get("from")?.[0] ?? "",
    text,
    deliveryStatus,
    feedbackReport,
    originalHeaders,
    contentType: (headers.get("content-type")?.[0] ?? "").toLowerCase(),
  };
}

/** The first 64 KB of a part is more than any header block needs. */
function headSlice(content: ArrayBuffer | Uint8Array | string): ArrayBuffer | Uint8Array | string {
  if (typeof content === "string") return content.slice(0, 65536);
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  return bytes.subarray(0, 65536);
}

/** The header block of a message: everything before the first empty line. */
export function headerBlock(text: string): string {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/**
 * `html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")` in linear time: that regex scans to the
 * end from every "<script" when no "</script>" follows (quadratic on many of them). Once a kind
 * of element has no closing tag after some point, none of its later openings has one either.
 */
function withoutScripts(html: string): string {
  const open = /<(script|style)/gi;
  const closed = new Set<string>();
  let out = "";
  let from = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const tag = m[1]!.toLowerCase();
    if (closed.has(tag)) {
      open.lastIndex = m.index + 1;
      continue;
    }
    const close = new RegExp(`</${tag}>`, "gi");
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(html);
    if (!end) {
      closed.add(tag);
      open.lastIndex = m.index + 1;
      continue;
    }
    out += `${html.slice(from, m.index)} `;
    from = open.lastIndex = end.index + end[0].length;
  }
  return out + html.slice(from);
}

/**
 * `s.replace(/<[^>]{0,2000}>/g, " ")` in linear time: that regex reads up to 2000 characters
 * from every "<" (a text of "<" took seconds). The next ">" is found once for a run of "<".
 */
function withoutTags(s: string): string {
  let out = "";
  let from = 0;
  let gt = -1;
  for (let lt = s.indexOf("<"); lt >= 0; ) {
    if (gt <= lt) gt = s.indexOf(">", lt + 1);
    if (gt < 0) break;
    if (gt - lt - 1 <= 2000) {
      out += `${s.slice(from, lt)} `;
      from = gt + 1;
      lt = s.indexOf("<", from);
    } else lt = s.indexOf("<", lt + 1);
  }
  return out + s.slice(from);
}

/** Unfolded header fields of a header block, lower-case names, first value wins. */
export function parseHeaderFields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of readHeaders(block)) out.set(k, v[0]!);
  return out;
}

export function htmlToText(html: string): string {
  return (
    withoutTags(withoutScripts(html).replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, "\n"))
      .replace(/&nbsp;/gi, " ")
      .replace(/&lt;/gi, "<")
      .replace(/&gt;/gi, ">")
      .replace(/&quot;/gi, '"')
      .replace(/&#39;|&apos;/gi, "'")
      // Numeric references (&#160;, &#x20;) as the characters; a no-break space as a space.
      .replace(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi, (all, hex?: string, dec?: string) => {
        const cp = hex ? Number.parseInt(hex, 16) : Number(dec);
        if (cp === 0xa0) return " ";
        return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : all;
      })
      .replace(/&amp;/gi, "&")
      .replace(/[ \t]+/g, " ")
  );
}
