// What every finding must carry besides its English text: the same message and fix in Indonesian
// (`localized.id`, docs/checks.md "Languages"). Used on every finding the checks tests produce.
import assert from "node:assert/strict";
import type { Finding } from "../../src/checks/types.js";

/**
 * English words that an Indonesian text of the checks never contains outside the values put into
 * it (quoted records and phrases, URLs, the subject, the facts in `data`): one of them left means an
 * English fragment was not translated.
 */
const ENGLISH_WORDS =
  /(?<![\w-])(the|is|are|was|has|have|does|not|no|your|with|which|cannot|could|should|and|or|of|for|at|in|on|to|its|it|this|that|only|record|records|lookup|lookups|found|listed|missing|failed|invalid)(?![\w-])/;

/** The strings among a finding's facts, however deep. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

/** An Indonesian text without the values interpolated into it. */
function withoutValues(text: string, f: Finding): string {
  let s = text.replace(/"[^"]*"/g, " ").replace(/\b(?:https?|mailto):\S+/g, " ");
  // mailauth's own comment on a failed signature ("body hash did not verify") is quoted as it is.
  if (f.id === "message.dkim_fail") s = s.replace(/\(\w+: [^)]*\)/, " ");
  const values = [f.subject, ...strings(f.data)]
    .filter((x) => x.length > 1)
    .sort((a, b) => b.length - a.length);
  for (const v of values) s = s.split(v).join(" ");
  return s;
}

/** The English word left in an Indonesian text, if any. */
export function englishLeft(text: string, f: Finding): string | null {
  return ENGLISH_WORDS.exec(withoutValues(text, f))?.[1] ?? null;
}

/**
 * Every finding has a non-empty Indonesian message and fix, different from the English ones (the
 * fix may only equal an English fix that is empty or "none"), with no English words left.
 */
export function assertIndonesian(findings: readonly Finding[], where = ""): void {
  for (const f of findings) {
    const at = `${f.id}${where ? ` (${where})` : ""}`;
    const id = f.localized?.id;
    assert.ok(id, `${at}: no localized.id`);
    assert.equal(typeof id.message, "string", `${at}: localized.id.message`);
    assert.equal(typeof id.fix, "string", `${at}: localized.id.fix`);
    assert.ok(id.message.trim().length > 0, `${at}: empty Indonesian message`);
    assert.ok(id.fix.trim().length > 0, `${at}: empty Indonesian fix`);
    assert.notEqual(id.message, f.message, `${at}: the Indonesian message is the English one`);
    if (f.fix.trim() !== "" && !/^none\.?$/i.test(f.fix.trim()))
      assert.notEqual(id.fix, f.fix, `${at}: the Indonesian fix is the English one`);
    const inMessage = englishLeft(id.message, f);
    assert.equal(inMessage, null, `${at}: English word "${inMessage}" in "${id.message}"`);
    const inFix = englishLeft(id.fix, f);
    assert.equal(inFix, null, `${at}: English word "${inFix}" in "${id.fix}"`);
  }
}
