// Tokens a webhook request may use once (Mailgun's) are kept in the database with the events: a second
// use before the token expires throws and stores nothing, even from another Store on the same database
// (another `serve` process); an expired token may be used again.
import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyEvent } from "../../src/ingest/event.js";
import { Store, TokenUsedError } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const event = (recipient: string) =>
  classifyEvent({
    source: "webhook:mailgun",
    type: "bounce",
    recipient,
    timestamp: "2026-11-20T10:00:00.000Z",
    response: "550 5.1.1 User unknown",
  });

for (const db of testDatabases()) {
  test(`${db.name}: a token is used once across stores on one database, again after it expires`, async () => {
    const url = await db.url();
    const a = await Store.open(url);
    const b = await Store.open(url);
    try {
      const now = Date.parse("2026-11-20T10:05:00.000Z");
      const once = { key: "mailgun:t1", expiresAt: now + 15 * 60_000 };
      const first = await a.insertEvents([event("first@example.com")], now, once);
      assert.equal(first.inserted, 1);
      await assert.rejects(b.insertEvents([event("victim@example.com")], now + 1000, once), TokenUsedError);
      await assert.rejects(a.insertEvents([event("victim@example.com")], now + 2000, once), TokenUsedError);
      assert.equal((await a.listEvents({ limit: 10, recipient: "victim@example.com" })).items.length, 0);

      // A request with no events to store (an "opened" event) uses its token up all the same.
      const other = { key: "mailgun:t2", expiresAt: now + 15 * 60_000 };
      assert.equal((await b.insertEvents([], now, other)).inserted, 0);
      await assert.rejects(a.insertEvents([event("forged@example.com")], now, other), TokenUsedError);

      // Past its window the timestamp check refuses the request anyway; the token row goes.
      const later = once.expiresAt + 1;
      assert.equal((await b.insertEvents([event("again@example.com")], later, once)).inserted, 1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  // Several `serve` processes share PostgreSQL; SQLite serves one process, through one Store.
  test(`${db.name}: concurrent uses of one token: exactly one stores its events`, {
    skip: db.name === "sqlite" ? "several processes share PostgreSQL only" : false,
  }, async () => {
    const url = await db.url();
    const stores = await Promise.all([Store.open(url), Store.open(url), Store.open(url)]);
    try {
      const now = Date.now();
      const once = { key: "mailgun:race", expiresAt: now + 60_000 };
      const results = await Promise.allSettled(
        stores.map((s, i) => s.insertEvents([event(`r${i}@example.com`)], now, once)),
      );
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      for (const r of results)
        if (r.status === "rejected") assert.ok(r.reason instanceof TokenUsedError, String(r.reason));
      assert.equal((await stores[0]!.listEvents({ limit: 10 })).items.length, 1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
}
