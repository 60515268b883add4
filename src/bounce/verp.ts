/**
 * VERP bounce addresses: `bounces+jane=example.com@bounce.example.net` carries the recipient
 * `jane@example.com` in the envelope sender of the message sent to her, so her bounce comes back
 * to an address that names her. Signed, it ends in a tag only the platform can make
 * (`bounces+jane=example.com+3f9a0c1d2e4b5a69@bounce.example.net`), so a forged bounce cannot
 * name an address the platform never sent to.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { isRecipientAddress } from "../ingest/event.js";

const VERP_RE = /^([^+@]+)\+(.+)=([^=@]+)@([^@]+)$/;
const DOMAIN_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
/** The tag: 16 hexadecimal digits (64 bits of an HMAC-SHA256), after the encoded recipient. */
const TAG_RE = /\+([0-9a-f]{16})@/i;
const TAG_LENGTH = 16;

function tagOf(recipient: string, secret: string): string {
  return createHmac("sha256", secret).update(recipient.toLowerCase()).digest("hex").slice(0, TAG_LENGTH);
}

/**
 * The VERP address for a message to `recipient`, made from the platform's bounce address
 * (`bounces@bounce.example.net`), signed when a secret is given. Throws a RangeError when either
 * is no address.
 */
export function verpAddress(recipient: string, bounceAddress: string, secret?: string): string {
  const at = recipient.lastIndexOf("@");
  const bounceAt = bounceAddress.lastIndexOf("@");
  if (at < 1 || !isRecipientAddress(recipient) || !DOMAIN_RE.test(recipient.slice(at + 1)))
    throw new RangeError(`not a recipient address: ${JSON.stringify(recipient)}`);
  if (bounceAt < 1 || bounceAddress.slice(0, bounceAt).includes("+"))
    throw new RangeError(
      `not a bounce address (local part without "+", then @domain): ${JSON.stringify(bounceAddress)}`,
    );
  const local = `${bounceAddress.slice(0, bounceAt)}+${recipient.slice(0, at)}=${recipient.slice(at + 1)}`;
  const tag = secret ? `+${tagOf(recipient, secret)}` : "";
  return `${local}${tag}${bounceAddress.slice(bounceAt)}`;
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
