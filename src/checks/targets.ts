// What the checks accept as a target, shared by the CLI (`diagnosa check …`) and the HTTP routes
// (`POST /v1/checks/…`), so that bad input is refused up front instead of failing in DNS.
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { stripBomBytes } from "../bom.js";
import type { Localized } from "../catalog/types.js";

/** A DNS label as hosts have it (RFC 1123): letters, digits and inner hyphens, 1–63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const EMPTY: Localized = { en: "it is empty", id: "kosong" };
const NOT_DOMAIN_CHARACTERS: Localized = {
  en: "it has characters not allowed in a domain name (only letters, digits, hyphens and dots)",
  id: "ada karakter yang tidak diizinkan dalam nama domain (hanya huruf, angka, tanda hubung, dan titik)",
};
const BAD_IDN: Localized = {
  en: "it is not a valid internationalised domain name",
  id: "bukan nama domain internasional (IDN) yang valid",
};

/**
 * Why `name` is not a domain name to check (in every language), or null when it is one: at least two labels of 1–63
 * letters, digits or hyphens (no hyphen first or last), 253 characters at most, one trailing dot
 * allowed, not an IP address. Internationalised names are judged by their ASCII (punycode) form.
 */
export function domainNameProblem(name: string): Localized | null {
  if (!name) return EMPTY;
  if (isIP(name) || /^\[.*\]$/.test(name)) return { en: "it is an IP address", id: "itu alamat IP" };
  // IDNA drops these (a zero-width space, a soft hyphen): the name asked would not be the one given.
  if (/\p{Default_Ignorable_Code_Point}/u.test(name))
    return {
      en: "it has invisible characters (such as a zero-width space)",
      id: "ada karakter tak terlihat (seperti spasi lebar nol)",
    };
  // Before IDNA: the URL host parser behind domainToASCII percent-decodes and cuts at "/", "?", "#".
  if (/[^A-Za-z0-9._\-\u0080-\u{10FFFF}]|[\u0080-\u009f]/u.test(name)) return NOT_DOMAIN_CHARACTERS;
  const ascii = /^[\x21-\x7e]*$/.test(name) ? name.toLowerCase() : domainToASCII(name);
  if (!ascii) return BAD_IDN;
  const fqdn = ascii.endsWith(".") ? ascii.slice(0, -1) : ascii;
  if (fqdn.length > 253)
    return {
      en: `it is ${fqdn.length} characters long, more than 253`,
      id: `panjangnya ${fqdn.length} karakter, lebih dari 253`,
    };
  const labels = fqdn.split(".");
  if (labels.some((l) => !l))
    return {
      en: "it has an empty label (two dots in a row, or a dot first or last)",
      id: "ada label kosong (dua titik berurutan, atau titik di awal atau di akhir)",
    };
  const long = labels.find((l) => l.length > 63);
  if (long)
    return {
      en: `a label is ${long.length} characters long, more than 63`,
      id: `ada label sepanjang ${long.length} karakter, lebih dari 63`,
    };
  if (labels.some((l) => l.startsWith("-") || l.endsWith("-")))
    return {
      en: "a label starts or ends with a hyphen",
      id: "ada label yang diawali atau diakhiri tanda hubung",
    };
  if (!labels.every((l) => LABEL.test(l))) return NOT_DOMAIN_CHARACTERS;
  // domainToASCII leaves ASCII names alone: a bad punycode label (xn--…) still has to be caught.
  if (labels.some((l) => l.startsWith("xn--")) && !domainToASCII(fqdn)) return BAD_IDN;
  if (labels.length < 2)
    return {
      en: "it has a single label (a domain name has a dot, as in example.com)",
      id: "hanya ada satu label (nama domain memiliki titik, seperti example.com)",
    };
  if (/^\d+$/.test(labels.at(-1)!))
    return {
      en: "it ends in a number: an IP address or not a domain name",
      id: "diakhiri angka: alamat IP atau bukan nama domain",
    };
  return null;
}

export function isDomainName(name: string): boolean {
  return domainNameProblem(name) === null;
}

/**
 * An IPv4 or IPv6 address as node reads it, without a zone id (`fe80::1%eth0`): blocklists have none.
 * Whitespace around it is allowed (checkIp trims it), for the CLI and the API alike.
 */
export function isIpAddress(ip: string): boolean {
  const v = ip.trim();
  return !v.includes("%") && isIP(v) !== 0;
}

/** A DKIM selector (RFC 6376 `s=`): dot-separated labels of 1–63 letters, digits, "_" or "-". */
export function isDkimSelector(selector: string): boolean {
  return (
    selector.length > 0 &&
    selector.length <= 253 &&
    selector.split(".").every((l) => l.length >= 1 && l.length <= 63 && /^[a-z0-9_-]+$/i.test(l))
  );
}

/**
 * Why `raw` is not an email message to check (in every language), or null when it is one: it must start with a header
 * field (`Name: value`, RFC 5322 §2.2), after an mbox "From " line if any. Empty input and random
 * bytes are refused rather than reported on as a message without headers.
 */
export function messageProblem(raw: Buffer): Localized | null {
  // A UTF-8 byte order mark before the headers (an editor's) is no problem: the reader drops it.
  raw = stripBomBytes(raw);
  if (!raw.length) return EMPTY;
  // The first lines as latin1: every byte one character, nothing to decode.
  let head = raw.subarray(0, 4096).toString("latin1");
  if (head.startsWith("From ")) head = head.slice(head.indexOf("\n") + 1);
  if (!/^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(head))
    return {
      en: "it does not start with a header block (lines such as From: … and Subject: …)",
      id: "tidak diawali blok header (baris seperti From: … dan Subject: …)",
    };
  return null;
}
