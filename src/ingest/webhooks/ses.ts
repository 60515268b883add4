// Amazon SES notifications delivered by SNS to an HTTPS endpoint. The SNS envelope (Type Notification,
// SubscriptionConfirmation, UnsubscribeConfirmation) is verified when `secrets.ses` is configured:
// RSA signature (SignatureVersion 1 = SHA1, 2 = SHA256) over the canonical "Name\nValue\n" string of the
// message's fields, with the certificate at SigningCertURL — downloaded by the caller's
// `fetchCertificate`, after this module has checked the URL (https, host sns.<region>.amazonaws.com,
// path *.pem). The SES payload inside Message is either a notification (notificationType Bounce,
// Complaint, Delivery) or an event-publishing record (eventType Bounce, Complaint, Delivery,
// DeliveryDelay, Reject, …). With raw message delivery enabled SNS posts the SES payload without an
// envelope: accepted only when verification is not configured, since there is nothing to verify.
import { verify, X509Certificate } from "node:crypto";
import type { Permanence } from "../../catalog/types.js";
import type { DeliveryEvent, EventType, ProviderVerdict } from "../event.js";
import {
  isObject,
  itemTime,
  type Json,
  malformed,
  object,
  type ProviderResult,
  parsedBody,
  requiredStr,
  str,
  type WebhookContext,
  WebhookError,
} from "./common.js";

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** True for https://sns.<region>.amazonaws.com[.cn]/… without credentials or a port. */
function isSnsUrl(value: string, pemOnly: boolean): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === "https:" &&
    SNS_HOST.test(url.hostname) &&
    url.port === "" &&
    url.username === "" &&
    url.password === "" &&
    (!pemOnly || url.pathname.endsWith(".pem"))
  );
}

/** The string SNS signs: selected fields as "Name\nValue\n", in byte order of the names. */
export function snsStringToSign(m: Json): string {
  const type = str(m, "Type");
  const fields =
    type === "Notification"
      ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
      : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  let out = "";
  for (const name of fields) {
    const value = m[name];
    if (value === undefined || value === null) {
      if (name === "Subject") continue;
      malformed(`ses: SNS ${name} is missing`);
    }
    if (typeof value !== "string") malformed(`ses: SNS ${name} must be a string`);
    out += `${name}\n${value}\n`;
  }
  return out;
}

async function verifySns(m: Json, ctx: WebhookContext) {
  const secret = ctx.secrets.ses;
  if (!secret) return;
  const version = str(m, "SignatureVersion");
  const signature = str(m, "Signature");
  const certUrl = str(m, "SigningCertURL") ?? str(m, "SigningCertUrl");
  if (!signature || !certUrl || (version !== "1" && version !== "2"))
    throw new WebhookError(401, "ses: SNS signature missing or of an unknown version");
  if (!isSnsUrl(certUrl, true)) throw new WebhookError(401, `ses: untrusted SigningCertURL ${certUrl}`);
  const topic = str(m, "TopicArn");
  if (secret.topicArns && (!topic || !secret.topicArns.includes(topic)))
    throw new WebhookError(401, `ses: topic ${topic ?? "(none)"} is not an accepted topic`);
  const data = Buffer.from(snsStringToSign(m), "utf8");
  let pem: string;
  try {
    pem = await secret.fetchCertificate(certUrl);
  } catch (err) {
    // SNS does not send again after a 4xx: a download that failed on the way (timeout, network,
    // 5xx) is a 503, so the notification comes again; a certificate SNS says it does not have
    // (HTTP 4xx) is a forged URL.
    const status = (err as { httpStatus?: number }).httpStatus;
    if (status !== undefined && status >= 400 && status < 500)
      throw new WebhookError(401, `ses: no signing certificate at ${certUrl} (HTTP ${status})`);
    throw new WebhookError(
      503,
      `ses: cannot download the signing certificate now: ${(err as Error).message}`,
    );
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (err) {
    throw new WebhookError(401, `ses: the signing certificate is not valid: ${(err as Error).message}`);
  }
  const now = ctx.now ?? Date.now();
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo))
    throw new WebhookError(401, "ses: the signing certificate is not valid now");
  const ok = verify(
    version === "1" ? "sha1" : "sha256",
    data,
    cert.publicKey,
    Buffer.from(signature, "base64"),
  );
  if (!ok) throw new WebhookError(401, "ses: SNS signature does not verify");
}

interface Target {
  recipient: string;
  response?: string | null;
  statusCode?: string | null;
}

function recipients(list: unknown, what: string): Target[] {
  if (!Array.isArray(list)) malformed(`ses: ${what} must be an array`);
  return list.map((r) => {
    if (typeof r === "string") return { recipient: r };
    // An item that is not an object, or has no address: skipped as invalid_recipient and the
    // notification's other recipients stored (SNS does not send again after a 400: all were lost).
    const o = isObject(r) ? r : {};
    return {
      recipient: str(o, "emailAddress") ?? "",
      response: str(o, "diagnosticCode"),
      statusCode: str(o, "status"),
    };
  });
}

/**
 * SES's bounce types and subtypes (AWS, "Amazon SES notification contents", bounce types), as the
 * verdict they give when the reply text decides nothing: the permanence of each bounceType, the
 * reason of each bounceSubType (null: names none), with what AWS says each means. The example they
 * were written for: AWS's "bounce notification without a DSN" (test/ingest/fixtures/ses-messages.json
 * `bounceWithoutDsn`: Permanent, General, recipients without diagnosticCode), which was an unknown,
 * soft failure to retry in an hour though SES says not to send to those addresses again.
 */
const SES_BOUNCE_TYPES: Record<string, { permanence: Permanence | null; meaning: string }> = {
  Permanent: { permanence: "hard", meaning: "a hard bounce: remove the address from your list" },
  Transient: { permanence: "soft", meaning: "a soft bounce: a later message may be delivered" },
  Undetermined: { permanence: null, meaning: "SES could not tell from the bounce message" },
};
const SES_BOUNCE_SUBTYPES: Record<string, { reason: string | null; meaning: string }> = {
  General: { reason: null, meaning: "a general bounce, no more said" },
  Undetermined: { reason: null, meaning: "SES could not tell the reason" },
  NoEmail: { reason: "invalid_address.user_unknown", meaning: "the address does not exist" },
  Suppressed: {
    reason: "invalid_address.suppressed",
    meaning: "on SES's suppression list (recent hard bounces)",
  },
  OnAccountSuppressionList: {
    reason: "invalid_address.suppressed",
    meaning: "on the account-level suppression list",
  },
  MailboxFull: { reason: "inbox_full.over_quota", meaning: "the recipient's inbox is full" },
  MessageTooLarge: { reason: "rejection.size", meaning: "the message is too large for the receiver" },
  ContentRejected: { reason: "rejection.content", meaning: "content the receiver does not allow" },
  AttachmentRejected: {
    reason: "rejection.attachment",
    meaning: "an attachment the receiver does not allow",
  },
};

/** The verdict of a bounce's bounceType and bounceSubType, or null when SES gives neither known. */
function sesVerdict(bounce: Json): ProviderVerdict | null {
  const type = str(bounce, "bounceType");
  const subType = str(bounce, "bounceSubType");
  const t = type !== null && Object.hasOwn(SES_BOUNCE_TYPES, type) ? SES_BOUNCE_TYPES[type]! : null;
  const sub =
    subType !== null && Object.hasOwn(SES_BOUNCE_SUBTYPES, subType) ? SES_BOUNCE_SUBTYPES[subType]! : null;
  if (!t?.permanence && !sub?.reason) return null;
  return {
    rule: `ses.${type ?? "-"}.${subType ?? "-"}`,
    matched: `bounceType ${type ?? "(none)"}, bounceSubType ${subType ?? "(none)"}`,
    permanence: t?.permanence ?? null,
    reason: sub?.reason ?? null,
  };
}

/** First value of the first tag that SES did not add itself (ses:configuration-set, ses:from-domain…). */
function customTag(tags: unknown): string | null {
  if (!isObject(tags)) return null;
  for (const [name, values] of Object.entries(tags)) {
    if (name.startsWith("ses:")) continue;
    if (Array.isArray(values) && typeof values[0] === "string") return values[0];
  }
  return null;
}

/** DeliveryEvents of one SES notification or event-publishing record. */
export function sesEvents(n: Json, snsMessageId: string | null): DeliveryEvent[] {
  const kind = str(n, "notificationType") ?? str(n, "eventType");
  if (!kind) malformed("ses: notificationType or eventType is missing");
  const mail = isObject(n.mail) ? n.mail : {};
  let type: EventType;
  let detail: Json;
  let targets: Target[];
  let id: string | null = snsMessageId;
  let response: string | null = null;
  let remoteHost: string | null = null;
  let verdict: ProviderVerdict | null = null;
  switch (kind) {
    case "Bounce":
      detail = object(n.bounce, "ses: bounce");
      type = "bounce";
      verdict = sesVerdict(detail);
      targets = recipients(detail.bouncedRecipients, "bounce.bouncedRecipients");
      id = str(detail, "feedbackId") ?? id;
      remoteHost = str(detail, "remoteMtaIp");
      break;
    case "Complaint":
      detail = object(n.complaint, "ses: complaint");
      type = "complaint";
      targets = recipients(detail.complainedRecipients, "complaint.complainedRecipients");
      id = str(detail, "feedbackId") ?? id;
      break;
    case "Delivery":
      detail = object(n.delivery, "ses: delivery");
      type = "delivered";
      targets = recipients(detail.recipients, "delivery.recipients");
      response = str(detail, "smtpResponse");
      remoteHost = str(detail, "remoteMtaIp");
      break;
    case "DeliveryDelay":
      detail = object(n.deliveryDelay, "ses: deliveryDelay");
      type = "deferred";
      targets = recipients(detail.delayedRecipients, "deliveryDelay.delayedRecipients");
      break;
    case "Reject":
      // SES refused to send (virus): no remote reply, only SES's reason.
      detail = object(n.reject, "ses: reject");
      type = "bounce";
      targets = recipients(mail.destination, "mail.destination");
      response = str(detail, "reason");
      // SES's own act on the message's content (it found a virus): sending it again fails again,
      // and the address is not at fault. Its words ("Bad content") are SES's, so this decides.
      verdict = {
        rule: "ses.Reject",
        matched: `eventType Reject${response ? `, reason ${response}` : ""}`,
        permanence: "hard",
        reason: "rejection.content",
        decides: true,
      };
      break;
    default:
      return []; // Send, Open, Click, Rendering Failure, Subscription, AmazonSnsSubscriptionSucceeded…
  }
  // Missing or not a time: "", so each event is skipped as invalid_timestamp and counted, not a 400.
  const timestamp = itemTime(detail.timestamp ?? mail.timestamp);
  return targets.map((t) => ({
    source: "webhook:ses",
    sourceId: id && targets.length > 1 ? `${id}:${t.recipient}` : id,
    type,
    recipient: t.recipient,
    timestamp,
    messageId: str(mail, "messageId"),
    sender: str(mail, "source"),
    tag: customTag(mail.tags),
    response: t.response ?? response,
    statusCode: t.statusCode ?? null,
    remoteHost,
    ...(verdict ? { verdict } : {}),
  }));
}

export async function fromSes(body: unknown, ctx: WebhookContext): Promise<ProviderResult> {
  const m = object(parsedBody(body, ctx), "ses: body");
  const type = str(m, "Type");
  if (type === null) {
    if (ctx.secrets.ses) throw new WebhookError(401, "ses: unsigned message (raw delivery) refused");
    return { events: sesEvents(m, null) };
  }
  if (type !== "Notification" && type !== "SubscriptionConfirmation" && type !== "UnsubscribeConfirmation")
    malformed(`ses: unknown SNS message type ${type}`);
  await verifySns(m, ctx);
  if (type === "SubscriptionConfirmation") {
    const subscribeUrl = requiredStr(m, "SubscribeURL", "ses: SubscribeURL");
    // The caller will GET this URL: never let it point anywhere but SNS.
    if (!isSnsUrl(subscribeUrl, false)) malformed(`ses: SubscribeURL is not an SNS URL: ${subscribeUrl}`);
    return { confirm: { subscribeUrl } };
  }
  if (type === "UnsubscribeConfirmation") return { events: [] };
  const message = requiredStr(m, "Message", "ses: SNS Message");
  // SES also publishes plain-text notices ("Successfully validated SNS topic …"): not events.
  if (!message.trimStart().startsWith("{")) return { events: [] };
  let inner: unknown;
  try {
    inner = JSON.parse(message);
  } catch {
    malformed("ses: SNS Message is not valid JSON");
  }
  return { events: sesEvents(object(inner, "ses: SNS Message"), str(m, "MessageId")) };
}
