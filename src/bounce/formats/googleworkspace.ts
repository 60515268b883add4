import { blockAfter, failedRecipients, originalRecipients, squash } from "./smtptext.js";
import { addressesIn, explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Google Workspace: a "** Message not delivered **" notice from mailer-daemon@googlemail.com about
 * mail a Workspace user sent (often through 'Send mail as' or a group), with Google's explanation,
 * "Learn more here: …" and "The response was: …". Its delivery-status part is empty, so the
 * recipient is read from the returned message's To (else X-Failed-Recipients). Without a returned
 * message, from the sentence that names it: "There was a problem delivering your message to
 * user@example.com. See the technical details below.", and the reply from "The response from the
 * remote server was:".
 */
const NAMED_RE = /problem delivering your message to[ \t]*(\S{1,320})/i;
export const GOOGLEWORKSPACE: FormatDecoder = {
  id: "googleworkspace",
  detect: (msg) =>
    /@google(?:mail)?\.com/i.test(msg.from) && msg.text.includes("** Message not delivered **"),
  decode(msg, dsn) {
    const text = explanation(msg.text);
    const why = blockAfter(text, /\*\* Message not delivered \*\*/) ?? "";
    const response = blockAfter(text, /^[ \t]*The response (?:from the remote server )?was:/m) ?? "";
    const diagnostic = squash(`${why} ${response}`);
    if (dsn.length) return dsn.map((r) => (r.diagnostic.trim() ? r : { ...r, diagnostic }));
    let recipients = originalRecipients(msg);
    if (!recipients.length) recipients = failedRecipients(msg);
    if (!recipients.length) recipients = addressesIn(NAMED_RE.exec(text)?.[1] ?? "");
    return recipients.map((recipient) => ({ recipient, action: "failed", diagnostic }));
  },
};
