// Postmark webhooks: one JSON object per request, told apart by RecordType (Bounce, Delivery,
// SpamComplaint; Open, Click, SubscriptionChange are skipped). Postmark does not sign requests: protect
// the URL with HTTP basic auth (https://user:password@host/…) and configure the same credentials.
import type { DeliveryEvent, EventType, ProviderVerdict } from "../event.js";
import {
  checkBasicAuth,
  itemTime,
  object,
  type ProviderResult,
  parsedBody,
  requiredStr,
  str,
  type WebhookContext,
} from "./common.js";

/** Bounce Type → event type; types not listed are bounces, `null` are not delivery outcomes. */
const BOUNCE_TYPES: Record<string, EventType | null> = {
  Transient: "deferred", // "message delayed": Postmark keeps trying
  AutoResponder: "autoreply",
  AddressChange: "autoreply",
  ChallengeVerification: "autoreply",
  SpamComplaint: "complaint",
  Subscribe: null,
  Unsubscribe: null,
};

/**
 * Postmark's verdict on a bounce, by its documented bounce Type
 * (https://postmarkapp.com/developer/api/bounce-api#bounce-types), with Postmark's meaning. A type
 * not listed (Unknown, SMTPApiError, …) gives no verdict: the reply text decides.
 */
const POSTMARK_VERDICTS: Record<string, Omit<ProviderVerdict, "rule" | "matched"> & { meaning: string }> = {
  HardBounce: {
    permanence: "hard",
    meaning: "the server was unable to deliver your message (unknown user, mailbox not found)",
  },
  SoftBounce: { permanence: "soft", meaning: "unable to temporarily deliver this message" },
  DnsError: { permanence: "soft", meaning: "a temporary DNS error" },
  BadEmailAddress: {
    permanence: "hard",
    reason: "invalid_address.bad_syntax",
    meaning: "invalid email address",
  },
  // Postmark stopped sending to the address itself: its own act, so its verdict decides.
  ManuallyDeactivated: {
    permanence: "hard",
    reason: "invalid_address.suppressed",
    decides: true,
    meaning: "the email was manually deactivated",
  },
};

/**
 * The verdict of a bounce: its Type's row, and `Inactive: true` (Postmark deactivated the address and
 * will not send to it until reactivated), which makes any bounce a suppression.
 */
function postmarkVerdict(e: Record<string, unknown>, bounceType: string): ProviderVerdict | null {
  const row = Object.hasOwn(POSTMARK_VERDICTS, bounceType) ? POSTMARK_VERDICTS[bounceType]! : null;
  const inactive = e.Inactive === true;
  if (!row && !inactive) return null;
  return {
    rule: `postmark.${bounceType || "-"}${inactive ? ".inactive" : ""}`,
    matched: `Type ${bounceType || "(none)"}${inactive ? ", Inactive true" : ""}`,
    permanence: inactive ? "hard" : (row?.permanence ?? null),
    reason: inactive ? "invalid_address.suppressed" : (row?.reason ?? null),
    // Inactive decides over the reply's words: Postmark refuses every later send to the address,
    // so no further bounce would ever come to count toward a suppression.
    ...(row?.decides || inactive ? { decides: true } : {}),
  };
}

/**
 * Bounce IDs are 64-bit and can exceed what a JS number holds exactly (the documentation's own sample,
 * 4323372036854775807, does): then the digits are read from the raw body.
 */
function bounceId(id: unknown, rawBody: string): string | null {
  if (typeof id === "string") return id || null;
  if (typeof id !== "number") return null;
  if (Number.isSafeInteger(id)) return String(id);
  return /"ID"\s*:\s*(\d+)/.exec(rawBody)?.[1] ?? String(id);
}

export function fromPostmark(body: unknown, ctx: WebhookContext): ProviderResult {
  checkBasicAuth(ctx, ctx.secrets.postmark, "postmark");
  const e = object(parsedBody(body, ctx), "postmark: body");
  const record = requiredStr(e, "RecordType", "postmark: RecordType");
  const common = {
    source: "webhook:postmark",
    messageId: str(e, "MessageID"),
    tag: str(e, "Tag"),
    sender: str(e, "From"),
  };
  if (record === "Delivery") {
    const event: DeliveryEvent = {
      ...common,
      sourceId: null,
      type: "delivered",
      recipient: str(e, "Recipient") ?? "",
      timestamp: itemTime(e.DeliveredAt),
      response: str(e, "Details"),
    };
    return { events: [event] };
  }
  if (record !== "Bounce" && record !== "SpamComplaint") return { events: [] };
  const bounceType = str(e, "Type") ?? "";
  const mapped = record === "SpamComplaint" ? "complaint" : BOUNCE_TYPES[bounceType];
  if (mapped === null) return { events: [] };
  const event: DeliveryEvent = {
    ...common,
    sourceId: bounceId(e.ID, ctx.rawBody),
    type: mapped ?? "bounce",
    recipient: str(e, "Email") ?? "",
    timestamp: itemTime(e.BouncedAt),
    // Details is the receiving server's text ("smtp;550 5.1.1 …"); Description is Postmark's explanation
    // of the bounce type, kept only when there are no details.
    response: str(e, "Details") ?? str(e, "Description"),
  };
  const verdict = event.type === "bounce" ? postmarkVerdict(e, bounceType) : null;
  if (verdict) event.verdict = verdict;
  return { events: [event] };
}
