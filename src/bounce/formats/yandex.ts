import { dsnWithText } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Yandex.Mail (mailer-daemon@yandex.ru, X-Yandex-Front headers): a Russian and English notice
 * ("Сообщение не доставлено" / "Message was not delivered") with a delivery-status part that
 * carries the remote reply in Diagnostic-Code; the body paragraph fills in when it does not.
 */
export const YANDEX: FormatDecoder = {
  id: "yandex",
  detect: (msg) =>
    msg.headers.has("x-yandex-front") || /mailer-daemon@yandex\.(?:ru|com|net)/i.test(msg.from),
  decode: (msg, dsn) => (dsn.length ? dsnWithText(dsn, explanation(msg.text)) : []),
};
