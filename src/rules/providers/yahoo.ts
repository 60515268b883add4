import type { ProviderDef } from "../types.js";

const ERROR_CODES = "https://senders.yahooinc.com/smtp-error-codes";
const SISIMAI = "https://github.com/sisimai/p5-sisimai/blob/master/lib/Sisimai/Rhost/YahooInc.pm";
const FIELD_MANUAL = "https://smtpfieldmanual.com/provider/yahoo";

/** Yahoo / AOL: its hosts, the marks of its replies, and its own codes and phrases. */
export const YAHOO: ProviderDef = {
  id: "yahoo",
  name: "Yahoo / AOL",
  hosts: ["yahoodns.net", "yahoo.com", "aol.com", "mx.aol.com", "yahoo.co.jp"],
  mailboxDomains: ["yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "aim.com", "verizon.net"],
  regionalNames: ["yahoo", "ymail", "aol"],
  markers: [
    "postmaster.yahooinc.com",
    "senders.yahooinc.com",
    "postmaster.verizonmedia.com",
    "yahoo.com/error",
    "postmaster.aol.com",
    "postmaster.yahoo.com",
    "help.yahoo.com/kb/postmaster",
    "yahoodns.net",
  ],
  rules: [
    {
      id: "tss04",
      reason: "sender_reputation.complaints",
      match: ["[tss04]", "[ts04]", "temporarily deferred due to unexpected volume or user complaints"],
      priority: 68,
      example:
        "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
      source: SISIMAI,
    },
    {
      id: "ts01-ts02",
      reason: "sender_reputation.complaints",
      match: ["[ts01]", "[ts02]", "[tss01]", "[tss02]", "temporarily deferred due to user complaints"],
      priority: 68,
      example:
        "421 4.7.0 [TS01] Messages from 192.0.2.1 temporarily deferred due to user complaints - 4.16.55.1; see https://help.yahoo.com/kb/postmaster/SLN3434.html",
      source: "https://smtpfieldmanual.com/provider/yahoo/421/4.7.0",
    },
    {
      id: "permanently-deferred",
      reason: "blocked.provider_blocklist",
      match: ["[tss09]", "[tss11]", "[ts03]", "will be permanently deferred; retrying will not succeed"],
      priority: 70,
      // "Retrying will NOT succeed": fix the cause first.
      permanence: "hard",
      example:
        "553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes",
      source: SISIMAI,
    },
    {
      id: "spamhaus-bl",
      reason: "blocked.dnsbl",
      match: ["[bl21]", "[bl22]", "[bl23]"],
      priority: 70,
      example:
        "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list; see http://postmaster.yahoo.com/550-bl23.html",
      source: SISIMAI,
    },
    {
      id: "ph01",
      reason: "rejection.content",
      match: ["[ph01]", "[ph02]", "[ph03]", "[ph04]", "[ph05]"],
      priority: 68,
      example:
        "554 Message not allowed - [PH01] Email not accepted for policy reasons. Please visit https://postmaster.yahooinc.com/error-codes [120]",
      source: FIELD_MANUAL,
    },
    {
      id: "unauthenticated",
      reason: "dmarc.unauthenticated",
      match: "yahoo requires all senders to authenticate with either spf or dkim",
      priority: 68,
      example:
        "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.",
      source: SISIMAI,
    },
    {
      id: "unresolvable-from",
      reason: "rejection.invalid_sender",
      match: /\bunresolvable rfc\.?532[12] (?:from )?domain\b/,
      keywords: ["unresolvable rfc"],
      priority: 66,
      example:
        "451 Message temporarily deferred due to unresolvable RFC.5321 from domain. See https://senders.yahooinc.com/error-codes#unresolvable-from-domain",
      source: ERROR_CODES,
    },
    {
      id: "no-yahoo-account",
      reason: "invalid_address.user_unknown",
      match: /\bthis user doesn't have an? [a-z0-9.-]{1,60} account\b/,
      keywords: ["this user doesn't have a"],
      priority: 66,
      example:
        "554 delivery error: dd This user doesn't have a yahoo.com account (jane@yahoo.com) [-5] - mta1234.mail.ne1.yahoo.com",
      source: ERROR_CODES,
    },
    {
      id: "no-longer-valid",
      reason: "invalid_address.user_unknown",
      match: /\bdelivery error: dd \S{1,254} is no longer valid\b/,
      keywords: ["is no longer valid"],
      priority: 66,
      example: "554 delivery error: dd jane@yahoo.com is no longer valid. [-20] - mta1234.mail.ne1.yahoo.com",
      source: FIELD_MANUAL,
    },
    {
      id: "mailbox-disabled",
      reason: "inbox.disabled",
      match: ["this mailbox is disabled (554.30)"],
      priority: 66,
      permanence: "hard",
      example:
        "554 delivery error: dd Sorry, your message to jane@yahoo.com cannot be delivered. This mailbox is disabled (554.30). - mta1234.mail.ne1.yahoo.com",
      source: FIELD_MANUAL,
    },
    {
      id: "max-per-connection",
      reason: "rate_limit.throttled",
      match: "max message per connection reached",
      priority: 66,
      example: "421 Max message per connection reached, closing transmission channel",
      source: FIELD_MANUAL,
    },
    {
      id: "headers-not-rfc",
      reason: "rejection.protocol",
      match: "headers are not rfc compliant",
      priority: 62,
      example: "554 Message not allowed - Headers are not RFC compliant[291]",
      source: FIELD_MANUAL,
    },
  ],
  codes: [
    {
      status: "5.7.9",
      reason: "dmarc.policy_reject",
      example: "554 5.7.9 See https://postmaster.yahooinc.com/error-codes",
    },
    {
      status: "5.7.2",
      reply: 553,
      reason: "blocked.provider_blocklist",
      example: "553 5.7.2 See https://postmaster.yahooinc.com/error-codes",
    },
    {
      status: "4.7.0",
      reply: 421,
      reason: "sender_reputation.complaints",
      example: "421 4.7.0 See https://postmaster.yahooinc.com/error-codes",
    },
  ],
};
