import type { RecipientRecord } from "../types.js";
import { commandIn, dsnWithText, squash } from "./smtptext.js";
import { cleanAddress, explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * McAfee SaaS Email Protection, formerly MX Logic (X-MX-Bounce, X-MXL-* headers): an Exim-style
 * "Mail delivery failed" notice, "The following address failed:" then "<user@example.com>: 550 …"
 * or "SMTP error from remote mailer after RCPT TO:<…>: host …: 550 …", then "Included is a copy of
 * the message header:".
 */
export const MXLOGIC: FormatDecoder = {
  id: "mxlogic",
  detect: (msg) =>
    msg.headers.has("x-mx-bounce") ||
    msg.headers.has("x-mxl-notehash") ||
    /@(?:[a-z0-9-]+\.)*mxl\d*\./i.test(msg.from),
  decode(msg, dsn) {
    let text = explanation(msg.text);
    const cut = text.search(/Included is a copy of the message header/i);
    if (cut >= 0) text = text.slice(0, cut);
    if (dsn.length) return dsnWithText(dsn, text);
    const start = text.search(/The following address(?:es)?\s+failed:/i);
    if (start < 0) return [];
    const out: (RecipientRecord & { lines: string[] })[] = [];
    let cur: (RecipientRecord & { lines: string[] }) | null = null;
    for (const raw of text.slice(start).split(/\r?\n/).slice(1)) {
      const line = raw.trim();
      const a =
        /^<([^<>\s]+@[^<>\s]+)>:?\s*(.*)$/.exec(line) ?? /^([^<>\s:]+@[^<>\s:]+):?\s*(.*)$/.exec(line);
      const addr = a ? cleanAddress(a[1]!) : null;
      if (addr) {
        cur = { recipient: addr, action: "failed", diagnostic: "", lines: a![2] ? [a![2]] : [] };
        out.push(cur);
      } else if (cur && line) cur.lines.push(line);
    }
    return out.map(({ lines, ...r }) => {
      const all = squash(lines.join(" "));
      const reply = /host [^:]+:\s*(.*)$/i.exec(all);
      return { ...r, command: commandIn(all), diagnostic: reply ? reply[1]! : all };
    });
  },
};
