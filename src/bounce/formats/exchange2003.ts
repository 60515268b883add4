import type { RecipientRecord } from "../types.js";
import { squash } from "./smtptext.js";
import { cleanAddress, firstByAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Microsoft Exchange 5.5 to 2003 (Internet Mail Service, X-MS-Embedded-Report): "Your message
 * To: … Subject: … Sent: … did not reach the following recipient(s):", then per recipient
 * "user@example.com on <date>" and indented lines such as "The recipient name is not
 * recognized", "MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient".
 */
const MARK = /did not reach the following recipient\(s\):/i;

export const EXCHANGE2003: FormatDecoder = {
  id: "exchange2003",
  detect: (msg) =>
    (msg.headers.has("x-ms-embedded-report") ||
      /Internet Mail Service|Microsoft Exchange/i.test(msg.headers.get("x-mailer")?.[0] ?? "") ||
      msg.text.includes("MSEXCH:")) &&
    MARK.test(msg.text),
  decode(msg, dsn) {
    const m = MARK.exec(msg.text);
    if (!m) return [];
    const out: RecipientRecord[] = [];
    let cur: RecipientRecord | null = null;
    for (const raw of msg.text.slice(m.index + m[0].length).split(/\r?\n/)) {
      const line = raw.trim();
      const r = /^<?([^\s<>@]+@[^\s<>]+?)>? on .+$/.exec(line) ?? /^<?([^\s<>@]+@[^\s<>]+?)>?$/.exec(line);
      const addr = r ? cleanAddress(r[1]!) : null;
      if (addr) {
        cur = { recipient: addr, action: "failed", diagnostic: "" };
        out.push(cur);
        continue;
      }
      if (!line) {
        if (cur?.diagnostic) cur = null;
        continue;
      }
      if (/^(?:The MTS-ID|;p=|-{3,})/i.test(line)) continue;
      if (cur) cur.diagnostic = squash(`${cur.diagnostic} ${line}`);
      else if (out.length) break;
    }
    if (!out.length) return dsn;
    if (!dsn.length) return out;
    const find = firstByAddress(out, (o) => o.recipient);
    return dsn.map((r) => {
      if (r.diagnostic.trim()) return r;
      const mine = find(r.recipient);
      return mine ? { ...r, diagnostic: mine.diagnostic } : r;
    });
  },
};
