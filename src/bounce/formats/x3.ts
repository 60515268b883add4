import { parseCodes } from "../../smtp/reply.js";
import type { RecipientRecord } from "../types.js";
import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * X3: an unnamed MTA (Sisimai's "X3"; From Mail Delivery System <Mail.Delivery.System@…>,
 * subject "Delivery status notification") that frames its report with lines of "=":
 *
 *           This is an automatically generated Delivery Status Notification.
 *     Delivery to the following recipients failed permanently:
 *        * user@example.com
 *     ====================================================================
 *                              Technical details:
 *     SMTP:RCPT host 192.0.2.8: 553 5.3.0 <user@example.com>... No such user here
 *
 * ("was aborted after 5.0 hour(s)" for an expiry). Newer versions add a DSN part, whose
 * Diagnostic-Code is then more precise than its Status.
 */
const MARKER = "This is an automatically generated Delivery Status Notification.";

export const X3: FormatDecoder = {
  id: "x3",
  detect(msg) {
    return msg.text.includes(MARKER) && /^(?:"?Mail Delivery System"?)\s*</i.test(msg.from);
  },
  decode(msg, dsn) {
    const text = msg.text.slice(msg.text.indexOf(MARKER));
    const head = /^(Del[ei]very to the following recipients .*?):?\s*$/m.exec(text);
    const recipients: string[] = [];
    for (const m of text.matchAll(/^[ \t]*\*\s+<?([^\s<>]+@[^\s<>]+?)>?\s*$/gm)) recipients.push(m[1]!);
    const tech = /Technical details:\s*\n([\s\S]*?)(?:\n={10,}|$)/.exec(text);
    const details = tech ? tech[1]!.trim() : "";
    const aborted =
      head && /aborted after/i.test(head[1]!) ? `${head[1]!.replace(/^Delevery/, "Delivery")}. ` : "";
    const body = recipients.map((r) => {
      const m = /^SMTP:(\w+)\s+host\s+(\S+?):\s*([\s\S]*)$/.exec(details);
      if (m) return recordFrom(r, `${aborted}${m[3]}`, { command: m[1]!.toUpperCase(), remoteMta: m[2]! });
      return recordFrom(r, `${aborted}${details}`);
    });
    // The DSN's Status may disagree with its own Diagnostic-Code (5.1.1 over "552 5.2.2 Over
    // quota"): the code the remote server sent wins.
    const fixed = dsn.map((d): RecipientRecord => {
      const { statusCode } = parseCodes(d.diagnostic);
      return statusCode && statusCode !== d.status ? { ...d, status: statusCode } : d;
    });
    return mergeWithDsn(fixed, body);
  },
};
