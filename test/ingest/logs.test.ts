// MTA log lines to DeliveryEvents: Postfix, Exim, Sendmail, as these MTAs write them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import { LogReader, LogState, parseLogLine } from "../../src/ingest/logs/index.js";
import { EXIM_LOG, POSTFIX_LOG, SENDMAIL_LOG } from "./logs.fixtures.js";

const utc = { year: 2026, timeZone: "utc" as const };

function read(text: string, options: ConstructorParameters<typeof LogReader>[0] = utc) {
  const r = new LogReader(options);
  const events = [...r.push(text), ...r.end()];
  return { events, stats: r.stats, reader: r };
}

test("postfix: sent, bounced, deferred, with the sender and message id from earlier lines", () => {
  const { events, stats } = read(POSTFIX_LOG);
  assert.equal(stats.bad, 0);
  assert.equal(events.length, 6);
  const [sent, bounced, deferred, timeout, lmtp, local] = events as [DeliveryEvent, ...DeliveryEvent[]];
  assert.deepEqual(sent, {
    sourceId: "4F3A21C0E1/jane@example.net/2026-02-02T10:00:01.000Z",
    source: "log:postfix",
    type: "delivered",
    recipient: "jane@example.net",
    timestamp: "2026-02-02T10:00:01.000Z",
    messageId: "<20260202100000.1@example.com>",
    sender: "news@example.com",
    sendingDomain: "example.com",
    response: null,
    errorCode: null,
    statusCode: "2.0.0",
    remoteHost: "mx.example.net",
    command: null,
  });
  assert.equal(bounced!.type, "bounce");
  assert.equal(bounced!.recipient, "gone@example.net");
  assert.equal(bounced!.statusCode, "5.1.1");
  assert.equal(bounced!.errorCode, 550);
  assert.equal(bounced!.command, "RCPT");
  assert.equal(bounced!.sender, "news@example.com");
  assert.match(
    bounced!.response!,
    /^host mx\.example\.net\[192\.0\.2\.25\] said: 550 5\.1\.1 .*\(in reply to RCPT TO command\)$/,
  );
  assert.equal(classifyEvent(bounced!).diagnosis!.category, "invalid_address");

  assert.equal(deferred!.type, "deferred");
  assert.equal(deferred!.errorCode, 450);
  assert.equal(deferred!.statusCode, "4.7.1");
  assert.equal(deferred!.remoteHost, "mx.example.org");
  assert.equal(classifyEvent(deferred!).diagnosis!.kind, "delay");

  // No earlier lines for this queue id: no sender, no message id; relay=none has no host.
  assert.equal(timeout!.type, "deferred");
  assert.equal(timeout!.sender, null);
  assert.equal(timeout!.messageId, null);
  assert.equal(timeout!.remoteHost, null);
  assert.equal(timeout!.errorCode, null);
  assert.equal(timeout!.response, "connect to mx.example.net[192.0.2.25]:25: Connection timed out");

  assert.equal(lmtp!.recipient, "staff@example.com");
  assert.equal(lmtp!.type, "delivered");
  assert.equal(lmtp!.sourceId, "4Tq1Wp3TXTz1xn3/staff@example.com/2026-02-02T10:06:01.000Z");
  assert.equal(local!.type, "bounce");
  assert.equal(local!.statusCode, "5.2.2");
  assert.equal(local!.remoteHost, null);
});

test("postfix: `removed` ends a queue id's state; others expire after N lines", () => {
  const state = new LogState({ ...utc, maxAgeLines: 3 });
  for (const line of POSTFIX_LOG.split("\n").slice(0, 4)) parseLogLine(line, state);
  assert.equal(state.openQueues, 1);
  parseLogLine("Feb  2 10:00:03 mail postfix/qmgr[1900]: 4F3A21C0E1: removed", state);
  assert.equal(state.openQueues, 0);

  parseLogLine(
    "Feb  2 11:00:00 mail postfix/qmgr[1900]: 1A2B3C4D5E: from=<a@example.com>, size=1, nrcpt=1 (queue active)",
    state,
  );
  for (let i = 0; i < 4; i++)
    parseLogLine("Feb  2 11:00:00 mail postfix/smtpd[1]: connect from x[192.0.2.1]", state);
  parseLogLine(
    "Feb  2 11:00:01 mail postfix/qmgr[1900]: 6F7E8D9C0B: from=<b@example.com>, size=1, nrcpt=1 (queue active)",
    state,
  );
  assert.equal(state.openQueues, 1, "the old queue id expired");
  assert.equal(state.stats.expired, 1);
});

test("postfix: the queue count stays bounded on a huge log", () => {
  const r = new LogReader({ ...utc, maxQueues: 1000 });
  let chunk = "";
  for (let i = 0; i < 20_000; i++) {
    const id = (0x100000 + i).toString(16).toUpperCase();
    chunk += `Feb  2 10:00:00 mail postfix/qmgr[1900]: ${id}: from=<n@example.com>, size=1, nrcpt=1 (queue active)\n`;
    if (i % 1000 === 999) {
      r.push(chunk);
      chunk = "";
    }
  }
  assert.ok(r.state.openQueues <= 1000);
  assert.equal(r.stats.lines, 20_000);
});

test("exim: arrival, delivery, failure, deferral, Completed", () => {
  const { events, stats, reader } = read(EXIM_LOG);
  assert.equal(stats.bad, 0);
  assert.equal(reader.state.openQueues, 1, "the completed message left no state");
  assert.deepEqual(
    events.map((e) => [e.type, e.recipient, e.sender, e.remoteHost, e.errorCode, e.statusCode]),
    [
      ["delivered", "jane@example.net", "news@example.com", "mx.example.net", null, "2.0.0"],
      ["bounce", "gone@example.net", "news@example.com", "mx.example.net", 550, "5.1.1"],
      ["deferred", "slow@example.org", "news@example.com", "mx.example.org", 451, "4.7.1"],
      ["bounce", "news@example.com", null, null, null, null],
      ["delivered", "staff@example.com", null, null, null, null],
      ["bounce", "full@example.com", null, null, null, null],
    ],
  );
  const [, gone, slow, unroutable] = events;
  assert.equal(gone!.source, "log:exim");
  assert.equal(gone!.messageId, "<20260202100000.1@example.com>");
  assert.equal(gone!.command, "RCPT");
  assert.equal(
    gone!.response,
    "SMTP error from remote mail server after RCPT TO:<gone@example.net>: 550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown",
  );
  assert.equal(gone!.sourceId, "1vQxYz-000Abc-Q1/gone@example.net/2026-02-02T10:00:01.000Z");
  assert.equal(classifyEvent(gone!).diagnosis!.category, "invalid_address");
  assert.match(slow!.response!, /^SMTP error .* 451 4\.7\.1 Greylisting/);
  // The main log's own offset and milliseconds; the bounce message has the null sender.
  assert.equal(unroutable!.timestamp, "2026-02-02T03:02:00.456Z");
  assert.equal(unroutable!.response, "Unrouteable address");
  assert.equal(unroutable!.sender, null);
  assert.equal(classifyEvent(events[5]!).diagnosis!.category, "inbox_full");
});

test("exim through syslog", () => {
  const { events } = read(
    "Feb  2 10:00:00 mail exim[3001]: 1vQxYz-000Abc-Q1 <= news@example.com H=app.example.com [192.0.2.5] P=esmtp S=900 id=x1@example.com\n" +
      "Feb  2 10:00:01 mail exim[3002]: 1vQxYz-000Abc-Q1 ** gone@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<gone@example.net>: 550 5.1.1 User unknown\n",
  );
  assert.equal(events.length, 1);
  assert.equal(events[0]!.sender, "news@example.com");
  assert.equal(events[0]!.messageId, "<x1@example.com>");
  assert.equal(events[0]!.source, "log:exim");
});

test("sendmail: Sent, User unknown with the SMTP conversation, Deferred to two recipients, local root", () => {
  const { events, stats } = read(SENDMAIL_LOG);
  assert.equal(stats.bad, 0);
  assert.deepEqual(
    events.map((e) => [e.type, e.recipient, e.sender, e.remoteHost, e.errorCode, e.statusCode]),
    [
      ["delivered", "jane@example.net", "news@example.com", "mx.example.net", null, "2.0.0"],
      ["bounce", "gone@example.net", "news@example.com", "mx.example.net", 550, "5.1.1"],
      ["deferred", "ops@example.org", "alerts@example.com", "mx.example.org", null, "4.0.0"],
      ["deferred", "oncall@example.org", "alerts@example.com", "mx.example.org", null, "4.0.0"],
    ],
  );
  // A local delivery to `root` has no email address: no event.
  const gone = events[1]!;
  assert.equal(gone.source, "log:sendmail");
  assert.equal(gone.response, "550 5.1.1 <gone@example.net>... User unknown");
  assert.equal(gone.command, "RCPT");
  assert.equal(gone.messageId, "<20260202100000.1@example.com>");
  assert.equal(gone.sourceId, "61S9t0Qd012345/gone@example.net/2026-02-02T10:00:01.000Z");
  assert.equal(classifyEvent(gone).diagnosis!.category, "invalid_address");
  assert.equal(events[2]!.response, "Connection timed out with mx.example.org.");
});

test("sendmail without the conversation: the stat= text is the response", () => {
  const { events } = read(
    "Feb  2 10:00:01 mail sm-mta[4102]: 61S9t0Qd099999: to=<gone@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=152301, relay=mx.example.net. [192.0.2.25], dsn=5.1.1, stat=User unknown\n",
  );
  assert.equal(events[0]!.response, "User unknown");
  assert.equal(events[0]!.type, "bounce");
});

test("garbage lines are skipped and counted, never thrown", () => {
  const garbage = [
    "this is not a log line",
    "\u0000\u0001\u0002\xff\xfe binary junk",
    "Feb 31 99:99:99 mail postfix/smtp[1]: 4F3A21C0E1: to=<a@example.com>, status=sent",
    "Xyz  2 10:00:00 mail postfix/smtp[1]: 4F3A21C0E1: to=<a@example.com>, status=sent (ok)",
    "Feb  2 10:00:00 mail postfix/smtp[1]: 4F3A21C0E1: to=<a@example.com>, relay=none, dsn=5.0.0",
    "Feb  2 10:00:00 mail sm-mta[1]: 61S9t0Qd012345: to=<a@example.com>, delay=00:00:01",
    "2026-02-02 10:00:00 1vQxYz-000Abc-Q1 ** ",
    '{"json": true}',
    `Feb  2 10:00:00 mail postfix/smtp[1]: 4F3A21C0E1: to=<${"b".repeat(5000)}`,
  ];
  const { events, stats } = read(`${garbage.join("\n")}\n\n\n`);
  assert.equal(events.length, 0);
  assert.equal(stats.lines, garbage.length, "blank lines are not counted");
  assert.equal(stats.bad, garbage.length);
  // Another program's line in the mail log is understood, not bad.
  const other = read("Feb  2 10:00:00 mail dovecot: imap-login: Login: user=<jane@example.com>\n");
  assert.equal(other.stats.bad, 0);
  assert.equal(other.stats.ignored, 1);
});

test("lines over the length limit are dropped without keeping them", () => {
  const r = new LogReader({ ...utc, maxLineBytes: 1024 });
  r.push("Feb  2 10:00:00 mail postfix/smtp[1]: ");
  for (let i = 0; i < 100; i++) r.push("x".repeat(1000));
  const out = r.push(
    "\nFeb  2 10:00:01 mail postfix/smtp[2]: 4F3A21C0E1: to=<a@example.com>, relay=none, dsn=2.0.0, status=sent (ok)\n",
  );
  assert.equal(out.length, 1);
  assert.equal(r.stats.bad, 1);
});

test("chunks split anywhere, CRLF, and a last line without a newline", () => {
  const text = POSTFIX_LOG.replace(/\n/g, "\r\n").trimEnd();
  const whole = read(text).events;
  const r = new LogReader(utc);
  const parts: DeliveryEvent[] = [];
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += 7) parts.push(...r.push(bytes.subarray(i, i + 7)));
  parts.push(...r.end());
  assert.deepEqual(parts, whole);
  assert.equal(whole.length, 6);
});

test("timestamps: the year option, December into January, RFC 3339 and RFC 5424", () => {
  const line = (ts: string) =>
    `${ts} mail postfix/smtp[1]: 4F3A21C0E1: to=<a@example.com>, relay=none, dsn=5.0.0, status=bounced (x)`;
  const { events } = read(
    [line("Dec 31 23:59:59"), line("Jan  1 00:00:01"), line("2026-02-02T10:00:00.123456+07:00")].join("\n"),
    { year: 2025, timeZone: "utc" },
  );
  assert.deepEqual(
    events.map((e) => e.timestamp),
    ["2025-12-31T23:59:59.000Z", "2026-01-01T00:00:01.000Z", "2026-02-02T03:00:00.123Z"],
  );
  // The default year: this year, or last year when the date would be in the future.
  const now = new Date(Date.UTC(2026, 0, 5));
  const d = read(line("Dec 30 12:00:00"), { now, timeZone: "utc" }).events;
  assert.equal(d[0]!.timestamp, "2025-12-30T12:00:00.000Z");
  const j = read(line("Jan  3 12:00:00"), { now, timeZone: "utc" }).events;
  assert.equal(j[0]!.timestamp, "2026-01-03T12:00:00.000Z");
  // journalctl -o short-iso writes +0700; RFC 5424 has its own header.
  const iso = read(line("2026-02-02T10:00:00+0700")).events;
  assert.equal(iso[0]!.timestamp, "2026-02-02T03:00:00.000Z");
  const r5424 = read(
    "<22>1 2026-02-02T10:00:00.5Z mail postfix/smtp 2103 - - 4F3A21C0E1: to=<a@example.com>, relay=none, dsn=5.0.0, status=bounced (x)\n",
  ).events;
  assert.equal(r5424[0]!.timestamp, "2026-02-02T10:00:00.500Z");
  // Local time when asked for nothing else.
  const local = read(line("Feb  2 10:00:00"), { year: 2026 }).events;
  assert.equal(local[0]!.timestamp, new Date(2026, 1, 2, 10, 0, 0).toISOString());
});

test("timestamps: a month after this one is last year's; 30 February is a bad line", () => {
  const line = (ts: string, id: string) =>
    `${ts} mail postfix/smtp[1]: ${id}: to=<a@example.com>, relay=none, dsn=5.0.0, status=bounced (x)`;
  const now = new Date(Date.UTC(2026, 10, 27));
  const { events } = read(
    [
      line("Dec 30 23:59:58", "4F3A21C0E1"),
      line("Dec 31 23:59:59", "4F3A21C0E2"),
      line("Jan  1 00:00:01", "4F3A21C0E3"),
    ].join("\n"),
    { now, timeZone: "utc" },
  );
  assert.deepEqual(
    events.map((e) => e.timestamp),
    ["2025-12-30T23:59:58.000Z", "2025-12-31T23:59:59.000Z", "2026-01-01T00:00:01.000Z"],
  );
  const bad = read(
    [
      line("Feb 30 10:00:00", "4F3A21C0E4"),
      line("2026-02-31T10:00:00Z", "4F3A21C0E5"),
      "2026-04-31 10:00:00 1vQy08-000Abl-Z0 ** t@example.org: Unrouteable address",
      line("Feb 29 10:00:00", "4F3A21C0E6"),
      line("Feb 28 10:00:00", "4F3A21C0E7"),
    ].join("\n"),
  );
  assert.deepEqual(
    bad.events.map((e) => e.timestamp),
    ["2026-02-28T10:00:00.000Z"],
  );
  assert.equal(bad.stats.bad, 4);
});

test("exim: 'retry time not reached' is no outcome (no delivery was tried)", () => {
  const { events } = read(
    [
      "2026-11-20 10:05:00 1vQxYz-000Abc-Q1 == slow@example.net R=dnslookup T=remote_smtp defer (-1): retry time not reached",
      "2026-11-20 10:06:00 1vQxYz-000Abc-Q1 == slow@example.net routing defer (-51): retry time not reached",
      "2026-11-20 10:07:00 1vQxYz-000Abc-Q1 == slow@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<slow@example.net>: 451 4.7.1 Try again later",
    ].join("\n"),
  );
  assert.deepEqual(
    events.map((e) => [e.type, e.timestamp]),
    [["deferred", "2026-11-20T10:07:00.000Z"]],
  );
});

test("sendmail: a reply to DATA is every recipient's on a line naming several", () => {
  const { events } = read(
    [
      "Nov 20 12:00:02 mail sm-mta[2001]: 5AKC00Qd012345: ... while talking to mx.example.net.:",
      "Nov 20 12:00:02 mail sm-mta[2001]: 5AKC00Qd012345: >>> DATA",
      "Nov 20 12:00:02 mail sm-mta[2001]: 5AKC00Qd012345: <<< 554 5.7.1 Message rejected as spam",
      "Nov 20 12:00:02 mail sm-mta[2001]: 5AKC00Qd012345: to=<a@example.net>,<b@example.net>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=122301, relay=mx.example.net. [192.0.2.25], dsn=5.7.1, stat=Service unavailable",
    ].join("\n"),
  );
  assert.deepEqual(
    events.map((e) => [e.recipient, e.response, classifyEvent(e).diagnosis?.category]),
    [
      ["a@example.net", "554 5.7.1 Message rejected as spam", "sender_reputation"],
      ["b@example.net", "554 5.7.1 Message rejected as spam", "sender_reputation"],
    ],
  );
});

test("formats mixed in one stream are told apart line by line", () => {
  const mixed = [POSTFIX_LOG, EXIM_LOG, SENDMAIL_LOG].join("");
  const { events, stats } = read(mixed);
  assert.equal(stats.bad, 0);
  const bySource = new Map<string, number>();
  for (const e of events) bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(bySource), { "log:postfix": 6, "log:exim": 6, "log:sendmail": 4 });
});

test("a queue id's line with a damaged queue id or address is bad, in every format", () => {
  // The same five Postfix lines as a good message, with the queue id `5RRR` (not hex, too short).
  const postfix = [
    "Feb  2 10:00:00 mail postfix/cleanup[2]: 5RRR: message-id=<x@example.com>",
    "Feb  2 10:00:00 mail postfix/qmgr[3]: 5RRR: from=<news@example.com>, size=1, nrcpt=1 (queue active)",
    "Feb  2 10:00:01 mail postfix/smtp[4]: 5RRR: to=<jane@example.net>, relay=mx.example.net[192.0.2.25]:25, dsn=2.0.0, status=sent (250 ok)",
    "Feb  2 10:00:01 mail postfix/smtp[4]: 5RRR: to=<gone@example.net>, relay=mx.example.net[192.0.2.25]:25, dsn=5.1.1, status=bounced (550 5.1.1 unknown)",
    "Feb  2 10:00:02 mail postfix/qmgr[3]: 5RRR: removed",
  ];
  const p = read(`${postfix.join("\n")}\n`);
  assert.deepEqual([p.stats.lines, p.stats.bad, p.events.length], [5, 5, 0]);

  const bad = [
    // A word without a digit followed by a queue line's field is no queue id either.
    "Feb  2 10:00:01 mail postfix/smtp[4]: nothex: to=<a@example.net>, relay=none, dsn=5.0.0, status=bounced (x)",
    // A valid queue id, an address that is not one.
    "Feb  2 10:00:01 mail postfix/smtp[4]: 4F3A21C0E1: to=<jane doe@example.net>, relay=none, dsn=5.0.0, status=bounced (x)",
    "2026-02-02 10:00:01 1vQxYz-000A ** gone@example.net R=dnslookup T=remote_smtp: 550 5.1.1 unknown",
    "2026-02-02 10:00:01 1vQxYz-000A <= news@example.com H=app.example.com [192.0.2.5] S=1",
    "2026-02-02 10:00:02 1vQxYz Completed",
    "2026-02-02 10:00:01 1vQxYz-000Abc-Q1 ** a@b@example.net R=dnslookup: 550 unknown",
    "Feb  2 10:00:01 mail sm-mta[1]: 5RRR: to=<jane@example.net>, delay=00:00:01, mailer=esmtp, dsn=2.0.0, stat=Sent (ok)",
    "Feb  2 10:00:01 mail sm-mta[1]: 5RRR: <<< 550 5.1.1 <jane@example.net>... User unknown",
    "Feb  2 10:00:01 mail sm-mta[1]: 61S9t0Qd012345: to=<a b@example.net>, mailer=esmtp, dsn=5.1.1, stat=User unknown",
  ];
  const b = read(`${bad.join("\n")}\n`);
  assert.deepEqual([b.stats.lines, b.stats.bad, b.events.length], [bad.length, bad.length, 0]);

  // Lines without a queue id that no delivery hangs on stay ignored, not bad.
  const irrelevant = [
    "Feb  2 10:00:00 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 554 5.7.1 blocked; from=<s@example.biz> to=<j@example.com> proto=ESMTP helo=<x>",
    "Feb  2 10:00:00 mail postfix/smtpd[1]: warning: hostname x.example does not resolve to address 203.0.113.9",
    "Feb  2 10:00:00 mail postfix/anvil[1]: statistics: max connection count 1 for (smtp:192.0.2.5) at Feb  2 10:00:00",
    "Feb  2 10:00:00 mail postfix/smtp[1]: connect to mx.example.net[192.0.2.25]:25: Connection refused",
    "Feb  2 10:00:00 mail sm-mta[1]: NOQUEUE: connect from [203.0.113.9]",
    "Feb  2 10:00:00 mail sm-mta[1]: STARTTLS=client, relay=mx.example.net., version=TLSv1.3, verify=FAIL",
    "Feb  2 10:00:00 mail sm-mta[1]: 61S9t3Qd012348: to=root, delay=00:00:00, mailer=local, pri=30000, dsn=2.0.0, stat=Sent",
    "2026-02-02 10:04:00 Start queue run: pid=4800",
    "2026-02-02 10:04:00 H=(example.biz) [203.0.113.9] F=<spam@example.biz> rejected RCPT <jane@example.com>: relay not permitted",
  ];
  const i = read(`${irrelevant.join("\n")}\n`);
  assert.deepEqual([i.stats.lines, i.stats.bad, i.stats.ignored], [irrelevant.length, 0, irrelevant.length]);
});

test("a sendmail line with one damaged address among good ones is used, not bad", () => {
  const { events, stats } = read(
    "Feb  2 10:00:35 mail sm-mta[1]: 61S9t2Qd012347: to=<ops@example.org>,<o n@example.org>, mailer=esmtp, dsn=4.0.0, stat=Deferred: Connection timed out\n",
  );
  assert.deepEqual(
    events.map((e) => e.recipient),
    ["ops@example.org"],
  );
  assert.equal(stats.bad, 0);
});

test("a hand-off to a content filter or the MTA on loopback is no delivery; the real outcome after it is", () => {
  const lines = [
    // Postfix to amavis on 127.0.0.1:10024; amavis re-injects as 2222222222, which then bounces.
    "Nov 20 10:00:00 mx postfix/qmgr[100]: 1111111111: from=<news@example.com>, size=2000, nrcpt=1 (queue active)",
    "Nov 20 10:00:01 mx postfix/smtp[101]: 1111111111: to=<user@example.net>, relay=127.0.0.1[127.0.0.1]:10024, delay=1.2, delays=0.1/0/0/1.1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 2222222222)",
    "Nov 20 10:00:02 mx postfix/smtp[102]: 2222222222: to=<user@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=1, dsn=5.2.2, status=bounced (host mx.example.net[192.0.2.25] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command))",
    // Sendmail's MSP handing the message to sm-mta, which then bounces it.
    "Nov 20 10:00:00 host sm-msp-queue[500]: 5AKA00Qd000001: to=bob@example.org, ctladdr=alice (1000/1000), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=30300, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (5AKA00Qe000002 Message accepted for delivery)",
    "Nov 20 10:00:01 host sm-mta[502]: 5AKA00Qe000002: to=<bob@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120600, relay=mx.example.org. [192.0.2.7], dsn=5.1.1, stat=User unknown",
    // Exim routing through amavis on loopback.
    '2026-11-20 10:00:03 1vQxYz-000Abc-Q9 => ok9@example.net R=amavis T=amavis_smtp H=127.0.0.1 [127.0.0.1] C="250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 3333333333"',
  ];
  const { events, stats } = read(`${lines.join("\n")}\n`);
  assert.deepEqual(
    events.map((e) => `${e.type} ${e.recipient}`),
    ["bounce user@example.net", "bounce bob@example.org"],
  );
  assert.deepEqual([stats.bad, stats.ignored], [0, 4]);

  // A final delivery over loopback (Dovecot LMTP) is still a delivery, and so is a remote "queued as".
  const kept = read(
    [
      "Nov 20 10:00:04 mx postfix/lmtp[103]: 4444444444: to=<bob@example.org>, relay=127.0.0.1[127.0.0.1]:24, delay=0.1, dsn=2.0.0, status=sent (250 2.0.0 <bob@example.org> hPpFDSqgOl7sBwAAnvmjZg Saved)",
      "Nov 20 10:00:05 mx postfix/smtp[104]: 5555555555: to=<jane@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 6666666666)",
    ].join("\n"),
  );
  assert.deepEqual(
    kept.events.map((e) => e.type),
    ["delivered", "delivered"],
  );
});

test("postfix soft_bounce=yes: status=SOFTBOUNCE is a deferral, with the reply and the 4.x.x dsn", () => {
  const { events, stats } = read(
    "Oct 14 07:34:03 mx postfix/smtp[10837]: 4B6D11E01729: to=<viviane@example.com.br>, relay=mail.example.com.br[192.0.2.4]:25, delay=39993, delays=35133/4859/0.58/0.71, dsn=4.7.1, status=SOFTBOUNCE (host mail.example.com.br[192.0.2.4] said: 501 5.7.1 <k@example.org>... Sender refused by the DNSBL b.barracudacentral.org (in reply to RCPT TO command))\n",
  );
  assert.equal(stats.bad, 0);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.type, "deferred");
  assert.equal(events[0]!.statusCode, "4.7.1");
  assert.equal(events[0]!.errorCode, 501);
  assert.equal(events[0]!.command, "RCPT");
  assert.equal(events[0]!.remoteHost, "mail.example.com.br");
});

test("postfix: a message that expires in the queue bounces each recipient still deferred", () => {
  const lines = [
    "Nov 22 03:49:20 mx postfix/qmgr[22753]: C93CEB08A046: from=<ina@example.com>, size=3000, nrcpt=3 (queue active)",
    "Nov 22 03:49:24 mx postfix/smtp[15816]: C93CEB08A046: to=<Order@Example.org>, relay=none, delay=307136, delays=307106/0.02/30/0, dsn=4.4.1, status=deferred (connect to example.org[192.0.2.19]:25: Connection timed out)",
    "Nov 22 03:49:24 mx postfix/smtp[15816]: C93CEB08A046: to=<late@example.org>, relay=none, delay=307136, dsn=4.4.1, status=deferred (connect to example.org[192.0.2.19]:25: Connection timed out)",
    // Delivered at last: not failed by the expiry.
    "Nov 22 05:00:00 mx postfix/smtp[15817]: C93CEB08A046: to=<late@example.org>, relay=mx.example.org[192.0.2.20]:25, delay=9, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
    "Nov 23 13:39:28 mx postfix/qmgr[22753]: C93CEB08A046: from=<ina@example.com>, status=expired, returned to sender",
    "Nov 23 13:39:28 mx postfix/bounce[19155]: C93CEB08A046: sender non-delivery notification: B1B894562003",
    "Nov 23 13:39:28 mx postfix/qmgr[22753]: C93CEB08A046: removed",
  ];
  const { events, stats, reader } = read(`${lines.join("\n")}\n`);
  assert.equal(stats.bad, 0);
  assert.deepEqual(
    events.map((e) => `${e.type} ${e.recipient}`),
    [
      "deferred Order@Example.org",
      "deferred late@example.org",
      "delivered late@example.org",
      // The recipient as the log wrote it, as its deferral has it.
      "bounce Order@Example.org",
    ],
  );
  const bounce = events[3]!;
  assert.equal(bounce.timestamp, "2026-11-23T13:39:28.000Z");
  assert.equal(bounce.sender, "ina@example.com");
  assert.equal(bounce.statusCode, "4.4.1");
  assert.equal(
    bounce.response,
    "status=expired, returned to sender; last deferral: connect to example.org[192.0.2.19]:25: Connection timed out",
  );
  assert.equal(classifyEvent(bounce).diagnosis!.reason, "recipient_error.expired");
  assert.equal(reader.state.openQueues, 0);
});

test("exim through syslog with its own timestamp (syslog_timestamp, the default): read, at Exim's time", () => {
  const { events, stats, reader } = read(
    [
      // The syslog header says 2026 (the option) and 10:00; Exim's own time has the year and an offset.
      "Nov 20 10:00:00 mail exim[3001]: 2025-11-20 10:00:00 1vQxYz-000Abc-Q9 <= news@example.com H=app.example.com [192.0.2.5] P=esmtp S=900 id=x1@example.com",
      "Nov 20 10:00:01 mail exim[3002]: 2025-11-20 10:00:01 1vQxYz-000Abc-Q9 ** gone9@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<gone9@example.net>: 550 5.1.1 User unknown",
      'Nov 20 10:00:02 mail exim[3002]: 2025-11-20 10:00:02.250 +0100 1vQxYz-000Abc-Q9 => ok9@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.25] C="250 OK"',
      "Nov 20 10:00:02 mail exim[3002]: 2025-11-20 10:00:02 1vQxYz-000Abc-Q9 Completed",
      // Without the inner time, as before.
      "Nov 20 10:00:03 mail exim[3003]: 1vQxYz-000Abc-R1 ** x@example.net R=dnslookup: 550 5.1.1 unknown",
    ].join("\n"),
  );
  assert.deepEqual([stats.bad, stats.ignored, reader.state.openQueues], [0, 2, 0]);
  assert.deepEqual(
    events.map((e) => [e.type, e.recipient, e.timestamp, e.sender, e.messageId]),
    [
      ["bounce", "gone9@example.net", "2025-11-20T10:00:01.000Z", "news@example.com", "<x1@example.com>"],
      ["delivered", "ok9@example.net", "2025-11-20T09:00:02.250Z", "news@example.com", "<x1@example.com>"],
      ["bounce", "x@example.net", "2026-11-20T10:00:03.000Z", null, null],
    ],
  );
  assert.equal(events[0]!.statusCode, "5.1.1");
  assert.equal(events[0]!.source, "log:exim");
});

test("default year: a date ahead of today is last year's, today's date and yesterday's this year's", () => {
  const yearOf = (date: string, now: string) => {
    const state = new LogState({ timeZone: "utc", now: new Date(now) });
    const [e] = parseLogLine(
      `${date} mail postfix/smtp[1]: 4F3A21C0E1: to=<a@example.net>, relay=none, dsn=5.1.1, status=bounced (550 unknown)`,
      state,
    )!;
    return e!.timestamp.slice(0, 4);
  };
  assert.equal(yearOf("Nov 30 10:00:00", "2026-11-27T12:00:00Z"), "2025");
  assert.equal(yearOf("Dec 31 10:00:00", "2027-01-02T12:00:00Z"), "2026");
  assert.equal(yearOf("Nov 27 10:00:00", "2026-11-27T12:00:00Z"), "2026");
  assert.equal(yearOf("Nov 26 23:00:00", "2026-11-27T00:30:00Z"), "2026");
});

test("Postfix: a to= line whose reply was cut short (no closing parenthesis) is still its outcome", () => {
  const cut =
    "Feb  2 10:00:02 mx postfix/smtp[102]: 2222222222: to=<user@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=1, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.25] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try";
  const r = read(cut, utc);
  assert.equal(r.events.length, 1);
  assert.equal(r.events[0]!.type, "bounce");
  assert.equal(r.events[0]!.statusCode, "5.1.1");
  assert.match(
    r.events[0]!.response ?? "",
    /^host mx\.example\.net\[192\.0\.2\.25\] said: 550-5\.1\.1 The email account/,
  );
});
