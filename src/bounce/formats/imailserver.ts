import { header } from "../message.js";
import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * Ipswitch IMail Server (X-Mailer: <SMTP32 v…>). Subject "Undeliverable Mail", one line per
 * recipient before "Original message follows.", the reason then the address:
 *
 *     Unknown user: user@example.com
 *     User mailbox exceeds allowed size: user@example.com
 *     Delivery failed 20 attempts: user@example.com
 *
 * sometimes followed by the remote server's reply ("Remote host said: 550 …").
 */
export const IMAILSERVER: FormatDecoder = {
  id: "imailserver",
  detect(msg) {
    return (header(msg, "x-mailer") ?? "").startsWith("<SMTP32 v");
  },
  decode(msg, dsn) {
    let text = msg.text;
    const end = /^Original message follows\.?\s*$/m.exec(text);
    if (end) text = text.slice(0, end.index);
    const body = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const m = /^(.{3,200}?):\s+<?([^\s<>]+@[^\s<>]+?)>?\s*$/.exec(lines[i]!.trim());
      if (!m) continue;
      const more: string[] = [];
      for (let j = i + 1; j < lines.length && lines[j]!.trim(); j++) {
        if (/^(.{3,200}?):\s+<?[^\s<>]+@[^\s<>]+?>?\s*$/.test(lines[j]!.trim())) break;
        more.push(lines[j]!.trim());
      }
      body.push(recordFrom(m[2]!, [m[1]!, ...more].join(" ")));
    }
    return mergeWithDsn(dsn, body);
  },
};
