// Fuzz: 10,000 mutated bounce emails (truncation, bit flips, broken boundaries, huge headers, deep
// nesting, mixed line endings). No exception may escape parseBounce and no case may take longer
// than the time budget. The seeds are the corpus emails when ../shared/corpus is there, and this
// project's own fixtures always.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { corpusDir } from "../../scripts/corpus.js";
import { parseBounce } from "../../src/index.js";
import { rng } from "../support/rng.js";
import * as fixtures from "./fixtures.js";

const seeds: Buffer[] = Object.values(fixtures)
  .filter((v): v is string => typeof v === "string")
  .map((s) => Buffer.from(s));
const dir = corpusDir();
if (dir) {
  const bsd = join(dir, "sisimai/maildir/bsd");
  for (const f of readdirSync(bsd)) seeds.push(readFileSync(join(bsd, f)));
}

const random = rng(424242);
const int = (n: number) => Math.floor(random() * n);

function mutate(seed: Buffer, i: number): Buffer | string {
  const s = seed.toString("latin1");
  switch (i % 8) {
    case 0:
      return seed.subarray(0, int(seed.length + 1));
    case 1: {
      const b = Buffer.from(seed);
      for (let k = 0; k < 1 + int(20); k++) {
        const at = int(b.length);
        b[at] = (b[at] ?? 0) ^ (1 << int(8));
      }
      return b;
    }
    case 2:
      return s
        .replace(/boundary="?([^"\s;]+)"?/i, `boundary="${"x".repeat(int(80))}"`)
        .replace(/--[^\s]{8,}/g, (m) => (random() < 0.5 ? m.slice(0, -2) : m));
    case 3: {
      const big = `X-Huge: ${"a".repeat(200_000 + int(300_000))}\n`;
      return big + s;
    }
    case 4: {
      let nested = "";
      const depth = 20 + int(120);
      for (let d = 0; d < depth; d++)
        nested += `Content-Type: multipart/mixed; boundary="b${d}"\n\n--b${d}\n`;
      return `From: MAILER-DAEMON@example.net\nSubject: Undelivered\n${nested}\n${s}`;
    }
    case 5:
      return s.replace(/\n/g, () => ["\n", "\r\n", "\r"][int(3)]!);
    case 6: {
      const at = int(s.length);
      return (
        s.slice(0, at) +
        "\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822;\nAction: \nStatus: 9.9\n" +
        s.slice(at)
      );
    }
    default:
      return s
        .split("\n")
        .filter(() => random() > 0.1)
        .join("\n");
  }
}

test("10,000 mutated bounce emails: no exception escapes, none over the time budget", async () => {
  const N = 10_000;
  const budget = 2000;
  let slowest = 0;
  for (let i = 0; i < N; i++) {
    const input = mutate(seeds[int(seeds.length)]!, i);
    const t0 = performance.now();
    try {
      const r = await parseBounce(input, { timeoutMs: budget });
      assert.ok(["bounce", "delay", "complaint", "autoreply", "delivered", "not_bounce"].includes(r.kind));
      JSON.stringify(r);
    } catch (e) {
      assert.fail(`case ${i} threw ${(e as Error).stack}`);
    }
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    assert.ok(ms < budget, `case ${i} took ${ms.toFixed(0)} ms`);
  }
  assert.ok(slowest < budget);
});
