import { dsnWithText } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Barracuda Spam & Virus Firewall: "**Message you sent blocked by our bulk email filter**" (or
 * "Your message to: … was blocked"), with a delivery-status part whose Diagnostic-Code is the
 * appliance reply ("550 5.7.1 Message content rejected, UBE, id=…").
 */
export const BARRACUDA: FormatDecoder = {
  id: "barracuda",
  detect: (msg) =>
    /Barracuda|Message you sent blocked by our bulk email filter/i.test(
      msg.subject + (msg.headers.get("x-mailer")?.[0] ?? "") + msg.text.slice(0, 500),
    ),
  decode: (msg, dsn) => (dsn.length ? dsnWithText(dsn, explanation(msg.text)) : []),
};
