import assert from "node:assert/strict";
import { test } from "node:test";
import { type ClassifiedEvent, classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import { dedupeKey, legacyDedupeKey, Store } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const at = (d: string) => `2026-02-${d}T10:00:00.000Z`;
const ev = (e: Partial<DeliveryEvent> & Pick<DeliveryEvent, "type" | "recipient">): DeliveryEvent => ({
  source: "api",
  timestamp: at("02"),
  sendingDomain: "news.example.org",
  sendingIp: "192.0.2.10",
  ...e,
});

/**
 * `count` events `stepMs` apart from `start`, cycling through `replies` ("" is a delivery, 4xx a
 * deferral), over three recipient domains, two sending domains, three IPs and a tag every `tagEvery`.
 */
function spreadEvents(o: {
  prefix: string;
  count: number;
  start: number;
  stepMs: number;
  replies: string[];
  tagEvery: number;
}): DeliveryEvent[] {
  const events: DeliveryEvent[] = [];
  for (let i = 0; i < o.count; i++) {
    const response = o.replies[i % o.replies.length]!;
    events.push(
      ev({
        sourceId: `${o.prefix}${i}`,
        type: response === "" ? "delivered" : response.startsWith("4") ? "deferred" : "bounce",
        recipient: `${o.prefix}${i}@example${i % 3}.com`,
        response: response || null,
        timestamp: new Date(o.start + i * o.stepMs).toISOString(),
        sendingDomain: `d${i % 2}.example.org`,
        sendingIp: `192.0.2.${i % 3}`,
        tag: i % o.tagEvery === 0 ? "welcome" : null,
      }),
    );
  }
  return events;
}

for (const db of testDatabases()) {
  test(`${db.name}: events are stored once, with their diagnosis, and listed newest first`, async () => {
    const store = await Store.open(await db.url());
    try {
      const events = [
        ev({ type: "delivered", recipient: "ok@example.com", sourceId: "1" }),
        ev({
          type: "bounce",
          recipient: "gone@example.com",
          response: "550 5.1.1 User unknown",
          sourceId: "2",
        }),
        ev({
          type: "deferred",
          recipient: "later@example.com",
          response: "421 4.7.0 Try again later",
          sourceId: "3",
        }),
      ].map(classifyEvent);
      assert.deepEqual(await store.insertEvents(events), {
        inserted: 3,
        duplicates: 0,
        stored: events,
        unlistable: [],
      });
      assert.deepEqual(await store.insertEvents(events.slice(1)), {
        inserted: 0,
        duplicates: 2,
        stored: [],
        unlistable: [],
      });
      const page = await store.listEvents({ limit: 2 });
      assert.equal(page.items.length, 2);
      assert.equal(page.items[0]!.recipient, "later@example.com");
      assert.equal(page.items[1]!.diagnosis?.category, "invalid_address");
      const rest = await store.listEvents({ limit: 2, before: page.next! });
      assert.deepEqual(
        rest.items.map((e) => e.recipient),
        ["ok@example.com"],
      );
      assert.equal(rest.next, null);
      const bounces = await store.listEvents({ limit: 10, category: "invalid_address" });
      assert.equal(bounces.items.length, 1);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: suppression policy: invalid at once, inbox after repeats, never sender-side`, async () => {
    const store = await Store.open(await db.url());
    try {
      await store.insertEvents(
        [
          ev({
            type: "bounce",
            recipient: "Gone@Example.com",
            response: "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown",
          }),
          ev({
            type: "bounce",
            recipient: "good@example.com",
            response:
              "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org",
          }),
          ev({
            type: "bounce",
            recipient: "good@example.com",
            response: "550 5.7.26 Unauthenticated email is not accepted due to domain's DMARC policy",
          }),
          ev({
            type: "deferred",
            recipient: "good@example.com",
            response: "421 4.7.28 rate limited",
            timestamp: at("03"),
          }),
        ].map(classifyEvent),
      );
      const gone = await store.getSuppression("gone@example.com");
      assert.equal(gone?.category, "invalid_address");
      assert.equal(gone?.reason, "invalid_address.user_unknown");
      assert.equal(gone?.expiresAt, null);
      assert.equal(await store.getSuppression("good@example.com"), null, "sender-side causes never suppress");

      const full = (d: string) =>
        ev({
          type: "bounce",
          recipient: "full@example.com",
          response: "552 5.2.2 Mailbox full",
          timestamp: at(d),
        });
      const now = Date.parse(at("10"));
      for (const d of ["04", "05", "06", "07"]) await store.insertEvents([classifyEvent(full(d))], now);
      assert.equal(
        await store.getSuppression("full@example.com", now),
        null,
        "4 full-mailbox failures are not yet enough",
      );
      await store.insertEvents([classifyEvent(full("08"))], now);
      const s = await store.getSuppression("full@example.com", now);
      assert.equal(s?.category, "inbox_full");
      assert.ok(s?.expiresAt, "soft suppressions expire");
      assert.equal(await store.getSuppression("full@example.com", now + 91 * 86400_000), null, "expired");

      await store.insertEvents([classifyEvent(ev({ type: "complaint", recipient: "angry@example.com" }))]);
      assert.equal((await store.getSuppression("angry@example.com"))?.category, "complaint");

      const manual = await store.addSuppression("Manual@Example.com", "manual", "asked by phone", null);
      assert.equal(manual.address, "manual@example.com");
      const list = await store.listSuppressions({ limit: 10, search: "example" });
      assert.deepEqual(list.items.map((x) => x.address).sort(), [
        "angry@example.com",
        "gone@example.com",
        "manual@example.com",
      ]);
      assert.equal(await store.removeSuppression("manual@example.com"), true);
      assert.equal(await store.removeSuppression("manual@example.com"), false);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: statistics: totals, rates and groups`, async () => {
    const store = await Store.open(await db.url());
    try {
      const events: DeliveryEvent[] = [];
      for (let i = 0; i < 6; i++)
        events.push(ev({ type: "delivered", recipient: `r${i}@example.com`, sourceId: `d${i}` }));
      events.push(
        ev({
          type: "bounce",
          recipient: "a@example.com",
          response: "550 5.1.1 User unknown",
          sourceId: "b1",
        }),
      );
      events.push(
        ev({
          type: "bounce",
          recipient: "b@example.com",
          response: "550 5.1.1 User unknown",
          sourceId: "b2",
          sendingIp: "192.0.2.11",
        }),
      );
      events.push(
        ev({
          type: "bounce",
          recipient: "c@example.com",
          response: "552 5.2.2 Mailbox full",
          sourceId: "b3",
        }),
      );
      events.push(
        ev({
          type: "deferred",
          recipient: "d@example.com",
          response: "421 4.7.0 Too many connections",
          sourceId: "f1",
        }),
      );
      await store.insertEvents(events.map(classifyEvent));
      const s = await store.stats({}, ["category", "errorCode", "statusCode"], null);
      assert.equal(s.totals.sent, 9);
      assert.equal(s.totals.delivered, 6);
      assert.equal(s.totals.bounces, 3);
      assert.equal(s.totals.deferred, 1);
      assert.ok(Math.abs(s.totals.deliveryRate! - 6 / 9) < 1e-9);
      assert.equal(s.totals.permanentBounces, 2);
      const top = s.groups[0]!;
      assert.deepEqual(
        [top.category, top.errorCode, top.statusCode, top.count],
        ["invalid_address", 550, "5.1.1", 2],
      );
      assert.ok(Math.abs((top.share as number) - 0.5) < 1e-9);
      const byIp = await store.stats({ sendingIp: "192.0.2.11" }, ["sendingIp"], null);
      assert.equal(byIp.totals.bounces, 1);
      const byDay = await store.stats({}, ["category"], 86400_000);
      assert.equal(byDay.groups[0]!.bucket, "2026-02-02T00:00:00.000Z");
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: API keys are stored hashed and can be revoked`, async () => {
    const store = await Store.open(await db.url());
    try {
      assert.equal(await store.hasApiKeys(), false);
      const { id, key } = await store.createApiKey("ci");
      assert.equal(await store.verifyApiKey(key), true);
      assert.equal(await store.verifyApiKey(`${key}x`), false);
      assert.equal(await store.verifyApiKey("nope"), false);
      const raw = await store.db.selectFrom("api_keys").selectAll().execute();
      assert.ok(!JSON.stringify(raw).includes(key.split(".")[1]!), "the secret is not stored");
      assert.equal(await store.revokeApiKey(id), true);
      assert.equal(await store.verifyApiKey(key), false);
    } finally {
      await store.close();
    }
  });
}

for (const db of testDatabases()) {
  test(`${db.name}: texts with NUL characters are stored (without them)`, async () => {
    const store = await Store.open(await db.url());
    try {
      const e = classifyEvent({
        source: "api",
        type: "bounce",
        recipient: "nul@example.com",
        timestamp: "2026-02-02T00:00:00Z",
        response: "550 5.1.1 user\u0000 unknown",
      });
      assert.deepEqual(await store.insertEvents([e]), {
        inserted: 1,
        duplicates: 0,
        stored: [e],
        unlistable: [],
      });
      const got = (await store.listEvents({ limit: 1 })).items[0]!;
      assert.equal(got.response, "550 5.1.1 user unknown");
    } finally {
      await store.close();
    }
  });
}

for (const db of testDatabases()) {
  test(`${db.name}: statistics from the daily rollups equal those from the events`, async () => {
    const store = await Store.open(await db.url());
    try {
      const events = spreadEvents({
        prefix: "r",
        count: 400,
        start: Date.UTC(2026, 1, 1),
        stepMs: 5 * 3600_000,
        replies: [
          "550 5.1.1 User unknown",
          "552 5.2.2 Mailbox full",
          "421 4.7.0 Too many connections",
          "554 5.7.1 blocked using zen.spamhaus.org",
          "",
        ],
        tagEvery: 4,
      });
      // In two calls, so that rollups are added to, not only created.
      await store.insertEvents(events.slice(0, 250).map(classifyEvent));
      await store.insertEvents(events.slice(200).map(classifyEvent));
      const day = 86400_000;
      const questions: [
        Parameters<Store["stats"]>[0],
        Parameters<Store["stats"]>[1],
        number | null,
        number?,
      ][] = [
        [{}, ["category", "errorCode", "statusCode", "provider"], null],
        [{ from: Date.UTC(2026, 1, 3, 7), to: Date.UTC(2026, 1, 40, 13) }, ["category"], null],
        [{ from: Date.UTC(2026, 1, 5), to: Date.UTC(2026, 1, 20) }, ["category", "errorCode"], day],
        [{ sendingDomain: "d1.example.org", from: Date.UTC(2026, 1, 2, 5) }, ["category"], 7 * day],
        [{ sendingIp: "192.0.2.2", category: "invalid_address" }, ["statusCode"], null],
        [{ tag: "welcome", to: Date.UTC(2026, 1, 30, 1) }, ["provider"], null],
        [{ from: Date.UTC(2026, 1, 9, 2), to: Date.UTC(2026, 1, 9, 20) }, ["category"], null],
        [{ sendingDomain: "d0.example.org", sendingIp: "192.0.2.1" }, ["category", "provider"], null],
        [
          {
            sendingDomain: "d0.example.org",
            sendingIp: "192.0.2.0",
            tag: "welcome",
            from: Date.UTC(2026, 1, 4, 3),
          },
          ["category"],
          day,
        ],
        [{ sendingIp: "192.0.2.2", tag: "welcome", provider: "gmail" }, ["errorCode"], null],
        // "No provider", reply and status codes (and none of them): the rollups keep "" and 0 for null.
        [{ provider: "none" }, ["category", "statusCode"], null],
        [
          { provider: "none", from: Date.UTC(2026, 1, 3, 7), to: Date.UTC(2026, 1, 20, 13) },
          ["category"],
          day,
        ],
        [{ errorCode: 550, from: Date.UTC(2026, 1, 2, 5) }, ["statusCode", "provider"], null],
        [{ errorCode: "none", tag: "welcome" }, ["category"], null],
        [{ statusCode: "5.2.2", sendingDomain: "d1.example.org" }, ["errorCode"], 7 * day],
        [{ statusCode: "none", to: Date.UTC(2026, 1, 30, 1) }, ["category"], null],
        // In the viewer's time zone: periods from local midnight (UTC+07:00, UTC-05:00); totals
        // still come from the rollups for whole UTC days, local day and week buckets from the events.
        [{ from: Date.UTC(2026, 1, 4, 17), to: Date.UTC(2026, 1, 18, 17) }, ["category"], null, 420],
        [{ from: Date.UTC(2026, 1, 4, 17), to: Date.UTC(2026, 1, 18, 17) }, ["category"], day, 420],
        [{ from: Date.UTC(2026, 1, 5, 5), to: Date.UTC(2026, 1, 19, 5) }, ["category"], day, -300],
        [{ sendingDomain: "d1.example.org", from: Date.UTC(2026, 1, 1, 17) }, ["category"], 7 * day, 420],
        [{ tag: "welcome", to: Date.UTC(2026, 1, 30, 5) }, ["provider"], 7 * day, -300],
        [
          { from: Date.UTC(2026, 1, 9, 18, 30), to: Date.UTC(2026, 1, 10, 18, 30) },
          ["category"],
          3600_000,
          330,
        ],
      ];
      for (const [f, g, b, tz] of questions) {
        const fast = await store.stats(f, g, b, 500, true, tz);
        const slow = await store.stats(f, g, b, 500, false, tz);
        const norm = (x: typeof fast) => ({
          ...x,
          groups: [...x.groups].sort((p, q) => JSON.stringify(p).localeCompare(JSON.stringify(q))),
        });
        assert.deepEqual(norm(fast), norm(slow), JSON.stringify(f));
      }
    } finally {
      await store.close();
    }
  });
}

// Buckets in the viewer's time zone. Events one minute before and one minute after local midnight
// on several days, for a zone east of UTC (UTC+07:00, Jakarta) and one west of it (UTC-05:00): the
// two minutes of a pair fall in one UTC day but in two local days, so a UTC bucket or an offset
// with the wrong sign gives other counts than the ones written out here.
const DAY = 86400_000;
const ZONES = [
  { offset: 420, domain: "wib.example.org" },
  { offset: -300, domain: "est.example.org" },
];
/** Local midnight of 2026-03-(10 + k) in a zone `offset` minutes east of UTC, as a UTC instant. */
const midnight = (offset: number, k: number) => Date.UTC(2026, 2, 10 + k) - offset * 60_000;

function midnightEvents(): ClassifiedEvent[] {
  const out: DeliveryEvent[] = [];
  for (const { offset, domain } of ZONES) {
    for (let k = 0; k < 4; k++) {
      const m = midnight(offset, k);
      // k + 1 hard bounces in the last minute of the local day before, 10 + k deferrals in the
      // first minute of the local day, 2 deliveries at local noon.
      for (let i = 0; i < k + 1; i++)
        out.push({
          source: "api",
          sourceId: `${domain}-b${k}-${i}`,
          type: "bounce",
          recipient: `b${k}.${i}@example.com`,
          response: "550 5.1.1 User unknown",
          timestamp: new Date(m - 60_000).toISOString(),
          sendingDomain: domain,
        });
      for (let i = 0; i < 10 + k; i++)
        out.push({
          source: "api",
          sourceId: `${domain}-d${k}-${i}`,
          type: "deferred",
          recipient: `d${k}.${i}@example.com`,
          response: "421 4.7.0 Too many connections, try again later",
          timestamp: new Date(m + 60_000).toISOString(),
          sendingDomain: domain,
        });
      for (let i = 0; i < 2; i++)
        out.push({
          source: "api",
          sourceId: `${domain}-ok${k}-${i}`,
          type: "delivered",
          recipient: `ok${k}.${i}@example.com`,
          timestamp: new Date(m + 12 * 3600_000).toISOString(),
          sendingDomain: domain,
        });
    }
  }
  return out.map(classifyEvent);
}

/** Failures per bucket and category counted here, from the events themselves. */
function expectedBuckets(
  events: ClassifiedEvent[],
  f: {
    from?: number;
    to?: number;
    sendingDomain?: string;
    sendingIp?: string;
    tag?: string;
    recipientDomain?: string;
  },
  bucketMs: number,
  offset: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  // Weeks start on Mondays: the epoch was a Thursday, so weeks are 3 days off its multiples.
  const off = offset * 60_000 + (bucketMs === 7 * DAY ? 3 * DAY : 0);
  for (const e of events) {
    const t = Date.parse(e.timestamp);
    if ((f.from !== undefined && t < f.from) || (f.to !== undefined && t >= f.to)) continue;
    if (f.sendingDomain && e.sendingDomain !== f.sendingDomain) continue;
    if (f.sendingIp && e.sendingIp !== f.sendingIp) continue;
    if (f.tag && e.tag !== f.tag) continue;
    if (f.recipientDomain && e.recipientDomain !== f.recipientDomain) continue;
    if (e.type !== "bounce" && e.type !== "deferred") continue;
    const key = `${new Date(Math.floor((t + off) / bucketMs) * bucketMs - off).toISOString()}|${e.diagnosis?.category ?? null}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const byBucket = (groups: Record<string, unknown>[]) => {
  const out: Record<string, number> = {};
  for (const g of groups) {
    const key = `${g.bucket}|${g.category ?? null}`;
    out[key] = (out[key] ?? 0) + Number(g.count);
  }
  return out;
};
const perBucket = (groups: Record<string, unknown>[]) => {
  const out: Record<string, number> = {};
  for (const g of groups) out[String(g.bucket)] = (out[String(g.bucket)] ?? 0) + Number(g.count);
  return out;
};

/** Every answer of the time-zone test, per database: both must give the same. */
const zoneAnswers = new Map<string, unknown[]>();

for (const db of testDatabases()) {
  test(`${db.name}: day and week buckets start at the viewer's local midnight (UTC+07:00, UTC-05:00)`, async () => {
    const store = await Store.open(await db.url());
    const answers = zoneAnswers.get(db.name) ?? [];
    zoneAnswers.set(db.name, answers);
    try {
      const events = midnightEvents();
      await store.insertEvents(events);
      const iso = (ms: number) => new Date(ms).toISOString();
      for (const { offset, domain } of ZONES) {
        const f = { sendingDomain: domain };
        const m = (k: number) => midnight(offset, k);
        // Written out: the local day starting at m(k) holds the deferrals just after it and the
        // bounces just before the next midnight.
        const days = await store.stats(f, ["category"], DAY, 500, true, offset);
        answers.push(days);
        assert.deepEqual(
          perBucket(days.groups),
          {
            [iso(m(-1))]: 1,
            [iso(m(0))]: 10 + 2,
            [iso(m(1))]: 11 + 3,
            [iso(m(2))]: 12 + 4,
            [iso(m(3))]: 13,
          },
          `day buckets at ${offset}`,
        );
        // The same question in UTC days puts each pair in one day: other counts.
        const utc = await store.stats(f, ["category"], DAY, 500, true, 0);
        assert.notDeepEqual(perBucket(utc.groups), perBucket(days.groups));
        assert.deepEqual(byBucket(utc.groups), expectedBuckets(events, f, DAY, 0));
        // And with the sign turned round: other counts again.
        const wrong = await store.stats(f, ["category"], DAY, 500, false, -offset);
        assert.notDeepEqual(perBucket(wrong.groups), perBucket(days.groups));

        // Weeks start on Mondays at local midnight: Monday 2026-03-09 holds every local day here.
        assert.equal(new Date(m(-1) + offset * 60_000).getUTCDay(), 1);
        const weeks = await store.stats(f, ["category"], 7 * DAY, 500, true, offset);
        answers.push(weeks);
        assert.deepEqual(perBucket(weeks.groups), { [iso(m(-1))]: 1 + 10 + 2 + 11 + 3 + 12 + 4 + 13 });
        // The events of the first three local days and the rest, in the weeks they fall in.
        for (const [from, to] of [
          [m(-1), m(2)],
          [m(2), m(3) + DAY],
        ] as const) {
          const part = await store.stats({ ...f, from, to }, ["bucket"], 7 * DAY, 500, true, offset);
          const sum = Object.values(perBucket(part.groups)).reduce((a, b) => a + b, 0);
          assert.deepEqual(Object.keys(perBucket(part.groups)), [iso(m(-1))]);
          assert.equal(sum, from === m(-1) ? 1 + 10 + 2 + 11 + 3 : 12 + 4 + 13);
        }

        // A period of whole local days: its totals (rollups for the whole UTC days inside it,
        // events for the edges) and its day buckets (events) count the same events.
        const period = { ...f, from: m(1), to: m(3) };
        for (const useRollups of [true, false]) {
          const p = await store.stats(period, ["category", "bucket"], DAY, 500, useRollups, offset);
          const totals = await store.stats(period, ["category"], null, 500, useRollups, offset);
          answers.push(p, totals);
          assert.deepEqual(perBucket(p.groups), { [iso(m(1))]: 11 + 3, [iso(m(2))]: 12 + 4 });
          assert.deepEqual(totals.totals, p.totals);
          assert.equal(totals.totals.deferred, 11 + 12);
          assert.equal(totals.totals.bounces, 3 + 4);
          assert.equal(totals.totals.delivered, 4);
          assert.equal(totals.totals.events, 11 + 12 + 3 + 4 + 4);
        }

        // Against a count made here, for several zones, bucket sizes and ranges, with and without
        // the rollups.
        for (const tz of [offset, 330, 840, -840, 0])
          for (const bucket of [3600_000, DAY, 7 * DAY])
            for (const range of [
              {},
              { from: m(0) - 3600_000, to: m(3) + 5 * 60_000 },
              { from: m(1), to: m(3) },
            ]) {
              const q = { ...f, ...range };
              for (const useRollups of [true, false]) {
                const got = await store.stats(q, ["category", "bucket"], bucket, 500, useRollups, tz);
                answers.push(got);
                assert.deepEqual(
                  byBucket(got.groups),
                  expectedBuckets(events, q, bucket, tz),
                  JSON.stringify({ q, bucket, tz, useRollups }),
                );
              }
            }
      }
      await assert.rejects(() => store.stats({}, ["category"], DAY, 500, true, 841), RangeError);
      await assert.rejects(() => store.stats({}, ["category"], DAY, 500, true, 1.5), RangeError);
    } finally {
      await store.close();
    }
  });
}

for (const db of testDatabases()) {
  test(`${db.name}: local weeks: whole UTC days from the rollups, the days a week starts in from the events`, async () => {
    const store = await Store.open(await db.url());
    const answers = zoneAnswers.get(db.name) ?? [];
    zoneAnswers.set(db.name, answers);
    try {
      // An event every 97 minutes for 120 days: every hour of the day, several a day.
      const raw = spreadEvents({
        prefix: "w",
        count: 1800,
        start: Date.UTC(2026, 0, 1),
        stepMs: 97 * 60_000,
        replies: ["550 5.1.1 User unknown", "552 5.2.2 Mailbox full", "421 4.7.0 Too many connections", ""],
        tagEvery: 5,
      });
      const events = raw.map(classifyEvent);
      await store.insertEvents(events);
      const week = 7 * DAY;
      const ranges = [
        { from: Date.UTC(2026, 0, 4, 17), to: Date.UTC(2026, 3, 2, 17) },
        { from: Date.UTC(2026, 0, 3, 3, 17), to: Date.UTC(2026, 2, 30, 22, 41) },
        { from: Date.UTC(2026, 1, 5), to: Date.UTC(2026, 2, 5) },
        { from: Date.UTC(2026, 1, 5, 6), to: Date.UTC(2026, 1, 6, 2) },
        { from: Date.UTC(2026, 1, 1, 12), to: Date.UTC(2026, 1, 9, 12) },
        {},
      ];
      const filters = [
        {},
        { sendingDomain: "d1.example.org" },
        { sendingIp: "192.0.2.2", tag: "welcome" },
        { recipientDomain: "example1.com" },
      ];
      for (const tz of [420, -300, 330, 840, -840, 45, 0])
        for (const range of ranges)
          for (const filter of filters) {
            const q = { ...filter, ...range };
            const want = expectedBuckets(events, q, week, tz);
            const label = JSON.stringify({ q, tz });
            const fast = await store.stats(q, ["category", "bucket"], week, 500, true, tz);
            const slow = await store.stats(q, ["category", "bucket"], week, 500, false, tz);
            const line = await store.timeline(q, week, tz);
            answers.push(fast, { totals: null, groups: line });
            assert.deepEqual(byBucket(fast.groups), want, label);
            assert.deepEqual(byBucket(line), want, label);
            const sorted = (x: typeof fast) =>
              [...x.groups].sort((p, r) => JSON.stringify(p).localeCompare(JSON.stringify(r)));
            assert.deepEqual(sorted(fast), sorted(slow), label);
            assert.deepEqual(fast.totals, slow.totals, label);
          }
      // The timeline is the stats' bucket groups, share included, for days and hours too.
      for (const tz of [420, -300, 0])
        for (const bucket of [3600_000, DAY, week]) {
          // Hours over 38 days of the range (its 87 would be more than MAX_BUCKETS hours).
          const q = bucket === 3600_000 ? { ...ranges[1]!, to: Date.UTC(2026, 1, 10, 22, 41) } : ranges[1]!;
          const st = await store.stats(q, ["bucket", "category"], bucket, 100_000, true, tz);
          const line = await store.timeline(q, bucket, tz);
          const sorted = (x: Record<string, unknown>[]) =>
            [...x].sort((p, r) => JSON.stringify(p).localeCompare(JSON.stringify(r)));
          assert.deepEqual(sorted(line), sorted(st.groups));
        }
    } finally {
      await store.close();
    }
  });
}

test("SQLite and PostgreSQL give the same time-zone answers", {
  skip: process.env.DIAGNOSA_TEST_PG_URL
    ? false
    : "DIAGNOSA_TEST_PG_URL is not set (no PostgreSQL to compare with)",
}, () => {
  const [a, b] = [...zoneAnswers.values()];
  assert.ok(a && b, "both databases answered");
  const norm = (xs: unknown[]) =>
    (xs as { totals: unknown; groups: Record<string, unknown>[] }[]).map((x) => ({
      totals: x.totals,
      groups: [...x.groups].sort((p, q) => JSON.stringify(p).localeCompare(JSON.stringify(q))),
    }));
  assert.deepEqual(norm(a), norm(b));
});

for (const db of testDatabases()) {
  test(`${db.name}: an event stored under its key of before (its time as written) is still one`, async () => {
    const store = await Store.open(await db.url());
    try {
      const e = classifyEvent(
        ev({
          type: "bounce",
          recipient: "legacy@example.com",
          response: "550 5.1.1 unknown",
          timestamp: "2026-02-02T10:00:00Z",
        }),
      );
      // As a version before stored it: the key of the time as written.
      const legacy = legacyDedupeKey(e);
      assert.ok(legacy && legacy !== dedupeKey(e));
      const [row] = (await store.insertEvents([e])).stored;
      assert.ok(row);
      await store.db
        .updateTable("events")
        .set({ dedupe_key: legacy })
        .where("dedupe_key", "=", dedupeKey(e))
        .execute();
      // Sent again as it was, twice in one batch.
      assert.deepEqual(await store.insertEvents([e, e]), {
        inserted: 0,
        duplicates: 2,
        stored: [],
        unlistable: [],
      });
      assert.equal((await store.listEvents({ limit: 10, recipient: "legacy@example.com" })).items.length, 1);
    } finally {
      await store.close();
    }
  });
}
