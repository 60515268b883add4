// What the API stores and how it is asked, over real HTTP on SQLite and PostgreSQL: control
// characters in addresses and NUL characters anywhere (never a 500, and never an event row and a
// suppression that disagree), the receiving provider of every event (deliveries included, so a
// provider's rates are true ones), the rates under an outcome filter, the `errorCode`, `statusCode`
// and `provider=none` filters of GET /v1/events, and suppression addresses once lower-cased.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Running } from "../../src/server/serve.js";
import { apiCaller } from "../support/api-client.js";
import { testDatabases } from "../support/databases.js";
import { startTestServer } from "../support/server.js";

// biome-ignore lint/suspicious/noExplicitAny: test code reads JSON answers loosely
type Json = any;
const json = async (r: Response): Promise<Json> => r.json();

/** A 400 in the API's error shape; its message. */
async function badRequest(r: Response, what: string): Promise<string> {
  assert.equal(r.status, 400, `${what}: ${r.status} ${await r.clone().text()}`);
  const body = await json(r);
  assert.equal(body.error.code, "invalid_request", what);
  assert.equal(typeof body.error.message, "string", what);
  return body.error.message;
}

for (const db of testDatabases()) {
  describe(`stored input on ${db.name}`, () => {
    let s: Running;
    let base: string;
    let key: string;
    const api = apiCaller(
      () => base,
      () => key,
    );
    const post = (path: string, body: unknown) => api(path, { method: "POST", json: body });

    before(async () => {
      s = await startTestServer(await db.url(), {
        bounceDomains: [],
        maxEmailBytes: 1 << 20, // No secrets: webhooks are taken unverified.
        webhookSecrets: {},
      });
      base = `http://127.0.0.1:${s.httpPort}`;
      key = (await s.store.createApiKey("input")).key;
    });
    after(() => s.close());

    test("a recipient with a control character: refused by /v1/events (400), skipped by webhooks (the rest stored)", async () => {
      const good = { type: "bounce", recipient: "good1@example.org", response: "550 5.1.1 user unknown" };
      for (const bad of ["bad\u0000@example.org", "bad@exa\u0001mple.org", "b\u007fad@example.org"]) {
        const m = await badRequest(
          await post("/v1/events/batch", { events: [good, { type: "delivered", recipient: bad }] }),
          JSON.stringify(bad),
        );
        assert.match(m, /^body\.events\[1\]\.recipient must be an email address .*control characters/);
        await badRequest(
          await post("/v1/events", { type: "delivered", recipient: bad }),
          JSON.stringify(bad),
        );
      }
      // Nothing of a refused batch is stored; the same batch without the bad item is.
      assert.equal((await json(await api("/v1/events?recipient=good1@example.org"))).items.length, 0);
      assert.equal((await json(await post("/v1/events/batch", { events: [good] }))).inserted, 1);

      const items = [
        { event: "bounce", email: "x\u0000y@example.org", timestamp: 1767225600, sg_event_id: "nul-1" },
        { event: "bounce", email: "x\u0001y@example.org", timestamp: 1767225600, sg_event_id: "nul-2" },
        {
          event: "bounce",
          email: "good2@example.org",
          timestamp: 1767225600,
          sg_event_id: "nul-3",
          reason: "550 5.1.1 unknown",
          status: "5.1.1",
        },
      ];
      const hook = await api(`/v1/webhooks/sendgrid`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(items),
      });
      assert.equal(hook.status, 200, await hook.clone().text());
      assert.deepEqual(await json(hook), {
        inserted: 1,
        duplicates: 0,
        skipped: { count: 2, reasons: { invalid_recipient: 2 } },
      });
      const stored = await json(await api("/v1/events?recipient=good2@example.org"));
      assert.equal(stored.items.length, 1);
      assert.equal((await json(await api("/v1/suppressions/good2@example.org"))).suppressed, true);
    });

    test("NUL characters in notes are dropped; in path and query parameters they are a 400, never a 500", async () => {
      await badRequest(await post("/v1/suppressions", { address: "a@b\u0000c" }), "address with NUL");
      await badRequest(await post("/v1/suppressions", { address: "a@b\u0001c" }), "address with U+0001");
      const added = await post("/v1/suppressions", {
        address: "note@example.org",
        note: "x\u0000y",
        reason: "r\u0000s",
      });
      assert.equal(added.status, 201, await added.clone().text());
      const entry = await json(added);
      assert.deepEqual([entry.note, entry.reason], ["xy", "rs"]);
      assert.equal((await json(await api("/v1/suppressions/note@example.org"))).entry.note, "xy");

      for (const [path, name] of [
        ["/v1/suppressions/a%00b@c", "path.address"],
        ["/v1/suppressions?search=%00", "query.search"],
        ["/v1/suppressions?after=%00", "query.after"],
        ["/v1/events?recipient=a%00@b", "query.recipient"],
        ["/v1/events?tag=%00", "query.tag"],
        ["/v1/stats?sendingDomain=%00", "query.sendingDomain"],
        ["/v1/dashboard/timeline?provider=%00", "query.provider"],
      ] as const) {
        const m = await badRequest(await api(path), path);
        assert.equal(m, `${name} must not contain a NUL character (U+0000)`, path);
      }
      const del = await api("/v1/suppressions/a%00b@c", { method: "DELETE" });
      assert.equal(await badRequest(del, "DELETE"), "path.address must not contain a NUL character (U+0000)");
    });

    test("every event gets its provider, deliveries too: a provider's delivery rate is a true one", async () => {
      const at = "2026-03-02T10:00:00Z";
      const events = [
        { type: "delivered", recipient: "p1@gmail.com", tag: "prov", timestamp: at },
        { type: "delivered", recipient: "p2@GMail.com", tag: "prov", timestamp: at },
        {
          type: "bounce",
          recipient: "p3@gmail.com",
          tag: "prov",
          timestamp: at,
          response: "550 5.1.1 user unknown",
        },
        // By the remote host: a domain that Google hosts.
        {
          type: "delivered",
          recipient: "p4@hosted.example",
          tag: "prov",
          timestamp: at,
          remoteHost: "aspmx.l.google.com",
        },
        // A country's domain of a provider.
        { type: "delivered", recipient: "p5@hotmail.co.uk", tag: "prov", timestamp: at },
        { type: "delivered", recipient: "p6@yahoo.com.sg", tag: "prov", timestamp: at },
        { type: "delivered", recipient: "p7@nobody.example", tag: "prov", timestamp: at },
      ];
      assert.equal((await json(await post("/v1/events/batch", { events }))).inserted, events.length);

      const listed = await json(await api("/v1/events?tag=prov&limit=100"));
      const providerOf = Object.fromEntries(listed.items.map((e: Json) => [e.recipient, e.provider]));
      assert.deepEqual(providerOf, {
        "p1@gmail.com": "gmail",
        "p2@GMail.com": "gmail",
        "p3@gmail.com": "gmail",
        "p4@hosted.example": "gmail",
        "p5@hotmail.co.uk": "microsoft",
        "p6@yahoo.com.sg": "yahoo",
        "p7@nobody.example": null,
      });

      // From the daily rollups (whole days) and from the events (part of a day): the same totals.
      for (const range of ["", "&from=2026-03-02T09:00:00Z&to=2026-03-02T11:00:00Z"]) {
        const { totals } = await json(await api(`/v1/stats?tag=prov&provider=gmail${range}`));
        assert.deepEqual(
          [totals.sent, totals.delivered, totals.bounces, totals.permanentBounces],
          [4, 3, 1, 1],
          range,
        );
        assert.equal(totals.deliveryRate, 3 / 4, range);
        assert.equal(totals.permanentBounceRate, 1 / 4, range);
        const none = (await json(await api(`/v1/stats?tag=prov&provider=none${range}`))).totals;
        assert.deepEqual([none.sent, none.delivered, none.deliveryRate], [1, 1, 1], range);
      }
    });

    test("under an outcome filter (category, type) the rates are null, not 0 or 100 %", async () => {
      const at = "2026-03-03T10:00:00Z";
      const events = [
        { type: "delivered", recipient: "r1@example.org", tag: "rates", timestamp: at },
        {
          type: "bounce",
          recipient: "r2@example.org",
          tag: "rates",
          timestamp: at,
          response: "550 5.1.1 user unknown",
        },
      ];
      assert.equal((await json(await post("/v1/events/batch", { events }))).inserted, 2);
      const all = (await json(await api("/v1/stats?tag=rates"))).totals;
      assert.deepEqual([all.deliveryRate, all.permanentBounceRate], [0.5, 0.5]);
      for (const q of ["category=invalid_address", "type=bounce", "type=delivered"]) {
        const t = (await json(await api(`/v1/stats?tag=rates&${q}`))).totals;
        assert.deepEqual([t.deliveryRate, t.permanentBounceRate], [null, null], q);
      }
      const t = (await json(await api("/v1/stats?tag=rates&category=invalid_address"))).totals;
      assert.deepEqual([t.bounces, t.permanentBounces, t.delivered], [1, 1, 0]);
    });

    test("GET /v1/events filters by errorCode, statusCode and provider=none, and refuses bad values", async () => {
      const at = "2026-03-04T10:00:00Z";
      const events = [
        {
          type: "bounce",
          recipient: "c1@codes.example",
          tag: "codes",
          timestamp: at,
          response: "550 5.1.1 user unknown",
        },
        {
          type: "bounce",
          recipient: "c2@codes.example",
          tag: "codes",
          timestamp: at,
          response: "552 5.2.2 mailbox full",
        },
        {
          type: "bounce",
          recipient: "c3@gmail.com",
          tag: "codes",
          timestamp: at,
          response: "550 5.1.1 user unknown",
        },
        {
          type: "bounce",
          recipient: "c4@codes.example",
          tag: "codes",
          timestamp: at,
          response: "user unknown",
        },
        { type: "delivered", recipient: "c5@codes.example", tag: "codes", timestamp: at },
      ];
      assert.equal((await json(await post("/v1/events/batch", { events }))).inserted, events.length);
      const recipients = async (q: string) => {
        const r = await api(`/v1/events?tag=codes&${q}`);
        assert.equal(r.status, 200, `${q}: ${await r.clone().text()}`);
        return (await json(r)).items.map((e: Json) => e.recipient).sort();
      };
      assert.deepEqual(await recipients("errorCode=550"), ["c1@codes.example", "c3@gmail.com"]);
      assert.deepEqual(await recipients("statusCode=5.2.2"), ["c2@codes.example"]);
      assert.deepEqual(await recipients("errorCode=550&provider=none"), ["c1@codes.example"]);
      assert.deepEqual(await recipients("errorCode=none&type=bounce"), ["c4@codes.example"]);
      assert.deepEqual(await recipients("statusCode=none"), ["c4@codes.example", "c5@codes.example"]);
      assert.deepEqual(await recipients("provider=gmail"), ["c3@gmail.com"]);
      assert.equal((await recipients("provider=none")).length, 4);
      // The same filters on the statistics.
      const t = (await json(await api("/v1/stats?tag=codes&errorCode=550&provider=none"))).totals;
      assert.deepEqual([t.bounces, t.deliveryRate], [1, null]);

      for (const [q, m] of [
        ["errorCode=abc", /^query\.errorCode must be an SMTP reply code/],
        ["errorCode=55", /^query\.errorCode must be an SMTP reply code/],
        ["errorCode=5500", /^query\.errorCode must be/],
        ["statusCode=5.1", /^query\.statusCode must be an enhanced status code/],
        ["statusCode=x", /^query\.statusCode must be an enhanced status code/],
      ] as const)
        assert.match(await badRequest(await api(`/v1/events?${q}`), q), m, q);
    });

    test("a suppression address is checked once lower-cased: 400 when that is over 320 characters", async () => {
      // 310 "İ" are 620 characters lower-cased (each "i" and a combining dot).
      const long = `${"İ".repeat(310)}@x.example`;
      assert.equal(long.length, 320);
      const m = await badRequest(await post("/v1/suppressions", { address: long }), "long address");
      assert.match(m, /^body\.address must be at most 320 characters once lower-cased .*it is 630$/);
      assert.equal((await json(await api("/v1/suppressions?search=x.example"))).items.length, 0);
      // Short enough lower-cased: stored, and found and deleted by either case.
      const short = `${"İ".repeat(100)}@x.example`;
      assert.equal((await post("/v1/suppressions", { address: short })).status, 201);
      assert.equal((await json(await api(`/v1/suppressions/${encodeURIComponent(short)}`))).suppressed, true);
      const lower = encodeURIComponent(short.toLowerCase());
      assert.deepEqual(await json(await api(`/v1/suppressions/${lower}`, { method: "DELETE" })), {
        removed: true,
      });
    });

    test("one event is stored once whatever the spelling of its time", async () => {
      const spellings = [
        "2026-07-01T10:00:00Z",
        "2026-07-01T10:00:00.000Z",
        "2026-07-01T12:00:00+02:00",
        "2026-07-01t10:00:00z",
      ];
      const answers = [];
      for (const timestamp of spellings)
        answers.push(
          await json(
            await post("/v1/events", {
              type: "bounce",
              recipient: "dup@spelling.example",
              messageId: "<m1@example.org>",
              response: "550 5.1.1 unknown",
              timestamp,
            }),
          ),
        );
      assert.deepEqual(
        answers.map((a) => a.inserted),
        [1, 0, 0, 0],
      );
      assert.equal((await json(await api("/v1/events?recipientDomain=spelling.example"))).items.length, 1);
    });

    test("times before 1970 and control characters in sending domain, IP or tag: 400 from the API, dropped from webhooks", async () => {
      const m = await badRequest(
        await post("/v1/events", {
          type: "bounce",
          recipient: "old@example.org",
          timestamp: "1969-12-31T23:00:00Z",
        }),
        "1969",
      );
      assert.match(m, /^body\.timestamp must be a time \(RFC 3339\) in 1970 or later/);
      await badRequest(
        await post("/v1/events", {
          type: "bounce",
          recipient: "old@example.org",
          timestamp: "0000-01-01T00:00:00Z",
        }),
        "year 0",
      );
      // 1970 in its digits, 1969 in UTC.
      const offset = await badRequest(
        await post("/v1/events/batch", {
          events: [{ type: "bounce", recipient: "old@example.org", timestamp: "1970-01-01T00:30:00+01:00" }],
        }),
        "offset before the epoch",
      );
      assert.match(
        offset,
        /^body\.events\[0\]\.timestamp must be a time \(RFC 3339\) from 1970 to at most a day ahead/,
      );
      for (const field of ["sendingDomain", "sendingIp", "tag"]) {
        const m2 = await badRequest(
          await post("/v1/events", { type: "bounce", recipient: "c@example.org", [field]: "d\u0001i" }),
          field,
        );
        assert.match(m2, new RegExp(`^body\\.${field} must not hold control characters`));
      }
      // A webhook's tag with a control character loses the tag, not the event.
      const hook = await api("/v1/webhooks/sendgrid", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([
          {
            event: "bounce",
            email: "tagged@example.org",
            timestamp: 1767225600,
            sg_event_id: "ctl-1",
            reason: "550 5.1.1 unknown",
            category: "news\u0001letter",
          },
          {
            event: "bounce",
            email: "old@example.org",
            timestamp: -3600,
            sg_event_id: "old-1",
            reason: "550",
          },
        ]),
      });
      assert.equal(hook.status, 200, await hook.clone().text());
      const answer = await json(hook);
      assert.equal(answer.inserted, 1);
      assert.deepEqual(answer.skipped, { count: 1, reasons: { invalid_timestamp: 1 } });
      const [stored] = (await json(await api("/v1/events?recipient=tagged@example.org"))).items;
      assert.equal(stored.tag, null);
    });

    test("an event dated more than a day ahead: 400 from the API, skipped from webhooks, counted apart from logs", async () => {
      const ahead = new Date(Date.now() + 2 * 86_400_000).toISOString();
      const soon = new Date(Date.now() + 3_600_000).toISOString();
      // A delivery dated years ahead would keep every failure before it from counting.
      for (const timestamp of [ahead, "2099-01-01T00:00:00Z"])
        assert.match(
          await badRequest(
            await post("/v1/events", { type: "delivered", recipient: "future@example.org", timestamp }),
            timestamp,
          ),
          /^body\.timestamp must be a time \(RFC 3339\) from 1970 to at most a day ahead/,
        );
      const batch = await post("/v1/events/batch", {
        events: [
          { type: "bounce", recipient: "future@example.org", timestamp: soon, response: "550 5.1.1 unknown" },
          { type: "delivered", recipient: "future@example.org", timestamp: ahead },
        ],
      });
      assert.match(await badRequest(batch, "batch"), /^body\.events\[1\]\.timestamp must be a time/);
      // Clock skew within the day is fine.
      assert.equal(
        (
          await json(
            await post("/v1/events", { type: "deferred", recipient: "future@example.org", timestamp: soon }),
          )
        ).inserted,
        1,
      );
      const hook = await api("/v1/webhooks/sendgrid", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([
          { event: "delivered", email: "future@example.org", timestamp: 4102444800, sg_event_id: "fut-1" },
          {
            event: "bounce",
            email: "future@example.org",
            timestamp: 1767225600,
            sg_event_id: "fut-2",
            reason: "550",
          },
        ]),
      });
      const answer = await json(hook);
      assert.equal(answer.inserted, 1);
      assert.deepEqual(answer.skipped, { count: 1, reasons: { invalid_timestamp: 1 } });
      const year = new Date(Date.now() + 2 * 86_400_000).getUTCFullYear() + 1;
      const line = (t: string, id: string) =>
        `${t} mx postfix/smtp[1]: ${id}: to=<future@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.1] said: 550 5.1.1 unknown (in reply to RCPT TO command))\n`;
      const logs = await api(`/v1/logs?year=${year}&timeZone=utc`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: line("Jan  2 10:00:00", "AAAA1111"),
      });
      assert.deepEqual(await json(logs), {
        inserted: 0,
        duplicates: 0,
        lines: 1,
        bad: 0,
        events: 0,
        ahead: 1,
      });
      const stored = (await json(await api("/v1/events?recipient=future@example.org"))).items;
      assert.deepEqual(stored.map((e: { type: string }) => e.type).sort(), ["bounce", "deferred"]);
    });

    test("something other than a bare address is no recipient nor suppression: <x@y>, mailto:, lists, empty labels", async () => {
      for (const address of [
        "<x1@example.com>",
        "mailto:x2@example.com",
        "x3@example..com",
        "x4@.example.com",
        "x5@example.com.",
        ",@,",
        "x6@example.com>",
        "x7@example.com,x8@example.com",
      ]) {
        assert.match(
          await badRequest(await post("/v1/suppressions", { address }), address),
          /^body\.address must be an email address \(local-part@domain\) alone/,
        );
        assert.match(
          await badRequest(await post("/v1/events", { type: "bounce", recipient: address }), address),
          /^body\.recipient must be an email address/,
        );
      }
      // Full-width dots pass as letters, but once stored (a Unicode domain) they are empty labels.
      assert.match(
        await badRequest(await post("/v1/suppressions", { address: "a@xn--bcher-kva\uff0e\uff0ecom" }), "fw"),
        /^body\.address is no email address in the form it is stored in \("a@bücher\.\.com"/,
      );
      // A domain literal is an address.
      assert.equal(
        (await json(await post("/v1/events", { type: "bounce", recipient: "user@[192.0.2.1]" }))).inserted,
        1,
      );
      // Letters beyond ASCII and the dots some providers allow in local parts are addresses.
      for (const address of ["jürgen@bücher.example", "a..b.@docomo.example.jp", " padded@example.com "])
        assert.equal((await post("/v1/suppressions", { address })).status, 201, address);
    });

    test("entries an earlier version stored under a looser address (<x@y>, x@y.) can still be looked up and removed", async () => {
      for (const address of ["<legacy@example.org>", "legacy@example.org."]) {
        await s.store.db
          .insertInto("suppressions")
          .values({
            address,
            category: "manual",
            reason: "manual",
            source: "api",
            event_id: null,
            failures: 1,
            created_at: Date.now(),
            updated_at: Date.now(),
            expires_at: null,
            note: null,
            manual_at: Date.now(),
          })
          .execute();
        const path = `/v1/suppressions/${encodeURIComponent(address)}`;
        assert.equal((await json(await api(path))).suppressed, true, address);
        assert.deepEqual(await json(await api(path, { method: "DELETE" })), { removed: true });
      }
      // What never was an address is still a 400.
      assert.equal((await api("/v1/suppressions/no-at-sign")).status, 400);
    });

    test("a route that reads no query parameter refuses any: POST /v1/events?store=false stores nothing", async () => {
      const cases: [string, string, unknown][] = [
        ["POST", "/v1/events?store=false", { type: "complaint", recipient: "query@example.org" }],
        ["POST", "/v1/diagnose?lang=en", { response: "550 5.1.1 unknown" }],
        ["POST", "/v1/suppressions?foo=1", { address: "query@example.org" }],
        ["DELETE", "/v1/suppressions/query@example.org?foo=1", undefined],
      ];
      for (const [method, path, body] of cases) {
        const r = await api(path, { method, ...(body ? { json: body } : {}) });
        assert.match(await badRequest(r, path), /^query\.(store|lang|foo) is not allowed$/);
      }
      assert.equal((await json(await api("/v1/events?recipient=query@example.org"))).items.length, 0);
      assert.equal((await json(await api("/v1/suppressions/query@example.org"))).suppressed, false);
    });

    test("a lone UTF-16 surrogate is stored as U+FFFD, the same on both databases", async () => {
      assert.equal(
        (
          await post("/v1/events", {
            type: "bounce",
            recipient: "\ud800x@surrogate.example",
            response: "a\udc00b",
          })
        ).status,
        200,
      );
      const [e] = (await json(await api("/v1/events?recipientDomain=surrogate.example"))).items;
      assert.equal(e.recipient, "\ufffdx@surrogate.example");
      assert.equal(e.response, "a\ufffdb");
      // A suppression added with one is found and removed under the same address.
      assert.equal((await post("/v1/suppressions", { address: "a\ud800b@surrogate.example" })).status, 201);
      const gone = await api(`/v1/suppressions/${encodeURIComponent("a\ufffdb@surrogate.example")}`, {
        method: "DELETE",
      });
      assert.equal(gone.status, 200, await gone.clone().text());
    });

    test("the dashboard's timeline takes the errorCode and statusCode filters of /v1/stats", async () => {
      for (const q of ["errorCode=550", "statusCode=5.1.1", "errorCode=none"]) {
        const r = await api(`/v1/dashboard/timeline?${q}`);
        assert.equal(r.status, 200, `${q}: ${await r.clone().text()}`);
      }
      await badRequest(await api("/v1/dashboard/timeline?errorCode=5x0"), "bad errorCode");
    });

    test("POST /v1/bounces refuses an unknown query parameter (a misspelt store=false stores nothing)", async () => {
      const before = (await json(await api("/v1/events?limit=1000"))).items.length;
      const r = await api("/v1/bounces?stor=false", {
        method: "POST",
        headers: { "content-type": "message/rfc822" },
        body: "From: MAILER-DAEMON@example.org\r\nTo: a@example.org\r\nSubject: Undelivered\r\n\r\n<x@example.com>: 550 5.1.1 user unknown\r\n",
      });
      assert.match(await badRequest(r, "stor=false"), /stor/);
      assert.equal((await json(await api("/v1/events?limit=1000"))).items.length, before);
    });

    test("a bounce with an over-long Message-ID or From, or a control character in From, is stored (never a 5xx), once", async () => {
      // PostgreSQL's unique index on the dedupe key refused a key of 3,264 bytes: the bounce failed
      // on every retry. Its event now passes the checks webhooks' and logs' do.
      const bounce = (recipient: string, messageId: string, from: string) =>
        [
          "From: MAILER-DAEMON@mx.example.org",
          "To: bounces@bounce.example.net",
          "Subject: Undelivered Mail Returned to Sender",
          "Date: Wed, 25 Nov 2026 10:00:00 +0000",
          "MIME-Version: 1.0",
          'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"',
          "",
          "--BB",
          "Content-Type: message/delivery-status",
          "",
          "Reporting-MTA: dns; mx.example.org",
          "",
          `Final-Recipient: rfc822; ${recipient}`,
          "Action: failed",
          "Status: 5.1.1",
          `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
          "",
          "--BB",
          "Content-Type: text/rfc822-headers",
          "",
          `From: ${from}`,
          `To: ${recipient}`,
          `Message-ID: ${messageId}`,
          "Subject: hello",
          "",
          "--BB--",
          "",
        ].join("\r\n");
      // [recipient, Message-ID, From, the event's messageId, sender and sendingDomain]
      const cases = [
        [
          "longid@example.com",
          `<${"x".repeat(3200)}@mx.example.org>`,
          "news@sender.example",
          null,
          "news@sender.example",
          "sender.example",
        ],
        [
          "longdom@example.com",
          "<m1@sender.example>",
          `news@${"d".repeat(4000)}.example`,
          "<m1@sender.example>",
          null,
          null,
        ],
        [
          "ctl@example.com",
          "<m2@sender.example>",
          "news@sen\u0001der.example",
          "<m2@sender.example>",
          null,
          null,
        ],
      ] as const;
      for (const [recipient, messageId, from, ...expected] of cases) {
        const send = () =>
          api("/v1/bounces", {
            method: "POST",
            headers: { "content-type": "message/rfc822" },
            body: bounce(recipient, messageId, from),
          });
        const r = await send();
        assert.equal(r.status, 200, `${recipient}: ${(await r.clone().text()).slice(0, 300)}`);
        assert.deepEqual(
          [(await json(r)).stored.inserted, (await json(await send())).stored.duplicates],
          [1, 1],
          recipient,
        );
        const [e] = (await json(await api(`/v1/events?recipient=${recipient}`))).items;
        assert.equal(e.diagnosis.category, "invalid_address", recipient);
        assert.deepEqual([e.messageId, e.sender, e.sendingDomain], expected, recipient);
        assert.ok(e.sourceId.length <= 512, recipient);
      }
    });

    test("an event whose address grows past 320 characters when lower-cased is stored, and makes no entry that could not be removed", async () => {
      // 212 characters as sent; "İ" lower-cases to two UTF-16 units: 412 as a suppression key,
      // which GET and DELETE /v1/suppressions/:address (at most 320) could not name.
      const recipient = `${"İ".repeat(200)}@example.com`;
      const metric = async () =>
        Number(
          /^diagnosa_suppressions_skipped_total (\d+)/m.exec(await (await api("/metrics")).text())?.[1] ?? 0,
        );
      const before = await metric();
      const hard = await post("/v1/events", {
        type: "bounce",
        recipient,
        response: "550 5.1.1 User unknown",
      });
      assert.equal(hard.status, 200, await hard.clone().text());
      assert.equal((await json(hard)).inserted, 1);
      assert.equal((await post("/v1/events", { type: "complaint", recipient })).status, 200);
      const listed = (await json(await api(`/v1/suppressions?search=${encodeURIComponent("i̇i̇i̇")}`))).items;
      assert.deepEqual(listed, [], "no entry");
      assert.equal(await metric(), before + 2, "counted");
      // The events are kept, and every entry listed can be looked up and removed.
      assert.equal(
        (await json(await api(`/v1/events?recipient=${encodeURIComponent(recipient)}`))).items.length,
        2,
      );
      for (const entry of (await json(await api("/v1/suppressions?limit=1000"))).items) {
        const r = await api(`/v1/suppressions/${encodeURIComponent(entry.address)}`);
        assert.equal(r.status, 200, `${entry.address.slice(0, 40)}: ${await r.clone().text()}`);
      }
    });

    test("DELETE of an expired suppression is a 404, as for an address never listed", async () => {
      await s.store.addSuppression("expired@example.org", null, null, Date.now() - 1000);
      assert.equal((await json(await api("/v1/suppressions/expired@example.org"))).suppressed, false);
      const missing = await api("/v1/suppressions/never@example.org", { method: "DELETE" });
      assert.equal(missing.status, 404);
      const expired = await api("/v1/suppressions/expired@example.org", { method: "DELETE" });
      assert.equal(expired.status, 404);
      assert.equal((await json(expired)).error.message, "expired@example.org is not on the suppression list");
    });
  });
}
