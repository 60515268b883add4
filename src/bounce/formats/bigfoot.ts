import { mergeWithDsn, receivedHas, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * Bigfoot (bigfoot.com's forwarding service, LiteMail). From MAILER-DAEMON@bigfoot.com, a
 * sendmail-shaped multipart/report: "----- The following addresses had permanent fatal errors
 * -----", the addresses, then the transcript ">>> RCPT TO:<user@example.org>" / "<<< 553 …".
 * The DSN part carries the recipients; the transcript gives the stage and the reply.
 */
export const BIGFOOT: FormatDecoder = {
  id: "bigfoot",
  detect(msg) {
    return /@bigfoot\.com\b/i.test(msg.from) || receivedHas(msg, ".bigfoot.com");
  },
  decode(msg, dsn) {
    const body = [];
    const lines = msg.text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const m = /^>>>\s*(RCPT TO|MAIL FROM|DATA)\b:?\s*<?([^\s<>]*@[^\s<>]*)?>?/i.exec(lines[i]!.trim());
      if (!m) continue;
      const reply: string[] = [];
      for (let j = i + 1; j < lines.length && /^<<<\s/.test(lines[j]!.trim()); j++)
        reply.push(lines[j]!.trim().slice(3).trim());
      const rcpt = m[2] ?? dsn[0]?.recipient;
      if (rcpt && reply.length)
        body.push(recordFrom(rcpt, reply.join("\n"), { command: m[1]!.split(" ")[0]!.toUpperCase() }));
    }
    return mergeWithDsn(dsn, body);
  },
};
