import type { ProviderDef } from "../types.js";

const ERROR_CODES = "https://senders.yahooinc.com/smtp-error-codes";
const SISIMAI = "https://github.com/sisimai/p5-sisimai/blob/master/lib/Sisimai/Rhost/YahooInc.pm";
const FIELD_MANUAL = "https://smtpfieldmanual.com/provider/yahoo";
const AOL_ERRORS = "http://postmaster.aol.com/errors/";
const AOL_ERRORS_PHP = "http://postmaster.aol.com/Postmaster.Errors.php";

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
      // Yahoo's older list: the same refusal of the sending IP, without a TS code.
      id: "messages-permanently-deferred",
      reason: "blocked.provider_blocklist",
      match: /\bmessages from \S{1,64} permanently deferred\b/,
      keywords: ["permanently deferred"],
      priority: 70,
      permanence: "hard",
      example: "421 4.7.1 Messages from x.x.x.x permanently deferred",
      // Yahoo's older SMTP error list, as reproduced at germamojo.blogg.se.
      source: "http://germamojo.blogg.se/2022/may/how-to-block-emails-on-yahoo-on-iphone.html",
    },
    {
      // "421 Message temporarily deferred - [numeric code]" (4.16.50, 4.16.51, …): Yahoo's deferral
      // for mail with characteristics of spam, or that its users complain about (Yahoo's postmaster
      // help page, as blog.csdn.net/congchenjin2969/article/details/100485478 quotes it).
      id: "deferred-4-16",
      reason: "sender_reputation.complaints",
      match: /\btemporarily deferred - 4\.16\.5\d\b/,
      keywords: ["temporarily deferred - 4.16.5"],
      priority: 68,
      example: "421 Message temporarily deferred - 4.16.51",
      source: "http://help.yahoo.com/l/us/yahoo/mail/postmaster/postmaster-22.html",
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
      // Yahoo's older deferral of a sender (VS1-IP: the IP, VS1-MF: the MAIL FROM) that probed many
      // unknown addresses: a block of the sender, not relaying ("possible Open Relay" is its guess why).
      id: "vs1-unknown-recipients",
      reason: "blocked.policy",
      match: ["vs1-ip", "vs1-mf", "excessive unknown recipients - possible open relay"],
      priority: 66,
      example: "451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8)",
      source: "https://github.com/zone-eu/zone-mta/blob/master/config/bounces.txt",
    },
    {
      // Yahoo Japan refuses the sending IP for a while ("deferred"); KumoMTA suspends the queue an hour.
      id: "vs98-ip-deferred",
      reason: "blocked.policy",
      match: "vs98-ip0 deferred",
      priority: 66,
      permanence: "soft",
      example: "553 Mail from 192.0.2.5 not allowed - VS98-IP0 deferred",
      source: "https://github.com/KumoCorp/kumomta/blob/main/assets/community/shaping.toml",
    },
    // --- AOL's own codes ("(RTR:BL)", "(CON:B1)", …: postmaster.aol.com/error-codes) ---------------
    {
      // A dynamic or residential IP: AOL lifts it once the IP has a proper host name (FQDN).
      id: "aol-rtr-bb",
      reason: "blocked.no_ptr",
      // RTR:RD: "The reverse DNS of your IP Address is typical of a dynamic IP Address".
      match: ["rtr:bb", "rtr:rd"],
      priority: 68,
      example:
        "554- (RTR:BB) The IP address you are using to connect to AOL is a dynamic (residential) IP address. AOL will not accept future e-mail transactions from this IP address until your ISP removes this IP address from its list of dynamic (residential) IP addresses.",
      source: AOL_ERRORS,
    },
    {
      // "AOL works with http://www.spamhaus.org to maintain lists of dynamic and residential IP
      // addresses": the IP is on Spamhaus's list of them (the PBL), delisted there.
      id: "aol-rtr-du",
      reason: "blocked.dnsbl",
      match: "rtr:du",
      priority: 68,
      example: "554 RTR:DU http://postmaster.info.aol.com/errors/554rtrdu.html",
      source: AOL_ERRORS,
    },
    {
      // "You are sending email from an IP address not yet delegated or allocated."
      id: "aol-rtr-bg",
      reason: "blocked.policy",
      match: "rtr:bg",
      priority: 68,
      example: "554 RTR:BG",
      source: AOL_ERRORS_PHP,
    },
    {
      // A dynamic IP that also sent to many invalid recipients.
      id: "aol-rly-ir",
      reason: "blocked.policy",
      match: "rly:ir",
      priority: 68,
      example: "554 (RLY:IR) http://postmaster.info.aol.com/errors/554rlyir.html",
      source: AOL_ERRORS,
    },
    {
      // RTR:BL and RLY:BL: a block of the IP for its poor reputation; CON:B1: a temporary block after
      // a spike in unfavourable statistics.
      id: "aol-ip-blocked",
      reason: "blocked.provider_blocklist",
      match: ["rtr:bl", "rly:bl", "con:b1"],
      priority: 68,
      example: "554 (RTR:BL) http://postmaster.info.aol.com/errors/554rtrbl.html",
      source: "https://blog.mailchannels.com/?p=953",
    },
    {
      // "A dynamic block … placed on an IP address when AOL member complaints go over our set
      // threshold", lifted within 24 hours once they are below it.
      id: "aol-rly-b1",
      reason: "sender_reputation.complaints",
      match: "rly:b1",
      priority: 68,
      example: "554 (RLY:B1) http://postmaster.info.aol.com/errors/554rlyb1.html",
      source: "http://postmaster.info.aol.com/errors/554rlyb1.html",
    },
    {
      // The sender's network sends mail that matches known spam (RTR:CH: "A computer or computer(s) on
      // your network may be compromised and is sending mail that matches the signature of known spam").
      id: "aol-rly-ch",
      reason: "sender_reputation.spam",
      match: ["rly:ch", "rtr:ch"],
      priority: 68,
      example: "421 (RLY:CH) http://postmaster.info.aol.com/errors/421rlych.html",
      source: AOL_ERRORS,
    },
    {
      // A fault at AOL: retried (after a day, senders' tables say), not a refusal of the sender.
      id: "aol-rtr-ge",
      reason: "recipient_error.server_error",
      match: "rtr:ge",
      priority: 68,
      permanence: "soft",
      example: "554 (RTR:GE) http://postmaster.info.aol.com/errors/554rtrge.html",
      source: AOL_ERRORS,
    },
    {
      // Too much mail too fast from this IP: deferred.
      id: "aol-dyn-t1",
      reason: "rate_limit.throttled",
      match: /\bdyn:t\d\b/,
      keywords: ["dyn:t"],
      priority: 68,
      example: "421 4.7.1 : (DYN:T1) https://postmaster.aol.com/error-codes#421dynt1",
      source: AOL_ERRORS,
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
