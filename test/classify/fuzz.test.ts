// Property test: 100,000 random and mutated replies (some of 100 KB) always give a valid
// diagnosis and never throw. Deterministic: a fixed seed, so a failure can be replayed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { REASONS } from "../../src/catalog/reasons.js";
import { ACTION_TYPES, CATEGORY_IDS } from "../../src/catalog/types.js";
import type { Diagnosis, ReplyInput } from "../../src/classify/diagnosis.js";
import { defaultEngine, diagnose } from "../../src/index.js";
import { flipChars, rng, truncate } from "../support/rng.js";

const random = rng(20261126);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const seeds = defaultEngine().rules.map((r) => r.example);
const alphabet =
  "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@:;<>[](){}#'\"\\/\n\r\t=,+*%&$!?~`^|";
const unicode = [
  "é",
  "ü",
  "ß",
  "Ж",
  "я",
  "宛",
  "先",
  "不",
  "明",
  "\u0000",
  "\ud800",
  "\udfff",
  "\u00a0",
  "\u2028",
  "😀",
  "\ufeff",
];

function randomString(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += random() < 0.9 ? alphabet[int(alphabet.length)] : pick(unicode);
  return s;
}

function mutate(text: string): string {
  switch (int(9)) {
    case 0:
      return truncate(random, text);
    case 1:
      return flipChars(random, text, 5, 0x10000);
    case 2: {
      const at = int(text.length + 1);
      return text.slice(0, at) + randomString(1 + int(40)) + text.slice(at);
    }
    case 3:
      return `${text} ${pick(seeds)}`;
    case 4:
      return text.replace(/\d/g, () => String(int(10)));
    case 5:
      return text.toUpperCase();
    case 6:
      return text.split(" ").reverse().join(" ");
    case 7:
      return text.replace(/ /g, "\r\n550-5.7.1 ");
    default:
      return text.replace(/[a-z]/gi, (c) => (random() < 0.1 ? pick(unicode) : c));
  }
}

function hugeString(): string {
  const unit = pick([pick(seeds), randomString(50), "a", "5.", "550-", "user unknown ", "@a.", "http://"]);
  return unit.repeat(Math.ceil((100 * 1024) / Math.max(1, unit.length))).slice(0, 100 * 1024);
}

function input(i: number): string | ReplyInput {
  const text = i % 1000 === 0 ? hugeString() : random() < 0.7 ? mutate(pick(seeds)) : randomString(int(400));
  if (random() < 0.7) return text;
  const weird = [undefined, null, 550, 421, "550", "abc", -1, 1e9, Number.NaN, 99, 1000, "5.1.1"];
  return {
    response: text,
    errorCode: pick(weird) as number,
    statusCode: pick([
      undefined,
      null,
      "5.1.1",
      "4.2.2",
      "9.9.9",
      "x",
      "5.7.606",
      " 5.1.10 ",
      "5.8.1",
    ]) as string,
    remoteHost: pick([
      undefined,
      null,
      "gmail-smtp-in.l.google.com",
      "",
      ".",
      "MX.EXAMPLE.COM.",
      randomString(30),
    ]) as string,
    command: pick([undefined, null, "RCPT TO", "data", "zzz", ""]) as string,
  };
}

function assertValid(d: Diagnosis): void {
  assert.ok(["bounce", "delay", "delivered", "autoreply", "complaint", "not_bounce"].includes(d.kind));
  assert.ok(CATEGORY_IDS.includes(d.category));
  assert.ok(REASONS.has(d.reason) && d.reason.startsWith(`${d.category}.`), d.reason);
  assert.ok(
    d.errorCode === null || (Number.isInteger(d.errorCode) && d.errorCode >= 100 && d.errorCode <= 999),
  );
  assert.ok(d.statusCode === null || /^[245]\.\d{1,3}\.\d{1,3}$/.test(d.statusCode));
  assert.ok(d.permanence === "hard" || d.permanence === "soft");
  assert.ok(ACTION_TYPES.includes(d.action.type));
  assert.ok(d.action.retryAfterSeconds === null || d.action.retryAfterSeconds > 0);
  assert.ok(d.evidence.confidence >= 0 && d.evidence.confidence <= 1);
  for (const k of ["blocklists", "ips", "domains", "urls", "addresses"] as const)
    assert.ok(Array.isArray(d.entities[k]));
  JSON.stringify(d);
}

test("100,000 random and mutated replies always give a valid diagnosis", () => {
  const N = 100_000;
  let unknown = 0;
  for (let i = 0; i < N; i++) {
    const x = input(i);
    let d: Diagnosis;
    try {
      d = diagnose(x, { lang: i % 2 ? "none" : "all" });
    } catch (e) {
      assert.fail(`case ${i} threw ${(e as Error).stack}: ${JSON.stringify(x).slice(0, 300)}`);
    }
    assertValid(d);
    if (d.category === "unknown") unknown++;
  }
  assert.ok(unknown < N, "some inputs are classified");
});
