import type { DsnAction, RecipientRecord } from "./types.js";

/**
 * RFC 3464 delivery status notifications: one block of per-message fields, then one block per
 * recipient, blocks separated by empty lines, fields folded RFC 5322-style. Vendors add their own
 * fields (X-Postfix-*, X-Supplementary-Info, X-Actual-Recipient, …); the known ones are read.
 */
export interface DsnReport {
  reportingMta: string | null;
  arrivalDate: string | null;
  recipients: DsnRecipient[];
}

export interface DsnRecipient {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: DsnAction | null;
  status: string | null;
  remoteMta: string | null;
  diagnosticType: string | null;
  diagnosticCode: string | null;
  lastAttemptDate: string | null;
  /** Vendor additions that explain the failure: X-Supplementary-Info, X-Postfix-*, … */
  supplementary: string | null;
}

const ACTIONS = new Set(["failed", "delayed", "delivered", "relayed", "expanded"]);
// Non-standard actions some MTAs write: Postfix's address verification reports ("sendmail -bv")
// say deliverable/undeliverable, a few gateways say "failure" or "delivery".
const ACTION_ALIASES: Record<string, DsnAction> = {
  deliverable: "delivered",
  undeliverable: "failed",
  failure: "failed",
  fail: "failed",
  bounced: "failed",
  delay: "delayed",
  deferred: "delayed",
};
// Fields that open a recipient block: some MTAs write the blocks without the empty line
// between them, so a second Final-Recipient (or one right after the per-message fields) starts
// a new block. Field order inside a block is free (some put Final-Recipient last).
const RECIPIENT_START = new Set(["final-recipient", "original-recipient"]);

/** Splits a DSN body into blocks of unfolded fields. */
function blocks(body: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let name = "";
  for (const rawLine of body.split(/\r\n|\r|\n/)) {
    // trimEnd, not replace(/\s+$/): the regex restarts at every space of a long run (quadratic).
    const line = rawLine.trimEnd();
    if (line === "") {
      if (current.size) out.push(current);
      current = new Map();
      name = "";
      continue;
    }
    if (/^[ \t]/.test(rawLine) && name) {
      current.set(name, `${current.get(name)} ${line.trim()}`);
      continue;
    }
    // A URL on a continuation line ("https://…" unindented, inside a Diagnostic-Code) is no field.
    const m = /^([A-Za-z][A-Za-z0-9-]*)\s*:(?!\/\/)\s*(.*)$/.exec(line);
    if (m) {
      name = m[1]!.toLowerCase();
      if (RECIPIENT_START.has(name) && (current.has(name) || current.has("reporting-mta"))) {
        out.push(current);
        current = new Map();
      }
      // A repeated field keeps the first value (some MTAs repeat Diagnostic-Code).
      if (!current.has(name)) current.set(name, m[2]!);
      else name = `${name}#`;
    } else if (name) {
      // A continuation line without indentation: real MTAs write those too.
      current.set(name, `${current.get(name)} ${line.trim()}`);
    }
  }
  if (current.size) out.push(current);
  return out;
}

/**
 * `rfc822; user@example.com` → `user@example.com`. Real MTAs also write a display name or a comment
 * there: `"Jane Doe" <jane@example.com>`, `Kim Lee <kim@example.com>` (the address in angle
 * brackets), `user@example.com (John Smith)` (the comment goes), `mailto:u@example.com`.
 */
export function addressOf(value: string | undefined | null): string | null {
  if (!value) return null;
  let v = value.includes(";") ? value.slice(value.indexOf(";") + 1) : value;
  // RFC 6533's utf-8 type writes characters beyond ASCII as \x{HEX} in a delivery-status part
  // (message/global-delivery-status has them raw): jürgen@bücher.example, not j\x{FC}rgen@….
  if (/^\s*utf-8\s*;/i.test(value))
    v = v.replace(/\\x\{([0-9a-f]{1,6})\}/gi, (all, hex: string) => {
      const cp = Number.parseInt(hex, 16);
      return cp > 0x7f && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : all;
    });
  const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(v);
  if (angled) v = angled[1]!;
  else {
    // A comment outside a quoted local part goes: "user@example.com (John Smith)".
    if (!v.includes('"')) v = v.replace(/\([^()]*\)/g, " ");
    v = v.trim().replace(/^<|>$/g, "").trim();
    // Quotes around the whole value go; quotes around a local part ("a..b"@example.com) stay.
    if (/^"[^"]*"$/.test(v)) v = v.slice(1, -1).trim();
    // Words around an unquoted address: the word that holds the "@".
    if (!v.startsWith('"') && /\s/.test(v)) v = v.split(/\s+/).find((w) => w.includes("@")) ?? v;
  }
  v = v.replace(/^mailto:/i, "");
  return v.includes("@") ? v : null;
}

function typed(value: string | undefined): { type: string | null; text: string | null } {
  if (!value) return { type: null, text: null };
  const m = /^\s*([A-Za-z0-9-]+)\s*;\s*([\s\S]*)$/.exec(value);
  return m ? { type: m[1]!.toLowerCase(), text: m[2]!.trim() } : { type: null, text: value.trim() };
}

export function parseDsn(body: string): DsnReport {
  const all = blocks(body);
  const report: DsnReport = { reportingMta: null, arrivalDate: null, recipients: [] };
  for (const b of all) {
    const isRecipient =
      b.has("final-recipient") || b.has("original-recipient") || (b.has("action") && b.has("status"));
    if (!isRecipient) {
      if (b.has("reporting-mta")) report.reportingMta = typed(b.get("reporting-mta")).text;
      if (b.has("arrival-date")) report.arrivalDate = b.get("arrival-date")!.trim();
      continue;
    }
    const word =
      b
        .get("action")
        ?.trim()
        .toLowerCase()
        .split(/[\s(;]/)[0] ?? null;
    const action = word && !ACTIONS.has(word) ? (ACTION_ALIASES[word] ?? word) : word;
    const status = /([245])\.(\d{1,3})\.(\d{1,3})/.exec(b.get("status") ?? "");
    const diag = typed(b.get("diagnostic-code"));
    const supplementary = [
      b.get("x-supplementary-info"),
      b.get("x-postfix-diagnostic"),
      b.get("x-diagnostic"),
    ]
      .filter(Boolean)
      .join(" ");
    report.recipients.push({
      finalRecipient: addressOf(b.get("final-recipient") ?? b.get("x-actual-recipient")),
      originalRecipient: addressOf(b.get("original-recipient")),
      action: action && ACTIONS.has(action) ? (action as DsnAction) : null,
      status: status ? `${status[1]}.${Number(status[2])}.${Number(status[3])}` : null,
      remoteMta: typed(b.get("remote-mta")).text,
      diagnosticType: diag.type,
      diagnosticCode: diag.text,
      lastAttemptDate: b.get("last-attempt-date")?.trim() ?? null,
      supplementary: supplementary || null,
    });
  }
  return report;
}

/** DSN recipients as decoder records. */
export function dsnRecords(report: DsnReport): RecipientRecord[] {
  const out: RecipientRecord[] = [];
  for (const r of report.recipients) {
    const recipient = r.finalRecipient ?? r.originalRecipient;
    if (!recipient) continue;
    const diagnostic = replyOf([r.diagnosticCode, r.supplementary].filter(Boolean).join(" "), r.action);
    out.push({
      recipient,
      originalRecipient: r.originalRecipient,
      action: r.action,
      status: statusOf(r.status, diagnostic, r.action),
      diagnostic,
      remoteMta: r.remoteMta,
      reportingMta: report.reportingMta,
      lastAttemptDate: r.lastAttemptDate,
    });
  }
  return out;
}

/**
 * A failure's Diagnostic-Code that begins with the remote server's greeting ("220-mx ESMTP …
 * 421 4.2.1 Service refused") is the error after the greeting.
 */
function replyOf(diagnostic: string, action: DsnAction | null): string {
  if (action !== "failed" && action !== "delayed") return diagnostic;
  if (!/^2\d\d[- ]/.test(diagnostic)) return diagnostic;
  const m = /(?:^|\s)[45]\d\d[- ]/.exec(diagnostic);
  return m ? diagnostic.slice(m.index).trim() : diagnostic;
}

/**
 * The DSN's Status, unless it contradicts a permanent failure whose reply states a permanent
 * enhanced code (a Postfix Status of 4.5.0 for "550 5.5.0 Service refused"): then the reply's.
 */
function statusOf(status: string | null, diagnostic: string, action: DsnAction | null): string | null {
  if (action !== "failed" || !status?.startsWith("4.")) return status;
  const m = /(?:^|\s)5\d\d[- ](5)\.(\d{1,3})\.(\d{1,3})\b/.exec(diagnostic);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : status;
}

/**
 * The RFC 3464 fields of a report that reached us as text: a delivery-status part whose MIME
 * boundary is broken, or a bounce forwarded inline. From the first Reporting-MTA (or
 * Final-Recipient) line at the start of a line to the end of the last recipient block; null
 * when the text holds no recipient block.
 */
export function embeddedDsn(text: string): string | null {
  const start = text.search(/^(?:Reporting-MTA|Final-Recipient|Original-Recipient)\s*:/im);
  if (start < 0) return null;
  const rest = text.slice(start);
  if (!/^Final-Recipient\s*:/im.test(rest) || !/^(?:Action|Status)\s*:/im.test(rest)) return null;
  // The report ends where the returned message (or the next MIME part) begins. [ \t]*, not \s*:
  // at a line start \s* crosses line ends (quadratic on blank lines).
  const end = rest.search(
    /^(?:[ \t]*--\S|Return-Path:|Received:|Content-Type:|Message-Id:|From:|Date:|Subject:)/im,
  );
  return end > 0 ? rest.slice(0, end) : rest;
}
