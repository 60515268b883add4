import { leadingCodes, squash } from "./smtptext.js";
import { addressesIn, explanation, firstByAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Google Groups: a notice from mailer-daemon@googlemail.com, in the poster's language, saying the
 * group "may not exist, or you may not have permission to post messages to the group" with a link
 * to groups.google.com/support. The group's address (X-Failed-Recipients) is the recipient; the
 * notice itself is the diagnostic (a posting rejection), with the status and reply code of the
 * delivery-status part when one comes with it.
 */
export const GOOGLEGROUPS: FormatDecoder = {
  id: "googlegroups",
  detect: (msg) =>
    (msg.headers.get("x-failed-recipients") ?? []).some((v) => /@googlegroups\.com/i.test(v)) ||
    (/@google(?:mail)?\.com/i.test(msg.from) && msg.text.includes("groups.google.com")),
  decode(msg, dsn) {
    const failed = (msg.headers.get("x-failed-recipients") ?? []).flatMap((v) => addressesIn(v));
    const recipients = failed.length ? failed : dsn.map((r) => r.recipient);
    if (!recipients.length) return [];
    const text = explanation(msg.text);
    // The notice without its greeting line and signature.
    // "(?:\s*\n)?[^\n@]*@" is "\s*[^\n]*@" without the overlaps (white space matched by both,
    // every @ of the line tried) that made it quadratic on a long line.
    const body = squash(
      text.replace(/^(?:\s*\n)?[^\n@]*@[^\n]*,\s*\n/, "").replace(/Google Groups\s*$/i, ""),
    );
    const diagnostic = body.slice(0, 1200) || "Google Groups: posting to the group was rejected";
    const find = firstByAddress(dsn, (r) => r.recipient);
    return recipients.map((recipient) => {
      // The delivery-status part, when there is one, states the status and reply code; the
      // notice stays the diagnostic (its words say why).
      const d = find(recipient);
      return {
        recipient,
        originalRecipient: d?.originalRecipient ?? null,
        action: d?.action ?? "failed",
        status: d?.status ?? null,
        replyCode: d?.replyCode ?? (d ? leadingCodes(d.diagnostic).code : null),
        diagnostic,
        reportingMta: d?.reportingMta ?? "googlegroups.com",
        remoteMta: d?.remoteMta ?? null,
        lastAttemptDate: d?.lastAttemptDate ?? null,
      };
    });
  },
};
