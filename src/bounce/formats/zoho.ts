import type { RecipientRecord } from "../types.js";
import { squash } from "./smtptext.js";
import { cleanAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Zoho Mail (mailer-daemon@mail.zoho.com, X-Mailer: Zoho Mail). Failures list one line per
 * recipient: "user@example.com Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <…>... User
 * Unknown"; delay notices say "----- The following addresses had fatal errors -----" then
 * "[Status: Error, Address: <user@example.com>, ResponseCode 421, , Host not reachable.]" and
 * "Message will be retried for N more day(s)".
 */
export const ZOHO: FormatDecoder = {
  id: "zoho",
  detect: (msg) =>
    /@(?:[a-z0-9-]+\.)*zoho(?:mail)?\.com/i.test(msg.from) ||
    /^\s*Zoho Mail/i.test(msg.headers.get("x-mailer")?.[0] ?? ""),
  decode(msg, dsn) {
    if (dsn.length) return dsn;
    const text = msg.text;
    const delayed = /Message will be retried|\(Delay\)/i.test(`${msg.subject}\n${text}`);
    const out: RecipientRecord[] = [];
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      // The address is the first word (one with an @ inside): "(\S+@\S+?)\s+[^,]*" tried every @ of
      // a long word and every split of a run of spaces (quadratic); "\s*(?:(\d{3})\s*)?," is
      // "\s*(\d{3})?\s*," without trying every split of the spaces around the code.
      let m = /^(\S+)\s[^,]*,\s*ERROR_CODE\s*:\s*(?:(\d{3})\s*)?,\s*ERROR_CODE\s*:\s*(.*)$/i.exec(line);
      if (m && !/^\S+@\S+$/.test(m[1]!)) m = null;
      if (m) {
        const recipient = cleanAddress(m[1]!);
        if (!recipient) continue;
        const code = m[2] ? Number(m[2]) : null;
        const rest = squash(m[3]!.replace(/^,\s*/, ""));
        out.push({
          recipient,
          action: delayed || (code !== null && code < 500) ? "delayed" : "failed",
          diagnostic: code ? `${code} ${rest}` : rest,
          replyCode: code,
        });
        continue;
      }
      m =
        /^\[Status:\s*\w+,\s*Address:\s*<?([^>,\s]+)>?,\s*ResponseCode\s*(?:(\d{3})\s*)?,[\s,]*(.*?)\]?$/i.exec(
          line,
        );
      if (m) {
        const recipient = cleanAddress(m[1]!);
        if (!recipient) continue;
        const code = m[2] ? Number(m[2]) : null;
        out.push({
          recipient,
          action: delayed ? "delayed" : "failed",
          diagnostic: squash(`${code ?? ""} ${m[3]!}`),
          replyCode: code,
        });
      }
    }
    return out;
  },
};
