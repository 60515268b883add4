import { createHash } from "node:crypto";
import type { BounceReport } from "../bounce/types.js";
import {
  type ClassifiedEvent,
  checkEvent,
  EVENT_MAX_LENGTH,
  type EventType,
  isRecipientAddress,
  recipientDomain,
  storableTime,
} from "./event.js";

const KIND_TO_TYPE: Record<string, EventType | undefined> = {
  bounce: "bounce",
  delay: "deferred",
  complaint: "complaint",
  autoreply: "autoreply",
  delivered: "delivered",
};

/**
 * A digest of what the bounce says (not of when it arrived, nor of the diagnosis, which rules can
 * change): the same email posted again, or retried over SMTP with added headers, gives the same one.
 */
function contentDigest(report: BounceReport): string {
  const content = [
    report.kind,
    report.decoder,
    report.date,
    report.subject,
    report.from,
    report.original,
    report.feedback,
    report.recipients.map((r) => [
      r.recipient,
      r.originalRecipient,
      r.action,
      r.status,
      r.reportingMta,
      r.remoteMta,
      r.diagnosticText,
      r.lastAttemptDate,
      r.decoder,
    ]),
  ];
  return createHash("sha256").update(JSON.stringify(content)).digest("base64url");
}

/**
 * A parsed bounce email as events, each keeping the diagnosis parseBounce already made. The time is
 * the bounce's Date header, or `now` when it has none that parses or one before 1970 or more than a
 * day ahead.
 *
 * The store keeps an event once per `sourceId`, else once per its content including its time. With
 * the original's Message-ID, the id is that plus recipient and type (the Message-ID's digest when
 * the id would be longer than a source id may be); without one, the Date header makes the content
 * stable; without either, the time would be `now` and every re-post (or SMTP retry) a new event, so
 * the id is a digest of the bounce's content instead.
 *
 * Each event passes the checks of POST /v1/events (`checkEvent`), as webhooks' and logs' do: a
 * recipient that is no address skips it; an over-long Message-ID, or a sender that is no address,
 * is dropped rather than the event.
 */
export function bounceEvents(report: BounceReport, source: string, now = new Date()): ClassifiedEvent[] {
  const date = typeof report.date === "string" ? Date.parse(report.date) : Number.NaN;
  // A Date header from before 1970 or more than a day ahead is wrong (a sender's clock, a forgery):
  // the time it arrived is nearer the truth, and the statistics' buckets start at the epoch.
  const dated = storableTime(date, now.getTime());
  const when = dated ? new Date(date).toISOString() : now.toISOString();
  const originalId = report.original?.messageId || null;
  const identity = originalId ?? (dated ? null : `sha256:${contentDigest(report)}`);
  const from = report.original?.from ? senderAddress(report.original.from) : null;
  // A sender with control characters or over 320 characters is no address (its domain would be a
  // statistics key).
  const sender = isRecipientAddress(from) ? from : null;
  const out: ClassifiedEvent[] = [];
  for (const r of report.recipients) {
    const type = KIND_TO_TYPE[r.diagnosis.kind] ?? KIND_TO_TYPE[report.kind];
    if (!type) continue;
    const recipient = r.recipient.trim();
    const checked = checkEvent({
      source,
      sourceId: identity ? sourceId(identity, recipient, type) : null,
      type,
      recipient,
      timestamp: when,
      messageId: originalId,
      sender,
      sendingDomain: sender ? recipientDomain(sender) : null,
      response: r.diagnosticText || null,
      errorCode: r.diagnosis.errorCode,
      statusCode: r.diagnosis.statusCode,
      remoteHost: r.diagnosis.remoteHost,
      command: r.diagnosis.command,
    });
    // As for every other source: a recipient with white space or control characters, or longer
    // than an address may be, is not stored (it could be neither found nor removed later).
    if (!checked.ok) continue;
    const e = checked.event;
    out.push({
      ...e,
      recipientDomain: recipientDomain(e.recipient),
      diagnosis: type === "delivered" ? null : r.diagnosis,
    });
  }
  return out;
}

/**
 * `identity:recipient:type`; with a Message-ID too long for that to be a source id (a broken or
 * hostile original), its digest stands for it, so the bounce is still stored once.
 */
function sourceId(identity: string, recipient: string, type: EventType): string {
  const id = `${identity}:${recipient}:${type}`;
  if (id.length <= EVENT_MAX_LENGTH.sourceId) return id;
  return `id-sha256:${createHash("sha256").update(identity).digest("base64url")}:${recipient}:${type}`;
}

/**
 * The address of a From header: the one in angle brackets when there is one (a display name may
 * hold another: "Orders, reply to help@shop.example" <orders@mailer.example>), else the first.
 */
function senderAddress(from: string): string | null {
  const angled = /<([^\s<>"]+@[^\s<>"]+)>/.exec(from)?.[1];
  return angled ?? /[^\s<>"]+@[^\s<>"]+/.exec(from)?.[0] ?? null;
}
