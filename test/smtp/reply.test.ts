import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeCommand, normalizeReplyText, normalizeStatus, parseReply } from "../../src/smtp/reply.js";

const cases: Array<[string, number | null, string | null, string | null, string | null]> = [
  // text, errorCode, statusCode, command, remoteHost
  ["550 5.1.1 <a@b.com>: Recipient address rejected: User unknown", 550, "5.1.1", null, null],
  [
    "550-5.7.26 This mail has been blocked\n550-5.7.26 because the sender is unauthenticated.\n550 5.7.26 Gmail requires all senders",
    550,
    "5.7.26",
    null,
    null,
  ],
  [
    "550 5.7.509 Access denied, sending domain [EXAMPLE.COM] does not pass DMARC verification",
    550,
    "5.7.509",
    null,
    null,
  ],
  ["550 5.4.316 Message expired, connection refused(Socket error code 10061)", 550, "5.4.316", null, null],
  [
    "host mx.example.com[192.0.2.1] said: 550 5.1.1 <x@example.com>: User unknown (in reply to RCPT TO command)",
    550,
    "5.1.1",
    "RCPT",
    "mx.example.com",
  ],
  ["smtp; 550 5.2.2 Mailbox full", 550, "5.2.2", null, null],
  // Exim, when the server took the commands pipelined.
  [
    "SMTP error from remote mail server after pipelined MAIL FROM:<a@example.org> SIZE=1234: 550 5.1.8 sender rejected",
    550,
    "5.1.8",
    "MAIL",
    null,
  ],
  // A session transcript: the failure, not the success before it.
  ["<-- 250 2.1.0 Ok --> RCPT TO:<a@example.org> <-- 550 5.1.1 User unknown", 550, "5.1.1", null, null],
  [
    "SMTP error from remote mail server after RCPT TO:<x@example.org>: host mx.example.org [192.0.2.2]: 550 5.1.1 No such user",
    550,
    "5.1.1",
    "RCPT",
    "mx.example.org",
  ],
  [
    "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
    550,
    "5.1.10",
    null,
    null,
  ],
  ["#550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large ##", 550, "5.2.3", null, null],
  ["x@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.2 Mailbox Full", 550, "5.2.2", null, null],
  [
    "host mx.example.net[192.0.2.3] said: 554 5.7.1 Spam detected (in reply to end of DATA command)",
    554,
    "5.7.1",
    "DATA",
    "mx.example.net",
  ],
  [
    "mx.example.org [192.0.2.4] did not like our RCPT TO:550 5.7.26 Multiple authentication checks failed",
    550,
    "5.7.26",
    "RCPT",
    "mx.example.org",
  ],
  [
    "SMTP error from remote mail server after initial connection: 554 No PTR record",
    554,
    null,
    "CONNECT",
    null,
  ],
  ["connect to mx.example.com[192.0.2.5]:25: Connection timed out", null, null, null, "mx.example.com"],
  [
    "host mx.example.net[192.0.2.6] refused to talk to me: 554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked",
    554,
    "5.7.1",
    "CONNECT",
    "mx.example.net",
  ],
  ["421 4.7.0 Try again later, closing connection. (EHLO)", 421, "4.7.0", null, null],
  ["Sorry, I couldn't find any host named example.invalid. (#5.1.2)", null, "5.1.2", null, null],
  // A reply code found by what MTAs write before one, without a status beside it.
  ["The remote server said: 552 message too large", 552, null, null, null],
  ['Delivery failed, server Returned  "421 too busy"', 421, null, null, null],
  ["Final reply: 554 denied.", 554, null, null, null],
  ["lookup error_code : 550, no such user", 550, null, null, null],
  ["delivery (smtp;550 rejected)", 550, null, null, null],
  ["Remote error: 451 later", 451, null, null, null],
  // The code so marked wins over a bare number before it.
  ["attempt 550 of the day; server said: 421 busy", 421, null, null, null],
  ["relay 552 attempts (421 busy)", 421, null, null, null],
  // A colon after a word is no such mark; the code is read loosely instead ("Status: 550" is one).
  ["Status: 550 no mailbox", 550, null, null, null],
  // Not a code: inside a longer number, or followed by a digit after its period.
  ["queue id #25012345 held", null, null, null, null],
  ["ticket #550.5 opened", null, null, null, null],
];

for (const [text, code, status, command, host] of cases) {
  test(`parses ${JSON.stringify(text.slice(0, 50))}`, () => {
    const r = parseReply(text);
    assert.equal(r.errorCode, code, "errorCode");
    assert.equal(r.statusCode, status, "statusCode");
    assert.equal(r.command, command, "command");
    assert.equal(r.remoteHost, host, "remoteHost");
  });
}

test("an IPv4 address is not an enhanced status code", () => {
  assert.equal(parseReply("554 rejected, your IP 5.1.1.9 is listed").statusCode, null);
});

test("continuation lines are joined without their repeated prefixes", () => {
  const t = normalizeReplyText("550-5.7.1 first line\r\n550-5.7.1 second line\r\n550 5.7.1 last line");
  assert.equal(t, "550 5.7.1 first line second line last line");
  assert.equal(normalizeReplyText("550-5.7.1 a 550-5.7.1 b 550 5.7.1 c"), "550 5.7.1 a b c");
});

test("whitespace is collapsed", () => {
  assert.equal(normalizeReplyText("  550\t5.1.1   user\n unknown "), "550 5.1.1 user unknown");
});

test("normalizeStatus keeps canonical codes and repairs the others", () => {
  for (const s of ["2.0.0", "4.7.0", "5.1.1", "5.7.509", "4.4.316", "5.10.100"])
    assert.equal(normalizeStatus(s), s);
  assert.equal(normalizeStatus(" 5.1.1 "), "5.1.1");
  assert.equal(normalizeStatus("5.01.001"), "5.1.1");
  assert.equal(normalizeStatus("5.1.0010"), null);
  for (const s of ["", "5.1", "3.1.1", "5..1", "5.1.", "a.b.c", "5.1.1.1", "55.1.1"])
    assert.equal(normalizeStatus(s), null);
});

test("normalizeCommand reads the names callers give", () => {
  for (const [given, want] of [
    ["RCPT", "RCPT"],
    ["rcpt to", "RCPT"],
    ["EHLO", "HELO"],
    [" end of data ", "DATA"],
    ["QUIT", null],
    ["", null],
  ] as const) {
    assert.equal(normalizeCommand(given), want);
  }
});
