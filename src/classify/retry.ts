/**
 * A retry delay stated by the server: "try again in 5 minutes", "retry after 300 seconds",
 * "try again in 1 minute 30 seconds", "in 1h30m", "in 1.5 hours", or a clock as greylisting milters write it
 * ("please come back in 00:29:45", milter-greylist's %T).
 */
const UNIT_WORD = "(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)";
/** The words a stated delay follows; the engine's scan tells where they start. */
export const RETRY_WORDS: readonly string[] = [
  "try",
  "retry",
  "again",
  "wait",
  "later",
  "deferred",
  "greylisted",
  "after",
  "come back",
];
const RETRY_SOURCE = `\\b(?:${RETRY_WORDS.join("|")})\\b[^.;]{0,48}?\\b(?:in\\s+(\\d{1,3}):([0-5]\\d):([0-5]\\d)\\b|(\\d{1,6}(?:\\.\\d{1,3})?\\s*${UNIT_WORD}(?![a-z])(?:(?:\\s*,\\s*|\\s+and\\s+|\\s*)\\d{1,6}\\s*${UNIT_WORD}(?![a-z])){0,3})(?!\\.?\\d))`;
const RETRY_RE = new RegExp(RETRY_SOURCE, "i");
/** The same, tried at one place. */
const RETRY_AT_RE = new RegExp(RETRY_SOURCE, "iy");
const PART_RE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNIT_WORD})(?![a-z])`, "gi");

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * The delay the text states, if any. `starts` (`count` of them, in order) are where the scan saw
 * the `RETRY_WORDS` start: the expression is tried there only, which finds what a search from the
 * start of the text would (a count of -1, or none given: search).
 */
export function statedRetryAfter(text: string, starts?: ArrayLike<number>, count = -1): number | null {
  const m = starts && count >= 0 ? firstAt(text, starts, count) : RETRY_RE.exec(text);
  if (!m) return null;
  let seconds = 0;
  if (m[1] !== undefined) seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  else
    for (const part of m[4]!.matchAll(PART_RE)) {
      const unit = part[2]!.toLowerCase();
      seconds += Number(part[1]) * (UNIT[unit[0] === "m" && unit.startsWith("mi") ? "m" : unit[0]!] ?? 1);
    }
  seconds = Math.round(seconds);
  // A stated delay beyond a week is not a retry hint (it is a retention period or noise).
  return seconds > 0 && seconds <= 7 * 86400 ? seconds : null;
}

function firstAt(text: string, starts: ArrayLike<number>, count: number): RegExpExecArray | null {
  for (let i = 0; i < count; i++) {
    RETRY_AT_RE.lastIndex = starts[i]!;
    const m = RETRY_AT_RE.exec(text);
    if (m) return m;
  }
  return null;
}
