// Small text helpers shared by the decoders of vendor bounces that quote an SMTP reply in prose.
import { type BounceMessage, header } from "../message.js";
import { readOriginal } from "../original.js";
import { addressesIn, paragraphAbout } from "./text.js";

/** Whitespace collapsed to single spaces, trimmed. */
export function squash(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** "554 554 5.7.0 Header error" → "554 5.7.0 Header error" (some MTAs repeat the reply code). */
export function dedupeCode(s: string): string {
  return s.replace(/^([245]\d\d)[ -]\1\b/, "$1");
}

/** The lines after the first line matching `marker`, up to the next empty line (or `stop`). */
export function blockAfter(text: string, marker: RegExp, stop?: RegExp): string | null {
  const m = marker.exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length).replace(/^[^\n]*\n/, "");
  const out: string[] = [];
  for (const line of rest.split(/\r?\n/)) {
    if (!line.trim()) {
      if (out.length) break;
      continue;
    }
    if (stop?.test(line)) break;
    out.push(line.trim());
  }
  return out.length ? out.join("\n") : null;
}

/**
 * The text between the first match of `start` and the first match of `end` after it, or null.
 * What `start([\s\S]*?)end` finds, in linear time: that regex rescans to the end of the text
 * from every later match of `start` when `end` is missing (quadratic or worse).
 */
export function between(text: string, start: RegExp, end: RegExp): string | null {
  const s = start.exec(text);
  if (!s) return null;
  const rest = text.slice(s.index + s[0].length);
  const e = end.exec(rest);
  return e ? rest.slice(0, e.index) : null;
}

/** Recipients of the returned message (its To and Cc), when the bounce carries its headers. */
export function originalRecipients(msg: BounceMessage): string[] {
  const o = readOriginal(msg);
  return o?.to ? addressesIn(o.to) : [];
}

/** Addresses of the X-Failed-Recipients header (Exim, Gmail and others write it). */
export function failedRecipients(msg: BounceMessage): string[] {
  return (msg.headers.get("x-failed-recipients") ?? []).flatMap((v) => addressesIn(v));
}

/** The 3-digit reply code and enhanced status code at the start of a reply, when present. */
export function leadingCodes(reply: string): { code: number | null; status: string | null } {
  const m = /^\s*([245]\d\d)(?:[ -]+([245]\.\d{1,3}\.\d{1,3}))?\b/.exec(reply);
  const s = m?.[2] ?? /^\s*([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply)?.[1] ?? null;
  return { code: m ? Number(m[1]) : null, status: s };
}

export function headerHas(msg: BounceMessage, name: string, re: RegExp): boolean {
  const v = header(msg, name);
  return v !== undefined && re.test(v);
}

/**
 * DSN records with an empty diagnostic given the body's paragraph about their recipient (for
 * services whose delivery-status part is right but terse).
 */
export function dsnWithText(
  dsn: import("../types.js").RecipientRecord[],
  text: string,
): import("../types.js").RecipientRecord[] {
  return dsn.map((r) => {
    if (r.diagnostic.trim()) return r;
    const p = paragraphAbout(text, r.recipient);
    return p && p.replace(/[<>\s]/g, "").toLowerCase() !== r.recipient.toLowerCase()
      ? { ...r, diagnostic: p }
      : r;
  });
}

/** "[RCPT_TO]", "after RCPT TO", "in reply to end of DATA" … → the SMTP command. */
export function commandIn(text: string): string | null {
  const m =
    /\[(RCPT_TO|MAIL_FROM|DATA|CONNECT|HELO|EHLO)\]/i.exec(text) ??
    /(?:after|in reply to|response to)\s+(?:the\s+)?(RCPT|MAIL|DATA|end of data|HELO|EHLO|connect)\b/i.exec(
      text,
    );
  if (!m) return null;
  const c = m[1]!.toUpperCase();
  if (c === "END OF DATA") return "DATA";
  return c.replace(/_.*$/, "");
}
