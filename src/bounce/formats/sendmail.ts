import { dsnRecords, parseDsn } from "../dsn.js";
import type { BounceMessage } from "../message.js";
import type { RecipientRecord } from "../types.js";
import { squash } from "./smtptext.js";
import { cleanAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Sendmail 8 (and Sendmail Switch, Sun's sendmail): "Returned mail: see transcript for details"
 * from MAILER-DAEMON. The body says "The original message was received at …", lists the
 * recipients under "----- The following addresses had permanent fatal errors -----" as
 * "<user@example.com>" with "(reason: 550 5.1.1 …)" and "(expanded from: …)", then "-----
 * Transcript of session follows -----" with "... while talking to mx.example.com.:", ">>> RCPT
 * To:<…>", "<<< 550 5.1.1 … User unknown" and "550 5.1.1 <user@example.com>... User unknown".
 * A delivery-status part usually follows; its Diagnostic-Code is sometimes only a local mailer's
 * exit status ("X-Unix; 77") or missing, and its Status may be the generic one (4.4.7) while the
 * reply states the real one: the transcript supplies both.
 */
// [ \t]*, not \s*, at line starts: \s* crosses line ends, and each blank line would rescan all
// the blank lines after it (quadratic).
const TRANSCRIPT = /^[ \t]*-+\s*Transcript of session follows\s*-+\s*$/im;
const FATAL =
  /^[ \t]*-+\s*The following addresses had (?:permanent fatal errors|transient non-fatal errors)\s*-+\s*$/im;
const RECEIVED = /The original message was received at /i;
const END =
  /^[ \t]*-+\s*(?:Original message|Message header|Unsent message|Returned message|Below this line)/im;

interface Reading {
  /** Recipient (lower case) → its reply (from the transcript) and SMTP command. */
  replies: Map<string, { reply: string; command: string | null; host: string | null; status: string | null }>;
  /** Recipients of the fatal-errors list, with their reason and the address they expanded from. */
  listed: { recipient: string; reason: string; expandedFrom: string | null }[];
  /** The last reply of the transcript not tied to an address. */
  lastReply: string | null;
}

type Listed = Reading["listed"][number];

/**
 * Lookups into the fatal-errors list, made once per message: the first entry whose recipient or
 * expanded-from address is a key (lower case), and the first with an address to stand in for a
 * record's. A search of the list per record would grow with the square of the recipients.
 */
function listLookups(listed: Listed[]): { byAddress: Map<string, Listed>; firstUsable: Listed | undefined } {
  const byAddress = new Map<string, Listed>();
  for (const l of listed)
    for (const a of [l.recipient, l.expandedFrom]) {
      const k = a?.toLowerCase();
      if (k && !byAddress.has(k)) byAddress.set(k, l);
    }
  return { byAddress, firstUsable: listed.find((l) => l.expandedFrom || isAddress(l.recipient)) };
}

function read(text: string): Reading {
  const r: Reading = { replies: new Map(), listed: [], lastReply: null };
  const f = FATAL.exec(text);
  if (f) {
    let block = text.slice(f.index + f[0].length);
    const stop = block.search(/^[ \t]*-{3,}/m);
    if (stop >= 0) block = block.slice(0, stop);
    let cur: Reading["listed"][number] | null = null;
    for (const raw of block.split(/\r?\n/)) {
      const line = raw.trim();
      const reason = /^\(reason:\s*(.*?)\)?$/i.exec(line);
      const expanded = /^\(expanded from:\s*<?([^>)]+)>?\)?$/i.exec(line);
      if (reason && cur) cur.reason = reason[1]!;
      else if (expanded && cur) cur.expandedFrom = cleanAddress(expanded[1]!);
      else if (line && !line.startsWith("(")) {
        const a = /^<?"?([^<>"]+?)"?>?(?:\s*\.\.\..*)?$/.exec(line);
        if (a) {
          cur = { recipient: a[1]!, reason: "", expandedFrom: null };
          r.listed.push(cur);
        }
      }
    }
  }
  const t = TRANSCRIPT.exec(text);
  if (t) {
    let body = text.slice(t.index + t[0].length);
    const end = END.exec(body);
    if (end) body = body.slice(0, end.index);
    let host: string | null = null;
    let command: string | null = null;
    let reply: string[] = [];
    for (const raw of body.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line) continue;
      const talk = /^\.\.\. while talking to ([^\s:]+?)\.?:$/i.exec(line);
      if (talk) {
        host = talk[1]!;
        command = null;
        reply = [];
        continue;
      }
      const cmd = /^>>>\s*(\S+)(?:\s+(?:To|From):\s*<([^>]*)>)?/i.exec(line);
      if (cmd) {
        command = cmd[1]!.toUpperCase();
        reply = [];
        continue;
      }
      const got = /^<<<\s*(.*)$/.exec(line);
      if (got) {
        reply.push(got[1]!);
        r.lastReply = squash(reply.join(" "));
        continue;
      }
      const rcpt = /^(?:([245]\d\d)\s+(?:([245]\.\d{1,3}\.\d{1,3})\s+)?)?<([^>]+@[^>]+)>\.\.\.\s*(.*)$/.exec(
        line,
      );
      if (rcpt) {
        const who = cleanAddress(rcpt[3]!)?.toLowerCase();
        if (!who || r.replies.has(who)) continue;
        const own = squash([rcpt[1], rcpt[2], rcpt[4]].filter(Boolean).join(" "));
        // The remote reply says more than sendmail's summary line when there is one.
        const said = reply.length ? squash(reply.join(" ")) : own;
        r.replies.set(who, {
          reply: said,
          command: reply.length ? command : null,
          host,
          status: rcpt[2] ?? null,
        });
        reply = [];
        continue;
      }
      if (/^[245]\d\d[ -]/.test(line) && !r.lastReply) r.lastReply = line;
    }
  }
  return r;
}

const CODE = /^\s*([245]\d\d)\b/;
const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

function statusIn(text: string): string | null {
  const m = STATUS.exec(text);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : null;
}

function isAddress(a: string): boolean {
  return /^[^@\s|/"]+@[^@\s]+\.[^@\s]+$/.test(a);
}

/**
 * Whether a reply not tied to this recipient's address may be its story: only a failed one's (a
 * delivered, relayed or expanded recipient has nothing to explain, and a delayed one was not
 * refused with a 5xx), and never a reply tied to another recipient of the report.
 */
function untiedFits(r: RecipientRecord, reply: string, key: string | undefined, all: Set<string>): boolean {
  const own = [r.recipient, r.originalRecipient ?? ""].map((a) => a.toLowerCase());
  if (key && all.has(key) && !own.includes(key)) return false;
  if (!r.action || r.action === "failed") return true;
  return r.action === "delayed" && !/^\s*5/.test(reply);
}

function enrich(
  r: RecipientRecord,
  reading: Reading,
  all: Set<string>,
  lists: ReturnType<typeof listLookups>,
): RecipientRecord {
  const out = { ...r };
  if (!isAddress(out.recipient)) {
    const listed = lists.firstUsable;
    const better =
      (out.originalRecipient && isAddress(out.originalRecipient) ? out.originalRecipient : null) ??
      listed?.expandedFrom ??
      (listed && isAddress(listed.recipient) ? listed.recipient : null);
    if (better) out.recipient = better;
  }
  const key = out.recipient.toLowerCase();
  // The transcript's single reply, when tied to no address of this report, is this recipient's.
  const only = reading.replies.size === 1 && reading.listed.length <= 1 ? [...reading.replies][0] : undefined;
  const said =
    reading.replies.get(key) ?? (only && untiedFits(out, only[1].reply, only[0], all) ? only[1] : undefined);
  const weak = !out.diagnostic.trim() || /^\d{1,3}$/.test(out.diagnostic.trim());
  if (said && (weak || !CODE.test(out.diagnostic))) {
    out.diagnostic = said.reply;
    if (said.command) out.command = said.command;
    if (said.host && !out.remoteMta) out.remoteMta = said.host;
    if (!out.status && said.status) out.status = said.status;
  } else if (weak) {
    const listed = lists.byAddress.get(key);
    const last =
      reading.lastReply && untiedFits(out, reading.lastReply, undefined, all) ? reading.lastReply : null;
    const alt = last ?? listed?.reason;
    if (alt && !/^\d{1,3}$/.test(alt)) out.diagnostic = alt;
  }
  // A reply's own enhanced code is more precise than a generic DSN Status (4.4.7, x.0.0).
  const stated = statusIn(out.diagnostic);
  if (stated && !/\.0\.0$/.test(stated) && stated[0] === (out.status ?? stated)[0]) out.status = stated;
  return out;
}

function withoutDsn(msg: BounceMessage, reading: Reading): RecipientRecord[] {
  const delayed = /transient non-fatal|WARNING MESSAGE ONLY|Deferred/i.test(msg.text.slice(0, 3000));
  const out: RecipientRecord[] = [];
  for (const l of reading.listed) {
    const recipient = l.expandedFrom ?? (isAddress(l.recipient) ? l.recipient : null);
    if (!recipient) continue;
    const said =
      reading.replies.get(recipient.toLowerCase()) ?? reading.replies.get(l.recipient.toLowerCase());
    out.push({
      recipient,
      action: delayed ? "delayed" : "failed",
      diagnostic: said?.reply ?? l.reason,
      status: said?.status ?? null,
      command: said?.command ?? null,
      remoteMta: said?.host ?? null,
    });
  }
  if (!out.length) {
    for (const [recipient, said] of reading.replies) {
      out.push({
        recipient,
        action: delayed ? "delayed" : "failed",
        diagnostic: said.reply,
        status: said.status,
        command: said.command,
        remoteMta: said.host,
      });
    }
  }
  return out;
}

export const SENDMAIL: FormatDecoder = {
  id: "sendmail",
  detect: (msg) => TRANSCRIPT.test(msg.text) || (RECEIVED.test(msg.text) && FATAL.test(msg.text)),
  decode(msg, dsn) {
    const reading = read(msg.text);
    let records = dsn;
    if (!records.length) {
      // A report whose MIME structure is broken: the delivery-status fields sit in the text.
      const at = msg.text.search(/^Final-Recipient:/im);
      if (at >= 0) {
        const from = msg.text.lastIndexOf("\n\n", at);
        records = dsnRecords(parseDsn(msg.text.slice(from >= 0 ? from : at, at + 4000)));
      }
    }
    if (records.length) {
      // Every recipient of the report: a reply tied to another one is not this one's.
      const all = new Set(
        records.flatMap((r) => [r.recipient, r.originalRecipient ?? ""].map((a) => a.toLowerCase())),
      );
      const lists = listLookups(reading.listed);
      return records.map((r) => enrich(r, reading, all, lists));
    }
    return withoutDsn(msg, reading);
  },
};
