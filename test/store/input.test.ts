// What the store keeps and how it is asked, on SQLite and PostgreSQL: NUL characters dropped the
// same way from the event row and the suppression its event makes (and from what a question
// compares), the receiving provider of every event, deliveries included, the filters on codes and
// on "no provider", and suppression addresses checked once lower-cased, expired ones not removable.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type ClassifiedEvent,
  classifyEvent,
  type DeliveryEvent,
  eventProvider,
  isRecipientAddress,
  providerOfDomain,
} from "../../src/ingest/event.js";
import { Store } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const DAY = 86400_000;
const T0 = Date.UTC(2026, 2, 1, 10);
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
let serial = 0;
const event = (e: Partial<DeliveryEvent> & Pick<DeliveryEvent, "type" | "recipient">): ClassifiedEvent =>
  classifyEvent({ source: "api", sourceId: `i${serial++}`, timestamp: at(0), ...e });

test("an address with a control character is not an address", () => {
  for (const bad of ["a\u0000@b.c", "a@b\u0000", "a\u0001b@c.d", "a@b\u001f.c", "a\u007f@b.c", "a\tb@c.d"])
    assert.equal(isRecipientAddress(bad), false, JSON.stringify(bad));
  for (const good of ["a@b.c", "ü@bücher.example", "a+tag@b.c"])
    assert.equal(isRecipientAddress(good), true, good);
});

test("the provider of a recipient domain, of a remote host, of a diagnosis, in that order", () => {
  const cases: [string, string | null][] = [
    ["gmail.com", "gmail"],
    ["GoogleMail.com", "gmail"],
    ["outlook.com", "microsoft"],
    ["hotmail.co.uk", "microsoft"],
    ["live.fr", "microsoft"],
    ["msn.com", "microsoft"],
    ["yahoo.com", "yahoo"],
    ["yahoo.co.jp", "yahoo"],
    ["ymail.com", "yahoo"],
    ["aol.com", "yahoo"],
    ["icloud.com", "apple"],
    ["me.com", "apple"],
    ["mac.com", "apple"],
    ["gmx.de", "gmx"],
    ["web.de", "gmx"],
    ["mail.ru", "mailru"],
    ["yandex.kz", "yandex"],
    ["qq.com", "tencent"],
    ["163.com", "netease"],
    ["example.com", null],
    // A name of the list under another's domain is not the provider's.
    ["gmail.com.evil.example", null],
    ["hotmail.example.net", null],
  ];
  for (const [domain, id] of cases) assert.equal(providerOfDomain(domain), id, domain);
  const delivered = (recipient: string, remoteHost: string | null = null) =>
    eventProvider({ recipient, remoteHost, diagnosis: null });
  assert.equal(delivered("a@corp.example", "ASPMX.L.GOOGLE.COM"), "gmail");
  assert.equal(
    delivered("a@corp.example", "corp-example.mail.protection.outlook.com[192.0.2.1]:25"),
    "microsoft",
  );
  assert.equal(delivered("a@corp.example"), null);
  // A remote host of no provider known leaves it to the domain.
  assert.equal(delivered("a@gmail.com", "mx.example.net"), "gmail");
  assert.equal(delivered("a@yahoo.com", "mta5.am0.yahoodns.net"), "yahoo");
  // The diagnosis first: what the reply said.
  const bounce = event({
    type: "bounce",
    recipient: "b@corp.example",
    response: "550-5.1.1 The email account that you tried to reach does not exist. gsmtp",
  });
  assert.equal(bounce.diagnosis?.provider, "gmail");
  assert.equal(bounce.provider, "gmail");
});

for (const db of testDatabases()) {
  test(`${db.name}: a recipient with NUL characters: the event row and its suppression agree`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 10 * DAY;
      // A hard bounce: suppressed at once, under the address as the event row has it.
      await store.insertEvents(
        [event({ type: "bounce", recipient: "Nu\u0000ll@Example.com", response: "550 5.1.1 User unknown" })],
        now,
      );
      const row = (await store.listEvents({ limit: 1 })).items[0]!;
      assert.equal(row.recipient, "Null@Example.com");
      const hard = await store.getSuppression("null@example.com", now);
      assert.equal(hard?.address, "null@example.com");
      assert.equal((await store.listSuppressions({ limit: 10 }, now)).items.length, 1);
      // Repeated failures count as the events are stored: three "inbox" failures suppress.
      const inbox = "550 5.2.1 The email account that you tried to reach is disabled";
      await store.insertEvents(
        [0, 1, 2].map((i) =>
          event({
            type: "bounce",
            recipient: "in\u0000box@example.com",
            response: inbox,
            timestamp: at(i + 1),
            messageId: `<nul${i}@example.org>`,
          }),
        ),
        now,
      );
      const soft = await store.getSuppression("inbox@example.com", now);
      assert.equal(soft?.category, "inbox");
      assert.equal(soft?.failures, 3);
      // Questions with NUL characters compare what is stored (without them), and never throw.
      assert.equal((await store.getSuppression("null\u0000@example.com", now))?.address, "null@example.com");
      assert.equal(
        (await store.listEvents({ limit: 10, recipient: "in\u0000box@example.com" })).items.length,
        3,
      );
      assert.equal((await store.listSuppressions({ limit: 10, search: "in\u0000box" }, now)).items.length, 1);
      assert.equal(
        (await store.listSuppressions({ limit: 10, after: "inbox@example.com\u0000" }, now)).items.length,
        1,
      );
      const stats = await store.stats({ tag: "\u0000", sendingDomain: "x\u0000" }, ["category"], null);
      assert.equal(stats.totals.events, 0);
      assert.equal(await store.removeSuppression("null\u0000@example.com", now), true);
      // A note's NUL characters are dropped like an event's.
      const added = await store.addSuppression("n@example.com", "why\u0000", "x\u0000y", null, now);
      assert.deepEqual([added.reason, added.note], ["why", "xy"]);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: every event is stored with its provider; filters on no provider and on codes`, async () => {
    const store = await Store.open(await db.url());
    try {
      const events = [
        event({ type: "delivered", recipient: "d1@gmail.com" }),
        event({ type: "delivered", recipient: "d2@corp.example", remoteHost: "alt1.aspmx.l.google.com" }),
        event({ type: "delivered", recipient: "d3@hotmail.fr" }),
        event({ type: "delivered", recipient: "d4@corp.example" }),
        event({ type: "bounce", recipient: "b1@gmail.com", response: "550 5.1.1 User unknown" }),
        event({ type: "bounce", recipient: "b2@corp.example", response: "552 5.2.2 Mailbox full" }),
        event({ type: "bounce", recipient: "b3@corp.example", response: "user unknown" }),
      ];
      // As a bounce email's events arrive (src/ingest/bounce-events.ts): no `provider` yet.
      const { provider: _, ...unclassified } = event({ type: "delivered", recipient: "d5@icloud.com" });
      await store.insertEvents([...events, unclassified]);
      const listed = await store.listEvents({ limit: 100 });
      assert.deepEqual(Object.fromEntries(listed.items.map((e) => [e.recipient, e.provider])), {
        "d1@gmail.com": "gmail",
        "d2@corp.example": "gmail",
        "d3@hotmail.fr": "microsoft",
        "d4@corp.example": null,
        "b1@gmail.com": "gmail",
        "b2@corp.example": null,
        "b3@corp.example": null,
        "d5@icloud.com": "apple",
      });
      const recipients = async (f: Parameters<Store["listEvents"]>[0]) =>
        (await store.listEvents(f)).items.map((e) => e.recipient).sort();
      assert.deepEqual(await recipients({ limit: 100, provider: "none" }), [
        "b2@corp.example",
        "b3@corp.example",
        "d4@corp.example",
      ]);
      assert.deepEqual(await recipients({ limit: 100, errorCode: 550 }), ["b1@gmail.com"]);
      assert.deepEqual(await recipients({ limit: 100, statusCode: "5.2.2" }), ["b2@corp.example"]);
      assert.deepEqual(await recipients({ limit: 100, errorCode: "none", type: "bounce" }), [
        "b3@corp.example",
      ]);
      assert.deepEqual(await recipients({ limit: 100, statusCode: "none", provider: "none" }), [
        "b3@corp.example",
        "d4@corp.example",
      ]);

      // A provider's rates count its deliveries: from the rollups and from the events alike.
      for (const useRollups of [true, false]) {
        const gmail = (await store.stats({ provider: "gmail" }, ["category"], null, 500, useRollups)).totals;
        assert.deepEqual(
          [gmail.sent, gmail.delivered, gmail.deliveryRate],
          [3, 2, 2 / 3],
          String(useRollups),
        );
        assert.equal(gmail.permanentBounceRate, 1 / 3);
        const none = (await store.stats({ provider: "none" }, ["category"], null, 500, useRollups)).totals;
        assert.deepEqual([none.sent, none.delivered, none.bounces], [3, 1, 2], String(useRollups));
        const codes = (await store.stats({ errorCode: 552 }, ["category"], null, 500, useRollups)).totals;
        assert.deepEqual([codes.bounces, codes.deliveryRate, codes.permanentBounceRate], [1, null, null]);
        const status = (await store.stats({ statusCode: "none" }, ["category"], null, 500, useRollups))
          .totals;
        assert.deepEqual([status.events, status.delivered], [6, 5], String(useRollups));
        const category = (
          await store.stats({ category: "invalid_address" }, ["category"], null, 500, useRollups)
        ).totals;
        assert.deepEqual([category.deliveryRate, category.permanentBounceRate], [null, null]);
      }
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: suppression addresses are checked as stored; an expired entry is not removed`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0;
      await assert.rejects(
        store.addSuppression(`${"İ".repeat(310)}@x.example`, null, null, null, now),
        RangeError,
      );
      await assert.rejects(store.addSuppression("a\u0000b@c.d", null, null, null, now), RangeError);
      assert.equal((await store.listSuppressions({ limit: 10 }, now)).items.length, 0);
      await store.addSuppression("old@example.com", null, null, now - 1000, now);
      assert.equal(await store.getSuppression("old@example.com", now), null);
      assert.equal(await store.removeSuppression("old@example.com", now), false);
      assert.equal(await store.removeSuppression("never@example.com", now), false);
      await store.addSuppression("new@example.com", null, null, now + DAY, now);
      assert.equal(await store.removeSuppression("NEW@example.com", now), true);
      assert.equal(await store.removeSuppression("new@example.com", now), false);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a source id too long for an index is stored by its digest, once; a sender's bad domain is no sending domain`, async () => {
    const store = await Store.open(await db.url());
    try {
      // The library stores what it is given: the key must fit PostgreSQL's unique index (2,704 bytes).
      const long = event({ type: "bounce", recipient: "long@example.com", sourceId: "é".repeat(3000) });
      const first = await store.insertEvents([long], T0);
      const again = await store.insertEvents([{ ...long }], T0);
      assert.deepEqual([first.inserted, again.duplicates], [1, 1]);
      const other = await store.insertEvents([{ ...long, sourceId: `${"é".repeat(2999)}e` }], T0);
      assert.equal(other.inserted, 1, "another long id is another event");
      // Without a sending domain, the sender's is used only when it is one: no control character
      // (the rollups join keys with \u0001), at most 255 characters.
      await store.insertEvents(
        [
          event({ type: "delivered", recipient: "a@example.com", sender: "news@sen\u0001der.example" }),
          event({ type: "delivered", recipient: "b@example.com", sender: `n@${"d".repeat(300)}` }),
          event({ type: "delivered", recipient: "c@example.com", sender: "n@Good.example" }),
        ],
        T0,
      );
      assert.deepEqual(
        (await store.listEvents({ limit: 10, type: "delivered" })).items.map((e) => e.sendingDomain).sort(),
        ["good.example", null, null],
      );
    } finally {
      await store.close();
    }
  });
}
