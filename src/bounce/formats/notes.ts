import type { RecipientRecord } from "../types.js";
import { squash } from "./smtptext.js";
import { cleanAddress, firstByAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Lotus Notes (the Lotus SMTP MTA of Notes 4.x/R5): "Undeliverable message" from POSTMASTER with
 * "------- Failure Reasons --------", the reason ("User not listed in public Name & Address
 * Book", often localised) followed by the address it concerns, then "------- Returned Message
 * --------".
 */
const START = /^-+\s*Failure Reasons\s*-+\s*$/im;
const END = /^-+\s*Returned Message\s*-+\s*$/im;

export const NOTES: FormatDecoder = {
  id: "notes",
  detect: (msg) => START.test(msg.text),
  decode(msg, dsn) {
    const m = START.exec(msg.text);
    if (!m) return [];
    let body = msg.text.slice(m.index + m[0].length);
    const e = END.exec(body);
    if (e) body = body.slice(0, e.index);
    const out: RecipientRecord[] = [];
    let reason: string[] = [];
    for (const raw of body.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line) continue;
      const a = /^<?([^\s<>@]+@[^\s<>]+?)>?$/.exec(line);
      const addr = a ? cleanAddress(a[1]!) : null;
      if (addr) {
        out.push({ recipient: addr, action: "failed", diagnostic: squash(reason.join(" ")) });
        reason = [];
      } else reason.push(line);
    }
    if (!out.length) return dsn;
    if (!dsn.length) return out;
    const find = firstByAddress(out, (o) => o.recipient);
    return dsn.map((r) => {
      const mine = find(r.recipient);
      return !r.diagnostic.trim() && mine ? { ...r, diagnostic: mine.diagnostic } : r;
    });
  },
};
