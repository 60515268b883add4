import type { RecipientRecord } from "../types.js";
import { squash } from "./smtptext.js";
import { addressesIn, cleanAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Sendmail V5 (5.x, before DSN): "Returned mail: …" from MAILER-DAEMON with no MIME report, only
 * "----- Transcript of session follows -----", whose lines are "554 <user@host>... 550 Host
 * unknown" per recipient, "421 host (smtp)... Deferred: …" per host, and "While talking to host:
 * >>> RCPT To:<…> <<< 550 …" exchanges; then "----- Unsent message follows -----".
 */
// [ \t]*, not \s*, at line starts: \s* crosses line ends (quadratic on blank lines).
const TRANSCRIPT = /^[ \t]*-+\s*Transcript of session follows\s*-+\s*$/im;
const UNSENT = /^[ \t]*-+\s*(?:Unsent message follows|Original message follows|Message header follows)/im;

export const V5SENDMAIL: FormatDecoder = {
  id: "v5sendmail",
  detect: (msg) =>
    /^\s*Returned mail:/i.test(msg.subject) && msg.deliveryStatus.length === 0 && TRANSCRIPT.test(msg.text),
  decode(msg) {
    const text = msg.text;
    const start = TRANSCRIPT.exec(text);
    if (!start) return [];
    let body = text.slice(start.index + start[0].length);
    const end = UNSENT.exec(body);
    const unsent = end ? body.slice(end.index) : "";
    if (end) body = body.slice(0, end.index);

    const out: RecipientRecord[] = [];
    let session: { host: string; command: string | null; reply: string[] } | null = null;
    const hostLines: string[] = [];
    for (const raw of body.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line) continue;
      let m = /^While talking to ([^:\s]+):?$/i.exec(line);
      if (m) {
        session = { host: m[1]!, command: null, reply: [] };
        continue;
      }
      m = /^>>>\s*(\S+)/.exec(line);
      if (m && session) {
        session.command = m[1]!.toUpperCase();
        session.reply = [];
        continue;
      }
      m = /^<<<\s*(.*)$/.exec(line);
      if (m && session) {
        session.reply.push(m[1]!);
        continue;
      }
      m = /^([245]\d\d)\s+<([^>]+@[^>]+)>\.\.\.\s*(.*)$/.exec(line);
      if (m) {
        const recipient = cleanAddress(m[2]!);
        if (!recipient) continue;
        const own = m[3]!;
        const parts = session?.reply.length ? [...session.reply, own] : [own];
        const diagnostic = squash(parts.join(" "));
        const inner = /^([245]\d\d)\b/.exec(diagnostic);
        out.push({
          recipient,
          action: m[1]!.startsWith("4") ? "delayed" : "failed",
          diagnostic,
          replyCode: inner ? Number(inner[1]) : Number(m[1]),
          command: session?.reply.length ? session.command : null,
          remoteMta: session?.host ?? null,
        });
        session = null;
        continue;
      }
      if (/^[245]\d\d\s+\S+\s+\(\w+\)\.\.\./.test(line)) hostLines.push(line);
    }
    if (out.length) return out;
    // No recipient line: the per-host lines explain the failure for the unsent message's recipients.
    const to = unsent
      .split(/\r?\n/)
      .filter((l) => /^(?:To|Cc):/i.test(l))
      .flatMap((l) => addressesIn(l));
    const recipients = [...new Set(to)];
    if (!recipients.length || !hostLines.length) return [];
    const line = hostLines[0]!;
    const code = Number(line.slice(0, 3));
    const diagnostic = squash(line.replace(/^[245]\d\d\s+\S+\s+\(\w+\)\.\.\.\s*/, ""));
    return recipients.map((recipient) => ({
      recipient,
      action: code >= 500 ? "failed" : "delayed",
      diagnostic: `${code} ${diagnostic}`,
      replyCode: code,
    }));
  },
};
