import { dsnWithText } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * SurfControl E-mail Filter (X-Mailer: SurfControl E-mail Filter, X-SEF-* headers): "Your message
 * could not be sent. A transcript of the attempts to send the message follows." with the remote
 * reply, and a delivery-status part listing the failed recipients.
 */
export const SURFCONTROL: FormatDecoder = {
  id: "surfcontrol",
  detect: (msg) => /^\s*SurfControl/i.test(msg.headers.get("x-mailer")?.[0] ?? ""),
  decode: (msg, dsn) => (dsn.length ? dsnWithText(dsn, explanation(msg.text)) : []),
};
