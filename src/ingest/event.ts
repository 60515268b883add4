import type { Diagnosis } from "../classify/diagnosis.js";
import { defaultEngine } from "../index.js";

/** What happened to one message for one recipient. */
export type EventType = "delivered" | "bounce" | "deferred" | "complaint" | "autoreply";

/**
 * Every input kind (SMTP reply, bounce email, MTA log line, ESP webhook) becomes DeliveryEvents;
 * only `classifyEvent` decides a category. The public JSON shape of an event (docs/service.md).
 */
export interface DeliveryEvent {
  /** The source's own id for this event when it has one (ESP event id, log queue id + recipient). */
  sourceId?: string | null;
  /** Where it came from: `api`, `smtp`, `log:postfix`, `webhook:sendgrid`, … */
  source: string;
  type: EventType;
  recipient: string;
  /** ISO 8601. */
  timestamp: string;
  messageId?: string | null;
  sender?: string | null;
  sendingDomain?: string | null;
  sendingIp?: string | null;
  /** Message type or campaign tag. */
  tag?: string | null;
  /** The raw response text (SMTP reply or diagnostic) for failures and deferrals. */
  response?: string | null;
  errorCode?: number | null;
  statusCode?: string | null;
  remoteHost?: string | null;
  command?: string | null;
}

export interface ClassifiedEvent extends DeliveryEvent {
  recipientDomain: string;
  /** Null for deliveries. */
  diagnosis: Diagnosis | null;
}

export function recipientDomain(address: string): string {
  const at = address.lastIndexOf("@");
  return at >= 0 ? address.slice(at + 1).toLowerCase() : "";
}

/** Classifies failures, deferrals and complaints; deliveries carry no diagnosis. */
export function classifyEvent(e: DeliveryEvent): ClassifiedEvent {
  const base = { ...e, recipient: e.recipient.trim(), recipientDomain: recipientDomain(e.recipient) };
  if (e.type === "delivered") return { ...base, diagnosis: null };
  const d = defaultEngine().diagnose(
    {
      response: e.response ?? "",
      errorCode: e.errorCode ?? null,
      statusCode: e.statusCode ?? null,
      remoteHost: e.remoteHost ?? null,
      command: e.command ?? null,
    },
    { lang: "none" },
  );
  if (e.type === "complaint") d.kind = "complaint";
  else if (e.type === "autoreply") d.kind = "autoreply";
  else if (e.type === "deferred") d.kind = "delay";
  else if (d.kind === "delay" || d.kind === "delivered") d.kind = "bounce";
  return { ...base, diagnosis: d };
}
