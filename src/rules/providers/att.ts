import type { ProviderDef } from "../types.js";

const BLOCK_INFO = "http://worldnet.att.net/general-info/bls_info/block_enduser.html";

const DOMAINS = [
  "att.net",
  "sbcglobal.net",
  "bellsouth.net",
  "prodigy.net",
  "pacbell.net",
  "swbell.net",
  "ameritech.net",
];

/** AT&T: its hosts, the marks of its replies, and its own codes and phrases. */
export const ATT: ProviderDef = {
  id: "att",
  name: "AT&T",
  // Its users' domains are also the names of its mail hosts.
  hosts: DOMAINS,
  mailboxDomains: DOMAINS,
  markers: ["att.net", "abuse_rbl@abuse-att.net", "abuse-att.net", "dnsbl:attrbl", "mailrelay.att.net"],
  rules: [
    {
      id: "attrbl",
      reason: "blocked.provider_blocklist",
      match: ["dnsbl:attrbl", "dnsbl:rbl", "abuse_rbl@abuse-att.net"],
      priority: 70,
      example:
        "553 5.3.0 alpd682 DNSBL:ATTRBL 521< 192.0.2.1 >_is_blocked. For assistance forward this email to abuse_rbl@abuse-att.net",
      source: BLOCK_INFO,
    },
    {
      id: "rbl-is-blocked",
      reason: "blocked.provider_blocklist",
      // "521< 192.0.2.1 >_is_blocked" in the relays' replies, "521 <192.0.2.1> is blocked" in AT&T's table.
      match: /\b521 ?< ?[0-9a-f.:]{3,45} ?>[_ ]?is[_ ]blocked\b/,
      keywords: ["is_blocked", "> is blocked", ">is blocked"],
      priority: 70,
      example:
        "553 5.3.0 flpd575 DNSBL:RBL 521< 192.0.2.1 >_is_blocked.For assistance forward this error to abuse_rbl@abuse-att.net",
      source: BLOCK_INFO,
    },
    {
      id: "sbc-blacklist",
      reason: "blocked.provider_blocklist",
      match: ["sbc:blacklist.mailrelay.att.net", "dnsrbl: blocked for abuse", "ldap:ou=rblmx"],
      priority: 70,
      example: "550 blocked by sbc:blacklist.mailrelay.att.net. 521 DNSRBL: Blocked for abuse",
      source: "https://github.com/sisimai/go-sisimai",
    },
    {
      // AT&T Worldnet's own block ("a system that we have reason to think has sent high levels of spam").
      id: "blocked-for-abuse",
      reason: "blocked.provider_blocklist",
      match: "error. blocked for abuse",
      priority: 70,
      example: "550 Error. Blocked for abuse",
      source: "http://worldnet.att.net/general-info/mail_info/block_enduser.html",
    },
    {
      // No DNS information for the sending system (no PTR): "Blocked for status: <unknown sender>".
      id: "blocked-for-status",
      reason: "blocked.no_ptr",
      match: ["error. blocked for status", "failure in dns look-up"],
      priority: 66,
      example: "550 Error. Blocked for status: <unknown sender>",
      source: "http://worldnet.att.net/general-info/mail_info/block_enduser.html",
    },
    {
      // The sending system asked for more than the servers have free now: slow down and retry.
      id: "busy",
      reason: "rate_limit.throttled",
      match: "450 busy--please try again later",
      priority: 66,
      example: "450 busy--Please try again later",
      source: BLOCK_INFO,
    },
    {
      id: "fix-reverse-dns",
      reason: "blocked.no_ptr",
      match: /\bfix reverse dns for [0-9a-f.:]{3,45}/,
      keywords: ["fix reverse dns for"],
      priority: 66,
      example:
        "550 5.7.1 Connections not accepted from servers without a valid sender domain.flph829 Fix reverse DNS for 192.0.2.1",
      source: "https://smtpfieldmanual.com/provider/att",
    },
    {
      id: "unauthorized-interface",
      reason: "blocked.policy",
      match: "unauthorized interface for",
      priority: 66,
      example: "550 unauthorized interface for <192.0.2.1>",
      source: BLOCK_INFO,
    },
    {
      id: "suspended",
      reason: "inbox.disabled",
      match: ["mailbox currently suspended", "[suspend] mailbox"],
      priority: 66,
      example: "550 [suspend] Mailbox currently suspended--Please contact correspondent directly.",
      source: BLOCK_INFO,
    },
    {
      id: "permfail-sender-domain",
      reason: "rejection.invalid_sender",
      match: /\[permfail\] \S{1,253} requires valid sender domain/,
      keywords: ["requires valid sender domain"],
      priority: 66,
      example: "550 [permfail] bellsouth.net requires valid sender domain",
      source: BLOCK_INFO,
    },
    {
      id: "blank-mailhost",
      reason: "invalid_address.bad_syntax",
      match: "blank mailhost - invalid address",
      priority: 66,
      example: "550 5.2.1 <jane@prodigy.net>... blank mailhost - invalid address, relay=[192.0.2.1]",
      source: "https://smtpfieldmanual.com/provider/att",
    },
  ],
  codes: [
    {
      status: "5.3.0",
      reply: 521,
      reason: "blocked.provider_blocklist",
      example: "521 5.3.0 alph731 <192.0.2.1> see abuse_rbl@abuse-att.net",
    },
    {
      status: "5.3.0",
      reply: 553,
      reason: "blocked.provider_blocklist",
      example: "553 5.3.0 flpd575 see abuse_rbl@abuse-att.net",
    },
    {
      status: "5.2.1",
      reply: 550,
      reason: "invalid_address.user_unknown",
      example: "550 5.2.1 <jane@att.net>...",
    },
  ],
};
