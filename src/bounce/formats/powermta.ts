import { dsnWithText } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Port25 PowerMTA: "Delivery report" with a short text part and a delivery-status part that
 * adds X-PowerMTA-BounceCategory to the standard fields; the Diagnostic-Code holds the reply.
 */
export const POWERMTA: FormatDecoder = {
  id: "powermta",
  detect: (msg) =>
    /^\s*Delivery report\b/i.test(msg.subject) && msg.deliveryStatus.some((d) => /^X-PowerMTA-/im.test(d)),
  decode: (msg, dsn) => (dsn.length ? dsnWithText(dsn, explanation(msg.text)) : []),
};
