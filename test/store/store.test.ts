import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import { Store } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const at = (d: string) => `2026-02-${d}T10:00:00.000Z`;
const ev = (e: Partial<DeliveryEvent> & Pick<DeliveryEvent, "type" | "recipient">): DeliveryEvent => ({
  source: "api",
  timestamp: at("02"),
  sendingDomain: "news.example.org",
  sendingIp: "192.0.2.10",
  ...e,
});

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
      assert.deepEqual(await store.insertEvents(events), { inserted: 3, duplicates: 0 });
      assert.deepEqual(await store.insertEvents(events.slice(1)), { inserted: 0, duplicates: 2 });
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
      assert.deepEqual(await store.insertEvents([e]), { inserted: 1, duplicates: 0 });
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
      const replies = [
        "550 5.1.1 User unknown",
        "552 5.2.2 Mailbox full",
        "421 4.7.0 Too many connections",
        "554 5.7.1 blocked using zen.spamhaus.org",
        "",
      ];
      const events: DeliveryEvent[] = [];
      for (let i = 0; i < 400; i++) {
        const response = replies[i % replies.length]!;
        events.push(
          ev({
            sourceId: `r${i}`,
            type: response === "" ? "delivered" : response.startsWith("4") ? "deferred" : "bounce",
            recipient: `u${i}@example${i % 3}.com`,
            response: response || null,
            timestamp: new Date(Date.UTC(2026, 1, 1) + i * 5 * 3600_000).toISOString(),
            sendingDomain: `d${i % 2}.example.org`,
            sendingIp: `192.0.2.${i % 3}`,
            tag: i % 4 === 0 ? "welcome" : null,
          }),
        );
      }
      // In two calls, so that rollups are added to, not only created.
      await store.insertEvents(events.slice(0, 250).map(classifyEvent));
      await store.insertEvents(events.slice(200).map(classifyEvent));
      const day = 86400_000;
      const questions: [Parameters<Store["stats"]>[0], Parameters<Store["stats"]>[1], number | null][] = [
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
      ];
      for (const [f, g, b] of questions) {
        const fast = await store.stats(f, g, b, 500, true);
        const slow = await store.stats(f, g, b, 500, false);
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
