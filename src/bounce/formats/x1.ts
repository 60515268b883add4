import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * X1: an unnamed Japanese MTA (Sisimai's "X1"; From "Mail Deliver System" <MAILER-DAEMON@…>,
 * subject "Returned Mail: User unknown" or "Warning--Could not send mail for past N hours").
 * One line per recipient, the reason in brackets:
 *
 *     ---The following addresses had delivery errors---
 *     user@example.co.jp [User unknown]
 */
const MARKER = "---The following addresses had delivery errors---";

export const X1: FormatDecoder = {
  id: "x1",
  detect(msg) {
    return msg.text.includes(MARKER);
  },
  decode(msg, dsn) {
    const at = msg.text.indexOf(MARKER);
    const delayed = /^Warning--/i.test(msg.subject);
    const body = [];
    for (const line of msg.text
      .slice(at + MARKER.length)
      .split(/\r?\n/)
      .slice(1)) {
      if (!line.trim()) {
        if (body.length) break;
        continue;
      }
      const m = /^<?([^\s<>]+@[^\s<>]+?)>?\s+\[(.+)\]\s*$/.exec(line.trim());
      if (!m) break;
      body.push(recordFrom(m[1]!, m[2]!, { action: delayed ? "delayed" : "failed" }));
    }
    return mergeWithDsn(dsn, body);
  },
};
