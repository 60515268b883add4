import { recordFrom } from "./reply-lines.js";
import { between } from "./smtptext.js";
import type { FormatDecoder } from "./types.js";

/**
 * Trustwave (Marshal) MailMarshal SMTP. Subject 'Undeliverable Mail: "<original subject>"':
 *
 *     Your message:
 *        From:    sender@example.com
 *        Subject: …
 *     Could not be delivered because of
 *     550 5.1.1 User unknown
 *     The following recipients were affected:
 *         user@example.com
 *     Additional Information
 *     ======================
 *     Remote-MTA:   <192.0.2.2>
 */
export const MAILMARSHAL: FormatDecoder = {
  id: "mailmarshal",
  detect(msg) {
    return (
      msg.subject.startsWith("Undeliverable Mail: ") &&
      msg.text.includes("The following recipients were affected:")
    );
  },
  decode(msg, dsn) {
    const text = msg.text;
    // [^\S\n]* (white space except \n) beside each \n: "\s*\n([\s\S]*?)\n\s*" was cubic on a
    // run of blank lines.
    const because = between(
      text,
      /Could not be delivered because of[^\S\n]*\n/i,
      /\n[^\S\n]*The following recipients were affected:/i,
    );
    const list =
      /The following recipients were affected:[ \t]*\n([\s\S]*?)(?:\n\s*\n|\nAdditional Information|$)/i.exec(
        text,
      );
    if (!list) return dsn;
    const remote = /^Remote-MTA:\s*<?([^>\s]+)>?/im.exec(text);
    const diagnostic = because ? because.trim() : "";
    const records = [];
    for (const line of list[1]!.split(/\r?\n/)) {
      const m = /^\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$/.exec(line);
      if (m) records.push(recordFrom(m[1]!, diagnostic, { remoteMta: remote?.[1] }));
    }
    return records.length ? records : dsn;
  },
};
