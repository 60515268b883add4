import { dsnRecords, embeddedDsn, parseDsn } from "../dsn.js";
import { type BounceMessage, header } from "../message.js";
import { readOriginal } from "../original.js";
import type { RecipientRecord } from "../types.js";
import { addressesIn, explanation, firstByAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Postfix (bounce(8)): "Undelivered Mail Returned to Sender" from MAILER-DAEMON (Mail Delivery
 * System). The notification starts "This is the mail system at host <host>." (older versions:
 * "This is the Postfix program at host <host>."), then one paragraph per recipient:
 *
 *     <user@example.com> (expanded from <alias@example.com>): host mx.example.com[192.0.2.1]
 *         said: 550 5.1.1 <user@example.com>: User unknown (in reply to RCPT TO command)
 *
 * followed by a message/delivery-status part with X-Postfix-* fields and the returned message.
 * Also read: the same report when it reached us as plain text (forwarded, or with a broken MIME
 * structure), delay warnings ("Delayed Mail (still being retried)"), address verification
 * reports (Action: deliverable), "Delivery report unavailable" and the postmaster notice
 * "Postfix SMTP server: errors from <client>" with its session transcript.
 */

const SUBJECT_RE =
  /^(?:undelivered mail returned to sender|delayed mail \(still being retried\)|mail delivery status report|successful mail delivery report|postfix smtp server: errors from)/i;

/** One recipient paragraph of the notification. */
interface Paragraph {
  recipient: string;
  original: string | null;
  text: string;
}

// "<user@host> (expanded from <alias@host>): explanation", the paragraph joined into one line.
// (\s* before the optional part only: two \s* around it would try every split of a long run of
// spaces, quadratic.)
const PARAGRAPH_RE = /^<([^<>\s]+@[^<>\s]+|[^<>\s]+)>\s*(?:\(expanded from\s*<([^<>]*)>\)\s*)?:\s*([\s\S]*)$/;

function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!/^<[^<>\s]+@[^<>\s]+>/.test(lines[i]!)) continue;
    const joined: string[] = [lines[i]!.trim()];
    for (
      let j = i + 1;
      j < lines.length && lines[j]!.trim() && !/^<[^<>\s]+@[^<>\s]+>/.test(lines[j]!);
      j++, i++
    )
      joined.push(lines[j]!.trim());
    const m = PARAGRAPH_RE.exec(joined.join(" "));
    if (m) out.push({ recipient: m[1]!, original: m[2] ?? null, text: m[3]!.replace(/\s+/g, " ").trim() });
  }
  return out;
}

const COMMANDS: [RegExp, string][] = [
  [/in reply to (?:RCPT TO|RCPT)\b/i, "RCPT"],
  [/in reply to (?:MAIL FROM|MAIL)\b/i, "MAIL"],
  [/in reply to (?:end of )?DATA\b/i, "DATA"],
  [/in reply to (?:HELO|EHLO)\b/i, "HELO"],
  [/in reply to (?:STARTTLS)\b/i, "STARTTLS"],
  [/in reply to (?:AUTH)\b/i, "AUTH"],
  [
    /refused to talk to me|connect to .*(?:timed out|refused|No route to host)|lost connection with .* while receiving the initial server greeting|conversation with .* timed out while receiving the initial/i,
    "CONNECT",
  ],
];

/** What a paragraph says: the remote reply (without Postfix's wording around it) and the stage. */
function reading(p: Paragraph): {
  diagnostic: string;
  command: string | null;
  remoteMta: string | null;
} {
  const command = COMMANDS.find(([re]) => re.test(p.text))?.[1] ?? null;
  const host = /\bhost ([a-z0-9.-]+\.[a-z]{2,})\[[^\]]*\]/i.exec(p.text);
  let diagnostic = p.text;
  const said = /\bsaid:\s*([\s\S]*?)\s*(?:\(in reply to [^)]*\))?\s*$/i.exec(p.text);
  if (said?.[1]) diagnostic = said[1];
  return { diagnostic, command, remoteMta: host ? host[1]! : null };
}

const STATUS_RE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

function statusIn(text: string): string | null {
  const m = STATUS_RE.exec(text);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : null;
}

/** The DSN records, with the stage and (when the DSN has none) the diagnostic from the paragraphs. */
function enrich(records: RecipientRecord[], paras: Paragraph[]): RecipientRecord[] {
  const byRecipient = firstByAddress(paras, (x) => x.recipient);
  const byOriginal = firstByAddress(paras, (x) => x.original);
  return records.map((r) => {
    const p = byRecipient(r.recipient) ?? byOriginal(r.recipient);
    if (!p) return r;
    const read = reading(p);
    return {
      ...r,
      diagnostic: r.diagnostic.trim() ? r.diagnostic : read.diagnostic,
      command: r.command ?? read.command,
      remoteMta: r.remoteMta ?? read.remoteMta,
    };
  });
}

/** "Postfix SMTP server: errors from client[addr]": the session transcript sent to postmaster. */
function transcript(msg: BounceMessage): RecipientRecord[] {
  const text = msg.text;
  const rcpts = [...text.matchAll(/^[ \t]*In:\s+RCPT\s+TO:\s*<([^<>\s]+@[^<>\s]+)>/gim)].map((m) => m[1]!);
  if (!rcpts.length) return [];
  // The last error reply of the session, and the command it answered.
  let reply: string | null = null;
  let command: string | null = null;
  let lastIn: string | null = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const i = /^\s*In:\s+([A-Za-z]+)/.exec(line);
    if (i) {
      lastIn = i[1]!.toUpperCase();
      continue;
    }
    const o = /^\s*Out:\s+([45]\d\d[ -].*)$/.exec(line);
    if (o) {
      reply = o[1]!.trim();
      command = lastIn;
    }
  }
  if (!reply) return [];
  return rcpts.map((recipient) => ({
    recipient,
    diagnostic: reply!,
    status: statusIn(reply!),
    command: command === "EHLO" ? "HELO" : command,
  }));
}

export const POSTFIX: FormatDecoder = {
  id: "postfix",
  detect(msg) {
    if (SUBJECT_RE.test(msg.subject)) return true;
    const t = msg.text;
    return (
      t.includes("This is the mail system at host") ||
      t.includes("This is the Postfix program") ||
      msg.deliveryStatus.some((d) => d.includes("X-Postfix-"))
    );
  },
  decode(msg, dsn) {
    if (/^postfix smtp server: errors from/i.test(msg.subject)) return transcript(msg);
    const text = explanation(msg.text);
    const paras = paragraphs(text);
    const delayed = /^delayed mail/i.test(msg.subject) || /THIS IS A WARNING ONLY/.test(msg.text);

    let records = dsn;
    if (!records.length) {
      // The report as text: a forwarded bounce, or a delivery-status part MIME did not find.
      const body = embeddedDsn(msg.text);
      if (body) records = dsnRecords(parseDsn(body));
    }
    if (records.length) return enrich(records, paras);

    if (paras.length) {
      return paras.map((p) => {
        const read = reading(p);
        return {
          recipient: p.recipient,
          originalRecipient: p.original,
          action: delayed ? "delayed" : "failed",
          status: statusIn(read.diagnostic),
          diagnostic: read.diagnostic,
          command: read.command,
          remoteMta: read.remoteMta,
        };
      });
    }

    // "--- Delivery report unavailable ---": only the returned message says who it was for.
    if (/Delivery report unavailable/i.test(msg.text)) {
      const to = addressesIn(readOriginal(msg)?.to ?? "")[0];
      const own = addressesIn(header(msg, "to") ?? "")[0];
      if (to && to !== own) return [{ recipient: to, action: "failed", diagnostic: "" }];
    }
    return [];
  },
};
