import { isIPv6 } from "node:net";
import { isDigit } from "../smtp/chars.js";

/** The things a sender may have to act on, found in the reply text. */
export interface Entities {
  blocklists: string[];
  ips: string[];
  domains: string[];
  urls: string[];
  addresses: string[];
}

// Top-level domains accepted for bare host names in free text (every two-letter code is accepted
// too), so that a word like "STOREDRV.Deliver" is not taken for a domain.
const TLD_NAMES =
  // "test" (RFC 2606) is what test setups and examples use.
  "com net org edu gov mil int info biz name pro mobi asia tel xyz online site top app dev cloud email mail club shop store tech live zone io co me tv cc ws test".split(
    " ",
  );
/** A word of up to 6 letters packed into a number, case folded (5 bits a letter): no string made. */
function packLetters(text: string, from: number, to: number): number {
  let packed = 0;
  for (let i = from; i < to; i++) packed = packed * 32 + ((text.charCodeAt(i) | 0x20) - 96);
  return packed;
}
const TLDS: ReadonlySet<number> = new Set(TLD_NAMES.map((t) => packLetters(t, 0, t.length)));
const LONGEST_TLD = Math.max(...TLD_NAMES.map((t) => t.length));

/** Characters of a token that may be a host name, an IP address or an e-mail address… */
export const TOKEN_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_+%=.@:";
/** …and those of them that make a token worth reading (the automaton's scan notes such spans). */
export const MARK_CHARS = ".@:";
// 1 digit, 2 letter, 3 other token character.
const TOKEN = new Uint8Array(128);
for (const ch of TOKEN_CHARS) {
  const c = ch.charCodeAt(0);
  TOKEN[c] = c >= 48 && c <= 57 ? 1 : /[a-z]/i.test(ch) ? 2 : 3;
}
const TRIM = new Uint8Array(128);
for (const ch of ".:-=_") TRIM[ch.charCodeAt(0)] = 1;
// What `readSpan` counts, per character of a span (all ASCII: the scan's token characters).
const KIND_DOT = 1;
const KIND_UPPER = 2;
const KIND_AT = 4;
const KIND_COLON = 8;
const KIND_EQ = 16;
const KIND_RARE = KIND_AT | KIND_COLON | KIND_EQ;
const KIND = new Uint8Array(128);
KIND[46] = KIND_DOT;
for (let c = 65; c <= 90; c++) KIND[c] = KIND_UPPER;
KIND[64] = KIND_AT;
KIND[58] = KIND_COLON;
KIND[61] = KIND_EQ;

const URL_SOURCE = String.raw`(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]{2,2000}`;
const URL_RE = new RegExp(URL_SOURCE, "gi");
/** The same, tried where the scan saw "http" or "www." start. */
const URL_AT_RE = new RegExp(URL_SOURCE, "iy");

/**
 * A list being gathered: reused from call to call, copied out at its final size (an array
 * grown by push holds room for 17), so a diagnosis allocates little beyond what it returns.
 */
class Gathered {
  readonly items: string[] = [];
  count = 0;

  push(value: string): void {
    const { items, count } = this;
    if (count >= 20) return;
    for (let i = 0; i < count; i++) if (items[i] === value) return;
    items[count] = value;
    this.count = count + 1;
  }

  /** The gathered values as a new array, and the list emptied. */
  take(): string[] {
    const n = this.count;
    if (n === 0) return [];
    this.count = 0;
    // Plain loops: for the one or two values a list holds, Array.prototype.slice and fill cost
    // more in their call than in their work.
    const { items } = this;
    if (n === 1) {
      const only = items[0]!;
      items[0] = "";
      return [only];
    }
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      out[i] = items[i]!;
      items[i] = "";
    }
    return out;
  }
}

interface Gathering {
  ips: Gathered;
  domains: Gathered;
  urls: Gathered;
  addresses: Gathered;
}
const gathering: Gathering = {
  ips: new Gathered(),
  domains: new Gathered(),
  urls: new Gathered(),
  addresses: new Gathered(),
};

const LETTER = 2;
const isLetter = (c: number): boolean => c < 128 && TOKEN[c] === LETTER;
const isAlnum = (c: number): boolean => c < 128 && (TOKEN[c] === LETTER || TOKEN[c] === 1);

/**
 * Whether text[from, to) is a host name: two to nine dot-separated labels of letters, digits and
 * inner hyphens (at most 63 characters each), ending in a top-level domain of letters that is a
 * country code or a known generic one. Read in place: most dotted words ("5.1.1",
 * "STOREDRV.Deliver") are turned down without a string being made.
 */
function isHost(text: string, from: number, to: number): boolean {
  let dot = to - 1;
  while (dot > from && text.charCodeAt(dot) !== 46) dot--;
  if (dot <= from) return false;
  const tldLength = to - dot - 1;
  if (tldLength < 2 || tldLength > 24) return false;
  for (let i = dot + 1; i < to; i++) if (!isLetter(text.charCodeAt(i))) return false;
  if (tldLength !== 2 && (tldLength > LONGEST_TLD || !TLDS.has(packLetters(text, dot + 1, to)))) return false;
  let labels = 0;
  let start = from;
  for (let i = from; i <= dot; i++) {
    const c = text.charCodeAt(i);
    if (c !== 46) {
      if (!isAlnum(c) && c !== 45) return false;
      continue;
    }
    const length = i - start;
    if (length < 1 || length > 63 || ++labels > 8) return false;
    if (!isAlnum(text.charCodeAt(start)) || !isAlnum(text.charCodeAt(i - 1))) return false;
    start = i + 1;
  }
  return true;
}

/** Whether text[from, to) is a dotted IPv4 address (no leading zeros, each part at most 255). */
function isIPv4(text: string, from: number, to: number): boolean {
  let parts = 0;
  let start = from;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 46;
    if (c !== 46) {
      if (!isDigit(c)) return false;
      continue;
    }
    const length = i - start;
    if (length < 1 || length > 3 || ++parts > 4) return false;
    if (length > 1 && text.charCodeAt(start) === 48) return false;
    if (
      length === 3 &&
      (text.charCodeAt(start) - 48) * 100 +
        (text.charCodeAt(start + 1) - 48) * 10 +
        text.charCodeAt(start + 2) -
        48 >
        255
    )
      return false;
    start = i + 1;
  }
  return parts === 4;
}

/**
 * Entities from the spans the automaton's scan found (runs of host/address characters holding a
 * ".", "@" or ":"), within the first `limit` characters; URLs are read where the scan saw "http" or
 * "www." start (`urlCount` places in `urlStarts`, in order; -1: look everywhere). Each span
 * is read in place, in one pass: most ("5.1.1", "said:", "Deliver.") are turned down without a
 * string being made.
 */
export function entitiesFromSpans(
  text: string,
  spans: Int32Array,
  count: number,
  limit: number,
  blocklists: string[],
  urlStarts: ArrayLike<number>,
  urlCount: number,
): Entities {
  const e = gathering;
  for (let i = 0; i < count; i++) {
    const start = spans[2 * i]!;
    if (start >= limit) break;
    const end = Math.min(spans[2 * i + 1]!, limit);
    if (end - start >= 4) readSpan(text, start, end, e);
  }
  if (urlCount !== 0) findUrls(text.length > limit ? text.slice(0, limit) : text, urlStarts, urlCount, e);
  return {
    blocklists,
    ips: e.ips.take(),
    domains: e.domains.take(),
    urls: e.urls.take(),
    addresses: e.addresses.take(),
  };
}

/** Reads the span text[start, end) as an address, an IP or a host name, if it is one. */
function readSpan(text: string, start: number, end: number, e: Gathering): void {
  // Punctuation at the ends is not part of it ("<a@b.com>:", "example.com.").
  let from = start;
  let to = end;
  while (from < to && TRIM[text.charCodeAt(from)] === 1) from++;
  while (to > from && TRIM[text.charCodeAt(to - 1)] === 1) to--;
  if (to - from < 4) return;
  let lastAt = -1;
  let ats = 0;
  let colon = -1;
  let colons = 0;
  let dots = 0;
  let lastEq = -1;
  let kinds = 0;
  // Table-driven: dots counted and kinds gathered without a branch, so that only "@", ":" and "="
  // (rare) take one; a branch on each dot or letter is mispredicted at every turn of a host name.
  for (let i = from; i < to; i++) {
    const k = KIND[text.charCodeAt(i)]!;
    dots += k & KIND_DOT;
    kinds |= k;
    if (k & KIND_RARE) {
      if (k === KIND_AT) {
        ats++;
        lastAt = i;
      } else if (k === KIND_COLON) {
        if (colons++ === 0) colon = i;
      } else lastEq = i;
    }
  }
  const upper = (kinds & KIND_UPPER) !== 0;
  const last = text.charCodeAt(to - 1);
  if (lastAt > from) {
    // local@domain: the local part holds no second "@" nor ":" and is at most 64 characters.
    if (!isLetter(last) || ats > 1 || (colon >= 0 && colon < lastAt) || lastAt - from > 64) return;
    if (!isHost(text, lastAt + 1, to)) return;
    // The domain is reported in lower case; most addresses are written so already.
    const domain = lowerSlice(text, lastAt + 1, to, upper);
    e.addresses.push(upper ? `${text.slice(from, lastAt)}@${domain}` : text.slice(from, to));
    e.domains.push(domain);
    return;
  }
  if (colons > 1) {
    const at = ipv6Start(text, from, to);
    if (at < 0) return; // a time, a date-time, a URN: no string made
    const v6 = text.slice(at, to);
    if (isIPv6(v6) && v6 !== "::1") e.ips.push(v6.toLowerCase());
    return;
  }
  if (dots === 0) return; // neither a host name nor an IPv4 address
  // A value after a name ("?ip=192.0.2.1", "LastAttemptedIP=203.0.113.5").
  const valueStart = lastEq >= from ? lastEq + 1 : from;
  if (isLetter(last)) {
    const hostStart = colon >= valueStart ? colon + 1 : valueStart;
    if (isHost(text, hostStart, to)) e.domains.push(lowerSlice(text, hostStart, to, upper));
  } else if (dots >= 3) {
    // An address and a port ("203.0.113.7:25"), or a name and an address ("ip:192.0.2.1").
    let ipStart = valueStart;
    let ipEnd = to;
    if (colon > valueStart) {
      if (allDigits(text, colon + 1, to)) ipEnd = colon;
      else ipStart = colon + 1;
    }
    if (
      isIPv4(text, ipStart, ipEnd) &&
      !isLoopback(text, ipStart) &&
      !isYahooCode(text, ipStart, ipEnd) &&
      !isResolverIp(text, ipStart)
    )
      e.ips.push(text.slice(ipStart, ipEnd));
  }
}

const IPV6_CHAR = new Uint8Array(128);
for (const ch of "0123456789abcdefABCDEF:.") IPV6_CHAR[ch.charCodeAt(0)] = 1;

/**
 * Where the IPv6 address in text[from, to) starts (after an "IPv6:" label), when the span has only
 * an address's characters before any "%zone"; -1 otherwise.
 */
function ipv6Start(text: string, from: number, to: number): number {
  const at = to - from > 5 && startsWithAt(text, from, "ipv6:") ? from + 5 : from;
  for (let i = at; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 37) return at;
    if (c >= 128 || IPV6_CHAR[c] !== 1) return -1;
  }
  return at;
}

/** Whether text[at, ..) starts with `label` (lower case; letters compared in any case). */
function startsWithAt(text: string, at: number, label: string): boolean {
  for (let i = 0; i < label.length; i++)
    if ((text.charCodeAt(at + i) | 0x20) !== label.charCodeAt(i)) return false;
  return true;
}

/**
 * Yahoo's own code, written like an address between " - " and ";" after a 4xx/5xx reply's words
 * ("… user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes").
 */
function isYahooCode(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  return (
    (first === 52 || first === 53) &&
    text.charCodeAt(from + 1) === 46 &&
    text.charCodeAt(to) === 59 &&
    text.charCodeAt(from - 1) === 32 &&
    text.charCodeAt(from - 2) === 45
  );
}

/**
 * 127.0.0.0/8 is no address a sender acts on: a DNSBL's answer code ("…emailsrvr.com=127.24.0.2",
 * "multi.uribl.com; 127.0.0.1 -> Query Refused") or a server speaking of itself.
 */
function isLoopback(text: string, from: number): boolean {
  return (
    text.charCodeAt(from) === 49 &&
    text.charCodeAt(from + 1) === 50 &&
    text.charCodeAt(from + 2) === 55 &&
    text.charCodeAt(from + 3) === 46
  );
}

const RESOLVER_LABEL = "your dns ip: ";

/**
 * The receiver's own DNS resolver, which URIBL names when it refuses its queries
 * ("… Query Refused. See http://uribl.com/refused.shtml for more information [Your DNS IP: 192.0.2.53]").
 */
function isResolverIp(text: string, from: number): boolean {
  const at = from - RESOLVER_LABEL.length;
  return at >= 0 && text.charCodeAt(from - 2) === 58 && startsWithAt(text, at, RESOLVER_LABEL);
}

function allDigits(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * URLs, read where they may start: a sticky match at each place, in order, the places inside a URL
 * already read skipped (what a search from the start would find, without its walk over the text).
 */
function findUrls(text: string, starts: ArrayLike<number>, count: number, e: Gathering): void {
  if (count < 0) {
    URL_RE.lastIndex = 0;
    for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) e.urls.push(trimUrl(m[0]));
    return;
  }
  let next = 0;
  for (let i = 0; i < count; i++) {
    const at = starts[i]!;
    if (at < next) continue;
    if (at >= text.length) break;
    URL_AT_RE.lastIndex = at;
    const m = URL_AT_RE.exec(text);
    if (m) {
      e.urls.push(trimUrl(m[0]));
      next = at + m[0].length;
    }
  }
}

const SENTENCE_END = new Uint8Array(128);
for (const ch of ".,;:!?") SENTENCE_END[ch.charCodeAt(0)] = 1;

/** Punctuation after a URL ends the sentence, not the URL. */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && SENTENCE_END[url.charCodeAt(end - 1)] === 1) end--;
  return end === url.length ? url : url.slice(0, end);
}

function lowerSlice(text: string, from: number, to: number, mayHaveUpper: boolean): string {
  const s = text.slice(from, to);
  return mayHaveUpper ? s.toLowerCase() : s;
}
