import { dsnWithText } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Outlook.com / Hotmail (postmaster@…hotmail.com): "This is an automatically generated Delivery
 * Status Notification." with "Delivery to the following recipients failed." (or "has been
 * delayed", "Unable to deliver message to the following recipients, due to being unable to
 * connect successfully to the destination mail server.") and a delivery-status part.
 */
export const OUTLOOK: FormatDecoder = {
  id: "outlook",
  detect: (msg) =>
    /postmaster@(?:[a-z0-9-]+\.)*(?:hotmail|outlook|live|msn)\.[a-z.]+/i.test(msg.from) &&
    msg.text.includes("automatically generated Delivery Status Notification"),
  decode: (msg, dsn) => (dsn.length ? dsnWithText(dsn, explanation(msg.text)) : []),
};
