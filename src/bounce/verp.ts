/**
 * VERP bounce addresses: `bounces+jane=example.com@bounce.example.net` carries the recipient
 * `jane@example.com` in the envelope sender of the message sent to her, so her bounce comes back
 * to an address that names her. Signed, it ends in a tag only the platform can make
 * (`bounces+jane=example.com+3f9a0c1d2e4b5a69@bounce.example.net`), so a forged bounce cannot
 * name an address the platform never sent to.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { domainToASCII } from "node:url";
import { isRecipientAddress } from "../ingest/event.js";

const VERP_RE = /^([^+@]+)\+(.+)=([^=@]+)@([^@]+)$/;
const DOMAIN_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
/** The tag: 16 hexadecimal digits (64 bits of an HMAC-SHA256), after the encoded recipient. */
const TAG_RE = /\+([0-9a-f]{16})@/i;
const TAG_LENGTH = 16;

function tagOf(recipient: string, secret: string): string {
  return createHmac("sha256", secret).update(recipient.toLowerCase()).digest("hex").slice(0, TAG_LENGTH);
}

/** A dot-atom local part (RFC 5321): what a VERP local part can carry unquoted. */
const DOT_ATOM_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+)*$/;
/** RFC 5321's limit on a path, and the SMTP library's on an address: longer is refused as syntax. */
const MAX_ADDRESS_OCTETS = 253;

/**
 * The VERP address for a message to `recipient`, made from the platform's bounce address
 * (`bounces@bounce.example.net`), signed when a secret is given. An internationalised domain is
 * carried in its ASCII form (xn--). Throws a RangeError when either is no address, or when the
 * recipient cannot be carried: a quoted local part or one with consecutive dots, or a result longer
 * than an SMTP path may be (253 octets). (The local part may pass RFC 5321's 64 octets for a long
 * recipient, as other senders' VERP addresses do; servers take them.)
 */
export function verpAddress(recipient: string, bounceAddress: string, secret?: string): string {
  const at = recipient.lastIndexOf("@");
  const bounceAt = bounceAddress.lastIndexOf("@");
  const local = recipient.slice(0, at);
  const domain = at > 0 ? domainToASCII(recipient.slice(at + 1)) : "";
  if (at < 1 || !isRecipientAddress(recipient) || !DOMAIN_RE.test(domain))
    throw new RangeError(`not a recipient address: ${JSON.stringify(recipient)}`);
  if (!DOT_ATOM_RE.test(local))
    throw new RangeError(
      `a VERP address cannot carry this recipient (a quoted local part, or dots side by side): ${JSON.stringify(recipient)}`,
    );
  const bounceLocal = bounceAddress.slice(0, bounceAt);
  if (
    bounceAt < 1 ||
    bounceLocal.includes("+") ||
    !DOT_ATOM_RE.test(bounceLocal) ||
    !DOMAIN_RE.test(bounceAddress.slice(bounceAt + 1))
  )
    throw new RangeError(
      `not a bounce address (a local part without "+", then @ and a domain name): ${JSON.stringify(bounceAddress)}`,
    );
  const carried = `${local}@${domain}`;
  const tag = secret ? `+${tagOf(carried, secret)}` : "";
  const address = `${bounceLocal}+${local}=${domain}${tag}${bounceAddress.slice(bounceAt)}`;
  if (Buffer.byteLength(address) > MAX_ADDRESS_OCTETS)
    throw new RangeError(
      `the VERP address for ${JSON.stringify(recipient)} would be ${Buffer.byteLength(address)} octets, over SMTP's ${MAX_ADDRESS_OCTETS}`,
    );
  return address;
}

/**
 * The recipient a VERP address names, or null when it names none. With a secret, only a signed
 * address whose tag is right names one.
 */
export function decodeVerp(address: string, secret?: string): string | null {
  let unsigned = address;
  let tag: string | null = null;
  const t = TAG_RE.exec(address);
  // A domain holds no "+": a "+hex@" ending is a tag, never part of the encoded recipient.
  if (t) {
    tag = t[1]!.toLowerCase();
    unsigned = address.slice(0, t.index) + address.slice(t.index + t[0].length - 1);
  }
  if (secret && tag === null) return null;
  const m = VERP_RE.exec(unsigned);
  if (!m || !DOMAIN_RE.test(m[3]!)) return null;
  const recipient = `${m[2]}@${m[3]}`;
  // It replaces what the report says: only a full address may.
  if (!isRecipientAddress(recipient)) return null;
  if (secret) {
    const want = Buffer.from(tagOf(recipient, secret));
    if (!timingSafeEqual(want, Buffer.from(tag!))) return null;
  }
  return recipient;
}
