// SendGrid Event Webhook: a JSON array of events. Signed Event Webhook: ECDSA P-256 / SHA-256 over
// `timestamp + raw body`, signature (base64 DER) in X-Twilio-Email-Event-Webhook-Signature, timestamp in
// X-Twilio-Email-Event-Webhook-Timestamp; timestamps older than maxAgeSeconds (default 72 hours) or more
// than a minute ahead are refused. Engagement and account events (processed, open, click,
// unsubscribe, group_*) are not delivery outcomes and are skipped.
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import type { DeliveryEvent, EventType, ProviderVerdict } from "../event.js";
import {
  checkSignedTime,
  header,
  isObject,
  itemTime,
  malformed,
  type ProviderResult,
  parsedBody,
  str,
  tags,
  type WebhookContext,
  WebhookError,
} from "./common.js";

const SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature";
const TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp";

const TYPES: Record<string, EventType> = {
  delivered: "delivered",
  bounce: "bounce", // type "bounce" (hard) or "blocked" (refused, not retried): both failed for good
  dropped: "bounce", // never sent: suppressed address, invalid, spam content…
  deferred: "deferred",
  spamreport: "complaint",
};

/**
 * SendGrid's reasons for a `dropped` event that mean the address is on one of its suppression
 * lists (SendGrid docs, "Event Webhook reference", dropped): it did not send, and will not while
 * the address is listed. The reason is SendGrid's own words, so its verdict decides: without it,
 * "Unsubscribed Address" was unknown (retry in an hour) and "Spam Reporting Address" a spam
 * refusal (sender reputation). Example: the `dropped` event of SendGrid's sample
 * (test/ingest/fixtures/sendgrid-events.json, reason "Bounced Address").
 */
const SUPPRESSED_DROPS: Record<string, string> = {
  "unsubscribed address": "the recipient unsubscribed",
  "spam reporting address": "the recipient reported earlier mail as spam",
  "bounced address": "mail to the address bounced before",
};

function dropVerdict(reason: string | null): ProviderVerdict | null {
  const key = reason?.trim().toLowerCase();
  if (!key || !Object.hasOwn(SUPPRESSED_DROPS, key)) return null;
  return {
    rule: `sendgrid.dropped.${key.replace(/ /g, "_")}`,
    matched: reason!.trim(),
    permanence: "hard",
    reason: "invalid_address.suppressed",
    decides: true,
  };
}

/** The configured key as a KeyObject (PEM, or base64 DER as SendGrid shows it); throws when it is none. */
export function publicKey(key: string): KeyObject {
  try {
    if (key.includes("-----BEGIN")) return createPublicKey(key);
    return createPublicKey({
      key: Buffer.from(key.replace(/\s+/g, ""), "base64"),
      format: "der",
      type: "spki",
    });
  } catch {
    throw new Error("sendgrid: the configured publicKey is not a valid public key");
  }
}

function verifySignature(ctx: WebhookContext) {
  const secret = ctx.secrets.sendgrid;
  if (!secret) return;
  const signature = header(ctx.headers, SIGNATURE_HEADER);
  const timestamp = header(ctx.headers, TIMESTAMP_HEADER);
  if (!signature || !timestamp) throw new WebhookError(401, "sendgrid: signature headers missing");
  const ok = verify(
    "sha256",
    Buffer.from(timestamp + ctx.rawBody, "utf8"),
    publicKey(secret.publicKey),
    Buffer.from(signature, "base64"),
  );
  if (!ok) throw new WebhookError(401, "sendgrid: signature does not verify");
  // The signature covers the timestamp and the events, so a replay can only repeat the same events,
  // which the store keeps once. The window is SendGrid's own retry period (72 hours), so that a
  // delivery retried late is not lost; a signature older than that is refused.
  checkSignedTime(timestamp, ctx, secret.maxAgeSeconds ?? SENDGRID_MAX_AGE_SECONDS, "sendgrid");
}

/** SendGrid retries a failed webhook delivery for up to 72 hours. */
export const SENDGRID_MAX_AGE_SECONDS = 72 * 3600;

export function fromSendgrid(body: unknown, ctx: WebhookContext): ProviderResult {
  verifySignature(ctx);
  // What was verified is the raw body: read the events from it when a signature was checked.
  const data = parsedBody(ctx.secrets.sendgrid ? undefined : body, ctx);
  if (!Array.isArray(data)) malformed("sendgrid: body must be a JSON array of events");
  const events: DeliveryEvent[] = [];
  let unreadable = 0;
  // One bad item is skipped and counted; the others are stored (see `itemTime`).
  for (const item of data) {
    const kind = isObject(item) ? str(item, "event") : null;
    if (!isObject(item) || kind === null) {
      unreadable++;
      continue;
    }
    const e = item;
    const type = TYPES[kind];
    if (!type) continue;
    const verdict = kind === "dropped" ? dropVerdict(str(e, "reason")) : null;
    events.push({
      source: "webhook:sendgrid",
      sourceId: str(e, "sg_event_id"),
      type,
      recipient: str(e, "email") ?? "",
      timestamp: itemTime(e.timestamp),
      messageId: str(e, "smtp-id") ?? str(e, "sg_message_id"),
      sendingIp: str(e, "ip"),
      tag: tags(e.category) ?? str(e, "marketing_campaign_name"),
      // bounce and dropped carry `reason`; delivered and deferred carry `response`.
      response: str(e, "reason") ?? str(e, "response"),
      statusCode: str(e, "status"),
      ...(verdict ? { verdict } : {}),
    });
  }
  return { events, unreadable };
}
