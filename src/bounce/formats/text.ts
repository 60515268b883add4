// Helpers shared by the format decoders: reading addresses and paragraphs out of bounce text.

// An address is read outward from its "@": the local part is up to 64 characters before it, the
// domain a run of labels after it. (One regex tried at every position went 64 characters deep at
// each of a long run of letters: seconds on a 10 MB line.)
const LOCAL_CHARS = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-")
  LOCAL_CHARS[ch.charCodeAt(0)] = 1;
// At most 127 labels and 253 characters (RFC 1035): a run of "y.y.y…" hundreds of kilobytes long is
// not a domain, and an "address" that long made every later search for it quadratic.
const DOMAIN_RE = /[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){0,126}[A-Za-z0-9-]{1,63}/y;
const MAX_DOMAIN = 253;

/** Every address in `text`, in order, lower-cased domain, without duplicates. */
export function addressesIn(text: string): string[] {
  // A Set, not out.includes: a text of thousands of distinct addresses must stay linear.
  const seen = new Set<string>();
  let end = 0; // where the last address ended: the next local part starts after it
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > end && at - start < 64 && LOCAL_CHARS[text.charCodeAt(start - 1)] === 1) start--;
    if (start === at) continue;
    DOMAIN_RE.lastIndex = at + 1;
    if (
      !DOMAIN_RE.test(text) ||
      DOMAIN_RE.lastIndex - at - 1 > MAX_DOMAIN ||
      domainGoesOn(text, DOMAIN_RE.lastIndex)
    )
      continue;
    end = DOMAIN_RE.lastIndex;
    const a = cleanAddress(text.slice(start, end));
    if (a) seen.add(a);
  }
  return [...seen];
}

/** Whether the labels run on at `i` (past the 127 the pattern reads): then it was no domain. */
function domainGoesOn(text: string, i: number): boolean {
  const alnum = (c: number) => (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122);
  const c = text.charCodeAt(i);
  return alnum(c) || c === 45 || (c === 46 && alnum(text.charCodeAt(i + 1)));
}

export function cleanAddress(value: string): string | null {
  let v = value.trim().replace(/^[<([]+|[>)\].,;:]+$/g, "");
  // Quotes wrap the whole address or only its local part ("a..b"@example.com): keep a balanced pair.
  if (/^["']/.test(v) && !/^"[^"]*"@/.test(v)) v = v.slice(1);
  if (/["']$/.test(v)) v = v.slice(0, -1);
  const at = v.lastIndexOf("@");
  if (at < 1 || at === v.length - 1) return null;
  return `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}`;
}

/** The part of a bounce before the returned message is quoted (the explanation). */
export function explanation(text: string): string {
  // [ \t]*, not \s*: \s* crosses line ends, so every blank line would rescan all the blank lines
  // after it (quadratic). "--.*" for "-{2,}.*", which backtracks quadratically on a line of dashes.
  const m =
    /^[ \t]*(?:--.*(?:original message|below this line is a copy|message follows|undelivered message|returned message|copy of the message|message headers follow|header of the original).*|original message follows\.?|content-type: message\/rfc822)\s*$/im.exec(
      text,
    );
  return m ? text.slice(0, blankLinesBefore(text, m.index)) : text;
}

/**
 * The start of the blank lines just before the line that starts at `at` (or `at` itself): where a
 * match of `^\s*` would have started, so that a text cut there ends as it always did.
 */
function blankLinesBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  if (i === 0) return 0;
  // i follows the last visible character: the first line start after it.
  while (i < at && !/[\n\r\u2028\u2029]/.test(text[i - 1]!)) i++;
  return i;
}

/** The most of a paragraph read before the address (on its line) and in all. */
const PARAGRAPH_BEFORE = 500;
export const PARAGRAPH_MAX = 2000;
/** A line that is an address alone ("<alice@example.com>:"). */
const ADDRESS_LINE_RE = /^\s*<?[^\s@<>]+@[^\s@<>]+>?:?\s*$/;

/**
 * The text that explains one recipient: from the line that names it to the next empty line
 * (or the next line that names another recipient), joined into one line. At most PARAGRAPH_MAX
 * characters, starting at most PARAGRAPH_BEFORE before the address: a megabyte-long line is no
 * paragraph, and reading it whole for every one of its addresses took seconds and gigabytes.
 */
export function paragraphAbout(text: string, recipient: string): string | null {
  // A search of the whole text per recipient: a decoder's loop over recipients stops here once
  // the message is over its time budget.
  stepCheck?.();
  const at = indexOfIgnoringCase(text, recipient);
  if (at < 0) return null;
  const from = Math.max(0, at - PARAGRAPH_BEFORE);
  const start = from + text.slice(from, at).lastIndexOf("\n") + 1;
  // Only the 30 lines read are split: called once per recipient, splitting the whole rest of a
  // long text each time would make many recipients quadratic.
  let end = start - 1;
  for (let n = 0; n < 30; n++) {
    end = text.indexOf("\n", end + 1);
    if (end < 0 || end >= start + PARAGRAPH_MAX) break;
  }
  const stop = Math.min(end < 0 ? text.length : end, start + PARAGRAPH_MAX);
  const lines = text.slice(start, stop).split(/\r?\n/);
  const out: string[] = [];
  // A list of addresses with one reason under it ("alice@…", "bob@…", "Reason: 550 …"): the lines of
  // the other addresses are passed over until the first line that is not one, which is this
  // address's too; after that, the next address line starts another address's paragraph.
  let ownText = false;
  for (let i = 0; i < lines.length && i < 30; i++) {
    const line = lines[i]!;
    if (i > 0 && !line.trim()) break;
    if (i > 0 && ADDRESS_LINE_RE.test(line)) {
      if (ownText) break;
      continue;
    }
    if (i > 0) ownText = true;
    out.push(line.trim());
  }
  return out.join(" ").replace(/\s+/g, " ").trim();
}

/** How a notice's reason paragraph starts: a label (English, Chinese, Japanese) or a reply code. */
const REASON_PARAGRAPH_RE =
  /^(?:(?:(?:block|bounce|failure|error|rejection)\s+)?reason|diagnostic(?:[- ]code)?|error|smtp error|remote server (?:said|returned|response)|(?:退信|错误|失败)?原因|エラー(?:内容|理由)?|理由)\s*[:：]|^[45]\d\d[\s-]/i;

/** The most paragraphs read after an address's own by paragraphsAfter. */
const PARAGRAPHS_AFTER = 2;

/**
 * The paragraphs after the one that names `recipient` (at most PARAGRAPHS_AFTER, within
 * PARAGRAPH_MAX characters after its line), joined into one line; null when there are none. For
 * notices that give the reason apart from the address: "r.gomez@example.com", a blank line, then
 * "Reason: 550 5.1.1 … User unknown" (MessageLabs); an HTML table's Recipient: and Reason: rows.
 * Paragraphs of addresses alone are passed over; one that names another address is that one's,
 * and ends the reading.
 */
export function paragraphsAfter(text: string, recipient: string): string | null {
  const at = indexOfIgnoringCase(text, recipient);
  if (at < 0) return null;
  const from = Math.max(0, at - PARAGRAPH_BEFORE);
  const start = from + text.slice(from, at).lastIndexOf("\n") + 1;
  const lines = text.slice(start, at + PARAGRAPH_MAX * 2).split("\n");
  const own = recipient.toLowerCase();
  const out: string[] = [];
  let i = 1;
  while (i < lines.length && lines[i]!.trim()) i++; // the rest of the address's own paragraph
  for (let taken = 0; taken < PARAGRAPHS_AFTER; ) {
    while (i < lines.length && !lines[i]!.trim()) i++;
    if (i >= lines.length) break;
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim()) para.push(lines[i++]!.trim());
    if (para.every((l) => ADDRESS_LINE_RE.test(l))) continue;
    const joined = para.join(" ");
    // Only a paragraph that says it is the reason ("Reason: …", "退信原因：…") or is a server's reply
    // ("550 5.1.1 …"): any other words after an address (a newsletter's tip, a build notice) are no
    // reason of its failure.
    if (!REASON_PARAGRAPH_RE.test(joined)) break;
    if (addressesIn(joined).some((a) => a.toLowerCase() !== own)) break;
    out.push(joined);
    taken++;
  }
  const after = out.join(" ").replace(/\s+/g, " ").trim().slice(0, PARAGRAPH_MAX);
  return after || null;
}

let stepCheck: (() => void) | null = null;

/**
 * Sets the check that searches once per recipient run (decode sets its time budget's for the
 * synchronous span of a message's decoding) and returns the one it replaces.
 */
export function setStepCheck(check: (() => void) | null): (() => void) | null {
  const outer = stepCheck;
  stepCheck = check;
  return outer;
}

/** The first item per address (case-folded): one lookup per recipient rather than a scan of them all. */
export function firstByAddress<T>(
  items: readonly T[],
  address: (item: T) => string | null | undefined,
): (recipient: string) => T | undefined {
  const map = new Map<string, T>();
  for (const item of items) {
    const a = address(item)?.toLowerCase();
    if (a !== undefined && !map.has(a)) map.set(a, item);
  }
  return (recipient) => map.get(recipient.toLowerCase());
}

/** Where `needle` first occurs in `text`, letters of any case (no lower-cased copy of a long text). */
function indexOfIgnoringCase(text: string, needle: string): number {
  if (!needle) return -1;
  return new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i").exec(text)?.index ?? -1;
}
