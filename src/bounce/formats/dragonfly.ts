import { recordFrom } from "./reply-lines.js";
import { explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * DragonFly Mail Agent (dma, DragonFly BSD's and Debian's small MTA). Subject "Mail delivery
 * failed", Received "by host (DragonFly Mail Agent vX)", a body of the shape:
 *
 *     This is the DragonFly Mail Agent v0.13 at mail.example.org.
 *
 *     There was an error delivering your mail to <user@example.com>.
 *
 *     mx.example.com [192.0.2.1] did not like our RCPT TO:
 *     550 5.1.1 <user@example.com>: Recipient address rejected: User unknown
 *
 *     Message headers follow.   (or "Original message follows.")
 *
 * or, for its own failures, a line such as "Could not deliver for the last 432000 seconds.
 * Giving up." in place of the remote reply. One recipient per message.
 */
const MARKER = "There was an error delivering your mail to <";

export const DRAGONFLY: FormatDecoder = {
  id: "dragonfly",
  detect(msg) {
    if (msg.text.startsWith("This is the DragonFly Mail Agent")) return true;
    for (const r of msg.headers.get("received") ?? []) if (r.includes("DragonFly Mail Agent")) return true;
    return false;
  },
  decode(msg, dsn) {
    let text = explanation(msg.text);
    const stop = /^(?:Message headers follow\.|Original message follows\.)\s*$/m.exec(text);
    if (stop) text = text.slice(0, stop.index);
    const at = text.indexOf(MARKER);
    if (at < 0) return dsn;
    const end = text.indexOf(">", at + MARKER.length);
    if (end < 0) return dsn;
    const recipient = text.slice(at + MARKER.length, end).trim();
    if (!recipient.includes("@")) return dsn;
    const rest = text
      .slice(text.indexOf("\n", end) + 1)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    // "host [ip] did not like our RCPT TO:" names the remote host and the stage.
    let remoteMta: string | undefined;
    let command: string | undefined;
    const reply: string[] = [];
    for (const line of rest) {
      const m = /^(\S+)\s+\[[^\]]*\]\s+did not like our (.+?):?\s*$/i.exec(line);
      if (m && !reply.length) {
        remoteMta = m[1]!.toLowerCase();
        const stage = m[2]!.toUpperCase();
        command = stage.startsWith("RCPT")
          ? "RCPT"
          : stage.startsWith("MAIL")
            ? "MAIL"
            : stage.includes("DATA")
              ? "DATA"
              : stage.startsWith("EHLO") || stage.startsWith("HELO")
                ? "HELO"
                : undefined;
        continue;
      }
      reply.push(line);
    }
    const diagnostic = reply.join("\n");
    if (!diagnostic) return dsn;
    return [recordFrom(recipient, diagnostic, { remoteMta, command })];
  },
};
