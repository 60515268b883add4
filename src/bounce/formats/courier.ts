import type { RecipientRecord } from "../types.js";
import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * Courier MTA. "This is a delivery status notification from host, running the Courier mail
 * server, version …", boundary "=_courier_0", then
 *
 *                            UNDELIVERABLE MAIL
 *     Your message to the following recipients cannot be delivered:
 *
 *     <user@example.jp>:
 *         mx.example.jp [192.0.2.45]:
 *     >>> RCPT TO:<user@example.jp>
 *     <<< 550 5.1.1 <user@example.jp>... User Unknown
 *
 * (or "DELAYED MAIL" / "has not been delivered yet" for a delay), with a DSN part.
 */
export const COURIER: FormatDecoder = {
  id: "courier",
  detect(msg) {
    return msg.text.includes("running the Courier mail server") || msg.contentType.includes("=_courier_");
  },
  decode(msg, dsn) {
    const text = msg.text;
    const start =
      /^Your message to the following recipients (?:cannot be delivered|has been delayed|has not been delivered)[^\n]*$/im.exec(
        text,
      );
    if (!start) return dsn;
    const delayed = !/cannot be delivered/i.test(start[0]);
    const lines = text.slice(start.index).split(/\r?\n/).slice(1);
    const body: RecipientRecord[] = [];
    let rcpt: string | null = null;
    let host: string | undefined;
    let command: string | undefined;
    let reply: string[] = [];
    const flush = () => {
      if (rcpt && reply.length)
        body.push(
          recordFrom(rcpt, reply.join("\n"), {
            remoteMta: host,
            command,
            action: delayed ? "delayed" : "failed",
          }),
        );
      reply = [];
      host = undefined;
      command = undefined;
    };
    for (const line of lines) {
      if (/^-{10,}/.test(line.trim())) break;
      const a = /^<([^<>\s]+@[^<>\s]+)>:\s*$/.exec(line.trim());
      if (a) {
        flush();
        rcpt = a[1]!;
        continue;
      }
      const h = /^\s+(\S+)\s+\[[^\]]*\]:\s*$/.exec(line);
      if (h && rcpt) {
        host = h[1]!.toLowerCase();
        continue;
      }
      const c = /^>>>\s*(RCPT|MAIL|DATA|EHLO|HELO)/i.exec(line.trim());
      if (c) {
        command = c[1]!.toUpperCase();
        continue;
      }
      const r = /^<<<\s*(.*)$/.exec(line.trim());
      if (r) reply.push(r[1]!);
      else if (line.trim() && rcpt && !reply.length && /^\s/.test(line)) reply.push(line.trim());
    }
    flush();
    return mergeWithDsn(dsn, body);
  },
};
