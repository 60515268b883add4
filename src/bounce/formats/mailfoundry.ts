import { blockAfter, dsnWithText, squash } from "./smtptext.js";
import { addressesIn, explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * MailFoundry appliance: "Message delivery has failed" from MAILER-DAEMON with "Unable to deliver
 * message to: <user@example.com>", "Delivery failed for the following reason:" and the remote
 * host's reply ("mail.example.org[192.0.2.1] responded with failure: 552 …"), then "This has been
 * a permanent failure.".
 */
export const MAILFOUNDRY: FormatDecoder = {
  id: "mailfoundry",
  detect: (msg) =>
    /^\s*Message delivery has failed/i.test(msg.subject) &&
    msg.text.includes("Unable to deliver message to:"),
  decode(msg, dsn) {
    const text = explanation(msg.text);
    if (dsn.length) return dsnWithText(dsn, text);
    const to = /Unable to deliver message to:\s*([^\n]+)/i.exec(text);
    const recipients = to ? addressesIn(to[1]!) : [];
    const why = squash(
      blockAfter(text, /Delivery failed for the following reason:/i, /^This has been a/i) ?? "",
    );
    const reply = /responded with failure:\s*(.*)$/i.exec(why);
    const host = /^(\S+?)\[/.exec(why);
    return recipients.map((recipient) => ({
      recipient,
      action: "failed",
      diagnostic: reply ? reply[1]! : why,
      remoteMta: host ? host[1]! : null,
    }));
  },
};
