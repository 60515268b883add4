import type { RecipientRecord } from "../types.js";
import { squash } from "./smtptext.js";
import { cleanAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * GMX and mail.com (MAILER-DAEMON@…gmx…, an Exim-like notice): "Mail delivery failed: returning
 * message to sender", "The following address failed:", then either `"user@example.com":` with
 * "SMTP error from remote server after RCPT command:", "host: …" and the reply, or
 * `<user@example.com>` with "Reason:" and the reason; then "--- The header of the original
 * message is following. ---".
 */
export const GMX: FormatDecoder = {
  id: "gmx",
  detect: (msg) =>
    /@(?:[a-z0-9-]+\.)*(?:gmx\.(?:net|com|de|at|ch)|mail\.com)\b/i.test(msg.from) &&
    /The following\s+address(?:es)?\s+failed:/i.test(msg.text),
  decode(msg, dsn) {
    if (dsn.length) return dsn;
    const text = msg.text;
    const start = /The following\s+address(?:es)?\s+failed:/i.exec(text);
    if (!start) return [];
    let body = text.slice(start.index + start[0].length);
    // "--.*", not "-{2,}.*": the same lines, without quadratic backtracking on a line of dashes.
    const end = body.search(/^--.*original message/im);
    if (end >= 0) body = body.slice(0, end);
    const out: (RecipientRecord & { lines: string[] })[] = [];
    let cur: (RecipientRecord & { lines: string[] }) | null = null;
    for (const raw of body.split(/\r?\n/)) {
      const line = raw.trim();
      const a = /^["<]?([^\s"<>@]+@[^\s"<>]+?)[">]?:?$/.exec(line);
      const addr = a ? cleanAddress(a[1]!) : null;
      if (addr) {
        cur = { recipient: addr, action: "failed", diagnostic: "", lines: [] };
        out.push(cur);
        continue;
      }
      if (!cur || !line || /^Reason:$/i.test(line)) continue;
      const host = /^host:\s*(\S+)/i.exec(line);
      if (host) {
        cur.remoteMta = host[1]!;
        continue;
      }
      const cmd = /after (RCPT|MAIL|DATA|end of data|HELO|EHLO)\b/i.exec(line);
      if (cmd) {
        cur.command = /end of data/i.test(cmd[1]!) ? "DATA" : cmd[1]!.toUpperCase();
        continue;
      }
      cur.lines.push(line);
    }
    return out.map(({ lines, ...r }) => ({ ...r, diagnostic: squash(lines.join(" ")) }));
  },
};
