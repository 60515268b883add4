// The HTTP layer's answers to bad input, over real HTTP on both databases: every error in the
// documented shape {"error": {code, message}} with a 4xx status (docs/service.md, "Bad input and
// what it gets").
import assert from "node:assert/strict";
import { request } from "node:http";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { HttpError, storeInput } from "../../src/server/app.js";
import type { Running } from "../../src/server/serve.js";
import { MAX_BUCKETS } from "../../src/store/store.js";
import { apiCaller } from "../support/api-client.js";
import { testDatabases } from "../support/databases.js";
import { startTestServer } from "../support/server.js";

// biome-ignore lint/suspicious/noExplicitAny: test code reads JSON answers loosely
type Json = any;

/** An answer in the documented error shape, with this status; its message. */
async function errorOf(r: Response, status: number, what = ""): Promise<string> {
  const text = await r.text();
  assert.equal(r.status, status, `${what}: ${text.slice(0, 300)}`);
  assert.match(r.headers.get("content-type") ?? "", /^application\/json/, what);
  const body = JSON.parse(text);
  assert.deepEqual(Object.keys(body), ["error"], `${what}: ${text.slice(0, 300)}`);
  assert.equal(typeof body.error.code, "string", what);
  assert.equal(typeof body.error.message, "string", what);
  assert.doesNotMatch(body.error.message, /\n\s+at /, `${what}: no stack trace`);
  return body.error.message;
}

const server = async (databaseUrl: string, auth = true) => startTestServer(databaseUrl, { auth });

for (const db of testDatabases()) {
  describe(`HTTP layer on ${db.name}`, () => {
    let s: Running;
    let base: string;
    let key: string;
    const api = apiCaller(
      () => base,
      () => key,
    );

    before(async () => {
      s = await server(await db.url());
      base = `http://127.0.0.1:${s.httpPort}`;
      key = (await s.store.createApiKey("test")).key;
    });
    after(async () => {
      await s.close();
    });

    test("addresses up to 320 characters in the path; over-long paths and headers get the error shape", async () => {
      const long = `${"a".repeat(128)}@${"b".repeat(7)}.example.com`;
      assert.equal(long.length, 148);
      const got = await api(`/v1/suppressions/${long}`);
      assert.equal(got.status, 200);
      assert.equal(((await got.json()) as Json).suppressed, false);
      await errorOf(await api(`/v1/suppressions/${long}`, { method: "DELETE" }), 404, "DELETE, not listed");
      assert.equal((await api("/v1/suppressions", { method: "POST", json: { address: long } })).status, 201);
      assert.equal(((await (await api(`/v1/suppressions/${long}`)).json()) as Json).suppressed, true);
      assert.equal((await api(`/v1/suppressions/${long}`, { method: "DELETE" })).status, 200);

      // The longest address the schemas take, in 3-byte UTF-8 characters: 2,850 once encoded.
      const widest = `${"ả".repeat(64)}@${"ả".repeat(252)}.vn`;
      assert.equal(widest.length, 320);
      const encoded = encodeURIComponent(widest);
      assert.equal(encoded.length, 2850);
      const r = await api(`/v1/suppressions/${encoded}`);
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as Json).address, widest);

      // One character over the schema's limit: a 400 that says the limit.
      assert.match(
        await errorOf(await api(`/v1/suppressions/a${widest}`), 400, "321 characters"),
        /^path\.address must NOT have more than 320 characters$/,
      );
      // Longer than any encoded address: 414, no longer Fastify's own shape.
      const m414 = await errorOf(await api(`/v1/suppressions/${"a".repeat(3000)}@example.com`), 414, "414");
      assert.match(m414, /over 2880 characters/);
      // A URL or headers over Node's 16 KiB: 431, written before Fastify sees the request.
      await errorOf(await api(`/v1/catalog?q=${"x".repeat(20_000)}`), 431, "long URL");
      await errorOf(
        await api("/v1/catalog", { headers: { "x-big": "y".repeat(20_000) } }),
        431,
        "big header",
      );
      await errorOf(await api("/v1/suppressions/%zz"), 400, "bad percent-encoding");
      // A path that is no address names the field as the schema errors do: path.address.
      for (const method of ["GET", "DELETE"])
        assert.match(
          await errorOf(await api("/v1/suppressions/export", { method }), 400, `${method} no address`),
          /^path\.address must be an email address/,
        );
    });

    test("JSON routes refuse other media types with a 415 that names application/json", async () => {
      const m = await errorOf(
        await api("/v1/diagnose", {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "550 5.1.1 User unknown",
        }),
        415,
        "text/plain",
      );
      assert.equal(m, "send the body with Content-Type: application/json, not text/plain");
      for (const path of ["/v1/diagnose/batch", "/v1/events", "/v1/events/batch", "/v1/suppressions"])
        assert.match(
          await errorOf(
            await api(path, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }),
            415,
            path,
          ),
          /application\/json/,
        );
      // A charset and upper case are fine.
      const ok = await api("/v1/diagnose", {
        method: "POST",
        headers: { "content-type": "Application/JSON; charset=utf-8" },
        body: JSON.stringify({ response: "550 5.1.1 User unknown" }),
      });
      assert.equal(ok.status, 200);
      // Raw routes name theirs.
      assert.match(
        await errorOf(
          await api("/v1/bounces", { method: "POST", json: { email: "x" } }),
          415,
          "JSON to /v1/bounces",
        ),
        /message\/rfc822/,
      );
      assert.match(
        await errorOf(await api("/v1/logs", { method: "POST", json: {} }), 415, "JSON to /v1/logs"),
        /text\/plain/,
      );
    });

    test("validation messages name the field: body.foo is not allowed, body.response must be string", async () => {
      const cases: [string, unknown, string][] = [
        ["/v1/diagnose", { response: "x", foo: 1 }, "body.foo is not allowed"],
        ["/v1/diagnose", { response: 5 }, "body.response must be string"],
        ["/v1/diagnose", {}, "body.response is required"],
        ["/v1/diagnose", [], "body must be object"],
        [
          "/v1/diagnose/batch",
          { items: [{ response: "x" }, { response: 1 }] },
          "body.items[1].response must be string",
        ],
        [
          "/v1/diagnose/batch",
          { items: [{ response: "x", "a b": 1 }] },
          'body.items[0]["a b"] is not allowed',
        ],
        [
          "/v1/events",
          { type: "exploded", recipient: "a@b.c" },
          "body.type must be one of delivered, bounce, deferred, complaint, autoreply",
        ],
      ];
      for (const [path, json, message] of cases)
        assert.equal(await errorOf(await api(path, { method: "POST", json }), 400, message), message);
      assert.equal(await errorOf(await api("/v1/events?foo=1"), 400, "query"), "query.foo is not allowed");
      assert.match(
        await errorOf(await api("/v1/stats?limit=0"), 400, "stats"),
        /^query\.limit is not allowed$/,
      );
      assert.equal(
        await errorOf(await api("/v1/events?limit=0"), 400, "limit"),
        "query.limit must be a whole number from 1 to 1000",
      );
    });

    test("the Bearer scheme is case-insensitive (RFC 7235)", async () => {
      for (const scheme of ["Bearer", "bearer", "BEARER", "bEaReR"])
        assert.equal(
          (await api("/v1/catalog", { headers: { authorization: `${scheme} ${key}` } })).status,
          200,
          scheme,
        );
      assert.equal(
        (await api("/v1/catalog", { headers: { authorization: `bearer   ${key}  ` } })).status,
        200,
      );
      for (const wrong of [`Basic ${key}`, `Bearer${key}`, "bearer ", key])
        await errorOf(await api("/v1/catalog", { headers: { authorization: wrong } }), 401, wrong);
    });

    test("a wrong method on a route that exists is a 405 with Allow", async () => {
      const get = await api("/v1/diagnose");
      assert.match(await errorOf(get, 405, "GET /v1/diagnose"), /GET is not allowed on \/v1\/diagnose/);
      assert.equal(get.headers.get("allow"), "POST");
      const put = await api("/v1/suppressions/x@example.com", { method: "PUT", json: {} });
      await errorOf(put, 405, "PUT");
      assert.equal(put.headers.get("allow"), "DELETE, GET, HEAD");
      const del = await api("/v1/events", { method: "DELETE" });
      await errorOf(del, 405, "DELETE /v1/events");
      assert.equal(del.headers.get("allow"), "GET, HEAD, POST");
      // A path no route has is still a 404; without a key, a 401 first.
      await errorOf(await api("/v1/nope", { method: "PUT" }), 404, "unknown path");
      await errorOf(await fetch(`${base}/v1/diagnose`), 401, "no key");
    });

    test("an unknown catalog category is a 404 that lists the categories", async () => {
      const m = await errorOf(await api("/v1/catalog/nope"), 404, "nope");
      assert.match(m, /no category "nope"; the categories are .*invalid_address/);
      const known = await api("/v1/catalog/invalid_address");
      assert.equal(known.status, 200);
      assert.equal(((await known.json()) as Json).id, "invalid_address");
    });

    test("date-times JavaScript cannot represent (leap seconds, 30 February) are refused, naming the field", async () => {
      const event = (timestamp: string) => ({ type: "bounce", recipient: "leap@example.com", timestamp });
      for (const bad of [
        "2026-12-31T23:59:60Z",
        "2026-12-31T06:59:60-17:00",
        "2026-02-30T10:00:00Z",
        "2026-01-01T24:00:00Z",
        // Year 10000 once in UTC: answers could not write it as RFC 3339.
        "9999-12-31T23:59:59-23:59",
      ]) {
        assert.match(
          await errorOf(await api("/v1/events", { method: "POST", json: event(bad) }), 400, bad),
          /^body\.timestamp must be an RFC 3339 date-time/,
        );
        assert.match(
          await errorOf(
            await api("/v1/events/batch", { method: "POST", json: { events: [event(bad)] } }),
            400,
            bad,
          ),
          /^body\.events\[0\]\.timestamp must be/,
        );
        for (const q of [
          `/v1/events?from=${bad}`,
          `/v1/stats?to=${bad}`,
          `/v1/dashboard/timeline?from=${bad}`,
        ])
          assert.match(
            await errorOf(await api(q), 400, q),
            /^query\.(from|to) must be an RFC 3339 date-time/,
          );
        assert.match(
          await errorOf(
            await api("/v1/suppressions", {
              method: "POST",
              json: { address: "leap@example.com", expiresAt: bad },
            }),
            400,
            bad,
          ),
          /^body\.expiresAt must be/,
        );
      }
      // The last representable instant before it, and offsets, are fine: stored at that time.
      const r = await api("/v1/events", { method: "POST", json: event("2025-12-31T23:59:59.999+07:00") });
      assert.equal(r.status, 200);
      const listed = (await (await api("/v1/events?recipient=leap@example.com")).json()) as Json;
      assert.deepEqual(
        listed.items.map((e: { timestamp: string }) => e.timestamp),
        ["2025-12-31T16:59:59.999Z"],
      );
      assert.equal(
        (await api("/v1/events?from=2025-12-31T16:59:59.999Z&to=9999-12-31T23:59:59.999Z")).status,
        200,
      );
    });

    test("a suppression that expires in the past is a 400, not a 201 with null", async () => {
      const m = await errorOf(
        await api("/v1/suppressions", {
          method: "POST",
          json: { address: "past@example.com", expiresAt: "2001-01-01T00:00:00Z" },
        }),
        400,
        "past",
      );
      assert.equal(m, "body.expiresAt must be in the future");
      assert.equal(
        ((await (await api("/v1/suppressions/past@example.com")).json()) as Json).suppressed,
        false,
      );
      const future = await api("/v1/suppressions", {
        method: "POST",
        json: { address: "future@example.com", expiresAt: "2099-01-01T00:00:00Z" },
      });
      assert.equal(future.status, 201);
      assert.equal(((await future.json()) as Json).expiresAt, "2099-01-01T00:00:00.000Z");
    });

    test(`more than ${MAX_BUCKETS} time buckets between from and to is a 400 that says the limit`, async () => {
      const far = "from=1000-01-01T00:00:00Z&to=2027-01-01T00:00:00Z";
      for (const q of [
        `/v1/stats?${far}&groupBy=bucket&bucket=week`,
        `/v1/stats?${far}&groupBy=bucket&bucket=week&tzOffset=420`,
        `/v1/stats?${far}&groupBy=category,bucket&bucket=day`,
        `/v1/dashboard/timeline?${far}&bucket=week`,
        `/v1/dashboard/timeline?${far}&bucket=week&tzOffset=-300`,
      ]) {
        const started = Date.now();
        const m = await errorOf(await api(q), 400, q);
        assert.match(m, /is 53,587 week buckets|is 375,104 day buckets/, q);
        assert.match(m, /at most 1,000 are allowed/);
        assert.ok(Date.now() - started < 2000, "answered at once");
      }
      // Exactly 1,000 hours is fine; one millisecond more touches a 1,001st hour.
      const hours = "from=2026-01-01T00:00:00Z&to=2026-02-11T16:00:00Z";
      for (const route of ["/v1/stats?groupBy=bucket&", "/v1/dashboard/timeline?"]) {
        assert.equal((await api(`${route}${hours}&bucket=hour`)).status, 200, route);
        assert.match(
          await errorOf(
            await api(`${route}${hours.replace("16:00:00Z", "16:00:00.001Z")}&bucket=hour`),
            400,
            route,
          ),
          /is 1,001 hour buckets/,
        );
      }
      // The same range without buckets, or in larger ones, is answered; bucket= alone splits nothing.
      assert.equal((await api(`/v1/stats?${far}&groupBy=category`)).status, 200);
      assert.equal((await api(`/v1/stats?${far}&groupBy=category&bucket=day`)).status, 200);
      // What the store refuses as out of range (RangeError) is the caller's to fix: a 400.
      await assert.rejects(
        storeInput(async () => {
          throw new RangeError("the range holds too many buckets");
        }),
        (e) => e instanceof HttpError && e.status === 400 && e.code === "invalid_request",
      );
      await assert.rejects(
        storeInput(async () => {
          throw new Error("disk full");
        }),
        (e) => !(e instanceof HttpError),
      );
    });

    test("the OpenAPI document: response schemas, request body media types, the error answers", async () => {
      const doc = (await (await api("/openapi.json")).json()) as Json;
      assert.ok(doc.components.schemas.Error, "one shared Error schema");
      const ok = (path: string, method: string, status: string) => doc.paths[path][method].responses[status];
      const events = ok("/v1/events", "get", "200").content["application/json"].schema;
      assert.ok(events.properties.items && events.properties.next);
      const stats = ok("/v1/stats", "get", "200").content["application/json"].schema;
      assert.ok(stats.properties.totals.properties.deliveryRate && stats.properties.groups);
      assert.ok(ok("/v1/suppressions", "post", "201"), "201, as answered");
      assert.equal(ok("/v1/suppressions", "post", "200"), undefined);
      for (const [path, types] of [
        ["/v1/bounces", ["message/rfc822"]],
        ["/v1/logs", ["text/plain"]],
        ["/v1/checks/message", ["message/rfc822"]],
        ["/v1/diagnose", ["application/json"]],
      ] as const) {
        const content = doc.paths[path].post.requestBody.content;
        for (const t of types) assert.ok(content[t], `${path} takes ${t}`);
      }
      const errorRef = { $ref: "#/components/schemas/Error" };
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>))
        for (const [method, op] of Object.entries(ops)) {
          // No 401 where no key is needed (/healthz, /readyz, /openapi.json: security []).
          for (const status of ["400", ...(op.security?.length === 0 ? [] : ["401"]), "4XX"])
            assert.deepEqual(
              op.responses[status]?.content["application/json"].schema,
              errorRef,
              `${method} ${path} ${status}`,
            );
        }
      assert.ok(ok("/v1/catalog/{category}", "get", "404"));
      assert.ok(ok("/v1/suppressions/{address}", "delete", "404"));
      assert.ok(ok("/v1/diagnose", "post", "415") && ok("/v1/diagnose", "post", "413"));

      // The answers are what the store gives (response schemas serialize them: nothing is lost).
      await api("/v1/events", {
        method: "POST",
        json: { type: "bounce", recipient: "doc@example.com", response: "550 5.1.1 unknown", tag: "t" },
      });
      const listed = await (await api("/v1/events?recipient=doc@example.com")).json();
      assert.deepEqual(
        listed,
        JSON.parse(JSON.stringify(await s.store.listEvents({ recipient: "doc@example.com", limit: 100 }))),
      );
    });

    test("diagnosa_events_ingested_total counts the events stored, not the duplicates", async () => {
      const metric = async (type: string) => {
        const text = await (await api("/metrics")).text();
        const m = new RegExp(
          `^diagnosa_events_ingested_total\\{source="mtest",type="${type}"\\} (\\d+)$`,
          "m",
        ).exec(text);
        return m ? Number(m[1]) : 0;
      };
      const e = (id: string, type: string) => ({
        sourceId: id,
        source: "mtest",
        type,
        recipient: `${id}@example.com`,
      });
      const batch = (events: unknown[]) => api("/v1/events/batch", { method: "POST", json: { events } });
      const stored = async (events: unknown[]) => ((await (await batch(events)).json()) as Json).inserted;
      assert.equal(await stored([e("m1", "bounce"), e("m2", "delivered")]), 2);
      assert.deepEqual([await metric("bounce"), await metric("delivered")], [1, 1]);
      // All repeats: nothing counted.
      assert.equal(await stored([e("m1", "bounce"), e("m2", "delivered")]), 0);
      // Rows of this insert are told from older ones by their receive time: let a millisecond pass.
      const tick = () => new Promise((r) => setTimeout(r, 3));
      await tick();
      // One label, some repeats.
      assert.equal(await stored([e("m1", "bounce"), e("m3", "bounce")]), 1);
      await tick();
      // Several labels, some repeats (and a repeat inside the batch).
      assert.equal(
        await stored([e("m2", "delivered"), e("m4", "delivered"), e("m3", "bounce"), e("m4", "delivered")]),
        1,
      );
      assert.deepEqual([await metric("bounce"), await metric("delivered")], [2, 2]);
      const one = await api("/v1/events", { method: "POST", json: e("m1", "bounce") });
      assert.deepEqual(await one.json(), { inserted: 0, duplicates: 1 });
      assert.equal(await metric("bounce"), 2);
    });
  });
}

describe("shutting down and a database that does not answer", () => {
  test("a request that arrives after close() began gets a 503 in the error shape", async () => {
    const s = await server(await testDatabases()[0]!.url(), false);
    const socket = connect(s.httpPort, "127.0.0.1");
    let got = "";
    socket.on("data", (d) => {
      got += d;
    });
    const body = JSON.stringify({ response: "550 5.1.1 User unknown" });
    // A request in flight (its body not yet sent) keeps the connection open through close().
    socket.write(
      `POST /v1/diagnose HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await new Promise((r) => setTimeout(r, 100));
    const closed = s.close();
    await new Promise((r) => setTimeout(r, 100));
    socket.write(`${body}GET /v1/catalog HTTP/1.1\r\nHost: x\r\n\r\n`);
    await closed;
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    assert.match(got, /^HTTP\/1\.1 200 /);
    assert.match(
      got,
      /HTTP\/1\.1 503 [\s\S]*\r\n\r\n\{"error":\{"code":"unavailable","message":"the service is shutting down"\}\}$/,
    );
  });

  test("/readyz answers 503 with the error shape, the reason only in the log", async () => {
    const s = await server(await testDatabases()[0]!.url(), false);
    await s.store.close();
    try {
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        request({ host: "127.0.0.1", port: s.httpPort, path: "/readyz" }, (res) => {
          let body = "";
          res.on("data", (c) => {
            body += c;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on("error", reject)
          .end();
      });
      assert.equal(r.status, 503);
      assert.deepEqual(JSON.parse(r.body), {
        status: "unavailable",
        database: "sqlite",
        error: { code: "database_unavailable", message: "the database does not answer" },
      });
    } finally {
      await s.close().catch(() => {});
    }
  });
});
