// Event queries: the recipient filter in any case (also over rows stored before migration 5), and
// the limit on the number of time buckets a statistics question may cover.
import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import { openDb } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { bucketCount, MAX_BUCKETS, Store, TooManyBucketsError } from "../../src/store/store.js";
import { eventsBefore9, testDatabases } from "../support/databases.js";

const HOUR = 3600_000;
const DAY = 86400_000;
const WEEK = 7 * DAY;

const event = (e: Partial<DeliveryEvent> & Pick<DeliveryEvent, "type" | "recipient">) =>
  classifyEvent({
    source: "api",
    timestamp: "2026-02-02T10:00:00.000Z",
    sendingDomain: "news.example.org",
    ...e,
  });

for (const db of testDatabases()) {
  test(`${db.name}: the recipient filter ignores case`, async () => {
    const store = await Store.open(await db.url());
    try {
      await store.insertEvents([
        event({ type: "delivered", recipient: "User0@Example0.com", sourceId: "1" }),
        event({
          type: "bounce",
          recipient: "user0@example0.com",
          sourceId: "2",
          response: "552 5.2.2 Mailbox full",
        }),
        event({ type: "delivered", recipient: "other@example0.com", sourceId: "3" }),
      ]);
      for (const recipient of ["user0@example0.com", "USER0@EXAMPLE0.COM", "User0@Example0.com"]) {
        const page = await store.listEvents({ limit: 10, recipient });
        assert.deepEqual(
          page.items.map((e) => e.recipient),
          ["user0@example0.com", "User0@Example0.com"],
          recipient,
        );
        const s = await store.stats({ recipient }, ["category"], null);
        assert.equal(s.totals.events, 2);
      }
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: migration 5: old rows are found in any case, old manual entries stay manual`, async () => {
    const url = await db.url();
    // A database as version 4 left it, with rows the code of that time wrote.
    const old = await openDb(url, MIGRATIONS.slice(0, 4));
    const now = Date.UTC(2026, 1, 10);
    await eventsBefore9(old)
      .insertInto("events")
      .values({
        dedupe_key: "h:old",
        source: "api",
        type: "bounce",
        recipient: "Old@Example.com",
        recipient_domain: "example.com",
        category: "invalid_address",
        occurred_at: now - DAY,
        received_at: now - DAY,
      })
      .execute();
    await old.kysely
      .insertInto("suppressions")
      .values({
        address: "asked@example.com",
        category: "manual",
        reason: "manual",
        source: "api",
        event_id: null,
        failures: 1,
        created_at: now - DAY,
        updated_at: now - DAY,
        expires_at: null,
        note: "by phone",
      })
      .execute();
    await old.close();

    const store = await Store.open(url);
    try {
      assert.equal((await store.listEvents({ limit: 10, recipient: "old@example.com" })).items.length, 1);
      const manual = (await store.getSuppression("asked@example.com", now))!;
      assert.equal(manual.manualAt, new Date(now - DAY).toISOString());
      await store.insertEvents([event({ type: "complaint", recipient: "asked@example.com" })], now);
      assert.deepEqual(await store.getSuppression("asked@example.com", now), manual);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: migration 8: suppression addresses in NFC with Unicode domains, however they were written`, async () => {
    const url = await db.url();
    const old = await openDb(url, MIGRATIONS.slice(0, 7));
    const now = Date.UTC(2026, 1, 10);
    const row = (address: string, note: string) => ({
      address,
      category: "invalid_address",
      reason: "invalid_address.user_unknown",
      source: "api",
      event_id: null,
      failures: 1,
      created_at: now,
      updated_at: now,
      expires_at: null as number | null,
      manual_at: null as number | null,
      note,
    });
    await old.kysely
      .insertInto("suppressions")
      .values([
        row("anna@xn--mller-kva.de", "punycode"),
        row("user@bu\u0308cher.de", "decomposed"),
        // Listed twice, in both forms: one entry remains, the one that suppresses more.
        { ...row("max@müller.de", "unicode, expired"), expires_at: Date.now() - DAY },
        row("max@xn--mller-kva.de", "punycode, permanent"),
        { ...row("eva@müller.de", "unicode, expiring"), expires_at: Date.now() + DAY },
        { ...row("eva@xn--mller-kva.de", "punycode, manual"), manual_at: now },
        row("ida@müller.de", "unicode, permanent"),
        { ...row("ida@xn--mller-kva.de", "punycode, expiring"), expires_at: Date.now() + DAY },
        row("plain@example.com", "ascii"),
      ])
      .execute();
    await old.close();
    const store = await Store.open(url);
    try {
      const list = await store.listSuppressions({ limit: 10 });
      assert.deepEqual(list.items.map((e) => [e.address, e.note]).sort(), [
        ["anna@müller.de", "punycode"],
        ["eva@müller.de", "punycode, manual"],
        ["ida@müller.de", "unicode, permanent"],
        ["max@müller.de", "punycode, permanent"],
        ["plain@example.com", "ascii"],
        ["user@bücher.de", "decomposed"],
      ]);
      // Found whichever way the address is asked for.
      for (const asked of [
        "anna@xn--mller-kva.de",
        "Anna@Müller.de",
        "user@bu\u0308cher.de",
        "user@xn--bcher-kva.de",
      ])
        assert.ok(await store.getSuppression(asked, now), asked);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a range of more than ${MAX_BUCKETS} buckets is refused, one of ${MAX_BUCKETS} answered`, async () => {
    const store = await Store.open(await db.url());
    try {
      const to = Date.UTC(2026, 2, 12);
      await store.insertEvents(
        [0, 1, 2, 3].map((k) =>
          event({
            type: "bounce",
            recipient: `r${k}@example.com`,
            sourceId: `w${k}`,
            response: "550 5.1.1 User unknown",
            timestamp: new Date(to - (k * 250 + 1) * WEEK + 5 * HOUR).toISOString(),
          }),
        ),
      );
      // From the year 1000 (and 1700) in weeks: refused before any query, whichever way counted.
      for (const from of [Date.UTC(1000, 0, 1), Date.UTC(1700, 0, 1)])
        for (const tz of [0, 420, -300])
          for (const useRollups of [true, false]) {
            const f = { from, to };
            await assert.rejects(
              () => store.stats(f, ["bucket", "category"], WEEK, 500, useRollups, tz),
              (e) =>
                e instanceof TooManyBucketsError &&
                e.max === MAX_BUCKETS &&
                e.buckets > MAX_BUCKETS &&
                /^from \d{4}-\d\d-\d\dT[\d:.]+Z to 2026-03-12T00:00:00.000Z is [\d,]+ week buckets; at most 1,000 are allowed/.test(
                  e.message,
                ),
            );
            await assert.rejects(() => store.timeline(f, WEEK, tz, 100_000, useRollups), TooManyBucketsError);
          }
      // Hours are buckets too: MAX_BUCKETS + 1 hours are refused.
      await assert.rejects(
        () => store.stats({ from: to - (MAX_BUCKETS + 1) * HOUR, to }, ["bucket"], HOUR),
        TooManyBucketsError,
      );
      // Without buckets any range is fine.
      assert.equal(
        (await store.stats({ from: Date.UTC(1000, 0, 1), to }, ["category"], null)).totals.bounces,
        4,
      );

      // Exactly MAX_BUCKETS local weeks (UTC+07:00: weeks start at 17:00 UTC on Sundays).
      const tz = 420;
      const offset = tz * 60_000 + 3 * DAY;
      const weekStart = Math.floor((to + offset) / WEEK) * WEEK - offset;
      const range = { from: weekStart - (MAX_BUCKETS - 1) * WEEK, to: weekStart + WEEK };
      assert.equal(bucketCount(range.from, range.to, WEEK, tz), MAX_BUCKETS);
      assert.equal(bucketCount(range.from - 1, range.to, WEEK, tz), MAX_BUCKETS + 1);
      await assert.rejects(
        () => store.stats({ ...range, from: range.from - 1 }, ["bucket"], WEEK, 500, true, tz),
        TooManyBucketsError,
      );
      const started = Date.now();
      const fast = await store.stats(range, ["bucket", "category"], WEEK, 500, true, tz);
      const line = await store.timeline(range, WEEK, tz);
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      const slow = await store.stats(range, ["bucket", "category"], WEEK, 500, false, tz);
      const sorted = (g: Record<string, unknown>[]) =>
        [...g].sort((p, q) => String(p.bucket).localeCompare(String(q.bucket)));
      assert.deepEqual(sorted(fast.groups), sorted(slow.groups));
      assert.deepEqual(fast.totals, slow.totals);
      assert.deepEqual(sorted(line), sorted(fast.groups));
      assert.equal(fast.totals.bounces, 4);
      assert.equal(fast.groups.length, 4);
    } finally {
      await store.close();
    }
  });
}

test("bucketCount counts the buckets a range touches, cut in the given zone", () => {
  const from = Date.UTC(2026, 2, 10);
  assert.equal(bucketCount(from, from + DAY, DAY, 0), 1);
  assert.equal(bucketCount(from, from + DAY + 1, DAY, 0), 2);
  assert.equal(bucketCount(from, from + DAY, DAY, 420), 2, "local midnight falls inside the UTC day");
  assert.equal(bucketCount(from, from, DAY, 0), 0);
  assert.equal(bucketCount(from, from + 24 * HOUR, HOUR, 330), 25);
});
