// SparkPost webhooks: a JSON array of {msys: {message_event | track_event | …: {type, …}}} (a batch
// test sends [{"msys": {}}]). SparkPost does not sign batches; it can send HTTP basic auth, which is
// checked when credentials are configured. Delivery outcomes: delivery, bounce, out_of_band,
// policy_rejection, generation_failure, generation_rejection (failed), delay (deferred), spam_complaint;
// engagement events (open, click, …) are skipped.
import type { DeliveryEvent, EventType } from "../event.js";
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
      const type = TYPES[kind];
      if (!type) continue;
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
      });
    }
  }
  return { events, unreadable };
}
