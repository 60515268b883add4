import { blockAfter, failedRecipients, originalRecipients, squash } from "./smtptext.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Google Workspace: a "** Message not delivered **" notice from mailer-daemon@googlemail.com about
 * mail a Workspace user sent (often through 'Send mail as' or a group), with Google's explanation,
 * "Learn more here: …" and "The response was: …". Its delivery-status part is empty, so the
 * recipient is read from the returned message's To (else X-Failed-Recipients).
 */
export const GOOGLEWORKSPACE: FormatDecoder = {
  id: "googleworkspace",
  detect: (msg) =>
    /@google(?:mail)?\.com/i.test(msg.from) && msg.text.includes("** Message not delivered **"),
  decode(msg, dsn) {
    const text = explanation(msg.text);
    const why = blockAfter(text, /\*\* Message not delivered \*\*/) ?? "";
    const response = blockAfter(text, /^[ \t]*The response was:/m) ?? "";
    const diagnostic = squash(`${why} ${response}`);
    if (dsn.length) return dsn.map((r) => (r.diagnostic.trim() ? r : { ...r, diagnostic }));
    let recipients = originalRecipients(msg);
    if (!recipients.length) recipients = failedRecipients(msg);
    return recipients.map((recipient) => ({ recipient, action: "failed", diagnostic }));
  },
};
