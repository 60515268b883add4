// Small bounce emails written for the tests, in the shapes real MTAs use (not copied from any corpus).

export const POSTFIX_DSN = `Return-Path: <>
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: sender@example.org
Date: Mon, 2 Feb 2026 10:00:00 +0000
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY-1"

--BOUNDARY-1
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.

<jane@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1
    <jane@example.com>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

<full@example.com>: host mx.example.com[192.0.2.10] said: 552 5.2.2 Mailbox
    full (in reply to RCPT TO command)

--BOUNDARY-1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 4F1A2B3C4D
Arrival-Date: Mon,  2 Feb 2026 09:59:58 +0000

Final-Recipient: rfc822; jane@example.com
Original-Recipient: rfc822;jane@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.1.1 <jane@example.com>: Recipient address
    rejected: User unknown in virtual mailbox table

Final-Recipient: rfc822; full@example.com
Action: failed
Status: 5.2.2
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

--BOUNDARY-1
Content-Type: message/rfc822

Message-ID: <campaign-42@example.org>
From: Sender <sender@example.org>
To: jane@example.com
Subject: =?UTF-8?B?SGFsbyBkdW5pYQ==?=
Date: Mon, 2 Feb 2026 09:59:00 +0000

Hello.

--BOUNDARY-1--
`;

export const DELAYED_DSN = POSTFIX_DSN.replace(
  "Action: failed\nStatus: 5.1.1",
  "Action: delayed\nStatus: 4.4.1",
)
  .replace(
    "Diagnostic-Code: smtp; 550 5.1.1 <jane@example.com>: Recipient address\n    rejected: User unknown in virtual mailbox table",
    "Diagnostic-Code: X-Postfix; connect to mx.example.com[192.0.2.10]:25: Connection timed out",
  )
  .replace(
    /Final-Recipient: rfc822; full@example.com[\s\S]*?Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n/,
    "",
  );

export const ARF = `From: feedback@fbl.example.net
To: fbl@example.org
Subject: FW: complaint
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"

--ARF
Content-Type: text/plain

This is an email abuse report.

--ARF
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: ExampleFBL/1.0
Version: 1
Original-Mail-From: <bounces@example.org>
Original-Rcpt-To: <reader@example.net>
Source-IP: 192.0.2.25
Arrival-Date: Mon, 2 Feb 2026 08:00:00 +0000

--ARF
Content-Type: text/rfc822-headers

Message-ID: <news-7@example.org>
From: News <news@example.org>
To: reader@example.net
Subject: Weekly news

--ARF--
`;

export const VACATION = `From: Jane Roe <jane@example.com>
To: sender@example.org
Subject: Out of Office: Your order
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

I am away until Monday and will answer when I am back.
`;

export const NOT_BOUNCE = `From: Alice <alice@example.com>
To: bob@example.org
Subject: Lunch tomorrow?
Content-Type: text/plain

Shall we meet at noon?
`;

/** A qmail bounce: no delivery-status part, the reason in the text. */
export const QMAIL_TEXT = `From: MAILER-DAEMON@mail.example.net
To: sender@example.org
Subject: failure notice

Hi. This is the qmail-send program at mail.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<gone@example.com>:
192.0.2.7 does not like recipient.
Remote host said: 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown
Giving up on 192.0.2.7.

--- Below this line is a copy of the message.

Message-ID: <q-1@example.org>
Subject: Invoice

Body.
`;

/** A Japanese bounce: ISO-2022-JP subject and body, as Japanese mail systems send it. */
export const JAPANESE_ISO2022 = `From: MAILER-DAEMON@mx.example.jp
To: sender@example.org
Subject: =?ISO-2022-JP?B?GyRCR1s/LiUoJWkhPBsoQg==?=
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 7bit

\x1b$B0J2<$N%"%I%l%9$KG[?.$G$-$^$;$s$G$7$?!#\x1b(B

<taro@example.jp>: 550 5.1.1 User unknown
`;

/** A small DSN with the Date header given; the original's headers carry no Message-ID. */
export function datedDsn(date: string, recipient = "gone@example.com"): string {
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
    `Date: ${date}`,
    "Subject: Undelivered Mail Returned to Sender",
    "To: sender@example.org",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain",
    "",
    "The mail system could not deliver your message.",
    "",
    "--b1",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.org",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    "Action: failed",
    "Status: 5.1.1",
    `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: User unknown`,
    "",
    "--b1",
    "Content-Type: text/rfc822-headers",
    "",
    "From: sender@example.org",
    `To: ${recipient}`,
    "Subject: hello",
    "",
    "--b1--",
    "",
  ].join("\r\n");
}
