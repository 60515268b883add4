import { dsnWithText } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Mail.Ru (mailer-daemon@corp.mail.ru and sister domains): an Exim-built notice with a Russian
 * subject ("Ваше сообщение не доставлено. Mail failure."), X-Failed-Recipients and the Exim text
 * "SMTP error from remote mail server after RCPT TO:<…>: host …: 550 …". Read with its delivery-status
 * part when there is one; otherwise left to the Exim decoder, which reads that text.
 */
export const MAILRU: FormatDecoder = {
  id: "mailru",
  detect: (msg) => /@(?:[a-z0-9-]+\.)*(?:mail\.ru|inbox\.ru|list\.ru|bk\.ru)\b/i.test(msg.from),
  decode: (msg, dsn) => (dsn.length ? dsnWithText(dsn, explanation(msg.text)) : []),
};
