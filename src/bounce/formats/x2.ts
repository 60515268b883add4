import type { RecipientRecord } from "../types.js";
import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * X2: a qmail-derived MTA of some web-mail providers (Sisimai's "X2"; From MAILER-DAEMON@…,
 * subject "Delivery failure" / "failed delivery" / "failure delivery"):
 *
 *     Message from example.com.
 *     Unable to deliver message to the following address(es).
 *
 *     <user@example.org>:
 *     unable to connect to remote server [192.0.2.222:25]: Operation timed out
 *     I'm not going to try again; this message has been in the queue too long.
 *
 *     --- Original message follows.
 */
const MARKER = "Unable to deliver message to the following address(es).";

export const X2: FormatDecoder = {
  id: "x2",
  detect(msg) {
    return msg.text.includes(MARKER);
  },
  decode(msg, dsn) {
    let text = msg.text.slice(msg.text.indexOf(MARKER) + MARKER.length);
    const end = /^--- (?:Original message follows|Below this line)/m.exec(text);
    if (end) text = text.slice(0, end.index);
    const body: RecipientRecord[] = [];
    let rcpt: string | null = null;
    let reason: string[] = [];
    const flush = () => {
      if (rcpt) body.push(recordFrom(rcpt, reason.join("\n")));
      rcpt = null;
      reason = [];
    };
    for (const line of text.split(/\r?\n/)) {
      const a = /^<([^<>\s]+@[^<>\s]+)>:\s*(.*)$/.exec(line.trim());
      if (a) {
        flush();
        rcpt = a[1]!;
        if (a[2]) reason.push(a[2]);
      } else if (rcpt && line.trim()) reason.push(line.trim().replace(/^\//, ""));
    }
    flush();
    return mergeWithDsn(dsn, body);
  },
};
