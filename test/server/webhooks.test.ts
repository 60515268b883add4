// Webhooks over real HTTP: a signed SendGrid payload and a Mailgun one are stored as events; a
// tampered signature is refused with 401 and stores nothing.
import assert from "node:assert/strict";
import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type Running, startServer } from "../../src/server/serve.js";
import { DEFAULT_POLICY } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/ingest/fixtures/${name}`, import.meta.url)), "utf8");

const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const mailgunKey = "key-test-signing";
let s: Running;
let base: string;
let key: string;

before(async () => {
  s = await startServer({
    host: "127.0.0.1",
    port: 0,
    smtpPort: null,
    databaseUrl: await testDatabases()[0]!.url(),
    auth: true,
    bounceDomains: [],
    maxEmailBytes: 1 << 20,
    policy: DEFAULT_POLICY,
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

test("MTA log lines posted as text become events", async () => {
  const log = [
    "2026-03-02T10:00:00+00:00 mx1 postfix/qmgr[100]: 4F1A2B3C4D: from=<news@example.org>, size=1200, nrcpt=1 (queue active)",
    "2026-03-02T10:00:01+00:00 mx1 postfix/smtp[101]: 4F1A2B3C4D: to=<lost@example.com>, relay=mx.example.com[192.0.2.20]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.20] said: 550 5.1.1 <lost@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
    "2026-03-02T10:00:01+00:00 mx1 postfix/qmgr[100]: 4F1A2B3C4D: removed",
    "this line is not a log line",
  ].join("\n");
  const r = await fetch(`${base}/v1/logs?year=2026`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
    body: log,
  });
  assert.equal(r.status, 200);
  const body = (await r.json()) as { inserted: number; bad: number };
  assert.equal(body.inserted, 1);
  assert.equal(body.bad, 1);
  const e = (await s.store.listEvents({ limit: 5, recipient: "lost@example.com" })).items[0];
  assert.equal(e?.source, "log:postfix");
  assert.equal(e?.diagnosis?.category, "invalid_address");
  assert.equal(e?.sendingDomain, "example.org");
});
