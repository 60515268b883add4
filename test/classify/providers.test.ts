// Provider knowledge beyond each rule's own example: other forms of the same reply, the permanence and
// action a provider's words give, and words that must not be read as a provider's without its marks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { diagnose } from "../../src/index.js";

const read = (reply: string) => diagnose(reply, { lang: "none" });

test("T-Online's IP refusal is its block list with or without '(BL)', written 'IP=' or 'IP:'", () => {
  for (const reply of [
    "554 IP:192.0.2.44 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.)",
    "554 IP=192.0.2.254 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.)",
  ]) {
    const d = read(reply);
    assert.equal(d.reason, "blocked.provider_blocklist", reply);
    assert.equal(d.permanence, "soft", reply);
    assert.equal(d.provider, "t-online", reply);
  }
});

test("NetEase: a daily limit is retried after a day; an unlisted code of its table is no unknown user", () => {
  const orq = read("550 RP:ORQ http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.5");
  assert.equal(orq.reason, "rate_limit.daily_quota");
  assert.equal(orq.permanence, "soft");
  assert.equal(orq.action.retryAfterSeconds, 86400);
  const other = read("550 MI:ZZZ http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.5");
  assert.equal(other.category, "blocked");
  assert.notEqual(other.action.type, "suppress");
  // A code the table knows keeps its own reading.
  assert.equal(read("550 RP:TRC 发件人当天内累计的收件人数量超过限制").reason, "rate_limit.daily_quota");
});

test("AOL's legacy codes: blocks are soft, RLY:B1 is complaints, a technical error at AOL is retried", () => {
  const cases: [string, string][] = [
    ["554 5.7.1 : (CON:B1) https://postmaster.aol.com/error-codes#554conb1", "blocked.provider_blocklist"],
    ["421 4.7.1 : (CON:B1) https://postmaster.aol.com/error-codes#421conb1", "blocked.provider_blocklist"],
    ["554 (RLY:BL) http://postmaster.info.aol.com/errors/554rlybl.html", "blocked.provider_blocklist"],
    [
      "554 5.7.1 (RLY:B1) http://postmaster.info.aol.com/errors/554rlyb1.html",
      "sender_reputation.complaints",
    ],
  ];
  for (const [reply, reason] of cases) {
    const d = read(reply);
    assert.equal(d.reason, reason, reply);
    assert.equal(d.permanence, "soft", reply);
  }
  const ge = read("554 (RTR:GE) http://postmaster.info.aol.com/errors/554rtrge.html");
  assert.equal(ge.permanence, "soft");
  assert.equal(ge.action.type, "retry");
});

test("Yahoo: probing unknown recipients is a block of the sender, not relaying; Yahoo Japan's IP refusal is soft", () => {
  const mf = read("451 VS1-MF Excessive unknown recipients - possible Open Relay (#4.1.8)");
  assert.equal(mf.reason, "blocked.policy");
  const jp = read("553 Mail from 192.0.2.5 not allowed - VS98-IP0 deferred");
  assert.equal(jp.reason, "blocked.policy");
  assert.equal(jp.permanence, "soft");
});

test("Microsoft: 4.7.652's connection limit is a rate limit; OU-001 is a block list, OU-002 a spam verdict", () => {
  const conn = read(
    "451 4.7.652 The mail server [192.0.2.5] has exceeded the maximum number of connections. (S3115) [BN8NAM12FT016.eop-nam12.prod.protection.outlook.com]",
  );
  assert.equal(conn.reason, "rate_limit.too_many_connections");
  assert.equal(conn.action.type, "slow_down");
  // The rest of 4.7.5xx-6xx stays IP throttling.
  assert.equal(
    read(
      "451 4.7.500 Access denied, please try again later. (S844) [DB5EUR03FT059.eop-EUR03.prod.protection.outlook.com]",
    ).reason,
    "sender_reputation.ip_reputation",
  );
  assert.equal(
    read(
      "550 OU-001 (SNT0-MC4-F14) Unfortunately, messages from 192.0.2.4 weren't sent. Please contact your Internet service provider since part of their network is on our block list.",
    ).reason,
    "blocked.provider_blocklist",
  );
  assert.equal(
    read(
      "550 OU-002 (SNT004-MC1F47) Mail rejected by Windows Live Hotmail for policy reasons. Reasons for rejection may be related to content with spam-like characteristics or IP/domain reputation problems.",
    ).reason,
    "sender_reputation.spam",
  );
});

test("SparkPost's own replies: its back-off is a throttle; a timeout is soft and a cause in its last deferral wins", () => {
  const timeout = read(
    "554 5.4.7 [internal] message timeout (last transfail: 454 4.4.4 [internal] no MX or A for domain)",
  );
  assert.equal(timeout.reason, "recipient_error.expired");
  assert.equal(timeout.permanence, "soft");
  assert.equal(timeout.provider, "sparkpost");
  const full = read(
    "554 5.4.7 [internal] message timeout (last transfail: 452 4.2.2 The email account that you tried to reach is over quota.)",
  );
  assert.equal(full.category, "inbox_full");
  const suspended = read("451 4.3.0 [internal] Sending IP temporarily suspended");
  assert.equal(suspended.reason, "rate_limit.throttled");
  assert.equal(suspended.kind, "delay");
});

test("'Mailbox unavailable or access denied' is QQ's recipient limit only when QQ answered (its host, in the text or given, or its help page)", () => {
  const bare = read("550 Mailbox unavailable or access denied");
  assert.notEqual(bare.category, "rate_limit");
  assert.equal(bare.provider, null);
  assert.equal(
    read(
      "host mx3.qq.com[192.0.2.33] said: 550 Mailbox unavailable or access denied (in reply to RCPT TO command)",
    ).reason,
    "rate_limit.recipient_rate",
  );
  // QQ known from the caller's remote host alone (a log line, a webhook) is QQ too.
  const fromHost = diagnose(
    { response: "550 Mailbox unavailable or access denied", remoteHost: "mx3.qq.com" },
    { lang: "none" },
  );
  assert.deepEqual([fromHost.reason, fromHost.provider], ["rate_limit.recipient_rate", "tencent"]);
  // Words that are QQ's only from QQ are no alternative of another server's reply either.
  assert.ok(!bare.evidence.alternatives.some((a) => a.ruleId.startsWith("tencent.")));
});

test("a URIBL that refuses the receiver's resolver lists nobody: the receiver's trouble", () => {
  const d = read(
    "554 5.7.1 Service unavailable; Client host [mail.example.com] blocked using multi.uribl.com; 127.0.0.1 -> Query Refused. See http://uribl.com/refused.shtml for more information [Your DNS IP: 192.0.2.53]",
  );
  assert.equal(d.category, "recipient_error");
  assert.deepEqual(d.entities.ips, []);
  // A real URIBL listing stays a domain block.
  assert.equal(
    read("554 5.7.1 Service unavailable; Client host [mail.example.com] blocked using multi.uribl.com")
      .reason,
    "blocked.domain_blocklist",
  );
});
