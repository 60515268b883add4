import assert from "node:assert/strict";
import { test } from "node:test";
import { statedRetryAfter } from "../../src/classify/retry.js";
import type { DiagnoseOptions, ReplyInput } from "../../src/index.js";
import { BLOCKLISTS, defaultEngine, diagnose, Engine, LANGS } from "../../src/index.js";
import { PROVIDER_DEFS, RULE_TABLES } from "../../src/rules/index.js";
import { normalizeReplyText } from "../../src/smtp/reply.js";

test("words decide over the status code (text level)", () => {
  const d = diagnose("550 5.7.1 <jane@example.com>: Recipient address rejected: User unknown");
  assert.equal(d.category, "invalid_address");
  assert.equal(d.reason, "invalid_address.user_unknown");
  assert.equal(d.evidence.level, "text");
  assert.equal(d.evidence.matched?.toLowerCase(), "user unknown");
  assert.equal(d.permanence, "hard");
  assert.equal(d.action.type, "suppress");
});

test("a named blocklist is blocked whatever the code", () => {
  const d = diagnose("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org");
  assert.equal(d.category, "blocked");
  assert.deepEqual(d.entities.blocklists, ["Spamhaus"]);
  assert.deepEqual(d.entities.ips, ["192.0.2.1"]);
  assert.ok(d.entities.domains.includes("zen.spamhaus.org"));
});

test("over quota under 5.1.1 is inbox_full, and soft", () => {
  const d = diagnose("550 5.1.1 <jane@example.com>: mailbox is over quota");
  assert.equal(d.category, "inbox_full");
  assert.equal(d.permanence, "soft");
  assert.equal(d.action.type, "retry");
});

test("the status code decides when no words do, then the reply code", () => {
  const s = diagnose({ response: "", errorCode: 550, statusCode: "5.2.2" });
  assert.equal(s.category, "inbox_full");
  assert.equal(s.evidence.level, "status");
  const r = diagnose({ response: "zzz", errorCode: 552 });
  assert.equal(r.category, "inbox_full");
  assert.equal(r.evidence.level, "reply");
  assert.ok(s.evidence.confidence > r.evidence.confidence);
});

test("provider knowledge decides a provider's own code", () => {
  const d = diagnose({ response: "550 5.7.26 zzz", remoteHost: "gmail-smtp-in.l.google.com" });
  assert.equal(d.provider, "gmail");
  assert.equal(d.category, "dmarc");
  assert.equal(d.evidence.level, "provider");
});

test("nothing known gives unknown, honestly", () => {
  const d = diagnose("the quick brown fox");
  assert.equal(d.category, "unknown");
  assert.equal(d.evidence.level, "none");
  assert.equal(d.evidence.ruleId, null);
  assert.equal(d.evidence.confidence, 0);
});

test("greylisting is a soft rate limit with the delay the server states", () => {
  const d = diagnose(
    "450 4.7.1 <jane@example.com>: Recipient address rejected: Greylisted, please try again in 5 minutes",
  );
  assert.equal(d.category, "rate_limit");
  assert.equal(d.kind, "delay");
  assert.equal(d.permanence, "soft");
  assert.equal(d.action.retryAfterSeconds, 300);
  assert.equal(d.action.retryAfterSource, "text");
});

test("a 4xx is a delay, a 2xx a delivery", () => {
  assert.equal(diagnose("421 4.3.2 Service not available").kind, "delay");
  assert.equal(diagnose("250 2.0.0 OK queued as 12345").kind, "delivered");
});

test("without a code, a text that says the failure is temporary is a delay", () => {
  assert.equal(diagnose("Mailbox full, please try again later").kind, "delay");
  assert.equal(diagnose("Temporary failure: the remote host did not answer").kind, "delay");
  assert.equal(diagnose("Mailbox full").kind, "bounce");
  assert.equal(diagnose("User unknown").kind, "bounce");
  // A code decides over the words.
  assert.equal(diagnose("550 Mailbox full, please try again later").kind, "bounce");
});

test("a success is a delivery with nothing to do, whatever its status subject says", () => {
  for (const reply of ["250 2.1.5 Ok", "250 2.6.0 message accepted", "250 OK", "251 2.1.5 will forward"]) {
    const d = diagnose(reply);
    assert.equal(d.kind, "delivered", reply);
    assert.equal(d.category, "unknown", reply);
    assert.equal(d.action.type, "none", reply);
    assert.equal(d.action.retryAfterSeconds, null, reply);
  }
  const given = diagnose({ response: "", errorCode: 250, statusCode: "2.1.5" });
  assert.deepEqual([given.kind, given.category, given.action.type], ["delivered", "unknown", "none"]);
});

test("221 and 220 only close or open a connection: a deferral, not a delivery", () => {
  const d = diagnose("221 2.0.0 Bye");
  assert.equal(d.kind, "delay");
  assert.equal(d.category, "rate_limit");
  assert.notEqual(d.action.type, "none");
  assert.equal(diagnose("220 mx.example.com ESMTP").kind, "delay");
});

test("the MAIL FROM stage turns an unknown address into the sender's problem", () => {
  const d = diagnose({ response: "550 5.1.1 No such user", command: "MAIL FROM" });
  assert.equal(d.category, "rejection");
  assert.equal(d.reason, "rejection.invalid_sender");
  // What the words alone say stays among the alternatives, whether one rule matched or two.
  for (const response of ["550 5.1.1 No such user", "550 5.1.1 Unknown Recipient"])
    assert.deepEqual(
      diagnose({ response, command: "MAIL FROM" }).evidence.alternatives.map((a) => a.category),
      ["invalid_address"],
      response,
    );
});

test("two causes: the evidence lists the other one", () => {
  const d = diagnose("552 5.2.2 Mailbox full; user unknown");
  assert.equal(d.category, "inbox_full");
  assert.ok(d.evidence.alternatives.some((a) => a.category === "invalid_address"));
});

test("tips come per language and can be left out", () => {
  const both = diagnose("550 5.1.1 User unknown");
  assert.ok(both.tips?.en?.length && both.tips?.id?.length);
  const id = diagnose("550 5.1.1 User unknown", { lang: "id" });
  assert.deepEqual(Object.keys(id.tips ?? {}), ["id"]);
  assert.equal(diagnose("550 5.1.1 User unknown", { lang: "none" }).tips, undefined);
});

test("caller's codes are used and normalised", () => {
  const d = diagnose({
    response: "Mailbox full",
    errorCode: "552",
    statusCode: " 5.2.2 ",
    command: "rcpt to",
    remoteHost: "MX.Example.COM",
  });
  assert.equal(d.errorCode, 552);
  assert.equal(d.statusCode, "5.2.2");
  assert.equal(d.command, "RCPT");
  assert.equal(d.remoteHost, "mx.example.com");
});

test("a multi-line Gmail reply is read as one", () => {
  const d = diagnose(
    "550-5.7.26 This mail has been blocked because the sender is unauthenticated.\r\n550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\r\n550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp",
  );
  assert.equal(d.category, "dmarc");
  assert.equal(d.errorCode, 550);
  assert.equal(d.statusCode, "5.7.26");
  assert.equal(d.provider, "gmail");
});

test("replies in other languages", () => {
  assert.equal(diagnose("550 5.1.1 Benutzer unbekannt").category, "invalid_address");
  assert.equal(diagnose("552 Postfach voll").category, "inbox_full");
});

test("tips come in every language by default, in the catalog's order", () => {
  const d = diagnose("550 5.1.1 <a@b.com>: Recipient address rejected: User unknown");
  assert.deepEqual(Object.keys(d.tips ?? {}), [...LANGS]);
  assert.deepEqual(Object.keys(diagnose("550 5.1.1 user unknown", { lang: "all" }).tips ?? {}), [...LANGS]);
  assert.deepEqual(Object.keys(diagnose("550 5.1.1 user unknown", { lang: "id" }).tips ?? {}), ["id"]);
  assert.equal(diagnose("550 5.1.1 user unknown", { lang: "none" }).tips, undefined);
});

test("Postfix's 'Recipient address rejected:' is a prefix: the words after it decide", () => {
  const cases: [string, string][] = [
    ["450 4.7.1 <joe@example.com>: Recipient address rejected: Try again later", "recipient_error"],
    [
      "554 5.7.1 <joe@example.com>: Recipient address rejected: Please see http://www.openspf.net/Why?s=mfrom;id=bob@example.net;ip=192.0.2.10",
      "dmarc",
    ],
    [
      "450 4.7.1 <joe@example.com>: Recipient address rejected: Service temporarily unavailable",
      "recipient_error",
    ],
    ["550 5.7.1 <joe@example.com>: Recipient address rejected: User unknown", "invalid_address"],
    // Nothing but the address after it: the rejection is about the address.
    ["550 <joe@example.com>: Recipient address rejected.", "invalid_address"],
    ["550 5.1.1 Address rejected joe@example.com", "invalid_address"],
  ];
  for (const [reply, category] of cases) assert.equal(diagnose(reply).category, category, reply);
  // A temporary refusal never asks to suppress the address.
  const soft = diagnose(cases[0]![0]);
  assert.equal(soft.permanence, "soft");
  assert.notEqual(soft.action.type, "suppress");
});

test("a stated delay is not greylisting by itself; the sending side's HELO and MX are not the recipient's", () => {
  for (const reply of [
    "452 4.3.1 Insufficient system storage, try again in 30 minutes",
    "451 4.3.0 Server busy, try again in 10 minutes",
  ]) {
    const d = diagnose(reply);
    assert.equal(d.category, "recipient_error", reply);
    assert.equal(d.action.retryAfterSource, "text", reply);
  }
  assert.equal(diagnose("451 4.3.0 Server busy, try again in 10 minutes").action.retryAfterSeconds, 600);
  assert.equal(
    diagnose("550 5.7.1 Your server doesn't have a valid HELO hostname").reason,
    "rejection.protocol",
  );
  assert.equal(
    diagnose("550 5.7.0 Sender domain doesn't have a valid MX record").reason,
    "rejection.invalid_sender",
  );
});

test("a hard failure is never to be retried: a permanent recipient_error goes through the recipient", () => {
  for (const reply of [
    "554 5.4.4 Unable to route: no mail hosts for domain",
    "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required",
  ]) {
    const d = diagnose(reply);
    assert.equal(d.category, "recipient_error", reply);
    assert.equal(d.permanence, "hard", reply);
    assert.equal(d.action.type, "contact_recipient", reply);
    assert.equal(d.action.retryAfterSeconds, null, reply);
  }
  const soft = diagnose("451 4.4.0 DNS lookup failed for example.org");
  assert.equal(soft.action.type, "retry");
});

test("the action follows the permanence: a mailbox gone for good is suppressed, a deferral retried", () => {
  const act = (reply: string) => {
    const d = diagnose(reply);
    return [d.reason, d.permanence, d.action.type];
  };
  // Disabled for good (Google's own code): not retried, not a matter for the recipient's server.
  assert.deepEqual(
    act(
      "550-5.2.1 The email account that you tried to reach is inactive. For more information, go to 550 5.2.1 https://support.google.com/mail/?p=DisabledUser - gsmtp",
    ),
    ["inbox.inactive", "hard", "suppress"],
  );
  // "User unknown" under 4xx: the sending server retries; suppression comes after repeats.
  assert.deepEqual(act("450 4.1.1 <a@example.org>: Recipient address rejected: User unknown"), [
    "invalid_address.user_unknown",
    "soft",
    "retry",
  ]);
  assert.deepEqual(act("550 5.1.1 <a@example.org>: Recipient address rejected: User unknown"), [
    "invalid_address.user_unknown",
    "hard",
    "suppress",
  ]);
  // "Try again" in a 5xx about the address asks for a corrected address, not patience.
  assert.deepEqual(act("550 5.1.1 No such user - please check the address and try again"), [
    "invalid_address.user_unknown",
    "hard",
    "suppress",
  ]);
  // The recipient's own block list: nothing to delist, no retry.
  const blocked = diagnose("550 5.7.1 Sender address blacklisted by user");
  assert.deepEqual(
    [blocked.reason, blocked.permanence, blocked.action],
    [
      "blocked.sender_blocked",
      "hard",
      { type: "contact_recipient", retryAfterSeconds: null, retryAfterSource: null },
    ],
  );
  // "Please retry later" says when, not why: the reason in the words decides.
  assert.equal(
    diagnose("451 4.7.1 Sender rejected due to low reputation. Please retry later.").category,
    "sender_reputation",
  );
});

test("a daily sending quota is retried after a day, not the minutes of a throttle", () => {
  const d = diagnose(
    "550 5.4.5 Daily user sending quota exceeded. https://support.google.com/mail/?p=ReachedLimit - gsmtp",
  );
  assert.deepEqual(
    [d.reason, d.action.retryAfterSeconds, d.action.retryAfterSource],
    ["rate_limit.daily_quota", 86400, "default"],
  );
  assert.equal(diagnose("421 4.7.0 Too many connections, slow down").action.retryAfterSeconds, 900);
});

test("a deferral whose category names no delay gets an hour: a 4xx user unknown, an unregistered 4.1.x", () => {
  for (const reply of ["452 4.1.1 <a@example.com>: user unknown", "452 4.1.90"]) {
    const d = diagnose(reply);
    assert.deepEqual(
      [d.category, d.permanence, d.action.type, d.action.retryAfterSeconds, d.action.retryAfterSource],
      ["invalid_address", "soft", "retry", 3600, "default"],
      reply,
    );
  }
  // A 5xx user unknown is suppressed: no retry, no delay.
  assert.deepEqual(diagnose("550 5.1.1 user unknown").action, {
    type: "suppress",
    retryAfterSeconds: null,
    retryAfterSource: null,
  });
});

test("vague words lose to a status code that names the mailbox's state, and stay as an alternative", () => {
  const d = diagnose("550 5.1.1 Recipient rejected");
  assert.deepEqual(
    [d.reason, d.evidence.level, d.evidence.ruleId],
    ["invalid_address.user_unknown", "status", "status.1.1"],
  );
  assert.deepEqual(
    d.evidence.alternatives.map((a) => a.ruleId),
    ["generic.rejection.refused"],
  );
  // RFC 5321's "mailbox unavailable": an unknown user in a bare 550, a mailbox not taking mail under 4.2.0.
  assert.equal(
    diagnose("550 Requested action not taken: mailbox unavailable").reason,
    "invalid_address.user_unknown",
  );
  assert.equal(diagnose("450 4.2.0 Mailbox unavailable. Please retry later.").reason, "inbox.unavailable");
  // Under a vague status the words still decide.
  assert.equal(diagnose("554 5.7.1 Message refused").reason, "rejection.policy");
});

test("a provider's wording names it only when no remote host is known", () => {
  const reply = "451 4.3.0 Mail server temporarily rejected message.";
  assert.equal(diagnose(reply).provider, "gmail");
  assert.equal(diagnose({ response: reply, remoteHost: "mx.example.org" }).provider, null);
  // Words anyone writes name no provider.
  for (const generic of [
    "554 5.7.1 Spam message rejected",
    "552 5.2.2 Mailbox size limit exceeded",
    "554 5.7.1 <a@example.org>: Recipient address rejected: Access denied",
  ])
    assert.equal(diagnose(generic).provider, null, generic);
  assert.equal(diagnose({ response: reply, remoteHost: "gmail-smtp-in.l.google.com" }).provider, "gmail");
  assert.equal(
    diagnose(`host mx.example.org[192.0.2.1] said: ${reply} (in reply to end of DATA command)`).provider,
    null,
  );
});

test("an unknown tips language is a RangeError, not a tips entry without tips", () => {
  assert.throws(() => diagnose("550 5.1.1 user unknown", { lang: "fr" as "en" }), RangeError);
  assert.throws(() => diagnose("550 5.1.1 user unknown", { lang: ["en", "xx" as "en"] }), /not "xx"/);
  assert.deepEqual(Object.keys(diagnose("550 5.1.1 user unknown", { lang: ["id"] }).tips ?? {}), ["id"]);
});

test("a success has no tips: a category's tips say how to get mail through", () => {
  const d = diagnose("250 2.0.0 Ok: queued as 4BCD123");
  assert.equal(d.kind, "delivered");
  assert.deepEqual(d.tips, { en: [], id: [] });
  assert.ok(diagnose("550 5.1.1 user unknown").tips?.en?.length);
});

test("Postfix's 'refused to talk to me' is the connection stage", () => {
  const d = diagnose("host mx.example.net[192.0.2.6] refused to talk to me: 554 5.7.1 Service unavailable");
  assert.equal(d.command, "CONNECT");
  assert.equal(d.remoteHost, "mx.example.net");
});

test("a refused sender address is the sender's problem, not an unknown recipient (QA review texts)", () => {
  const replies = [
    // Postfix stock: reject_unknown_sender_domain for a null-MX domain.
    "550 5.7.27 <sname@nullmx.porcupine.org>: Sender address rejected: Domain nullmx.porcupine.org does not accept mail",
    "host mx.example.com[203.0.113.9] said: 550 5.1.0 <bounce@example.org>: Sender address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)",
    // Exim's sender verification callout quotes the other server's answer about the sender.
    "550-Verification failed for <bounce@example.com>\n550-Called:   203.0.113.9\n550-Sent:     RCPT TO:<bounce@example.com>\n550-Response: 550 5.1.1 <bounce@example.com>: Recipient address rejected: User unknown in virtual mailbox table\n550 Sender verify failed",
  ];
  for (const reply of replies) {
    const d = diagnose(reply, { lang: "none" });
    assert.equal(d.reason, "rejection.invalid_sender", reply);
    assert.notEqual(d.action.type, "suppress", reply);
  }
  assert.equal(
    diagnose({ response: "", errorCode: 550, statusCode: "5.7.27" }).reason,
    "rejection.invalid_sender",
  );
});

test("an unregistered status detail decides by its subject before the reply code", () => {
  const cases: [string, string][] = [
    ["550 5.7.60 SMTP; Client does not have permissions to send as this sender", "rejection"],
    ["550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds", "rejection"],
    ["550 5.4.318 Message expired, connection refused", "recipient_error"],
  ];
  for (const [reply, category] of cases) {
    const d = diagnose(reply, { lang: "none" });
    assert.equal(d.category, category, reply);
    assert.notEqual(d.action.type, "suppress", reply);
  }
  const code = diagnose({ response: "", errorCode: 550, statusCode: "5.7.708" }, { lang: "none" });
  assert.equal(code.category, "rejection");
  assert.equal(code.evidence.ruleId, "status.7.x");
  // A precise reply code (SMTP AUTH) still says more than a status subject.
  assert.equal(
    diagnose({ response: "", errorCode: 535, statusCode: "5.7.139" }).reason,
    "recipient_error.smtp_auth",
  );
  // A vague status (x.0.0) leaves the reply code to decide, as before.
  assert.equal(
    diagnose({ response: "", errorCode: 552, statusCode: "5.0.0" }).reason,
    "inbox_full.over_quota",
  );
});

test("SMTP AUTH failures are the sending client's login, not DMARC", () => {
  for (const reply of [
    "535 5.7.8 Error: authentication failed: authentication failure",
    "535 Authentication failed",
    "530 5.7.57 Client not authenticated to send mail. [BN0PR04CA0060.namprd04.prod.outlook.com]",
    "454 4.7.0 Temporary authentication failure: backend down",
  ]) {
    const d = diagnose(reply, { lang: "none" });
    assert.equal(d.reason, "recipient_error.smtp_auth", reply);
  }
  assert.equal(
    diagnose({ response: "authentication failed", command: "AUTH" }).reason,
    "recipient_error.smtp_auth",
  );
  // DMARC words under a 550 stay DMARC.
  assert.equal(diagnose("550 5.7.1 Email rejected: SPF authentication failed").category, "dmarc");
});

test("'try again' after a permanent refusal does not make it soft; 'try again later' does", () => {
  const godaddy =
    "p3plibsmtp02-15.prod.phx3.secureserver.net #550 5.1.1 8.34.161.203 is not allowed to send from <ccsi.me> per its SPF Record. Please inspect your SPF settings, and try again. IB508 <http://x.co/srbounce> ##";
  const d = diagnose(godaddy, { lang: "none" });
  assert.equal(d.category, "dmarc");
  assert.equal(d.permanence, "hard");
  const later = diagnose("550 5.7.1 Message rejected, please try again later", { lang: "none" });
  assert.equal(later.permanence, "soft");
});

test("mailboxes locked or closed for inactivity are inbox.inactive", () => {
  for (const reply of [
    "550 Mailbox jane@example.com is locked due to inactivity for more than 12 months",
    "540 5.7.1 <jane@example.com>: recipient address rejected: Inactive",
  ])
    assert.equal(diagnose(reply, { lang: "none" }).reason, "inbox.inactive", reply);
});

test("Microsoft 4.7.500-699 is IP throttling whatever the words; 5.7.12 is a restricted recipient", () => {
  const d = diagnose(
    "451 4.7.500 Access denied, please try again later. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653. (S844) [DB5EUR03FT059.eop-EUR03.prod.protection.outlook.com]",
    { lang: "none" },
  );
  assert.equal(d.reason, "sender_reputation.ip_reputation");
  assert.equal(d.provider, "microsoft");
  assert.equal(d.permanence, "soft");
  assert.equal(
    diagnose(
      "Remote Server returned '550 5.7.12 RESOLVER.RST.SenderNotAuthenticatedForOrganization; Delivery restriction check failed as sender not authenticated'",
    ).reason,
    "recipient_error.restricted",
  );
});

test("qmail's validrcptto refusal is an unknown recipient", () => {
  assert.equal(
    diagnose("553 sorry, this recipient is not in my validrcptto list (#5.7.1)").reason,
    "invalid_address.user_unknown",
  );
});

test("a retry delay is read as a clock, in mixed units and in fractions", () => {
  const cases: [string, number][] = [
    ["451 4.7.1 Greylisting in action, please come back in 00:29:45", 1785],
    ["451 4.7.1 Greylisted, please try again in 1 minute 30 seconds", 90],
    ["421 4.7.0 Too many connections, try again in 1.5 hours", 5400],
    ["450 4.7.1 Greylisted, try again in 2 hours and 15 minutes", 8100],
    ["451 4.7.1 Please try again in 1h30m", 5400],
    ["451 4.7.1 Greylisted, try again in 5 mins.", 300],
  ];
  for (const [reply, seconds] of cases) {
    const d = diagnose(reply, { lang: "none" });
    assert.equal(d.action.retryAfterSeconds, seconds, reply);
    assert.equal(d.action.retryAfterSource, "text", reply);
  }
  // A time of day is not a delay.
  assert.notEqual(diagnose("451 4.3.0 Try again after 10:30:00 UTC").action.retryAfterSource, "text");
});

test("a session transcript is answered by its failure, not by the successes before it", () => {
  const d = diagnose(
    "<-- 250 2.1.0 Ok --> RCPT To:<a@example.com> <-- 550 5.1.1 <a@example.com>... User unknown",
    {
      lang: "none",
    },
  );
  assert.equal(d.kind, "bounce");
  assert.equal(d.errorCode, 550);
  assert.equal(d.statusCode, "5.1.1");
  assert.equal(diagnose("250 2.0.0 Ok: queued as 12345").kind, "delivered");
});

test("Trend Micro ERS, HostKarma and SPFBL are named lists; an unknown list's zone is in the matched words", () => {
  const trend = diagnose(
    "550 5.7.1 Your email messages have been blocked by the recipient OR by Trend Micro Email Reputation Service. Contact the recipient or his/her administrator using alternate means to resolve the issue.",
  );
  assert.equal(trend.category, "blocked");
  assert.deepEqual(trend.entities.blocklists, ["Trend Micro Email Reputation Services"]);
  const unknownList = diagnose(
    "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using all.s5h.net",
  );
  assert.equal(unknownList.reason, "blocked.dnsbl");
  assert.equal(unknownList.evidence.matched, "blocked using all.s5h.net");
  // A spam filter's score is a spam verdict (sender reputation), not a policy refusal.
  assert.equal(
    diagnose("550 5.7.1 Rejected by SpamAssassin: score 15.2 required 5.0").reason,
    "sender_reputation.spam",
  );
});

test("second QA review: real texts of other senders get their categories", () => {
  const cases: [string, string][] = [
    // An IP after "said:" is no reply code (BigPond qmail bounce).
    [
      "Connected to 203.0.113.9 but sender was rejected. Remote host said: 203.0.113.5 Defined SPAM source: bl.spamcop.net",
      "blocked.dnsbl",
    ],
    // ESP suppression lists (Mailgun 606/607, SendGrid drop reasons, Postmark 406).
    ["607 Not delivering to a user who marked your messages as spam", "invalid_address.suppressed"],
    ["606 Not delivering to unsubscribed address", "invalid_address.suppressed"],
    ["Spam Reporting Address", "invalid_address.suppressed"],
    [
      "You tried to send to a recipient that has been marked as inactive. Found inactive addresses: a@example.com. Inactive recipients are ones that have generated a hard bounce or a spam complaint.",
      "invalid_address.suppressed",
    ],
    // A server that answers "connection refused" refuses this sender (Vade/OX, BlueTie).
    ["550 5.7.1 Connection refused - [203.0.113.5] blocked by Vade Threat List", "blocked.policy"],
    ["501 Connection Refused", "blocked.policy"],
    ["550 black ip.", "blocked.policy"],
    ["550 5.7.1 host mx.example.com [203.0.113.5] black listed #120", "blocked.policy"],
    [
      "421 4.3.2 Your IP(203.0.113.5) is filtered and this connection will be closed. You must register your IP to http://realip.naver.com",
      "blocked.policy",
    ],
    ["554 5.7.2 Service denied, closing transmission channel (12.5)", "blocked.policy"],
    ["550 Forged sender domain from this server", "dmarc.unauthenticated"],
    ["501 EHLO Invalid domain address.", "rejection.protocol"],
    ["552 message is too long.", "rejection.size"],
    ["552 MS-Office file containing VBA macros found inside of the email", "rejection.attachment"],
    [
      "421 4.4.2 Message submission rate for this client has exceeded the configured limit",
      "rate_limit.throttled",
    ],
    ["454 Throttling failure: Maximum sending rate exceeded.", "rate_limit.throttled"],
    [
      "Domain example.com has exceeded the max defers and failures per hour (10/10 (90%)) allowed. Message discarded.",
      "rate_limit.throttled",
    ],
    ["550 5.1.1 Suspended user", "inbox.disabled"],
    ["550 5.1.1 anna.a@abc.xyz recipient rejected, account administratively disabled", "inbox.disabled"],
    ["550 user is locked.", "inbox.disabled"],
    ["The user is over the quota. You can try again later.", "inbox_full.over_quota"],
    [
      "554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: a@example.com",
      "rejection.invalid_sender",
    ],
  ];
  for (const [reply, reason] of cases) assert.equal(diagnose(reply, { lang: "none" }).reason, reason, reply);
  // A failed connection has no reply: still the receiving side's trouble.
  assert.equal(
    diagnose("connect to mx.example.com[192.0.2.1]:25: Connection refused").reason,
    "recipient_error.connection_failed",
  );
});

test("generic wording names no provider when no host is known", () => {
  for (const reply of [
    "558 5.7.1 Message content rejected due to suspected spam. IB704x",
    "550 5.7.0 Mail relay denied",
    "550 5.7.1 Client host rejected: 203.0.113.5 has no PTR record",
    "554 5.4.6 Mail loop detected",
    "550 Invalid User",
    "550 User suspended",
  ])
    assert.equal(diagnose(reply, { lang: "none" }).provider, null, reply);
});

test("diff review: a port is no reply code, a bare 'try again' without a code is a deferral, a transcript without status codes", () => {
  const port = diagnose("connect to smtp.sendgrid.net[192.0.2.1]:587: Connection refused", { lang: "none" });
  assert.equal(port.errorCode, null);
  assert.equal(port.reason, "recipient_error.connection_failed");
  // Only "refused" words under a 5xx make a block; a timeout stays a connection failure.
  assert.equal(diagnose("554 5.7.1 Connection timed out").reason, "recipient_error.connection_failed");
  const dns = diagnose(
    "Host or domain name not found. Name service error for name=example.com type=MX: Host not found, try again",
    { lang: "none" },
  );
  assert.equal(dns.kind, "delay");
  assert.equal(dns.permanence, "soft");
  const transcript = diagnose(
    "<<< 250 2.1.0 <s@example.com>... Sender ok >>> RCPT To:<a@example.com> <<< 550 User unknown",
    { lang: "none" },
  );
  assert.equal(transcript.kind, "bounce");
  assert.equal(transcript.errorCode, 550);
});

test("bounce rule sets review (ZoneMTA, PHP handlers, KumoMTA): real replies get their reasons", () => {
  const cases: [string, string][] = [
    // cPanel's callout text said of the envelope sender is the sender's: the rule is the recipient's.
    [
      "550-Verification failed for <info@example.org>\n550-The mail server could not deliver mail to info@example.org.  The account or domain may not exist, they may be blacklisted, or missing the proper dns entries.\n550 Sender verify failed",
      "rejection.invalid_sender",
    ],
    [
      "550-The mail server could not deliver mail to jane@example.com.  The account\r\n550-or domain may not exist, they may be blacklisted, or missing the proper dns\r\n550 entries.",
      "invalid_address.user_unknown",
    ],
    ["553 Sender Domain Resolve Fail", "rejection.invalid_sender"],
    // A mailbox that exists but is switched off is no unknown address (PHP-Bounce-Handler, PHPMailer-BMH).
    ["550 User is suspended", "inbox.disabled"],
    ["550 Recipient mailbox was disabled", "inbox.disabled"],
    ["jane@example.com\n553 user is inactive (eyou mta)", "inbox.inactive"],
    ["550 <jane@example.com>: User status is locked.", "inbox.disabled"],
    ["550 <maxqin> is now disabled with MTA service.", "inbox.disabled"],
    [
      "Failed to deliver to '<jane@example.com>'\nLOCAL module(account jane) reports:\nmail receiving disabled",
      "inbox.disabled",
    ],
    // A full mailbox in other words; "try again later" does not make it a server error.
    [
      "Sorry the recipient quota limit is exceeded.\nThis message is returned as an error.",
      "inbox_full.over_quota",
    ],
    [
      "host mta5.us4.example.com[192.0.2.5] said: 552 recipient storage full, try again later (in reply to RCPT TO command)",
      "inbox_full.over_quota",
    ],
    // Spam verdicts without a list: "Blocked Using" names a DNSBL only when a zone follows.
    ["550 Too many spams from your IP (192.0.2.1)", "sender_reputation.spam"],
    ["553 Blocked Using Spam Pattern, Your Message May Contain The Spam Contents", "sender_reputation.spam"],
    ["550 5.7.1 JunkMail rejected", "sender_reputation.spam"],
    ["550 5.7.1 Domain has received too many bounces", "sender_reputation.domain_reputation"],
    // The connecting host is refused, not the message.
    ["554 5.7.1 You are not allowed to connect.", "blocked.policy"],
    ["550 5.7.1 You are not allowed access from your location", "blocked.policy"],
    [
      "554 5.7.1 reject: Client host bypassing service provider's mail relay: ds176.example.com",
      "blocked.policy",
    ],
    // Sendmail's "relay=" field names a host: no relaying.
    ["553 5.3.0 <jane@example.com>... Addressee unknown, relay=[192.0.2.10]", "invalid_address.user_unknown"],
    [
      "503 This mail server requires authentication when attempting to send to a non-local e-mail address. Please check your mail client settings or contact your administrator to verify that the domain or address is defined for this server.",
      "rejection.relay_denied",
    ],
    ["550 Local user only or Authentication mechanism", "rejection.relay_denied"],
    ["553 AUTH FAILED - jane@example.com", "recipient_error.smtp_auth"],
    ["550 Excessive userid unknowns", "blocked.policy"],
    // Codes and words of RFC 5321 and the IANA registry.
    ["553 Requested action not taken: mailbox name not allowed", "invalid_address.bad_syntax"],
    ["551 User not local; please try <jane@example.org>", "invalid_address.moved"],
    ["550 Couldn't find any host by that name", "invalid_address.domain_not_found"],
    ["451 4.4.3 Temporary failure in name resolution for example.com", "recipient_error.dns_failure"],
    ["530 5.7.10 Encryption needed", "recipient_error.tls_required"],
    [
      "550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds, which cannot be sent via DATA",
      "rejection.protocol",
    ],
    ["550 5.7.1 Message does not pass DomainKeys", "dmarc.dkim_fail"],
    // A list that failed to expand is the receiver's trouble, not a closed list's policy.
    ["450 4.2.4 Mailing list expansion problem", "recipient_error.server_error"],
    ["You are not a member of this mailing list <list@example.org>.", "rejection.policy"],
    ["550 User not a member of domain: <jane@example.com>", "invalid_address.user_unknown"],
    [
      "... while talking to mta1.example.com.:\n>>> DATA\n<<< 503 All recipients are invalid\n554 5.0.0 Service unavailable",
      "invalid_address.user_unknown",
    ],
    ["<jane@example.com>:\nThis address no longer accepts mail.", "invalid_address.user_unknown"],
    [
      "550 The recipient requires that you verify your address before your message is delivered: http://verify.example.com/c/abc",
      "recipient_error.restricted",
    ],
    [
      "<jane@example.com>:\nThe user does not accept email in non-Western (non-Latin) character sets.",
      "rejection.content",
    ],
    [
      "<jane@example.com>:\ncan not open new email file errno=13 file=/home/vpopmail/domains/example.com/0/jane/Maildir/tmp/1155254417.28358.mx05,S=212350",
      "recipient_error.mailer_error",
    ],
  ];
  for (const [reply, reason] of cases) assert.equal(diagnose(reply, { lang: "none" }).reason, reason, reply);
});

test("a 4xx x.7.0 or x.7.1 without words is a deferral to slow down for, not a content refusal", () => {
  const d = diagnose("421 4.7.0 Message temporarily deferred", { lang: "none" });
  assert.equal(d.kind, "delay");
  assert.equal(d.reason, "rate_limit.throttled");
  assert.equal(d.permanence, "soft");
  assert.notEqual(d.action.type, "review_content");
  // Under a 5xx the code stays a policy refusal.
  assert.equal(diagnose({ response: "", errorCode: 550, statusCode: "5.7.1" }).reason, "rejection.policy");
  // x.7.10 and 538 ask for TLS: the sending side must start it.
  const tls = diagnose({ response: "", errorCode: 530, statusCode: "5.7.10" }, { lang: "none" });
  assert.equal(tls.reason, "recipient_error.tls_required");
  assert.equal(tls.action.type, "fix_sender_setup");
});

test("a message still being retried is a delay, not an expired bounce", () => {
  for (const text of [
    "Your message has not yet been delivered to jane@example.com. Message will be retried for 2 more day(s)",
    "Delivery attempts will continue to be made for 1 day(s).",
  ]) {
    const d = diagnose(text, { lang: "none" });
    assert.equal(d.kind, "delay", text);
    assert.equal(d.permanence, "soft", text);
    assert.equal(d.action.type, "retry", text);
  }
});

test("a URIBL 'Query Refused' answer is the receiver's failed lookup, not a listing of the sender", () => {
  const d = diagnose(
    "554 5.7.1 Service unavailable; Client host [mail.example.com] blocked using multi.uribl.com; 127.0.0.1 -> Query Refused. See http://uribl.com/refused.shtml for more information [Your DNS IP: 192.0.2.53]",
    { lang: "none" },
  );
  assert.equal(d.category, "recipient_error");
  // A real listing by the same list stays a block.
  assert.equal(
    diagnose("554 5.7.1 Service unavailable; Sender address [jane@example.com] blocked using multi.uribl.com")
      .category,
    "blocked",
  );
});

test("odd spacing after more keyword hits than the scan keeps still normalises the text (entities after it found)", () => {
  // ">>>" is a keyword: 5,000 ">" give ~5,000 hits before the double space, more than the hit buffer.
  const reply = `550 ${">".repeat(5000)}  relay host mx1.example.com [192.0.2.7] said: recipient <bob@example.org> rejected`;
  const d = diagnose(reply);
  assert.deepEqual(d.entities.ips, ["192.0.2.7"]);
  assert.deepEqual(d.entities.addresses, ["bob@example.org"]);
  assert.ok(d.entities.domains.includes("mx1.example.com"));
});

test("'server busy' outranks a bare 'try again', not the words that name what is wrong", () => {
  assert.equal(diagnose("421 4.3.2 System busy, try again later").reason, "recipient_error.unavailable");
  assert.equal(
    diagnose("451 4.3.0 Internal server error, please try again later").reason,
    "recipient_error.server_error",
  );
  assert.equal(
    diagnose("530 5.7.0 Server busy, SMTP authentication required").reason,
    "recipient_error.smtp_auth",
  );
  assert.equal(
    diagnose("421 Server busy: <jane@example.com> not our user").reason,
    "invalid_address.user_unknown",
  );
});

test("a stated delay is read where its first word starts, as a search of the whole text reads it", () => {
  const replies = [
    // The first words state no delay; a later one does.
    "451 4.7.1 Try later. Greylisted, please come back in 00:05:00",
    "450 4.2.0 retrying is not enough; RETRY in 2 minutes and 30 seconds",
    // A word inside another ("retry" holds "try") and one that starts no word ("xtry").
    "421 xtry 5 minutes; retry after 90 s",
    // More starts than the engine keeps (64): the text is searched.
    `451 ${"wait, ".repeat(80)}wait 15 minutes`,
  ];
  for (const reply of replies) {
    const d = diagnose(reply);
    assert.equal(d.action.retryAfterSource, "text", reply);
    assert.equal(d.action.retryAfterSeconds, statedRetryAfter(reply), reply);
  }
  assert.deepEqual(
    replies.map((r) => diagnose(r).action.retryAfterSeconds),
    [300, 150, 90, 900],
  );
});

test("a rule's lead holds: searched from near its keywords, it finds what a search of the whole text finds", () => {
  const engine = defaultEngine();
  const leadRules = engine.rules.filter((r) => r.lead >= 0);
  assert.ok(leadRules.length >= 3);
  const examples = engine.rules.map((r) => normalizeReplyText(r.example));
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  let found = 0;
  for (const rule of leadRules) {
    // The rule's example, its keywords and the words of its expression, with filler between.
    const words = [...engine.keywordsOf(rule.id), ...(rule.regex!.source.match(/[a-z]{3,}/g) ?? [])];
    const filler = ["", " ", " x", " lorem ipsum", ". ", ": ", " <a@b.example> ", " 5.1.1 "];
    for (let k = 0; k < 1500; k++) {
      const pieces: string[] = [];
      for (let p = 1 + random(8); p > 0; p--) {
        const r = random(6);
        if (r === 0) {
          const other = examples[random(examples.length)]!;
          const a = random(other.length + 1);
          pieces.push(other.slice(a, a + random(60)));
        } else if (r === 1) pieces.push(normalizeReplyText(rule.example));
        else pieces.push(words[random(words.length)]!);
        pieces.push(filler[random(filler.length)]!);
      }
      const text = pieces.join(" ").replace(/ {2,}/g, " ").slice(0, 800);
      const whole = rule.regex!.exec(text)?.[0] ?? null;
      const got = engine.matches(text).find((m) => m.ruleId === rule.id)?.matched ?? null;
      assert.equal(got, whole, `${rule.id}: ${JSON.stringify(text)}`);
      if (whole !== null) found++;
    }
  }
  assert.ok(found > 500, `only ${found} texts matched`);
});

test("a rule's word repeated thousands of times does not push the other rules' words out", () => {
  // Each repeat is a hit; 4,200 of them would fill the scan's hit buffer (4,096) on their own.
  assert.equal(
    diagnose(`550 ${"subnet ".repeat(4200)}User unknown`).evidence.ruleId,
    "generic.invalid_address.user-unknown",
  );
  assert.equal(
    diagnose(`552 ${"blocked ".repeat(5000)}Mailbox full`).evidence.ruleId,
    "generic.mailbox.mailbox-full",
  );
  // The repeated word's own rule still finds it, at its first place.
  const d = diagnose(`554 ${"x ".repeat(3000)}${"Your IP address 192.0.2.1 has been blocked. ".repeat(500)}`);
  assert.equal(d.evidence.ruleId, "generic.blocking.ip-blocked");
  assert.deepEqual(d.entities.ips, ["192.0.2.1"]);
});

test("words that only set a flag, repeated thousands of times, do not push the rules' words out", () => {
  // Each would fill the scan's hit buffer (4096 hits) before the words that decide.
  const line = "Delivery to the recipient failed, we will try again after a while. ";
  assert.equal(
    diagnose(`451 4.4.1 ${line.repeat(900)}Mailbox full`).evidence.ruleId,
    "generic.mailbox.mailbox-full",
  );
  assert.equal(
    diagnose(`550 5.1.1 ${"try".repeat(4100)} user unknown`).reason,
    "invalid_address.user_unknown",
  );
  assert.deepEqual(diagnose(`${">".repeat(4100)} see http://example.com/x`).entities.urls, [
    "http://example.com/x",
  ]);
  // A stated delay after more places than are kept is still read (the text is searched).
  assert.equal(diagnose(`451 4.7.1 ${"try ".repeat(200)}again in 5 minutes`).action.retryAfterSeconds, 300);
});

test("a regex rule left unrun because a match outranks it changes no diagnosis", () => {
  const exhaustive = new Engine({
    tables: RULE_TABLES,
    providers: PROVIDER_DEFS,
    blocklists: BLOCKLISTS,
    exhaustive: true,
  });
  const engine = defaultEngine();
  const examples = engine.rules.map((r) => r.example);
  const hosts = [
    undefined,
    "gmail-smtp-in.l.google.com",
    "mx.outlook.com",
    "mx01.mail.icloud.com",
    "mx.example.org",
  ];
  let seed = 11;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const byId = new Map(engine.rules.map((r) => [r.id, r]));
  let outranked = 0;
  for (let k = 0; k < 4000; k++) {
    const parts: string[] = [];
    for (let p = 1 + random(4); p > 0; p--) parts.push(examples[random(examples.length)]!);
    // (Sender stages and statuses too: they turn an address reason into another category's.)
    const input = {
      response: parts.join(random(2) ? " " : "; "),
      remoteHost: hosts[random(hosts.length)],
      statusCode: random(3) ? undefined : ["5.1.1", "4.2.2", "5.7.1", "5.0.0", "5.1.7", "5.7.27"][random(6)],
      command: random(4) ? undefined : ["MAIL FROM", "RCPT TO", "DATA"][random(3)],
    };
    const pruned = engine.diagnose(input);
    const full = exhaustive.diagnose(input);
    assert.deepEqual(pruned, full, JSON.stringify(input));
    // Count the texts where a regex rule matched that another match outranks (the ones pruned).
    const found = exhaustive.matches(normalizeReplyText(input.response)).map((m) => byId.get(m.ruleId)!);
    if (
      found.some(
        (r) =>
          r.regex &&
          found.some((o) => o.category === r.category && o.onlyFrom < 0 && o.priority > r.priority),
      )
    )
      outranked++;
  }
  assert.ok(outranked > 150, `only ${outranked} texts with an outranked regex match`);
  // A provider's own words outrank nothing when another provider answered: each such rule's example
  // beside every weaker regex rule of its category, from that provider, another and none.
  let pairs = 0;
  for (const own of engine.rules.filter((r) => r.onlyFrom >= 0)) {
    const host = `mx.${engine.providers[own.onlyFrom]!.hosts![0]}`;
    for (const weaker of engine.rules) {
      if (!weaker.regex || weaker.category !== own.category || weaker.priority >= own.priority) continue;
      for (const remoteHost of [host, "mx.example.org", undefined]) {
        // (The provider's words alone: its example may also hold a mark that names the provider.)
        const words = engine.matches(own.example).find((m) => m.ruleId === own.id)!.matched;
        const input = { response: `${words} ${weaker.example}`, remoteHost };
        assert.deepEqual(engine.diagnose(input), exhaustive.diagnose(input), JSON.stringify(input));
        pairs++;
      }
    }
  }
  assert.ok(pairs > 0);
  // Equal priorities tie on position, so they prune nothing: each regex rule beside each rule of its
  // category and priority, in both orders, and under a sender's stage.
  let ties = 0;
  for (const r of engine.rules) {
    if (!r.regex) continue;
    for (const o of engine.rules) {
      if (o === r || o.category !== r.category || o.priority !== r.priority || o.onlyFrom >= 0) continue;
      for (const response of [`${o.example} ${r.example}`, `${r.example} ${o.example}`])
        for (const command of [undefined, "MAIL FROM"]) {
          const input = { response, command };
          assert.deepEqual(engine.diagnose(input), exhaustive.diagnose(input), JSON.stringify(input));
          ties++;
        }
    }
  }
  assert.ok(ties > 1000, `only ${ties} tied pairs`);
  // Each example alone under a sender's stage or status (a lone match whose reason the stage turns).
  for (const example of examples)
    for (const input of [
      { response: example, command: "MAIL FROM" },
      { response: example, statusCode: "5.1.7" },
    ])
      assert.deepEqual(engine.diagnose(input), exhaustive.diagnose(input), JSON.stringify(input));
  // And the pruning happens: an outranked expression is not run at all.
  const weak = engine.rules.find((r) => r.id === "generic.invalid_address.unknown-recipient-regex")!;
  let runs = 0;
  for (const re of [weak.regex!, weak.regexFrom!]) {
    const exec = re.exec.bind(re);
    re.exec = (text: string) => {
      runs++;
      return exec(text);
    };
  }
  try {
    const text = "550 5.1.1 <jane@example.com>: User unknown";
    assert.equal(engine.diagnose(text).evidence.ruleId, "generic.invalid_address.user-unknown");
    assert.equal(runs, 0);
    assert.ok(engine.matches(text).some((m) => m.ruleId === weak.id));
    assert.ok(runs > 0);
  } finally {
    for (const re of [weak.regex!, weak.regexFrom!]) Reflect.deleteProperty(re, "exec");
  }
});

test("diagnose() from JavaScript: optional fields of the wrong type are not given; a wrong input is a plain TypeError", () => {
  const plain = diagnose("550 5.1.1 <a@example.com>: User unknown");
  for (const odd of [{ statusCode: 5 }, { remoteHost: 7 }, { command: 5 }, { errorCode: "abc" }]) {
    const d = diagnose({
      response: "550 5.1.1 <a@example.com>: User unknown",
      ...odd,
    } as unknown as ReplyInput);
    assert.equal(d.category, plain.category, JSON.stringify(odd));
    assert.equal(d.statusCode, "5.1.1");
  }
  for (const bad of [undefined, null, 5])
    assert.throws(
      () => diagnose(bad as unknown as string),
      (e: unknown) => e instanceof TypeError && /the input must be a string or an object/.test(e.message),
    );
  assert.deepEqual(Object.keys(diagnose("x", { lang: null } as unknown as DiagnoseOptions).tips ?? {}), [
    "en",
    "id",
  ]);
  assert.throws(() => diagnose("x", { lang: 5 } as unknown as DiagnoseOptions), RangeError);
});

test("'try again' and 'requested action aborted' are vague: a status naming the mailbox's state decides", () => {
  for (const [reply, reason] of [
    ["550 5.1.1 Recipient rejected. Please check the address and try again.", "invalid_address.user_unknown"],
    ["552 5.2.2 Requested action aborted, try again", "inbox_full.over_quota"],
    // Without such a status they still say a server error.
    ["451 Requested action aborted: please try again", "recipient_error.server_error"],
  ] as const) {
    const d = diagnose(reply);
    assert.equal(d.reason, reason, reply);
  }
});
