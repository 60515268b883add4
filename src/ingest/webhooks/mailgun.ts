// Mailgun webhooks (JSON): {signature: {timestamp, token, signature}, "event-data": {...}}. The signature
// is HMAC-SHA256(webhook signing key, timestamp + token) in hex; timestamps older than maxAgeSeconds
// (default 15 minutes) or more than a minute ahead are refused, so a captured request cannot be replayed
// later. Events: delivered, failed (severity permanent = bounce, temporary = deferred), complained; the
// others (accepted, opened, clicked, unsubscribed, stored, …) are skipped.
import { createHmac } from "node:crypto";
import type { DeliveryEvent, EventType } from "../event.js";
import {
  isObject,
  isoTime,
  malformed,
  num,
  object,
  parsedBody,
  requiredStr,
  safeEqual,
  smtpCode,
  str,
  tags,
  type WebhookContext,
  WebhookError,
  type WebhookResult,
} from "./common.js";

const DEFAULT_MAX_AGE_SECONDS = 15 * 60;
const FUTURE_SKEW_SECONDS = 60;

function verifySignature(sig: Record<string, unknown>, ctx: WebhookContext) {
  const secret = ctx.secrets.mailgun;
  if (!secret) return;
  const timestamp = str(sig, "timestamp");
  const token = str(sig, "token");
  const signature = str(sig, "signature");
  if (!timestamp || !token || !signature) throw new WebhookError(401, "mailgun: signature incomplete");
  const expected = createHmac("sha256", secret.signingKey)
    .update(timestamp + token)
    .digest("hex");
  if (!safeEqual(signature.toLowerCase(), expected)) throw new WebhookError(401, "mailgun: bad signature");
  const ts = num(timestamp);
  const now = (ctx.now ?? Date.now()) / 1000;
  const maxAge = secret.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  if (ts === null || now - ts > maxAge || ts - now > FUTURE_SKEW_SECONDS)
    throw new WebhookError(401, "mailgun: signature timestamp out of range");
}

function eventType(kind: string, severity: string | null): EventType | null {
  if (kind === "delivered") return "delivered";
  if (kind === "complained") return "complaint";
  if (kind === "failed") return severity === "temporary" ? "deferred" : "bounce";
  return null;
}

export function fromMailgun(body: unknown, ctx: WebhookContext): WebhookResult {
  const data = object(parsedBody(body, ctx), "mailgun: body");
  const sig = data.signature;
  if (ctx.secrets.mailgun && !isObject(sig)) throw new WebhookError(401, "mailgun: signature missing");
  if (isObject(sig)) verifySignature(sig, ctx);
  const e = object(data["event-data"], 'mailgun: "event-data"');
  const kind = requiredStr(e, "event", "mailgun: event");
  const type = eventType(kind, str(e, "severity"));
  if (!type) return { events: [] };
  const recipient = requiredStr(e, "recipient", "mailgun: recipient");
  if (e.timestamp === undefined) malformed("mailgun: timestamp is missing");
  const status = isObject(e["delivery-status"]) ? e["delivery-status"] : {};
  const envelope = isObject(e.envelope) ? e.envelope : {};
  const message = isObject(e.message) ? e.message : {};
  const headers = isObject(message.headers) ? message.headers : {};
  const event: DeliveryEvent = {
    source: "webhook:mailgun",
    sourceId: str(e, "id"),
    type,
    recipient,
    timestamp: isoTime(e.timestamp, "mailgun: timestamp"),
    messageId: str(headers, "message-id"),
    sender: str(envelope, "sender"),
    sendingIp: str(envelope, "sending-ip"),
    tag: tags(e.tags),
    // `message` is the remote server's reply; `description` is Mailgun's own text (suppressions, …).
    response: str(status, "message") ?? str(status, "description"),
    errorCode: smtpCode(status.code),
    statusCode: str(status, "enhanced-code"),
    remoteHost: str(status, "mx-host"),
  };
  return { events: [event] };
}
