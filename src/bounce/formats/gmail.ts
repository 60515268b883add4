import type { BounceMessage } from "../message.js";
import type { RecipientRecord } from "../types.js";
import { blockAfter, dedupeCode, failedRecipients, squash } from "./smtptext.js";
import { addressesIn, explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Gmail (mailer-daemon@googlemail.com). The older plain-text notice reads "Delivery to the
 * following recipient failed permanently:" (or "has been delayed:"), the indented addresses, then
 * "Technical details of permanent failure:" with Google's explanation and "The error that the
 * other server returned was: 550 5.1.1 …". The newer one is a multipart/report: "** Address not
 * found **", a paragraph, "The response was: …" and a delivery-status part that often has no
 * Diagnostic-Code, so the body's reply is added to it.
 */
const FROM_RE = /mailer-daemon@(?:googlemail|google|gmail)\.com/i;
const LEGACY_RE = /Delivery to the following recipients? (?:failed|has been delayed|is delayed)/i;

function remoteReply(text: string): string | null {
  const m =
    /The error that the other server returned was:\s*([\s\S]*?)(?:\n\s*\n|\n\s*-{3,}|$)/i.exec(text) ??
    /The response (?:from the remote server )?was:\s*([\s\S]*?)(?:\n\s*\n|\n\s*-{3,}|$)/i.exec(text);
  if (!m) return null;
  const reply = squash(m[1]!).replace(/\s*\(state \d+\)\.?$/i, "");
  return reply ? dedupeCode(reply) : null;
}

/** Google's own explanation: the "Technical details" paragraph, or the heading and first paragraph. */
function googleText(text: string): string {
  const tech =
    /Technical details of (?:permanent|temporary) failure:\s*([\s\S]*?)(?:\n\s*\n|\n\s*-{3,}|$)/i.exec(text);
  if (tech) return squash(tech[1]!);
  // "** Address not found **". [ \t]*: a line-start \s* would cross line ends (quadratic on blank
  // lines). The title starts and ends visible, so that the \s* around it are tried once per run
  // of spaces, not from each of its spaces (quadratic on a long run).
  const head = /^[ \t]*\*\*\s*(\S(?:.*?\S)??)\s*\*\*\s*$/m.exec(text);
  const para = head ? blockAfter(text.slice(head.index), /\*\*/) : null;
  return squash([head?.[1], para].filter(Boolean).join(". "));
}

function legacy(msg: BounceMessage): RecipientRecord[] {
  const text = explanation(msg.text);
  const delayed = /has been delayed|is delayed/i.test(text.slice(0, 800));
  const list = blockAfter(text, LEGACY_RE);
  let recipients = list ? addressesIn(list) : [];
  if (!recipients.length) recipients = failedRecipients(msg);
  if (!recipients.length) return [];
  const reply = remoteReply(text);
  let diagnostic = reply ?? googleText(text);
  if (!diagnostic) {
    const retry = /Message will be retried[^\n]*/i.exec(text);
    diagnostic = retry ? squash(retry[0]) : delayed ? "delivery delayed" : "";
  }
  const host = /by ([a-z0-9.-]+\.[a-z]{2,})\.? \[[0-9a-f.:]+\]/i.exec(text);
  return recipients.map((recipient) => ({
    recipient,
    action: delayed ? "delayed" : "failed",
    diagnostic,
    remoteMta: host ? host[1]! : null,
    reportingMta: "googlemail.com",
  }));
}

export const GMAIL: FormatDecoder = {
  id: "gmail",
  detect: (msg) => FROM_RE.test(msg.from) && !msg.text.includes("groups.google.com"),
  decode(msg, dsn) {
    if (!dsn.length) return LEGACY_RE.test(msg.text) ? legacy(msg) : [];
    const text = explanation(msg.text);
    const reply = remoteReply(text);
    const own = reply ?? googleText(text);
    if (!own) return dsn;
    // The text quotes one reply: with several recipients, when it names some of them, it is
    // theirs (another keeps its own status rather than their reply). A reply naming none of them
    // (the sender's address, refused) is every recipient's.
    const mine = new Set(dsn.map((r) => r.recipient.toLowerCase()));
    const named = new Set(addressesIn(own).map((a) => a.toLowerCase()));
    const some = dsn.length > 1 && [...named].some((a) => mine.has(a));
    return dsn.map((r) =>
      r.diagnostic.trim() || (some && !named.has(r.recipient.toLowerCase())) ? r : { ...r, diagnostic: own },
    );
  },
};
