import { isIPv6 } from "node:net";

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
const TLDS = new Set(
  "com net org edu gov mil int info biz name pro mobi asia tel xyz online site top app dev cloud email mail club shop store tech live zone io co me tv cc ws".split(
    " ",
  ),
);

// Characters of a token that may be a host name, an IP address or an e-mail address.
const TOKEN = new Uint8Array(128);
for (let c = 48; c <= 57; c++) TOKEN[c] = 1;
for (let c = 65; c <= 90; c++) TOKEN[c] = 2;
for (let c = 97; c <= 122; c++) TOKEN[c] = 2;
for (const ch of ".-_@:+%=") TOKEN[ch.charCodeAt(0)] = 3;
const TRIM = new Uint8Array(128);
for (const ch of ".:-=_") TRIM[ch.charCodeAt(0)] = 1;

const IPV4_RE = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}([a-z]{2,24})$/i;
const LOCAL_RE = /^[a-z0-9!#$%&*+/=?^_`{|}~.-]{1,64}$/i;
const URL_RE = /(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]{2,2000}/giy;

function push(list: string[], value: string): void {
  if (list.length < 20 && !list.includes(value)) list.push(value);
}

function hostOf(token: string): string | null {
  const m = HOST_RE.exec(token);
  if (!m) return null;
  const tld = m[1]!.toLowerCase();
  return tld.length === 2 || TLDS.has(tld) ? token.toLowerCase() : null;
}

// Where an IP, a host name or an address can be: at a dot, an "@" or a colon. A native regex
// finds those few places; the token around each is then read by hand.
const MARK_RE = /[.@:]/g;

/**
 * Finds every run of host/address characters that holds a dot, an `@` or colons, and checks it as
 * an IP, a host name or an address; URLs are found where they start.
 */
export function extractEntities(text: string, blocklists: string[]): Entities {
  const e: Entities = { blocklists, ips: [], domains: [], urls: [], addresses: [] };
  const n = text.length;
  MARK_RE.lastIndex = 0;
  for (let m = MARK_RE.exec(text); m !== null; m = MARK_RE.exec(text)) {
    let s = m.index;
    while (s > 0) {
      const c = text.charCodeAt(s - 1);
      if (c >= 128 || TOKEN[c] === 0) break;
      s--;
    }
    let i = m.index;
    let dots = 0;
    let at = -1;
    let colons = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 128) break;
      const t = TOKEN[c]!;
      if (t === 0) break;
      if (t === 3) {
        if (c === 46) dots++;
        else if (c === 64) at = i;
        else if (c === 58) colons++;
      }
      i++;
    }
    MARK_RE.lastIndex = i;
    for (let k = s; k < m.index; k++) {
      const c = text.charCodeAt(k);
      if (c === 64) at = k;
      else if (c === 58) colons++;
    }
    if (dots === 0 && at < 0 && colons < 2) continue;
    let end = i;
    while (s < end && TRIM[text.charCodeAt(s)] === 1) s++;
    while (end > s && TRIM[text.charCodeAt(end - 1)] === 1) end--;
    if (end - s < 4) continue;
    const last = text.charCodeAt(end - 1);
    const lastIsLetter = TOKEN[last] === 2;
    if (at >= s && at < end) {
      if (!lastIsLetter) continue;
      const local = text.slice(s, at);
      const domain = hostOf(text.slice(at + 1, end));
      if (domain && local.length && LOCAL_RE.test(local) && local[0] !== ".") {
        push(e.addresses, `${local}@${domain}`);
        push(e.domains, domain);
      }
      continue;
    }
    if (colons >= 2) {
      const v6 = text.slice(s, end).replace(/^ipv6:/i, "");
      if (isIPv6(v6)) push(e.ips, v6.toLowerCase());
      continue;
    }
    if (lastIsLetter) {
      if (dots === 0) continue;
      const host = hostOf(text.slice(s, end));
      if (host) push(e.domains, host);
    } else if (dots === 3 && last >= 48 && last <= 57) {
      const token = text.slice(s, end);
      if (IPV4_RE.test(token)) push(e.ips, token);
    }
  }
  if (text.includes("http") || text.includes("www.") || text.includes("HTTP") || text.includes("WWW.")) {
    for (let p = text.search(/https?:\/\/|www\./i); p >= 0; ) {
      const len = addUrl(text, p, e);
      const next = text.slice(p + len).search(/https?:\/\/|www\./i);
      p = next < 0 ? -1 : p + len + next;
    }
  }
  return e;
}

function addUrl(text: string, at: number, e: Entities): number {
  URL_RE.lastIndex = at;
  const m = URL_RE.exec(text);
  if (!m) return 4;
  push(e.urls, m[0].replace(/[.,;:!?]+$/, ""));
  return m[0].length;
}
