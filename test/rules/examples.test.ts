// Every rule carries the real reply it was written for: each must match it and classify it as the rule says.
import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultEngine, diagnose } from "../../src/index.js";
import { normalizeReplyText } from "../../src/smtp/reply.js";

const engine = defaultEngine();

test("the rule set compiles and is not empty", () => {
  assert.ok(engine.rules.length > 50, `only ${engine.rules.length} rules`);
});

for (const rule of engine.rules) {
  test(`example of ${rule.id}`, () => {
    assert.ok(rule.example.trim().length > 0, "rule has no example");
    const matched = engine.matches(normalizeReplyText(rule.example)).map((m) => m.ruleId);
    assert.ok(matched.includes(rule.id), `${rule.id} does not match its own example: ${rule.example}`);
    const d = diagnose(rule.example);
    assert.equal(
      d.category,
      rule.category,
      `example classified as ${d.category} by ${d.evidence.ruleId} (rule says ${rule.category}): ${rule.example}`,
    );
  });
}

for (const p of engine.providers) {
  for (const c of p.codes ?? []) {
    test(`example of provider code ${p.id} ${c.status ?? c.reply}`, () => {
      const d = diagnose(c.example);
      assert.notEqual(d.category, "unknown", c.example);
    });
  }
}
