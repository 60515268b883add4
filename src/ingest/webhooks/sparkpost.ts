// SparkPost webhooks: a JSON array of {msys: {message_event | track_event | …: {type, …}}} (a batch
// test sends [{"msys": {}}]). SparkPost does not sign batches; it can send HTTP basic auth, which is
// checked when credentials are configured. Delivery outcomes: delivery, bounce, out_of_band,
// policy_rejection, generation_failure, generation_rejection (failed), delay (deferred), spam_complaint;
// engagement events (open, click, …) are skipped.
import type { DeliveryEvent, EventType } from "../event.js";
import {
  checkBasicAuth,
  isObject,
  isoTime,
  malformed,
  object,
  type ProviderResult,
  parsedBody,
  requiredStr,
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
  data.forEach((item, i) => {
    const msys = object(object(item, `sparkpost: item ${i}`).msys, `sparkpost: item ${i}: msys`);
    for (const inner of Object.values(msys)) {
      if (!isObject(inner)) malformed(`sparkpost: item ${i}: event must be an object`);
      const type = TYPES[requiredStr(inner, "type", `sparkpost: item ${i}: type`)];
      if (!type) continue;
      const recipient =
        str(inner, "raw_rcpt_to") ?? requiredStr(inner, "rcpt_to", `sparkpost: item ${i}: rcpt_to`);
      if (inner.timestamp === undefined) malformed(`sparkpost: item ${i}: timestamp is missing`);
      events.push({
        source: "webhook:sparkpost",
        sourceId: str(inner, "event_id"),
        type,
        recipient,
        timestamp: isoTime(inner.timestamp, `sparkpost: item ${i}: timestamp`),
        messageId: str(inner, "message_id"),
        sender: str(inner, "msg_from"),
        sendingIp: str(inner, "sending_ip"),
        tag: str(inner, "campaign_id"),
        // raw_reason is the remote server's reply as received; reason has addresses redacted.
        response: str(inner, "raw_reason") ?? str(inner, "reason"),
        errorCode: smtpCode(inner.error_code),
      });
    }
  });
  return { events };
}
