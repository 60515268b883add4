import { mergeWithDsn, receivedHas, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * KDDI au one net (the dion.ne.jp / auone-net.jp ISP mail; EZweb has its own decoder). From
 * no-reply@….dion.ne.jp, a Japanese notice, then the server's English words:
 *
 *     Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
 *          Could not be delivered to: <user@example.dion.ne.jp>
 *          As their mailbox is full.
 */
export const KDDI: FormatDecoder = {
  id: "kddi",
  detect(msg) {
    if (/@[\w.-]*dion\.ne\.jp\b/i.test(msg.from)) return true;
    return (
      /@[\w.-]*auone-net\.jp\b/i.test(msg.from) ||
      (receivedHas(msg, "auone-net.jp") && msg.text.includes("Could not be delivered to:"))
    );
  },
  decode(msg, dsn) {
    const body = [];
    const re = /Could not be delivered to:\s*<?([^\s<>]+@[^\s<>]+?)>?\s*\n([^\n]*(?:\n[ \t]+[^\n]+)*)/g;
    for (const m of msg.text.matchAll(re)) {
      body.push(recordFrom(m[1]!, m[2]!.trim()));
    }
    return mergeWithDsn(dsn, body);
  },
};
