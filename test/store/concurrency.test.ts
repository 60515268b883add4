// Several requests storing batches at once on PostgreSQL (one service's pool, or several `serve`
// processes): batches that touch the same rollup rows and suppressions in different orders must all
// be stored, none refused with a deadlock, and the statistics must count every event once.
import assert from "node:assert/strict";
import { test } from "node:test";
import pg from "pg";
import { classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import { Store } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const postgres = testDatabases().find((d) => d.name === "postgres");
const TYPES = ["delivered", "bounce", "deferred"] as const;
const REPLIES = ["550 5.1.1 User unknown", "452 4.2.2 Mailbox full", "421 4.7.0 Try again later"];

function batch(round: number, p: number): DeliveryEvent[] {
  const events: DeliveryEvent[] = [];
  for (let i = 0; i < 60; i++) {
    const type = TYPES[(i + p) % 3]!;
    events.push({
      source: "api",
      type,
      recipient: `c${(i * 7 + p) % 40}@conc.example.com`,
      timestamp: `2026-04-0${1 + ((i + p) % 5)}T1${i % 10}:00:00.000Z`,
      sourceId: `c-${round}-${p}-${i}`,
      sendingDomain: "conc.example.org",
      tag: `t${i % 3}`,
      response: type === "delivered" ? null : REPLIES[i % 3]!,
    });
  }
  // Every other batch in reverse: the same rows locked in the other order.
  return p % 2 ? events.reverse() : events;
}

test("postgres: 16 batches at once, 4 rounds, from two stores: every event stored and counted once", {
  skip: postgres ? false : "DIAGNOSA_TEST_PG_URL is not set",
}, async () => {
  const url = await postgres!.url();
  const stores = [await Store.open(url), await Store.open(url)];
  try {
    let inserted = 0;
    for (let round = 0; round < 4; round++) {
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, p) => stores[p % 2]!.insertEvents(batch(round, p).map(classifyEvent))),
      );
      for (const r of results) inserted += r.inserted;
    }
    assert.equal(inserted, 4 * 16 * 60);
    const range = { from: Date.parse("2026-04-01T00:00:00Z"), to: Date.parse("2026-04-06T00:00:00Z") };
    // Whole days: read from the daily rollups, which the concurrent batches updated.
    assert.equal((await stores[0]!.stats(range, [], null)).totals.events, 4 * 16 * 60);
    assert.equal((await stores[0]!.stats(range, [], null, 500, false)).totals.events, 4 * 16 * 60);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});

test("PostgreSQL ending idle connections (a restart, a failover) does not end the process", {
  skip: postgres ? false : "DIAGNOSA_TEST_PG_URL not set",
}, async () => {
  const url = await postgres!.url();
  const store = await Store.open(url);
  try {
    // Several connections in the pool, idle after the queries.
    await Promise.all([1, 2, 3].map(() => store.stats({}, ["category"], null)));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const killed = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    await admin.end();
    assert.ok(killed.rowCount! >= 1, "no idle connection to end");
    // The pool notices the closed connections ("error" on idle clients) and drops them.
    await new Promise((r) => setTimeout(r, 300));
    const r = await store.insertEvents([
      classifyEvent({
        source: "api",
        type: "bounce",
        recipient: "after@restart.example.com",
        timestamp: "2026-04-01T10:00:00.000Z",
        response: "550 5.1.1 User unknown",
      }),
    ]);
    assert.equal(r.inserted, 1);
  } finally {
    await store.close();
  }
});
