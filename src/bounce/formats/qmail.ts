import type { RecipientRecord } from "../types.js";
import type { FormatDecoder } from "./types.js";

/**
 * qmail (and netqmail, notqmail, s/qmail, indimail-mta): "failure notice" from MAILER-DAEMON,
 * plain text (indimail wraps it in multipart/mixed):
 *
 *     Hi. This is the qmail-send program at mx.example.org.
 *     I'm afraid I wasn't able to deliver your message to the following addresses.
 *     This is a permanent error; I've given up. Sorry it didn't work out.
 *
 *     <user@example.com>:
 *     192.0.2.1 does not like recipient.
 *     Remote host said: 550 5.1.1 <user@example.com>: User unknown
 *     Giving up on 192.0.2.1.
 *
 *     --- Below this line is a copy of the message.
 *
 * One block per recipient, from "<address>:" to the next empty line. The remote server's reply
 * follows "Remote host said:" (or "remote host <ip> said:"); qmail's own errors end with a
 * status in "(#5.1.1)".
 */

const START_RE =
  /^(?:Hi\. This is the qmail|This is the qmail-send program|I'm afraid I wasn't able to deliver your message to the following addresses)/m;
const END_RE =
  /^--- (?:Below this line is a copy of the message|Enclosed is a copy of the message|Original message follows)/m;
const BLOCK_START_RE = /^<([^<>\s]+@[^<>\s]+)>:\s*(.*)$/;

// Where qmail says what it was doing when the remote server answered.
const COMMANDS: [RegExp, string][] = [
  [/does not like recipient|most progress was RCPT TO|RCPT TO response/i, "RCPT"],
  [/didn't like (?:the )?sender|most progress was MAIL FROM|MAIL FROM response/i, "MAIL"],
  [/failed after I sent the message|failed on DATA command|DATA response/i, "DATA"],
  [/my name was rejected|HELO|EHLO/i, "HELO"],
  [/Sorry, I wasn't able to establish an SMTP connection|Connection refused|timed out|greeting/i, "CONNECT"],
];

const STATUS_RE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

function read(block: string[]): Omit<RecipientRecord, "recipient"> {
  const joined = block.join(" ").replace(/\s+/g, " ").trim();
  // The remote reply: after "Remote host said:" up to qmail's own closing words.
  const said =
    /\bremote host (?:[^\s]+ )?said:\s*([\s\S]*?)\s*(?:Giving up on\b|I'm not going to try again|$)/i.exec(
      joined,
    );
  const diagnostic = said?.[1] ? said[1] : joined;
  const command = COMMANDS.find(([re]) => re.test(joined))?.[1] ?? null;
  const status = STATUS_RE.exec(diagnostic) ?? STATUS_RE.exec(joined);
  const host =
    /\b(?:Giving up on|Connected to|remote host) (\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9.-]+\.[a-z]{2,})/i.exec(
      joined,
    );
  return {
    action: /This is a permanent error|I'm not going to try again|\(#5\./i.test(joined) ? "failed" : null,
    status: status ? `${status[1]}.${Number(status[2])}.${Number(status[3])}` : null,
    diagnostic,
    command,
    remoteMta: host ? host[1]! : null,
  };
}

export const QMAIL: FormatDecoder = {
  id: "qmail",
  detect(msg) {
    if (msg.text.indexOf("qmail") < 0 && !/^failure notice$/i.test(msg.subject.trim())) return false;
    return START_RE.test(msg.text);
  },
  decode(msg) {
    const start = msg.text.search(START_RE);
    if (start < 0) return [];
    let text = msg.text.slice(start);
    const end = text.search(END_RE);
    if (end >= 0) text = text.slice(0, end);
    const permanent = /This is a permanent error/i.test(text);
    const lines = text.split(/\r\n|\r|\n/);
    const out: RecipientRecord[] = [];
    let current: { recipient: string; lines: string[] } | null = null;
    const flush = () => {
      if (!current) return;
      const r = read(current.lines);
      out.push({ recipient: current.recipient, ...r, action: permanent ? "failed" : r.action });
      current = null;
    };
    for (const line of lines) {
      const m = BLOCK_START_RE.exec(line.trim());
      if (m) {
        flush();
        current = { recipient: m[1]!, lines: m[2] ? [m[2]] : [] };
        continue;
      }
      if (!current) continue;
      if (!line.trim()) {
        if (current.lines.length) flush();
        continue;
      }
      current.lines.push(line.trim());
    }
    flush();
    return out;
  },
};
