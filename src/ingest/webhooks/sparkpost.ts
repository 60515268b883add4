// SparkPost webhooks: a JSON array of {msys: {message_event | track_event | …: {type, …}}} (a batch
// test sends [{"msys": {}}]). SparkPost does not sign batches; it can send HTTP basic auth, which is
// checked when credentials are configured. Delivery outcomes: delivery, bounce, out_of_band,
// policy_rejection, generation_failure, generation_rejection (failed), delay (deferred), spam_complaint;
// engagement events (open, click, …) are skipped.
import type { DeliveryEvent, EventType, ProviderVerdict } from "../event.js";
import {
  checkBasicAuth,
  isObject,
  itemTime,
  malformed,
  type ProviderResult,
  parsedBody,
  smtpCode,
  str,
  type WebhookContext,
} from "./common.js";

const TYPES: Record<string, EventType> = {
  delivery: "delivered",
  bounce: "bounce",
  out_of_band: "bounce",
  policy_rejection: "bounce",
  generation_failure: "bounce",
  generation_rejection: "bounce",
  delay: "deferred",
  spam_complaint: "complaint",
};

/**
 * SparkPost's bounce classes (https://support.sparkpost.com/docs/deliverability/bounce-classification-codes),
 * with SparkPost's name for each: its verdict on a bounce, out_of_band or policy_rejection. `type`
 * overrides the event's (an auto-reply is no bounce; a subscribe/unsubscribe request, null, is no
 * outcome). A class not listed (1 Undetermined) gives no verdict.
 */
const BOUNCE_CLASSES: Record<
  string,
  Omit<ProviderVerdict, "rule" | "matched"> & { name: string; type?: EventType | null }
> = {
  "10": { name: "Invalid Recipient", permanence: "hard", reason: "invalid_address.user_unknown" },
  "20": { name: "Soft Bounce", permanence: "soft" },
  "21": { name: "DNS Failure", permanence: "soft" },
  "22": { name: "Mailbox Full", permanence: "soft", reason: "inbox_full.over_quota" },
  "23": { name: "Too Large", permanence: "soft", reason: "rejection.size" },
  "24": { name: "Timeout", permanence: "soft" },
  // "The message was failed by SparkPost's configured policies" (its suppression list): SparkPost's
  // own act, in its own words, so its verdict decides.
  "25": { name: "Admin Failure", permanence: "hard", reason: "invalid_address.suppressed", decides: true },
  "30": { name: "Generic Bounce: No RCPT", permanence: "hard" },
  "40": { name: "Generic Bounce", permanence: "soft" },
  "50": { name: "Mail Block", permanence: "soft" },
  "51": { name: "Spam Block", permanence: "soft" },
  "52": { name: "Spam Content", permanence: "soft", reason: "rejection.content" },
  "53": { name: "Prohibited Attachment", permanence: "soft", reason: "rejection.attachment" },
  "54": { name: "Relaying Denied", permanence: "hard", reason: "rejection.relay_denied" },
  "60": { name: "Auto-Reply", type: "autoreply" },
  "70": { name: "Transient Failure", permanence: "soft" },
  "80": { name: "Subscribe", type: null },
  "90": { name: "Unsubscribe", type: null },
  "100": { name: "Challenge-Response", type: "autoreply" },
};

export function fromSparkpost(body: unknown, ctx: WebhookContext): ProviderResult {
  checkBasicAuth(ctx, ctx.secrets.sparkpost, "sparkpost");
  const data = parsedBody(body, ctx);
  if (!Array.isArray(data)) malformed("sparkpost: body must be a JSON array");
  const events: DeliveryEvent[] = [];
  let unreadable = 0;
  // One bad item is skipped and counted; the others are stored (see `itemTime`).
  for (const item of data) {
    const msys = isObject(item) && isObject(item.msys) ? item.msys : null;
    if (!msys) {
      unreadable++;
      continue;
    }
    for (const inner of Object.values(msys)) {
      const kind = isObject(inner) ? str(inner, "type") : null;
      if (!isObject(inner) || kind === null) {
        unreadable++;
        continue;
      }
      let type: EventType | null | undefined = TYPES[kind];
      if (!type) continue;
      const cls = inner.bounce_class == null ? "" : String(inner.bounce_class);
      const row = type === "bounce" && Object.hasOwn(BOUNCE_CLASSES, cls) ? BOUNCE_CLASSES[cls]! : null;
      if (row?.type !== undefined) type = row.type;
      if (!type) continue;
      const verdict: ProviderVerdict | null =
        row && type === "bounce" && (row.permanence || row.reason)
          ? {
              rule: `sparkpost.class.${cls}`,
              matched: `bounce_class ${cls} (${row.name})`,
              permanence: row.permanence ?? null,
              reason: row.reason ?? null,
              ...(row.decides ? { decides: true } : {}),
            }
          : null;
      events.push({
        source: "webhook:sparkpost",
        sourceId: str(inner, "event_id"),
        type,
        recipient: str(inner, "raw_rcpt_to") ?? str(inner, "rcpt_to") ?? "",
        timestamp: itemTime(inner.timestamp),
        messageId: str(inner, "message_id"),
        sender: str(inner, "msg_from"),
        sendingIp: str(inner, "sending_ip"),
        tag: str(inner, "campaign_id"),
        // raw_reason is the remote server's reply as received; reason has addresses redacted.
        response: str(inner, "raw_reason") ?? str(inner, "reason"),
        errorCode: smtpCode(inner.error_code),
        ...(verdict ? { verdict } : {}),
      });
    }
  }
  return { events, unreadable };
}
