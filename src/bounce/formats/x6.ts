import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * X6: an unnamed relay (Sisimai's "X6"; From mailer-daemon, subject "There was an error sending
 * your mail"), one sentence per failure with the reply in brackets:
 *
 *     We had trouble delivering your message. Full details follow:
 *     1 error(s):
 *     SMTP Server <mx.example.org> rejected recipient <user@example.org> (Error following RCPT
 *     command). It responded as follows: [550 5.1.1 User unknown]
 *
 * or "The following recipients returned permanent errors: user@example.org. Reason: SMTP Server
 * <192.0.2.1> refused to accept your message (DATA), with the following error message: [554 …]".
 */
const MARKER = "We had trouble delivering your message. Full details follow:";

export const X6: FormatDecoder = {
  id: "x6",
  detect(msg) {
    return msg.text.includes(MARKER);
  },
  decode(msg, dsn) {
    const text = msg.text.slice(msg.text.indexOf(MARKER));
    const body = [];
    for (const line of text.split(/\r?\n/)) {
      const a =
        /rejected recipient <([^<>\s]+@[^<>\s]+)> \(Error following (\w+) command\)\.[^[]*\[(.*)\]/i.exec(
          line,
        );
      if (a) {
        body.push(recordFrom(a[1]!, a[3]!, { command: a[2]!.toUpperCase(), remoteMta: serverOf(line) }));
        continue;
      }
      const b = /recipients returned (?:permanent|temporary) errors:\s*(.+?)\.\s+Reason:\s*(.*)$/i.exec(line);
      if (b) {
        const reply = /\[(.*)\]?\s*$/.exec(b[2]!);
        const stage = /\((RCPT|MAIL|DATA|EHLO|HELO)\)/i.exec(b[2]!);
        for (const r of b[1]!.split(/[,\s]+/).filter((x) => x.includes("@")))
          body.push(
            recordFrom(r, reply ? reply[1]!.replace(/\]$/, "") : b[2]!, {
              command: stage ? stage[1]!.toUpperCase() : undefined,
              remoteMta: serverOf(line),
            }),
          );
      }
    }
    return mergeWithDsn(dsn, body);
  },
};

function serverOf(line: string): string | undefined {
  const m = /SMTP Server <([^<>\s]+)>/i.exec(line);
  return m && /[a-z]/i.test(m[1]!) ? m[1]!.toLowerCase() : undefined;
}
