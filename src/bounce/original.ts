import { type BounceMessage, parseHeaderFields } from "./message.js";
import { decodeWords } from "./mime.js";
import type { OriginalMessage } from "./types.js";

// Where MTAs that do not attach the returned message as a MIME part start quoting it. No \s* at
// a line start (it would cross line ends: quadratic on blank lines), no -{2,}.* (quadratic on a
// line of dashes; --.* matches the same).
const QUOTE_MARKERS =
  /^(?:--.*(?:original message|below this line is a copy|message follows|undelivered message|returned message|headers? of|copy of the message).*|original message follows\.?|------ this is a copy of the message.*|[ \t]*----- (?:original message|transcript of session|unsent message|the header of the original message) .*)$/im;

/** Message-ID, Subject, From, To and Date of the message that bounced, when the bounce carries them. */
export function readOriginal(msg: BounceMessage): OriginalMessage | null {
  let block = msg.originalHeaders;
  if (block === null) {
    const m = QUOTE_MARKERS.exec(msg.text);
    if (!m) return null;
    const rest = msg.text.slice(m.index + m[0].length).replace(/^\s*\n/, "");
    const end = rest.search(/\r?\n\s*\r?\n/);
    block = rest.slice(0, end >= 0 ? end : rest.length);
  }
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
