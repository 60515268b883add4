import type { RecipientRecord } from "../types.js";
import { firstByAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * OpenSMTPD: "Delivery status notification: error|warning|delayed|failed" from MAILER-DAEMON,
 * an indented notice then one unindented line per recipient with the reason (the remote reply,
 * or OpenSMTPD's own words such as "Envelope expired"):
 *
 *         Hi!
 *
 *         This is the MAILER-DAEMON, please DO NOT REPLY to this email.
 *
 *         An error has occurred while attempting to deliver a message for
 *         the following list of recipients:
 *
 *     user@example.com: 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown
 *
 *         Below is a copy of the original message:
 *
 * Recent versions add a message/delivery-status part whose Status is OpenSMTPD's own (5.0.0
 * when it has no better code); the per-recipient line holds the real reply.
 */

const START_RE = /This is the MAILER-DAEMON, please DO NOT REPLY to this e-?mail\./;
const LIST_RE = /following\s+(?:list\s+of\s+)?recipients:/;
const END_RE =
  /^[ \t]*(?:Below is a copy of the original message|Please note that this is only a temporary failure report)/m;
const LINE_RE = /^([^\s<>@:]+@[^\s<>:]+):\s*(.*)$/;
const STATUS_RE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

interface Line {
  recipient: string;
  reason: string;
}

function lines(text: string): Line[] {
  const list = text.search(LIST_RE);
  if (list < 0) return [];
  let body = text.slice(list).replace(LIST_RE, "");
  const end = body.search(END_RE);
  if (end >= 0) body = body.slice(0, end);
  const out: Line[] = [];
  for (const raw of body.split(/\r\n|\r|\n/)) {
    if (!raw.trim()) continue;
    const m = LINE_RE.exec(raw);
    if (m) out.push({ recipient: m[1]!, reason: m[2]!.trim() });
    else if (out.length && !/^\s/.test(raw)) out[out.length - 1]!.reason += ` ${raw.trim()}`;
  }
  return out;
}

function statusIn(text: string): string | null {
  const m = STATUS_RE.exec(text);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : null;
}

export const OPENSMTPD: FormatDecoder = {
  id: "opensmtpd",
  detect(msg) {
    return /^delivery status notification: (?:error|warning|delayed|failed)/i.test(msg.subject)
      ? START_RE.test(msg.text) || LIST_RE.test(msg.text)
      : START_RE.test(msg.text);
  },
  decode(msg, dsn) {
    const found = lines(msg.text);
    if (!found.length) return dsn;
    const delayed = /is delayed for more than|temporary failure report/i.test(msg.text);
    const find = firstByAddress(found, (l) => l.recipient);
    const reason = (recipient: string) => find(recipient)?.reason ?? null;

    if (dsn.length) {
      return dsn.map((r): RecipientRecord => {
        const text = reason(r.recipient);
        if (!text) return r;
        // OpenSMTPD's own Status (x.0.0) says less than the reply it quotes.
        const stated = statusIn(text);
        const status = stated ?? (r.status && /^[45]\.0\.0$/.test(r.status) ? null : r.status);
        return { ...r, diagnostic: text, status };
      });
    }
    return found.map((l) => ({
      recipient: l.recipient,
      action: delayed ? "delayed" : "failed",
      status: statusIn(l.reason),
      diagnostic: l.reason,
    }));
  },
};
