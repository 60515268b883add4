import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBounce } from "../../../src/index.js";

// Small synthetic messages in the shape of each format (written for these tests).

const POSTFIX_MIME = `Return-Path: <>
From: MAILER-DAEMON@mx.sender.test (Mail Delivery System)
To: alice@sender.test
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1/mx.sender.test"

--B1/mx.sender.test
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.sender.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<bob@dest.test>: host mx.dest.test[192.0.2.10] said: 550 5.1.1 <bob@dest.test>:
    Recipient address rejected: User unknown in local recipient table (in reply
    to RCPT TO command)

<carol@dest.test>: host mx.dest.test[192.0.2.10] said: 552 5.2.2 <carol@dest.test>:
    Mailbox full (in reply to RCPT TO command)

--B1/mx.sender.test
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.sender.test
X-Postfix-Queue-ID: 1234ABCD
Arrival-Date: Mon, 1 Jan 2024 00:00:00 +0000 (UTC)

Final-Recipient: rfc822; bob@dest.test
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.dest.test
Diagnostic-Code: smtp; 550 5.1.1 <bob@dest.test>: Recipient address rejected:
    User unknown in local recipient table
Final-Recipient: rfc822; carol@dest.test
Action: failed
Status: 5.2.2
Remote-MTA: dns; mx.dest.test
Diagnostic-Code: smtp; 552 5.2.2 <carol@dest.test>: Mailbox full

--B1/mx.sender.test
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: alice@sender.test
To: bob@dest.test, carol@dest.test
Subject: hello
Message-ID: <m1@sender.test>

--B1/mx.sender.test--
`;

test("postfix: DSN records in order, blocks without empty lines between them", async () => {
  const r = await parseBounce(POSTFIX_MIME);
  assert.equal(r.decoder, "postfix");
  assert.equal(r.kind, "bounce");
  assert.deepEqual(
    r.recipients.map((x) => [x.recipient, x.diagnosis.category, x.diagnosis.statusCode]),
    [
      ["bob@dest.test", "invalid_address", "5.1.1"],
      ["carol@dest.test", "inbox_full", "5.2.2"],
    ],
  );
});

const POSTFIX_TEXT = `From: MAILER-DAEMON@relay.sender.test (Mail Delivery System)
To: alice@sender.test
Subject: Delayed Mail (still being retried)
Content-Type: text/plain; charset=us-ascii

This is the mail system at host relay.sender.test.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

                   The mail system

<dave@far.test>: connect to mx.far.test[198.51.100.7]:25: Connection timed out

Reporting-MTA: dns; relay.sender.test
X-Postfix-Queue-ID: 77AA
Arrival-Date: Mon, 1 Jan 2024 00:00:00 +0000 (UTC)

Final-Recipient: rfc822; dave@far.test
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.far.test[198.51.100.7]:25: Connection
    timed out

Return-Path: <alice@sender.test>
From: alice@sender.test
To: dave@far.test
Subject: hi
`;

test("postfix: a report that reached us as plain text is read from its DSN fields", async () => {
  const r = await parseBounce(POSTFIX_TEXT);
  assert.equal(r.decoder, "postfix");
  assert.equal(r.recipients.length, 1);
  assert.equal(r.recipients[0]!.recipient, "dave@far.test");
  assert.equal(r.recipients[0]!.action, "delayed");
  assert.equal(r.recipients[0]!.diagnosis.category, "recipient_error");
  assert.equal(r.recipients[0]!.diagnosis.statusCode, "4.4.1");
});

const POSTFIX_TRANSCRIPT = `From: MAILER-DAEMON@mx.sender.test (Mail Delivery System)
To: postmaster@mx.sender.test (Postmaster)
Subject: Postfix SMTP server: errors from localhost[127.0.0.1]

Transcript of session follows.

 Out: 220 mx.sender.test ESMTP
 In:  EHLO client.test
 Out: 250 mx.sender.test
 In:  MAIL FROM:<alice@sender.test>
 Out: 250 2.1.0 Ok
 In:  RCPT TO:<erin@dest.test>
 Out: 250 2.1.5 Ok
 In:  DATA
 Out: 354 End data with <CR><LF>.<CR><LF>
 Out: 451 4.3.0 Error: queue file write error
 In:  QUIT
 Out: 221 2.0.0 Bye
`;

test("postfix: the SMTP server's error transcript names the recipient and the error", async () => {
  const r = await parseBounce(POSTFIX_TRANSCRIPT);
  assert.equal(r.decoder, "postfix");
  assert.equal(r.recipients[0]!.recipient, "erin@dest.test");
  assert.equal(r.recipients[0]!.diagnosis.statusCode, "4.3.0");
  assert.equal(r.recipients[0]!.diagnosis.errorCode, 451);
  assert.equal(r.recipients[0]!.diagnosis.category, "recipient_error");
});

const QMAIL = `Return-Path: <>
From: MAILER-DAEMON@mail.sender.test
To: frank@dest.test
Subject: failure notice

Hi. This is the qmail-send program at mail.sender.test.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<frank@dest.test>:
192.0.2.33 does not like recipient.
Remote host said: 552 5.2.2 Mailbox quota exceeded
Giving up on 192.0.2.33.

<grace@dest.test>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Return-Path: <frank@dest.test>
From: frank@dest.test
Subject: hi
`;

test("qmail: one block per recipient, the remote reply or qmail's own status", async () => {
  const r = await parseBounce(QMAIL);
  assert.equal(r.decoder, "qmail");
  assert.deepEqual(
    r.recipients.map((x) => [x.recipient, x.diagnosis.category, x.diagnosis.statusCode]),
    [
      // The failed recipient may be the bounce's own To: (a forwarded mailbox).
      ["frank@dest.test", "inbox_full", "5.2.2"],
      ["grace@dest.test", "invalid_address", "5.1.1"],
    ],
  );
  assert.equal(r.recipients[0]!.diagnosticText, "552 5.2.2 Mailbox quota exceeded");
});

const OPENSMTPD = `From: Mailer Daemon <MAILER-DAEMON@smtpd.sender.test>
To: alice@sender.test
Subject: Delivery status notification: failed
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="77/smtpd.sender.test"

--77/smtpd.sender.test
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

    Hi!

    This is the MAILER-DAEMON, please DO NOT REPLY to this email.

    An error has occurred while attempting to deliver a message for
    the following list of recipients:

heidi@dest.test: 550 5.1.1 <heidi@dest.test>: Recipient address rejected: User unknown
ivan@dest.test: 552 5.2.2 <ivan@dest.test>: Recipient address rejected: Mailbox full

    Below is a copy of the original message:

--77/smtpd.sender.test
Content-Description: Delivery Report
Content-Type: message/delivery-status

Reporting-MTA: dns; smtpd.sender.test

Final-Recipient: rfc822; heidi@dest.test
Action: failed
Status: 5.0.0

Final-Recipient: rfc822; ivan@dest.test
Action: failed
Status: 5.0.0

--77/smtpd.sender.test--
`;

test("opensmtpd: each recipient's line replaces the DSN's placeholder status", async () => {
  const r = await parseBounce(OPENSMTPD.replace(/\n/g, "\r\n"));
  assert.equal(r.decoder, "opensmtpd");
  assert.deepEqual(
    r.recipients.map((x) => [x.recipient, x.diagnosis.category, x.diagnosis.statusCode]),
    [
      ["heidi@dest.test", "invalid_address", "5.1.1"],
      ["ivan@dest.test", "inbox_full", "5.2.2"],
    ],
  );
});

const ARF_UNDISCLOSED = `From: <abuse-desk@isp.test>
To: <abuse@sender.test>
Subject: FW: spam
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="arf1"

--arf1
Content-Type: text/plain

This is an email abuse report for an email message received from IP 192.0.2.2.

--arf1
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: Test-ARF/1.0
Version: 1

--arf1
Content-Type: message/rfc822

From: <news@sender.test>
To: <Undisclosed Recipients>
Subject: offer
Message-ID: <o1@sender.test>

hello
--arf1--
`;

test("arf: a complaint that names no recipient gets the undisclosed placeholder", async () => {
  const r = await parseBounce(ARF_UNDISCLOSED);
  assert.equal(r.kind, "complaint");
  assert.equal(r.recipients[0]!.recipient, "undisclosed-recipient-in-headers@libsisimai.org.invalid");
  assert.equal(r.recipients[0]!.diagnosis.statusCode, null);
});

const JMRP = `From: staff@hotmail.com
To: fbl@sender.test
Subject: complaint about message from 192.0.2.77
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="jm1"

--jm1
Content-Type: message/rfc822
Content-Disposition: inline

X-HmXmrOriginalRecipient: <judy@hotmail.test>
X-SID-PRA: news@sender.test
From: News <news@sender.test>
To: judy@hotmail.test
Subject: offer
Message-ID: <j1@sender.test>

hello
--jm1--
`;

test("arf: Microsoft JMRP complaints name the complaining user", async () => {
  const r = await parseBounce(JMRP);
  assert.equal(r.kind, "complaint");
  assert.equal(r.feedback?.sourceIp, "192.0.2.77");
  assert.equal(r.recipients[0]!.recipient, "judy@hotmail.test");
  assert.equal(r.recipients[0]!.diagnosis.statusCode, null);
  // A customer's own mail from Outlook.com titled so is no report.
  const customer = await parseBounce(`From: Maria Lopez <maria.lopez@outlook.com>
To: support@shop.example
Subject: Complaint about message from your sales team

Hello, your sales team sent me three messages yesterday.
To: maria.lopez@outlook.com
`);
  assert.equal(customer.kind, "not_bounce");
  assert.deepEqual(customer.recipients, []);
});

const SES_COMPLAINT = `From: AWS Notifications <no-reply@sns.amazonaws.com>
To: ops@sender.test
Subject: AWS Notification Message
Content-Type: text/plain; charset=UTF-8

{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"kim@dest.test"}],"timestamp":"2024-01-01T00:00:00.000Z","complaintFeedbackType":"abuse"},"mail":{"source":"news@sender.test","destination":["kim@dest.test"]}}

--
If you wish to stop receiving notifications from this topic, please visit the link.
`;

test("arf: Amazon SES complaint notifications are complaints", async () => {
  const r = await parseBounce(SES_COMPLAINT);
  assert.equal(r.kind, "complaint");
  assert.equal(r.recipients[0]!.recipient, "kim@dest.test");
  assert.equal(r.recipients[0]!.diagnosis.statusCode, null);
});

const APPLE_UNSUBSCRIBE = `From: leo@icloud.test
To: opt-out-123@sender.test
Subject: unsubscribe
Auto-Submitted: auto-replied
X-Apple-Unsubscribe: true
Content-Type: text/plain; charset=UTF-8

Apple Mail sent this email to unsubscribe from the message "offer".
`;

test("arf: Apple Mail's unsubscribe request is a complaint by its sender", async () => {
  const r = await parseBounce(APPLE_UNSUBSCRIBE);
  assert.equal(r.kind, "complaint");
  assert.equal(r.feedback?.feedbackType, "unsubscribe");
  assert.equal(r.recipients[0]!.recipient, "leo@icloud.test");
  assert.equal(r.recipients[0]!.diagnosis.statusCode, null);
});

const RELAY_BANNER = `From: MAILER-DAEMON@mx.sender.test (Mail Delivery System)
To: alice@sender.test
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B2"

--B2
Content-Type: text/plain

This is the mail system at host mx.sender.test.

--B2
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.sender.test

Final-Recipient: rfc822; mia@dest.test
Action: failed
Status: 4.5.0
Diagnostic-Code: smtp; 220-mx.dest.test 550 5.7.1 Service refused, please try later

--B2--
`;

test("dsn: a failure's greeting banner and a contradicting 4.x.x Status give way to the reply", async () => {
  const r = await parseBounce(RELAY_BANNER);
  assert.equal(r.kind, "bounce");
  assert.equal(r.recipients[0]!.recipient, "mia@dest.test");
  assert.equal(r.recipients[0]!.diagnosis.errorCode, 550);
  assert.equal(r.recipients[0]!.diagnosis.statusCode, "5.7.1");
  assert.notEqual(r.recipients[0]!.diagnosis.category, "unknown");
});

const AUTO_REPLIED_BOUNCE = `Return-Path: <>
From: postmaster@dest.test
To: alice@sender.test
Subject: email bounce notification
Auto-Submitted: auto-replied
Content-Type: text/plain

Your message was rejected.

reject reason: Mailbox full
target mail address: nina@dest.test
`;

test("autoreply: an auto-replied notice from postmaster about a bounce is no vacation reply", async () => {
  const r = await parseBounce(AUTO_REPLIED_BOUNCE);
  assert.notEqual(r.kind, "autoreply");
});
