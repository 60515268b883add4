import { header } from "../message.js";
import type { DsnAction, RecipientRecord } from "../types.js";
import { recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * Amazon SES, the sending side. Two shapes:
 * - a multipart/report from MAILER-DAEMON@…amazonses.com whose Diagnostic-Code wraps the remote
 *   reply in SES's own words: "5.1.0 - Unknown address error 550-'5.2.2 <u@example.com>...
 *   Mailbox Full' (delivery attempts: 0)"; the quoted reply is what the remote server said;
 * - an SNS/e-mail notification from no-reply@sns.amazonaws.com whose body is JSON
 *   ({"notificationType":"Bounce","bounce":{"bouncedRecipients":[{"emailAddress",…,
 *   "diagnosticCode"}]}}), either as it is or inside the SNS envelope's "Message" string;
 *   "Delivery" notifications list delivered recipients, "Complaint" ones complained recipients;
 *   SES event publishing writes the same records with "eventType" in place of "notificationType"
 *   ({"eventType":"Bounce",…}), and adds "DeliveryDelay" (delayedRecipients) and "Reject" (SES
 *   itself refused to send, mail.destination the recipients).
 * Amazon WorkMail and SES receiving have decoders of their own.
 */
export const AMAZONSES: FormatDecoder = {
  id: "amazonses",
  detect(msg) {
    const from = msg.from.toLowerCase();
    if (from.includes("@sns.amazonaws.com")) return NOTIFICATION_RE.test(msg.text);
    if (!from.includes("amazonses.com")) return false;
    return !(header(msg, "x-mailer") ?? "").includes("Amazon WorkMail");
  },
  decode(msg, dsn) {
    if (NOTIFICATION_RE.test(msg.text)) {
      const found = fromJson(msg.text);
      if (found.length) return found;
    }
    return dsn.map(unwrap);
  },
};

/** The type field of a notification ("notificationType") or of an event-publishing record ("eventType"). */
const NOTIFICATION_RE = /notificationType|eventType/;

/** "5.1.0 - Unknown address error 550-'5.7.1 … Access denied' (delivery attempts: 0)" */
function unwrap(r: RecipientRecord): RecipientRecord {
  const m = /^\s*([245]\.\d{1,3}\.\d{1,3})\s+-\s+[^']*?\b([245]\d\d)[- ]'/.exec(r.diagnostic);
  if (!m) return r;
  // The quoted reply runs to the closing quote and "(delivery attempts: N)" at the end. Found as
  // the earliest start of that ending, rather than by a lazy ([\s\S]*?) before it, which tried
  // the ending's \s* from every space of a run (cubic); (?<!\s) starts only at a quote or where a
  // run of spaces starts, where the earliest ending always starts.
  const rest = r.diagnostic.slice(m[0].length);
  const end = /(?:'|(?<!\s))(?:\s*\(delivery attempts: \d+\))?\s*$/.exec(rest)!;
  const inner = rest.slice(0, end.index).trim();
  const rec = recordFrom(r.recipient, `${m[2]} ${inner}`, {});
  return {
    ...r,
    diagnostic: rec.diagnostic,
    status: rec.status ?? m[1]!,
    replyCode: Number(m[2]),
  };
}

interface SesRecipient {
  emailAddress?: string;
  action?: string;
  status?: string;
  diagnosticCode?: string;
}

function parseJson(text: string): Record<string, unknown> | null {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  const body = text.slice(start, end + 1);
  for (const candidate of [body, body.replace(/!\r?\n /g, ""), body.replace(/\r?\n\s*/g, "")]) {
    try {
      const v = JSON.parse(candidate) as unknown;
      if (v && typeof v === "object") return v as Record<string, unknown>;
    } catch {
      // try the next repair
    }
  }
  return null;
}

function fromJson(text: string): RecipientRecord[] {
  let obj = parseJson(text.replace(/\r?\n--\r?\n[\s\S]*$/, ""));
  if (obj && typeof obj.Message === "string") {
    try {
      obj = JSON.parse(obj.Message) as Record<string, unknown>;
    } catch {
      return [];
    }
  }
  const kind = obj ? (obj.notificationType ?? obj.eventType) : null;
  if (!obj || typeof kind !== "string") return [];
  const type = kind.toLowerCase();
  const out: RecipientRecord[] = [];
  if (type === "bounce") {
    const b = (obj.bounce ?? {}) as {
      bouncedRecipients?: SesRecipient[];
      reportingMTA?: string;
      bounceType?: string;
    };
    for (const r of b.bouncedRecipients ?? []) {
      if (!r.emailAddress) continue;
      const diag = (r.diagnosticCode ?? "").replace(/^\s*smtp;\s*/i, "");
      const rec = recordFrom(r.emailAddress, diag, {
        action: (r.action as DsnAction | undefined) ?? (b.bounceType === "Transient" ? "delayed" : "failed"),
        reportingMta: b.reportingMTA?.replace(/^\w+;\s*/, "") ?? undefined,
      });
      if (r.status) rec.status = r.status;
      out.push(rec);
    }
  } else if (type === "deliverydelay") {
    const d = (obj.deliveryDelay ?? {}) as { delayedRecipients?: SesRecipient[]; reportingMTA?: string };
    for (const r of d.delayedRecipients ?? []) {
      if (!r.emailAddress) continue;
      const rec = recordFrom(r.emailAddress, (r.diagnosticCode ?? "").replace(/^\s*smtp;\s*/i, ""), {
        action: "delayed",
        reportingMta: d.reportingMTA?.replace(/^\w+;\s*/, "") ?? undefined,
      });
      if (r.status) rec.status = r.status;
      out.push(rec);
    }
  } else if (type === "reject") {
    // SES refused to send (a virus in it): no remote reply, only SES's reason.
    const reason = ((obj.reject ?? {}) as { reason?: string }).reason ?? "";
    const mail = (obj.mail ?? {}) as { destination?: unknown };
    for (const a of Array.isArray(mail.destination) ? mail.destination : []) {
      if (typeof a === "string" && a.includes("@"))
        out.push({ recipient: a, action: "failed", diagnostic: `rejected by Amazon SES: ${reason}` });
    }
  } else if (type === "delivery") {
    const d = (obj.delivery ?? {}) as { recipients?: string[]; smtpResponse?: string; reportingMTA?: string };
    for (const a of d.recipients ?? []) {
      out.push(
        recordFrom(a, d.smtpResponse ?? "", {
          action: "delivered",
          reportingMta: d.reportingMTA ?? undefined,
        }),
      );
    }
  } else if (type === "complaint") {
    // A complaint cannot be told apart here (the records carry no kind): report the complained
    // recipients with the feedback type as the explanation.
    const c = (obj.complaint ?? {}) as {
      complainedRecipients?: SesRecipient[];
      complaintFeedbackType?: string;
    };
    for (const r of c.complainedRecipients ?? []) {
      if (r.emailAddress)
        out.push({
          recipient: r.emailAddress,
          diagnostic: `complaint: ${c.complaintFeedbackType ?? "abuse"}`,
        });
    }
  }
  return out;
}
