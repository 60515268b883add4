// Webhooks over real HTTP: a signed SendGrid payload and a Mailgun one are stored as events; a
// tampered signature, an expired one or a reused Mailgun token is refused with 401 and stores nothing;
// items without a valid address are not stored. Also MTA logs and bounce emails posted twice.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Running } from "../../src/server/serve.js";
import { datedDsn } from "../bounce/fixtures.js";
import { testDatabases } from "../support/databases.js";
import { startTestServer } from "../support/server.js";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/ingest/fixtures/${name}`, import.meta.url)), "utf8");

const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const mailgunKey = "key-test-signing";
let s: Running;
let base: string;
let key: string;

before(async () => {
  s = await startTestServer(await testDatabases()[0]!.url(), {
    bounceDomains: [],
    maxEmailBytes: 1 << 20,
    webhookSecrets: {
      sendgrid: { publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() },
      mailgun: { signingKey: mailgunKey },
    },
  });
  base = `http://127.0.0.1:${s.httpPort}`;
  key = (await s.store.createApiKey("hooks")).key;
});
after(() => s.close());

test("SendGrid: a signed payload is stored; a tampered one is refused", async () => {
  const raw = fixture("sendgrid-events.json");
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = sign("sha256", Buffer.from(ts + raw), privateKey).toString("base64");
  const post = (body: string, sig: string) =>
    fetch(`${base}/v1/webhooks/sendgrid?api_key=${encodeURIComponent(key)}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-twilio-email-event-webhook-signature": sig,
        "x-twilio-email-event-webhook-timestamp": ts,
      },
      body,
    });
  const bad = await post(raw.replace("example@example.com", "evil@example.com"), signature);
  assert.equal(bad.status, 401);
  assert.match(((await bad.json()) as { error: { message: string } }).error.message, /signature/i);
  assert.equal(
    (await s.store.listEvents({ limit: 10 })).items.length,
    0,
    "nothing stored from a refused payload",
  );
  const ok = await post(raw, signature);
  assert.equal(ok.status, 200);
  const stored = (await ok.json()) as { inserted: number };
  assert.ok(stored.inserted > 0);
  const bounces = await s.store.listEvents({ limit: 50, type: "bounce" });
  assert.ok(bounces.items.every((e) => e.source === "webhook:sendgrid" && e.diagnosis));
  const again = (await (await post(raw, signature)).json()) as { inserted: number; duplicates: number };
  assert.equal(again.inserted, 0, "a redelivered webhook is stored once");
});

/** A SendGrid request signed with the server's key. */
function postSendgrid(body: string, ts = String(Math.floor(Date.now() / 1000))) {
  const signature = sign("sha256", Buffer.from(ts + body), privateKey).toString("base64");
  return fetch(`${base}/v1/webhooks/sendgrid?api_key=${encodeURIComponent(key)}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-twilio-email-event-webhook-signature": signature,
      "x-twilio-email-event-webhook-timestamp": ts,
    },
    body,
  });
}

const sendgridItems = (ids: string) =>
  JSON.stringify([
    {
      event: "bounce",
      email: "valid-sg@example.com",
      timestamp: 1767225600,
      sg_event_id: `${ids}-1`,
      reason: "550 5.1.1 unknown",
      status: "5.1.1",
    },
    {
      event: "bounce",
      email: "notanaddress",
      timestamp: 1767225600,
      sg_event_id: `${ids}-2`,
      reason: "550 5.1.1 unknown",
    },
    {
      event: "bounce",
      email: 12345,
      timestamp: 1767225600,
      sg_event_id: `${ids}-3`,
      reason: "550 5.1.1 unknown",
    },
    {
      event: "deferred",
      email: "status-sg@example.com",
      timestamp: 1767225600,
      sg_event_id: `${ids}-4`,
      response: "451 try later",
      status: "abc",
    },
  ]);

test("SendGrid: items without a valid address are not stored; an invalid status code is dropped", async () => {
  const r = await postSendgrid(sendgridItems("v"));
  assert.equal(r.status, 200);
  const body = (await r.json()) as { inserted: number; duplicates: number };
  assert.deepEqual([body.inserted, body.duplicates], [2, 0]);
  const all = (await s.store.listEvents({ limit: 100 })).items;
  assert.ok(
    !all.some((e) => e.recipient === "notanaddress" || e.recipient === "12345" || e.recipientDomain === ""),
  );
  const deferred = (await s.store.listEvents({ limit: 5, recipient: "status-sg@example.com" })).items[0];
  assert.ok(deferred);
  assert.notEqual(deferred.statusCode, "abc");
});

test("SendGrid: the response counts the skipped items and says why", async () => {
  const body = (await (await postSendgrid(sendgridItems("w"))).json()) as Record<string, unknown>;
  assert.deepEqual(body.skipped, { count: 2, reasons: { invalid_recipient: 2 } });
});

test("SendGrid: a correctly signed request from 2001 is refused", async () => {
  const count = async () => (await s.store.listEvents({ limit: 100 })).items.length;
  const before = await count();
  const r = await postSendgrid(sendgridItems("old"), "1000000000");
  assert.equal(r.status, 401);
  assert.match(((await r.json()) as { error: { message: string } }).error.message, /timestamp/);
  assert.equal(await count(), before, "nothing stored");
});

test("Mailgun: a captured signature cannot be replayed with other event-data", async () => {
  const ts = String(Math.floor(Date.now() / 1000));
  const token = "r".repeat(50);
  const signature = createHmac("sha256", mailgunKey)
    .update(ts + token)
    .digest("hex");
  const body = (recipient: string) =>
    JSON.stringify({
      signature: { timestamp: ts, token, signature },
      "event-data": { id: `replay-${recipient}`, event: "complained", recipient, timestamp: Number(ts) },
    });
  const post = (b: string) =>
    fetch(`${base}/v1/webhooks/mailgun`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: b,
    });
  assert.equal((await post(body("first@example.com"))).status, 200);
  const replay = await post(body("victim@example.com"));
  assert.equal(replay.status, 401);
  assert.match(((await replay.json()) as { error: { message: string } }).error.message, /token/);
  assert.equal((await s.store.listEvents({ limit: 5, recipient: "victim@example.com" })).items.length, 0);
});

for (const db of testDatabases()) {
  test(`${db.name}: Mailgun: a token used on one serve process is refused on another sharing the database`, async () => {
    const url = await db.url();
    // Each its own secrets, as two processes would have.
    const config = () => ({ webhookSecrets: { mailgun: { signingKey: mailgunKey } } });
    const one = await startTestServer(url, config());
    const two = await startTestServer(url, config());
    try {
      const apiKey = (await one.store.createApiKey("hooks")).key;
      const ts = String(Math.floor(Date.now() / 1000));
      const sign = (token: string) =>
        createHmac("sha256", mailgunKey)
          .update(ts + token)
          .digest("hex");
      const body = (token: string, event: string, recipient: string) =>
        JSON.stringify({
          signature: { timestamp: ts, token, signature: sign(token) },
          "event-data": { id: `${token}-${recipient}`, event, recipient, timestamp: Number(ts) },
        });
      const post = (server: Running, b: string) =>
        fetch(`http://127.0.0.1:${server.httpPort}/v1/webhooks/mailgun`, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
          body: b,
        });
      assert.equal((await post(one, body("s".repeat(50), "complained", "first@example.com"))).status, 200);
      const replay = await post(two, body("s".repeat(50), "complained", "victim@example.com"));
      assert.equal(replay.status, 401);
      assert.match(((await replay.json()) as { error: { message: string } }).error.message, /token/);
      // The signature of an open (stored as nothing) cannot carry a forged failure either.
      assert.equal((await post(two, body("o".repeat(50), "opened", "reader@example.com"))).status, 200);
      assert.equal((await post(one, body("o".repeat(50), "failed", "forged@example.com"))).status, 401);
      const stored = await one.store.listEvents({ limit: 10 });
      assert.deepEqual(
        stored.items.map((e) => e.recipient),
        ["first@example.com"],
      );
    } finally {
      await one.close();
      await two.close();
    }
  });
}

test("Mailgun: signed with the signing key, or refused", async () => {
  const ts = String(Math.floor(Date.now() / 1000));
  const token = "a".repeat(50);
  const signature = createHmac("sha256", mailgunKey)
    .update(ts + token)
    .digest("hex");
  const body = (sig: string) =>
    JSON.stringify({
      signature: { timestamp: ts, token, signature: sig },
      "event-data": {
        id: "mg-1",
        event: "failed",
        severity: "permanent",
        recipient: "alice@example.com",
        timestamp: Number(ts),
        "delivery-status": {
          code: 550,
          message: "5.1.1 The email account that you tried to reach does not exist.",
          "enhanced-code": "5.1.1",
        },
        message: { headers: { "message-id": "m1@example.org" } },
      },
    });
  const post = (b: string) =>
    fetch(`${base}/v1/webhooks/mailgun`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: b,
    });
  assert.equal((await post(body("0".repeat(64)))).status, 401);
  const ok = await post(body(signature));
  assert.equal(ok.status, 200);
  const e = (await s.store.listEvents({ limit: 5, recipient: "alice@example.com" })).items[0];
  assert.equal(e?.diagnosis?.category, "invalid_address");
  assert.equal(
    (
      await fetch(`${base}/v1/webhooks/unknown`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: "{}",
      })
    ).status,
    400,
  );
});

/** Posts MTA log text to /v1/logs. */
function postLog(log: string): Promise<Response> {
  return fetch(`${base}/v1/logs?year=2026`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
    body: log,
  });
}

test("MTA log lines posted as text become events", async () => {
  const log = [
    "2026-03-02T10:00:00+00:00 mx1 postfix/qmgr[100]: 4F1A2B3C4D: from=<news@example.org>, size=1200, nrcpt=1 (queue active)",
    "2026-03-02T10:00:01+00:00 mx1 postfix/smtp[101]: 4F1A2B3C4D: to=<lost@example.com>, relay=mx.example.com[192.0.2.20]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.20] said: 550 5.1.1 <lost@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
    "2026-03-02T10:00:01+00:00 mx1 postfix/qmgr[100]: 4F1A2B3C4D: removed",
    "this line is not a log line",
  ].join("\n");
  const r = await postLog(log);
  assert.equal(r.status, 200);
  const body = (await r.json()) as { inserted: number; bad: number };
  assert.equal(body.inserted, 1);
  assert.equal(body.bad, 1);
  const e = (await s.store.listEvents({ limit: 5, recipient: "lost@example.com" })).items[0];
  assert.equal(e?.source, "log:postfix");
  assert.equal(e?.diagnosis?.category, "invalid_address");
  assert.equal(e?.sendingDomain, "example.org");
});

test("POST /v1/logs: a byte order mark before the first line is no text of it; a year before 1970 is refused", async () => {
  const line =
    "2026-03-03T10:00:01+00:00 mx1 postfix/smtp[101]: 6A1B2C3D4E: to=<bom@example.com>, relay=mx.example.com[192.0.2.20]:25, delay=1, dsn=5.1.1, status=bounced (550 5.1.1 unknown)";
  const r = await postLog(`\uFEFF${line}\n`);
  assert.equal(r.status, 200);
  const body = (await r.json()) as { bad: number; events: number };
  assert.deepEqual([body.bad, body.events], [0, 1]);
  const old = await fetch(`${base}/v1/logs?year=1969`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
    body: line,
  });
  assert.equal(old.status, 400);
});

test("MTA log lines with a damaged queue id are counted as bad", async () => {
  const log = [
    "2026-03-02T10:00:00+00:00 mx1 postfix/cleanup[99]: 5RRR: message-id=<r1@example.org>",
    "2026-03-02T10:00:00+00:00 mx1 postfix/qmgr[100]: 5RRR: from=<news@example.org>, size=1200, nrcpt=1 (queue active)",
    "2026-03-02T10:00:01+00:00 mx1 postfix/smtp[101]: 5RRR: to=<a@example.com>, relay=mx.example.com[192.0.2.20]:25, delay=1, dsn=2.0.0, status=sent (250 ok)",
    "2026-03-02T10:00:01+00:00 mx1 postfix/smtp[101]: 5RRR: to=<b@example.com>, relay=mx.example.com[192.0.2.20]:25, delay=1, dsn=5.1.1, status=bounced (550 5.1.1 unknown)",
    "2026-03-02T10:00:01+00:00 mx1 postfix/qmgr[100]: 5RRR: removed",
  ].join("\n");
  const r = await postLog(log);
  assert.equal(r.status, 200);
  const body = (await r.json()) as { lines: number; bad: number; events: number; inserted: number };
  assert.deepEqual([body.lines, body.bad, body.events, body.inserted], [5, 5, 0, 0]);
});

test("an SNS subscription that could not be confirmed is answered confirmed: false and logged with its URL", async () => {
  const envelope = fixture("sns-envelopes.json");
  const { subscriptionConfirmation } = JSON.parse(envelope) as {
    subscriptionConfirmation: { SubscribeURL: string };
  };
  // SNS itself is not reached from a test: its answer is played here (the route is the real one).
  const realFetch = globalThis.fetch;
  const realWrite = process.stderr.write;
  const logged: string[] = [];
  const asked: string[] = [];
  let snsStatus = 500;
  globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith("https://sns.")) return realFetch(input, init);
    asked.push(url);
    return new Response("", { status: snsStatus });
  };
  process.stderr.write = ((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const post = async () => {
      const r = await realFetch(`${base}/v1/webhooks/ses?api_key=${encodeURIComponent(key)}`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify(subscriptionConfirmation),
      });
      assert.equal(r.status, 200);
      return ((await r.json()) as { subscription: { confirmed: boolean } }).subscription.confirmed;
    };
    assert.equal(await post(), false);
    assert.deepEqual(asked, [subscriptionConfirmation.SubscribeURL]);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /SNS subscription not confirmed \(HTTP 500\)/);
    assert.ok(logged[0]!.includes(subscriptionConfirmation.SubscribeURL), "the URL to confirm it by hand");
    snsStatus = 200;
    assert.equal(await post(), true);
    assert.equal(logged.length, 1, "a confirmation is not logged as a failure");
  } finally {
    globalThis.fetch = realFetch;
    process.stderr.write = realWrite;
  }
});

test("a bounce without a usable Date header posted twice is stored once", async () => {
  const email = datedDsn("29-04-2017 23:34", "undated@example.com");
  const post = async () => {
    const r = await fetch(`${base}/v1/bounces`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "message/rfc822" },
      body: email,
    });
    assert.equal(r.status, 200);
    return ((await r.json()) as { stored: { inserted: number; duplicates: number } }).stored;
  };
  assert.deepEqual(await post(), { inserted: 1, duplicates: 0 });
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(await post(), { inserted: 0, duplicates: 1 });
  assert.equal((await s.store.listEvents({ limit: 5, recipient: "undated@example.com" })).items.length, 1);
});

test("MTA logs posted gzipped are decompressed; a body that only starts like gzip is a 400", async () => {
  const log =
    "2026-03-03T10:00:01+00:00 mx1 postfix/smtp[101]: 4F1A2B3C5E: to=<zipped@example.com>, relay=mx.example.com[192.0.2.20]:25, delay=1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.20] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n";
  const variants: Record<string, string>[] = [
    { "content-type": "application/octet-stream" },
    { "content-type": "application/gzip" },
    { "content-type": "text/plain", "content-encoding": "gzip" },
  ];
  for (const headers of variants) {
    const r = await fetch(`${base}/v1/logs`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, ...headers },
      body: gzipSync(log),
    });
    assert.equal(r.status, 200, await r.clone().text());
    const body = (await r.json()) as { lines: number; bad: number; events: number };
    assert.deepEqual([body.lines, body.bad, body.events], [1, 0, 1]);
  }
  assert.equal((await s.store.listEvents({ limit: 5, recipient: "zipped@example.com" })).items.length, 1);
  // application/gzip is a log's type only: a bounce email is no gzip file.
  const email = await fetch(`${base}/v1/bounces`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/gzip" },
    body: gzipSync(log),
  });
  assert.equal(email.status, 415);
  const broken = await fetch(`${base}/v1/logs`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/octet-stream" },
    body: Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]),
  });
  assert.equal(broken.status, 400);
});

test("a message's log lines split over two posts still give its outcomes their sender and Message-ID", async () => {
  const head = [
    "2026-03-04T10:00:00+00:00 mx1 postfix/cleanup[99]: 6A1B2C3D4E: message-id=<split-1@example.org>",
    "2026-03-04T10:00:00+00:00 mx1 postfix/qmgr[100]: 6A1B2C3D4E: from=<news@split.example.org>, size=1200, nrcpt=1 (queue active)",
  ].join("\n");
  const tail = [
    "2026-03-04T10:00:01+00:00 mx1 postfix/smtp[101]: 6A1B2C3D4E: to=<split@example.com>, relay=mx.example.com[192.0.2.20]:25, delay=1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.20] said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
    "2026-03-04T10:00:01+00:00 mx1 postfix/qmgr[100]: 6A1B2C3D4E: removed",
  ].join("\n");
  const first = (await (await postLog(head)).json()) as { lines: number; events: number };
  assert.deepEqual([first.lines, first.events], [2, 0]);
  const second = (await (await postLog(tail)).json()) as { lines: number; events: number; inserted: number };
  assert.deepEqual([second.lines, second.events, second.inserted], [2, 1, 1]);
  const [e] = (await s.store.listEvents({ limit: 5, recipient: "split@example.com" })).items;
  assert.equal(e?.sender, "news@split.example.org");
  assert.equal(e?.sendingDomain, "split.example.org");
  assert.equal(e?.messageId, "<split-1@example.org>");
});

test("a kept log reader places each post's syslog times from now again; any spelling of the key is one caller", async () => {
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const now = new Date();
  const thisMonth = now.getUTCMonth();
  // A month after this one is last year's (a backfill); this month's is this year's.
  const later = (thisMonth + 1) % 12;
  const line = (month: number, id: string, to: string) =>
    `${MONTHS[month]}  1 10:00:00 mx1 postfix/smtp[101]: ${id}: to=<${to}>, relay=mx.example.com[192.0.2.20]:25, delay=1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.20] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n`;
  const post = (body: string, auth: string) =>
    fetch(`${base}/v1/logs?timeZone=utc`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "text/plain" },
      body,
    });
  assert.equal((await post(line(later, "8A1B2C3D4E", "backfill@example.com"), `Bearer ${key}`)).status, 200);
  assert.equal((await post(line(thisMonth, "8A1B2C3D4F", "live@example.com"), `bearer ${key} `)).status, 200);
  const year = now.getUTCFullYear();
  const at = async (r: string) => (await s.store.listEvents({ limit: 1, recipient: r })).items[0]?.timestamp;
  assert.equal(await at("live@example.com"), new Date(Date.UTC(year, thisMonth, 1, 10)).toISOString());
  assert.equal(
    await at("backfill@example.com"),
    new Date(Date.UTC(later === 0 ? year : year - 1, later, 1, 10)).toISOString(),
  );
});

test("diagnosa serve refuses webhook secrets it could not use (exit 2), rather than verifying nothing", () => {
  const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
  for (const [name, value, message] of [
    ["DIAGNOSA_POSTMARK_AUTH", "justapassword", /DIAGNOSA_POSTMARK_AUTH must be USER:PASSWORD/],
    ["DIAGNOSA_SPARKPOST_AUTH", "user:", /DIAGNOSA_SPARKPOST_AUTH must be USER:PASSWORD/],
    ["DIAGNOSA_SENDGRID_PUBLIC_KEY", "notakey", /DIAGNOSA_SENDGRID_PUBLIC_KEY is not a public key/],
  ] as const) {
    const r = spawnSync(
      process.execPath,
      [bin, "serve", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
      {
        encoding: "utf8",
        env: { ...process.env, [name]: value },
        timeout: 20_000,
      },
    );
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  }
});
