// One recipient however its address is written: a punycode domain, Unicode NFC, Unicode NFD and
// upper case are one address for the repeated-failure policy (the failures add up, a delivery
// resets the count), for the recipient filter and for a delivery lifting a suppression. Also on a
// PostgreSQL database in the C locale, whose lower() folds ASCII letters only. Migration 9 gives
// the events stored before it their key; migration 10 those an older SQLite writer stored after it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import {
  type ClassifiedEvent,
  classifyEvent,
  type DeliveryEvent,
  normalizeAddress,
} from "../../src/ingest/event.js";
import { openDb } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { Store } from "../../src/store/store.js";
import { eventsBefore9, testDatabases } from "../support/databases.js";

const DAY = 86400_000;
const T0 = Date.UTC(2026, 1, 1, 10);
const NOW = T0 + 29 * DAY;
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

const INBOX = "550 5.2.1 The email account that you tried to reach is disabled";
const FULL = "452 4.2.2 Mailbox full";

/** One address at müller.de, written four ways: punycode, NFC, NFD ("u" + U+0308), upper case. */
const spellings = (local: string) => [
  `${local}@xn--mller-kva.de`,
  `${local}@müller.de`,
  `${local}@mu\u0308ller.de`,
  `${local.toUpperCase()}@MÜLLER.DE`,
];

let serial = 0;
function event(e: Partial<DeliveryEvent> & Pick<DeliveryEvent, "type" | "recipient">): ClassifiedEvent {
  serial++;
  return classifyEvent({
    source: "api",
    sourceId: `r${serial}`,
    messageId: `<m${serial}@example.org>`,
    timestamp: at(0),
    ...e,
  });
}
/** A failure with `response` to `recipient` on day `day`, a message of its own. */
/** An events row as a process of the version before migration 9 wrote it (no recipient_key). */
const oldRow = (prefix: string, id: number, recipient: string, occurredAt: number) => ({
  dedupe_key: `h:${prefix}${id}`,
  source: "api",
  type: "bounce",
  recipient,
  recipient_domain: recipient.slice(recipient.lastIndexOf("@") + 1).toLowerCase(),
  message_id: `<${prefix}${id}@example.org>`,
  category: "inbox_full",
  occurred_at: occurredAt,
  received_at: T0,
});

const failure = (recipient: string, response: string, day: number) =>
  event({ type: "bounce", recipient, response, timestamp: at(day) });

for (const db of testDatabases({ cLocale: true })) {
  test(`${db.name}: failures to one address in any spelling add up; a delivery in another resets them`, async () => {
    const store = await Store.open(await db.url());
    try {
      // inbox_full: five failures, each spelling once and the first again, one per batch.
      const full = spellings("anna");
      for (const [i, r] of [...full, full[0]!].entries()) {
        assert.equal(await store.getSuppression("anna@müller.de", NOW), null, `after ${i} failures`);
        await store.insertEvents([failure(r, FULL, i)], NOW);
      }
      const anna = await store.getSuppression("anna@müller.de", NOW);
      assert.deepEqual([anna?.category, anna?.failures], ["inbox_full", 5]);

      // inbox: three failures, in three spellings.
      const inbox = spellings("ben");
      for (const [i, r] of inbox.slice(1).entries()) {
        assert.equal(await store.getSuppression("ben@müller.de", NOW), null, `after ${i} failures`);
        await store.insertEvents([failure(r, INBOX, i)], NOW);
      }
      const ben = await store.getSuppression(inbox[0]!, NOW);
      assert.deepEqual([ben?.category, ben?.failures], ["inbox", 3]);

      // Two failures, a delivery written otherwise, two more: only those after the delivery count.
      const [puny, nfc, nfd, upper] = spellings("cleo") as [string, string, string, string];
      await store.insertEvents([failure(puny, INBOX, 0), failure(nfd, INBOX, 1)], NOW);
      await store.insertEvents([event({ type: "delivered", recipient: upper, timestamp: at(2) })], NOW);
      await store.insertEvents([failure(nfc, INBOX, 3), failure(puny, INBOX, 4)], NOW);
      assert.equal(await store.getSuppression(nfc, NOW), null);
      await store.insertEvents([failure(upper, INBOX, 5)], NOW);
      assert.equal((await store.getSuppression(nfd, NOW))?.failures, 3);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: the recipient filter finds an address in every spelling, each event as it was written`, async () => {
    const store = await Store.open(await db.url());
    try {
      const written = spellings("dora");
      await store.insertEvents([
        ...written.map((recipient, i) => failure(recipient, FULL, i)),
        event({ type: "delivered", recipient: "dora@example.com" }),
        event({ type: "delivered", recipient: "dora@mueller.de" }),
      ]);
      for (const asked of [...written, "  Dora@Xn--Mller-Kva.DE "]) {
        const page = await store.listEvents({ limit: 10, recipient: asked });
        assert.deepEqual(page.items.map((e) => e.recipient).sort(), [...written].sort(), asked);
        const s = await store.stats({ recipient: asked }, ["category"], null);
        assert.equal(s.totals.events, 4, asked);
      }
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a delivery in any spelling lifts a suppression made by failures in others`, async () => {
    const store = await Store.open(await db.url());
    try {
      const written = spellings("emil");
      let hour = 0;
      // Each spelling delivered to once after five "mailbox full" in one other spelling, and once
      // after five spread over the three others.
      for (const mixed of [false, true])
        for (const [k, delivered] of written.entries()) {
          const others = written.filter((r) => r !== delivered);
          const failed = Array.from({ length: 5 }, () =>
            failure(mixed ? others[hour % 3]! : others[k % 3]!, FULL, hour++ / 24),
          );
          await store.insertEvents(failed, NOW);
          const what = `${mixed ? "mixed" : others[k % 3]}, then ${delivered}`;
          assert.equal((await store.getSuppression("emil@müller.de", NOW))?.category, "inbox_full", what);
          await store.insertEvents(
            [event({ type: "delivered", recipient: delivered, timestamp: at(hour++ / 24) })],
            NOW,
          );
          assert.equal(await store.getSuppression("emil@müller.de", NOW), null, what);
        }
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: migration 9 keys the events stored before it, in batches, and the policy counts them`, async () => {
    const url = await db.url();
    const old = await openDb(url, MIGRATIONS.slice(0, 8));
    const row = (id: number, recipient: string) => oldRow("old", id, recipient, T0 + (id % 20) * 3600_000);
    // Four failures to one address, one per spelling; addresses with spaces around them and upper
    // case; and more than a batch of plain and of Unicode addresses.
    const rows = [
      ...spellings("olga").map((r, i) => row(i, r)),
      row(4, "  Plain@Example.COM "),
      row(5, " Zoë@XN--MLLER-KVA.DE"),
      row(6, "tab\t@example.com"),
      ...Array.from({ length: 2500 }, (_, i) => row(10 + i, `User${i}@Example${i % 7}.com`)),
      ...Array.from({ length: 2100 }, (_, i) => row(3000 + i, `Jürgen${i}@Bücher${i % 3}.de`)),
    ];
    for (let i = 0; i < rows.length; i += 200)
      await eventsBefore9(old)
        .insertInto("events")
        .values(rows.slice(i, i + 200))
        .execute();
    await old.close();

    const store = await Store.open(url);
    try {
      const stored = await store.db.selectFrom("events").select(["recipient", "recipient_key"]).execute();
      assert.equal(stored.length, rows.length);
      for (const r of stored) assert.equal(r.recipient_key, normalizeAddress(r.recipient), r.recipient);
      assert.deepEqual(
        stored
          .filter((r) => r.recipient.trim().startsWith("Plain") || r.recipient.includes("Zoë"))
          .map((r) => r.recipient_key)
          .sort(),
        ["plain@example.com", "zoë@müller.de"],
      );
      // The index on the key replaced the one on lower(recipient).
      const indexes =
        store.dialect === "postgres"
          ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'events'`
          : sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and tbl_name = 'events'`;
      const names = (await indexes.execute(store.db)).rows.map((r) => r.name);
      assert.ok(names.includes("events_recipient_key"), names.join());
      assert.ok(!names.includes("events_recipient_lower"), names.join());

      // The four old failures and a fifth, written another way again: one address, suppressed.
      assert.equal((await store.listEvents({ limit: 10, recipient: "olga@müller.de" })).items.length, 4);
      await store.insertEvents([failure("Olga@Xn--Mller-Kva.De", FULL, 1)], NOW);
      const olga = await store.getSuppression("olga@xn--mller-kva.de", NOW);
      assert.deepEqual([olga?.category, olga?.failures], ["inbox_full", 5]);
    } finally {
      await store.close();
    }
  });
}

test("sqlite: migration 10 keys the events an older process stored after migration 9, and refuses more", async () => {
  const sqlite = testDatabases().find((d) => d.name === "sqlite")!;
  const url = await sqlite.url();
  // A database at migration 9, written by a process of the version before it (no key).
  const at9 = await openDb(url, MIGRATIONS.slice(0, 9));
  const row = (id: number, recipient: string) => oldRow("late", id, recipient, T0 + id * 3600_000);
  await eventsBefore9(at9)
    .insertInto("events")
    .values([row(1, "Late@Writer.example"), row(2, "Zoë@XN--MLLER-KVA.DE")])
    .execute();
  await at9.close();

  const store = await Store.open(url);
  try {
    const keys = await store.db.selectFrom("events").select(["recipient", "recipient_key"]).execute();
    assert.deepEqual(keys.map((r) => r.recipient_key).sort(), ["late@writer.example", "zoë@müller.de"]);
    assert.equal((await store.listEvents({ limit: 10, recipient: "late@writer.example" })).items.length, 1);
    // An older process's insert (no key) now fails, as it does on PostgreSQL.
    await assert.rejects(
      (store.db as unknown as ReturnType<typeof eventsBefore9>)
        .insertInto("events")
        .values([row(3, "again@writer.example")])
        .execute(),
      /recipient_key is required/,
    );
    // This version's inserts are unaffected.
    const r = await store.insertEvents([failure("again@writer.example", FULL, 2)], NOW);
    assert.equal(r.inserted, 1);
  } finally {
    await store.close();
  }
});
