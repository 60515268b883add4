// Bounce emails as events: a bounce whose Date header does not parse is stored once however often it
// is posted (or retried over SMTP), though its events take the time it arrived.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { parseBounce } from "../../src/bounce/parse.js";
import { bounceEvents } from "../../src/ingest/bounce-events.js";
import { Store } from "../../src/store/store.js";
import { datedDsn as dsn, POSTFIX_DSN } from "../bounce/fixtures.js";
import { testDatabases } from "../support/databases.js";

const earlier = new Date("2026-03-01T10:00:00Z");
const later = new Date("2026-03-01T10:07:00Z");
const stores: Store[] = [];
after(() => Promise.all(stores.map((s) => s.close())));

test("no usable Date: the same bounce keeps one identity whenever it arrives", async () => {
  const report = await parseBounce(Buffer.from(dsn("31-12-2025 23:59")));
  assert.equal(report.original?.messageId ?? null, null, "the fixture has no original Message-ID");
  const [a] = bounceEvents(report, "smtp", earlier);
  const [b] = bounceEvents(await parseBounce(Buffer.from(dsn("31-12-2025 23:59"))), "smtp", later);
  assert.equal(a!.timestamp, earlier.toISOString(), "the time it arrived, for want of a date");
  assert.equal(b!.timestamp, later.toISOString());
  assert.match(a!.sourceId!, /^sha256:[\w-]{43}:gone@example\.com:bounce$/);
  assert.equal(a!.sourceId, b!.sourceId);
  // Another bounce (another recipient, another undated Date) is another event.
  const [other] = bounceEvents(
    await parseBounce(Buffer.from(dsn("31-12-2025 23:59", "x@example.com"))),
    "smtp",
  );
  assert.notEqual(other!.sourceId, a!.sourceId);
  const [otherDate] = bounceEvents(await parseBounce(Buffer.from(dsn("01-01-2026 00:01"))), "smtp");
  assert.notEqual(otherDate!.sourceId, a!.sourceId);
});

test("a usable Date stays the event's time, and the store's content key keeps it once", async () => {
  const report = await parseBounce(Buffer.from(dsn("Sun, 1 Mar 2026 09:58:00 +0000")));
  const [a] = bounceEvents(report, "smtp", earlier);
  const [b] = bounceEvents(report, "smtp", later);
  assert.equal(a!.timestamp, "2026-03-01T09:58:00.000Z");
  assert.equal(a!.sourceId, null);
  assert.deepEqual(a, b);
});

test("a Date before 1970 or more than a day ahead is not the event's time: the arrival is", async () => {
  for (const date of [
    "Mon, 01 Jan 1900 00:00:00 +0000",
    "Wed, 01 Jan 2999 00:00:00 +0000",
    "Tue, 3 Mar 2026 10:00:00 +0000",
  ]) {
    const [e] = bounceEvents(await parseBounce(Buffer.from(dsn(date))), "smtp", earlier);
    assert.equal(e!.timestamp, earlier.toISOString(), date);
  }
  // Within a day ahead (clocks differ): kept.
  const [near] = bounceEvents(
    await parseBounce(Buffer.from(dsn("Sun, 1 Mar 2026 20:00:00 +0000"))),
    "smtp",
    earlier,
  );
  assert.equal(near!.timestamp, "2026-03-01T20:00:00.000Z");
});

test("a bounce recipient that is no address (control characters, white space, too long) is not an event", async () => {
  for (const bad of ["a\u0001b@example.com", "john doe@example.com", `${"x".repeat(400)}@example.com`]) {
    const report = await parseBounce(Buffer.from(dsn("31-12-2025 23:59")));
    report.recipients[0]!.recipient = bad;
    assert.deepEqual(bounceEvents(report, "smtp", earlier), [], JSON.stringify(bad.slice(0, 20)));
  }
});

for (const db of testDatabases()) {
  test(`${db.name}: an undated bounce posted twice minutes apart is stored once`, async () => {
    const store = await Store.open(await db.url());
    stores.push(store);
    const raw = Buffer.from(dsn("29-04-2017 23:34"));
    const first = await store.insertEvents(bounceEvents(await parseBounce(raw), "api:bounce", earlier));
    const again = await store.insertEvents(bounceEvents(await parseBounce(raw), "api:bounce", later));
    assert.deepEqual([first.inserted, first.duplicates], [1, 0]);
    assert.deepEqual([again.inserted, again.duplicates, again.stored], [0, 1, []]);
  });
}

test("the sender is the From header's address in angle brackets, not one in its display name", async () => {
  const raw = POSTFIX_DSN.replace(
    "From: Sender <sender@example.org>",
    'From: "Orders, reply to help@shop.example" <orders@mailer.example.net>',
  );
  const [e] = bounceEvents(await parseBounce(raw), "smtp", earlier);
  assert.equal(e!.sender, "orders@mailer.example.net");
  const [plain] = bounceEvents(
    await parseBounce(POSTFIX_DSN.replace("From: Sender <sender@example.org>", "From: sender@example.org")),
    "smtp",
    earlier,
  );
  assert.equal(plain!.sender, "sender@example.org");
});
