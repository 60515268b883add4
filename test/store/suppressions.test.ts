// The suppression list: what an automatic entry may replace, what counts as a repeated failure,
// recipients in any case, searching for LIKE's special characters, re-posting a manual entry.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ClassifiedEvent, classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import { LogReader } from "../../src/ingest/logs/index.js";
import { fromWebhook } from "../../src/ingest/webhooks/index.js";
import { Store, type Suppression } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const DAY = 86400_000;
const T0 = Date.UTC(2026, 1, 1, 10);
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

const INBOX = "550 5.2.1 The email account that you tried to reach is disabled";
const FULL = "452 4.2.2 Mailbox full";

let serial = 0;
/** One event; each gets its own sourceId so that none is a duplicate of another. */
function event(e: Partial<DeliveryEvent> & Pick<DeliveryEvent, "type" | "recipient">): ClassifiedEvent {
  return classifyEvent({ source: "api", sourceId: `s${serial++}`, timestamp: at(0), ...e });
}
/** `count` failures with `response`, a day apart from `fromDay`, each a message of its own. */
function failures(recipient: string, response: string, count: number, fromDay = 0): ClassifiedEvent[] {
  return Array.from({ length: count }, (_, i) =>
    event({
      type: "bounce",
      recipient,
      response,
      timestamp: at(fromDay + i),
      messageId: `<m${serial}-${i}@example.org>`,
    }),
  );
}

/** A hard bounce of `address` at `now`, and the suppression it made. */
async function hardBounce(store: Store, address: string, now: number): Promise<Suppression> {
  await store.insertEvents(
    [event({ type: "bounce", recipient: address, response: "550 5.1.1 User unknown" })],
    now,
  );
  return (await store.getSuppression(address, now))!;
}

for (const db of testDatabases()) {
  test(`${db.name}: an automatic suppression never weakens the entry in force`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 10 * DAY;
      // A hard bounce, then three "inbox" failures: the permanent entry stays, with its why.
      const hard = await hardBounce(store, "gone@example.com", now);
      await store.insertEvents(failures("gone@example.com", INBOX, 3, 1), now);
      assert.deepEqual(await store.getSuppression("gone@example.com", now), hard);

      // A complaint, then five full-mailbox failures: still the complaint, still permanent.
      await store.insertEvents([event({ type: "complaint", recipient: "angry@example.com" })], now);
      const complaint = (await store.getSuppression("angry@example.com", now))!;
      await store.insertEvents(failures("angry@example.com", FULL, 5, 1), now);
      assert.deepEqual(await store.getSuppression("angry@example.com", now), complaint);
      assert.equal(complaint.category, "complaint");
      assert.equal(complaint.expiresAt, null);

      // Two expiring entries: the later expiry stays, with its category and event.
      await store.insertEvents(failures("soft@example.com", INBOX, 3, 1), now);
      const first = (await store.getSuppression("soft@example.com", now))!;
      assert.equal(first.category, "inbox");
      assert.equal(first.expiresAt, new Date(now + 90 * DAY).toISOString());
      // Full-mailbox failures stored earlier (their `now` is a day before): an earlier expiry.
      await store.insertEvents(failures("soft@example.com", FULL, 5, 2), now - DAY);
      assert.deepEqual(await store.getSuppression("soft@example.com", now), first);
      // One more "inbox" failure a day later: a later expiry, which replaces the entry.
      const [later] = failures("soft@example.com", INBOX, 1, 8);
      await store.insertEvents([later!], now + DAY);
      const extended = (await store.getSuppression("soft@example.com", now))!;
      assert.equal(extended.expiresAt, new Date(now + DAY + 90 * DAY).toISOString());
      assert.notEqual(extended.eventId, first.eventId);
      assert.equal(extended.createdAt, first.createdAt, "the same entry, extended");

      // An expiring entry, then a hard bounce: permanent now, for the hard bounce.
      await store.insertEvents(
        [event({ type: "bounce", recipient: "soft@example.com", response: "550 5.1.1 User unknown" })],
        now + DAY,
      );
      const upgraded = (await store.getSuppression("soft@example.com", now))!;
      assert.equal(upgraded.category, "invalid_address");
      assert.equal(upgraded.expiresAt, null);

      // A permanent manual entry is never replaced by an automatic one.
      await store.addSuppression("asked@example.com", "manual", "customer asked", null, now);
      const permanent = (await store.getSuppression("asked@example.com", now))!;
      await store.insertEvents([event({ type: "complaint", recipient: "asked@example.com" })], now);
      await store.insertEvents(failures("asked@example.com", INBOX, 3, 1), now);
      assert.deepEqual(await store.getSuppression("asked@example.com", now), permanent);

      // A manual pause stays over an expiring automatic entry, even one that would end later (a
      // delivery would lift that one, and the pause with it)…
      await store.addSuppression("kept@example.com", "manual", "customer asked", now + 30 * DAY, now);
      const manual = (await store.getSuppression("kept@example.com", now))!;
      await store.insertEvents(failures("kept@example.com", INBOX, 3, 1), now);
      await store.insertEvents(failures("kept@example.com", FULL, 5, 1), now);
      assert.deepEqual(await store.getSuppression("kept@example.com", now), manual);
      await store.insertEvents(
        [event({ type: "delivered", recipient: "kept@example.com", timestamp: at(9) })],
        now,
      );
      assert.deepEqual(await store.getSuppression("kept@example.com", now), manual);
      // …but a permanent failure takes it over (its note kept): a complaint made during a pause
      // still holds when the pause ends.
      await store.insertEvents([event({ type: "complaint", recipient: "kept@example.com" })], now + 1);
      const complained = (await store.getSuppression("kept@example.com", now + 1))!;
      assert.equal(complained.category, "complaint");
      assert.equal(complained.expiresAt, null);
      assert.equal(complained.manualAt, null);
      assert.equal(complained.note, "customer asked");
      assert.equal(complained.createdAt, manual.createdAt);
      assert.ok(
        await store.getSuppression("kept@example.com", now + 31 * DAY),
        "still suppressed after the pause",
      );
      await store.removeSuppression("kept@example.com", now);
      await store.addSuppression("kept@example.com", "manual", "customer asked", now + 5 * DAY, now);

      // An expired entry is no entry: a new suppression replaces it whole.
      const afterExpiry = now + 200 * DAY;
      await store.insertEvents(failures("kept@example.com", INBOX, 3, 195), afterExpiry);
      const renewed = (await store.getSuppression("kept@example.com", afterExpiry))!;
      assert.equal(renewed.category, "inbox");
      assert.equal(renewed.note, null);
      assert.equal(renewed.manualAt, null);
      assert.equal(renewed.createdAt, new Date(afterExpiry).toISOString());
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: retries of one message are one failure; messages without an id count each`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 10 * DAY;
      // Five retries of one message (one Message-ID): one failure, not five.
      const retries = Array.from({ length: 5 }, (_, i) =>
        event({
          type: "deferred",
          recipient: "retry@example.com",
          response: FULL,
          timestamp: at(i / 4),
          messageId: "<one@example.org>",
        }),
      );
      await store.insertEvents(retries, now);
      assert.equal(await store.getSuppression("retry@example.com", now), null);

      // Five Postfix deferrals of queue id 5ABCDEF, sent in five requests (no message-id line in
      // any of them): the same message each time.
      for (let i = 0; i < 5; i++) {
        const reader = new LogReader({ year: 2026, timeZone: "utc" });
        const line = `Feb  ${2 + i} 10:00:00 mail postfix/smtp[2105]: 5ABCDEF: to=<queued@example.com>, relay=mx.example.com[192.0.2.7]:25, delay=2, delays=0.1/0/0.5/1.4, dsn=4.2.2, status=deferred (host mx.example.com[192.0.2.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n`;
        const events = [...reader.push(line), ...reader.end()].map(classifyEvent);
        assert.equal(events.length, 1);
        assert.equal(events[0]!.diagnosis?.category, "inbox_full");
        await store.insertEvents(events, now);
      }
      assert.equal(await store.getSuppression("queued@example.com", now), null);
      assert.equal((await store.listEvents({ limit: 10, recipient: "queued@example.com" })).items.length, 5);

      // Five messages: suppressed, and the entry counts messages.
      await store.insertEvents(failures("five@example.com", FULL, 5), now);
      assert.equal((await store.getSuppression("five@example.com", now))?.failures, 5);

      // Without a message id each event counts (three "inbox" events: suppressed).
      await store.insertEvents(
        [0, 1, 2].map((d) =>
          event({ type: "bounce", recipient: "noid@example.com", response: INBOX, timestamp: at(d) }),
        ),
        now,
      );
      assert.equal((await store.getSuppression("noid@example.com", now))?.failures, 3);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a recipient's failures count together whatever the case of the address`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 10 * DAY;
      const [a, b, c] = failures("mixed@example.com", INBOX, 3);
      await store.insertEvents(
        [
          { ...a!, recipient: "Mixed@Example.com" },
          { ...b!, recipient: "mixed@example.com" },
          { ...c!, recipient: "MIXED@EXAMPLE.COM" },
        ],
        now,
      );
      const s = await store.getSuppression("mixed@example.com", now);
      assert.equal(s?.category, "inbox");
      assert.equal(s?.failures, 3);
      // Beyond ASCII too, the same on SQLite and PostgreSQL.
      const [d, e, f] = failures("ünal@example.org", INBOX, 3);
      await store.insertEvents(
        [
          { ...d!, recipient: "Ünal@example.org" },
          { ...e!, recipient: "ünal@example.org" },
          { ...f!, recipient: "ÜNAL@EXAMPLE.ORG" },
        ],
        now,
      );
      assert.equal((await store.getSuppression("ÜNAL@example.org", now))?.failures, 3);
      assert.equal((await store.listEvents({ recipient: "ünal@EXAMPLE.org", limit: 10 })).items.length, 3);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a later delivery lifts an automatic soft suppression and resets the count`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 20 * DAY;
      const delivered = (recipient: string, day: number) =>
        event({ type: "delivered", recipient, timestamp: at(day) });
      // Three "inbox" failures (days 0-2) suppress; a delivery on day 5 lifts the entry.
      await store.insertEvents(failures("back@example.com", INBOX, 3), now);
      assert.equal((await store.getSuppression("back@example.com", now))?.category, "inbox");
      await store.insertEvents([delivered("Back@Example.com", 5)], now);
      assert.equal(await store.getSuppression("back@example.com", now), null);
      // Two more failures after the delivery are two, not five: no entry yet; a third makes one.
      await store.insertEvents(failures("back@example.com", INBOX, 2, 6), now);
      assert.equal(await store.getSuppression("back@example.com", now), null);
      await store.insertEvents(failures("back@example.com", INBOX, 1, 8), now);
      assert.equal((await store.getSuppression("back@example.com", now))?.failures, 3);

      // A delivery that happened before the failures (reported late) lifts nothing.
      await store.insertEvents(failures("late@example.com", FULL, 5, 2), now);
      await store.insertEvents([delivered("late@example.com", 1)], now);
      assert.equal((await store.getSuppression("late@example.com", now))?.category, "inbox_full");

      // Permanent and manual entries stay whatever is delivered.
      await hardBounce(store, "hard@example.com", now);
      await store.addSuppression("kept@example.com", null, null, now + 30 * DAY, now);
      await store.insertEvents([delivered("hard@example.com", 15), delivered("kept@example.com", 15)], now);
      assert.equal((await store.getSuppression("hard@example.com", now))?.category, "invalid_address");
      assert.ok(await store.getSuppression("kept@example.com", now));

      // Failures and the delivery after them in one batch: the delivery wins, whatever the order.
      await store.insertEvents(
        [delivered("batch@example.com", 9), ...failures("batch@example.com", INBOX, 3)],
        now,
      );
      assert.equal(await store.getSuppression("batch@example.com", now), null);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a mailbox gone for good is suppressed at once; a delivery lifts an entry whatever the spelling`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 20 * DAY;
      // Gmail's DisabledUser: hard, action suppress: one bounce is enough, and the entry stays.
      await store.insertEvents(
        [
          event({
            type: "bounce",
            recipient: "gone@example.com",
            response:
              "550-5.2.1 The email account that you tried to reach is inactive. For more information, go to 550 5.2.1 https://support.google.com/mail/?p=DisabledUser - gsmtp",
          }),
        ],
        now,
      );
      const gone = await store.getSuppression("gone@example.com", now);
      assert.deepEqual([gone?.category, gone?.expiresAt], ["inbox", null]);
      // A plain "disabled" (soft) still needs repeats.
      await store.insertEvents(failures("once@example.com", INBOX, 1), now);
      assert.equal(await store.getSuppression("once@example.com", now), null);

      // Five "mailbox full" to a punycode-written address, then a delivery written the same way.
      await store.insertEvents(failures("anna@xn--mller-kva.de", FULL, 5), now);
      assert.equal((await store.getSuppression("anna@müller.de", now))?.category, "inbox_full");
      await store.insertEvents(
        [event({ type: "delivered", recipient: "anna@xn--mller-kva.de", timestamp: at(9) })],
        now,
      );
      assert.equal(await store.getSuppression("anna@müller.de", now), null);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: searching the list for %, _ and \\ finds them, not any character`, async () => {
    const store = await Store.open(await db.url());
    try {
      for (const a of [
        "john_doe@ex.com",
        "johnxdoe@ex.com",
        "fifty%off@ex.com",
        "fiftyoff@ex.com",
        "backslash@ex.com",
      ])
        await store.addSuppression(a, "manual", null, null);
      const found = async (search: string) =>
        (await store.listSuppressions({ search, limit: 10 })).items.map((s) => s.address);
      assert.deepEqual(await found("john_doe"), ["john_doe@ex.com"]);
      assert.deepEqual(await found("JOHN_"), ["john_doe@ex.com"]);
      assert.deepEqual(await found("%off"), ["fifty%off@ex.com"]);
      // No address holds a backslash (it is refused); searched, it is a backslash, not LIKE's escape of
      // "s" (which would find "backslash").
      assert.deepEqual(await found("k\\s"), []);
      assert.deepEqual(await found("_"), ["john_doe@ex.com"]);
      assert.deepEqual(await found("doe@"), ["john_doe@ex.com", "johnxdoe@ex.com"]);
      // The term is read as addresses are stored: a punycode domain or decomposed letters find
      // the Unicode address.
      await store.addSuppression("anna@müller.de", "manual", null, null);
      assert.deepEqual(await found("@xn--mller-kva.de"), ["anna@müller.de"]);
      assert.deepEqual(await found("MU\u0308LLER"), ["anna@müller.de"]);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a key twice in one batch: the policy acts on the event the database kept`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 10 * DAY;
      const first = event({
        type: "bounce",
        recipient: "twice@example.com",
        response: "550 5.1.1 User unknown",
      });
      const again = {
        ...event({ type: "bounce", recipient: "twice@example.com", response: FULL }),
        sourceId: first.sourceId,
      };
      assert.deepEqual(await store.insertEvents([first, again], now), {
        inserted: 1,
        duplicates: 1,
        stored: [first],
        unlistable: [],
      });
      const kept = (await store.listEvents({ limit: 5, recipient: "twice@example.com" })).items;
      assert.equal(kept[0]?.diagnosis?.category, "invalid_address");
      assert.equal((await store.getSuppression("twice@example.com", now))?.category, "invalid_address");
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a manual add over an entry confirms it: note and expiry when given, its why kept`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 10 * DAY;
      // Over a permanent automatic entry, without an expiry: still permanent, still the bounce's.
      const auto = await hardBounce(store, "gone@example.com", now);
      assert.equal(auto.manualAt, null);
      const confirmed = await store.addSuppression(
        "Gone@Example.com",
        "manual",
        "checked by hand",
        null,
        now + 1,
      );
      assert.deepEqual(confirmed, {
        ...auto,
        note: "checked by hand",
        manualAt: new Date(now + 1).toISOString(),
        updatedAt: new Date(now + 1).toISOString(),
      });
      // Confirmed, it is a manual entry: a complaint does not replace it.
      await store.insertEvents([event({ type: "complaint", recipient: "gone@example.com" })], now + 2);
      assert.deepEqual(await store.getSuppression("gone@example.com", now + 2), confirmed);

      // Over an expiring automatic entry: the expiry stays unless one is given.
      await store.insertEvents(failures("soft@example.com", INBOX, 3), now);
      const soft = (await store.getSuppression("soft@example.com", now))!;
      const kept = await store.addSuppression("soft@example.com", "manual", null, null, now + 1);
      assert.equal(kept.expiresAt, soft.expiresAt);
      assert.equal(kept.category, "inbox");
      assert.equal(kept.reason, soft.reason);
      assert.equal(kept.eventId, soft.eventId);
      const until = now + 365 * DAY;
      const moved = await store.addSuppression("soft@example.com", "manual", "a year", until, now + 2);
      assert.equal(moved.expiresAt, new Date(until).toISOString());
      assert.equal(moved.note, "a year");

      // Over a manual entry: a missing note keeps the note, a missing expiry keeps it permanent; a
      // reason given replaces the manual entry's own reason.
      const first = await store.addSuppression("asked@example.com", "phone", "asked by phone", null, now);
      assert.equal(first.category, "manual");
      assert.equal(first.source, "api");
      assert.equal(first.manualAt, new Date(now).toISOString());
      const again = await store.addSuppression("asked@example.com", "email", null, null, now + 5);
      assert.deepEqual(again, {
        ...first,
        reason: "email",
        updatedAt: new Date(now + 5).toISOString(),
        manualAt: new Date(now + 5).toISOString(),
      });
      // A reason not given (null) keeps the one there.
      const same = await store.addSuppression("asked@example.com", null, null, null, now + 6);
      assert.equal(same.reason, "email");
      // A new entry without a reason is a "manual" one.
      assert.equal((await store.addSuppression("new@example.com", null, null, null, now)).reason, "manual");
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: a provider's permanent verdict suppresses and counts as a permanent bounce; its transient one does not`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + DAY;
      const ses = async (bounceType: string, recipient: string) => {
        const body = JSON.stringify({
          notificationType: "Bounce",
          bounce: {
            bounceType,
            bounceSubType: "General",
            bouncedRecipients: [{ emailAddress: recipient }],
            timestamp: at(0),
            feedbackId: `f-${recipient}`,
          },
          mail: {},
        });
        const r = await fromWebhook("ses", undefined, { headers: {}, rawBody: body, secrets: {} });
        assert.ok("events" in r);
        return r.events.map(classifyEvent);
      };
      const sendgrid = JSON.stringify([
        {
          event: "dropped",
          email: "unsub@example.com",
          timestamp: 1767225600,
          sg_event_id: "d1",
          reason: "Unsubscribed Address",
        },
      ]);
      const drop = await fromWebhook("sendgrid", undefined, { headers: {}, rawBody: sendgrid, secrets: {} });
      assert.ok("events" in drop);
      await store.insertEvents(
        [
          ...(await ses("Permanent", "perm@example.com")),
          ...(await ses("Transient", "trans@example.com")),
          ...drop.events.map(classifyEvent),
        ],
        now,
      );
      const perm = await store.getSuppression("perm@example.com", now);
      assert.deepEqual(
        [perm?.category, perm?.reason, perm?.expiresAt],
        ["unknown", "unknown.unclassified", null],
      );
      assert.equal(await store.getSuppression("trans@example.com", now), null);
      const unsub = await store.getSuppression("unsub@example.com", now);
      assert.deepEqual([unsub?.category, unsub?.reason], ["invalid_address", "invalid_address.suppressed"]);
      const { totals } = await store.stats({}, [], null);
      assert.deepEqual([totals.bounces, totals.permanentBounces], [3, 2]);
    } finally {
      await store.close();
    }
  });

  test(`${db.name}: auto-replies do not count toward the repeated-failure threshold`, async () => {
    const store = await Store.open(await db.url());
    try {
      const now = T0 + 10 * DAY;
      // Two auto-replies that read like a disabled account (the messages were delivered), then one
      // deferral: one failure, not three.
      const replies = [0, 1].map((d) =>
        event({
          type: "autoreply",
          recipient: "away@example.com",
          response: "this account is disabled",
          timestamp: at(d),
          messageId: `<ar${d}@example.org>`,
        }),
      );
      assert.ok(
        replies.every((r) => r.diagnosis?.category === "inbox"),
        "the replies read as inbox",
      );
      await store.insertEvents(replies, now);
      await store.insertEvents(
        [
          event({
            type: "deferred",
            recipient: "away@example.com",
            response: "450 4.2.1 The email account that you tried to reach is disabled",
            timestamp: at(2),
            messageId: "<d1@example.org>",
          }),
        ],
        now,
      );
      assert.equal(await store.getSuppression("away@example.com", now), null);
      // Two more failures make three: suppressed, counting failures only.
      await store.insertEvents(failures("away@example.com", INBOX, 2, 3), now);
      assert.equal((await store.getSuppression("away@example.com", now))?.failures, 3);
    } finally {
      await store.close();
    }
  });
}
