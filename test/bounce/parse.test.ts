import assert from "node:assert/strict";
import { test } from "node:test";
import { addressOf } from "../../src/bounce/dsn.js";
import { utf8OrLatin1 } from "../../src/bounce/mime.js";
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

test("a bounce forwarded as an attachment is read, whatever its transfer encoding", async () => {
  const forward = (encoding: string, body: string) =>
    `From: Help Desk <help@example.org>\nSubject: Fwd: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="F"\n\n--F\nContent-Type: text/plain\n\nSee the bounce attached.\n--F\nContent-Type: message/rfc822\nContent-Transfer-Encoding: ${encoding}\n\n${body}\n--F--\n`;
  const base64 = Buffer.from(POSTFIX_DSN).toString("base64").replace(/.{76}/g, "$&\n");
  for (const [encoding, body] of [
    ["7bit", POSTFIX_DSN],
    ["base64", base64],
  ] as const) {
    const r = await parseBounce(forward(encoding, body));
    assert.equal(r.kind, "bounce", encoding);
    assert.deepEqual(
      r.recipients.map((x) => [x.recipient, x.diagnosis.category]),
      [
        ["jane@example.com", "invalid_address"],
        ["full@example.com", "inbox_full"],
      ],
      encoding,
    );
  }
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

test("a not-spam or auth-failure feedback report is no complaint: nothing to suppress", async () => {
  for (const type of ["not-spam", "auth-failure"]) {
    const r = await parseBounce(ARF.replace("Feedback-Type: abuse", `Feedback-Type: ${type}`));
    assert.equal(r.kind, "not_bounce", type);
    assert.equal(r.decoder, "arf", type);
    assert.equal(r.feedback?.feedbackType, type);
    const [rc] = r.recipients;
    assert.equal(rc?.recipient, "reader@example.net", type);
    assert.equal(rc?.diagnosis.kind, "not_bounce", type);
    // "not-spam" is not read as a spam block.
    assert.equal(rc?.diagnosis.category, "unknown", type);
    assert.equal(rc?.diagnosis.action.type, "none", type);
  }
  for (const type of ["abuse", "fraud", "virus", "other", "some-new-type"]) {
    const r = await parseBounce(ARF.replace("Feedback-Type: abuse", `Feedback-Type: ${type}`));
    assert.equal(r.kind, "complaint", type);
    assert.equal(r.recipients[0]?.diagnosis.kind, "complaint", type);
    assert.equal(r.recipients[0]?.diagnosis.action.type, "suppress", type);
  }
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

test("a text bounce quoting a 2xx reply before the failure is a bounce, read from the failure", async () => {
  const raw = `Return-Path: <>
From: "MDaemon at mail.example.net" <MDaemon@mail.example.net>
To: sender@example.org
Subject: Permanent Delivery Failure
Content-Type: text/plain; charset=us-ascii

The attached message had PERMANENT fatal delivery errors!

--- Session Transcript ---
 Mon 2026-02-02 09:41:31.124: *  To: budi@example.com
 Mon 2026-02-02 09:41:31.500: <-- 220 mx.example.com ESMTP
 Mon 2026-02-02 09:41:31.600: --> MAIL From:<sender@example.org>
 Mon 2026-02-02 09:41:31.700: <-- 250 2.1.0 Ok
 Mon 2026-02-02 09:41:31.800: --> RCPT To:<budi@example.com>
 Mon 2026-02-02 09:41:31.900: <-- 550 5.1.1 <budi@example.com>: Recipient address rejected: User unknown
--- End Transcript ---
`;
  const r = await parseBounce(raw);
  assert.equal(r.kind, "bounce");
  const [rc] = r.recipients;
  assert.equal(rc?.recipient, "budi@example.com");
  assert.equal(rc?.diagnosis.kind, "bounce");
  assert.equal(rc?.diagnosis.errorCode, 550);
  assert.equal(rc?.diagnosis.category, "invalid_address");
  assert.equal(rc?.diagnosis.statusCode, "5.1.1");
  assert.notEqual(rc?.diagnosis.action.type, "none");
  assert.match(rc?.diagnosticText ?? "", /550 5\.1\.1 <budi@example\.com>/);
});

test("a Final-Recipient with a display name, a comment or a mailto: gives the bare address", async () => {
  for (const written of [
    "rfc822; jane@example.com (Jane Doe)",
    'rfc822;"Jane Doe" <jane@example.com>',
    "rfc822; Jane Doe <jane@example.com>",
    "rfc822; <jane@example.com>",
    "rfc822; mailto:jane@example.com",
  ]) {
    const r = await parseBounce(
      POSTFIX_DSN.replace("Final-Recipient: rfc822; jane@example.com", `Final-Recipient: ${written}`),
    );
    assert.equal(r.recipients[0]?.recipient, "jane@example.com", written);
  }
  // A quoted local part keeps its quotes (and what is inside them).
  assert.equal(addressOf('rfc822; "a (b)"@example.com'), '"a (b)"@example.com');
  // RFC 6533: the utf-8 type's \x{HEX} escapes are the characters; other types keep the text.
  assert.equal(addressOf("utf-8; j\\x{FC}rgen@b\\x{FC}cher.example"), "jürgen@bücher.example");
  assert.equal(addressOf("UTF-8; \\x{5B89}\\x{85E4}@example.jp"), "安藤@example.jp");
  assert.equal(addressOf("utf-8; a\\x{D800}@example.com"), "a\\x{D800}@example.com");
  assert.equal(addressOf("rfc822; a\\x{FC}@example.com"), "a\\x{FC}@example.com");
});

test("the text reader leaves out addresses without a failure when others have one", async () => {
  const raw = `Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: bounces@example.org
Subject: Undelivered Mail
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered.

Recipient: bad@example.com
Reason: 550 5.1.1 Mailbox does not exist

If you believe this is an error, contact support@example.net or visit
https://help.example.net.

Original sender: news@example.org
`;
  const r = await parseBounce(raw);
  assert.equal(r.decoder, "text");
  assert.deepEqual(
    r.recipients.map((x) => [x.recipient, x.diagnosis.category]),
    [["bad@example.com", "invalid_address"]],
  );
  // A list of addresses under one reason: each address has the reason (none is left out).
  const list = await parseBounce(`Return-Path: <>
From: MAILER-DAEMON@mx.example.net
To: sender@example.org
Subject: Undeliverable mail
Content-Type: text/plain

Your message could not be delivered to the following recipients:
alice@example.com
bob@example.org
Reason: 550 5.1.1 User unknown
If you need help, write to helpdesk@example.org.
`);
  assert.deepEqual(
    list.recipients.map((x) => [x.recipient, x.diagnosis.category, x.diagnosis.errorCode]),
    [
      ["alice@example.com", "invalid_address", 550],
      ["bob@example.org", "invalid_address", 550],
    ],
  );
});

test("the text reader never gives the returned message's sender as a recipient", async () => {
  // A VERP-addressed bounce: its To is the bounce address, not the sender the text names.
  const head = `Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@relay.example.net>
To: bounces+7f3a@mailer.example.org
Subject: Delivery failure notification
`;
  const cases = [
    `${head}\nA message from news@example.org to alice@example.com was rejected by the\nremote server: 550 5.1.1 User unknown\n`,
    `${head}\nSender: news@example.org\nRecipient: alice@example.com\nReason: 550 5.1.1 User unknown\n`,
    // The returned message's own From, in its headers.
    `${head}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="zz"\n\n--zz\nContent-Type: text/plain\n\nDelivery to alice@example.com failed (news@example.org sent it): 550 5.1.1 User unknown\n\n--zz\nContent-Type: text/rfc822-headers\n\nFrom: News <news@example.org>\nTo: alice@example.com\nSubject: April\n\n--zz--\n`,
  ];
  for (const raw of cases) {
    const r = await parseBounce(raw);
    assert.deepEqual(
      r.recipients.map((x) => [x.recipient, x.diagnosis.category]),
      [["alice@example.com", "invalid_address"]],
      raw,
    );
  }
  // An address after "from" that is not the sender stays a recipient.
  const kept: [string, string[]][] = [
    ["Reply from alice@example.org's server: 550 5.1.1 User unknown\n", ["alice@example.org"]],
    ["Your message bounced from dave@example.org: 550 5.2.2 Mailbox full\n", ["dave@example.org"]],
    [
      "bob@example.org: 550 5.1.1 User unknown (generated from alice@example.org)\n",
      ["bob@example.org", "alice@example.org"],
    ],
  ];
  for (const [body, want] of kept) {
    const r = await parseBounce(`${head}\n${body}`);
    assert.deepEqual(
      r.recipients.map((x) => x.recipient),
      want,
      body,
    );
  }
});

test("the text reader finds a reason given a paragraph after the address", async () => {
  // MessageLabs without a DSN part: the address alone, a blank line, then the reason.
  const plain = `Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mail.example.net>
To: <alerts@example.org>
Subject: Mail Delivery Failure
Content-Type: text/plain; charset=us-ascii

I was unable to deliver your message to the following addresses:

r.gomez@example.com

Reason: 550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table

The message subject was: Renewal notice
`;
  const r = await parseBounce(plain);
  assert.equal(r.kind, "bounce");
  assert.equal(r.decoder, "text");
  assert.deepEqual(
    r.recipients.map((x) => [x.recipient, x.diagnosis.reason, x.diagnosis.errorCode, x.diagnosis.statusCode]),
    [["r.gomez@example.com", "invalid_address.user_unknown", 550, "5.1.1"]],
  );
  assert.equal(r.recipients[0]!.diagnosis.permanence, "hard");
  assert.equal(r.recipients[0]!.diagnosis.action.type, "suppress");
  // The same through a VERP address (the SMTP endpoint): not an unknown to retry.
  const verp = await parseBounce(plain, { recipient: "r.gomez@example.com" });
  assert.equal(verp.recipients[0]!.diagnosis.reason, "invalid_address.user_unknown");
  assert.equal(verp.recipients[0]!.diagnosis.action.type, "suppress");
  // An HTML table whose Recipient: and Reason: rows come out as paragraphs of their own.
  const html = await parseBounce(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: shop@example.org
Subject: Delivery failure notification
Content-Type: text/html; charset=utf-8

<html><body><h2>Your message could not be delivered</h2><table>
<tr><td>Recipient:</td><td>lost@example.com</td></tr>
<tr><td>Reason:</td><td>550 5.1.1 User unknown</td></tr>
</table><p>Please check the address.</p></body></html>
`);
  assert.deepEqual(
    html.recipients.map((x) => [x.recipient, x.diagnosis.category, x.diagnosis.errorCode]),
    [["lost@example.com", "invalid_address", 550]],
  );
  // Still no bounce when no paragraph says why, nor from a paragraph that names another address.
  const none = await parseBounce(`Return-Path: <>
From: MAILER-DAEMON@mx.example.net
To: sender@example.org
Subject: Your request
Content-Type: text/plain

Your request about carol@example.com was received.

We will get back to you soon.
`);
  assert.equal(none.kind, "not_bounce");
  const other = await parseBounce(`Return-Path: <>
From: MAILER-DAEMON@mx.example.net
To: sender@example.org
Subject: Delivery report
Content-Type: text/plain

Delivered to carol@example.com.

dave@example.com was not delivered: 550 5.1.1 User unknown
`);
  assert.deepEqual(
    other.recipients.map((x) => x.recipient),
    ["dave@example.com"],
  );
});

test("an Exchange NDR gives the original message from its 'Original message headers:'", async () => {
  const ndr = (marker: string) => `From: Microsoft Outlook <MicrosoftExchange0123@example.com>
To: sender@example.org
Subject: Undeliverable: Quarterly figures
X-MS-Exchange-Message-Is-Ndr:
Content-Type: text/plain; charset=utf-8

Delivery has failed to these recipients or groups:

gone@example.com
The email address you entered couldn't be found.

Diagnostic information for administrators:

Generating server: EXCH01.example.local

gone@example.com
#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##

${marker}

Received: from EXCH01.example.local ([10.0.0.5]) by EXCH01.example.local
 ([10.0.0.5]) with mapi id 14.03.0123.003; Tue, 5 Mar 2024 10:11:58 +0100
From: Sender <sender@example.org>
To: <gone@example.com>
Subject: Quarterly figures
Date: Tue, 5 Mar 2024 10:11:57 +0100
Message-ID: <q-2024@EXCH01.example.local>
`;
  for (const marker of ["Original message headers:", "En-têtes de message d'origine :"]) {
    const r = await parseBounce(ndr(marker));
    assert.equal(r.kind, "bounce");
    assert.deepEqual(r.original, {
      messageId: "<q-2024@EXCH01.example.local>",
      subject: "Quarterly figures",
      from: "Sender <sender@example.org>",
      to: "<gone@example.com>",
      date: "Tue, 5 Mar 2024 10:11:57 +0100",
    });
  }
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

test("a complaint's action is to stop mailing the address; an auto-reply's and a delivery's, none", async () => {
  const complaint = (await parseBounce(ARF)).recipients[0]!.diagnosis;
  assert.equal(complaint.kind, "complaint");
  assert.deepEqual(complaint.action, { type: "suppress", retryAfterSeconds: null, retryAfterSource: null });
  assert.equal(complaint.permanence, "hard");
  const vacation = (await parseBounce(VACATION)).recipients[0]!.diagnosis;
  assert.equal(vacation.kind, "autoreply");
  assert.deepEqual(vacation.action, { type: "none", retryAfterSeconds: null, retryAfterSource: null });
  // Relayed onwards: whatever the diagnostic text says, the message went on.
  const relayed = await parseBounce(POSTFIX_DSN.replace("Action: failed\nStatus: 5.1.1", "Action: relayed"));
  assert.equal(relayed.recipients[0]!.diagnosis.kind, "delivered");
  assert.equal(relayed.recipients[0]!.diagnosis.action.type, "none");
});

/** A report on `n` recipients, each with its own reply: slow to classify, not to read. */
function manyRecipients(n: number): string {
  const blocks = Array.from(
    { length: n },
    (_, i) =>
      `Final-Recipient: rfc822; user${i}@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <user${i}@example.com>: Recipient address rejected: User unknown (${i})\n`,
  );
  return `From: MAILER-DAEMON@mx.example.net
To: sender@example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Delivery failed.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

${blocks.join("\n")}
--B--
`;
}

test("a bounce naming more than 1,000 recipients is refused whole (a forgery would suppress them all)", async () => {
  assert.equal((await parseBounce(manyRecipients(1000))).recipients.length, 1000);
  await assert.rejects(parseBounce(manyRecipients(1001)), (e: unknown) => {
    assert.ok(e instanceof BounceError);
    assert.equal(e.limit, "recipients");
    assert.match(e.message, /names 1001 recipients, over the limit of 1000/);
    return true;
  });
  // Recipients a decoder reads from the text, not the delivery-status part, count the same.
  const paragraphs = Array.from(
    { length: 1001 },
    (_, i) => `<p${i}@example.com>: host mx said: 550 5.1.1 unknown\n`,
  );
  const postfix = `From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n\nThis is the mail system at host mx.example.net.\n\n${paragraphs.join("\n")}`;
  await assert.rejects(
    parseBounce(postfix),
    (e: unknown) => e instanceof BounceError && e.limit === "recipients",
  );
});

test("a search per recipient inside a decoder stops at the time budget too", async () => {
  // 1,000 recipients the 4 MB text never names: the Mail.ru decoder searches all of it for each
  // one's paragraph, within one step of the decoding.
  const blocks = Array.from(
    { length: 1000 },
    (_, i) => `Final-Recipient: rfc822; d${i}@example.com\nAction: failed\nStatus: 5.1.1\n`,
  );
  const raw = `From: mailer-daemon@corp.mail.ru\nSubject: Mail failure.\nContent-Type: multipart/report; boundary=B\n\n--B\n\n${"lorem ipsum ".repeat(350_000)}\n--B\nContent-Type: message/delivery-status\n\n${blocks.join("\n")}\n--B--\n`;
  let t0 = performance.now();
  await parseBounce(raw, { timeoutMs: 600_000 });
  const fullMs = performance.now() - t0;
  t0 = performance.now();
  // Past reading the MIME, well before the searches end (without the check inside them, about 3/4
  // of the whole time goes by before the next check between steps).
  await assert.rejects(
    parseBounce(raw, { timeoutMs: 100 }),
    (e: unknown) => e instanceof BounceError && e.limit === "time",
  );
  assert.ok(
    performance.now() - t0 < fullMs / 2,
    `${performance.now() - t0} ms, the whole message ${fullMs} ms`,
  );
});

test("the time budget: over it, a BounceError, checked between decoders and recipients", async () => {
  const raw = manyRecipients(1000);
  let t0 = performance.now();
  const full = await parseBounce(raw);
  const fullMs = performance.now() - t0;
  assert.equal(full.recipients.length, 1000);
  t0 = performance.now();
  await assert.rejects(parseBounce(raw, { timeoutMs: 1 }), (e: unknown) => {
    assert.ok(e instanceof BounceError);
    assert.match(e.message, /time budget of 1 ms/);
    assert.equal(e.limit, "time");
    return true;
  });
  // It stopped on the way, not after classifying every recipient.
  assert.ok(performance.now() - t0 < fullMs, `${performance.now() - t0} ms, the whole message ${fullMs} ms`);
});

test("Latin-1 bytes where UTF-8 was assumed are read as Latin-1, not lost to U+FFFD", async () => {
  const dsn = POSTFIX_DSN.replace(
    "Final-Recipient: rfc822; jane@example.com",
    "Final-Recipient: rfc822; m\u00fcller@example.de",
  );
  const report = await parseBounce(Buffer.from(dsn, "latin1"));
  assert.equal(report.recipients[0]?.recipient, "m\u00fcller@example.de");
  // The same address written in UTF-8 reads the same.
  const utf8 = await parseBounce(Buffer.from(dsn, "utf8"));
  assert.equal(utf8.recipients[0]?.recipient, "m\u00fcller@example.de");
  // One stray byte in UTF-8 text: only that byte is read as Latin-1, the rest stays UTF-8.
  const mixed = Buffer.concat([
    Buffer.from("550 Das Postfach des Empf\u00e4ngers ist voll. "),
    Buffer.from([0xdf]),
    Buffer.from(" (m\u00fcller)"),
  ]);
  assert.equal(utf8OrLatin1(mixed), "550 Das Postfach des Empf\u00e4ngers ist voll. \u00df (m\u00fcller)");
});

test("a plain-text Sendmail bounce gives the original message quoted after its transcript", async () => {
  const raw = `Return-Path: <MAILER-DAEMON>
From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>
To: sender@example.org
Subject: Returned mail: User unknown

   ----- The following addresses had permanent fatal errors -----
<ghost@example.com>

   ----- Transcript of session follows -----
... while talking to mx.example.com.:
>>> RCPT To:<ghost@example.com>
<<< 550 5.1.1 <ghost@example.com>... User unknown

   ----- Original message follows -----

From: sender@example.org
To: ghost@example.com
Subject: hi
Message-Id: <o1@example.org>

x
`;
  const r = await parseBounce(raw);
  assert.equal(r.recipients[0]?.recipient, "ghost@example.com");
  assert.equal(r.original?.messageId, "<o1@example.org>");
  assert.equal(r.original?.subject, "hi");
});

test('Google\'s "Message not delivered" notice without a returned message names its recipient in a sentence', async () => {
  const raw = `Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: staff@example.org
Subject: Delivery Status Notification (Failure)
Content-Type: text/plain; charset=UTF-8

** Message not delivered **

There was a problem delivering your message to client@example.com. See the technical details below.

The response from the remote server was:
550 5.7.1 Message rejected: Sender IP 203.0.113.9 is listed on Spamhaus ZEN
`;
  const r = await parseBounce(raw);
  assert.equal(r.decoder, "googleworkspace");
  assert.deepEqual(
    r.recipients.map((x) => [x.recipient, x.action, x.diagnosis.errorCode]),
    [["client@example.com", "failed", 550]],
  );
  assert.equal(r.recipients[0]?.diagnosis.category, "blocked");
});

test("words after an address that are no reason paragraph do not make a bounce of an ordinary message", async () => {
  const messages = [
    `From: Builds <noreply@ci.example>
To: me@example.org
Subject: [acme/app] Build failing on main
Content-Type: text/plain

carol@example.net pushed 2 commits to main.

The workflow run failed: the mailbox service returned 550 5.1.1 user unknown during the integration test.
`,
    `From: Shop <no-reply@shop.example>
To: me@example.org
Subject: Your weekly newsletter
Content-Type: text/plain

Contact our team: sales@shop.example

Tip of the week: if your mailbox is full, messages to you are rejected. Clean it up!
`,
  ];
  for (const raw of messages) {
    const r = await parseBounce(raw);
    assert.equal(r.kind, "not_bounce", raw.split("\n")[2]);
    assert.equal(r.recipients.length, 0);
  }
});

test("parseBounce() from JavaScript: a message or option of the wrong type is a plain TypeError or RangeError", async () => {
  await assert.rejects(parseBounce(null as unknown as string), /the message must be a string or bytes/);
  await assert.rejects(
    parseBounce("x", { recipient: 5 as unknown as string }),
    /options.recipient must be a string/,
  );
  for (const maxBytes of [Number.NaN, 0, -1])
    await assert.rejects(parseBounce("x", { maxBytes }), RangeError);
  await assert.rejects(parseBounce("x", { timeoutMs: Number.NaN }), RangeError);
});

test("an unindented URL line inside a Diagnostic-Code continues it, not a field of its own", async () => {
  const raw = POSTFIX_DSN.replace(
    /Diagnostic-Code: [^\n]*/,
    "Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org, see\nhttps://www.spamhaus.org/query/ip/192.0.2.1",
  );
  const r = await parseBounce(raw);
  assert.match(r.recipients[0]!.diagnosticText, /see https:\/\/www\.spamhaus\.org\/query\/ip\/192\.0\.2\.1/);
  assert.equal(r.recipients[0]!.diagnosis.category, "blocked");
});
