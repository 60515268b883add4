/** A retry delay stated by the server ("try again in 5 minutes", "retry after 300 seconds"). */
const RETRY_RE =
  /\b(?:try|retry|again|wait|later|deferred|greylisted|after)\b[^.;]{0,48}?\b(\d{1,6})\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\b/i;

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function statedRetryAfter(text: string): number | null {
  const m = RETRY_RE.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const seconds = value * (UNIT[unit[0] === "m" && unit.startsWith("mi") ? "m" : unit[0]!] ?? 1);
  // A stated delay beyond a week is not a retry hint (it is a retention period or noise).
  return seconds > 0 && seconds <= 7 * 86400 ? seconds : null;
}
