import { CATEGORIES } from "../catalog/categories.js";
import type { Category, Kind } from "../catalog/types.js";
import { type Action, type ReplyInput, settleActionForKind } from "../classify/diagnosis.js";
import { defaultEngine } from "../index.js";
import { isComplaint, readFeedback } from "./arf.js";
import { isAutoReply } from "./autoreply.js";
import { dsnRecords, embeddedDsn, parseDsn } from "./dsn.js";
import { FORMATS } from "./formats/index.js";
import {
  addressesIn,
  cleanAddress,
  explanation,
  PARAGRAPH_MAX,
  paragraphAbout,
  paragraphsAfter,
  setStepCheck,
} from "./formats/text.js";
import { type BounceMessage, header, readMessage } from "./message.js";
import { readOriginal } from "./original.js";
import type { BounceRecipient, BounceReport, ParseBounceOptions, RecipientRecord } from "./types.js";

/** A message that cannot be read at all (too large, over its time budget, not a message). */
export class BounceError extends Error {
  override name = "BounceError";

  /** Which limit the message broke: its size, its time budget, or the recipients one may name. */
  constructor(
    message: string,
    readonly limit: "size" | "time" | "recipients" = "size",
  ) {
    super(message);
  }
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 2000;
/**
 * The most recipients one bounce may name. A bounce reports on one message, and MTAs take at most
 * about a thousand recipients per message (Postfix's smtpd_recipient_limit); more is a forgery that
 * would suppress thousands of addresses at once, and is refused whole.
 */
export const MAX_RECIPIENTS = 1000;

const BOUNCE_FROM_RE =
  /mailer-daemon|postmaster|mail delivery|mail administrator|mailadmin|bounce|mail-daemon|mdaemon|no-?reply/i;
/** Senders only mail systems use: with them a text is a bounce even when its words say nothing known. */
const DAEMON_FROM_RE =
  /mailer-daemon|postmaster|mail delivery|mail administrator|mailadmin|mail-daemon|mdaemon/i;
/**
 * A reply's prefixes: "Re: Your message was rejected?" is a person writing back. (Not a forward's:
 * "Fwd: Returned mail" may carry the bounce itself.)
 */
const REPLY_PREFIX_RE = /^\s*(?:re|aw|sv|antw|odp|rif)\s*:/i;
const BOUNCE_SUBJECT_RE =
  /undeliver|deliver(?:y|ed)?\s+(?:status|fail|failure|report|notification|incomplete|delayed|problem)|not\s+(?:be\s+)?delivered|returned mail|failure notice|mail (?:system )?error|nondeliverable|non-delivery|delivery has failed|failed delivery|rejected|bounce|could not send|mail failure|warning: message|message delayed|unzustellbar|non remis|no entregado|配信|不達|Недоставлен|错误|退信/i;

/**
 * Reads a bounce email (RFC 5322; a string or bytes; LF, CRLF or CR line endings) and returns
 * what happened to each recipient, each classified by the engine. Never throws for a malformed
 * message: it yields `not_bounce` or what could be read. Throws BounceError only when the input
 * is over the size limit or the time budget.
 */
export async function parseBounce(
  raw: string | Uint8Array,
  options: ParseBounceOptions = {},
): Promise<BounceReport> {
  // From JavaScript, any value may come: a caller's mistake is said plainly, not as a TypeError
  // from deep inside.
  if (typeof raw !== "string" && !(raw instanceof Uint8Array))
    throw new TypeError("parseBounce: the message must be a string or bytes (a Buffer or Uint8Array)");
  for (const k of ["maxBytes", "timeoutMs"] as const) {
    const v = options[k];
    if (v !== undefined && !(typeof v === "number" && v > 0))
      throw new RangeError(`parseBounce: options.${k} must be a positive number, not ${v}`);
  }
  if (options.recipient !== undefined && typeof options.recipient !== "string")
    throw new TypeError("parseBounce: options.recipient must be a string (an address)");
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof raw === "string" ? raw.length : raw.byteLength;
  if (size > maxBytes)
    throw new BounceError(`message of ${size} bytes is over the limit of ${maxBytes} bytes`);
  const budget = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = performance.now() + budget;
  let msg: BounceMessage;
  try {
    msg = await readMessage(typeof raw === "string" ? normalizeNewlines(raw) : raw);
  } catch {
    return emptyReport("not_bounce");
  }
  checkBudget(deadline, budget);
  return decode(msg, options, deadline);
}

/**
 * The time budget, checked between the steps of the work (after MIME, between decoders, between
 * recipients): the parser is synchronous, so a step that runs long is only stopped after it.
 */
function checkBudget(deadline: number, budget: number): void {
  if (performance.now() > deadline)
    throw new BounceError(`message took longer than its time budget of ${budget} ms to decode`, "time");
}

function normalizeNewlines(raw: string): string {
  // Old Mac files end lines with CR alone; MIME parsing needs LF or CRLF.
  return raw.includes("\r") && !raw.includes("\n") ? raw.replace(/\r/g, "\n") : raw;
}

function emptyReport(kind: Kind, msg?: BounceMessage): BounceReport {
  return {
    kind,
    decoder: null,
    recipients: [],
    original: msg ? readOriginal(msg) : null,
    feedback: null,
    subject: msg?.subject || null,
    from: msg?.from || null,
    date: msg ? (header(msg, "date") ?? null) : null,
  };
}

/**
 * The report of a decoded message. Past `deadline` (a `performance.now()` time) it throws
 * BounceError, checked between decoders and between recipients.
 */
export function decode(
  msg: BounceMessage,
  options: ParseBounceOptions = {},
  deadline = Number.POSITIVE_INFINITY,
): BounceReport {
  const budget = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const check = () => checkBudget(deadline, budget);
  // Decoding is synchronous: the text helpers that search once per recipient check it too.
  const outer = setStepCheck(check);
  try {
    return decodeChecked(msg, options, check);
  } finally {
    setStepCheck(outer);
  }
}

function tooMany(count: number): BounceError {
  return new BounceError(
    `the message names ${count} recipients, over the limit of ${MAX_RECIPIENTS} (a bounce reports on one message)`,
    "recipients",
  );
}

function decodeChecked(msg: BounceMessage, options: ParseBounceOptions, check: () => void): BounceReport {
  const report = emptyReport("not_bounce", msg);

  const feedback = readFeedback(msg);
  if (feedback) {
    // A "not-spam" or "auth-failure" report is no complaint of its recipient: not_bounce, still
    // read (decoder arf, its feedback and recipients), whose recipients are not to be suppressed.
    const complaint = isComplaint(feedback.feedbackType);
    report.kind = complaint ? "complaint" : "not_bounce";
    report.decoder = "arf";
    report.feedback = feedback;
    const recipients = feedback.originalRecipients.length
      ? feedback.originalRecipients
      : addressesIn(report.original?.to ?? "").slice(0, 1);
    if (recipients.length > MAX_RECIPIENTS) throw tooMany(recipients.length);
    report.recipients = recipients.map((r) => {
      check();
      return classify(
        { recipient: r, diagnostic: `feedback report: ${feedback.feedbackType}` },
        "arf",
        complaint ? "complaint" : "not_bounce",
        options,
      );
    });
    return report;
  }

  // A delivery-status part MIME did not find (broken boundary, forwarded as text) is read from the text.
  const embedded = msg.deliveryStatus.length ? null : embeddedDsn(msg.text);
  const dsn = (embedded ? [embedded] : msg.deliveryStatus).flatMap((body) => dsnRecords(parseDsn(body)));
  if (dsn.length > MAX_RECIPIENTS) throw tooMany(dsn.length);
  let records: RecipientRecord[] = [];
  let decoder: string | null = null;
  for (const f of FORMATS) {
    check();
    if (!f.detect(msg)) continue;
    const found = f.decode(msg, dsn);
    if (found.length) {
      records = found;
      decoder = f.id;
      break;
    }
  }
  if (!decoder && dsn.length) {
    records = dsn.map((r) => {
      check();
      return enrichFromText(r, msg);
    });
    decoder = "rfc3464";
  }
  check();
  if (!decoder && isAutoReply(msg)) {
    report.kind = "autoreply";
    report.decoder = "rfc3834";
    const who = addressesIn(msg.from)[0] ?? addressesIn(header(msg, "reply-to") ?? "")[0];
    if (who)
      report.recipients = [
        classify({ recipient: who, diagnostic: msg.subject }, "rfc3834", "autoreply", options),
      ];
    return report;
  }
  if (!decoder && looksLikeBounce(msg)) {
    records = fallback(msg, check, options.recipient);
    if (records.length) decoder = "text";
    // The envelope names the recipient: the text's guesses give way to it.
    if (options.recipient) {
      const named = options.recipient.toLowerCase();
      const about = records.find((r) => r.recipient.toLowerCase() === named) ?? records[0];
      records = [
        {
          recipient: options.recipient,
          diagnostic: about?.diagnostic ?? (explanation(msg.text).slice(0, PARAGRAPH_MAX) || msg.subject),
        },
      ];
      decoder = "verp";
    }
  } else if (options.recipient && records.length === 1) {
    records = [{ ...records[0]!, recipient: options.recipient }];
  }
  if (!decoder) return report;
  if (records.length > MAX_RECIPIENTS) throw tooMany(records.length);

  report.decoder = decoder;
  report.recipients = records.map((r) => {
    check();
    return classify(r, decoder!, null, options);
  });
  // The fallback guessed its recipients from a text no decoder knows: when some of the addresses
  // it found have a sign of a failure around them, the others are not recipients (a help desk's
  // address, the original sender's). Without a single sign of a failure, it is not a bounce.
  if (decoder === "text" && report.recipients.some((r) => r.diagnosis.category !== "unknown"))
    report.recipients = report.recipients.filter((r) => r.diagnosis.category !== "unknown");
  // Nor is a message to a VERP address whose only likeness to a bounce is a no-reply sender or a
  // word of its subject (a ticket's acknowledgement).
  if (
    (decoder === "text" || (decoder === "verp" && !fromMailSystem(msg))) &&
    report.recipients.every((r) => r.diagnosis.category === "unknown")
  ) {
    report.decoder = null;
    report.recipients = [];
    return report;
  }
  const kinds = report.recipients.map((r) => r.diagnosis.kind);
  report.kind = kinds.includes("bounce")
    ? "bounce"
    : kinds.includes("delay")
      ? "delay"
      : (kinds[0] ?? "bounce");
  return report;
}

function looksLikeBounce(msg: BounceMessage): boolean {
  return (
    fromMailSystem(msg) ||
    BOUNCE_FROM_RE.test(msg.from) ||
    (BOUNCE_SUBJECT_RE.test(msg.subject) && !REPLY_PREFIX_RE.test(msg.subject))
  );
}

/** Sent by a mail system: a daemon's address, the null return path, or a delivery report's type. */
function fromMailSystem(msg: BounceMessage): boolean {
  const returnPath = header(msg, "return-path") ?? "";
  return (
    DAEMON_FROM_RE.test(msg.from) ||
    returnPath.trim() === "<>" ||
    /report-type=delivery-status/.test(msg.contentType)
  );
}

/** When a DSN gives no diagnostic, the body's paragraph about the recipient usually does. */
function enrichFromText(r: RecipientRecord, msg: BounceMessage): RecipientRecord {
  if (r.diagnostic.trim()) return r;
  const p = paragraphAbout(explanation(msg.text), r.recipient);
  return p ? { ...r, diagnostic: p } : r;
}

/**
 * Addresses the text gives as the sender: a "Sender:", "From:", "Return-Path:" (or "Original
 * sender:") label at a line's start, or "from X to Y". Not any address after "from": "bounced from
 * dave@…", "(generated from alice@…)" name recipients.
 */
const SENDER_LABEL_RE =
  /^[ \t>]*(?:original[ \t]+)?(?:sender|from|return-path|envelope-from)[ \t]*:[ \t]*([^\n]*)/gim;
const SENDER_FROM_TO_RE = /\bfrom[ \t]+<?([^\s<>@]+@[^\s<>]+?)>?[ \t]+to\b/gi;

/** The most recipients the text fallback reads from one message. */
const FALLBACK_MAX_RECIPIENTS = 50;

/**
 * The last resort for a bounce no decoder knows: each address in the explanation (not the
 * bounce's own sender or receiver) with the paragraph that names it (bounded: see paragraphAbout),
 * at most FALLBACK_MAX_RECIPIENTS of them; `check` stops it past the time budget.
 */
function fallback(msg: BounceMessage, check: () => void, named?: string): RecipientRecord[] {
  const text = explanation(msg.text);
  // Not recipients: the bounce's own sender and receiver, and the returned message's sender, by its
  // headers or as the text names it ("A message from news@… to alice@…", "Sender: news@…"). A
  // VERP-addressed bounce names the original sender, which must not be suppressed.
  const senders = [...text.matchAll(SENDER_LABEL_RE), ...text.matchAll(SENDER_FROM_TO_RE)].flatMap((m) =>
    addressesIn(m[1]!),
  );
  const own = new Set(
    [
      ...addressesIn(msg.from),
      ...addressesIn(header(msg, "to") ?? ""),
      ...addressesIn(readOriginal(msg)?.from ?? ""),
      ...senders,
    ].map((a) => a.toLowerCase()),
  );
  const out: RecipientRecord[] = [];
  // Message-IDs look like addresses: the ones on Message-ID, References and In-Reply-To lines are not.
  const ids = new Set(
    // [> \t]*, not [>\s]*: at a line start \s crosses line ends (quadratic on blank lines).
    [...text.matchAll(/^[> \t]*(?:message-id|references|in-reply-to|content-id)\s*:.*$/gim)].flatMap((m) =>
      addressesIn(m[0]),
    ),
  );
  for (const a of addressesIn(text)) {
    if (own.has(a.toLowerCase()) || ids.has(a) || /^(?:postmaster|mailer-daemon)@/i.test(a)) continue;
    check();
    out.push({ recipient: a, diagnostic: paragraphAbout(text, a) ?? text.slice(0, PARAGRAPH_MAX) });
    if (out.length >= FALLBACK_MAX_RECIPIENTS) break;
  }
  // Some notices give the reason a paragraph after the address ("r.gomez@example.com", a blank
  // line, "Reason: 550 5.1.1 … User unknown"). When no address's own paragraph says why, the
  // paragraphs after each one are read too (kept when they say why); so are the envelope
  // recipient's when its own does not. (Not otherwise: with a reason next to one address, the
  // others are no recipients.)
  const all = out.every((r) => unexplained(r.diagnostic));
  for (const r of out) {
    if (!all && (!named || r.recipient.toLowerCase() !== named.toLowerCase() || !unexplained(r.diagnostic)))
      continue;
    check();
    const after = paragraphsAfter(text, r.recipient);
    const wider = after ? `${r.diagnostic} ${after}`.trim().slice(0, PARAGRAPH_MAX) : "";
    if (wider && !unexplained(wider)) r.diagnostic = wider;
  }
  return out;
}

/** Whether a text shows no sign of a failure: the engine finds nothing known in it. */
function unexplained(text: string): boolean {
  const d = engine().diagnose(
    { response: text, errorCode: null, statusCode: null, remoteHost: null, command: null },
    { lang: "none" },
  );
  return d.category === "unknown";
}

const engine = () => defaultEngine();

function classify(
  given: RecipientRecord,
  decoder: string,
  kind: Kind | null,
  options: ParseBounceOptions,
): BounceRecipient {
  let r = given;
  const diagnose = (response: string) =>
    engine().diagnose(
      {
        response,
        errorCode: r.replyCode ?? null,
        statusCode: r.status ?? null,
        remoteHost: hostOf(r.remoteMta),
        command: r.command ?? null,
      } satisfies ReplyInput,
      { lang: options.lang ?? "none" },
    );
  // A report that is no failure (a "not-spam" feedback report) has no words for the rules to read:
  // "not-spam" would read as a spam block.
  let diagnosis = diagnose(kind === "not_bounce" ? "" : r.diagnostic);
  // A failure: the DSN says so, or the generic reader found the address in a bounce's words (it
  // sets no action). Never a delivery, even when its text quotes a 2xx reply first (a session
  // transcript: "250 2.1.0 Ok" to MAIL FROM, then "550 5.1.1 …" to RCPT TO): then the failure is
  // the first 4xx or 5xx reply after it.
  const failure = r.action === "failed" || (!r.action && (decoder === "text" || decoder === "verp"));
  if (!kind && failure && diagnosis.kind === "delivered") {
    const m = /(?:^|\s)[45]\d\d[- ]/.exec(r.diagnostic);
    if (m) {
      r = { ...r, diagnostic: r.diagnostic.slice(m.index).trim() };
      diagnosis = diagnose(r.diagnostic);
    }
  }
  if (kind) diagnosis.kind = kind;
  else if (r.action === "delivered" || r.action === "relayed" || r.action === "expanded")
    diagnosis.kind = "delivered";
  else if (r.action === "delayed") diagnosis.kind = "delay";
  else if (
    (r.action === "failed" && diagnosis.kind === "delay") ||
    (failure && diagnosis.kind === "delivered")
  ) {
    // A delivery's action is none: a failure's is its category's.
    if (diagnosis.kind === "delivered") diagnosis.action = categoryAction(diagnosis.category);
    diagnosis.kind = "bounce";
  }
  settleActionForKind(diagnosis);
  return {
    recipient: cleanAddress(r.recipient) ?? r.recipient,
    originalRecipient: r.originalRecipient ?? null,
    action: r.action ?? null,
    status: r.status ?? null,
    reportingMta: r.reportingMta ?? null,
    remoteMta: r.remoteMta ?? null,
    diagnosticText: r.diagnostic,
    lastAttemptDate: r.lastAttemptDate ?? null,
    decoder,
    diagnosis,
  };
}

function categoryAction(category: Category): Action {
  const info = CATEGORIES[category];
  const retry = info.permanence === "soft" && info.action !== "none" ? info.retryAfterSeconds : null;
  return {
    type: info.action,
    retryAfterSeconds: retry,
    retryAfterSource: retry === null ? null : "default",
  };
}

function hostOf(mta: string | null | undefined): string | null {
  if (!mta) return null;
  const m = /([a-z0-9](?:[a-z0-9-]*\.)+[a-z]{2,})/i.exec(mta);
  return m ? m[1]!.toLowerCase() : null;
}
