import type { BounceReport } from "../bounce/types.js";
import { type ClassifiedEvent, type EventType, recipientDomain } from "./event.js";

const KIND_TO_TYPE: Record<string, EventType | undefined> = {
  bounce: "bounce",
  delay: "deferred",
  complaint: "complaint",
  autoreply: "autoreply",
  delivered: "delivered",
};

/** A parsed bounce email as events, each keeping the diagnosis parseBounce already made. */
export function bounceEvents(report: BounceReport, source: string, now = new Date()): ClassifiedEvent[] {
  const when =
    report.date && Number.isFinite(Date.parse(report.date))
      ? new Date(report.date).toISOString()
      : now.toISOString();
  const sender = report.original?.from
    ? (/[^\s<>"]+@[^\s<>"]+/.exec(report.original.from)?.[0] ?? null)
    : null;
  const out: ClassifiedEvent[] = [];
  for (const r of report.recipients) {
    const type = KIND_TO_TYPE[r.diagnosis.kind] ?? KIND_TO_TYPE[report.kind];
    if (!type) continue;
    out.push({
      source,
      sourceId: report.original?.messageId ? `${report.original.messageId}:${r.recipient}:${type}` : null,
      type,
      recipient: r.recipient,
      recipientDomain: recipientDomain(r.recipient),
      timestamp: when,
      messageId: report.original?.messageId ?? null,
      sender,
      sendingDomain: sender ? recipientDomain(sender) : null,
      response: r.diagnosticText || null,
      errorCode: r.diagnosis.errorCode,
      statusCode: r.diagnosis.statusCode,
      remoteHost: r.diagnosis.remoteHost,
      command: r.diagnosis.command,
      diagnosis: type === "delivered" ? null : r.diagnosis,
    });
  }
  return out;
}
