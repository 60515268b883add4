// Accuracy gate over the shared corpus (skipped where ../shared/corpus is absent).
import assert from "node:assert/strict";
import { test } from "node:test";
import { corpusDir, loadResponses } from "../../scripts/corpus.js";
import { evaluateResponses } from "../../scripts/eval-responses.js";

const dir = corpusDir();

test("responses.jsonl: at least 97% counting also, 92% primary, at most 2% unknown", {
  skip: dir ? false : "no corpus",
}, () => {
  const r = evaluateResponses(loadResponses(dir!));
  const withAlso = r.withAlso / r.scored;
  const primary = r.primary / r.scored;
  const unknown = r.unknown / r.scored;
  const worst = r.misses
    .slice(0, 10)
    .map((m) => `${m.id}: ${m.expected} → ${m.got}`)
    .join("\n");
  assert.ok(withAlso >= 0.97, `counting also ${(100 * withAlso).toFixed(1)}% < 97%\n${worst}`);
  assert.ok(primary >= 0.92, `primary ${(100 * primary).toFixed(1)}% < 92%`);
  assert.ok(unknown <= 0.02, `unknown ${(100 * unknown).toFixed(1)}% > 2%`);
  for (const [cat, s] of r.perCategory) {
    if (cat !== "unknown") assert.ok(s.tp + s.fn > 0, `recall of ${cat} is reported (has support)`);
  }
});
