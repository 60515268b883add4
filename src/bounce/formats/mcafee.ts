import { dsnWithText } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * McAfee Email Gateway / Email and Web Security appliance (X-NAI-Header: Modified by McAfee …),
 * subject "Delivery Status": a short notice ("--- The following addresses had delivery problems
 * ---") with a delivery-status part whose Diagnostic-Code holds the remote reply.
 */
export const MCAFEE: FormatDecoder = {
  id: "mcafee",
  detect: (msg) => msg.headers.has("x-nai-header") && /^\s*Delivery Status\b/i.test(msg.subject),
  decode: (msg, dsn) => (dsn.length ? dsnWithText(dsn, explanation(msg.text)) : []),
};
