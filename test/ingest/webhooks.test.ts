// ESP webhooks: the providers' documented sample payloads (test/ingest/fixtures, personal data replaced
// by example.com) become the right DeliveryEvents; signatures made with keys generated here verify, and
// tampered ones are refused with 401; malformed bodies give 400; unknown providers 404.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkEvent, classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import {
  fromWebhook,
  WebhookError,
  type WebhookResult,
  type WebhookSecrets,
} from "../../src/ingest/webhooks/index.js";
import { rememberedTokens } from "../../src/ingest/webhooks/mailgun.js";

type Json = Record<string, unknown>;

/** The result of a request with no delivery outcome in it. */
const NOTHING = { events: [], skipped: { count: 0, reasons: {} } };

function fixture<T = unknown>(name: string): T {
  const path = fileURLToPath(new URL(`../../../test/ingest/fixtures/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

function events(r: WebhookResult): DeliveryEvent[] {
  assert.ok("events" in r, "expected events");
  return r.events;
}

async function call(
  provider: string,
  rawBody: string,
  secrets: WebhookSecrets = {},
  headers: Record<string, string | undefined> = {},
  now?: number,
) {
  return fromWebhook(provider, undefined, {
    headers,
    rawBody,
    secrets,
    ...(now === undefined ? {} : { now }),
  });
}

function skipped(r: WebhookResult) {
  assert.ok("skipped" in r, "expected events");
  return r.skipped;
}

async function rejects(p: Promise<unknown>, status: number) {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof WebhookError, `expected WebhookError, got ${String(err)}`);
    assert.equal(err.status, status, err.message);
    return true;
  });
}

test("unknown providers give 404", async () => {
  await rejects(call("mandrill", "[]"), 404);
  await rejects(call("__proto__", "[]"), 404);
});

describe("sendgrid", () => {
  const raw = JSON.stringify(fixture("sendgrid-events.json"));
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  // The form SendGrid shows in its settings: base64 DER SubjectPublicKeyInfo.
  const secrets: WebhookSecrets = {
    sendgrid: { publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64") },
  };
  const signed = (body: string, timestamp = String(Math.floor(Date.now() / 1000))) => ({
    "X-Twilio-Email-Event-Webhook-Signature": sign(
      "sha256",
      Buffer.from(timestamp + body),
      privateKey,
    ).toString("base64"),
    "X-Twilio-Email-Event-Webhook-Timestamp": timestamp,
  });

  test("the documented sample gives one event per delivery outcome", async () => {
    const got = events(await call("sendgrid", raw, secrets, signed(raw)));
    assert.deepEqual(
      got.map((e) => [e.type, e.recipient, e.response, e.statusCode ?? null]),
      [
        ["deferred", "example@example.com", "400 try again later", null],
        ["delivered", "example@example.com", "250 OK", null],
        ["bounce", "example@example.com", "500 unknown recipient", "5.0.0"],
        ["bounce", "example@example.com", "Bounced Address", "5.0.0"],
        ["complaint", "example@example.com", null, null],
        [
          "bounce",
          "noemail@nonexistent.example.com",
          "unable to get mx info: failed to get IPs from PTR record: lookup <nil>: unrecognized address",
          null,
        ],
      ],
    );
    const delivered = got[1]!;
    assert.equal(delivered.source, "webhook:sendgrid");
    assert.equal(delivered.sourceId, "rWVYmVk90MjZJ9iohOBa3w==");
    assert.equal(delivered.timestamp, "2017-12-15T00:59:29.000Z");
    assert.equal(delivered.messageId, "<14c5d75ce93.dfd.64b469@ismtpd-555>");
    assert.equal(delivered.sendingIp, "192.0.2.25");
    assert.equal(delivered.tag, "cat facts");
  });

  test("a drop for an address on SendGrid's suppression lists: suppressed, hard, never a retry or a reputation problem", async () => {
    const dropped = (reason: string) =>
      JSON.stringify([
        { event: "dropped", email: "a@example.com", timestamp: 1767225600, sg_event_id: reason, reason },
      ]);
    for (const reason of ["Unsubscribed Address", "Spam Reporting Address", "Bounced Address"]) {
      const [e] = events(await call("sendgrid", dropped(reason)));
      const d = classifyEvent(e!).diagnosis!;
      assert.deepEqual(
        [d.category, d.reason, d.permanence, d.action.type, d.action.retryAfterSeconds, d.evidence.level],
        ["invalid_address", "invalid_address.suppressed", "hard", "suppress", null, "provider"],
        reason,
      );
      assert.equal(e!.response, reason, "the reason is kept as the event's text");
    }
    // Another drop reason is left to the text rules; a bounce's reason is the receiver's reply.
    const [other] = events(await call("sendgrid", dropped("Invalid SMTPAPI header")));
    assert.equal(other!.verdict, undefined);
    const bounced = JSON.stringify([
      { event: "bounce", email: "a@example.com", timestamp: 1767225600, reason: "Unsubscribed Address" },
    ]);
    assert.equal(events(await call("sendgrid", bounced))[0]!.verdict, undefined);
  });

  test("verification is skipped when no key is configured", async () => {
    assert.equal(events(await call("sendgrid", raw)).length, 6);
  });

  test("a tampered body, signature or timestamp is refused (401)", async () => {
    const headers = signed(raw);
    const tampered = raw.replace("500 unknown recipient", "250 OK");
    await rejects(call("sendgrid", tampered, secrets, headers), 401);
    const ts = headers["X-Twilio-Email-Event-Webhook-Timestamp"];
    await rejects(
      call("sendgrid", raw, secrets, { ...headers, "X-Twilio-Email-Event-Webhook-Timestamp": `${ts}1` }),
      401,
    );
    const other = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
    const forged = sign("sha256", Buffer.from(ts + raw), other).toString("base64");
    await rejects(
      call("sendgrid", raw, secrets, { ...headers, "X-Twilio-Email-Event-Webhook-Signature": forged }),
      401,
    );
    await rejects(call("sendgrid", raw, secrets, {}), 401);
  });

  test("a signed timestamp too old or too far ahead is refused (401), within the window accepted", async () => {
    const at = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));
    // Correctly signed in 2001: the signature verifies, the age does not.
    await rejects(call("sendgrid", raw, secrets, signed(raw, at("2001-09-09T01:46:40Z"))), 401);
    const now = Math.floor(Date.now() / 1000);
    // The window is SendGrid's retry period, 72 hours: a late retry is still taken.
    await rejects(call("sendgrid", raw, secrets, signed(raw, String(now - 73 * 3600))), 401);
    await rejects(call("sendgrid", raw, secrets, signed(raw, String(now + 5 * 60))), 401);
    assert.equal(
      events(await call("sendgrid", raw, secrets, signed(raw, String(now - 71 * 3600)))).length,
      6,
    );
    assert.equal(events(await call("sendgrid", raw, secrets, signed(raw, String(now + 30)))).length, 6);
    // maxAgeSeconds narrows (or widens) the window.
    const strict: WebhookSecrets = { sendgrid: { ...secrets.sendgrid!, maxAgeSeconds: 60 } };
    await rejects(call("sendgrid", raw, strict, signed(raw, String(now - 120))), 401);
  });

  test("malformed bodies give 400; a bad item is skipped and counted, the rest of its batch kept", async () => {
    for (const body of ["{not json", "{}", '"x"'])
      await rejects(call("sendgrid", body, secrets, signed(body)), 400);
    const good = {
      event: "bounce",
      email: "good@example.com",
      timestamp: 1767225600,
      reason: "550 5.1.1 unknown",
    };
    const body = JSON.stringify([
      good,
      { event: "bounce", timestamp: 1767225600 },
      42,
      null,
      { email: "a@example.com" },
      { event: "delivered", email: "b@example.com" },
      { event: "delivered", email: "c@example.com", timestamp: "yesterday" },
      // Fields of the wrong type: the item skipped, or the field dropped and the event kept.
      { event: "bounce", email: ["x@example.com"], timestamp: 1767225600 },
      { event: {}, email: "y@example.com", timestamp: 1767225600 },
      { event: "bounce", email: "z@example.com", timestamp: 1767225600, reason: { text: "550" } },
    ]);
    const r = await call("sendgrid", body, secrets, signed(body));
    assert.deepEqual(
      events(r).map((e) => [e.recipient, e.response ?? null]),
      [
        ["good@example.com", "550 5.1.1 unknown"],
        ["z@example.com", null],
      ],
    );
    assert.deepEqual(skipped(r), {
      count: 8,
      reasons: { invalid_recipient: 2, invalid_type: 4, invalid_timestamp: 2 },
    });
  });
});

describe("mailgun", () => {
  const samples = fixture<Json[]>("mailgun-events.json");
  const signingKey = randomBytes(16).toString("hex");
  const secrets: WebhookSecrets = { mailgun: { signingKey } };
  const signedBody = (sample: Json, timestamp = String(Math.floor(Date.now() / 1000))) => {
    const token = randomBytes(25).toString("hex");
    const signature = createHmac("sha256", signingKey)
      .update(timestamp + token)
      .digest("hex");
    return JSON.stringify({ ...sample, signature: { timestamp, token, signature } });
  };

  test("the documented samples give the right events", async () => {
    const got: DeliveryEvent[] = [];
    for (const s of samples) got.push(...events(await call("mailgun", signedBody(s), secrets)));
    assert.deepEqual(
      got.map((e) => [e.type, e.recipient, e.response, e.errorCode ?? null, e.statusCode ?? null]),
      [
        ["bounce", "alice@example.com", "Not delivering to previously bounced address", 605, null],
        [
          "deferred",
          "alice@example.com",
          "4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to try again later.",
          452,
          "4.2.2",
        ],
        ["delivered", "alice@example.com", "OK", 250, null],
        ["complaint", "alice@example.com", null, null, null],
      ],
    );
    const deferred = got[1]!;
    assert.equal(deferred.source, "webhook:mailgun");
    assert.equal(deferred.sourceId, "Fs7-5t81S2ms-1Adl8vfGA");
    assert.equal(deferred.remoteHost, "smtp-in.example.com");
    assert.equal(deferred.sendingIp, "192.0.2.250");
    assert.equal(deferred.messageId, "20130503192659.13651.20287@mg.example.com");
    assert.equal(deferred.tag, "my_tag_1, my_tag_2");
    assert.equal(deferred.timestamp, "2018-03-19T15:11:02.908Z");
  });

  test("verification is skipped when no signing key is configured", async () => {
    assert.equal(events(await call("mailgun", JSON.stringify(samples[0]))).length, 1);
  });

  test("a tampered signature, a wrong key or an old timestamp is refused (401)", async () => {
    const body = JSON.parse(signedBody(samples[0]!)) as { signature: Json };
    const tampered = { ...body, signature: { ...body.signature, token: "x".repeat(50) } };
    await rejects(call("mailgun", JSON.stringify(tampered), secrets), 401);
    await rejects(call("mailgun", signedBody(samples[0]!), { mailgun: { signingKey: "other" } }), 401);
    // The documentation's own signature: made with Mailgun's key, years ago.
    await rejects(call("mailgun", JSON.stringify(samples[0]), secrets), 401);
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    await rejects(call("mailgun", signedBody(samples[0]!, old), secrets), 401);
    const { signature: _, ...unsigned } = samples[0]!;
    await rejects(call("mailgun", JSON.stringify(unsigned), secrets), 401);
  });

  test("a token is accepted once: a captured signature with other event-data is refused (401)", async () => {
    const own: WebhookSecrets = { mailgun: { signingKey } };
    const body = JSON.parse(signedBody(samples[0]!)) as Json;
    assert.equal(events(await call("mailgun", JSON.stringify(body), own)).length, 1);
    await rejects(call("mailgun", JSON.stringify(body), own), 401);
    const forged = { ...body, "event-data": { ...(samples[2]!["event-data"] as Json), id: "forged" } };
    await rejects(call("mailgun", JSON.stringify(forged), own), 401);
    // Another configured key (another server) has its own memory.
    assert.equal(events(await call("mailgun", JSON.stringify(body), { mailgun: { signingKey } })).length, 1);
  });

  test("onceTokens: caller: the token comes back in the result to be stored, not remembered here", async () => {
    const own: WebhookSecrets = { mailgun: { signingKey } };
    const body = signedBody(samples[0]!);
    const ts = Number((JSON.parse(body) as { signature: { timestamp: string } }).signature.timestamp);
    const token = (JSON.parse(body) as { signature: { token: string } }).signature.token;
    const ctx = { headers: {}, rawBody: body, secrets: own, onceTokens: "caller" as const };
    for (let i = 0; i < 2; i++) {
      const r = await fromWebhook("mailgun", undefined, ctx);
      assert.ok("events" in r);
      assert.deepEqual(r.once, { key: `mailgun:${token}`, expiresAt: (ts + 15 * 60) * 1000 });
    }
    assert.equal(rememberedTokens(own.mailgun!), 0);
    // A skipped event (an open) carries its token too: its signature must not carry a forged failure.
    const opened = signedBody({
      "event-data": { event: "opened", recipient: "a@example.com", timestamp: ts },
    });
    const r = await fromWebhook("mailgun", undefined, { ...ctx, rawBody: opened });
    assert.ok("events" in r && r.events.length === 0 && r.once?.key.startsWith("mailgun:"));
    // Without a signing key nothing is signed, so there is no token to keep.
    const unsigned = await fromWebhook("mailgun", undefined, { ...ctx, secrets: {} });
    assert.ok("events" in unsigned && unsigned.once === undefined);
  });

  test("used tokens are forgotten once their timestamp is out of the window", async () => {
    const own: WebhookSecrets = { mailgun: { signingKey } };
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) {
      const ts = String(Math.floor(t0 / 1000));
      await call("mailgun", signedBody(samples[0]!, ts), own, {}, t0);
    }
    assert.equal(rememberedTokens(own.mailgun!), 5);
    const t1 = t0 + 16 * 60 * 1000;
    await call("mailgun", signedBody(samples[0]!, String(Math.floor(t1 / 1000))), own, {}, t1);
    assert.equal(rememberedTokens(own.mailgun!), 1, "the expired tokens went");
  });

  test("malformed bodies give 400", async () => {
    await rejects(call("mailgun", "event=delivered&recipient=a%40example.com"), 400);
    await rejects(call("mailgun", "[]"), 400);
    // An event that cannot be stored is skipped (200), so that its signed token is used up.
    assert.deepEqual(skipped(await call("mailgun", '{"event-data":"x"}')), {
      count: 1,
      reasons: { invalid_type: 1 },
    });
    assert.deepEqual(skipped(await call("mailgun", '{"event-data":{"event":"failed","timestamp":1}}')), {
      count: 1,
      reasons: { invalid_recipient: 1 },
    });
    assert.deepEqual(
      skipped(await call("mailgun", '{"event-data":{"event":"delivered","recipient":"a@example.com"}}')),
      { count: 1, reasons: { invalid_timestamp: 1 } },
    );
  });
});

describe("postmark", () => {
  const samples = fixture<Json[]>("postmark-events.json");
  // Postmark's bounce ID does not fit a JS number: the raw text keeps its digits.
  const raws = [
    JSON.stringify(samples[0]).replace('"ID":4323372036854776000', '"ID":4323372036854775807'),
    JSON.stringify(samples[1]),
    JSON.stringify(samples[2]),
  ];
  const secrets: WebhookSecrets = { postmark: { username: "hook", password: "s3cret:pass" } };
  const auth = (user: string, pass: string) => ({
    Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`,
  });

  test("the documented samples give the right events", async () => {
    const got: DeliveryEvent[] = [];
    for (const raw of raws)
      got.push(...events(await call("postmark", raw, secrets, auth("hook", "s3cret:pass"))));
    assert.deepEqual(
      got.map((e) => [e.type, e.recipient, e.response, e.sourceId, e.timestamp, e.tag]),
      [
        [
          "bounce",
          "john@example.com",
          "Test bounce details",
          "4323372036854775807",
          "2019-11-05T16:33:54.907Z",
          "Test",
        ],
        [
          "delivered",
          "john@example.com",
          "Test delivery webhook details",
          null,
          "2021-02-21T16:34:52.000Z",
          "welcome-email",
        ],
        [
          "complaint",
          "john@example.com",
          "Test spam complaint details",
          "42",
          "2019-11-05T16:33:54.907Z",
          "Test",
        ],
      ],
    );
    assert.equal(got[0]!.messageId, "883953f4-6105-42a2-a16a-77a8eac79483");
    assert.equal(got[0]!.source, "webhook:postmark");
  });

  test("bounce types: Transient is a deferral, AutoResponder an auto-reply, Unsubscribe no event", async () => {
    const as = async (Type: string) =>
      events(await call("postmark", JSON.stringify({ ...samples[0], Type })));
    assert.equal((await as("Transient"))[0]!.type, "deferred");
    assert.equal((await as("SoftBounce"))[0]!.type, "bounce");
    assert.equal((await as("AutoResponder"))[0]!.type, "autoreply");
    assert.deepEqual(await as("Unsubscribe"), []);
  });

  test("Postmark's verdict: an Inactive address and ManuallyDeactivated are suppressed; HardBounce is hard", async () => {
    const diagnose = async (fields: Json) => {
      const [e] = events(await call("postmark", JSON.stringify({ ...samples[0], ...fields })));
      const d = classifyEvent(e!).diagnosis!;
      return [e!.verdict?.rule, d.reason, d.permanence, d.action.type, d.evidence.level];
    };
    // The documentation's HardBounce sample: Postmark deactivated the address (Inactive: true).
    assert.deepEqual(await diagnose({}), [
      "postmark.HardBounce.inactive",
      "invalid_address.suppressed",
      "hard",
      "suppress",
      "provider",
    ]);
    // Inactive decides even over words a rule reads (a full mailbox): Postmark sends no more to
    // the address, so no further bounce would count toward a suppression.
    assert.deepEqual(
      await diagnose({
        Details: "smtp;552 5.2.2 The email account that you tried to reach is over quota.",
      }),
      ["postmark.HardBounce.inactive", "invalid_address.suppressed", "hard", "suppress", "provider"],
    );
    assert.deepEqual(await diagnose({ Type: "ManuallyDeactivated", Inactive: false, Details: "" }), [
      "postmark.ManuallyDeactivated",
      "invalid_address.suppressed",
      "hard",
      "suppress",
      "provider",
    ]);
    const [hard, softly] = [
      await diagnose({ Inactive: false }),
      await diagnose({ Type: "SoftBounce", Inactive: false }),
    ];
    assert.deepEqual([hard[0], hard[2]], ["postmark.HardBounce", "hard"]);
    assert.deepEqual([softly[0], softly[2]], ["postmark.SoftBounce", "soft"]);
    // A type without a verdict leaves the text to decide.
    const [unknown] = events(
      await call("postmark", JSON.stringify({ ...samples[0], Type: "Unknown", Inactive: false })),
    );
    assert.equal(unknown!.verdict, undefined);
  });

  test("wrong or missing basic auth is refused (401)", async () => {
    await rejects(call("postmark", raws[0]!, secrets, auth("hook", "s3cret:pasS")), 401);
    await rejects(call("postmark", raws[0]!, secrets, auth("hook", "s3cret")), 401);
    await rejects(call("postmark", raws[0]!, secrets, {}), 401);
    // The header name is matched case-insensitively, as HTTP has it.
    const lower = { authorization: auth("hook", "s3cret:pass").Authorization };
    assert.equal(events(await call("postmark", raws[0]!, secrets, lower)).length, 1);
  });

  test("malformed bodies give 400", async () => {
    for (const body of ["", "[]", "{}"]) await rejects(call("postmark", body), 400);
    // An event without its recipient or time is skipped and counted.
    assert.deepEqual(skipped(await call("postmark", '{"RecordType":"Bounce","Type":"HardBounce"}')), {
      count: 1,
      reasons: { invalid_recipient: 1 },
    });
    assert.deepEqual(
      skipped(await call("postmark", JSON.stringify({ ...samples[0], BouncedAt: "yesterday" }))),
      {
        count: 1,
        reasons: { invalid_timestamp: 1 },
      },
    );
  });
});

describe("sparkpost", () => {
  const raw = JSON.stringify(fixture("sparkpost-events.json"));

  test("the documented sample gives the right events (engagement and ping skipped)", async () => {
    const got = events(await call("sparkpost", raw));
    assert.deepEqual(
      got.map((e) => [e.type, e.recipient, e.response, e.errorCode ?? null]),
      [
        ["bounce", "recipient@example.com", "MAIL REFUSED - IP (192.0.2.10) is in black list", 554],
        ["delivered", "recipient@example.com", null, null],
        ["deferred", "recipient@example.com", "454 4.7.1 <recipient@example.com>: Relay access denied", 454],
        ["complaint", "recipient@example.com", null, null],
      ],
    );
    const bounce = got[0]!;
    assert.equal(bounce.source, "webhook:sparkpost");
    assert.equal(bounce.sourceId, "92356927693813856");
    assert.equal(bounce.messageId, "000443ee14578172be22");
    assert.equal(bounce.sendingIp, "192.0.2.10");
    assert.equal(bounce.tag, "Example Campaign Name");
    assert.equal(bounce.timestamp, "2016-04-18T14:25:07.000Z");
  });

  test("bounce classes: an auto-reply is no bounce; Admin Failure (suppression list) is suppressed", async () => {
    const one = async (type: string, bounce_class: string | undefined, raw_reason: string) => {
      const item = {
        type,
        bounce_class,
        event_id: `${type}-${bounce_class}`,
        timestamp: "1460989507",
        rcpt_to: "a@example.com",
        raw_reason,
      };
      return events(await call("sparkpost", JSON.stringify([{ msys: { message_event: item } }])));
    };
    const [auto] = await one("out_of_band", "60", "Out of office until Monday");
    assert.equal(auto!.type, "autoreply");
    assert.deepEqual(await one("out_of_band", "90", "unsubscribe"), []);
    for (const type of ["bounce", "policy_rejection"]) {
      const [e] = await one(type, "25", "554 5.7.1 recipient address suppressed due to customer policy");
      const d = classifyEvent(e!).diagnosis!;
      assert.deepEqual(
        [e!.verdict?.rule, d.reason, d.permanence, d.action.type, d.evidence.level],
        ["sparkpost.class.25", "invalid_address.suppressed", "hard", "suppress", "provider"],
        type,
      );
    }
    const [full] = await one("bounce", "22", "");
    assert.equal(classifyEvent(full!).diagnosis!.reason, "inbox_full.over_quota");
    // Class 1 (Undetermined), as in the documented sample: no verdict.
    assert.equal((await one("bounce", "1", "550 no"))[0]!.verdict, undefined);
  });

  test("optional basic auth: wrong credentials are refused (401)", async () => {
    const secrets: WebhookSecrets = { sparkpost: { username: "sp", password: "pw" } };
    const ok = { authorization: `Basic ${Buffer.from("sp:pw").toString("base64")}` };
    assert.equal(events(await call("sparkpost", raw, secrets, ok)).length, 4);
    const bad = { authorization: `Basic ${Buffer.from("sp:pW").toString("base64")}` };
    await rejects(call("sparkpost", raw, secrets, bad), 401);
  });

  test("malformed bodies give 400", async () => {
    for (const body of ["{", "{}"]) await rejects(call("sparkpost", body), 400);
    const good = {
      msys: { message_event: { type: "bounce", rcpt_to: "good@example.com", timestamp: "1767225600" } },
    };
    const r = await call(
      "sparkpost",
      JSON.stringify([good, 1, null, { msys: [] }, { msys: { message_event: { type: "bounce" } } }]),
    );
    assert.deepEqual(
      events(r).map((e) => e.recipient),
      ["good@example.com"],
    );
    assert.deepEqual(skipped(r), { count: 4, reasons: { invalid_type: 3, invalid_recipient: 1 } });
  });
});

describe("ses (SNS)", () => {
  const messages = fixture<Record<string, Json>>("ses-messages.json");
  const envelopes = fixture<Record<string, Json>>("sns-envelopes.json");
  const certUrl =
    "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem";

  // A self-signed certificate for the test (node:crypto cannot issue X.509 certificates).
  let cert = "";
  let key = "";
  try {
    const dir = mkdtempSync(join(tmpdir(), "diagnosa-sns-"));
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "2",
          "-subj",
          "/CN=sns.amazonaws.com",
        ].concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")]),
        { stdio: "ignore" },
      );
      cert = readFileSync(join(dir, "cert.pem"), "utf8");
      key = readFileSync(join(dir, "key.pem"), "utf8");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } catch {
    // no openssl: the signature tests are skipped below
  }
  const skip = cert ? false : "openssl is not available";
  const fetched: string[] = [];
  const secrets: WebhookSecrets = {
    ses: {
      fetchCertificate: async (url) => {
        fetched.push(url);
        return cert;
      },
    },
  };

  // Written independently of src/ingest/webhooks/ses.ts, from the SNS documentation.
  function stringToSign(m: Json): string {
    const names =
      m.Type === "Notification"
        ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
        : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
    return names
      .filter((n) => m[n] !== undefined)
      .map((n) => `${n}\n${m[n]}\n`)
      .join("");
  }
  function signed(m: Json, version: "1" | "2" = "2"): string {
    const body = { ...m, SignatureVersion: version, SigningCertURL: certUrl };
    const signature = sign(version === "1" ? "sha1" : "sha256", Buffer.from(stringToSign(body)), key);
    return JSON.stringify({ ...body, Signature: signature.toString("base64") });
  }
  function notification(message: Json, extra: Json = {}): Json {
    const { Subject: _, ...envelope } = envelopes.notification!;
    return { ...envelope, Message: JSON.stringify(message), ...extra };
  }

  test("bounce, complaint, delivery and event-publishing samples give the right events", {
    skip,
  }, async () => {
    const got: DeliveryEvent[] = [];
    for (const name of ["bounce", "complaint", "delivery", "eventDeliveryDelay", "eventBounce"])
      got.push(...events(await call("ses", signed(notification(messages[name]!)), secrets)));
    assert.deepEqual(
      got.map((e) => [e.type, e.recipient, e.response ?? null, e.statusCode ?? null]),
      [
        ["bounce", "jane@example.com", "smtp; 550 5.1.1 <jane@example.com>... User", "5.1.1"],
        ["complaint", "richard@example.com", null, null],
        ["delivered", "jane@example.com", "250 ok:  Message 64111812 accepted", null],
        ["deferred", "recipient@example.com", "smtp; 421 4.4.1 Unable to connect to remote host", "4.4.1"],
        ["bounce", "recipient@example.com", "smtp; 550 5.1.1 user unknown", "5.1.1"],
      ],
    );
    const [bounce, complaint, delivery, delay] = got;
    assert.equal(bounce!.source, "webhook:ses");
    assert.equal(bounce!.sourceId, "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000");
    assert.equal(bounce!.messageId, "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000");
    assert.equal(bounce!.remoteHost, "127.0.2.0");
    assert.equal(bounce!.sender, "john@example.com");
    assert.equal(bounce!.timestamp, "2016-01-27T14:59:38.237Z");
    assert.equal(complaint!.sourceId, "000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000");
    assert.equal(delivery!.sourceId, envelopes.notification!.MessageId);
    assert.equal(delay!.tag, "summer");
    assert.equal(delay!.timestamp, "2020-06-16T00:25:40.095Z");
    assert.ok(fetched.every((u) => u === certUrl));
  });

  test("a bounce without a DSN gives one event per recipient", { skip }, async () => {
    const got = events(await call("ses", signed(notification(messages.bounceWithoutDsn!), "1"), secrets));
    assert.deepEqual(
      got.map((e) => [e.type, e.recipient, e.response ?? null, e.sourceId]),
      [
        [
          "bounce",
          "jane@example.com",
          null,
          "00000137860315fd-869464a4-8680-4114-98d3-716fe35851f9-000000:jane@example.com",
        ],
        [
          "bounce",
          "richard@example.com",
          null,
          "00000137860315fd-869464a4-8680-4114-98d3-716fe35851f9-000000:richard@example.com",
        ],
      ],
    );
  });

  test("SES's own bounce type and subtype decide what the reply text does not", async () => {
    const diagnosed = async (body: Json) =>
      events(await call("ses", JSON.stringify(body))).map((e) => {
        const d = classifyEvent(e).diagnosis!;
        return [d.reason, d.permanence, d.action.type, d.action.retryAfterSeconds, d.evidence.level];
      });
    // AWS's "bounce without a DSN": Permanent, General, no diagnosticCode. SES says not to mail
    // these addresses again: hard, no retry, to suppress (it was unknown, soft, retry in an hour).
    // The evidence of that suppression is SES's verdict.
    assert.deepEqual(await diagnosed(messages.bounceWithoutDsn!), [
      ["unknown.unclassified", "hard", "suppress", null, "provider"],
      ["unknown.unclassified", "hard", "suppress", null, "provider"],
    ]);
    const bounce = (bounceType: string, bounceSubType: string, diagnosticCode?: string) => ({
      notificationType: "Bounce",
      bounce: {
        bounceType,
        bounceSubType,
        bouncedRecipients: [{ emailAddress: "a@example.com", ...(diagnosticCode ? { diagnosticCode } : {}) }],
        timestamp: "2026-01-01T00:00:00Z",
      },
      mail: {},
    });
    const cases: [string, string, string | undefined, unknown[]][] = [
      [
        "Permanent",
        "NoEmail",
        undefined,
        ["invalid_address.user_unknown", "hard", "suppress", null, "provider"],
      ],
      [
        "Permanent",
        "Suppressed",
        undefined,
        ["invalid_address.suppressed", "hard", "suppress", null, "provider"],
      ],
      ["Transient", "MailboxFull", undefined, ["inbox_full.over_quota", "soft", "retry", 21600, "provider"]],
      [
        "Transient",
        "MessageTooLarge",
        undefined,
        ["rejection.size", "soft", "review_content", null, "provider"],
      ],
      ["Transient", "General", undefined, ["unknown.unclassified", "soft", "retry", 3600, "none"]],
      ["Undetermined", "Undetermined", undefined, ["unknown.unclassified", "soft", "retry", 3600, "none"]],
      // The receiving server's words say more than SES's subtype: they decide.
      [
        "Permanent",
        "General",
        "smtp; 452 4.2.2 over quota",
        ["inbox_full.over_quota", "soft", "retry", 21600, "text"],
      ],
      [
        "Transient",
        "General",
        "smtp; 550 5.1.1 user unknown",
        ["invalid_address.user_unknown", "hard", "suppress", null, "text"],
      ],
    ];
    for (const [type, sub, code, expected] of cases)
      assert.deepEqual(await diagnosed(bounce(type, sub, code)), [expected], `${type}/${sub}/${code}`);
  });

  test("SubscriptionConfirmation asks the caller to confirm; UnsubscribeConfirmation gives nothing", {
    skip,
  }, async () => {
    for (const version of ["1", "2"] as const) {
      const r = await call("ses", signed(envelopes.subscriptionConfirmation!, version), secrets);
      assert.deepEqual(r, { confirm: { subscribeUrl: envelopes.subscriptionConfirmation!.SubscribeURL } });
    }
    assert.deepEqual(await call("ses", signed(envelopes.unsubscribeConfirmation!), secrets), NOTHING);
  });

  test("a plain-text SNS notification (Subject included in the signature) gives no events", {
    skip,
  }, async () => {
    assert.deepEqual(await call("ses", signed(envelopes.notification!, "1"), secrets), NOTHING);
  });

  test("tampered messages and foreign certificate URLs are refused (401)", { skip }, async () => {
    const good = JSON.parse(signed(notification(messages.bounce!))) as Json;
    const tamper = (patch: Json) => call("ses", JSON.stringify({ ...good, ...patch }), secrets);
    await rejects(tamper({ Message: String(good.Message).replace("5.1.1", "4.1.1") }), 401);
    await rejects(tamper({ TopicArn: "arn:aws:sns:us-west-2:123456789012:Other" }), 401);
    await rejects(tamper({ Subject: "added" }), 401);
    await rejects(tamper({ SignatureVersion: "1" }), 401);
    await rejects(tamper({ SignatureVersion: "3" }), 401);
    await rejects(tamper({ Signature: undefined }), 401);
    // The documentation's own signature was made with Amazon's key, not this certificate's.
    await rejects(tamper({ Signature: envelopes.subscriptionConfirmation!.Signature }), 401);
    for (const url of [
      "http://sns.us-west-2.amazonaws.com/cert.pem",
      "https://sns.us-west-2.amazonaws.com.evil.example/cert.pem",
      "https://evil.example/sns.us-west-2.amazonaws.com/cert.pem",
      "https://sns.us-west-2.amazonaws.com:8443/cert.pem",
      "https://s3.amazonaws.com/cert.pem",
      "https://sns.us-west-2.amazonaws.com/cert.txt",
    ]) {
      const before = fetched.length;
      await rejects(tamper({ SigningCertURL: url }), 401);
      assert.equal(fetched.length, before, `fetched ${url}`);
    }
    // Unsigned raw message delivery cannot be verified.
    await rejects(call("ses", JSON.stringify(messages.bounce), secrets), 401);
    // Only the configured topics, when some are.
    const topics = { ses: { ...secrets.ses!, topicArns: ["arn:aws:sns:us-east-1:123456789012:Bounces"] } };
    await rejects(call("ses", JSON.stringify(good), topics), 401);
  });

  test("an expired or undecodable certificate is refused (401); one that cannot be downloaded now is a 503", {
    skip,
  }, async () => {
    const body = signed(notification(messages.bounce!));
    const later = Date.now() + 10 * 24 * 3600 * 1000;
    await rejects(fromWebhook("ses", undefined, { headers: {}, rawBody: body, secrets, now: later }), 401);
    const broken: WebhookSecrets = { ses: { fetchCertificate: async () => "not a certificate" } };
    await rejects(call("ses", body, broken), 401);
    const failing: WebhookSecrets = {
      ses: {
        fetchCertificate: async () => {
          throw new Error("network down");
        },
      },
    };
    // A download that failed on the way: 503, so that SNS sends the notification again (it does not
    // after a 4xx); a certificate SNS does not have (HTTP 404): a forged URL, 401.
    await rejects(call("ses", body, failing), 503);
    const missing: WebhookSecrets = {
      ses: {
        fetchCertificate: async () => {
          throw Object.assign(new Error("certificate download failed: HTTP 404"), { httpStatus: 404 });
        },
      },
    };
    await rejects(call("ses", body, missing), 401);
  });

  test("without configured verification: envelopes and raw SES JSON are accepted", async () => {
    const env = { ...notification(messages.bounce!), Signature: "forged" };
    assert.equal(events(await call("ses", JSON.stringify(env))).length, 1);
    assert.equal(events(await call("ses", JSON.stringify(messages.delivery))).length, 1);
  });

  test("a Reject event (SES found a virus) is a content rejection SES decided, not an unknown to retry", async () => {
    const reject = {
      eventType: "Reject",
      mail: {
        timestamp: "2026-01-01T00:00:00.000Z",
        source: "news@example.org",
        messageId: "r1",
        destination: ["ivan@example.com"],
      },
      reject: { reason: "Bad content" },
    };
    const [e] = events(await call("ses", JSON.stringify(reject)));
    const d = classifyEvent(e!).diagnosis!;
    assert.deepEqual(
      [e!.type, e!.verdict?.rule, d.reason, d.permanence, d.action.type],
      ["bounce", "ses.Reject", "rejection.content", "hard", "review_content"],
    );
  });

  test("a SubscribeURL outside SNS is refused even unverified (the caller would GET it)", async () => {
    const evil = {
      ...envelopes.subscriptionConfirmation,
      SubscribeURL: "https://169.254.169.254/latest/meta-data",
    };
    await rejects(call("ses", JSON.stringify(evil)), 400);
  });

  test("malformed bodies give 400", async () => {
    const bad: unknown[] = [
      "not json",
      [],
      { Type: "Nonsense" },
      { notificationType: "Bounce", bounce: { bouncedRecipients: "x" } },
      { ...envelopes.notification, Message: "{broken" },
      {},
    ];
    for (const b of bad) await rejects(call("ses", typeof b === "string" ? b : JSON.stringify(b)), 400);
    // A recipient without its address is skipped; the notification's other recipients are stored.
    const r = await call(
      "ses",
      JSON.stringify({
        notificationType: "Bounce",
        bounce: {
          bouncedRecipients: [{ emailAddress: "good@example.com" }, {}],
          timestamp: "2026-01-01T00:00:00Z",
        },
        mail: {},
      }),
    );
    assert.deepEqual(
      events(r).map((e) => e.recipient),
      ["good@example.com"],
    );
    assert.deepEqual(skipped(r), { count: 1, reasons: { invalid_recipient: 1 } });
  });

  test("a notification without a usable time, or a recipient that is no object, is skipped and counted, not a 400", async () => {
    // SNS does not send a notification again after a 4xx: a 400 lost it for good.
    for (const timestamp of [undefined, "yesterday", { at: 1 }]) {
      const r = await call(
        "ses",
        JSON.stringify({
          notificationType: "Delivery",
          delivery: { recipients: ["a@example.com", "b@example.com"], timestamp },
          mail: {},
        }),
      );
      assert.deepEqual(events(r), [], JSON.stringify(timestamp));
      assert.deepEqual(
        skipped(r),
        { count: 2, reasons: { invalid_timestamp: 2 } },
        JSON.stringify(timestamp),
      );
    }
    const r = await call(
      "ses",
      JSON.stringify({
        notificationType: "Bounce",
        bounce: {
          bounceType: "Permanent",
          bouncedRecipients: [
            { emailAddress: "good@example.com" },
            7,
            null,
            ["x@example.com"],
            "str@example.com",
          ],
          timestamp: "2026-01-01T00:00:00Z",
        },
        mail: {},
      }),
    );
    assert.deepEqual(
      events(r).map((e) => e.recipient),
      ["good@example.com", "str@example.com"],
    );
    assert.deepEqual(skipped(r), { count: 3, reasons: { invalid_recipient: 3 } });
  });
});

describe("events are checked as POST /v1/events checks them", () => {
  test("sendgrid: items without an email address are skipped and counted; a bad status is dropped", async () => {
    const item = (patch: Json) => ({
      event: "bounce",
      timestamp: 1767225600,
      sg_event_id: `id-${JSON.stringify(patch)}`,
      reason: "550 5.1.1 unknown user",
      status: "5.1.1",
      email: "jane@example.com",
      ...patch,
    });
    const raw = JSON.stringify([
      item({}),
      item({ email: "notanaddress" }),
      item({ email: 12345 }),
      item({ email: "two@at@example.com" }),
      item({ email: `${"x".repeat(320)}@example.com` }),
      item({ email: "john@example.com", status: "abc" }),
    ]);
    const r = await call("sendgrid", raw);
    assert.deepEqual(
      events(r).map((e) => [e.recipient, e.statusCode]),
      [
        ["jane@example.com", "5.1.1"],
        ["john@example.com", null],
      ],
    );
    assert.deepEqual(skipped(r), { count: 4, reasons: { invalid_recipient: 4 } });
    for (const e of events(r)) assert.equal(classifyEvent(e).recipientDomain, "example.com");
  });

  test("every provider: a bad address is skipped, bad status and reply codes are dropped", async () => {
    const mailgun = (recipient: string, code: unknown, enhanced: string) =>
      JSON.stringify({
        "event-data": {
          event: "failed",
          severity: "permanent",
          recipient,
          timestamp: 1767225600,
          "delivery-status": { code, message: "rejected", "enhanced-code": enhanced },
        },
      });
    let r = await call("mailgun", mailgun("nobody", 550, "5.1.1"));
    assert.deepEqual([events(r), skipped(r)], [[], { count: 1, reasons: { invalid_recipient: 1 } }]);
    r = await call("mailgun", mailgun("a@example.com", 1550, "5.1"));
    assert.deepEqual(
      events(r).map((e) => [e.errorCode, e.statusCode]),
      [[null, null]],
    );
    assert.equal(skipped(r).count, 0);

    const postmark = fixture<Json[]>("postmark-events.json")[0]!;
    r = await call("postmark", JSON.stringify({ ...postmark, Email: "john" }));
    assert.deepEqual(skipped(r), { count: 1, reasons: { invalid_recipient: 1 } });

    const sparkpost = fixture<Json[]>("sparkpost-events.json");
    const broken = JSON.stringify(sparkpost).replaceAll('"recipient@example.com"', '"recipient"');
    r = await call("sparkpost", broken);
    assert.deepEqual([events(r).length, skipped(r)], [0, { count: 4, reasons: { invalid_recipient: 4 } }]);

    const ses = {
      notificationType: "Bounce",
      mail: { timestamp: "2026-01-01T00:00:00Z", messageId: "m1" },
      bounce: {
        timestamp: "2026-01-01T00:00:01Z",
        feedbackId: "f1",
        bouncedRecipients: [
          { emailAddress: "ok@example.com", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 unknown" },
          { emailAddress: "not an address", status: "5.1.1" },
          { emailAddress: "odd@example.com", status: "abc" },
        ],
      },
    };
    r = await call("ses", JSON.stringify(ses));
    assert.deepEqual(
      events(r).map((e) => [e.recipient, e.statusCode]),
      [
        ["ok@example.com", "5.1.1"],
        ["odd@example.com", null],
      ],
    );
    assert.deepEqual(skipped(r), { count: 1, reasons: { invalid_recipient: 1 } });
  });

  test("checkEvent: the rules of the /v1/events schema", () => {
    const base: DeliveryEvent = {
      source: "webhook:x",
      type: "bounce",
      recipient: " jane@example.com ",
      timestamp: "2026-01-01T00:00:00.000Z",
    };
    const ok = checkEvent({ ...base, errorCode: 550, statusCode: "5.1.1", remoteHost: "h".repeat(256) });
    assert.ok(ok.ok);
    assert.equal(ok.event.recipient, "jane@example.com");
    assert.equal(ok.event.errorCode, 550);
    assert.equal(ok.event.statusCode, "5.1.1");
    assert.equal(ok.event.remoteHost, null, "over 255 characters: dropped");
    // Three digits, as the schema takes them: providers' own codes (Mailgun 605) are kept.
    for (const errorCode of [99, 1000, 55, 550.5]) {
      const c = checkEvent({ ...base, errorCode });
      assert.ok(c.ok && c.event.errorCode === null, `errorCode ${errorCode}`);
    }
    for (const errorCode of [100, 605, 999]) {
      const c = checkEvent({ ...base, errorCode });
      assert.ok(c.ok && c.event.errorCode === errorCode, `errorCode ${errorCode}`);
    }
    for (const statusCode of ["abc", "6.1.1", "5.1", "5.1.1.1", " 5.1.1"]) {
      const c = checkEvent({ ...base, statusCode });
      assert.ok(c.ok && c.event.statusCode === null, `statusCode ${statusCode}`);
    }
    assert.deepEqual(checkEvent({ ...base, recipient: "ab" }), { ok: false, reason: "invalid_recipient" });
    // Milliseconds read as seconds: a year past 9999 is no date-time.
    const far = new Date(1767225600000 * 1000).toISOString();
    assert.deepEqual(checkEvent({ ...base, timestamp: far }), { ok: false, reason: "invalid_timestamp" });
  });
});

test("webhook events classify: failures get a diagnosis, deliveries none", async () => {
  const raw = JSON.stringify(fixture("sendgrid-events.json"));
  for (const e of events(await call("sendgrid", raw))) {
    const c = classifyEvent(e);
    if (e.type === "delivered") assert.equal(c.diagnosis, null);
    else assert.ok(c.diagnosis, `no diagnosis for ${e.type}`);
    assert.equal(c.recipientDomain, e.recipient.split("@")[1]);
  }
});

test("a complaint event is hard and suppressed, an auto-reply asks nothing, whatever words come with them", () => {
  const at = "2026-01-01T00:00:00Z";
  for (const response of ["", "Feedback report: abuse", "550 5.7.1 try again later"]) {
    const complaint = classifyEvent({
      source: "api",
      type: "complaint",
      recipient: "a@example.com",
      timestamp: at,
      response,
    }).diagnosis!;
    assert.equal(complaint.kind, "complaint", response);
    assert.equal(complaint.permanence, "hard", response);
    assert.deepEqual(complaint.action, { type: "suppress", retryAfterSeconds: null, retryAfterSource: null });
    const auto = classifyEvent({
      source: "api",
      type: "autoreply",
      recipient: "a@example.com",
      timestamp: at,
      response,
    }).diagnosis!;
    assert.equal(auto.kind, "autoreply", response);
    assert.deepEqual(auto.action, { type: "none", retryAfterSeconds: null, retryAfterSource: null });
  }
});
