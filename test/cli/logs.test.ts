// `diagnosa logs` as users run it: real files (plain and gzip), stdin, a service to send to.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { EXIM_LOG, POSTFIX_LOG, SENDMAIL_LOG } from "../ingest/logs.fixtures.js";
import { runCliAsync } from "../support/cli.js";

/** Runs the CLI without blocking this process (the test's HTTP server must keep answering). */
const run = (args: string[], input?: string) => runCliAsync(args, input, { TZ: "UTC", NO_COLOR: "1" });

const dir = mkdtempSync(join(tmpdir(), "diagnosa-logs-"));
const postfixLog = join(dir, "mail.log");
const eximGz = join(dir, "mainlog.1.gz");
writeFileSync(postfixLog, `${POSTFIX_LOG}garbage that is no log line\n`);
writeFileSync(eximGz, gzipSync(EXIM_LOG));

test("summary by category, over a plain file and a .gz file", async () => {
  const r = await run(["logs", "--year", "2026", postfixLog, eximGz]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Summary: 28 log lines, 12 events/m);
  assert.match(r.out, /1 unreadable line\(s\) skipped/);
  assert.match(r.out, /^ {2}Bounce +5$/m);
  assert.match(r.out, /^ {2}Delivered +4$/m);
  assert.match(r.out, /^ {2}Deferral +3$/m);
  assert.match(r.out, /^ {2}Category +Count +Share$/m);
  // 8 failures: 2 invalid addresses → 25.0%.
  assert.match(r.out, /^ {2}\S.* +2 +25\.0%$/m);
});

test("a UTF-8 byte order mark at the start of a log (plain, .gz, stdin) is ignored", async () => {
  const plain = join(dir, "bom.log");
  const gz = join(dir, "bom.log.gz");
  writeFileSync(plain, `\uFEFF${POSTFIX_LOG}`);
  writeFileSync(gz, gzipSync(`\uFEFF${POSTFIX_LOG}`));
  for (const [args, input] of [
    [["logs", "--year", "2026", plain], undefined],
    [["logs", "--year", "2026", gz], undefined],
    [["logs", "--year", "2026", "-"], `\uFEFF${POSTFIX_LOG}`],
  ] as const) {
    const r = await run([...args], input);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Summary: 15 log lines, 6 events$/m, args.join(" "));
    assert.doesNotMatch(r.out, /unreadable/, args.join(" "));
  }
});

test("--lang id prints the summary in Indonesian", async () => {
  const r = await run(["logs", "--lang", "id", postfixLog]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Ringkasan: 16 baris log, 6 kejadian/m);
  assert.match(r.out, /Kategori +Jumlah +Porsi/);
  assert.match(r.out, /Pentalan/);
});

test("each file's syslog times start again from --year, not from the last file's year", async () => {
  const a = join(dir, "a.log");
  const b = join(dir, "b.log");
  const line = (date: string, to: string) =>
    `${date} mail postfix/smtp[1]: 4F3A21C0E1: to=<${to}>, relay=none, dsn=5.1.1, status=bounced (550 5.1.1 unknown)\n`;
  // A runs from December into January (2027); B is a June log of 2026.
  writeFileSync(a, line("Dec 31 23:59:00", "a@example.net") + line("Jan  1 00:01:00", "b@example.net"));
  writeFileSync(b, line("Jun  1 10:00:00", "c@example.net"));
  const r = await run(["logs", "--ndjson", "--year", "2026", a, b]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).timestamp),
    ["2026-12-31T23:59:00.000Z", "2027-01-01T00:01:00.000Z", "2026-06-01T10:00:00.000Z"],
  );
});

test("--ndjson: one classified event per line; - reads stdin", async () => {
  const r = await run(["logs", "--ndjson", "--year", "2026", "-"], SENDMAIL_LOG);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.source, l.type, l.recipient, l.diagnosis?.kind ?? null]),
    [
      ["log:sendmail", "delivered", "jane@example.net", null],
      ["log:sendmail", "bounce", "gone@example.net", "bounce"],
      ["log:sendmail", "deferred", "ops@example.org", "delay"],
      ["log:sendmail", "deferred", "oncall@example.org", "delay"],
    ],
  );
  assert.equal(lines[1].diagnosis.category, "invalid_address");
  assert.equal(lines[1].recipientDomain, "example.net");
  assert.equal(lines[1].timestamp, "2026-02-02T10:00:01.000Z");
  assert.equal(lines[1].diagnosis.tips, undefined);
});

interface Received {
  method: string | undefined;
  url: string | undefined;
  auth: string | undefined;
  type: string | undefined;
  body: { events: { source: string; recipient: string }[] };
}

async function server(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const received: Received[] = [];
  const s = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => {
      body += d;
    });
    req.on("end", () => {
      received.push({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        type: req.headers["content-type"],
        body: JSON.parse(body),
      });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  after(() => s.close());
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, received };
}

test("--to sends the events in batches of 500 with the API key", async () => {
  const svc = await server((_req, res) => {
    res.writeHead(202, { "content-type": "application/json" }).end('{"accepted":true}');
  });
  // 1 201 deliveries: three batches (500, 500, 201).
  let big = "";
  for (let i = 0; i < 1201; i++) {
    const id = (0x100000 + i).toString(16).toUpperCase();
    big += `Feb  2 10:00:01 mail postfix/smtp[2103]: ${id}: to=<user${i}@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n`;
  }
  const file = join(dir, "big.log");
  writeFileSync(file, big);
  const r = await run(["logs", "--to", `${svc.url}/`, "--api-key", "k-123", file]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    svc.received.map((x) => [x.method, x.url, x.auth, x.type, x.body.events.length]),
    [
      ["POST", "/v1/events/batch", "Bearer k-123", "application/json", 500],
      ["POST", "/v1/events/batch", "Bearer k-123", "application/json", 500],
      ["POST", "/v1/events/batch", "Bearer k-123", "application/json", 201],
    ],
  );
  assert.equal(svc.received[0]!.body.events[0]!.source, "log:postfix");
  assert.equal(svc.received[2]!.body.events[200]!.recipient, "user1200@example.net");
  assert.match(r.out, /1201 event\(s\) sent to /);
});

test("--to: events dated more than a day ahead (a wrong --year) are not sent, and said so", async () => {
  const svc = await server((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end('{"inserted":1,"duplicates":0}');
  });
  const year = new Date().getUTCFullYear() + 2;
  const file = join(dir, "ahead.log");
  writeFileSync(
    file,
    "Feb  2 10:00:01 mail postfix/smtp[2103]: 4F1A2B3C5D: to=<later@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n",
  );
  const r = await run(["logs", "--json", "--year", String(year), "--to", svc.url, file]);
  assert.equal(r.code, 0, r.err);
  assert.equal(svc.received.length, 0);
  assert.deepEqual([JSON.parse(r.out).sent, JSON.parse(r.out).ahead], [0, 1]);
  assert.match(r.err, /1 event\(s\) dated more than a day ahead not sent/);
});

test("--to: a non-2xx answer prints the status and the service's message, exit 1", async () => {
  const svc = await server((_req, res) => {
    res
      .writeHead(401, { "content-type": "application/json" })
      .end('{"error":{"code":"unauthorized","message":"invalid API key"}}');
  });
  const r = await run(["logs", "--to", svc.url, "--api-key", "wrong", postfixLog]);
  assert.equal(r.code, 1);
  assert.match(r.err, /401/);
  assert.match(r.err, /invalid API key/);
  assert.doesNotMatch(r.err, /internal error/);
  assert.equal(svc.received.length, 1);
});

test("--to: a service that cannot be reached is exit 1", async () => {
  // A port that was free a moment ago: nothing listens there.
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  const r = await run(["logs", "--to", `http://127.0.0.1:${port}`, postfixLog]);
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot reach .*ECONNREFUSED/);
});

test("usage errors are exit 2: a missing file, no file, a bad URL, a bad year", async () => {
  const missing = await run(["logs", join(dir, "nope.log")]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read .*nope\.log/);
  assert.equal(missing.out, "");
  assert.equal((await run(["logs"])).code, 2);
  assert.equal((await run(["logs", "--to", "ftp://example.com", postfixLog])).code, 2);
  assert.equal((await run(["logs", "--year", "26x", postfixLog])).code, 2);
  assert.equal((await run(["logs", "--api-key", "k", postfixLog])).code, 2);
});

test("a file with no log line at all is exit 2; a corrupt .gz is exit 2", async () => {
  const junk = join(dir, "junk.txt");
  writeFileSync(junk, "hello\nworld\n");
  const r = await run(["logs", junk]);
  assert.equal(r.code, 2);
  assert.match(r.err, /no Postfix, Exim or Sendmail log lines/);
  const bad = join(dir, "bad.gz");
  const gz = gzipSync(POSTFIX_LOG);
  writeFileSync(bad, Buffer.concat([gz.subarray(0, 40), Buffer.alloc(40, 0x41)]));
  const b = await run(["logs", bad]);
  assert.equal(b.code, 2, b.err);
  assert.match(b.err, /cannot read .*bad\.gz/);
});
