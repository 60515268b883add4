// No rule may take more than 1 ms on a 100 KB adversarial input: each regex rule is verified, as the
// engine verifies it, on strings built to make a backtracking engine work hard (its own keywords
// repeated, near-misses, long runs of one character). The bare expressions are also checked on
// 10 KB, so that a window of the engine is never what hides a catastrophic pattern.
// Timing is a bound here, not a benchmark: 1 ms is far above normal.
import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultEngine } from "../../src/index.js";

const SIZE = 100 * 1024;

function fill(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

function adversarial(source: string, keywords: readonly string[]): string[] {
  const words = source.match(/[a-z][a-z' -]{2,}/gi)?.slice(0, 8) ?? [];
  return [
    fill("a"),
    fill(" "),
    fill("1."),
    fill("a."),
    fill("a-"),
    fill("@a."),
    ...keywords.slice(0, 6).map((k) => fill(`${k} `)),
    ...keywords.slice(0, 6).map((k) => fill(`${k}`)),
    ...words.map((w) => fill(`${w} `)),
    fill(`${keywords.join(" ")} ${words.join(" ")} `),
  ];
}

const engine = defaultEngine();
const regexRules = engine.rules.filter((r) => r.regex);

test("there are regex rules to check", () => {
  assert.ok(regexRules.length > 10);
});

for (const rule of regexRules) {
  test(`${rule.id} stays under 1 ms on 100 KB adversarial input`, () => {
    const re = rule.regex!;
    const inputs = adversarial(re.source, keywordsOf(rule.id));
    for (const input of inputs) {
      // The keywords' places are the scan's work (timed in bench/): found before the clock starts.
      const ends = engine.keywordEnds(rule.id, input);
      const ms = bestOf3(() => engine.verifyRule(rule.id, input, ends));
      assert.ok(ms < 1, `${rule.id}: ${ms.toFixed(2)} ms on ${JSON.stringify(input.slice(0, 40))}…`);
      const small = input.slice(0, 10 * 1024);
      const bare = bestOf3(() => re.exec(small));
      assert.ok(
        bare < 1,
        `${rule.id}: bare pattern ${bare.toFixed(2)} ms on 10 KB of ${JSON.stringify(input.slice(0, 40))}…`,
      );
    }
  });
}

function bestOf3(f: () => unknown): number {
  f(); // warm up the regexp compiler
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function keywordsOf(id: string): string[] {
  return engine.keywordsOf(id);
}
