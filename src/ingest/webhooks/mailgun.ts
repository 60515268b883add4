// Mailgun webhooks (JSON): {signature: {timestamp, token, signature}, "event-data": {...}}. The signature
// is HMAC-SHA256(webhook signing key, timestamp + token) in hex; timestamps older than maxAgeSeconds
// (default 15 minutes) or more than a minute ahead are refused. The signature does not cover event-data,
// so a captured one could carry other events: each token is accepted once, until its timestamp leaves
// the window (remembered in this process's memory, or by the caller that stores the events: the
// result's `once`). Events: delivered, failed (severity permanent =
// bounce, temporary = deferred), complained; the others (accepted, opened, clicked, unsubscribed,
// stored, …) are skipped.
import { createHmac } from "node:crypto";
import type { DeliveryEvent, EventType } from "../event.js";
import {
  checkSignedTime,
  DEFAULT_MAX_AGE_SECONDS,
  isObject,
  itemTime,
  type OnceToken,
  object,
  type ProviderResult,
  parsedBody,
  safeEqual,
  smtpCode,
  str,
  tags,
  type WebhookContext,
  WebhookError,
} from "./common.js";

/** Most tokens remembered per signing key: about 110 webhooks a second over the 15-minute window. */
export const MAX_REMEMBERED_TOKENS = 100_000;

/**
 * Tokens of accepted signatures, each until (unix seconds) its timestamp is too old to pass. Keyed by
 * the secret object, so each configured key (each server, each test) has its own memory.
 */
const usedTokens = new WeakMap<object, Map<string, number>>();

/** How many tokens are remembered for this secret (tests, monitoring). */
export function rememberedTokens(secret: object): number {
  return usedTokens.get(secret)?.size ?? 0;
}

/** Records a token as used; false when it was already used and has not expired yet. */
function firstUse(secret: object, token: string, expires: number, now: number): boolean {
  let seen = usedTokens.get(secret);
  if (!seen) {
    seen = new Map();
    usedTokens.set(secret, seen);
  }
  const prior = seen.get(token);
  if (prior !== undefined && prior >= now) return false;
  seen.delete(token);
  // Insertion order is roughly expiry order: drop expired ones from the front.
  for (const [t, exp] of seen) {
    if (exp >= now) break;
    seen.delete(t);
  }
  if (seen.size >= MAX_REMEMBERED_TOKENS) {
    for (const [t, exp] of seen) if (exp < now) seen.delete(t);
    // Still full (more signed traffic than the bound): forget the oldest rather than refuse Mailgun.
    for (const t of seen.keys()) {
      if (seen.size < MAX_REMEMBERED_TOKENS) break;
      seen.delete(t);
    }
  }
  seen.set(token, expires);
  return true;
}

/** Checks the signature; gives the token to accept once (null when no signing key is configured). */
function verifySignature(sig: Record<string, unknown>, ctx: WebhookContext): OnceToken | null {
  const secret = ctx.secrets.mailgun;
  if (!secret) return null;
  const timestamp = str(sig, "timestamp");
  const token = str(sig, "token");
  const signature = str(sig, "signature");
  if (!timestamp || !token || !signature) throw new WebhookError(401, "mailgun: signature incomplete");
  const expected = createHmac("sha256", secret.signingKey)
    .update(timestamp + token)
    .digest("hex");
  if (!safeEqual(signature.toLowerCase(), expected)) throw new WebhookError(401, "mailgun: bad signature");
  const maxAge = secret.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const ts = checkSignedTime(timestamp, ctx, maxAge, "mailgun");
  if (ctx.onceTokens === "caller") return { key: `mailgun:${token}`, expiresAt: (ts + maxAge) * 1000 };
  // Only after the signature verified: unsigned requests cannot fill the memory.
  if (!firstUse(secret, token, ts + maxAge, (ctx.now ?? Date.now()) / 1000))
    throw new WebhookError(401, "mailgun: token already used (a replayed request)");
  return null;
}

function eventType(kind: string, severity: string | null): EventType | null {
  if (kind === "delivered") return "delivered";
  if (kind === "complained") return "complaint";
  if (kind === "failed") return severity === "temporary" ? "deferred" : "bounce";
  return null;
}

export function fromMailgun(body: unknown, ctx: WebhookContext): ProviderResult {
  const data = object(parsedBody(body, ctx), "mailgun: body");
  const sig = data.signature;
  if (ctx.secrets.mailgun && !isObject(sig)) throw new WebhookError(401, "mailgun: signature missing");
  const once = isObject(sig) ? verifySignature(sig, ctx) : null;
  // Mailgun signs the token and time, not the body: every signed request uses its token up, the
  // skipped and the unreadable ones too, or a captured signature could carry a forged failure.
  const used = once ? { once } : {};
  const e = isObject(data["event-data"]) ? data["event-data"] : null;
  const kind = e ? str(e, "event") : null;
  if (!e || kind === null) return { events: [], unreadable: 1, ...used };
  const type = eventType(kind, str(e, "severity"));
  if (!type) return { events: [], ...used };
  const status = isObject(e["delivery-status"]) ? e["delivery-status"] : {};
  const envelope = isObject(e.envelope) ? e.envelope : {};
  const message = isObject(e.message) ? e.message : {};
  const headers = isObject(message.headers) ? message.headers : {};
  const event: DeliveryEvent = {
    source: "webhook:mailgun",
    sourceId: str(e, "id"),
    type,
    recipient: str(e, "recipient") ?? "",
    timestamp: itemTime(e.timestamp),
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
  return once ? { events: [event], once } : { events: [event] };
}
