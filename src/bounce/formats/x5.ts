import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * X5: a gateway that forwards a bounce to "NotificationRecipients" (Sisimai's "X5", seen behind
 * Trend Micro IMSS): its own text part repeats sendmail's "----- The following addresses had
 * permanent delivery errors -----" and the real bounce follows as an attached message. Only
 * what the outer text states is read here; when it names no address the generic reading runs.
 */
const MARKER = "----- The following addresses had permanent delivery errors -----";

export const X5: FormatDecoder = {
  id: "x5",
  detect(msg) {
    return /NotificationRecipients/i.test(msg.headers.get("to")?.[0] ?? "") && msg.text.includes(MARKER);
  },
  decode(msg, dsn) {
    const lines = msg.text
      .slice(msg.text.indexOf(MARKER) + MARKER.length)
      .split(/\r?\n/)
      .slice(1);
    const body = [];
    for (const line of lines) {
      // "\s*(?:\s*…)?" rather than "\s*(?:…)?\s*": the same lines, without trying every split of a
      // run of spaces between two \s* (quadratic).
      const m = /^<?([^\s<>]+@[^\s<>]+?)>?(?:\s*\((.*)\))?\s*$/.exec(line.trim());
      if (!m) {
        if (line.trim()) break;
        continue;
      }
      body.push(recordFrom(m[1]!, m[2] ?? ""));
    }
    return body.length ? mergeWithDsn(dsn, body) : dsn;
  },
};
