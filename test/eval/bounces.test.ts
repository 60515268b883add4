// Accuracy gate over the sisimai corpus (skipped where ../shared/corpus is absent).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { corpusDir } from "../../scripts/corpus.js";
import { evaluateBounces } from "../../scripts/eval-bounces.js";

const dir = corpusDir();

test("sisimai corpus: category, recipient, status and reply code, kinds, not-bounces", {
  skip: dir ? false : "no corpus",
}, async () => {
  const r = await evaluateBounces(join(dir!, "sisimai"));
  const misses = (field: string) =>
    r.misses
      .filter((m) => m.field === field || m.field === "missing")
      .slice(0, 10)
      .map((m) => `${m.file}#${m.index}: expected ${m.expected}, got ${m.got}`)
      .join("\n");
  assert.ok(
    r.categoryAlso / r.scoredCategory >= 0.97,
    `category ${r.categoryAlso}/${r.scoredCategory}\n${misses("category")}`,
  );
  assert.ok(r.recipient / r.labels >= 0.99, `recipient ${r.recipient}/${r.labels}\n${misses("recipient")}`);
  assert.ok(r.status / r.labels >= 0.95, `status ${r.status}/${r.labels}\n${misses("status")}`);
  assert.ok(r.reply / r.labels >= 0.95, `reply code ${r.reply}/${r.labels}\n${misses("reply")}`);
  for (const kind of ["complaint", "autoreply", "delivered"]) {
    const k = r.kind.get(kind);
    // Feedback reports of type auth-failure or not-spam are no complaints by design (counted apart).
    assert.ok(
      k && k.got + (k.byDesign ?? 0) === k.expected,
      `${kind}: ${k?.got}/${k?.expected} recognised, ${k?.byDesign ?? 0} by design`,
    );
  }
  assert.equal(r.notBounce.ok, r.notBounce.total, "maildir/not all not_bounce");
});
