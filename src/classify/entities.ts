import { isIPv6 } from "node:net";
import type { ScanResult } from "./automaton.js";

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
  // The top-level domain first: most dotted words ("5.1.1", "STOREDRV.Deliver") stop here.
  const dot = token.lastIndexOf(".");
  if (dot < 1) return null;
  const tld = token.slice(dot + 1).toLowerCase();
  if (tld.length !== 2 && !TLDS.has(tld)) return null;
  return HOST_RE.test(token) ? token.toLowerCase() : null;
}

const EDGE_RE = /^[.:=_-]+|[.:=_-]+$/g;
// A group of hex digits between two colons: the only texts worth a look for IPv6 addresses.
// (The pattern starts with a literal, so the regex engine skips ahead to each colon.)
const V6_HINT_RE = /:[0-9a-f]{1,4}:/i;

/**
 * Every run of host/address characters around a dot or an `@` (found with indexOf, the fastest
 * search there is) is checked as an IP, a host name or an address; colons are looked at only when
 * the text can hold an IPv6 address; URLs are found where they start.
 */
export function extractEntities(text: string, blocklists: string[]): Entities {
  const e: Entities = { blocklists, ips: [], domains: [], urls: [], addresses: [] };
  const n = text.length;
  let dot = text.indexOf(".");
  let at = text.indexOf("@");
  let colon = text.includes("::") || V6_HINT_RE.test(text) ? text.indexOf(":") : -1;
  while (dot >= 0 || at >= 0 || colon >= 0) {
    let mark = n;
    if (dot >= 0) mark = dot;
    if (at >= 0 && at < mark) mark = at;
    if (colon >= 0 && colon < mark) mark = colon;
    let s = mark;
    while (s > 0) {
      const c = text.charCodeAt(s - 1);
      if (c >= 128 || TOKEN[c] === 0) break;
      s--;
    }
    let end = mark + 1;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c >= 128 || TOKEN[c] === 0) break;
      end++;
    }
    if (dot >= 0) dot = text.indexOf(".", end);
    if (at >= 0) at = text.indexOf("@", end);
    if (colon >= 0) colon = text.indexOf(":", end);
    if (end - s < 4) continue;
    readToken(text.slice(s, end), e);
  }
  if (/http|www\./i.test(text)) findUrls(text, e);
  return e;
}

/** Entities from the token spans the engine's single scan found (see Automaton.scanAll). */
export function entitiesFromTokens(
  text: string,
  scan: ScanResult,
  limit: number,
  blocklists: string[],
  mayHaveUrls: boolean,
): Entities {
  const e: Entities = { blocklists, ips: [], domains: [], urls: [], addresses: [] };
  const { tokens, tokenCount } = scan;
  for (let i = 0; i < tokenCount; i++) {
    const start = tokens[2 * i]!;
    const end = tokens[2 * i + 1]!;
    if (start >= limit) break;
    if (end - start >= 4) readToken(text.slice(start, end), e);
  }
  if (mayHaveUrls) findUrls(text.length > limit ? text.slice(0, limit) : text, e);
  return e;
}

function findUrls(text: string, e: Entities): void {
  for (let p = text.search(/https?:\/\/|www\./i); p >= 0; ) {
    const len = addUrl(text, p, e);
    const next = text.slice(p + len).search(/https?:\/\/|www\./i);
    p = next < 0 ? -1 : p + len + next;
  }
}

function readToken(raw: string, e: Entities): void {
  let token = raw;
  if (TRIM[token.charCodeAt(0)] === 1 || TRIM[token.charCodeAt(token.length - 1)] === 1)
    token = token.replace(EDGE_RE, "");
  if (token.length < 4) return;
  const last = token.charCodeAt(token.length - 1);
  const at = token.lastIndexOf("@");
  if (at > 0) {
    if (TOKEN[last] !== 2) return;
    const local = token.slice(0, at);
    const domain = hostOf(token.slice(at + 1));
    if (domain && LOCAL_RE.test(local) && local.charCodeAt(0) !== 46) {
      push(e.addresses, `${local}@${domain}`);
      push(e.domains, domain);
    }
    return;
  }
  const colon = token.indexOf(":");
  if (colon >= 0 && token.indexOf(":", colon + 1) > 0) {
    const v6 = token.replace(/^ipv6:/i, "");
    if (isIPv6(v6)) push(e.ips, v6.toLowerCase());
    return;
  }
  if (TOKEN[last] === 2) {
    const host = hostOf(colon > 0 ? token.slice(colon + 1) : token);
    if (host) push(e.domains, host);
  } else if (last >= 48 && last <= 57 && IPV4_RE.test(token)) {
    push(e.ips, token);
  }
}

function addUrl(text: string, at: number, e: Entities): number {
  URL_RE.lastIndex = at;
  const m = URL_RE.exec(text);
  if (!m) return 4;
  push(e.urls, m[0].replace(/[.,;:!?]+$/, ""));
  return m[0].length;
}
