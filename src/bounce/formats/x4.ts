import type { RecipientRecord } from "../types.js";
import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * X4: a qmail-based provider MTA (Sisimai's "X4"; subject "failure notice") with its own
 * preamble instead of qmail's "Hi. This is the qmail-send program":
 *
 *     Your mail message to the following address(es) could not be delivered. This
 *     is a permanent error. …
 *
 *     <user@example.com>:
 *     child status 100...The e-mail message could not be delivered because the user's mailfolder is full.
 *
 *     --- Below this line is a copy of the message.
 */
const MARKER_RE = /Your mail message to the following address\(es\) could not be delivered\./;

export const X4: FormatDecoder = {
  id: "x4",
  detect(msg) {
    return MARKER_RE.test(msg.text);
  },
  decode(msg, dsn) {
    const marker = MARKER_RE.exec(msg.text);
    if (!marker) return dsn;
    let text = msg.text.slice(marker.index);
    const end = /^--- Below this line is a copy of the message/m.exec(text);
    if (end) text = text.slice(0, end.index);
    const body: RecipientRecord[] = [];
    let rcpt: string | null = null;
    let reason: string[] = [];
    const flush = () => {
      if (rcpt) body.push(recordFrom(rcpt, reason.join("\n").replace(/^child status \d+\.{3}/i, "")));
      rcpt = null;
      reason = [];
    };
    for (const line of text.split(/\r?\n/)) {
      const a = /^<([^<>\s]+@[^<>\s]+)>:\s*(.*)$/.exec(line.trim());
      if (a) {
        flush();
        rcpt = a[1]!;
        if (a[2]) reason.push(a[2]);
      } else if (rcpt && line.trim()) reason.push(line.trim());
      else if (rcpt && !line.trim() && reason.length) flush();
    }
    flush();
    return mergeWithDsn(dsn, body);
  },
};
