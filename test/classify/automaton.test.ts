import assert from "node:assert/strict";
import { test } from "node:test";
import { Automaton, ScanResult } from "../../src/classify/automaton.js";

/** Every (keyword, end) occurrence by plain search, sorted by end, then keyword. */
function naiveHits(keywords: readonly string[], text: string): number[][] {
  const lower = text.toLowerCase();
  const out: number[][] = [];
  keywords.forEach((k, ki) => {
    for (let at = lower.indexOf(k); at >= 0; at = lower.indexOf(k, at + 1)) out.push([ki, at + k.length]);
  });
  return out.sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]!);
}

function scanHits(automaton: Automaton, text: string): number[][] {
  const r = new ScanResult();
  automaton.scan(text, r);
  const out: number[][] = [];
  for (let h = 0; h < r.hitCount; h++) out.push([r.hits[2 * h]!, r.hits[2 * h + 1]!]);
  return out.sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]!);
}

test("the scan finds every occurrence of every keyword, as plain search does", () => {
  // Keywords over a small alphabet overlap a lot: long one-child chains whose failure states are
  // chains too, branching states deep down, keywords inside keywords.
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const letters = "abcAB é";
  const word = (max: number): string => {
    let w = "";
    const length = 1 + random(max);
    for (let i = 0; i < length; i++) w += letters[random(letters.length)];
    return w;
  };
  for (let round = 0; round < 200; round++) {
    const set = new Set<string>();
    const count = 1 + random(30);
    while (set.size < count) set.add(word(12).toLowerCase());
    const keywords = [...set];
    const automaton = new Automaton(keywords);
    for (let t = 0; t < 10; t++) {
      // Texts built partly of the keywords themselves, so that deep states are reached.
      let text = "";
      while (text.length < 200) text += random(2) ? keywords[random(keywords.length)]! : word(5);
      assert.deepEqual(scanHits(automaton, text), naiveHits(keywords, text), `${keywords} in ${text}`);
    }
  }
});

test("a keyword's hit is found in any case and after a false start", () => {
  const automaton = new Automaton(["user unknown", "unknown user", "er u"]);
  assert.deepEqual(scanHits(automaton, "550 USER UNKNOWN; User Unknown user"), [
    [2, 10],
    [0, 16],
    [2, 24],
    [0, 30],
    [1, 35],
  ]);
});

test("a scan asked to stop early ends at the first stop keyword, with the hits before it", () => {
  const automaton = new Automaton(["user", "unknown", "  ", "mailbox"], [2]);
  const text = "550 user  unknown mailbox";
  const r = new ScanResult();
  assert.equal(automaton.scan(text, r, true), true);
  const hits = Array.from(r.hits.subarray(0, 2 * r.hitCount));
  assert.deepEqual(hits, [0, 8, 2, 10]); // "user" ends at 8, "  " at 10; nothing after
  // Without stopEarly (or without a stop keyword) the same scan goes on to the end.
  assert.equal(automaton.scan(text, r), false);
  assert.equal(r.hitCount, 4);
  assert.equal(new Automaton(["user", "  "]).scan(text, r, true), false);
});
