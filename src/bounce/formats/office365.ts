import type { BounceMessage } from "../message.js";
import type { RecipientRecord } from "../types.js";
import { dedupeCode, squash } from "./smtptext.js";
import { cleanAddress, firstByAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Microsoft 365 / Exchange Online (and Exchange Server 2010 and later, whose NDR has the same
 * shape): "Undeliverable: …" with "Delivery has failed to these recipients or groups:", each
 * recipient as "user@example.com<mailto:user@example.com>" followed by a plain-language
 * explanation, then "Diagnostic information for administrators:" with "Generating server: …",
 * the address again and "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; …'"
 * (or "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"). Usually a delivery-status part too.
 */
export interface ExchangeNdr {
  recipients: { recipient: string; explanation: string }[];
  /** Lower-case address → the server's reply quoted in the administrators' section. */
  replies: Map<string, string>;
  /** Lower-case address → the remote server named before its reply ("mx1.example.com #550 …"). */
  hosts: Map<string, string>;
  generatingServer: string | null;
}

const FAILED_TO = /Delivery has failed to these recipients or [^\n:]*:/i;
const ADMIN = /Diagnostic information for administrators:/i;
/** The most lines of one remote reply read up to its "##". */
const REPLY_LINES_MAX = 20;

/**
 * A recipient's line in the list: "user@example.com<mailto:user@example.com>" (text part),
 * "Jane Doe <jane@example.com>", or, from the HTML part (whose link text is what is left),
 * "user@example.com (user@example.com)" (Exchange Online's form) or the bare address. A link whose
 * text is only a display name loses its address: then the administrators' section names it.
 */
const RECIPIENT_LINE =
  /^(?:.*?<mailto:([^>]+)>|[^<>]*<([^\s<>]+@[^\s<>]+)>|([^\s<>()]+@[^\s<>()]+)(?:\s*\([^()]*\))?)\s*$/;

export function readExchangeNdr(text: string): ExchangeNdr | null {
  const start = FAILED_TO.exec(text);
  const adminAt = text.search(ADMIN);
  // Exchange 2016/2019 and Exchange Online write "Your message to … couldn't be delivered." in
  // place of the list: then the administrators' section alone names the recipients.
  if (!start && adminAt < 0) return null;
  const head = start
    ? text.slice(start.index + start[0].length, adminAt > start.index ? adminAt : undefined)
    : "";
  const recipients: ExchangeNdr["recipients"] = [];
  let cur: { recipient: string; explanation: string } | null = null;
  for (const raw of head.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^_{5,}|^Sent by Microsoft Exchange/i.test(line)) break;
    const m = RECIPIENT_LINE.exec(line);
    const addr = m ? cleanAddress(m[1] ?? m[2] ?? m[3]!) : null;
    if (addr) {
      cur = { recipient: addr, explanation: "" };
      recipients.push(cur);
      continue;
    }
    if (cur && line && !/^(?:If that doesn|For Email Administrators|For more tips)/i.test(line)) {
      if (cur.explanation.length < 600) cur.explanation = squash(`${cur.explanation} ${line}`);
    }
  }
  const replies = new Map<string, string>();
  const hosts = new Map<string, string>();
  let generatingServer: string | null = null;
  if (adminAt >= 0) {
    let admin = text.slice(adminAt);
    const end = admin.search(/^[ \t]*Original message headers:/im);
    if (end > 0) admin = admin.slice(0, end);
    generatingServer = /Generating server:\s*(\S+)/i.exec(admin)?.[1] ?? null;
    let who: string | null = null;
    // A reply that goes on over lines up to its "##" (a remote multi-line reply).
    let open: { who: string; parts: string[] } | null = null;
    const close = () => {
      if (open) replies.set(open.who, dedupeCode(squash(open.parts.join(" "))));
      open = null;
    };
    for (const raw of admin.split(/\r?\n/)) {
      const line = raw.trim();
      const a = /^<?([^\s<>@]+@[^\s<>]+?)>?$/.exec(line);
      if (open) {
        if (!line || a || open.parts.length >= REPLY_LINES_MAX) close();
        else {
          // "550-5.1.1 double-checking …": the code repeated on each line of the reply.
          const rest = line.replace(/^[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?/, "");
          const end = rest.indexOf("##");
          open.parts.push(end >= 0 ? rest.slice(0, end) : rest);
          if (end >= 0) close();
          continue;
        }
      }
      if (a) {
        who = cleanAddress(a[1]!)?.toLowerCase() ?? null;
        continue;
      }
      if (!who || replies.has(who)) continue;
      const q = /returned '(.*)'\s*$/i.exec(line) ?? /^#(.*?)(?:##.*)?$/.exec(line);
      if (q) {
        replies.set(who, dedupeCode(squash(q[1]!)));
        continue;
      }
      // Exchange 2010 quotes a remote server's reply after its name: "mx1.example.com #550 5.7.1 …
      // ##", on several lines when the reply had several; Sisimai reads any "[45]xx [45].x.x" line here.
      const remote =
        /^(?:(\S+)\s+)?#\s*([245]\d\d[ -].*)$/.exec(line) ??
        /^()([45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b.*)$/.exec(line);
      if (remote) {
        if (remote[1]) hosts.set(who, remote[1]);
        const reply = remote[2]!;
        const end = reply.indexOf("##");
        if (end >= 0) replies.set(who, dedupeCode(squash(reply.slice(0, end))));
        else open = { who, parts: [reply] };
      }
    }
    close();
  }
  return { recipients, replies, hosts, generatingServer };
}

/** Records from an Exchange NDR: the DSN's when there is one, with the server's reply added. */
export function exchangeRecords(msg: BounceMessage, dsn: RecipientRecord[]): RecipientRecord[] {
  const ndr = readExchangeNdr(msg.text);
  if (!ndr) return dsn;
  const reply = (a: string) => ndr.replies.get(a.toLowerCase());
  const find = firstByAddress(ndr.recipients, (r) => r.recipient);
  const words = (a: string) => find(a)?.explanation ?? "";
  if (dsn.length) {
    return dsn.map((r) => {
      if (r.diagnostic.trim()) return r;
      const d = reply(r.recipient) ?? words(r.recipient);
      return d ? { ...r, diagnostic: d } : r;
    });
  }
  if (ndr.recipients.length) {
    return ndr.recipients.map((r) => ({
      recipient: r.recipient,
      action: "failed",
      diagnostic: reply(r.recipient) ?? r.explanation,
      reportingMta: ndr.generatingServer,
      remoteMta: ndr.hosts.get(r.recipient.toLowerCase()) ?? null,
    }));
  }
  // No recipient read from the list (an HTML link showing only a display name): the
  // administrators' section names each failed address with the server's reply.
  return [...ndr.replies].map(([recipient, diagnostic]) => ({
    recipient,
    action: "failed",
    diagnostic,
    reportingMta: ndr.generatingServer,
    remoteMta: ndr.hosts.get(recipient) ?? null,
  }));
}

export const OFFICE365: FormatDecoder = {
  id: "office365",
  detect: (msg) =>
    (msg.headers.has("x-ms-exchange-message-is-ndr") ||
      /\.(?:prod|protection)\.outlook\.com|onmicrosoft\.com/i.test(msg.from + msg.text.slice(0, 4000))) &&
    FAILED_TO.test(msg.text),
  decode: (msg, dsn) => exchangeRecords(msg, dsn),
};
