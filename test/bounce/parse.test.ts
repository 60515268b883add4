import assert from "node:assert/strict";
import { test } from "node:test";
import { BounceError, parseBounce } from "../../src/index.js";
import {
  ARF,
  DELAYED_DSN,
  JAPANESE_ISO2022,
  NOT_BOUNCE,
  POSTFIX_DSN,
  QMAIL_TEXT,
  VACATION,
} from "./fixtures.js";

test("an RFC 3464 report gives every recipient, classified, with the original message", async () => {
  const r = await parseBounce(POSTFIX_DSN);
  assert.equal(r.kind, "bounce");
  assert.equal(r.recipients.length, 2);
  const [a, b] = r.recipients;
  assert.equal(a!.recipient, "jane@example.com");
  assert.equal(a!.action, "failed");
  assert.equal(a!.status, "5.1.1");
  assert.equal(a!.reportingMta, "mx.example.net");
  assert.equal(a!.remoteMta, "mx.example.com");
  assert.equal(a!.diagnosis.category, "invalid_address");
  assert.equal(a!.diagnosis.errorCode, 550);
  assert.equal(a!.diagnosis.statusCode, "5.1.1");
  assert.equal(b!.recipient, "full@example.com");
  assert.equal(b!.diagnosis.category, "inbox_full");
  assert.equal(r.original?.messageId, "<campaign-42@example.org>");
  assert.equal(r.original?.subject, "Halo dunia");
  assert.equal(r.subject, "Undelivered Mail Returned to Sender");
});

test("the same message with CRLF or CR line endings, or as bytes, reads the same", async () => {
  const lf = await parseBounce(POSTFIX_DSN);
  for (const variant of [
    POSTFIX_DSN.replace(/\n/g, "\r\n"),
    POSTFIX_DSN.replace(/\n/g, "\r"),
    Buffer.from(POSTFIX_DSN),
  ]) {
    const r = await parseBounce(variant);
    assert.deepEqual(
      r.recipients.map((x) => [x.recipient, x.diagnosis.category, x.status]),
      lf.recipients.map((x) => [x.recipient, x.diagnosis.category, x.status]),
    );
  }
});

test("a delayed DSN is a delay", async () => {
  const r = await parseBounce(DELAYED_DSN);
  assert.equal(r.kind, "delay");
  assert.equal(r.recipients[0]!.diagnosis.kind, "delay");
  assert.equal(r.recipients[0]!.diagnosis.category, "recipient_error");
});

test("an ARF report is a complaint with its feedback fields", async () => {
  const r = await parseBounce(ARF);
  assert.equal(r.kind, "complaint");
  assert.equal(r.feedback?.feedbackType, "abuse");
  assert.equal(r.feedback?.sourceIp, "192.0.2.25");
  assert.equal(r.feedback?.originalMailFrom, "bounces@example.org");
  assert.deepEqual(
    r.recipients.map((x) => x.recipient),
    ["reader@example.net"],
  );
  assert.equal(r.original?.messageId, "<news-7@example.org>");
});

test("an out-of-office reply is an autoreply, a plain message is not a bounce", async () => {
  const v = await parseBounce(VACATION);
  assert.equal(v.kind, "autoreply");
  assert.equal(v.recipients[0]?.recipient, "jane@example.com");
  const n = await parseBounce(NOT_BOUNCE);
  assert.equal(n.kind, "not_bounce");
  assert.equal(n.recipients.length, 0);
});

test("a text-only bounce is read from its words", async () => {
  const r = await parseBounce(QMAIL_TEXT);
  assert.equal(r.kind, "bounce");
  assert.equal(r.recipients[0]?.recipient, "gone@example.com");
  assert.equal(r.recipients[0]?.diagnosis.category, "invalid_address");
  assert.equal(r.original?.messageId, "<q-1@example.org>");
});

test("charsets real bounces use are decoded", async () => {
  const r = await parseBounce(JAPANESE_ISO2022);
  assert.equal(r.subject, "配信エラー");
  assert.match(r.recipients[0]?.diagnosticText ?? "", /User unknown/);
  assert.equal(r.recipients[0]?.recipient, "taro@example.jp");
});

test("limits: too large is a BounceError; garbage is not a bounce, never a crash", async () => {
  await assert.rejects(parseBounce("x".repeat(2000), { maxBytes: 1000 }), BounceError);
  for (const junk of [
    "",
    "\u0000\u0001",
    "From: x\n\n",
    "Content-Type: multipart/mixed; boundary=\n\n--\n--",
    Buffer.from([0xff, 0xfe, 0x00]),
  ]) {
    const r = await parseBounce(junk);
    assert.equal(r.kind, "not_bounce");
  }
});
