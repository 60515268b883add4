/**
 * Reading an SMTP reply out of whatever text carries it: a bare reply, a
 * multi-line reply, or the diagnostic text that MTAs and services write around it.
 */
import { isDigit, isSpace, isWordChar } from "./chars.js";

export type SmtpCommand = "CONNECT" | "HELO" | "STARTTLS" | "AUTH" | "MAIL" | "RCPT" | "DATA";

export interface ParsedReply {
  /** The 3-digit reply code, or null when the text has none. */
  errorCode: number | null;
  /** The enhanced status code (`5.1.1`, `5.7.509`), or null. */
  statusCode: string | null;
  /** The SMTP stage the reply answered, when the text states it. */
  command: SmtpCommand | null;
  /** The host that gave the reply, when the text names it. */
  remoteHost: string | null;
  /** Whitespace collapsed, continuation-line prefixes removed. */
  text: string;
}

const STATUS_RE = /(?<![\d.])([245])\.([0-7])\.(\d{1,3})(?!\.?\d)/;
const CODE_STATUS_RE = /(?<![\w.-])([245]\d\d)(?:[ -]+|:\s*|-?#)([245]\.[0-7]\.\d{1,3})(?!\.?\d)/;
const LEADING_CODE_RE = /^\s*(?:smtp;\s*|#)?([245]\d\d)(?=[\s-]|$)/i;
// A 3-digit code where an MTA writes one: after "said:", "returned '", "#", ":", ";", "(" … (see
// `contextCode`).
const CODE_CANDIDATE_RE = /(?<!\d)[245]\d\d(?!\d)/g;
const LOOSE_CODE_RE = /(?<![\w.:/=-])([245]\d\d)(?= |-[^\d]|$)/;

const CONTINUATION_LINE_RE = /^[ \t]*([245]\d\d)[ -](?:#?[245]\.[0-7]\.\d{1,3}[ \t]+)?/;

const COMMAND_RE =
  /(?:in reply to|after|did not like our|for|while sending|>>>)\s+(?:the\s+)?(?:end of\s+)?(?:final\s+)?(?:pipelined\s+)?(rcpt to|rcpt|mail from|mail|data|dot|message|body|text|helo|ehlo|starttls|auth|initial connection|connect|greeting|banner)\b/i;
const COMMANDS: Readonly<Record<string, SmtpCommand>> = {
  "rcpt to": "RCPT",
  rcpt: "RCPT",
  "mail from": "MAIL",
  mail: "MAIL",
  data: "DATA",
  dot: "DATA",
  message: "DATA",
  body: "DATA",
  text: "DATA",
  helo: "HELO",
  ehlo: "HELO",
  starttls: "STARTTLS",
  auth: "AUTH",
  "initial connection": "CONNECT",
  connect: "CONNECT",
  greeting: "CONNECT",
  banner: "CONNECT",
};

/** The spellings of a stage a caller or a text may use ("rcpt to", "end of" aside), lower case. */
export const COMMAND_SPELLINGS: readonly string[] = Object.keys(COMMANDS);

const HOST = String.raw`([a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,24})`;
const REMOTE_HOST_RES = [
  new RegExp(String.raw`\bhost\s+${HOST}\s*\[[0-9a-f.:]+\]`, "i"),
  new RegExp(String.raw`\bServer at\s+${HOST}`, "i"),
  new RegExp(String.raw`^${HOST}\s*\[[0-9a-f.:]+\]\s+(?:did not like|refused|said)`, "i"),
  new RegExp(String.raw`\bconnect to\s+${HOST}\s*\[`, "i"),
  new RegExp(String.raw`\bhost:\s+${HOST}`, "i"),
];

/** Joins continuation lines (`550-5.7.1 …`) and collapses whitespace. */
export function normalizeReplyText(raw: string): string {
  let text = raw;
  if (text.includes("\n") || text.includes("\r")) {
    const lines = text.split(/\r\n|\r|\n/);
    let first: RegExpExecArray | null = null;
    for (let i = 0; i < lines.length; i++) {
      const m = CONTINUATION_LINE_RE.exec(lines[i]!);
      if (!m) continue;
      if (first === null) first = m;
      else if (m[1] === first[1]) lines[i] = lines[i]!.slice(m[0].length);
    }
    text = lines.join(" ");
  }
  if (needsCollapse(text)) text = text.replace(/\s+/g, " ").trim();
  // A continuation reply flattened onto one line repeats its prefix: keep the first only.
  const m = text.charCodeAt(3) === 45 ? /^([245]\d\d)-([245]\.[0-7]\.\d{1,3})? ?/.exec(text) : null;
  if (m) {
    const prefix = new RegExp(` ${m[1]}[ -]${m[2] ? `${m[2].replace(/\./g, "\\.")} ` : ""}`, "g");
    text = `${m[1]} ${m[2] ? `${m[2]} ` : ""}${text.slice(m[0].length).replace(prefix, " ")}`;
  }
  return text;
}

/** True when the text has whitespace other than single spaces, or spaces at its ends. */
function needsCollapse(text: string): boolean {
  const n = text.length;
  return (
    n > 0 &&
    (text.charCodeAt(0) === 32 ||
      text.charCodeAt(n - 1) === 32 ||
      /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/.test(text))
  );
}

export function parseReply(raw: string): ParsedReply {
  const text = normalizeReplyText(raw);
  const { errorCode, statusCode } = parseCodes(text);
  return { errorCode, statusCode, command: parseCommand(text), remoteHost: parseRemoteHost(text), text };
}

const REPLY_CODE_DIGITS_RE = /[245]\d\d/;
const STATUS_AFTER_CODE_RE = /(?:[ -]+|:\s*|-?#)([245]\.[0-7]\.\d{1,3})(?!\.?\d)/y;

/** The reply code and enhanced status code of a normalised reply text. */
export function parseCodes(text: string): { errorCode: number | null; statusCode: string | null } {
  let errorCode: number | null = null;
  let statusCode: string | null = null;
  // Every pattern for a reply code needs one of these; many texts (a status code only, or none)
  // have none, and one quick search spares them the slower patterns.
  if (!REPLY_CODE_DIGITS_RE.test(text)) return { errorCode, statusCode: statusOf(text) };
  const lead = LEADING_CODE_RE.exec(text);
  if (lead) {
    errorCode = Number(lead[1]);
    // Fast path: the text starts with "550 5.1.1" or "550-5.1.1".
    STATUS_AFTER_CODE_RE.lastIndex = lead[0].length;
    const s = STATUS_AFTER_CODE_RE.exec(text);
    if (s && s[1]![0] === lead[1]![0])
      return (errorCode < 300 && laterFailure(text)) || { errorCode, statusCode: s[1]! };
  }
  const pair = CODE_STATUS_RE.exec(text);
  if (pair && (errorCode === null || pair[1] === lead?.[1]) && pair[1]![0] === pair[2]![0]) {
    errorCode = Number(pair[1]);
    statusCode = pair[2]!;
  }
  if (errorCode === null) {
    const c = contextCode(text) ?? LOOSE_CODE_RE.exec(text)?.[1];
    if (c) errorCode = Number(c);
  }
  // A session transcript ("<-- 250 2.1.0 Ok --> RCPT TO:<…> <-- 550 5.1.1 User unknown") holds the
  // successes before the failure: the failure is the answer.
  if (errorCode !== null && errorCode < 300) {
    const failure = laterFailure(text);
    if (failure) return failure;
  }
  return { errorCode, statusCode: statusCode ?? statusOf(text) };
}

/**
 * The first code written where an MTA writes one: after `said:`, `returned`, `reply:`, `response:`,
 * `error:`, `error_code :`, `smtp;`, one of `#'"(;>`, or a colon that follows no word, then spaces
 * and a quote at most; and ending at a space, one of `-,;:'")`, a period that ends a sentence or the
 * end. The codes are found by a short expression and their context read backwards: one expression
 * of every context, tried at every character, cost more (parseCodes 10% faster, same answers on
 * 300,000 texts).
 */
function contextCode(text: string): string | null {
  CODE_CANDIDATE_RE.lastIndex = 0;
  for (let m = CODE_CANDIDATE_RE.exec(text); m; m = CODE_CANDIDATE_RE.exec(text)) {
    const end = m.index + 3;
    const after = text.charCodeAt(end);
    const endsWell =
      end === text.length ||
      isSpace(after) ||
      CODE_END.has(after) ||
      (after === 46 && !isDigit(text.charCodeAt(end + 1)));
    if (endsWell && hasCodeContext(text, m.index)) return m[0];
  }
  return null;
}

/** What may follow a code in `contextCode`. */
const CODE_END: ReadonlySet<number> = new Set([..."-,;:'\")"].map((c) => c.charCodeAt(0)));
/** Marks a code may follow (a quote is one, or else the optional quote after one). */
const CODE_MARK: ReadonlySet<number> = new Set([..."#'\"(;>"].map((c) => c.charCodeAt(0)));
const CODE_WORDS = ["said:", "reply:", "response:", "error:"];

function hasCodeContext(text: string, at: number): boolean {
  let j = at;
  while (j > 0 && isSpace(text.charCodeAt(j - 1))) j--;
  if (j === 0) return false;
  const c = text.charCodeAt(j - 1);
  if (CODE_MARK.has(c)) return true;
  if (c === 58) {
    if (j === 1 || !isWordOrDot(text.charCodeAt(j - 2))) return true;
    if (CODE_WORDS.some((w) => endsWithAt(text, j, w))) return true;
    let k = j - 1;
    while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
    return endsWithAt(text, k, "error_code");
  }
  return endsWithAt(text, j, "returned");
}

/** Whether text[.., end) ends with `word` (lower case), in any case. */
function endsWithAt(text: string, end: number, word: string): boolean {
  const from = end - word.length;
  if (from < 0) return false;
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(from + i);
    if ((c >= 65 && c <= 90 ? c | 0x20 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** `[\w\].-]`: what a colon follows when it marks no code on its own ("Status:", "[x]:"). */
function isWordOrDot(c: number): boolean {
  return isWordChar(c) || c === 93 || c === 46 || c === 45;
}

const FAILURE_PAIR_RE = /(?<![\w.-])([45]\d\d)(?:[ -]+|:\s*|-?#)([45]\.[0-7]\.\d{1,3})(?!\.?\d)/g;
/** A server's line in a transcript ("<<< 550 User unknown", MDaemon's "<-- 550 …"). */
const TRANSCRIPT_FAILURE_RE = /(?:<<<|<--)\s*([45]\d\d)(?=[\s-]|$)/;

/** The first 4xx/5xx reply code with a status of its class in the text, or a transcript's, if any. */
function laterFailure(text: string): { errorCode: number; statusCode: string | null } | null {
  FAILURE_PAIR_RE.lastIndex = 0;
  for (let m = FAILURE_PAIR_RE.exec(text); m; m = FAILURE_PAIR_RE.exec(text))
    if (m[1]![0] === m[2]![0]) return { errorCode: Number(m[1]), statusCode: m[2]! };
  const t = TRANSCRIPT_FAILURE_RE.exec(text);
  return t ? { errorCode: Number(t[1]), statusCode: null } : null;
}

function statusOf(text: string): string | null {
  const st = STATUS_RE.exec(text);
  return st ? `${st[1]}.${st[2]}.${st[3]}` : null;
}

export function parseCommand(text: string): SmtpCommand | null {
  const m = COMMAND_RE.exec(text);
  if (m) return COMMANDS[m[1]!.toLowerCase()] ?? null;
  // Postfix: "host mx.example.net[192.0.2.1] refused to talk to me: 554 …" is the server's greeting.
  return /\brefused to talk to me\b/i.test(text) ? "CONNECT" : null;
}

export function parseRemoteHost(text: string): string | null {
  for (const re of REMOTE_HOST_RES) {
    const m = re.exec(text);
    if (m) return m[1]!.toLowerCase();
  }
  return null;
}

const COMMAND_NAMES: ReadonlySet<string> = new Set([
  "CONNECT",
  "HELO",
  "STARTTLS",
  "AUTH",
  "MAIL",
  "RCPT",
  "DATA",
]);

/** Normalises a command name given by a caller (`RCPT TO`, `rcpt`, `end of data`). */
export function normalizeCommand(value: string | null | undefined): SmtpCommand | null {
  // From JavaScript, any value may come: one that is no string names no command.
  if (!value || typeof value !== "string") return null;
  if (COMMAND_NAMES.has(value)) return value as SmtpCommand;
  const v = value
    .trim()
    .toLowerCase()
    .replace(/^end of /, "");
  return COMMANDS[v] ?? (COMMAND_NAMES.has(v.toUpperCase()) ? (v.toUpperCase() as SmtpCommand) : null);
}

/** Reads an enhanced status code given by a caller; null when it is not one. */
export function normalizeStatus(value: string | null | undefined): string | null {
  if (!value || typeof value !== "string") return null;
  if (isCanonicalStatus(value)) return value;
  // A caller's status is trusted further than free text: vendors use subjects beyond 7 (5.8.1).
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(value.trim());
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : null;
}

/** `2.0.0`, `5.7.509`: a class, then two numbers of one to three digits without leading zeros. */
function isCanonicalStatus(v: string): boolean {
  const n = v.length;
  const c = v.charCodeAt(0);
  if (n < 5 || n > 9 || (c !== 50 && c !== 52 && c !== 53) || v.charCodeAt(1) !== 46) return false;
  let i = 2;
  for (let group = 0; group < 2; group++) {
    const start = i;
    while (i < n && v.charCodeAt(i) >= 48 && v.charCodeAt(i) <= 57) i++;
    const length = i - start;
    if (length < 1 || length > 3 || (length > 1 && v.charCodeAt(start) === 48)) return false;
    if (group === 0) {
      if (v.charCodeAt(i) !== 46) return false;
      i++;
    }
  }
  return i === n;
}
