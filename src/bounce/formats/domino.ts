import { blockAfter, squash } from "./smtptext.js";
import { addressesIn } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * IBM (Lotus) Domino: "DELIVERY FAILURE: …" (or "DELIVERY_FAILURE") from Postmaster with "Your
 * message Subject: … was not delivered to: user@example.com because: User … not listed in Domino
 * Directory" (localised in other languages), sometimes with a delivery-status part.
 */
// [ \t]*, not \s*, at line starts here and below: \s* crosses line ends, and each blank line
// would rescan all the blank lines after it (quadratic).
const NOT_DELIVERED = /^[ \t]*was not delivered to:/im;

export const DOMINO: FormatDecoder = {
  id: "domino",
  detect: (msg) => /^\s*DELIVERY[ _]FAILURE:/i.test(msg.subject) || NOT_DELIVERED.test(msg.text),
  decode(msg, dsn) {
    const text = msg.text;
    const list = blockAfter(text, NOT_DELIVERED);
    const because = squash(blockAfter(text, /^[ \t]*because:\s*$/im) ?? "");
    const recipients = list ? addressesIn(list) : [];
    if (dsn.length) {
      return dsn.map((r) => (r.diagnostic.trim() || !because ? r : { ...r, diagnostic: because }));
    }
    return recipients.map((recipient) => ({ recipient, action: "failed", diagnostic: because }));
  },
};
