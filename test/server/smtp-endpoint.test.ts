// The bounce-receiving SMTP endpoint in a real SMTP conversation, on a real SQLite file: what a VERP
// address adds, what is refused and with which code, malformed input, and the size and time-budget settings
// of `diagnosa serve` (HTTP and SMTP).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { verpAddress } from "../../src/index.js";
import { ListenError, type Running } from "../../src/server/serve.js";
import { POSTFIX_DSN } from "../bounce/fixtures.js";
import { testDatabases } from "../support/databases.js";
import { startTestServer } from "../support/server.js";
import { SmtpClient } from "../support/smtp-client.js";

/** The Postfix DSN with its second recipient taken out: one recipient, jane@example.com. */
const ONE_RECIPIENT_DSN = POSTFIX_DSN.replace(
  /Final-Recipient: rfc822; full@example.com[\s\S]*?Mailbox full\n/,
  "",
);
const UNREADABLE_BOUNCE = `From: MAILER-DAEMON@mx.example.net
Subject: Undelivered Mail Returned to Sender
Date: Mon, 2 Feb 2026 10:00:00 +0000

Sorry, we could not deliver your message: the mailbox is full.
`;

describe("SMTP endpoint", () => {
  let s: Running;
  let file: string;
  before(async () => {
    file = await testDatabases()[0]!.url();
    s = await startTestServer(file, {
      smtpPort: 0,
      auth: false,
      maxEmailBytes: 64 * 1024,
    });
  });
  after(async () => {
    await s.close();
  });

  /** One message over one connection; the answer to its DATA. */
  async function send(rcpt: string, message: string): Promise<string> {
    const { client } = await SmtpClient.open(s.smtpPort!);
    try {
      assert.match(await client.send("EHLO mta.example.org"), /^250/);
      assert.match(await client.send("MAIL FROM:<>"), /^250/);
      assert.match(await client.send(`RCPT TO:<${rcpt}>`), /^250/);
      return await client.data(message);
    } finally {
      client.close();
    }
  }

  const eventsOf = async (recipient: string) => (await s.store.listEvents({ recipient, limit: 10 })).items;

  test("a bounce naming more than 1,000 recipients: SMTP 554 5.6.0 and HTTP 422, nothing stored", async () => {
    const blocks = Array.from({ length: 1001 }, (_, i) => `Final-Recipient: rfc822; many${i}@example.com\n`);
    const forged = `From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\n\nFailed.\n\n--B\nContent-Type: message/delivery-status\n\n${blocks.join("\n")}\n--B--\n`;
    assert.match(
      await send("bounces@bounce.example.net", forged),
      /^554 5\.6\.0 message not read: the message names 1001 recipients, over the limit of 1000/,
    );
    const r = await fetch(`http://127.0.0.1:${s.httpPort}/v1/bounces`, {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: forged,
    });
    assert.equal(r.status, 422);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, "too_many_recipients");
    assert.deepEqual(await eventsOf("many0@example.com"), []);
  });

  test("a bounce whose recipient cannot be read is stored for its VERP recipient", async () => {
    const answer = await send("bounces+kate=example.com@bounce.example.net", UNREADABLE_BOUNCE);
    assert.match(answer, /^250 .*1 event\(s\) stored/);
    const [e] = await eventsOf("kate@example.com");
    assert.equal(e?.type, "bounce");
    assert.equal(e?.source, "smtp");
    assert.equal(e?.diagnosis?.category, "inbox_full");
  });

  test("a VERP address that decodes to no valid address leaves the report's own recipient", async () => {
    const answer = await send("bounces+jane=nodot@bounce.example.net", ONE_RECIPIENT_DSN);
    assert.match(answer, /^250 .*1 event\(s\) stored/);
    assert.equal((await eventsOf("jane@example.com"))[0]?.diagnosis?.category, "invalid_address");
    assert.deepEqual(await eventsOf("jane@nodot"), []);
  });

  test("a message that is no bounce stores nothing, VERP or not", async () => {
    const answer = await send(
      "bounces+lee=example.com@bounce.example.net",
      "Subject: lunch?\n\nAre you free?\n",
    );
    assert.match(answer, /^250 .*not_bounce, 0 event/);
    assert.deepEqual(await eventsOf("lee@example.com"), []);
  });

  test("to a VERP address, a no-reply acknowledgement and a person's reply are no bounces", async () => {
    const ack =
      "From: Example Support <no-reply@helpdesk.example>\nSubject: [Ticket #48213] We received your request\n\nThank you for contacting us. A member of our team will reply within 24 hours.\n";
    assert.match(await send("bounces+mia=example.com@bounce.example.net", ack), /^250 .*not_bounce, 0 event/);
    const reply =
      "From: Support Team <support@vendor.example>\nSubject: Re: Your message was rejected?\n\nPlease write to sales@vendor.example instead, our old address old@vendor.example no longer exists.\n";
    assert.match(
      await send("bounces+mia=example.com@bounce.example.net", reply),
      /^250 .*not_bounce, 0 event/,
    );
    assert.deepEqual(await eventsOf("mia@example.com"), []);
    // A mail system's own message stays a bounce, even in words no rule knows.
    const daemon =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\nSubject: Undelivered Mail Returned to Sender\n\nThe message could not be handed over; the machine said something odd.\n";
    assert.match(
      await send("bounces+mia=example.com@bounce.example.net", daemon),
      /^250 .*1 event\(s\) stored/,
    );
    assert.equal((await eventsOf("mia@example.com")).length, 1);
  });

  test("postmaster without a domain is accepted (RFC 5321 4.5.1); other domains are not relayed", async () => {
    const { client } = await SmtpClient.open(s.smtpPort!);
    try {
      await client.send("EHLO mta.example.org");
      assert.match(await client.send("MAIL FROM:<>"), /^250/);
      assert.match(await client.send("RCPT TO:<Postmaster>"), /^250/);
      assert.match(await client.send("RCPT TO:<postmaster@elsewhere.example.com>"), /^550 5\.7\.1/);
    } finally {
      client.close();
    }
  });

  test("a malformed email is read as not a bounce and stores nothing; SMTP abuse gets protocol answers", async () => {
    const r = await fetch(`http://127.0.0.1:${s.httpPort}/v1/bounces`, {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: "Content-Type: multipart/mixed; boundary=\n\n--\x00\xff garbage",
    });
    assert.equal(r.status, 200);
    const body = (await r.json()) as { report: { kind: string }; stored: { inserted: number } };
    assert.equal(body.report.kind, "not_bounce");
    assert.equal(body.stored.inserted, 0);

    const { client } = await SmtpClient.open(s.smtpPort!);
    assert.match(await client.send("EHLO x"), /^250/);
    assert.match(await client.send("MAIL FROM:<not an address"), /^5\d\d/);
    assert.match(await client.send("MAIL FROM:<>"), /^250/);
    assert.match(await client.send("RCPT TO:<postmaster@bounce.example.net>"), /^250/);
    assert.match(await client.data("this is not an email at all"), /^250 .*not_bounce/);
    assert.match(await client.send(`NOOP ${"x".repeat(5000)}`), /^5\d\d|^250/);
    assert.match(await client.send("VRFY root"), /^252|^502|^5\d\d/);
    client.close();
  });

  test("a message over the size limit is refused with 552 and the endpoint goes on", async () => {
    const answer = await send("bounces@bounce.example.net", `Subject: big\n\n${"x".repeat(1024 * 1024)}\n`);
    assert.match(answer, /^552 5\.3\.4/);
    assert.match(await send("bounces@bounce.example.net", ONE_RECIPIENT_DSN), /^250/);
  });

  test("a database that cannot store gets 451 (try again) without its reason, then the next try is stored", async () => {
    // Another connection holds the write lock past the store's busy timeout: a real SQLITE_BUSY.
    const other = new Database(file);
    other.exec("BEGIN EXCLUSIVE");
    try {
      const answer = await send("bounces+lock=example.com@bounce.example.net", ONE_RECIPIENT_DSN);
      assert.equal(answer.trim(), "451 4.3.0 could not store the message, try again later");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    assert.match(await send("bounces+lock=example.com@bounce.example.net", ONE_RECIPIENT_DSN), /^250/);
  });
});

/** A TCP server holding a free port of 127.0.0.1, so that nothing else can listen there. */
async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as { port: number }).port };
}

test("an SMTP port that is taken: startServer closes the HTTP server and the store, and diagnosa serve exits 1", async () => {
  const taken = await holdPort();
  // The HTTP port: free (held, then let go), so that the test can see it closed again.
  const free = await holdPort();
  await new Promise((resolve) => free.server.close(resolve));
  try {
    const file = await testDatabases()[0]!.url();
    await assert.rejects(startTestServer(file, { port: free.port, smtpPort: taken.port }), (e: unknown) => {
      assert.ok(e instanceof ListenError, String(e));
      assert.equal(
        e.message,
        `cannot listen for SMTP on 127.0.0.1:${taken.port}: the port is in use by another process`,
      );
      return true;
    });
    // Nothing answers HTTP: a service without its SMTP endpoint would look ready and lose bounces.
    await assert.rejects(fetch(`http://127.0.0.1:${free.port}/healthz`));

    const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
    for (const args of [
      ["--port", "0", "--smtp-port", String(taken.port)],
      ["--port", String(taken.port), "--smtp-port", "off"],
    ]) {
      const r = spawnSync(process.execPath, [bin, "serve", ...args, "--db", file], {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "" },
        timeout: 20_000,
      });
      assert.equal(r.status, 1, `${args.join(" ")}: ${r.signal ?? ""} ${r.stderr}`);
      assert.match(
        r.stderr,
        /^diagnosa: cannot listen for (SMTP|HTTP) on 127\.0\.0\.1:\d+: the port is in use/m,
      );
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
    }
  } finally {
    await new Promise((resolve) => taken.server.close(resolve));
  }
});

describe("signed VERP addresses (DIAGNOSA_VERP_SECRET)", () => {
  const SECRET = "0123456789abcdef-the-platform-secret";
  let s: Running;
  before(async () => {
    s = await startTestServer(await testDatabases()[0]!.url(), {
      smtpPort: 0,
      auth: false,
      verpSecret: SECRET,
    });
  });
  after(async () => {
    await s.close();
  });
  const eventsOf = async (recipient: string) => (await s.store.listEvents({ recipient, limit: 10 })).items;

  test("a bounce address the platform did not sign is refused at RCPT; a signed one is taken", async () => {
    const { client } = await SmtpClient.open(s.smtpPort!);
    try {
      assert.match(await client.send("EHLO mta.example.org"), /^250/);
      assert.match(await client.send("MAIL FROM:<>"), /^250/);
      for (const forged of [
        "bounces+jane=example.com@bounce.example.net",
        "bounces+jane=example.com+0123456789abcdef@bounce.example.net",
        "anything@bounce.example.net",
      ])
        assert.match(
          await client.send(`RCPT TO:<${forged}>`),
          /^550 5\.7\.1 .*not a bounce address this platform signed/,
        );
      assert.match(await client.send("RCPT TO:<postmaster@bounce.example.net>"), /^250/);
      assert.match(
        await client.send(
          `RCPT TO:<${verpAddress("jane@example.com", "bounces@bounce.example.net", SECRET)}>`,
        ),
        /^250/,
      );
    } finally {
      client.close();
    }
  });

  test("a bounce to a signed address speaks for its recipient only; mail to postmaster for no one", async () => {
    // The report names jane (user unknown) and full@ (mailbox full); the signed address names jane.
    const { client } = await SmtpClient.open(s.smtpPort!);
    try {
      assert.match(await client.send("EHLO mta.example.org"), /^250/);
      assert.match(await client.send("MAIL FROM:<>"), /^250/);
      const to = verpAddress("jane@example.com", "bounces@bounce.example.net", SECRET);
      assert.match(await client.send(`RCPT TO:<${to}>`), /^250/);
      assert.match(await client.data(POSTFIX_DSN), /^250 .*1 event\(s\) stored/);
    } finally {
      client.close();
    }
    assert.equal((await eventsOf("jane@example.com"))[0]?.diagnosis?.category, "invalid_address");
    assert.deepEqual(await eventsOf("full@example.com"), []);

    const pm = await SmtpClient.open(s.smtpPort!);
    try {
      assert.match(await pm.client.send("EHLO mta.example.org"), /^250/);
      assert.match(await pm.client.send("MAIL FROM:<>"), /^250/);
      assert.match(await pm.client.send("RCPT TO:<Postmaster>"), /^250/);
      assert.match(
        await pm.client.data(POSTFIX_DSN),
        /^250 .*not stored: not sent to a signed bounce address/,
      );
    } finally {
      pm.client.close();
    }
    assert.deepEqual(await eventsOf("full@example.com"), []);
    assert.equal((await eventsOf("jane@example.com")).length, 1);
  });
});

test("diagnosa serve's start-up line says whether signed VERP addresses are required", async () => {
  const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
  const firstLine = (secret: string) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [bin, "serve", "--port", "0", "--smtp-port", "0", "--db", ":memory:", "--no-auth"],
        { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, DIAGNOSA_VERP_SECRET: secret } },
      );
      let err = "";
      child.stderr!.on("data", (c: Buffer) => {
        err += c.toString();
        if (err.includes("\n")) {
          child.kill();
          resolve(err.split("\n")[0]!);
        }
      });
      child.once("exit", (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
  assert.match(
    await firstLine("0123456789abcdef-secret"),
    /SMTP on port \d+.*, signed VERP addresses required$/,
  );
  // An empty value is no secret: said, not silently.
  assert.match(await firstLine(""), /, VERP addresses not signed$/);
});

describe("the time budget of a bounce email (DIAGNOSA_BOUNCE_TIMEOUT_MS)", () => {
  // 3 MB of text after the report: decoding it takes milliseconds, far over a budget of one.
  const filler = `${"x".repeat(76)}\n`.repeat(40_000);
  const SLOW_BOUNCE = POSTFIX_DSN.trimEnd().replace(
    /--BOUNDARY-1--$/,
    `--BOUNDARY-1\nContent-Type: text/plain\n\n${filler}\n--BOUNDARY-1--\n`,
  );
  let s: Running;
  before(async () => {
    s = await startTestServer(await testDatabases()[0]!.url(), {
      smtpPort: 0,
      auth: false,
      maxEmailBytes: 4 * 1024 * 1024,
      bounceTimeoutMs: 1,
    });
  });
  after(async () => {
    await s.close();
  });

  test("over the budget: HTTP 422 too_slow and SMTP 554 5.6.0, nothing stored", async () => {
    const r = await fetch(`http://127.0.0.1:${s.httpPort}/v1/bounces`, {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: SLOW_BOUNCE,
    });
    assert.equal(r.status, 422);
    const body = (await r.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "too_slow");
    assert.match(body.error.message, /time budget of 1 ms/);

    const { client } = await SmtpClient.open(s.smtpPort!);
    assert.match(await client.send("EHLO mta.example.org"), /^250/);
    assert.match(await client.send("MAIL FROM:<>"), /^250/);
    assert.match(await client.send("RCPT TO:<bounces+jane=example.com@bounce.example.net>"), /^250/);
    assert.match(await client.data(SLOW_BOUNCE), /^554 5\.6\.0 message not read: .*time budget/);
    client.close();
    const events = await fetch(`http://127.0.0.1:${s.httpPort}/v1/events?limit=5`);
    assert.deepEqual(((await events.json()) as { items: unknown[] }).items, []);
  });
});

test("diagnosa serve refuses a size, a time or a VERP secret in the environment that it cannot use (exit 2)", () => {
  const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
  const settings: Array<[string, string[], RegExp]> = [
    ["DIAGNOSA_MAX_EMAIL_BYTES", ["10MB", "-5", "0", "1.5"], /must be a whole number of bytes/],
    ["DIAGNOSA_BOUNCE_TIMEOUT_MS", ["2s", "0", "-1", "0.5"], /must be a whole number of milliseconds/],
    ["DIAGNOSA_VERP_SECRET", ["short", "x"], /must be at least 16 characters/],
  ];
  for (const [name, values, message] of settings) {
    for (const value of values) {
      const r = spawnSync(
        process.execPath,
        [bin, "serve", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
        { encoding: "utf8", env: { ...process.env, [name]: value }, timeout: 20_000 },
      );
      assert.equal(r.status, 2, `${name}=${value}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`${name} ${message.source}`));
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    }
  }
});
