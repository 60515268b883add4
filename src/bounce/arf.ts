import { isIP } from "node:net";
import { addressOf } from "./dsn.js";
import { addressesIn } from "./formats/text.js";
import { type BounceMessage, header, parseHeaderFields } from "./message.js";
import { readOriginal } from "./original.js";
import type { FeedbackReport } from "./types.js";

/**
 * The recipient a complaint is reported for when the report names none and the returned
 * message's To: holds no address ("To: <Undisclosed Recipients>"): a reserved `.invalid`
 * address, the one Sisimai uses, so that a complaint always has one recipient.
 */
export const UNDISCLOSED_RECIPIENT = "undisclosed-recipient-in-headers@libsisimai.org.invalid";

/**
 * What each Feedback-Type says of the recipient it names: a complaint (stop mailing the address) or
 * not. Written for RFC 5965 §7.3 (abuse, fraud, other, virus), RFC 6650 §3 (not-spam: the user says
 * the message is NOT spam, e.g. Yahoo's "Not Spam" button), RFC 6591 (auth-failure: a message that
 * failed SPF/DKIM/DMARC, usually one the sender never sent, reported to the domain's owner: the
 * recipient complained of nothing), the older opt-out and Apple Mail's unsubscribe. A type not
 * listed is read as `other` (RFC 5965 §7.3), a complaint.
 */
export const FEEDBACK_TYPES: Record<string, { complaint: boolean }> = {
  abuse: { complaint: true },
  fraud: { complaint: true },
  virus: { complaint: true },
  other: { complaint: true },
  "opt-out": { complaint: true },
  unsubscribe: { complaint: true },
  "not-spam": { complaint: false },
  "auth-failure": { complaint: false },
};

/** Whether a feedback report of this type is the recipient's complaint (see FEEDBACK_TYPES). */
export function isComplaint(feedbackType: string | null): boolean {
  return FEEDBACK_TYPES[feedbackType ?? "other"]?.complaint ?? true;
}

/**
 * Feedback reports (most of them complaints), in the shapes they come in:
 * - RFC 5965 Abuse Reporting Format: a message/feedback-report part (or, from older senders, the
 *   same fields in the body of a message whose Content-Type says report-type=feedback-report);
 * - Microsoft's JMRP (Hotmail/Outlook.com): From staff@hotmail.com, Subject "complaint about
 *   message from <ip>", only the returned message, whose X-HmXmrOriginalRecipient names the
 *   complaining user;
 * - Amazon SES complaint notifications (JSON delivered through SNS by email);
 * - Apple Mail's unsubscribe request (X-Apple-Unsubscribe: true), sent by the reader.
 */
export function readFeedback(msg: BounceMessage): FeedbackReport | null {
  let body = msg.feedbackReport;
  if (body === null) {
    if (/feedback-report/.test(msg.contentType) || /^feedback-type:/im.test(msg.text)) {
      const at = msg.text.search(/^feedback-type:/im);
      body = at >= 0 ? msg.text.slice(at) : "";
    } else {
      return jmrp(msg) ?? sesComplaint(msg) ?? appleUnsubscribe(msg);
    }
  }
  const lines = body.split(/\r\n|\r|\n/);
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
  if (!originalRecipients.length && !addressesIn(readOriginal(msg)?.to ?? "").length)
    originalRecipients.push(UNDISCLOSED_RECIPIENT);
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

function report(fields: Partial<FeedbackReport>): FeedbackReport {
  return {
    feedbackType: "abuse",
    userAgent: null,
    sourceIp: null,
    originalMailFrom: null,
    originalRecipients: [],
    arrivalDate: null,
    reportedDomain: null,
    ...fields,
  };
}

/** Microsoft JMRP: the complaining user is X-HmXmrOriginalRecipient in the returned message. */
function jmrp(msg: BounceMessage): FeedbackReport | null {
  if (!/complaint about message from/i.test(msg.subject)) return null;
  // JMRP writes from staff@hotmail.com; from another Microsoft address only with the reported
  // message returned and the IP it came from in the subject. A customer's own mail titled
  // "Complaint about message from your sales team" is no report.
  const staff = /staff@hotmail\.com/i.test(msg.from);
  const microsoft = /@(?:hotmail|outlook|live|msn)\.com/i.test(msg.from);
  // The token alone, checked by isIP: an alternation of overlapping IPv6 parts backtracks.
  const ipToken = /complaint about message from \[?([0-9a-f.:]+)\]?\s*$/i.exec(msg.subject)?.[1];
  if (!staff && !(microsoft && msg.originalHeaders !== null && ipToken && isIP(ipToken))) return null;
  const block = msg.originalHeaders ?? msg.text;
  const fields = parseHeaderFields(block);
  const who = addressOf(fields.get("x-hmxmroriginalrecipient"));
  const to = who ? [] : addressesIn(fields.get("to") ?? "").slice(0, 1);
  const ip = /complaint about message from \[?(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)/i.exec(
    msg.subject,
  );
  return report({
    userAgent: "Microsoft Junk Mail Reporting Program",
    sourceIp: ip ? ip[1]! : null,
    originalMailFrom: addressOf(fields.get("x-sid-pra")) ?? addressesIn(fields.get("from") ?? "")[0] ?? null,
    originalRecipients: who ? [who] : to.length ? to : [UNDISCLOSED_RECIPIENT],
    arrivalDate: fields.get("date") ?? null,
  });
}

/**
 * Amazon SES: {"notificationType":"Complaint","complaint":{"complainedRecipients":[…]}, …}, or
 * the event-publishing record, the same with "eventType":"Complaint".
 */
function sesComplaint(msg: BounceMessage): FeedbackReport | null {
  const at = msg.text.indexOf("{");
  if (at < 0 || at > 200 || !/"?(?:notificationType|eventType)\\?"\s*:\s*\\?"Complaint/.test(msg.text))
    return null;
  const json = msg.text.slice(at, msg.text.lastIndexOf("}") + 1);
  // Some relays fold the one long JSON line: undo the folding when the line does not parse.
  const data = parseJson(json) ?? parseJson(json.replace(/\r?\n[ \t]/g, ""));
  if (!data) return null;
  // SNS may wrap the notification: {"Type":"Notification","Message":"{\"notificationType\":…}"}.
  const n = typeof data.Message === "string" ? parseJson(data.Message) : data;
  if (!n || (n.notificationType ?? n.eventType) !== "Complaint") return null;
  const c = (n.complaint ?? {}) as Record<string, unknown>;
  const mail = (n.mail ?? {}) as Record<string, unknown>;
  const recipients = Array.isArray(c.complainedRecipients)
    ? c.complainedRecipients
        .map((r) => (r && typeof r === "object" ? (r as Record<string, unknown>).emailAddress : null))
        .filter((a): a is string => typeof a === "string" && a.includes("@"))
    : [];
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  return report({
    feedbackType: str(c.complaintFeedbackType)?.toLowerCase() ?? "abuse",
    userAgent: str(c.userAgent),
    sourceIp: str(mail.sourceIp),
    originalMailFrom: str(mail.source),
    originalRecipients: recipients.length ? recipients : [UNDISCLOSED_RECIPIENT],
    arrivalDate: str(c.arrivalDate) ?? str(c.timestamp),
  });
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Apple Mail's "unsubscribe" message: sent by the reader's own address with X-Apple-Unsubscribe. */
function appleUnsubscribe(msg: BounceMessage): FeedbackReport | null {
  if (header(msg, "x-apple-unsubscribe")?.trim().toLowerCase() !== "true") return null;
  const who = addressesIn(msg.from)[0];
  if (!who) return null;
  return report({
    feedbackType: "unsubscribe",
    userAgent: "Apple Mail",
    originalRecipients: [who],
    arrivalDate: header(msg, "date") ?? null,
  });
}
