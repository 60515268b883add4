// The API's contracts over real HTTP: the OpenAPI document declares every route's answer, real
// answers validate against what it declares, the response schemas (which also serialize) drop no
// field, and the API reads a reply input as `diagnosa --ndjson` and `diagnose()` do.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { Ajv, type ValidateFunction } from "ajv";
import build from "fast-json-stringify";
import type { FastifyInstance } from "fastify";
import { parseBounce } from "../../src/bounce/parse.js";
import { CATEGORIES } from "../../src/catalog/categories.js";
import { REASONS } from "../../src/catalog/reasons.js";
import { CATEGORY_IDS } from "../../src/catalog/types.js";
import { checkEmailAddress, checkEmailMessage } from "../../src/checks/index.js";
import { defaultEngine, diagnose } from "../../src/index.js";
import {
  batchResultSchema,
  bounceAnswerSchema,
  COMMAND_PATTERN,
  catalogCategorySchema,
  catalogSchema,
  checkReportSchema,
  diagnosisSchema,
  facetsSchema,
  logsResultSchema,
  storedEventSchema,
  webhookResultSchema,
} from "../../src/server/schemas.js";
import type { Running } from "../../src/server/serve.js";
import { normalizeCommand } from "../../src/smtp/reply.js";
import { ARF, DELAYED_DSN, NOT_BOUNCE, POSTFIX_DSN, QMAIL_TEXT, VACATION } from "../bounce/fixtures.js";
import { apiCaller } from "../support/api-client.js";
import { testDatabases } from "../support/databases.js";
import { startTestServer } from "../support/server.js";

// biome-ignore lint/suspicious/noExplicitAny: test code reads JSON answers loosely
type Json = any;

const jsonOf = async (r: Response): Promise<Json> => r.json();

/** JSON as JSON.stringify writes it (what an answer must equal when no field is dropped). */
const plain = (v: unknown): Json => JSON.parse(JSON.stringify(v));

/** A validator of an OpenAPI 3.0 schema (`nullable` is an ajv keyword; formats are not checked). */
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validatorOf = (schema: object): ValidateFunction<Json> => ajv.compile<Json>(schema);
function assertValid(validate: ValidateFunction<Json>, value: unknown, what: string) {
  assert.ok(
    validate(value),
    `${what}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 400)}`,
  );
}

/** The 2xx answer schema of an operation of the document (JSON, else its one media type), or undefined. */
function okSchema(doc: Json, path: string, method: string): Json {
  const responses = doc.paths[path]?.[method]?.responses ?? {};
  const status = Object.keys(responses).find((s) => /^2\d\d$/.test(s));
  const content = status ? (responses[status].content ?? {}) : {};
  return content["application/json"]?.schema ?? Object.values<Json>(content)[0]?.schema;
}

/**
 * The routes the service has registered, as the document writes them (`get /v1/catalog/{category}`;
 * HEAD, which Fastify adds to every GET, left out), read from Fastify's route tree: one line per
 * node, four characters of indentation per level, each node's text appended to its parent's.
 */
function registeredRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const parents: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    if (!line.trim()) continue;
    const m = /^(.*?)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    assert.ok(m, `a line of the route tree: ${JSON.stringify(line)}`);
    const depth = m[1]!.length / 4;
    const path = (depth ? parents[depth - 1]! : "") + m[2]!;
    parents[depth] = path;
    for (const method of (m[3] ?? "").split(", ").filter((x) => x && x !== "HEAD"))
      out.push(`${method.toLowerCase()} ${path.replace(/:(\w+)/g, "{$1}")}`);
  }
  return out.sort();
}

/** Routes that are no part of the API, left out of the document: the dashboard page (docs/dashboard.md) and the reference's browser (/docs). */
const NOT_IN_DOCUMENT = /^\w+ \/(?:$|ui\/|docs(?:$|\/))/;

/** The document's operations, as `registeredRoutes` writes them. */
const operationsOf = (doc: Json): string[] =>
  Object.entries(doc.paths as Record<string, Json>)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    .sort();

/** A request path for an operation: its path parameters given values the routes take. */
const SAMPLE_PARAMS: Record<string, string> = {
  address: "nobody@example.com",
  category: "inbox",
  provider: "sendgrid",
};
const urlOf = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    assert.ok(SAMPLE_PARAMS[name], `a sample value for {${name}}`);
    return SAMPLE_PARAMS[name]!;
  });

/**
 * Asserts that the document declares this answer of an operation: its status (or its range, 4XX)
 * and, for a JSON answer, a schema the body validates against (`$ref`s read in the document).
 */
function assertDeclared(
  doc: Json,
  operation: string,
  answer: { status: number; type: string | null; body: string },
) {
  const [method, path] = operation.split(" ") as [string, string];
  const responses = doc.paths[path][method].responses;
  const status = String(answer.status);
  const declared = responses[status] ?? responses[`${status[0]}XX`];
  const what = `${operation} answered ${status} ${answer.body.slice(0, 200)}`;
  assert.ok(declared, `${what}: not declared (declared: ${Object.keys(responses).join(", ")})`);
  const media = (answer.type ?? "").split(";")[0]!.trim();
  assert.ok(declared.content?.[media], `${what}: ${media} is not its declared media type`);
  if (media === "application/json") {
    const validate = validatorOf({ allOf: [declared.content[media].schema], components: doc.components });
    assertValid(validate, JSON.parse(answer.body), what);
  }
}

/** Whether an operation declares that the API key may come as `?api_key=` (a security scheme or a parameter). */
function takesQueryKey(doc: Json, operation: string): boolean {
  const [method, path] = operation.split(" ") as [string, string];
  const op = doc.paths[path][method];
  const schemes = doc.components.securitySchemes;
  const bySecurity = (op.security ?? doc.security).some((alternative: Json) =>
    Object.keys(alternative).some((name) => schemes[name].in === "query" && schemes[name].name === "api_key"),
  );
  const byParameter = (op.parameters ?? []).some((p: Json) => p.in === "query" && p.name === "api_key");
  return bySecurity || byParameter;
}

/** Whether an operation needs no API key (its security is an empty list). */
const isPublic = (doc: Json, operation: string) => {
  const [method, path] = operation.split(" ") as [string, string];
  return doc.paths[path][method].security?.length === 0;
};

/** Resolves once `done()` holds (checked every 10 ms), or fails after 5 s. */
async function until(done: () => boolean) {
  for (let waited = 0; !done(); waited += 10) {
    assert.ok(waited < 5000, "waited 5 s");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function answerOf(r: Response) {
  return { status: r.status, type: r.headers.get("content-type"), body: await r.text() };
}

/** Every reply the rule tables were written for: hundreds of real, varied diagnoses. */
const engine = defaultEngine();
const EXAMPLES = [
  ...engine.rules.map((r) => r.example),
  ...engine.providers.flatMap((p) => (p.codes ?? []).map((c) => c.example)),
].filter((e) => e.trim());

/** The rows of the field table of docs/diagnosis.md: field path and the type column. */
function documentedFields(): { field: string; type: string }[] {
  const md = readFileSync(new URL("../../../docs/diagnosis.md", import.meta.url), "utf8");
  const rows: { field: string; type: string }[] = [];
  for (const line of md.split("\n")) {
    const m = /^\|\s*`([\w.]+)`\s*\|(.*?[^\\])\|/.exec(line);
    if (m) rows.push({ field: m[1]!, type: m[2]! });
  }
  return rows;
}

for (const db of testDatabases()) {
  describe(`API contracts on ${db.name}`, () => {
    let s: Running;
    let base: string;
    let key: string;
    let doc: Json;
    const api = apiCaller(
      () => base,
      () => key,
    );
    const post = (path: string, json: unknown) => api(path, { method: "POST", json });

    before(async () => {
      // The checks answer at once: the DNS server refuses (the findings say so).
      process.env.DIAGNOSA_DNS_SERVERS = "127.0.0.1:9";
      // SES notifications are verified with a certificate that cannot be downloaded now (a 503);
      // the other providers are not verified.
      s = await startTestServer(await db.url(), {
        webhookSecrets: {
          ses: {
            fetchCertificate: async () => {
              throw new Error("network down");
            },
          },
        },
      });
      base = `http://127.0.0.1:${s.httpPort}`;
      key = (await s.store.createApiKey("test")).key;
      doc = await jsonOf(await api("/openapi.json"));
    });
    after(async () => {
      await s.close();
    });

    test("the API reference is public: /openapi.json and /docs/json without a key, the same document", async () => {
      const open = await fetch(`${base}/openapi.json`);
      assert.equal(open.status, 200, await open.clone().text());
      const viaDocs = await fetch(`${base}/docs/json`);
      assert.equal(viaDocs.status, 200);
      assert.deepEqual(await jsonOf(open), await jsonOf(viaDocs));
      assert.equal((await fetch(`${base}/v1/catalog`)).status, 401, "the data still needs a key");
      assert.equal((await fetch(`${base}/openapi.json/x`)).status, 401, "only that exact path");
    });

    test("every route of the OpenAPI document declares its 2xx answer", () => {
      const missing: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>))
        for (const method of Object.keys(ops)) {
          const schema = okSchema(doc, path, method);
          if (!schema?.type || (schema.type === "object" && !schema.properties))
            missing.push(`${method} ${path}`);
        }
      assert.deepEqual(missing, []);
    });

    test("every route the service answers is in the document, with its methods, and no other", () => {
      const served = registeredRoutes(s.http);
      for (const route of [
        "get /healthz",
        "get /readyz",
        "get /metrics",
        "post /v1/webhooks/{provider}",
        "get /",
      ])
        assert.ok(served.includes(route), `${route} read from the route tree: ${served.join(", ")}`);
      assert.deepEqual(
        operationsOf(doc),
        served.filter((r) => !NOT_IN_DOCUMENT.test(r)),
      );
    });

    test("every operation declares the answers any route may give: 400, other 4xx, 500, 503, 401 unless public", () => {
      const publicOps = operationsOf(doc).filter((op) => isPublic(doc, op));
      assert.deepEqual(publicOps, ["get /healthz", "get /openapi.json", "get /readyz"]);
      for (const op of operationsOf(doc)) {
        const [method, path] = op.split(" ") as [string, string];
        const statuses = Object.keys(doc.paths[path][method].responses);
        for (const status of ["400", "4XX", "500", "503", ...(isPublic(doc, op) ? [] : ["401"])])
          assert.ok(
            statuses.includes(status),
            `${op} declares ${status} (it declares ${statuses.join(", ")})`,
          );
      }
    });

    test("every route answers only what it declares: without a key, with one, bad input, bad media type, too large", async () => {
      const big = "x".repeat(6 * 1024 * 1024);
      for (const op of operationsOf(doc)) {
        const [method, path] = op.split(" ") as [string, string];
        const url = `${base}${urlOf(path)}`;
        const m = method.toUpperCase();
        const auth = { authorization: `Bearer ${key}` };
        const keyless = await answerOf(await fetch(url, { method: m }));
        assertDeclared(doc, op, keyless);
        assert.equal(keyless.status === 401, !isPublic(doc, op), `${op} without a key: ${keyless.status}`);
        assertDeclared(doc, op, await answerOf(await fetch(url, { method: m, headers: auth })));
        const nul = await answerOf(await fetch(`${url}?x=%00`, { method: m, headers: auth }));
        assert.equal(nul.status, 400, `${op} with a NUL in the query`);
        assertDeclared(doc, op, nul);
        // The key in the URL: accepted exactly where the document says so.
        const inUrl = await answerOf(await fetch(`${url}?api_key=${key}`, { method: m }));
        assertDeclared(doc, op, inUrl);
        if (!isPublic(doc, op))
          assert.equal(inUrl.status !== 401, takesQueryKey(doc, op), `${op} with ?api_key=: ${inUrl.status}`);
        if (m === "GET") continue;
        // Every other method's body is read (a DELETE's too), and refused as any other.
        const types = Object.keys(doc.paths[path][method].requestBody?.content ?? {});
        const media = await answerOf(
          await fetch(url, { method: m, headers: { ...auth, "content-type": "image/png" }, body: "x" }),
        );
        assert.equal(media.status, 415, `${op} sent image/png`);
        assertDeclared(doc, op, media);
        const large = await answerOf(
          await fetch(url, {
            method: m,
            headers: { ...auth, "content-type": types[0] ?? "application/json" },
            body: big,
          }),
        );
        assert.equal(large.status, 413, `${op} sent 6 MiB`);
        assertDeclared(doc, op, large);
      }
    });

    test("the webhooks declare the key in the URL and the 503 of an SES certificate that cannot be downloaded", async () => {
      const op = "post /v1/webhooks/{provider}";
      assert.ok(takesQueryKey(doc, op));
      assert.deepEqual(
        operationsOf(doc).filter((o) => takesQueryKey(doc, o)),
        [op],
        "only the webhooks take ?api_key=",
      );
      const declared = doc.paths["/v1/webhooks/{provider}"].post.responses["503"];
      assert.match(declared.description, /certificate/);
      const notification = {
        Type: "Notification",
        MessageId: "m-1",
        TopicArn: "arn:aws:sns:us-east-1:123456789012:Bounces",
        Message: JSON.stringify({ notificationType: "Bounce" }),
        Timestamp: "2026-01-01T00:00:00.000Z",
        SignatureVersion: "2",
        Signature: "c2lnbmF0dXJl",
        SigningCertURL: "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0.pem",
      };
      const r = await answerOf(
        await fetch(`${base}/v1/webhooks/ses?api_key=${key}`, {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify(notification),
        }),
      );
      assert.equal(r.status, 503, r.body);
      assert.equal(JSON.parse(r.body).error.code, "unavailable");
      assertDeclared(doc, op, r);
    });

    test("/healthz, /readyz and /metrics answer as declared", async () => {
      for (const path of ["/healthz", "/readyz", "/metrics"]) {
        const r = await answerOf(await api(path));
        assert.equal(r.status, 200, `${path}: ${r.body}`);
        assertDeclared(doc, `get ${path}`, r);
      }
      assert.match((await answerOf(await api("/metrics"))).body, /^diagnosa_http_requests_total\{/m);
    });

    test("the diagnosis schema has every field of docs/diagnosis.md, with the documented values", () => {
      const schema = okSchema(doc, "/v1/diagnose", "post");
      const rows = documentedFields();
      assert.ok(rows.length >= 19, `read ${rows.length} rows of the docs' table`);
      for (const { field, type } of rows) {
        // The caller's id: echoed in --ndjson lines and batch results, not in a diagnosis itself.
        let at = field === "id" ? batchResultSchema : schema;
        for (const part of field.split(".")) at = at?.properties?.[part];
        assert.ok(at, `${field} is in the schema`);
        if (at.enum) {
          const documented = [...type.matchAll(/`([\w.]+)`/g)].map((m) => m[1]).sort();
          assert.deepEqual(at.enum.filter((v: unknown) => v !== null).sort(), documented, `${field} values`);
          assert.equal(at.enum.includes(null), /\bnull\b/.test(type), `${field} null or not`);
        }
      }
      for (const field of ["kind", "category", "permanence", "command"])
        assert.ok(schema.properties[field].enum, `${field} is an enum`);
      for (const field of ["level"]) assert.ok(schema.properties.evidence.properties[field].enum);
      assert.equal(schema.additionalProperties, true, "fields may be added");
      for (const nested of ["action", "entities", "evidence", "tips"])
        assert.equal(schema.properties[nested].additionalProperties, true, `${nested} may grow`);
    });

    test("real diagnoses validate against the declared schema and equal the library's, field for field", async () => {
      const one = validatorOf(okSchema(doc, "/v1/diagnose", "post"));
      // The schema has teeth: a diagnosis with a kind or a level it does not know, or a field missing, fails.
      const sample = plain(diagnose("550 5.1.1 user unknown"));
      assert.ok(one(sample));
      assert.ok(!one({ ...sample, kind: "exploded" }), "kind is checked");
      assert.ok(!one({ ...sample, evidence: { ...sample.evidence, level: "vibes" } }), "level is checked");
      const { entities: _, ...partial } = sample;
      assert.ok(!one(partial), "every field is required");

      const inputs = [
        { response: "550 5.1.1 <a@b.com>: User unknown", lang: "id" },
        {
          response: "452 4.2.2 mailbox full",
          command: "RCPT TO",
          remoteHost: "MX.example.com",
          lang: "none",
        },
        { response: "421 4.7.0 try again in 5 minutes", errorCode: 421, statusCode: "4.7.0" },
        { response: "blocked using zen.spamhaus.org; see https://www.spamhaus.org/query/ip/192.0.2.1" },
        { response: "" },
      ];
      for (const { lang, ...input } of inputs) {
        const r = await post("/v1/diagnose", lang ? { ...input, lang } : input);
        assert.equal(r.status, 200);
        const body = await jsonOf(r);
        assertValid(one, body, input.response);
        assert.deepEqual(body, plain(diagnose(input, { lang: (lang ?? "all") as "all" })), input.response);
      }

      const batchSchema = okSchema(doc, "/v1/diagnose/batch", "post");
      const each = validatorOf(batchSchema.properties.results.items);
      const r = await post("/v1/diagnose/batch", {
        items: EXAMPLES.map((response) => ({ response })),
        lang: "all",
      });
      assert.equal(r.status, 200);
      const { results } = await jsonOf(r);
      assert.equal(results.length, EXAMPLES.length);
      results.forEach((d: Json, i: number) => {
        assertValid(each, d, EXAMPLES[i]!);
        assert.deepEqual(d, plain(diagnose(EXAMPLES[i]!)), EXAMPLES[i]);
      });
    });

    test("real answers of the other routes validate against their declared schemas, nothing dropped", async () => {
      const check = async (path: string, init: Parameters<typeof api>[1], docPath = path.split("?")[0]!) => {
        const r = await api(path, init);
        assert.equal(r.status, 200, `${path}: ${await r.clone().text()}`);
        const body = await jsonOf(r);
        const schema = okSchema(doc, docPath, (init?.method ?? "get").toLowerCase());
        assert.ok(schema, `${path} declares its answer`);
        assertValid(validatorOf(schema), body, path);
        return body;
      };
      await post("/v1/events/batch", {
        events: [
          { type: "bounce", recipient: "Doc@Example.com", response: "550 5.1.1 unknown", tag: "t1" },
          { type: "delivered", recipient: "ok@example.com", sendingDomain: "news.example.net" },
        ],
      });
      const logs = await check("/v1/logs", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "not a log line\n",
      });
      assert.deepEqual(Object.keys(logs).sort(), [
        "ahead",
        "bad",
        "duplicates",
        "events",
        "inserted",
        "lines",
      ]);
      assert.equal(logs.bad, 1);
      const hook = await check(
        "/v1/webhooks/sendgrid",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify([
            {
              event: "bounce",
              email: "sg@example.com",
              timestamp: 1767225600,
              sg_event_id: "c1",
              reason: "550 5.1.1",
            },
            { event: "bounce", email: "nope", timestamp: 1767225600, sg_event_id: "c2", reason: "550 5.1.1" },
          ]),
        },
        "/v1/webhooks/{provider}",
      );
      assert.deepEqual(hook, {
        inserted: 1,
        duplicates: 0,
        skipped: { count: 1, reasons: { invalid_recipient: 1 } },
      });
      const facets = await check("/v1/dashboard/facets", {});
      assert.deepEqual(facets.sendingDomains, ["news.example.net"]);
      assert.deepEqual(Object.keys(facets).sort(), ["providers", "sendingDomains", "sendingIps", "tags"]);
      const timeline = await check("/v1/dashboard/timeline?bucket=day", {});
      assert.ok(timeline.groups.length && timeline.groups.every((g: Json) => typeof g.share === "number"));
      const suppression = await check("/v1/suppressions/DOC@example.com", {}, "/v1/suppressions/{address}");
      assert.equal(suppression.address, "doc@example.com");
      const events = await check("/v1/events?recipient=doc@example.com", {});
      assert.deepEqual(
        events,
        plain(await s.store.listEvents({ recipient: "doc@example.com", limit: 100 })),
        "stored diagnoses keep every field",
      );
    });

    test("real answers of the catalog and the checks validate against their declared schemas", async () => {
      for (const [path, init, docPath] of [
        ["/v1/catalog", {}, "/v1/catalog"],
        ["/v1/catalog/inbox", {}, "/v1/catalog/{category}"],
        ["/v1/checks/address", { method: "POST", json: { address: "not-an-address" } }, "/v1/checks/address"],
      ] as const) {
        const r = await api(path, init);
        assert.equal(r.status, 200);
        const schema = okSchema(doc, docPath, (("method" in init && init.method) || "get").toLowerCase());
        assert.ok(schema, `${path} declares its answer`);
        assertValid(validatorOf(schema), await jsonOf(r), path);
      }
    });

    test("the response schemas drop nothing: serialized by them, real values read back the same", async () => {
      const same = (schema: object, values: unknown[], what: string) => {
        const serialize = build(schema as Parameters<typeof build>[0]);
        for (const v of values) assert.deepEqual(JSON.parse(serialize(v)), plain(v), what);
      };
      const diagnoses = EXAMPLES.flatMap((e) => [diagnose(e), diagnose(e, { lang: "none" })]);
      same(diagnosisSchema, diagnoses, "diagnosis");
      same(
        batchResultSchema,
        [...diagnoses.slice(0, 50), { id: "x1", ...diagnoses[0] }, { id: 7, ...diagnoses[1] }],
        "batch result",
      );
      // A stored event's diagnosis may come from an older version, without a field added since.
      const { remoteHost: _, ...old } = plain(diagnoses[0]);
      same(
        storedEventSchema,
        [
          { id: 1, type: "bounce", diagnosis: old },
          { id: 2, type: "delivered", diagnosis: null },
        ],
        "event",
      );
      same(
        catalogSchema,
        [{ categories: CATEGORY_IDS.map((id) => CATEGORIES[id]), reasons: [...REASONS.values()] }],
        "catalog",
      );
      same(
        catalogCategorySchema,
        CATEGORY_IDS.map((id) => ({
          ...CATEGORIES[id],
          reasons: [...REASONS.values()].filter((r) => r.category === id),
        })),
        "category",
      );
      const dns = { servers: ["127.0.0.1:9"] };
      same(
        checkReportSchema,
        [
          await checkEmailAddress("not-an-address", { dns }),
          await checkEmailMessage(Buffer.from("From: a@example.invalid\r\nSubject: hi\r\n\r\nhello\r\n"), {
            dns,
            skipBlocklists: true,
          }),
        ],
        "check report",
      );
      same(
        facetsSchema,
        [{ sendingDomains: ["a.example"], sendingIps: ["192.0.2.1"], tags: [], providers: ["gmail"] }],
        "facets",
      );
      same(logsResultSchema, [{ inserted: 1, duplicates: 2, lines: 3, bad: 4, events: 3 }], "logs");
      same(
        webhookResultSchema,
        [
          { inserted: 1, duplicates: 0, skipped: { count: 1, reasons: { invalid_recipient: 1 } } },
          {
            subscription: {
              subscribeUrl: "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription",
              confirmed: false,
            },
          },
        ],
        "webhook",
      );
      const reports = await Promise.all(
        [POSTFIX_DSN, DELAYED_DSN, ARF, VACATION, NOT_BOUNCE, QMAIL_TEXT].map((m) =>
          parseBounce(Buffer.from(m)),
        ),
      );
      same(
        bounceAnswerSchema,
        reports.map((report, i) => ({ report, stored: i ? { inserted: i, duplicates: 0 } : null })),
        "bounce",
      );
    });

    test("errorCode may be a string of three digits, as for diagnose() and --ndjson", async () => {
      for (const errorCode of ["550", " 421 ", 550]) {
        const r = await post("/v1/diagnose", { response: "mailbox unavailable", errorCode });
        assert.equal(r.status, 200, `${JSON.stringify(errorCode)}: ${await r.clone().text()}`);
        const d = await jsonOf(r);
        assert.equal(d.errorCode, Number(errorCode));
        assert.deepEqual(d, plain(diagnose({ response: "mailbox unavailable", errorCode })));
      }
      const batch = await post("/v1/diagnose/batch", { items: [{ response: "x", errorCode: "552" }] });
      assert.equal(batch.status, 200);
      assert.equal((await jsonOf(batch)).results[0].errorCode, 552);
      for (const errorCode of ["abc", "050", "5500", "55", 5000, 99, 5.5, true]) {
        const r = await post("/v1/diagnose", { response: "x", errorCode });
        assert.equal(r.status, 400, JSON.stringify(errorCode));
        assert.match((await jsonOf(r)).error.message, /^body\.errorCode /);
      }
    });

    test("a command that is not an SMTP stage is a 400 naming body.command and the accepted values", async () => {
      for (const command of [
        "RCPT TO",
        "rcpt",
        "end of data",
        "End Of DATA",
        " ehlo ",
        "Initial Connection",
        "DATA",
      ]) {
        const r = await post("/v1/diagnose", { response: "550 5.1.1 user unknown", command });
        assert.equal(r.status, 200, command);
        assert.equal((await jsonOf(r)).command, normalizeCommand(command), command);
      }
      for (const command of ["<script>", "RCTP", "rcpt  to", "end of", "", "QUIT"]) {
        const r = await post("/v1/diagnose", { response: "550 5.1.1 user unknown", command });
        assert.equal(r.status, 400, JSON.stringify(command));
        const { message } = (await jsonOf(r)).error;
        assert.match(
          message,
          /^body\.command must be one of CONNECT, HELO, EHLO, STARTTLS, AUTH, MAIL, MAIL FROM, RCPT, RCPT TO, DATA/,
        );
      }
      const batch = await post("/v1/diagnose/batch", {
        items: [{ response: "x" }, { response: "x", command: "<b>" }],
      });
      assert.equal(batch.status, 400);
      assert.match((await jsonOf(batch)).error.message, /^body\.items\[1\]\.command must be one of CONNECT/);
      assert.equal(
        (await post("/v1/diagnose", { response: "x", command: null })).status,
        200,
        "null: unknown",
      );
    });

    test("the schema's command pattern accepts exactly what normalizeCommand reads", () => {
      const re = new RegExp(COMMAND_PATTERN, "u");
      const words = [
        "rcpt to",
        "rcpt",
        "mail from",
        "mail",
        "data",
        "dot",
        "message",
        "body",
        "text",
        "helo",
        "ehlo",
      ];
      const more = [
        "starttls",
        "auth",
        "initial connection",
        "connect",
        "greeting",
        "banner",
        "quit",
        "rset",
        "to",
      ];
      const variants = (w: string) => [
        w,
        w.toUpperCase(),
        w[0]!.toUpperCase() + w.slice(1),
        ` ${w}\t`,
        `${w}:`,
      ];
      const candidates = [...words, ...more].flatMap((w) => [
        ...variants(w),
        ...variants(`end of ${w}`),
        `end  of ${w}`,
        `end of end of ${w}`,
        w.replace(" ", "  "),
        w.replace(" ", ""),
        `x${w}`,
      ]);
      candidates.push(
        "",
        " ",
        "end of",
        "end of ",
        "RCPT TO:<a@b.c>",
        "MAIL FROM:",
        "\u00a0data\u00a0",
        "da\nta",
      );
      for (const c of candidates) assert.equal(re.test(c), normalizeCommand(c) !== null, JSON.stringify(c));
    });

    test("batch items may carry an id (string or number), echoed in their result", async () => {
      const r = await post("/v1/diagnose/batch", {
        items: [
          { id: "x1", response: "550 5.1.1 user unknown" },
          { id: 42, response: "552 5.2.2 mailbox full", errorCode: "552" },
          { response: "421 4.7.0 try later" },
          { id: null, response: "421 4.7.0 try later" },
        ],
      });
      assert.equal(r.status, 200, await r.clone().text());
      const { results } = await jsonOf(r);
      assert.equal(results[0].id, "x1");
      assert.equal(results[1].id, 42);
      assert.ok(!("id" in results[2]) && !("id" in results[3]), "no id, no id field");
      const { id: _, ...first } = results[0];
      assert.deepEqual(first, plain(diagnose("550 5.1.1 user unknown", { lang: "none" })));
      const bad = await post("/v1/diagnose/batch", { items: [{ id: { a: 1 }, response: "x" }] });
      assert.equal(bad.status, 400);
      assert.match((await jsonOf(bad)).error.message, /^body\.items\[0\]\.id /);
    });

    test("groupBy=bucket without bucket= is a 400 naming query.bucket", async () => {
      const r = await api("/v1/stats?groupBy=category,bucket");
      assert.equal(r.status, 400);
      assert.match((await jsonOf(r)).error.message, /query\.bucket/);
      assert.equal((await api("/v1/stats?groupBy=category,bucket&bucket=day")).status, 200);
      // bucket= without groupBy=bucket: groups keep one key per dimension asked for.
      const groups = (await jsonOf(await api("/v1/stats?groupBy=category&bucket=day"))).groups as Json[];
      assert.ok(groups.length > 0 && groups.every((g) => !("bucket" in g)), JSON.stringify(groups));
      assert.equal(new Set(groups.map((g) => g.category)).size, groups.length, "one group per category");
    });
  });
}

describe("the document's 503 answers, on a service without its database and one shutting down", () => {
  test("/readyz with the database closed answers its declared 503", async () => {
    const s = await startTestServer(await testDatabases()[0]!.url(), { auth: false });
    try {
      const base = `http://127.0.0.1:${s.httpPort}`;
      const doc = await jsonOf(await fetch(`${base}/openapi.json`));
      await s.store.close();
      const r = await answerOf(await fetch(`${base}/readyz`));
      assert.equal(r.status, 503, r.body);
      assertDeclared(doc, "get /readyz", r);
      assert.equal(JSON.parse(r.body).error.code, "database_unavailable");
    } finally {
      await s.close().catch(() => {});
    }
  });

  test("every route answers a request that arrives while the service shuts down with its declared 503", async () => {
    const s = await startTestServer(await testDatabases()[0]!.url(), { auth: false });
    const base = `http://127.0.0.1:${s.httpPort}`;
    const doc = await jsonOf(await fetch(`${base}/openapi.json`));
    const ops = operationsOf(doc);
    const body = JSON.stringify({ response: "550 5.1.1 User unknown" });
    let received = 0;
    s.http.server.on("request", () => {
      received++;
    });
    // One connection per route, each with a request in flight (its body not yet sent), which
    // keeps it open through close(); the route's request follows that body once close() began.
    const conns = ops.map(() => {
      const socket = connect(s.httpPort, "127.0.0.1");
      const got = { text: "" };
      socket.on("data", (d) => {
        got.text += d;
      });
      socket.write(
        `POST /v1/diagnose HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      return { socket, got, ended: new Promise((resolve) => socket.on("close", resolve)) };
    });
    // Waited for, not slept on: every request in flight has reached the server, and close() has
    // begun (the server stops listening after the hook that makes routes answer 503).
    await until(() => received === ops.length);
    const closed = s.close();
    await until(() => !s.http.server.listening);
    ops.forEach((op, i) => {
      const [method, path] = op.split(" ") as [string, string];
      conns[i]!.socket.write(
        `${body}${method.toUpperCase()} ${urlOf(path)} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`,
      );
    });
    await closed;
    await Promise.race([Promise.all(conns.map((c) => c.ended)), new Promise((r) => setTimeout(r, 2000))]);
    ops.forEach((op, i) => {
      conns[i]!.socket.destroy();
      const answers = conns[i]!.got.text.split(/(?=HTTP\/1\.1 \d{3} )/);
      assert.equal(answers.length, 2, `${op}: ${conns[i]!.got.text.slice(0, 300)}`);
      const [head, text] = answers[1]!.split("\r\n\r\n") as [string, string];
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)![1]);
      const type = /^content-type: (.*)$/im.exec(head)?.[1]?.trim() ?? null;
      assert.equal(status, 503, `${op}: ${answers[1]}`);
      assertDeclared(doc, op, { status, type, body: text });
      assert.equal(JSON.parse(text).error.code, "unavailable", op);
    });
  });
});
