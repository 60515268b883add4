import { addressOf } from "./dsn.js";
import { type BounceMessage, parseHeaderFields } from "./message.js";
import type { FeedbackReport } from "./types.js";

/**
 * RFC 5965 Abuse Reporting Format: a message/feedback-report part (or, from older senders, the
 * same fields in the body of a message whose Content-Type says report-type=feedback-report).
 */
export function readFeedback(msg: BounceMessage): FeedbackReport | null {
  let body = msg.feedbackReport;
  if (body === null) {
    if (!/feedback-report/.test(msg.contentType) && !/^feedback-type:/im.test(msg.text)) return null;
    body = msg.text.slice(msg.text.search(/^feedback-type:/im));
  }
  const lines = body.split(/\r?\n/);
  const fields = parseHeaderFields(lines.join("\n"));
  const originalRecipients: string[] = [];
  for (const line of lines) {
    const m = /^original-rcpt-to:\s*(.+)$/i.exec(line);
    const a = m ? addressOf(m[1]) : null;
    if (a) originalRecipients.push(a);
  }
  const removed = fields.get("removal-recipient");
  if (removed) {
    const a = addressOf(removed);
    if (a && !originalRecipients.includes(a)) originalRecipients.push(a);
  }
  return {
    feedbackType: fields.get("feedback-type")?.toLowerCase() ?? "abuse",
    userAgent: fields.get("user-agent") ?? null,
    sourceIp: fields.get("source-ip")?.replace(/[[\]]/g, "").trim() ?? null,
    originalMailFrom: addressOf(fields.get("original-mail-from")),
    originalRecipients,
    arrivalDate: fields.get("arrival-date") ?? fields.get("received-date") ?? null,
    reportedDomain: fields.get("reported-domain") ?? null,
  };
}
