import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseBounce } from "../../../src/index.js";

// Small synthetic bounces in the shape of each format (written for these tests, not real mail).

function mail(headers: Record<string, string>, body: string): string {
  const head = Object.entries({
    "Return-Path": "<>",
    Date: "Tue, 1 Jul 2025 10:00:00 +0000",
    To: "sender@example.net",
    "Message-ID": "<bounce-1@example.org>",
    ...headers,
  })
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  return `${head}\n\n${body}\n`;
}

function report(headers: Record<string, string>, text: string, dsn: string, original = ""): string {
  const b = "BOUNDARY-b";
  return mail(
    {
      "MIME-Version": "1.0",
      "Content-Type": `multipart/report; report-type=delivery-status; boundary="${b}"`,
      ...headers,
    },
    [
      `--${b}`,
      "Content-Type: text/plain; charset=us-ascii",
      "",
      text,
      `--${b}`,
      "Content-Type: message/delivery-status",
      "",
      dsn,
      `--${b}`,
      "Content-Type: text/rfc822-headers",
      "",
      original ||
        "From: sender@example.net\nTo: rcpt@example.com\nSubject: hello\nMessage-ID: <orig-1@example.net>",
      `--${b}--`,
    ].join("\n"),
  );
}

interface Want {
  decoder: string;
  recipient: string;
  category: string;
  statusCode: string | null;
  errorCode?: number | null;
}

async function expect(raw: string, want: Want[]): Promise<void> {
  const r = await parseBounce(raw);
  assert.equal(r.recipients.length, want.length, JSON.stringify(r.recipients.map((x) => x.recipient)));
  want.forEach((w, i) => {
    const got = r.recipients[i]!;
    assert.equal(got.decoder, w.decoder);
    assert.equal(got.recipient, w.recipient);
    assert.equal(got.diagnosis.category, w.category, got.diagnosticText);
    assert.equal(got.diagnosis.statusCode, w.statusCode, got.diagnosticText);
    if (w.errorCode !== undefined) assert.equal(got.diagnosis.errorCode, w.errorCode);
  });
}

describe("group B format decoders", () => {
  it("gmail: a report on two recipients quoting one's reply gives it to that one only", async () => {
    const raw = `From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: sender@gmail.com
Subject: Delivery Status Notification (Failure)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="g1"; report-type=delivery-status

--g1
Content-Type: text/plain; charset="UTF-8"

** Message not delivered **

There was a problem delivering your message to alice@example.com and bob@example.net.

The response from the remote server was:
550 5.1.1 <alice@example.com>: Recipient address rejected: User unknown

--g1
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com

Final-Recipient: rfc822; alice@example.com
Action: failed
Status: 5.1.1

Final-Recipient: rfc822; bob@example.net
Action: failed
Status: 5.2.2

--g1--
`;
    await expect(raw, [
      { decoder: "gmail", recipient: "alice@example.com", category: "invalid_address", statusCode: "5.1.1" },
      { decoder: "gmail", recipient: "bob@example.net", category: "inbox_full", statusCode: "5.2.2" },
    ]);
    // A reply naming none of the recipients (the sender, refused) is every recipient's.
    const sender = raw
      .replace(
        "550 5.1.1 <alice@example.com>: Recipient address rejected: User unknown",
        "550 5.7.1 <news@example.org>: Sender address rejected: Access denied",
      )
      .replaceAll("Status: 5.2.2", "Status: 5.7.1")
      .replaceAll("Status: 5.1.1", "Status: 5.7.1");
    const r = await parseBounce(sender);
    assert.deepEqual(
      r.recipients.map((x) => [x.recipient, x.diagnosis.reason]),
      [
        ["alice@example.com", "rejection.invalid_sender"],
        ["bob@example.net", "rejection.invalid_sender"],
      ],
    );
  });

  it("gmail: legacy 'Technical details of permanent failure' notice", async () => {
    const raw = mail(
      {
        From: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        Subject: "Delivery Status Notification (Failure)",
        "X-Failed-Recipients": "alice@example.com",
      },
      [
        "Delivery to the following recipient failed permanently:",
        "",
        "     alice@example.com",
        "",
        "Technical details of permanent failure:",
        "Google tried to deliver your message, but it was rejected by the server for the recipient domain example.com by mx.example.com. [192.0.2.1].",
        "",
        "The error that the other server returned was:",
        "550 550 5.1.1 <alice@example.com>... User Unknown (state 14).",
        "",
        "----- Original message -----",
        "",
        "To: alice@example.com",
        "Subject: hi",
      ].join("\n"),
    );
    await expect(raw, [
      {
        decoder: "gmail",
        recipient: "alice@example.com",
        category: "invalid_address",
        statusCode: "5.1.1",
        errorCode: 550,
      },
    ]);
  });

  it("gmail: delay notice with a connection failure", async () => {
    const raw = mail(
      {
        From: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        Subject: "Delivery Status Notification (Delay)",
      },
      [
        "THIS IS A WARNING MESSAGE ONLY.",
        "",
        "Delivery to the following recipient has been delayed:",
        "",
        "     bob@example.org",
        "",
        "Message will be retried for 2 more day(s)",
        "",
        "Technical details of temporary failure:",
        "The recipient server did not accept our requests to connect. [example.org. 192.0.2.9: socket error]",
        "",
        "----- Original message -----",
      ].join("\n"),
    );
    const r = await parseBounce(raw);
    assert.equal(r.kind, "delay");
    assert.equal(r.recipients[0]!.recipient, "bob@example.org");
    assert.equal(r.recipients[0]!.diagnosis.category, "recipient_error");
  });

  it("googlegroups: the group address, a posting rejection, in any language", async () => {
    const raw = mail(
      {
        From: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        Subject: "Delivery Status Notification (Failure)",
        "X-Failed-Recipients": "team@googlegroups.com",
        "Auto-Submitted": "auto-replied",
      },
      [
        "Hola sender@example.net,",
        "",
        "El grupo al que intentaste escribir (team) puede que no exista o que no tengas permiso para publicar.",
        "",
        "Visita el Centro de Ayuda en https://groups.google.com/support/.",
        "",
        "Google Groups",
        "",
        "----- Original message -----",
      ].join("\n"),
    );
    await expect(raw, [
      {
        decoder: "googlegroups",
        recipient: "team@googlegroups.com",
        category: "rejection",
        statusCode: null,
      },
    ]);
  });

  it("googlegroups: the status and reply code of its delivery-status part", async () => {
    const raw = report(
      {
        From: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        Subject: "Delivery Status Notification (Failure)",
      },
      [
        "Hello sender@example.net,",
        "",
        "We're writing to let you know that the group you tried to contact (team) may not exist, or you may not have permission to post messages to the group.",
        "",
        "Visit the Help Center at https://groups.google.com/support/.",
        "",
        "Google Groups",
      ].join("\n"),
      "Reporting-MTA: dns; googlemail.com\n\nFinal-Recipient: rfc822; team@groups.example.com\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 5.0.0 Group not found or no permission to post\n",
    );
    await expect(raw, [
      {
        decoder: "googlegroups",
        recipient: "team@groups.example.com",
        category: "rejection",
        statusCode: "5.0.0",
        errorCode: 550,
      },
    ]);
    const r = await parseBounce(raw);
    assert.equal(r.recipients[0]!.status, "5.0.0");
    assert.equal(r.recipients[0]!.reportingMta, "googlemail.com");
  });

  it("googleworkspace: 'Message not delivered' with the returned message's To", async () => {
    const raw = report(
      {
        From: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        Subject: "Delivery Status Notification (Failure)",
      },
      [
        "** Message not delivered **",
        "",
        "You're sending this from a different address or alias using the 'Send mail as' feature. The settings for your 'Send mail as' account are misconfigured or out of date.",
        "",
        "The response was:",
        "",
        "Smtp server does not advertise AUTH capability",
      ].join("\n"),
      "Reporting-MTA: dns; googlemail.com\n",
      "From: me@example.net\nTo: <carol@example.co.jp>\nSubject: x\nMessage-ID: <o@example.net>",
    );
    await expect(raw, [
      {
        decoder: "googleworkspace",
        recipient: "carol@example.co.jp",
        category: "rejection",
        statusCode: null,
      },
    ]);
  });

  it("office365: the administrators' section gives the remote reply", async () => {
    const raw = mail(
      {
        From: "<postmaster@example.onmicrosoft.com>",
        Subject: "Undeliverable: hello",
        "X-MS-Exchange-Message-Is-Ndr": "",
      },
      [
        "Delivery has failed to these recipients or groups:",
        "",
        "dave@example.com<mailto:dave@example.com>",
        "The email address you entered couldn't be found.",
        "",
        "Diagnostic information for administrators:",
        "",
        "Generating server: AB1PR01MB0001.eurprd01.prod.outlook.com",
        "",
        "dave@example.com",
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
        "",
        "Original message headers:",
        "",
        "To: dave@example.com",
      ].join("\n"),
    );
    await expect(raw, [
      {
        decoder: "office365",
        recipient: "dave@example.com",
        category: "invalid_address",
        statusCode: "5.1.10",
      },
    ]);
  });

  it("office365: Exchange 2010's 'host #550 … ##' remote replies, on one line or several", async () => {
    const raw = mail(
      {
        From: "Microsoft Exchange <MicrosoftExchange0123@example.com>",
        Subject: "Undeliverable: figures",
        "X-MS-Exchange-Message-Is-Ndr": "",
      },
      [
        "Delivery has failed to these recipients or groups:",
        "",
        "ann@example.net",
        "The recipient's e-mail system rejected your message. Please try again later.",
        "",
        "bob@example.org",
        "The recipient's e-mail system rejected your message. Please try again later.",
        "",
        "Diagnostic information for administrators:",
        "",
        "Generating server: EXCH01.example.local",
        "",
        "ann@example.net",
        "mx1.example.net #550 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using bl.spamcop.net ##",
        "",
        "bob@example.org",
        "mx.example.org #550-5.1.1 The email account that you tried to reach does not exist. Please try",
        "550-5.1.1 double-checking the recipient's email address for typos or",
        "550 5.1.1 unnecessary spaces. ##",
        "",
        "Original message headers:",
        "",
        "To: ann@example.net, bob@example.org",
      ].join("\n"),
    );
    await expect(raw, [
      {
        decoder: "office365",
        recipient: "ann@example.net",
        category: "blocked",
        statusCode: "5.7.1",
        errorCode: 550,
      },
      {
        decoder: "office365",
        recipient: "bob@example.org",
        category: "invalid_address",
        statusCode: "5.1.1",
        errorCode: 550,
      },
    ]);
    const r = await parseBounce(raw);
    assert.match(r.recipients[0]!.diagnosticText, /spamcop/);
    assert.doesNotMatch(r.recipients[1]!.diagnosticText, /##|550-5\.1\.1 double/);
    assert.equal(r.recipients[1]!.remoteMta, "mx.example.org");
  });

  it("office365: an HTML-only NDR whose link shows 'addr (addr)' or only a display name", async () => {
    const html = (link: string) =>
      mail(
        {
          From: "Microsoft Outlook <MicrosoftExchange0123@example.com>",
          Subject: "Undeliverable: hello",
          "X-MS-Exchange-Message-Is-Ndr": "",
          "MIME-Version": "1.0",
          "Content-Type": "text/html; charset=us-ascii",
        },
        `<html><body>
<p><b>Delivery has failed to these recipients or groups:</b></p>
<p><a href="mailto:dave@example.com">${link}</a><br>
The email address you entered couldn't be found.<br></p>
<p>Diagnostic information for administrators:</p>
<p>Generating server: EXCH01.example.local</p>
<p>dave@example.com<br>
#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##</p>
</body></html>`,
      );
    for (const link of ["dave@example.com (dave@example.com)", "Dave Example", "dave@example.com"]) {
      await expect(html(link), [
        {
          decoder: "office365",
          recipient: "dave@example.com",
          category: "invalid_address",
          statusCode: "5.1.1",
        },
      ]);
    }
  });

  it("exchange2007: a delivery-status part enriched from the NDR", async () => {
    const raw = report(
      { From: "<postmaster@example.edu>", Subject: "Undeliverable: hello" },
      [
        "Delivery has failed to these recipients or distribution lists:",
        "",
        "erin@example.edu<mailto:erin@example.edu>",
        "The recipient's mailbox is full and can't accept messages now.",
        "",
        "Sent by Microsoft Exchange Server 2007",
        "",
        "Diagnostic information for administrators:",
        "",
        "erin@example.edu",
        "#550 5.2.2 STOREDRV.Deliver: mailbox full ##",
      ].join("\n"),
      "Reporting-MTA: dns;mail.example.edu\n\nFinal-Recipient: rfc822;erin@example.edu\nAction: failed\nStatus: 5.2.2\n",
    );
    await expect(raw, [
      { decoder: "exchange2007", recipient: "erin@example.edu", category: "inbox_full", statusCode: "5.2.2" },
    ]);
  });

  it("exchange2007: an Exchange 2016/2019 NDR without the recipients' list nor a DSN", async () => {
    const raw = mail(
      {
        From: "Microsoft Outlook <MicrosoftExchange0123@example.com>",
        Subject: "Undeliverable: Spring event",
        "X-MS-Exchange-Message-Is-Ndr": "",
      },
      [
        "Your message to jane.roe@example.com couldn't be delivered.",
        "",
        "jane.roe wasn't found at example.com.",
        "",
        "Diagnostic information for administrators:",
        "",
        "Generating server: EX19.example.com",
        "",
        "jane.roe@example.com",
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient jane.roe@example.com not found by SMTP address lookup'",
        "",
        "Original message headers:",
        "",
        "To: <jane.roe@example.com>",
      ].join("\n"),
    );
    await expect(raw, [
      {
        decoder: "exchange2007",
        recipient: "jane.roe@example.com",
        category: "invalid_address",
        statusCode: "5.1.10",
        errorCode: 550,
      },
    ]);
    const r = await parseBounce(raw);
    assert.equal(r.recipients[0]!.diagnosis.permanence, "hard");
  });

  it("exchange2003: 'did not reach the following recipient(s)'", async () => {
    const raw = mail(
      {
        From: "System Administrator <postmaster@example.jp>",
        Subject: "Undeliverable: hello",
        "X-Mailer": "Internet Mail Service (5.5.2653.19)",
      },
      [
        "Your message",
        "",
        "  To:      frank@example.jp",
        "  Subject: hello",
        "",
        "did not reach the following recipient(s):",
        "",
        "frank@example.jp on Tue, 1 Jul 2025 10:00:00 +0000",
        "    The recipient name is not recognized",
        "    MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient",
      ].join("\n"),
    );
    await expect(raw, [
      {
        decoder: "exchange2003",
        recipient: "frank@example.jp",
        category: "invalid_address",
        statusCode: null,
      },
    ]);
  });

  it("messagingserver: a source-routed Final-recipient is replaced by the Original-recipient", async () => {
    const raw = report(
      { From: "postmaster@example.net", Subject: "Delivery Notification: Delivery has failed" },
      [
        "This report relates to a message you sent with the following header fields:",
        "",
        "Your message cannot be delivered to the following recipients:",
        "",
        "  Recipient address: grace@example.net",
        "  Reason: Over quota",
      ].join("\n"),
      "Reporting-MTA: dns;mx.example.net\n\nOriginal-recipient: rfc822;grace@example.net\nFinal-recipient: rfc822;@smtp.example.net:grace@store\nAction: failed\nStatus: 5.2.2\n",
    );
    await expect(raw, [
      {
        decoder: "messagingserver",
        recipient: "grace@example.net",
        category: "inbox_full",
        statusCode: "5.2.2",
      },
    ]);
  });

  it("notes and domino", async () => {
    const notes = mail(
      { From: "POSTMASTER@gw.example.com", Subject: "Undeliverable message" },
      "------- Failure Reasons  --------\n\nUser not listed in public Name & Address Book\nheidi@example.com\n\n------- Returned Message --------\nTo: heidi@example.com",
    );
    await expect(notes, [
      { decoder: "notes", recipient: "heidi@example.com", category: "invalid_address", statusCode: null },
    ]);
    const domino = mail(
      { From: "Postmaster@example.jp", Subject: "DELIVERY FAILURE: User ivan (ivan@example.jp) not listed" },
      "Your message\n\n  Subject: hi\n\nwas not delivered to:\n\n  ivan@example.jp\n\nbecause:\n\n  User ivan (ivan@example.jp) not listed in Domino Directory\n",
    );
    await expect(domino, [
      { decoder: "domino", recipient: "ivan@example.jp", category: "invalid_address", statusCode: null },
    ]);
  });

  it("mfilter: server message and SMTP command blocks", async () => {
    const raw = mail(
      { From: "POSTMASTER <postmaster@example.com>", Subject: "failure notice", "X-Mailer": "m-FILTER" },
      [
        "以下のメールアドレスへの送信に失敗しました。",
        "judy@example.com",
        "",
        "-------server message",
        "550 5.1.1 <judy@example.com>: Recipient address rejected: User unknown",
        "",
        "-------SMTP command",
        "RCPT",
        "",
        "-------original message",
      ].join("\n"),
    );
    await expect(raw, [
      { decoder: "mfilter", recipient: "judy@example.com", category: "invalid_address", statusCode: "5.1.1" },
    ]);
  });

  it("v5sendmail: transcript lines per recipient, the inner reply code", async () => {
    const raw = mail(
      { From: "Mail Delivery Subsystem <MAILER-DAEMON@example.com>", Subject: "Returned mail: User unknown" },
      [
        "   ----- Transcript of session follows -----",
        "While talking to mx.example.org:",
        ">>> RCPT To:<kim@example.org>",
        "<<< 550 No such user here",
        "550 <kim@example.org>... User unknown",
        "550 example.net (smtp)... 550 Host unknown",
        "554 <lee@example.net>... 550 Host unknown (Authoritative answer from name server)",
        "",
        "   ----- Unsent message follows -----",
        "To: kim@example.org",
      ].join("\n"),
    );
    await expect(raw, [
      {
        decoder: "v5sendmail",
        recipient: "kim@example.org",
        category: "invalid_address",
        statusCode: null,
        errorCode: 550,
      },
      {
        decoder: "v5sendmail",
        recipient: "lee@example.net",
        category: "invalid_address",
        statusCode: null,
        errorCode: 550,
      },
    ]);
  });

  it("sendmail: an exit status in the DSN is replaced by the transcript's reply", async () => {
    const raw = report(
      {
        From: "Mail Delivery Subsystem <MAILER-DAEMON@mx.example.jp>",
        Subject: "Returned mail: see transcript for details",
      },
      [
        "The original message was received at Tue, 1 Jul 2025 10:00:00 +0900",
        "from localhost [127.0.0.1]",
        "",
        "   ----- The following addresses had permanent fatal errors -----",
        "<mallory@example.jp>",
        "    (reason: 550 5.7.1 IP address blacklisted by recipient)",
        "",
        "   ----- Transcript of session follows -----",
        "... while talking to mx.example.jp.:",
        ">>> DATA",
        "<<< 550 5.7.1 IP address blacklisted by recipient",
        "550 5.1.1 <mallory@example.jp>... User unknown",
      ].join("\n"),
      "Reporting-MTA: dns; mx.example.jp\n\nFinal-Recipient: RFC822; mallory@example.jp\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: X-Unix; 77\n",
    );
    await expect(raw, [
      { decoder: "sendmail", recipient: "mallory@example.jp", category: "blocked", statusCode: "5.7.1" },
    ]);
  });

  it("sendmail: the transcript's reply is a failed recipient's, not a delayed or expanded one's", async () => {
    const raw = report(
      {
        From: "Mail Delivery Subsystem <MAILER-DAEMON@relay.example.edu>",
        Subject: "Returned mail: see transcript for details",
      },
      [
        "The original message was received at Tue, 1 Jul 2025 09:55:00 -0400",
        "from host.example.edu [10.2.3.4]",
        "",
        "   ----- The following addresses had permanent fatal errors -----",
        "<ta@example.edu>",
        "    (reason: 550 5.1.1 <ta.old@students.example.edu>... User unknown)",
        "",
        "   ----- Transcript of session follows -----",
        "... while talking to students.example.edu.:",
        ">>> RCPT To:<ta.old@students.example.edu>",
        "<<< 550 5.1.1 <ta.old@students.example.edu>... User unknown",
        "550 5.1.1 <ta@example.edu>... User unknown",
      ].join("\n"),
      [
        "Reporting-MTA: dns; relay.example.edu",
        "",
        "Final-Recipient: RFC822; ta@example.edu",
        "Action: failed",
        "Status: 5.1.1",
        "",
        "Final-Recipient: RFC822; dean@example.edu",
        "Action: delayed",
        "Status: 4.4.1",
        "",
        "Final-Recipient: RFC822; list@example.edu",
        "Action: expanded",
        "Status: 2.0.0",
        "",
      ].join("\n"),
    );
    const r = await parseBounce(raw);
    const by = new Map(r.recipients.map((x) => [x.recipient, x]));
    const ta = by.get("ta@example.edu")!;
    assert.equal(ta.diagnosis.category, "invalid_address");
    assert.match(ta.diagnosticText, /User unknown/);
    const dean = by.get("dean@example.edu")!;
    assert.equal(dean.diagnosis.kind, "delay");
    assert.equal(dean.diagnosis.statusCode, "4.4.1");
    assert.notEqual(dean.diagnosis.category, "invalid_address");
    assert.notEqual(dean.diagnosis.action.type, "suppress");
    assert.equal(dean.diagnosticText, "");
    const list = by.get("list@example.edu")!;
    assert.equal(list.diagnosis.kind, "delivered");
    assert.equal(list.diagnosis.category, "unknown");
    assert.equal(list.diagnosticText, "");
    assert.equal(list.diagnosis.action.type, "none");
  });

  it("verizon, zoho and gmx", async () => {
    const verizon = mail(
      { From: "MMSC NDR Administrator <sysadmin@m01.vzwpix.com>", Subject: "Undeliverable Message" },
      "Message could not be delivered to mobile.\nError: No valid recipients for this MM\n\nOriginal Message:\nFrom: me <me@example.jp>\nTo: 5550000000@vzwpix.com\nSubject: hi\n",
    );
    await expect(verizon, [
      {
        decoder: "verizon",
        recipient: "5550000000@vzwpix.com",
        category: "invalid_address",
        statusCode: null,
      },
    ]);
    const zoho = mail(
      {
        From: "mailer-daemon@mail.zoho.com",
        Subject: "Undelivered Mail Returned to Sender",
        "X-Mailer": "Zoho Mail",
      },
      "This message was created automatically by mail delivery software.\n\nniaj@example.co.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.2 <niaj@example.co.jp>... Mailbox Full\n",
    );
    await expect(zoho, [
      {
        decoder: "zoho",
        recipient: "niaj@example.co.jp",
        category: "inbox_full",
        statusCode: "5.2.2",
        errorCode: 550,
      },
    ]);
    const gmx = mail(
      { From: "MAILER-DAEMON@mail.gmx.com", Subject: "Mail delivery failed: returning message to sender" },
      'A message that you sent could not be delivered to one or more of\nits recipients. The following address\nfailed:\n\n"olivia@example.jp":\nSMTP error from remote server after RCPT command:\nhost: mx.example.jp\n5.1.1 <olivia@example.jp>... User Unknown\n\n--- The header of the original message is following. ---\n',
    );
    await expect(gmx, [
      { decoder: "gmx", recipient: "olivia@example.jp", category: "invalid_address", statusCode: "5.1.1" },
    ]);
  });

  it("yahoo, mailfoundry, mxlogic, mimecast, trendmicro", async () => {
    const yahoo = mail(
      { From: "MAILER-DAEMON@yahoo.example.com", Subject: "Failure Notice", "X-YMailISG": "abc" },
      "Sorry, we were unable to deliver your message to the following address.\n\n<peggy@example.org>:\nRemote host said: 550 5.1.1 <peggy@example.org>... User Unknown [RCPT_TO]\n\n--- Below this line is a copy of the message.\n",
    );
    await expect(yahoo, [
      { decoder: "yahoo", recipient: "peggy@example.org", category: "invalid_address", statusCode: "5.1.1" },
    ]);
    // X-YMailISG is on any mail through Yahoo: a Yahoo user's out-of-office reply is an auto-reply.
    const away = await parseBounce(
      mail(
        {
          From: "Jane Doe <jane@yahoo.example.com>",
          Subject: "Out of office: April deals",
          "Auto-Submitted": "auto-replied",
          "X-YMailISG": "abc",
        },
        "I'm away until April 10. For anything urgent please write to my colleague:\n<mike@example.org>\nThanks!\n",
      ),
    );
    assert.equal(away.kind, "autoreply");
    assert.deepEqual(
      away.recipients.map((r) => r.recipient),
      ["jane@yahoo.example.com"],
    );
    const foundry = mail(
      { From: "MAILER-DAEMON@example.org", Subject: "Message delivery has failed" },
      "Unable to deliver message to: <quinn@example.org>\nDelivery failed for the following reason:\nmail.example.org[192.0.2.2] responded with failure: 552 5.2.2 mailbox quinn@example.org is over quota\n\nThis has been a permanent failure.\n",
    );
    await expect(foundry, [
      { decoder: "mailfoundry", recipient: "quinn@example.org", category: "inbox_full", statusCode: "5.2.2" },
    ]);
    const mxl = mail(
      {
        From: "Mail Delivery System <MAILER-DAEMON@relay.mxl.example.net>",
        Subject: "Mail delivery failed",
        "X-MX-Bounce": "mta/src/queue/bounce",
      },
      "A message that you have sent could not be delivered to one or more\nrecipients.  This is a permanent error.  The following address failed:\n\n  <rupert@example.co.jp>: 550 5.1.1 <rupert@example.co.jp>: Recipient address rejected: User unknown\n\nIncluded is a copy of the message header:\n",
    );
    await expect(mxl, [
      {
        decoder: "mxlogic",
        recipient: "rupert@example.co.jp",
        category: "invalid_address",
        statusCode: "5.1.1",
      },
    ]);
    const mc = mail(
      {
        From: "Postmaster <postmaster@example.com>",
        Subject: "[Postmaster] Email Delivery Failure",
        "X-MC-System": "x",
      },
      "An email that you attempted to send to the following address could not be delivered:\n\n-- sybil@example.org\n\nThe problem appears to be :\n\n-- Recipient email address is possibly incorrect\n\nAdditional information follows :\n\n-- 550 5.1.1 User unknown\n",
    );
    await expect(mc, [
      {
        decoder: "mimecast",
        recipient: "sybil@example.org",
        category: "invalid_address",
        statusCode: "5.1.1",
      },
    ]);
    // With a delivery-status part where one record has its own reply: it keeps it; the other gets
    // the text's explanation.
    const mcDsn = `From: Postmaster <postmaster@example.com>
Subject: [Postmaster] Email Delivery Failure
X-MC-System: x
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="M"

--M
Content-Type: text/plain

The problem appears to be :

-- Recipient email address is possibly incorrect

Additional information follows :

-- 550 5.1.1 User unknown

--M
Content-Type: message/delivery-status

Reporting-MTA: dns; mimecast.example.com

Final-Recipient: rfc822; full@example.org
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

Final-Recipient: rfc822; sybil@example.org
Action: failed
Status: 5.1.1

--M--
`;
    await expect(mcDsn, [
      { decoder: "mimecast", recipient: "full@example.org", category: "inbox_full", statusCode: "5.2.2" },
      {
        decoder: "mimecast",
        recipient: "sybil@example.org",
        category: "invalid_address",
        statusCode: "5.1.1",
      },
    ]);
    const tm = mail(
      { From: '"InterScan MSS" <postmaster@example.co.jp>', Subject: "Mail could not be delivered" },
      "Sent <<< RCPT TO:<trent@example.co.jp>\nReceived >>> 550 5.1.1 <trent@example.co.jp>... User unknown\n",
    );
    await expect(tm, [
      {
        decoder: "trendmicro",
        recipient: "trent@example.co.jp",
        category: "invalid_address",
        statusCode: "5.1.1",
      },
    ]);
  });

  it("DSN-first services keep the delivery-status recipients", async () => {
    const dsn =
      "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; victor@example.jp\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 550 5.2.2 <victor@example.jp>... Mailbox Full\n";
    const cases: [string, Record<string, string>][] = [
      [
        "yandex",
        { From: "mailer-daemon@yandex.ru", Subject: "Message was not delivered", "X-Yandex-Front": "mx1" },
      ],
      [
        "mcafee",
        { From: "<postmaster@example.jp>", Subject: "Delivery Status", "X-NAI-Header": "Modified by McAfee" },
      ],
      [
        "surfcontrol",
        { From: "<MAILER-DAEMON@example.com>", Subject: "hello", "X-Mailer": "SurfControl E-mail Filter" },
      ],
      [
        "barracuda",
        { From: "MAILER-DAEMON <>", Subject: "**Message you sent blocked by our bulk email filter**" },
      ],
      ["mailru", { From: "mailer-daemon@corp.mail.ru", Subject: "Mail failure." }],
      ["outlook", { From: "postmaster@mail.hotmail.com", Subject: "Delivery Status Notification (Failure)" }],
      [
        "sendgrid",
        {
          From: "MAILER-DAEMON@relay.example.jp",
          Subject: "Undelivered Mail Returned to Sender",
          "X-SG-EID": "abc",
        },
      ],
    ];
    for (const [id, headers] of cases) {
      const raw = report(headers, "This is an automatically generated Delivery Status Notification.\n", dsn);
      await expect(raw, [
        { decoder: id, recipient: "victor@example.jp", category: "inbox_full", statusCode: "5.2.2" },
      ]);
    }
    const pmta = report(
      { From: "postmaster@example.net", Subject: "Delivery report" },
      "Hello, this is the mail server.\n",
      `${dsn}X-PowerMTA-BounceCategory: quota-issues\n`,
    );
    await expect(pmta, [
      { decoder: "powermta", recipient: "victor@example.jp", category: "inbox_full", statusCode: "5.2.2" },
    ]);
  });
});
