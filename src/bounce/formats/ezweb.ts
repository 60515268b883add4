import { mergeWithDsn, receivedHas, recordFrom } from "./reply-lines.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * au by KDDI's EZweb mobile mail (ezweb.ne.jp). From Postmaster@ezweb.ne.jp, subject "Mail
 * System Error - Returned Mail", a Japanese explanation then English lines such as
 * "Each of the following recipients was rejected by a remote mail server." with
 * "Recipient: <…>", ">>> RCPT TO:<…>" and "<<< 550 …" lines, or "The user(s) account is
 * disabled." / "<user@ezweb.ne.jp>: 550 user unknown", or "Your message was not delivered within
 * 0 days and 1 hours. Remote host is not responding." above the list of recipients.
 */
export const EZWEB: FormatDecoder = {
  id: "ezweb",
  detect(msg) {
    if (/postmaster@ezweb\.ne\.jp/i.test(msg.from)) return true;
    return receivedHas(msg, "(ezweb mail)") && /mailer-daemon|postmaster/i.test(msg.from);
  },
  decode(msg, dsn) {
    const text = explanation(msg.text);
    // The English lines only: the Japanese ones repeat them.
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(
        (l) => l && /^[\x20-\x7e]+$/.test(l) && !/^(?:-{3,}|Content-|This message is in MIME)/i.test(l),
      );
    const recipients: { rcpt: string; reply: string[]; command?: string }[] = [];
    const general: string[] = [];
    let current: (typeof recipients)[number] | null = null;
    for (const line of lines) {
      if (/^(?:Received|From|To|Subject|Date|Message-Id|Mime-Version):/i.test(line)) break;
      const r = /^(?:Recipient:\s*)?<([^<>\s]+@[^<>\s]+)>:?\s*(.*)$/.exec(line);
      if (r) {
        current = recipients.find((x) => x.rcpt === r[1]) ?? null;
        if (!current) {
          current = { rcpt: r[1]!, reply: [] };
          recipients.push(current);
        }
        if (r[2]) current.reply.push(r[2]);
        continue;
      }
      const c = /^>>>\s*(RCPT|MAIL|DATA)/i.exec(line);
      if (c && current) {
        current.command = c[1]!.toUpperCase();
        continue;
      }
      const s = /^<<<\s*(.*)$/.exec(line);
      if (s && current) {
        current.reply.push(s[1]!);
        continue;
      }
      if (!/^The following recipients did not receive this message/i.test(line)) general.push(line);
    }
    if (!recipients.length) return dsn;
    const body = recipients.map((r) =>
      recordFrom(r.rcpt, [...r.reply, ...general].join("\n"), { command: r.command }),
    );
    return mergeWithDsn(dsn, body);
  },
};
