import { header } from "../message.js";
import { dsnWithText } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * SendGrid (MAILER-DAEMON of a SendGrid relay, X-SG-* headers): a Postfix-like "Undelivered Mail
 * Returned to Sender" whose delivery-status part carries the recipient and the remote reply.
 */
export const SENDGRID: FormatDecoder = {
  id: "sendgrid",
  detect: (msg) =>
    /sendgrid/i.test(msg.from + (header(msg, "return-path") ?? "") + (header(msg, "x-sg-eid") ?? "")) ||
    msg.headers.has("x-sg-eid"),
  decode: (msg, dsn) => (dsn.length ? dsnWithText(dsn, explanation(msg.text)) : []),
};
