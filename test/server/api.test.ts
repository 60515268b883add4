// The service over real HTTP and a real SMTP conversation, on a real SQLite file and (when
// DIAGNOSA_TEST_PG_URL is set) a real PostgreSQL server: the same suite on both.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Running } from "../../src/server/serve.js";
import { POSTFIX_DSN } from "../bounce/fixtures.js";
import { apiCaller } from "../support/api-client.js";
import { testDatabases } from "../support/databases.js";
import { startTestServer } from "../support/server.js";
import { SmtpClient } from "../support/smtp-client.js";

// biome-ignore lint/suspicious/noExplicitAny: test code reads JSON answers loosely
const json = async (r: Response): Promise<any> => r.json();

for (const db of testDatabases()) {
  describe(`service on ${db.name}`, () => {
    let s: Running;
    let base: string;
    let key: string;
    const api = apiCaller(
      () => base,
      () => key,
    );

    before(async () => {
      s = await startTestServer(await db.url(), { smtpPort: 0 });
      base = `http://127.0.0.1:${s.httpPort}`;
      key = (await s.store.createApiKey("test")).key;
    });
    after(async () => {
      await s.close();
    });

    test("health is public; everything else needs a valid key", async () => {
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      const ready = await json(await fetch(`${base}/readyz`));
      assert.equal(ready.database, db.name);
      const none = await fetch(`${base}/v1/catalog`);
      assert.equal(none.status, 401);
      assert.match((await json(none)).error.message, /API key/);
      assert.equal(
        (await api("/v1/catalog", { headers: { authorization: "Bearer dk_0.wrong" } })).status,
        401,
      );
      assert.equal((await api("/v1/catalog")).status, 200);
    });

    test("diagnose one reply and a batch", async () => {
      const one = await api("/v1/diagnose", {
        method: "POST",
        json: { response: "550 5.1.1 <a@b.com>: User unknown", lang: "id" },
      });
      assert.equal(one.status, 200);
      const d = await json(one);
      assert.equal(d.category, "invalid_address");
      assert.ok(d.tips.id.length);
      const batch = await json(
        await api("/v1/diagnose/batch", {
          method: "POST",
          json: {
            items: [{ response: "552 5.2.2 Mailbox full" }, { response: "421 4.7.0 Too many connections" }],
          },
        }),
      );
      assert.deepEqual(
        batch.results.map((r: { category: string }) => r.category),
        ["inbox_full", "rate_limit"],
      );
      assert.equal(batch.results[0].tips, undefined);
      // Spaces alone in statusCode are no code, as "" is (the CLI reads them so too).
      const spaces = await api("/v1/diagnose", {
        method: "POST",
        json: { response: "552 mailbox full", statusCode: "  " },
      });
      assert.equal(spaces.status, 200);
      assert.equal((await json(spaces)).statusCode, null);
    });

    test("events: stored once, listed, counted; the suppression list follows the policy", async () => {
      const events = [
        {
          sourceId: "e1",
          type: "delivered",
          recipient: "ok@example.com",
          timestamp: "2026-03-01T10:00:00Z",
          sendingDomain: "news.example.org",
        },
        {
          sourceId: "e2",
          type: "bounce",
          recipient: "gone@example.com",
          timestamp: "2026-03-01T10:01:00Z",
          response: "550 5.1.1 User unknown",
          sendingDomain: "news.example.org",
        },
        {
          sourceId: "e3",
          type: "bounce",
          recipient: "fine@example.com",
          timestamp: "2026-03-01T10:02:00Z",
          response: "554 5.7.1 Client host blocked using zen.spamhaus.org",
          sendingDomain: "news.example.org",
        },
      ];
      const r = await api("/v1/events/batch", { method: "POST", json: { events } });
      assert.equal(r.status, 200);
      assert.deepEqual(await json(r), { inserted: 3, duplicates: 0 });
      assert.deepEqual(await json(await api("/v1/events", { method: "POST", json: events[1] })), {
        inserted: 0,
        duplicates: 1,
      });
      const list = await json(await api("/v1/events?limit=2"));
      assert.equal(list.items.length, 2);
      assert.ok(list.next);
      const stats = await json(await api("/v1/stats?groupBy=category&sendingDomain=news.example.org"));
      assert.equal(stats.totals.sent, 3);
      assert.equal(stats.totals.delivered, 1);
      assert.ok(stats.groups.some((g: { category: string }) => g.category === "blocked"));
      const gone = await json(await api("/v1/suppressions/gone@example.com"));
      assert.equal(gone.suppressed, true);
      const fine = await json(await api("/v1/suppressions/fine@example.com"));
      assert.equal(fine.suppressed, false, "a blocklisting is the sender's problem");
    });

    test("suppressions: add, list, remove", async () => {
      const add = await api("/v1/suppressions", {
        method: "POST",
        json: { address: "Manual@Example.com", note: "by phone" },
      });
      assert.equal(add.status, 201);
      const list = await json(await api("/v1/suppressions?search=manual"));
      assert.deepEqual(
        list.items.map((x: { address: string }) => x.address),
        ["manual@example.com"],
      );
      assert.equal((await api("/v1/suppressions/manual@example.com", { method: "DELETE" })).status, 200);
      assert.equal((await api("/v1/suppressions/manual@example.com", { method: "DELETE" })).status, 404);
    });

    test("suppressions: spaces trimmed, one address however its domain or letters are written, no address a 400", async () => {
      const add = await api("/v1/suppressions", {
        method: "POST",
        json: { address: "  Anna@Xn--Mller-Kva.DE " },
      });
      assert.equal(add.status, 201);
      assert.equal((await json(add)).address, "anna@müller.de");
      for (const asked of ["anna@xn--mller-kva.de", "ANNA@M%C3%BCller.de", "anna@mu%CC%88ller.de"]) {
        const r = await json(await api(`/v1/suppressions/${asked}`));
        assert.equal(r.suppressed, true, asked);
      }
      for (const bad of ["export", "not%20an%20address"]) {
        const r = await api(`/v1/suppressions/${bad}`);
        assert.equal(r.status, 400, bad);
        assert.match((await json(r)).error.message, /must be an email address/);
        assert.equal((await api(`/v1/suppressions/${bad}`, { method: "DELETE" })).status, 400, bad);
      }
      assert.equal((await api("/v1/suppressions/anna@xn--mller-kva.de", { method: "DELETE" })).status, 200);
    });

    test("events: one recipient however written (punycode, NFC, NFD, upper case) for ?recipient=, the policy and a delivery", async () => {
      const written = ["ben@xn--mller-kva.de", "ben@müller.de", "ben@mu\u0308ller.de", "BEN@MÜLLER.DE"];
      const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
      // Five "mailbox full", one per spelling and the first again: one address, suppressed.
      const events = [...written, written[0]!].map((recipient, i) => ({
        sourceId: `ben${i}`,
        type: "bounce",
        recipient,
        messageId: `<ben${i}@example.org>`,
        timestamp: hoursAgo(10 - i),
        response: "452 4.2.2 Mailbox full",
      }));
      assert.equal((await api("/v1/events/batch", { method: "POST", json: { events } })).status, 200);
      const entry = await json(await api(`/v1/suppressions/${encodeURIComponent(written[3]!)}`));
      assert.deepEqual(
        [entry.suppressed, entry.entry?.category, entry.entry?.failures],
        [true, "inbox_full", 5],
      );
      // Each spelling finds the five events, each shown as it was received.
      for (const asked of written) {
        const list = await json(await api(`/v1/events?recipient=${encodeURIComponent(asked)}`));
        assert.deepEqual(
          list.items.map((e: { recipient: string }) => e.recipient).sort(),
          events.map((e) => e.recipient).sort(),
          asked,
        );
        for (const e of list.items) assert.ok(!("recipientKey" in e || "recipient_key" in e), asked);
      }
      // A delivery written decomposed lifts the entry.
      const delivered = {
        sourceId: "ben-ok",
        type: "delivered",
        recipient: written[2],
        timestamp: hoursAgo(1),
      };
      assert.equal((await api("/v1/events", { method: "POST", json: delivered })).status, 200);
      assert.equal((await json(await api("/v1/suppressions/ben@m%C3%BCller.de"))).suppressed, false);
    });

    test("a raw bounce email becomes events", async () => {
      const r = await api("/v1/bounces", {
        method: "POST",
        headers: { "content-type": "message/rfc822" },
        body: POSTFIX_DSN,
      });
      assert.equal(r.status, 200);
      const body = await json(r);
      assert.equal(body.report.kind, "bounce");
      assert.equal(body.stored.inserted, 2);
    });

    test("the bounce-receiving SMTP endpoint: accepts bounces, refuses relaying, enforces the size", async () => {
      const { client, greeting } = await SmtpClient.open(s.smtpPort!);
      assert.match(greeting, /^220 /);
      assert.match(await client.send("EHLO mta.example.org"), /^250/);
      assert.match(await client.send("MAIL FROM:<>"), /^250/);
      assert.match(await client.send("RCPT TO:<someone@elsewhere.example.com>"), /^550 .*relay/i);
      assert.match(await client.send("RCPT TO:<bounces+jane=example.com@bounce.example.net>"), /^250/);
      const accepted = await client.data(
        POSTFIX_DSN.replace(/Final-Recipient: rfc822; full@example.com[\s\S]*?Mailbox full\n/, ""),
      );
      assert.match(accepted, /^250 .*bounce/);
      client.close();
      const stored = await json(await api("/v1/events?recipient=jane@example.com&limit=5"));
      assert.ok(
        stored.items.some((e: { source: string }) => e.source === "smtp"),
        "the VERP recipient's event is stored",
      );

      const big = await SmtpClient.open(s.smtpPort!);
      await big.client.send("EHLO mta.example.org");
      await big.client.send("MAIL FROM:<>");
      await big.client.send("RCPT TO:<bounces@bounce.example.net>");
      assert.match(await big.client.data(`Subject: big\n\n${"x".repeat(300 * 1024)}\n`), /^552/);
      assert.match(await big.client.send("BDAT"), /^5\d\d/);
      big.client.close();

      const rude = await SmtpClient.open(s.smtpPort!);
      assert.match(await rude.client.send("DATA"), /^503/);
      assert.match(await rude.client.send("HELLO?"), /^5\d\d/);
      rude.client.close();
    });

    test("tzOffset: day buckets start at the viewer's midnight, labelled as UTC instants", async () => {
      // One minute either side of midnight in Jakarta (UTC+07:00) and in New York winter (UTC-05:00).
      const events = [
        ["2026-03-09T16:59:00Z", "wib"],
        ["2026-03-09T17:01:00Z", "wib"],
        ["2026-03-09T17:02:00Z", "wib"],
        ["2026-03-10T04:59:00Z", "est"],
        ["2026-03-10T05:01:00Z", "est"],
        ["2026-03-10T05:02:00Z", "est"],
      ].map(([timestamp, zone], i) => ({
        sourceId: `tz${i}`,
        type: "bounce",
        recipient: `tz${i}@example.com`,
        timestamp,
        response: "550 5.1.1 User unknown",
        sendingDomain: `${zone}.example.org`,
      }));
      assert.equal((await api("/v1/events/batch", { method: "POST", json: { events } })).status, 200);
      const buckets = (groups: { bucket: string; count: number }[]) =>
        Object.fromEntries(groups.map((g) => [g.bucket, g.count]));
      const wib = await json(
        await api("/v1/dashboard/timeline?bucket=day&tzOffset=420&sendingDomain=wib.example.org"),
      );
      assert.equal(wib.tzOffset, 420);
      assert.deepEqual(buckets(wib.groups), {
        "2026-03-08T17:00:00.000Z": 1,
        "2026-03-09T17:00:00.000Z": 2,
      });
      // A leading + (encoded, or unencoded: then a space) is accepted.
      for (const plus of ["%2B420", "+420"]) {
        const again = await json(
          await api(`/v1/dashboard/timeline?bucket=day&tzOffset=${plus}&sendingDomain=wib.example.org`),
        );
        assert.deepEqual(again.groups, wib.groups);
      }
      const est = await json(
        await api("/v1/stats?groupBy=bucket&bucket=day&tzOffset=-300&sendingDomain=est.example.org"),
      );
      assert.deepEqual(buckets(est.groups), {
        "2026-03-09T05:00:00.000Z": 1,
        "2026-03-10T05:00:00.000Z": 2,
      });
      assert.equal(est.totals.bounces, 3);
      // Without it: UTC days, as before (all three in one day).
      const utc = await json(await api("/v1/dashboard/timeline?bucket=day&sendingDomain=est.example.org"));
      assert.equal(utc.tzOffset, 0);
      assert.deepEqual(buckets(utc.groups), { "2026-03-10T00:00:00.000Z": 3 });
      // Anything but whole minutes from -840 to 840 is a 400 that says so.
      for (const bad of ["abc", "841", "-841", "1.5", "420m", "99999", "0x10", "1e2"]) {
        for (const route of ["/v1/stats?bucket=day", "/v1/dashboard/timeline?bucket=day"]) {
          const r = await api(`${route}&tzOffset=${encodeURIComponent(bad)}`);
          assert.equal(r.status, 400, `${route} tzOffset=${bad}`);
          const body = await json(r);
          assert.equal(body.error.code, "invalid_request");
          assert.match(
            body.error.message,
            /tzOffset must be a whole number of minutes east of UTC from -840 to 840/,
          );
        }
      }
      for (const ok of ["840", "-840", "0", "-0", "330"])
        assert.equal((await api(`/v1/stats?bucket=day&tzOffset=${ok}`)).status, 200, ok);
    });

    test("bad input gets a 4xx with a JSON error, never a 500", async () => {
      const cases: [string, RequestInit, number][] = [
        [
          "/v1/diagnose",
          { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" },
          400,
        ],
        [
          "/v1/diagnose",
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ response: 5 }),
          },
          400,
        ],
        [
          "/v1/diagnose",
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ response: "x", errorCode: "abc" }),
          },
          400,
        ],
        [
          "/v1/diagnose",
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ response: "x", extra: 1 }),
          },
          400,
        ],
        [
          "/v1/events",
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ type: "bounce", recipient: "not-an-address" }),
          },
          400,
        ],
        [
          "/v1/events/batch",
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ events: [{ type: "exploded", recipient: "a@b.c" }] }),
          },
          400,
        ],
        ["/v1/events?limit=0", { method: "GET" }, 400],
        ["/v1/stats?groupBy=password", { method: "GET" }, 400],
        ["/v1/stats?bucket=day&tzOffset=900", { method: "GET" }, 400],
        ["/v1/dashboard/timeline?tzOffset=UTC%2B7", { method: "GET" }, 400],
        [
          "/v1/diagnose",
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ response: "x".repeat(6 * 1024 * 1024) }),
          },
          413,
        ],
        [
          "/v1/diagnose",
          { method: "POST", headers: { "content-type": "application/xml" }, body: "<x/>" },
          415,
        ],
        [
          "/v1/bounces",
          { method: "POST", headers: { "content-type": "message/rfc822" }, body: "x".repeat(300 * 1024) },
          413,
        ],
        ["/v1/bounces", { method: "POST", headers: { "content-type": "message/rfc822" }, body: "" }, 400],
        ["/v1/nope", { method: "GET" }, 404],
      ];
      for (const [path, init, status] of cases) {
        const r = await api(path, init);
        assert.equal(r.status, status, `${init.method} ${path} ${String(init.body).slice(0, 60)}`);
        const body = await json(r);
        assert.equal(typeof body.error.message, "string", `${path}: a message`);
        assert.ok(body.error.message.length > 3);
      }
    });

    test("OpenAPI document, browsable reference, Prometheus metrics", async () => {
      const doc = await json(
        await fetch(`${base}/openapi.json`, { headers: { authorization: `Bearer ${key}` } }),
      );
      assert.equal(doc.openapi, "3.0.3");
      assert.ok(doc.paths["/v1/diagnose"].post);
      assert.ok(doc.paths["/v1/events/batch"].post);
      for (const path of ["/v1/stats", "/v1/dashboard/timeline"]) {
        const tz = doc.paths[path].get.parameters.find((p: { name: string }) => p.name === "tzOffset");
        assert.ok(tz, `${path} documents tzOffset`);
        assert.equal(tz.in, "query");
        assert.match(tz.description, /minutes east of UTC/);
      }
      assert.equal((await fetch(`${base}/docs/`)).status, 200);
      const metrics = await (await api("/metrics")).text();
      assert.match(metrics, /diagnosa_http_requests_total/);
      assert.match(metrics, /diagnosa_events_ingested_total\{source="api",type="bounce"\}/);
    });
  });
}
