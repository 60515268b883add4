import type { ProviderDef } from "../types.js";

const DOC = "https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754";

/** Mimecast: its hosts, the marks of its replies, and its own codes and phrases. */
export const MIMECAST: ProviderDef = {
  id: "mimecast",
  name: "Mimecast",
  hosts: ["mimecast.com", "mimecast-offshore.com", "mimecast.co.za", "mimecast-pscom.com"],
  markers: ["mimecast", "doc-1369", "mcspamsignature"],
  rules: [
    {
      id: "envelope-blocked-user",
      reason: "blocked.sender_blocked",
      // Mimecast's table writes an en dash ("Envelope blocked – User Entry"), its replies a hyphen.
      match: /\benvelope blocked [-\u2013] user (?:domain )?entry\b/,
      keywords: ["envelope blocked"],
      priority: 66,
      example: "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "administrative-prohibition",
      reason: "blocked.sender_blocked",
      match: /\badministrative prohibition\b[^.]{0,6}\benvelope blocked\b/,
      keywords: ["administrative prohibition"],
      priority: 66,
      example:
        "550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "header-blocked-senders",
      reason: "blocked.sender_blocked",
      match: /\brejected by header[- ]based (?:manually )?blocked senders\b/,
      keywords: ["blocked senders"],
      priority: 66,
      example:
        "550 Rejected by header based Blocked Senders - Block policy for Header From - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "envelope-block-policy",
      reason: "blocked.sender_blocked",
      match: ["block policy for envelope from address", "policy level block list in force"],
      priority: 66,
      example:
        "550 Envelope rejected - Block policy for Envelope From address - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "sender-address-blocked",
      reason: "blocked.policy",
      match: "sender address blocked",
      priority: 64,
      example: "421 Sender address blocked - https://community.mimecast.com/docs/DOC-1369#421",
      source: DOC,
    },
    {
      // Despite the words, Mimecast's table explains it as a limit: "You've reached your mail
      // server's limit. Wait and try again ... until you're under the limit."
      id: "ip-temporarily-blacklisted",
      reason: "rate_limit.throttled",
      match: "ip temporarily blacklisted",
      priority: 64,
      example: "451 IP temporarily blacklisted - https://community.mimecast.com/docs/DOC-1369#451",
      source: DOC,
    },
    {
      id: "rbl",
      reason: "blocked.dnsbl",
      match: ["ip found in rbl", "spamcop.mimecast.org"],
      priority: 64,
      example: "550 IP found in RBL - https://community.mimecast.com/docs/DOC-1369#550",
      source: 'Mimecast rejection reason "IP Found in RBL" (Message Center: Rejected and Deferred Messages)',
    },
    {
      id: "host-network-not-allowed",
      reason: "blocked.policy",
      match: /\bhost network,? not allowed\b/,
      keywords: ["host network"],
      priority: 64,
      example: "554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554",
      source: DOC,
    },
    {
      id: "ip-reputation",
      reason: "sender_reputation.ip_reputation",
      match: "local ct ip reputation",
      priority: 64,
      example: "550 Local CT IP Reputation - (reject) - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "greylisting",
      reason: "rate_limit.greylisted",
      match: /\binternal resources? (?:is |are )?temporarily unavailable\b/,
      keywords: ["internal resource"],
      priority: 64,
      permanence: "soft",
      example:
        "451 Internal resource is temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451",
      source: DOC,
    },
    {
      // Too many concurrent outbound connections for the account.
      id: "outbound-thread-limit",
      reason: "rate_limit.too_many_connections",
      match: "exceeding outbound thread limit",
      priority: 64,
      example: "550 Exceeding outbound thread limit",
      source: DOC,
    },
    {
      id: "account-connections",
      reason: "rate_limit.too_many_connections",
      match: "account service is temporarily unavailable",
      priority: 64,
      example:
        "451 Account service is temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451",
      source: DOC,
    },
    {
      id: "server-load",
      reason: "recipient_error.unavailable",
      match: [
        "unable to process connection at this time",
        "unable to process an email at this time",
        "unable to process command",
      ],
      priority: 52,
      example:
        "421 Unable to process connection at this time - https://community.mimecast.com/docs/DOC-1369#421",
      source: DOC,
    },
    {
      id: "inbounds-disabled",
      reason: "recipient_error.unavailable",
      match: "account inbounds disabled",
      priority: 62,
      example: "451 Account inbounds disabled - https://community.mimecast.com/docs/DOC-1369#451",
      source: DOC,
    },
    {
      // The Mimecast customer's own outbound mail is switched off in its Administration Console.
      id: "outbounds-disabled",
      reason: "blocked.policy",
      match: "account outbounds disabled",
      priority: 62,
      example: "451 Account outbounds disabled",
      source: DOC,
    },
    {
      // Omni Directional hostnames are enabled for the account.
      id: "hostname-not-authorized",
      reason: "recipient_error.routing",
      match: "hostname is not authorized",
      priority: 62,
      example: "451 Hostname is not authorized",
      source: DOC,
    },
    {
      // Journaling of messages older than the expiry threshold.
      id: "journal-expired",
      reason: "rejection.policy",
      match: "journal message past expiration",
      priority: 62,
      example: "550 Journal message past expiration",
      source: DOC,
    },
    {
      // Port 587 submission with wrong authentication details (Mimecast's words, as printed).
      id: "submitter-failed",
      reason: "recipient_error.smtp_auth",
      match: "submitter failed to disabled",
      priority: 62,
      example: "550 Submitter failed to disabled",
      source: DOC,
    },
    {
      // An umbrella account's domain names do not match its DNS.
      id: "certificate-configuration",
      reason: "recipient_error.tls_failure",
      match: "configuration is invalid for this certificate",
      priority: 62,
      example: "554 Configuration is invalid for this certificate",
      source: DOC,
    },
    {
      id: "incorrect-hostname",
      reason: "recipient_error.routing",
      match: "incorrect hostname used for inbounds",
      priority: 62,
      example:
        "550 The incorrect hostname used for inbounds - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      // TLS required by policy (or a newer version, stronger ciphers): the sender's setup to change.
      id: "tls-required",
      reason: "recipient_error.tls_required",
      match: [
        "this route requires encryption",
        "this route requires tls version",
        "this route requires high-strength ciphers",
      ],
      priority: 64,
      example: "553 This route requires encryption (TLS) - https://community.mimecast.com/docs/DOC-1369#553",
      source: DOC,
    },
    {
      id: "spf-invalid",
      reason: "dmarc.spf_fail",
      match: "spf sender invalid",
      priority: 66,
      example:
        "550 SPF Sender Invalid - envelope rejected - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "dkim-invalid",
      reason: "dmarc.dkim_fail",
      match: "dkim sender invalid",
      priority: 66,
      example:
        "550 DKIM Sender Invalid - envelope rejected - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "dmarc-invalid",
      reason: "dmarc.policy_reject",
      match: "dmarc sender invalid",
      priority: 66,
      example:
        "550 DMARC Sender Invalid - envelope rejected - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      // Mail from outside that claims the recipient's own domain: an authentication matter.
      id: "anti-spoofing",
      reason: "dmarc.unauthenticated",
      match: [
        "anti-spoofing policy - inbound not allowed",
        "header based anti-spoofing policy",
        "header-based anti-spoofing policy",
      ],
      priority: 64,
      example:
        "550 Rejected by header based Anti-Spoofing policy: jane@example.com - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "content-examination",
      reason: "rejection.content",
      match: "content examination policy",
      priority: 64,
      example:
        "550 Message bounced due to Content Examination policy - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
    {
      id: "spam-signature",
      reason: "rejection.content",
      match: "mcspamsignature",
      priority: 66,
      example:
        "554 email rejected due to security policies - MCSpamSignature.sa.2.2 (in reply to end of DATA command)",
      source: DOC,
    },
    {
      id: "security-policies",
      reason: "rejection.content",
      match: "email rejected due to security policies",
      priority: 62,
      example:
        "554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554",
      source: DOC,
    },
    {
      id: "size",
      reason: "rejection.size",
      match: "maximum email size exceeded",
      priority: 64,
      example: "554 Maximum email size exceeded - https://community.mimecast.com/docs/DOC-1369#554",
      source: DOC,
    },
    {
      id: "mail-loop",
      reason: "recipient_error.routing",
      match: "mail loop detected - https://community.mimecast.com",
      priority: 58,
      example: "554 Mail loop detected - https://community.mimecast.com/docs/DOC-1369#554",
      source: DOC,
    },
    {
      id: "open-relay",
      reason: "rejection.relay_denied",
      match: /\bopen relay (?:is )?not allowed\b/,
      keywords: ["open relay"],
      priority: 64,
      example: "451 Open relay not allowed - https://community.mimecast.com/docs/DOC-1369#451",
      source: DOC,
    },
    {
      id: "message-ended-early",
      reason: "rejection.protocol",
      match: "message ended early",
      priority: 62,
      example: "451 Message ended early - https://community.mimecast.com/docs/DOC-1369#451",
      source: DOC,
    },
    {
      id: "unresolvable-sender-domain",
      reason: "rejection.invalid_sender",
      match: "unresolvable rfc.5321 from domain",
      priority: 64,
      example:
        "451 Message temporarily deferred due to unresolvable RFC.5321 from domain - https://community.mimecast.com/docs/DOC-1369#451",
      source: DOC,
    },
    {
      id: "invalid-recipient",
      reason: "invalid_address.user_unknown",
      match: /\binvalid recipient - https?:\/\/community\.mimecast\.com\b/,
      keywords: ["community.mimecast.com"],
      priority: 62,
      example: "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550",
      source: DOC,
    },
  ],
  codes: [
    {
      status: null,
      reply: 451,
      reason: "rate_limit.greylisted",
      example:
        "451 Internal resource is temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451",
    },
  ],
};
