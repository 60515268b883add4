// What the checks accept as a target, shared by the CLI (`diagnosa check …`) and the HTTP routes
// (`POST /v1/checks/…`), so that bad input is refused up front instead of failing in DNS.
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { stripBomBytes } from "../bom.js";

/** A DNS label as hosts have it (RFC 1123): letters, digits and inner hyphens, 1–63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Why `name` is not a domain name to check, or null when it is one: at least two labels of 1–63
 * letters, digits or hyphens (no hyphen first or last), 253 characters at most, one trailing dot
 * allowed, not an IP address. Internationalised names are judged by their ASCII (punycode) form.
 */
export function domainNameProblem(name: string): string | null {
  if (!name) return "it is empty";
  if (isIP(name) || /^\[.*\]$/.test(name)) return "it is an IP address";
  // IDNA drops these (a zero-width space, a soft hyphen): the name asked would not be the one given.
  if (/\p{Default_Ignorable_Code_Point}/u.test(name))
    return "it has invisible characters (such as a zero-width space)";
  // Before IDNA: the URL host parser behind domainToASCII percent-decodes and cuts at "/", "?", "#".
  if (/[^A-Za-z0-9._\-\u0080-\u{10FFFF}]|[\u0080-\u009f]/u.test(name))
    return "it has characters not allowed in a domain name (only letters, digits, hyphens and dots)";
  const ascii = /^[\x21-\x7e]*$/.test(name) ? name.toLowerCase() : domainToASCII(name);
  if (!ascii) return "it is not a valid internationalised domain name";
  const fqdn = ascii.endsWith(".") ? ascii.slice(0, -1) : ascii;
  if (fqdn.length > 253) return `it is ${fqdn.length} characters long, more than 253`;
  const labels = fqdn.split(".");
  if (labels.some((l) => !l)) return "it has an empty label (two dots in a row, or a dot first or last)";
  const long = labels.find((l) => l.length > 63);
  if (long) return `a label is ${long.length} characters long, more than 63`;
  if (labels.some((l) => l.startsWith("-") || l.endsWith("-"))) return "a label starts or ends with a hyphen";
  if (!labels.every((l) => LABEL.test(l)))
    return "it has characters not allowed in a domain name (only letters, digits, hyphens and dots)";
  // domainToASCII leaves ASCII names alone: a bad punycode label (xn--…) still has to be caught.
  if (labels.some((l) => l.startsWith("xn--")) && !domainToASCII(fqdn))
    return "it is not a valid internationalised domain name";
  if (labels.length < 2) return "it has a single label (a domain name has a dot, as in example.com)";
  if (/^\d+$/.test(labels.at(-1)!)) return "it ends in a number: an IP address or not a domain name";
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
 * Why `raw` is not an email message to check, or null when it is one: it must start with a header
 * field (`Name: value`, RFC 5322 §2.2), after an mbox "From " line if any. Empty input and random
 * bytes are refused rather than reported on as a message without headers.
 */
export function messageProblem(raw: Buffer): string | null {
  // A UTF-8 byte order mark before the headers (an editor's) is no problem: the reader drops it.
  raw = stripBomBytes(raw);
  if (!raw.length) return "it is empty";
  // The first lines as latin1: every byte one character, nothing to decode.
  let head = raw.subarray(0, 4096).toString("latin1");
  if (head.startsWith("From ")) head = head.slice(head.indexOf("\n") + 1);
  if (!/^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(head))
    return "it does not start with a header block (lines such as From: … and Subject: …)";
  return null;
}
