// Fuzz: the log and webhook readers take what the Internet and the disks give them. Mutated webhook
// bodies (values swapped for other types, keys dropped, huge strings, deep nesting, truncated or
// bit-flipped JSON) must give events or a WebhookError (400), never another exception; every event
// they give must pass the checks of POST /v1/events and be classified. Mutated log lines (truncated,
// fields shuffled, bytes flipped, huge) must never throw, and every event must be classified too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkEvent, classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import { LogReader } from "../../src/ingest/logs/index.js";
import { fromWebhook, WebhookError } from "../../src/ingest/webhooks/index.js";
import { flipChars, rng, truncate } from "../support/rng.js";
import { EXIM_LOG, POSTFIX_LOG, SENDMAIL_LOG } from "./logs.fixtures.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const random = rng(20261127);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

function fixture(name: string): Json {
  const path = fileURLToPath(new URL(`../../../test/ingest/fixtures/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

/** Each provider's bodies as it posts them: one event, a list of them, an SNS envelope. */
function seedsOf(provider: string): Json[] {
  if (provider === "ses") {
    const messages = Object.values(fixture("ses-messages.json") as Record<string, Json>);
    const envelopes = Object.values(fixture("sns-envelopes.json") as Record<string, Json>);
    return [
      ...messages,
      ...envelopes,
      ...messages.map((m) => ({ Type: "Notification", MessageId: "m-1", Message: JSON.stringify(m) })),
    ];
  }
  const list = fixture(`${provider}-events.json`) as Json[];
  return [list, ...list];
}

const ODD_VALUES: Json[] = [
  null,
  true,
  0,
  -1,
  1e308,
  "",
  " ",
  "not-an-address",
  "a@b",
  "x".repeat(100_000),
  "\u0000\ud800",
  "1970-01-01T00:00:00Z",
  "99999-12-31T00:00:00Z",
  [],
  {},
  [null, 1, "a"],
  { nested: { deeper: [1, { x: "y" }] } },
];

/** A copy of `v` with one value somewhere inside replaced, a key dropped, or a level nested. */
function mutateValue(v: Json, depth = 0): Json {
  if (v === null || typeof v !== "object" || (depth > 0 && random() < 0.25)) {
    return random() < 0.2 ? mutateString(String(v)) : pick(ODD_VALUES);
  }
  if (Array.isArray(v)) {
    if (v.length === 0 || random() < 0.1) return [...v, pick(ODD_VALUES)];
    const i = int(v.length);
    const out = [...v];
    if (random() < 0.15) out.splice(i, 1);
    else out[i] = mutateValue(v[i]!, depth + 1);
    return out;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return { x: pick(ODD_VALUES) };
  const k = pick(keys);
  const out = { ...v };
  if (random() < 0.15) delete out[k];
  else if (typeof out[k] === "string" && k === "Message" && random() < 0.7) {
    // SNS: the SES message travels as a JSON string; mutate what it holds.
    try {
      out[k] = JSON.stringify(mutateValue(JSON.parse(out[k] as string) as Json, depth + 1));
    } catch {
      out[k] = mutateString(out[k] as string);
    }
  } else out[k] = mutateValue(v[k]!, depth + 1);
  return out;
}

function mutateString(s: string): string {
  switch (int(5)) {
    case 0:
      return truncate(random, s);
    case 1:
      return flipChars(random, s, 10, 0x3000);
    case 2:
      return s + "\u0000".repeat(int(5));
    case 3: {
      let nested = "";
      for (let d = 0; d < 500 + int(2000); d++) nested += "[";
      return nested + s;
    }
    default:
      return s.replace(/[{}[\]",:]/g, (c) => (random() < 0.05 ? "" : c));
  }
}

/** Checks what a reader gave: events the service would store, and classifiable. */
function assertUsable(events: DeliveryEvent[], where: string): void {
  for (const e of events) {
    const checked = checkEvent(e);
    assert.ok(checked.ok, `${where}: an event the service refuses (${JSON.stringify(e).slice(0, 300)})`);
    const c = classifyEvent(checked.event);
    assert.equal(typeof c.recipient, "string", where);
  }
}

test("5,000 mutated webhook bodies: events or a 400, never another exception", async () => {
  const providers = ["ses", "sendgrid", "mailgun", "postmark", "sparkpost"];
  const seeds = new Map(providers.map((p) => [p, seedsOf(p)]));
  let events = 0;
  let refused = 0;
  for (let i = 0; i < 5000; i++) {
    const provider = providers[i % providers.length]!;
    const seed = pick(seeds.get(provider)!);
    let rawBody = JSON.stringify(mutateValue(seed));
    if (i % 7 === 0) rawBody = mutateString(rawBody);
    const where = `${provider} case ${i}: ${rawBody.slice(0, 200)}`;
    try {
      const r = await fromWebhook(provider, undefined, { headers: {}, rawBody, secrets: {} });
      if ("events" in r) {
        assertUsable(r.events, where);
        events += r.events.length;
      }
    } catch (e) {
      assert.ok(e instanceof WebhookError, `${where}: ${(e as Error)?.stack ?? String(e)}`);
      assert.equal(e.status, 400, `${where}: ${e.message}`);
      refused++;
    }
  }
  // The mutations keep many bodies readable: the fuzz reaches the event mapping, not only JSON.parse.
  assert.ok(events > 1000, `only ${events} events came through`);
  assert.ok(refused > 100, `only ${refused} bodies were refused`);
});

test("20,000 mutated log lines: never an exception, every event usable", () => {
  const lines = [POSTFIX_LOG, EXIM_LOG, SENDMAIL_LOG].flatMap((log) => log.split("\n").filter(Boolean));
  const reader = new LogReader({ timeZone: "utc", year: 2026 });
  let events = 0;
  for (let i = 0; i < 20_000; i++) {
    const line = pick(lines);
    let mutated: string;
    switch (i % 6) {
      case 0:
        mutated = truncate(random, line);
        break;
      case 1: {
        const fields = line.split(" ");
        const a = int(fields.length);
        const b = int(fields.length);
        [fields[a], fields[b]] = [fields[b]!, fields[a]!];
        mutated = fields.join(" ");
        break;
      }
      case 2:
        mutated = mutateString(line);
        break;
      case 3:
        mutated = line.replace(/=[^,\s]*/g, (m) => (random() < 0.3 ? `=${pick(ODD_VALUES as string[])}` : m));
        break;
      case 4:
        mutated = `${line} ${"(".repeat(int(5000))}${"x".repeat(int(70_000))}`;
        break;
      default:
        mutated = line; // unchanged lines keep queues alive for the mutated ones after them
    }
    const out = reader.push(`${mutated}\n`);
    assertUsable(out, `line ${i}: ${mutated.slice(0, 300)}`);
    events += out.length;
  }
  assertUsable(reader.end(), "end");
  assert.ok(events > 500, `only ${events} events came through`);
  // (Truncation leaves empty lines, which are not counted; inserted characters may split lines.)
  assert.ok(reader.stats.lines > 15_000, `${reader.stats.lines} lines read`);
});
