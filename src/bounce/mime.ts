/**
 * A synchronous MIME reader for bounce emails. postal-mime (the reference this project tests
 * against, and the fallback for anything this reader rejects) awaits once per line and gathers
 * each part through a Blob: on this project's machines that caps it near 800 messages a second,
 * where a bounce pipeline needs several thousand. Bounces need little of MIME: the part tree,
 * the transfer encodings, the charsets, encoded words. That is what this reads, and no more:
 * bodies stay undecoded until a reader asks for them.
 */

import { TextDecoder } from "node:util";

export interface MimePart {
  /** Lower-case header name → unfolded raw values, in order. */
  headers: Map<string, string[]>;
  /** `type/subtype`, lower case; text/plain when the part says nothing. */
  type: string;
  /** Content-Type parameters, lower-case names. */
  params: Map<string, string>;
  disposition: string | null;
  encoding: string;
  /** The body as a latin1 string (one character per byte), still transfer-encoded. */
  body: string;
  children: MimePart[];
}

export class MimeError extends Error {
  override name = "MimeError";
}

const MAX_DEPTH = 32;
const MAX_PARTS = 500;

export function parseMime(input: string | Uint8Array, maxHeaderBytes = 1024 * 1024): MimePart {
  let raw =
    typeof input === "string"
      ? latin1(input)
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("latin1");
  if (!raw.includes("\n") && raw.includes("\r")) raw = raw.replace(/\r/g, "\n");
  const counter = { parts: 0 };
  return readPart(raw, 0, counter, maxHeaderBytes);
}

/** A JS string that may hold characters above U+00FF is re-encoded as UTF-8 bytes first. */
function latin1(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is for characters above latin1
  return /[^\u0000-\u00ff]/.test(s) ? Buffer.from(s, "utf8").toString("latin1") : s;
}

function readPart(raw: string, depth: number, counter: { parts: number }, maxHeaderBytes: number): MimePart {
  if (depth > MAX_DEPTH) throw new MimeError("MIME parts nested too deeply");
  if (++counter.parts > MAX_PARTS) throw new MimeError("too many MIME parts");
  const split = /\r?\n\r?\n/.exec(raw);
  let headerText = split ? raw.slice(0, split.index) : raw;
  let body = split ? raw.slice(split.index + split[0].length) : "";
  // A part that starts with an empty line has no headers.
  if (/^\r?\n/.test(raw)) {
    headerText = "";
    body = raw.replace(/^\r?\n/, "");
  } else if (split === null && !/^[!-9;-~]+:/.test(raw)) {
    headerText = "";
    body = raw;
  }
  if (headerText.length > maxHeaderBytes) throw new MimeError("header block too large");
  const headers = readHeaders(headerText);
  const [type, params] = contentType(headers.get("content-type")?.[0]);
  const part: MimePart = {
    headers,
    type,
    params,
    disposition: headers.get("content-disposition")?.[0]?.split(";")[0]?.trim().toLowerCase() ?? null,
    encoding: (headers.get("content-transfer-encoding")?.[0] ?? "7bit").trim().toLowerCase(),
    body,
    children: [],
  };
  const boundary = params.get("boundary");
  if (type.startsWith("multipart/") && boundary) {
    const chunks = splitMultipart(body, boundary);
    for (const chunk of chunks) part.children.push(readPart(chunk, depth + 1, counter, maxHeaderBytes));
    // Another report after the end (two bounces in one file, as some relays write them) is read too.
    if (chunks.epilogue && /^content-type:\s*multipart\/report/im.test(chunks.epilogue)) {
      part.children.push(readPart(chunks.epilogue.replace(/^\s+/, ""), depth + 1, counter, maxHeaderBytes));
    }
    // A multipart body whose boundary never occurs is read as plain text rather than lost.
    if (part.children.length) part.body = "";
    else part.type = "text/plain";
  } else if (type.startsWith("multipart/")) {
    part.type = "text/plain";
  }
  return part;
}

/** The parts of a multipart body; the text after the closing delimiter, if any, is `epilogue`. */
function splitMultipart(body: string, boundary: string): string[] & { epilogue?: string } {
  const delimiter = `--${boundary}`;
  const out: string[] & { epilogue?: string } = [];
  let start = -1;
  let pos = 0;
  for (;;) {
    const at = body.indexOf(delimiter, pos);
    if (at < 0) break;
    const lineStart = at === 0 || body.charCodeAt(at - 1) === 10;
    const after = at + delimiter.length;
    // The delimiter must be the whole line ("--b1" is not "--b10").
    const next = body.charCodeAt(after);
    const whole =
      Number.isNaN(next) ||
      next === 10 ||
      next === 13 ||
      next === 32 ||
      next === 9 ||
      (next === 45 && body.charCodeAt(after + 1) === 45);
    if (!lineStart || !whole) {
      pos = after;
      continue;
    }
    const closing = body.startsWith("--", after);
    if (start >= 0)
      out.push(body.slice(start, at === 0 ? 0 : body.charCodeAt(at - 2) === 13 ? at - 2 : at - 1));
    if (closing) {
      const eol = body.indexOf("\n", after);
      if (eol > 0 && body.length - eol > 2) out.epilogue = body.slice(eol + 1);
      return out;
    }
    const eol = body.indexOf("\n", after);
    if (eol < 0) return out;
    start = eol + 1;
    pos = start;
  }
  // No closing delimiter (a truncated message): keep what there is.
  if (start >= 0 && start < body.length) out.push(body.slice(start));
  return out;
}

export function readHeaders(block: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  if (!block) return headers;
  let name = "";
  let value = "";
  const flush = () => {
    if (!name) return;
    const list = headers.get(name);
    if (list) list.push(value);
    else headers.set(name, [value]);
  };
  for (const line of block.split(/\r?\n/)) {
    const c = line.charCodeAt(0);
    if ((c === 32 || c === 9) && name) {
      value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(":");
    if (colon > 0 && /^[!-9;-~]+$/.test(line.slice(0, colon).trimEnd())) {
      name = line.slice(0, colon).trimEnd().toLowerCase();
      value = line.slice(colon + 1).trim();
    } else {
      name = "";
    }
  }
  flush();
  return headers;
}

function contentType(header: string | undefined): [string, Map<string, string>] {
  const params = new Map<string, string>();
  if (!header) return ["text/plain", params];
  let value = header;
  // Some MTAs leave out the ";" before a parameter ("multipart/report boundary=x").
  let semi = value.indexOf(";");
  if (semi < 0) {
    // (?<!\s): start where a run of spaces starts, not again from each of its spaces (quadratic).
    const m = /(?<!\s)\s+[a-z-]+\s*=/i.exec(value);
    if (m) {
      value = `${value.slice(0, m.index)};${value.slice(m.index)}`;
      semi = m.index;
    }
  }
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase() || "text/plain";
  if (semi >= 0) {
    const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
    for (const m of value.slice(semi).matchAll(re)) {
      const key = m[1]!.toLowerCase().replace(/\*\d*\*?$/, "");
      const v = (m[2] ?? m[3] ?? "").trim();
      // RFC 2231 continuations (name*0, name*1) are joined; the charset'lang' prefix dropped.
      const prev = params.get(key);
      params.set(key, prev !== undefined && /\*\d/.test(m[1]!) ? prev + v : v.replace(/^[\w-]*'[\w-]*'/, ""));
    }
  }
  return [type.includes("/") ? type : "text/plain", params];
}

/** The body's bytes after the transfer encoding is undone. */
export function bodyBytes(part: MimePart): Buffer {
  switch (part.encoding) {
    case "base64":
      return Buffer.from(part.body, "base64");
    case "quoted-printable":
      return Buffer.from(decodeQuotedPrintable(part.body), "latin1");
    default:
      return Buffer.from(part.body, "latin1");
  }
}

function decodeQuotedPrintable(s: string): string {
  // A soft line break may have white space before its line end (RFC 2045 6.7: transport padding).
  return s.replace(/=(?:[ \t]*\r?\n|([0-9A-Fa-f]{2}))/g, (_, hex: string | undefined) =>
    hex ? String.fromCharCode(Number.parseInt(hex, 16)) : "",
  );
}

const decoders = new Map<string, TextDecoder>();
const CHARSET_ALIASES: Record<string, string> = {
  "x-sjis": "shift_jis",
  sjis: "shift_jis",
  "shift-jis": "shift_jis",
  "x-euc-jp": "euc-jp",
  cp932: "shift_jis",
  "windows-31j": "shift_jis",
  "ks_c_5601-1987": "euc-kr",
  "x-unknown": "utf-8",
  unknown: "utf-8",
  "us-ascii": "utf-8",
  ascii: "utf-8",
};

export function textDecoder(charset: string | undefined): TextDecoder {
  let name = (charset ?? "utf-8").trim().toLowerCase().replace(/^"|"$/g, "");
  name = CHARSET_ALIASES[name] ?? name;
  let d = decoders.get(name);
  if (!d) {
    try {
      d = new TextDecoder(name);
    } catch {
      d = new TextDecoder("utf-8");
    }
    decoders.set(name, d);
  }
  return d;
}

/** The body as text, in its charset. */
export function bodyText(part: MimePart): string {
  const bytes = bodyBytes(part);
  // Plain ASCII needs no decoder (most bounce text is); ISO-2022 escapes and UTF-16/7 do.
  const charset = part.params.get("charset")?.toLowerCase() ?? "";
  if (
    part.encoding !== "base64" &&
    part.encoding !== "quoted-printable" &&
    !/utf-?(?:16|32|7)/.test(charset) &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: testing for bytes outside ASCII and ESC
    !/[^\u0000-\u001a\u001c-\u007f]/.test(part.body)
  ) {
    return part.body;
  }
  const decoder = textDecoder(part.params.get("charset"));
  return decoder.encoding === "utf-8" ? utf8OrLatin1(bytes) : decodeText(decoder, bytes);
}

/** Bytes in a decoder's charset; windows-1252 (and the Latin-1 labels it stands for) by our table. */
function decodeText(decoder: TextDecoder, bytes: Uint8Array): string {
  return decoder.encoding === "windows-1252" ? windows1252(bytes) : decoder.decode(bytes);
}

/**
 * Windows-1252's 0x80-0x9F (the other bytes are Latin-1's). Node's TextDecoder without full ICU
 * decodes windows-1252 as Latin-1, which makes „ “ – ’ € C1 control characters.
 */
const CP1252_80_9F = [
  "€",
  "\u0081",
  "‚",
  "ƒ",
  "„",
  "…",
  "†",
  "‡",
  "ˆ",
  "‰",
  "Š",
  "‹",
  "Œ",
  "\u008d",
  "Ž",
  "\u008f",
  "\u0090",
  "‘",
  "’",
  "“",
  "”",
  "•",
  "–",
  "—",
  "˜",
  "™",
  "š",
  "›",
  "œ",
  "\u009d",
  "ž",
  "Ÿ",
];

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * UTF-8, with each byte that is not part of a valid UTF-8 sequence read as windows-1252: an MTA
 * writing Latin-1 where UTF-8 was assumed ("m\xfcller@example.de") keeps its letters, and the valid
 * UTF-8 around a stray byte stays as it is.
 */
export function utf8OrLatin1(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    // Rare: walk the bytes, valid sequences as UTF-8, the others one byte each.
  }
  let out = "";
  let start = 0; // start of the run of valid UTF-8 not yet decoded
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
    if (valid && length > 1) {
      try {
        STRICT_UTF8.decode(bytes.subarray(i, i + length)); // overlong forms and surrogates
      } catch {
        valid = false;
      }
    }
    if (valid) {
      i += length;
      continue;
    }
    out += STRICT_UTF8.decode(bytes.subarray(start, i)) + windows1252(bytes.subarray(i, i + 1));
    i++;
    start = i;
  }
  return out + STRICT_UTF8.decode(bytes.subarray(start));
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`) in a header value. */
export function decodeWords(value: string): string {
  if (!value.includes("=?")) return value;
  return value
    .replace(/(=\?[^?]+\?[bq]\?[^?]*\?=)\s+(?==\?)/gi, "$1")
    .replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi, (_, charset: string, enc: string, data: string) => {
      const bytes =
        enc.toLowerCase() === "b"
          ? Buffer.from(data, "base64")
          : Buffer.from(decodeQuotedPrintable(data.replace(/_/g, " ")), "latin1");
      return decodeText(textDecoder(charset.replace(/\*.*$/, "")), bytes);
    });
}

/** A header value read back as text: raw 8-bit bytes are taken as UTF-8, encoded words decoded. */
export function headerText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: testing for bytes outside ASCII
  const text = /[^\u0000-\u007f]/.test(value) ? utf8OrLatin1(Buffer.from(value, "latin1")) : value;
  return decodeWords(text);
}
