import assert from "node:assert/strict";
import { test } from "node:test";
import { CATEGORIES } from "../../src/catalog/categories.js";
import { enhancedStatusMeaning } from "../../src/catalog/enhanced-status.js";
import { REASONS } from "../../src/catalog/reasons.js";
import { CATEGORY_IDS, LANGS } from "../../src/catalog/types.js";
import { UPSTREAM_CODE_ROWS } from "../../src/catalog/upstream-codes.js";
import { diagnose } from "../../src/index.js";

test("every category has names, definition and tips in every language", () => {
  for (const id of CATEGORY_IDS) {
    const c = CATEGORIES[id];
    assert.equal(c.id, id);
    for (const lang of LANGS) {
      assert.ok(c.name[lang].length > 1, `${id} name ${lang}`);
      assert.ok(c.definition[lang].length > 20, `${id} definition ${lang}`);
      assert.ok(c.tips[lang].length >= 2, `${id} tips ${lang}`);
    }
    assert.equal(c.tips.en.length, c.tips.id.length, `${id}: as many tips in Indonesian as in English`);
  }
});

test("tips cover what the taxonomy asks of each category", () => {
  const must: Record<string, RegExp[]> = {
    blocked: [/blocklist/i, /delist/i, /content/i, /volume/i, /contact/i],
    dmarc: [/DMARC record/i, /align/i, /SPF/, /DKIM/],
    invalid_address: [/typo/i, /remove invalid/i, /validate/i],
    inbox: [/later/i, /another channel/i],
    inbox_full: [/later/i, /free space/i],
    rate_limit: [/volume/i, /longer time/i, /reputation/i],
    recipient_error: [/online/i, /DNS records/i],
    rejection: [/policy/i, /content/i],
    sender_reputation: [
      /blocklist/i,
      /SPF, DKIM and DMARC/,
      /SNDS/,
      /Postmaster Tools/,
      /warm up/i,
      /validate/i,
      /unsubscribe/i,
    ],
  };
  for (const [id, patterns] of Object.entries(must)) {
    const text = CATEGORIES[id as keyof typeof CATEGORIES].tips.en.join(" ");
    for (const p of patterns) assert.match(text, p, `${id} tips must mention ${p}`);
  }
});

test("every reason belongs to a known category", () => {
  for (const [id, r] of REASONS) {
    assert.ok(CATEGORY_IDS.includes(r.category), id);
    assert.ok(id.startsWith(`${r.category}.`), id);
    assert.ok(r.name.en && r.name.id, id);
  }
});

test("every (error code, status code) pair of the upstream table gives a category without text", () => {
  assert.equal(UPSTREAM_CODE_ROWS.length, 209);
  for (const [category, code, status] of UPSTREAM_CODE_ROWS) {
    const d = diagnose({ response: "", errorCode: code, statusCode: status });
    assert.notEqual(d.category, "unknown", `${code} ${status ?? ""} (${category})`);
    assert.equal(d.errorCode, code);
    assert.equal(d.statusCode, status);
  }
});

test("enhanced status codes have their registered meaning", () => {
  assert.equal(enhancedStatusMeaning("5.1.1")?.meaning?.en, "Bad destination mailbox address");
  assert.equal(enhancedStatusMeaning("4.2.2")?.meaning?.id, "Kotak surat penuh");
  assert.equal(enhancedStatusMeaning("5.7.26")?.meaning?.en, "Multiple authentication checks failed");
  assert.equal(enhancedStatusMeaning("5.7.606")?.meaning, null);
  assert.equal(enhancedStatusMeaning("9.9.9"), null);
});
