import type { RuleTable } from "../types.js";

/** Exim: stock texts. */
export const EXIM: RuleTable = {
  id: "mta.exim",
  priority: 55,
  rules: [
    {
      id: "unrouteable",
      reason: "invalid_address.user_unknown",
      match: ["unrouteable address", "unroutable address"],
      priority: 55,
      example: "550 Unrouteable address",
      source: "Exim deliver.c / acl.c (no router accepted the address)",
    },
    {
      id: "retry-timeout",
      reason: "recipient_error.expired",
      match: ["retry timeout exceeded", "retry time not reached for any host after a long failure period"],
      priority: 55,
      example: "jane@example.com: retry timeout exceeded",
      source: "Exim retry.c",
    },
    {
      id: "hosts-failing",
      reason: "recipient_error.expired",
      match: "have been failing for a long time",
      priority: 55,
      example: "all hosts for 'example.com' have been failing for a long time (and retry time not reached)",
      source: "Exim transports/smtp.c",
    },
    {
      id: "mta-quota",
      reason: "inbox_full.over_quota",
      match: ["mta-imposed quota exceeded", "mailbox is full (mta-imposed quota"],
      priority: 60,
      example: "mailbox is full (MTA-imposed quota exceeded while writing to file /var/mail/jane)",
      source: "Exim transports/appendfile.c",
    },
    {
      id: "verification-failed",
      reason: "invalid_address.user_unknown",
      match: ["recipient verify failed", "verification failed for <"],
      priority: 55,
      example:
        "550-Verification failed for <jane@example.com> 550-Called: 192.0.2.2 550-Sent: RCPT TO:<jane@example.com> 550-Response: 550 5.1.1 No such user 550 Recipient verify failed",
      source: "Exim verify.c (callout verification)",
    },
    {
      // cPanel's Exim text for a failed callout. "May be blacklisted" is a hedge that names no list:
      // the address (or its domain) does not take mail. Said of the envelope sender ("Sender verify
      // failed"), the engine makes it the sender's.
      id: "cpanel-callout",
      reason: "invalid_address.user_unknown",
      match: "the account or domain may not exist",
      priority: 60,
      example:
        "550 The mail server could not deliver mail to jane@example.com.  The account or domain may not exist, they may be blacklisted, or missing the proper dns entries.",
      source: "cPanel Exim ACL (callout failure); KumoMTA assets/community/bounces.toml (InvalidRecipient)",
    },
    {
      // cPanel's Exim ACL refuses an envelope sender whose domain does not resolve.
      id: "sender-no-dns",
      reason: "rejection.invalid_sender",
      match: /\bsender (?:\(\S{1,253}\) )?has no a, aaaa,? or mx dns records\b/,
      keywords: ["has no a, aaaa"],
      priority: 58,
      example: "550 Sender (send.auth.example.com) has no A, AAAA, or MX DNS records",
      source: "cPanel Exim ACL; KumoMTA assets/community/bounces.toml (AuthenticationFailed)",
    },
    {
      id: "sender-verify",
      reason: "rejection.invalid_sender",
      match: "sender verify failed",
      priority: 55,
      example: "550 Sender verify failed",
      source: "Exim acl.c (verify = sender)",
    },
    {
      id: "lines-too-long",
      reason: "rejection.protocol",
      match: "message has lines too long for transport",
      priority: 58,
      example: "message has lines too long for transport",
      source: "Exim transports/smtp.c (message_linelength_limit)",
    },
    {
      id: "too-many-received",
      reason: "recipient_error.routing",
      match: /\btoo many "?received"? headers\b/,
      keywords: ["received"],
      priority: 60,
      example: 'Too many "Received" headers - suspected mail loop',
      source: "Exim receive.c (received_headers_max)",
    },
    {
      id: "size",
      reason: "rejection.size",
      match: ["message size exceeds maximum permitted", "message too big: read="],
      priority: 58,
      example: "552 Message size exceeds maximum permitted",
      source: "Exim smtp_in.c (message_size_limit)",
    },
    {
      id: "mx-nonexistent",
      reason: "recipient_error.dns_failure",
      match: [
        "all relevant mx records point to non-existent hosts",
        "all relevant mx records point to non existent hosts",
        "host lookup did not complete",
      ],
      priority: 56,
      example: "all relevant MX records point to non-existent hosts",
      source: "Exim routers/dnslookup.c",
    },
    {
      id: "remote-closed",
      reason: "recipient_error.connection_failed",
      match: /\bremote host closed connection in response to\b/,
      keywords: ["closed connection in response to"],
      priority: 56,
      example:
        "SMTP error from remote mail server after end of data: Remote host closed connection in response to end of data",
      source: "Exim transports/smtp.c",
    },
    {
      id: "child-process",
      reason: "recipient_error.mailer_error",
      match: /\bchild process of \S{1,64} transport returned \d{1,3}\b/,
      keywords: ["child process of"],
      priority: 56,
      example:
        "Child process of address_pipe transport returned 69 (could mean service or program unavailable) from command: /usr/bin/procmail",
      source: "Exim transports/pipe.c",
    },
    {
      id: "tls-required",
      reason: "recipient_error.tls_failure",
      match: "a tls session is required, but the server did not offer tls support",
      priority: 58,
      example: "a TLS session is required, but the server did not offer TLS support",
      source: "Exim transports/smtp.c (hosts_require_tls)",
    },
    {
      id: "protocol-errors",
      reason: "rejection.protocol",
      match: ["too many syntax or protocol errors", "too many unrecognized commands"],
      priority: 56,
      example: "421 mx.example.com: too many syntax or protocol errors",
      source: "Exim smtp_in.c",
    },
    {
      id: "restricted-characters",
      reason: "invalid_address.bad_syntax",
      match: "restricted characters in address",
      priority: 56,
      example: "550 Restricted characters in address",
      source: "Exim default configuration (acl_check_rcpt)",
    },
  ],
};
