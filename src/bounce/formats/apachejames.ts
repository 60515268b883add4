import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import { between } from "./smtptext.js";
import type { FormatDecoder } from "./types.js";

/**
 * Apache James (Java mail server; Message-ID "….JavaMail.…", Received "JAMES SMTP Server").
 * Its bounce mailet writes:
 *
 *     Error: Invalid user address
 *     Error message below:
 *     550 - Requested action not taken: no such user here
 *     Message details:
 *       Subject: …
 *       MAIL FROM: sender@example.com
 *       RCPT TO: user@example.com
 */
export const APACHEJAMES: FormatDecoder = {
  id: "apachejames",
  detect(msg) {
    return msg.text.includes("Error message below:") && msg.text.includes("Message details:");
  },
  decode(msg, dsn) {
    const text = msg.text;
    // [^\S\n]* (white space except \n) beside each \n: "\s*\n([\s\S]*?)\n\s*" was cubic on a
    // run of blank lines.
    const err = between(text, /Error message below:[^\S\n]*\n/i, /\n[^\S\n]*Message details:/i);
    const title = /^Error:\s*(.+)$/m.exec(text);
    const rcpts = /^[ \t]*RCPT TO:\s*(.+)$/im.exec(text);
    if (!rcpts) return dsn;
    const reply = (err ?? "").trim().replace(/^([245]\d\d)\s+-\s+/, "$1 ");
    const diagnostic = [reply, title?.[1]].filter(Boolean).join(" ");
    const body = rcpts[1]!
      .split(/[,;\s]+/)
      .filter((a) => a.includes("@"))
      .map((a) => recordFrom(a, diagnostic));
    return mergeWithDsn(dsn, body);
  },
};
