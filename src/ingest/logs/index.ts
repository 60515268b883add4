/**
 * MTA logs to DeliveryEvents: Postfix, Exim and Sendmail, the format detected line by line.
 *
 * MTAs spread one message over several lines (the sender on one, each recipient's outcome on
 * another), so parsing keeps a little state per queue id in a `LogState`. That state is bounded:
 * an entry goes when its queue id completes (Postfix `removed`, Exim `Completed`), when it has
 * not been seen for `maxAgeLines` lines, or when more than `maxQueues` are open.
 */
import type { DeliveryEvent, EventType } from "../event.js";
import { checkEvent, EVENT_MAX_LENGTH, recipientDomain } from "../event.js";
import { parseEximMain, parseEximSyslog } from "./exim.js";
import { isPostfixProgram, parsePostfix } from "./postfix.js";
import { isSendmailProgram, parseSendmail } from "./sendmail.js";

export type LogFormat = "postfix" | "exim" | "sendmail";

export interface LogOptions {
  /**
   * The year of syslog timestamps, which have none (`Feb  2 10:00:00`). Default: the current
   * year, or the one before when that would put the first line in the future; a log that runs
   * from December into January moves on a year either way.
   */
  year?: number;
  /** Timestamps without a UTC offset are in this zone: the process's local time, or UTC. */
  timeZone?: "local" | "utc";
  /** Forget a queue id not seen for this many lines (default 100 000; checked every eighth of that). */
  maxAgeLines?: number;
  /** Keep at most this many queue ids open at once (default 50 000). */
  maxQueues?: number;
  /** Longer lines are skipped as bad (default 65 536 bytes). */
  maxLineBytes?: number;
  /** "Now", for the default year (tests). */
  now?: Date;
}

export interface LogStats {
  /** Non-empty lines read. */
  lines: number;
  /** Events produced. */
  events: number;
  /** Lines understood that report no delivery (connections, other programs, queue bookkeeping). */
  ignored: number;
  /**
   * Lines that could not be read: no known header, an MTA line that does not parse, or one shaped like
   * a queue id's line whose queue id or recipient address is not valid.
   */
  bad: number;
  /** Queue ids forgotten before they completed (age or count limit). */
  expired: number;
}

/** What MTAs spread over the lines of one queue id. */
export interface QueueEntry {
  sender: string | null;
  messageId: string | null;
  /** Line number when last seen. */
  seen: number;
  /** Sendmail: the SMTP conversation lines before a `to=` line. */
  host?: string | null;
  lastCommand?: string | null;
  lastReply?: string | null;
  replies?: Map<string, { reply: string; command: string | null }>;
  /**
   * Postfix: the recipients still deferred, with their last deferral, so that the message's expiry
   * (`status=expired, returned to sender`, logged without recipients) fails each of them. At most
   * MAX_DEFERRED_PER_QUEUE per queue id.
   */
  deferred?: Map<string, DeferredRecipient>;
}

/** A recipient's last deferral, kept until it is delivered, bounced, or its message expires. */
export interface DeferredRecipient {
  /** As the log wrote it (the map's key is lower-cased, to match it in any case). */
  recipient: string;
  time: Date;
  response: string | null;
  errorCode: number | null;
  statusCode: string | null;
  remoteHost: string | null;
  command: string | null;
}

/** Memory bound: the deferred recipients kept per queue id (the others of a huge list expire unseen). */
export const MAX_DEFERRED_PER_QUEUE = 1000;

/** A syslog line taken apart: time, host, program, message. */
export interface SyslogLine {
  time: Date;
  host: string;
  program: string;
  message: string;
}

/** The fields an MTA parser gives for one recipient's outcome. */
export interface OutcomeFields {
  format: LogFormat;
  queueId: string;
  type: EventType;
  recipient: string;
  time: Date;
  entry: QueueEntry | undefined;
  response?: string | null;
  errorCode?: number | null;
  statusCode?: string | null;
  remoteHost?: string | null;
  command?: string | null;
  sender?: string | null;
}

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Per-input parsing state: the open queue ids, the year of syslog times, the counts. */
export class LogState {
  readonly stats: LogStats = { lines: 0, events: 0, ignored: 0, bad: 0, expired: 0 };
  private readonly queues = new Map<string, QueueEntry>();
  private readonly maxAge: number;
  private readonly maxQueues: number;
  private readonly utc: boolean;
  private year: number | null;
  private lastMonth = -1;
  private nextSweep = 0;

  constructor(readonly options: LogOptions = {}) {
    this.maxAge = Math.max(1, options.maxAgeLines ?? 100_000);
    this.maxQueues = Math.max(1, options.maxQueues ?? 50_000);
    this.utc = options.timeZone === "utc";
    this.year = options.year ?? null;
  }

  /**
   * A new input begins (another file, another post): a syslog time without a year is placed again
   * from the option or from now, not carried on from the last input's lines. Queue ids stay.
   */
  newInput(): void {
    this.year = this.options.year ?? null;
    this.lastMonth = -1;
  }

  /** How many queue ids are open now. */
  get openQueues(): number {
    return this.queues.size;
  }

  /** The entry of a queue id, created when new; marks it as just seen. */
  touch(key: string): QueueEntry {
    let e = this.queues.get(key);
    if (e) this.queues.delete(key);
    else e = { sender: null, messageId: null, seen: 0 };
    e.seen = this.stats.lines;
    this.queues.set(key, e);
    if (this.queues.size > this.maxQueues || this.stats.lines >= this.nextSweep) this.expire();
    return e;
  }

  /** The entry of a queue id if open, without creating one. */
  get(key: string): QueueEntry | undefined {
    return this.queues.get(key);
  }

  /** The queue id completed: its state goes. */
  done(key: string): void {
    this.queues.delete(key);
  }

  /**
   * Drops the entries not seen for too long, and the oldest over the count limit (down to 7/8
   * of it). Runs now and then rather than on every line: walking a Map from its start after
   * many deletions there is slow, so each walk should pay for itself.
   */
  expire(): void {
    const keep = this.queues.size > this.maxQueues ? this.maxQueues - (this.maxQueues >> 3) : this.maxQueues;
    // Map order is the order of last touch: the oldest come first.
    for (const [key, e] of this.queues) {
      if (this.queues.size > keep || this.stats.lines - e.seen > this.maxAge) {
        this.queues.delete(key);
        this.stats.expired++;
      } else break;
    }
    this.nextSweep = this.stats.lines + Math.max(1, this.maxAge >> 3);
  }

  /** A syslog time without a year (month 0-11). */
  syslogTime(month: number, day: number, h: number, m: number, s: number, ms: number): Date | null {
    if (this.year === null) {
      const now = this.options.now ?? new Date();
      // A date ahead of today is last year's (a log from December read in January; Nov 30 read on
      // Nov 27). A day of slack: the log's zone may be ahead of this process's.
      const y = now.getFullYear();
      const ahead = Date.UTC(y, month, day) - Date.UTC(y, now.getMonth(), now.getDate()) > 86_400_000;
      this.year = y - (ahead ? 1 : 0);
    } else if (this.lastMonth >= 0 && month < this.lastMonth - 6) this.year++;
    else if (this.lastMonth >= 0 && month > this.lastMonth + 6) this.year--;
    this.lastMonth = month;
    return this.date(this.year, month, day, h, m, s, ms, null);
  }

  /** A time from its parts; `offset` in minutes east of UTC, null for the configured zone. */
  date(
    y: number,
    mo: number,
    d: number,
    h: number,
    mi: number,
    s: number,
    ms: number,
    offset: number | null,
  ): Date | null {
    if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
    // 30 February is no day (Date would make it 2 March).
    if (d > new Date(Date.UTC(y, mo + 1, 0)).getUTCDate()) return null;
    let t: number;
    if (offset !== null) t = Date.UTC(y, mo, d, h, mi, s, ms) - offset * 60_000;
    else if (this.utc) t = Date.UTC(y, mo, d, h, mi, s, ms);
    else t = new Date(y, mo, d, h, mi, s, ms).getTime();
    return Number.isFinite(t) ? new Date(t) : null;
  }

  /**
   * The event of one recipient's outcome, counted; none when the recipient is a local name without
   * a domain (a local delivery to `root`), and null (a bad line) when it has a domain but is not a
   * valid address. The event passes the checks of POST /v1/events (`checkEvent`), like webhooks'.
   */
  event(f: OutcomeFields): DeliveryEvent[] | null {
    const recipient = f.recipient;
    if (!recipient.includes("@")) return [];
    const timestamp = f.time.toISOString();
    const raw = f.sender !== undefined ? f.sender : (f.entry?.sender ?? null);
    const sender = raw && raw.length <= EVENT_MAX_LENGTH.sender ? raw : null;
    const checked = checkEvent({
      sourceId: `${f.queueId}/${recipient}/${timestamp}`,
      source: `log:${f.format}`,
      type: f.type,
      recipient,
      timestamp,
      messageId: f.entry?.messageId ?? null,
      sender,
      sendingDomain: sender ? recipientDomain(sender) || null : null,
      response: f.response || null,
      errorCode: f.errorCode ?? null,
      statusCode: f.statusCode ?? null,
      remoteHost: f.remoteHost ?? null,
      command: f.command ?? null,
    });
    if (!checked.ok) return null;
    this.stats.events++;
    return [checked.event];
  }
}

const SYSLOG_3164_RE =
  /^(?:<\d{1,3}>)?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? (\S+) ([^\s[:]+)(?:\[\d+\])?: ?(.*)$/;
const SYSLOG_3339_RE =
  /^(?:<\d{1,3}>)?(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})? (\S+) ([^\s[:]+)(?:\[\d+\])?: ?(.*)$/i;
// RFC 5424: <PRI>1 TIME HOST APP PROCID MSGID SD MSG
const SYSLOG_5424_RE =
  /^<\d{1,3}>1 (\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) (\S+) (\S+) \S+ \S+ (?:-|(?:\[(?:[^\]"\\]|"(?:[^"\\]|\\.)*")*\])+)(?: (.*))?$/i;
// Exim's own main log: `2026-02-02 10:00:00[.123][ +0700][ [pid]] message`.
const EXIM_MAIN_RE =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(?: ([+-]\d{4}))?(?: \[\d+\])? (.*)$/;

/** The time of an Exim main log line (EXIM_MAIN_RE's groups 1-8). */
function eximTime(m: RegExpExecArray, state: LogState): Date | null {
  return state.date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms(m[7]), offsetMinutes(m[8]));
}

function offsetMinutes(z: string | undefined): number | null {
  if (!z) return null;
  if (z === "Z" || z === "z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -v : v;
}

const ms = (frac: string | undefined): number => (frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0);

/** Takes a syslog header apart (RFC 3164 with or without a year, RFC 3339, RFC 5424). */
/** The time of an RFC 3339 / RFC 5424 header: groups 1-8 are year to UTC offset. */
function isoTime(m: RegExpExecArray, state: LogState) {
  return state.date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms(m[7]), offsetMinutes(m[8]));
}

export function parseSyslog(line: string, state: LogState): SyslogLine | null {
  let m = SYSLOG_3164_RE.exec(line);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month === undefined) return null;
    const time = state.syslogTime(month, +m[2]!, +m[3]!, +m[4]!, +m[5]!, ms(m[6]));
    return time ? { time, host: m[7]!, program: m[8]!, message: m[9]! } : null;
  }
  m = SYSLOG_3339_RE.exec(line);
  if (m) {
    const time = isoTime(m, state);
    return time ? { time, host: m[9]!, program: m[10]!, message: m[11]! } : null;
  }
  m = SYSLOG_5424_RE.exec(line);
  if (m) {
    const time = isoTime(m, state);
    const message = (m[11] ?? "").replace(/^\uFEFF/, "");
    return time ? { time, host: m[9]!, program: m[10]!, message } : null;
  }
  return null;
}

/**
 * Reads one log line: the events it completes (often none), or null when the line is bad.
 * Counts it in `state.stats`. Never throws on any input.
 */
export function parseLogLine(line: string, state: LogState): DeliveryEvent[] | null {
  const text = line.endsWith("\r") ? line.slice(0, -1) : line;
  if (!text.trim()) return [];
  state.stats.lines++;
  let out: DeliveryEvent[] | null;
  try {
    out = dispatch(text, state);
  } catch {
    out = null;
  }
  if (out === null) state.stats.bad++;
  else if (!out.length) state.stats.ignored++;
  return out;
}

function dispatch(line: string, state: LogState): DeliveryEvent[] | null {
  const exim = EXIM_MAIN_RE.exec(line);
  if (exim) {
    const time = eximTime(exim, state);
    if (!time) return null;
    return parseEximMain(exim[9]!, time, state);
  }
  const sys = parseSyslog(line, state);
  if (!sys) return null;
  if (isPostfixProgram(sys.program)) return parsePostfix(sys, state);
  if (isSendmailProgram(sys.program)) return parseSendmail(sys, state);
  if (/^exim/i.test(sys.program)) {
    // syslog_timestamp = true (Exim's default) keeps Exim's own time after the syslog header:
    // `exim[3002]: 2026-11-20 10:00:01 1vQxYz-000Abc-Q9 ** …`. That time is used, as in the main
    // log: it has a year and, with log_timezone, an offset, which the syslog header lacks.
    const inner = EXIM_MAIN_RE.exec(sys.message);
    if (!inner) return parseEximSyslog(sys, state);
    const time = eximTime(inner, state);
    if (!time) return null;
    return parseEximSyslog({ ...sys, time, message: inner[9]! }, state);
  }
  // Another program's line in the mail log (dovecot, opendkim, amavis, …).
  return [];
}

/**
 * True when a message that did not parse as a queue id's line still has its shape: `ID: …` where ID
 * is a word with a digit (the MTAs' other lines that start with a word and a colon, `warning:`,
 * `statistics:`, have none), or a word other than NOQUEUE followed by one of the format's
 * queue-line keywords (`keywords`, matched after the colon). Such a line has a damaged queue id: it
 * is bad, not irrelevant.
 */
export function looksLikeQueueLine(message: string, keywords: RegExp): boolean {
  const m = /^(\S+): (.*)$/.exec(message);
  // NOQUEUE stands where a queue id would: a line about mail that got none (a reject).
  if (!m || m[1] === "NOQUEUE") return false;
  return /^[0-9A-Za-z]*\d[0-9A-Za-z]*$/.test(m[1]!) || keywords.test(m[2]!);
}

/**
 * Replies by which a relay on this very host took a message only to pass it on (a content filter
 * re-injecting it, a submission MTA handing it to the MTA), each with the real reply it was written
 * for. Such a "delivery" is no outcome: the same log shows the message's real fate later, under
 * another queue id. A final delivery over loopback (Dovecot LMTP: `250 2.0.0 <bob@example.org>
 * hPpFDSqgOl7sBwAAnvmjZg Saved`) matches none and stays a delivery.
 */
export const HAND_OFF_REPLIES: readonly { pattern: RegExp; example: string }[] = [
  // Postfix to amavis (content_filter = smtp-amavis:[127.0.0.1]:10024), amavis back to Postfix.
  {
    pattern: /\bqueued as\b/i,
    example: "250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 2222222222",
  },
  // Sendmail's sm-msp-queue to sm-mta on [127.0.0.1].
  { pattern: /\bMessage accepted for delivery\b/i, example: "5AKA00Qe000002 Message accepted for delivery" },
  // Exim accepting a message (`250 OK id=…`).
  { pattern: /^(?:250[ -])?OK id=/i, example: "250 OK id=1vQxYz-000Abc-Q9" },
];

/** `localhost`, 127.0.0.0/8, ::1 (also as `[IPv6:::1]` or `::ffff:127.0.0.1`). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/^ipv6:/, "")
    .replace(/\.$/, "");
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    h === "::1" ||
    /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}

/**
 * A "delivery" to a relay on loopback (`address`: its IP when logged, else its name) whose reply says
 * it only queued the message to pass it on (see HAND_OFF_REPLIES).
 */
export function isLoopbackHandOff(
  address: string | null | undefined,
  reply: string | null | undefined,
): boolean {
  if (!address || !reply || !isLoopbackHost(address)) return false;
  return HAND_OFF_REPLIES.some((r) => r.pattern.test(reply));
}

/** `<a@example.com>` → `a@example.com`; `<>` → "". */
export function bareAddress(raw: string): string {
  const t = raw.trim();
  return t.startsWith("<") && t.endsWith(">") ? t.slice(1, -1).trim() : t;
}

/** A message id as `<…>`, or null when empty. */
export function messageIdOf(raw: string | undefined): string | null {
  const t = raw?.trim();
  if (!t) return null;
  return t.startsWith("<") ? t : `<${t}>`;
}

/**
 * Reads log text in chunks of any size and gives the events of each complete line. Memory stays
 * bounded: one line at most `maxLineBytes` (longer ones are skipped as bad) plus the queue state.
 */
export class LogReader {
  readonly state: LogState;
  private readonly maxLineBytes: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Inside a line over the length limit: drop bytes up to the next newline. */
  private skipping = false;

  constructor(options: LogOptions = {}) {
    this.state = new LogState(options);
    this.maxLineBytes = Math.max(256, options.maxLineBytes ?? 65_536);
  }

  get stats(): LogStats {
    return this.state.stats;
  }

  /** Feeds a chunk; returns the events of the lines it completes. */
  push(chunk: Buffer | string): DeliveryEvent[] {
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    const events: DeliveryEvent[] = [];
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      this.takeLine(buf.subarray(start, nl), events);
      start = nl + 1;
    }
    if (start < buf.length) this.keep(buf.subarray(start));
    return events;
  }

  /** The input ended: reads the last line when it has no newline. State stays for the next input. */
  end(): DeliveryEvent[] {
    const events: DeliveryEvent[] = [];
    if (this.pendingBytes || this.skipping) this.takeLine(Buffer.alloc(0), events);
    return events;
  }

  /** Every event of a stream of chunks (a file, stdin, a gunzip stream), in order. */
  async *read(input: AsyncIterable<Buffer | string>): AsyncGenerator<DeliveryEvent> {
    for await (const chunk of input) yield* this.push(chunk);
    yield* this.end();
  }

  private keep(part: Buffer): void {
    if (this.skipping) return;
    if (this.pendingBytes + part.length > this.maxLineBytes) {
      this.pending = [];
      this.pendingBytes = 0;
      this.skipping = true;
      return;
    }
    // Copy: the caller may reuse its buffer.
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
  }

  private takeLine(tail: Buffer, events: DeliveryEvent[]): void {
    if (this.skipping || this.pendingBytes + tail.length > this.maxLineBytes) {
      this.skipping = false;
      this.pending = [];
      this.pendingBytes = 0;
      this.state.stats.lines++;
      this.state.stats.bad++;
      return;
    }
    let line: string;
    if (this.pendingBytes) {
      this.pending.push(tail);
      line = Buffer.concat(this.pending).toString("utf8");
      this.pending = [];
      this.pendingBytes = 0;
    } else line = tail.toString("utf8");
    const out = parseLogLine(line, this.state);
    if (out) for (const e of out) events.push(e);
  }
}

export { parseEximMain, parseEximSyslog } from "./exim.js";
export { isPostfixProgram, parsePostfix } from "./postfix.js";
export { isSendmailProgram, parseSendmail } from "./sendmail.js";
