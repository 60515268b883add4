import type { RecipientRecord } from "../types.js";
import { commandIn, dsnWithText, squash } from "./smtptext.js";
import { cleanAddress, explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Yahoo! Mail (qmail-based, X-YMailISG headers): "Failure Notice" with "Sorry, we were unable to
 * deliver your message to the following address.", then "<user@example.com>:" and "Remote host
 * said: 550 5.1.1 … [RCPT_TO]" (the bracket names the SMTP command), then "--- Below this line is
 * a copy of the message.".
 */
export const YAHOO: FormatDecoder = {
  id: "yahoo",
  // X-YMailISG marks any mail that passed through Yahoo (an out-of-office reply from a Yahoo user
  // too): it says Yahoo only with the mail system's own sender.
  detect: (msg) =>
    (msg.headers.has("x-ymailisg") && /\bmailer-daemon@/i.test(msg.from)) ||
    (/^\s*Failure Notice/i.test(msg.subject) && msg.text.includes("we were unable to deliver your message")),
  decode(msg, dsn) {
    const text = explanation(msg.text);
    if (dsn.length) return dsnWithText(dsn, text);
    const out: (RecipientRecord & { lines: string[] })[] = [];
    let cur: (RecipientRecord & { lines: string[] }) | null = null;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      const a = /^<([^<>\s]+@[^<>\s]+)>:?\s*(.*)$/.exec(line);
      const addr = a ? cleanAddress(a[1]!) : null;
      if (addr) {
        cur = { recipient: addr, action: "failed", diagnostic: "", lines: a![2] ? [a![2]] : [] };
        out.push(cur);
        continue;
      }
      if (cur && line && !line.startsWith("---")) cur.lines.push(line);
    }
    return out.map(({ lines, ...r }) => {
      const all = squash(lines.join(" "));
      return {
        ...r,
        command: commandIn(all),
        diagnostic: squash(
          all
            .replace(/^Remote host said:\s*/i, "")
            .replace(/\s*\[[A-Z_]+\]\s*$/, "")
            // "550: : User unknown" → "550 User unknown"
            .replace(/^([245]\d\d):[\s:]*/, "$1 "),
        ),
      };
    });
  },
};
