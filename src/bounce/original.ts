import { type BounceMessage, parseHeaderFields } from "./message.js";
import { decodeWords } from "./mime.js";
import type { OriginalMessage } from "./types.js";

// Where MTAs that do not attach the returned message as a MIME part start quoting it. No \s* at
// a line start (it would cross line ends: quadratic on blank lines), no -{2,}.* (quadratic on a
// line of dashes; --.* matches the same). Exchange and Microsoft 365 NDRs quote the headers alone
// under "Original message headers:" (French: "En-têtes de message d'origine :").
const QUOTE_MARKERS =
  /^(?:--.*(?:original message|below this line is a copy|message follows|undelivered message|returned message|headers? of|copy of the message).*|original message follows\.?|------ this is a copy of the message.*|[ \t]*----- (?:original message|transcript of session|unsent message|the header of the original message) .*|[ \t]*(?:original message headers|en-têtes de message d'origine)[ \t]*:[ \t]*)$/gim;

/** Message-ID, Subject, From, To and Date of the message that bounced, when the bounce carries them. */
export function readOriginal(msg: BounceMessage): OriginalMessage | null {
  if (msg.originalHeaders !== null) return fromHeaders(msg.originalHeaders);
  // The first marker whose block reads as headers: Sendmail's "----- Transcript of session
  // follows -----" comes before its "----- Original message follows -----". At most a few: each
  // try reads on to a blank line, and a text of nothing but markers must stay linear.
  let tries = 0;
  for (const m of msg.text.matchAll(QUOTE_MARKERS)) {
    if (++tries > 4) break;
    const rest = msg.text.slice(m.index + m[0].length).replace(/^\s*\n/, "");
    const end = rest.search(/\r?\n\s*\r?\n/);
    const found = fromHeaders(rest.slice(0, end >= 0 ? end : rest.length));
    if (found) return found;
  }
  return null;
}

function fromHeaders(block: string): OriginalMessage | null {
  const f = parseHeaderFields(block);
  const messageId = f.get("message-id") ?? null;
  const subject = f.get("subject");
  if (!messageId && subject === undefined && !f.get("from")) return null;
  return {
    messageId: messageId ? messageId.trim() : null,
    subject: subject !== undefined ? decodeWords(subject) : null,
    from: f.has("from") ? decodeWords(f.get("from")!) : null,
    to: f.has("to") ? decodeWords(f.get("to")!) : null,
    date: f.get("date") ?? null,
  };
}
