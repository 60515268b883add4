import { squash } from "./smtptext.js";
import { addressesIn } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Verizon Wireless MMS gateway (vzwpix.com / vtext.com): "Undeliverable Message" from the "MMSC
 * NDR Administrator" with "Message could not be delivered to mobile." and "Error: No valid
 * recipients for this MM", then "Original Message:" with the original From/To/Subject, whose To
 * is the failed recipient.
 */
export const VERIZON: FormatDecoder = {
  id: "verizon",
  detect: (msg) =>
    /@(?:[a-z0-9-]+\.)*(?:vzwpix|vtext)\.com/i.test(msg.from) ||
    msg.text.includes("Message could not be delivered to mobile"),
  decode(msg, dsn) {
    const text = msg.text;
    // [ \t]*, not \s*, at line starts: \s* crosses line ends (quadratic on blank lines).
    const error = /^[ \t]*Error:\s*(.+)$/im.exec(text);
    const diagnostic = squash(error ? error[1]! : "Message could not be delivered to mobile");
    if (dsn.length) return dsn.map((r) => (r.diagnostic.trim() ? r : { ...r, diagnostic }));
    const at = text.search(/^[ \t]*Original Message:/im);
    const to = at >= 0 ? /^[ \t]*To:\s*(.+)$/im.exec(text.slice(at)) : null;
    const recipients = to ? addressesIn(to[1]!) : [];
    return recipients.map((recipient) => ({ recipient, action: "failed", diagnostic }));
  },
};
