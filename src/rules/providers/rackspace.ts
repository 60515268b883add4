import type { ProviderDef } from "../types.js";

const DOCS = "https://docs.rackspace.com/docs/common-email-bounces";
const CODES = "https://smtp.codes/rackspace";

/** Rackspace Email: its hosts, the marks of its replies, and its own codes and phrases. */
export const RACKSPACE: ProviderDef = {
  id: "rackspace",
  name: "Rackspace Email",
  hosts: ["emailsrvr.com", "rackspace.com"],
  markers: ["emailsrvr.com", "rackspace", "bounce.emailsrvr"],
  rules: [
    {
      id: "dns-rbl",
      reason: "blocked.dnsbl",
      match: ["acl dns_rbl", "blagr.emailsrvr.com"],
      example:
        "554 5.7.1 ACL dns_rbl; Client host [192.0.2.1] blocked using sa-ip4tset.blagr.emailsrvr.com=127.22.0.2 Senderscore. Please visit https://senderscore.org/rtbl/ for more information on why this message could not be delivered",
      source: DOCS,
      priority: 70,
    },
    {
      id: "server-blocked",
      reason: "blocked.provider_blocklist",
      match: "client host rejected: the sender's mail server is blocked",
      example: "554 5.7.1 <servername[192.0.2.1]>: Client host rejected: The sender's mail server is blocked",
      source: DOCS,
      priority: 66,
    },
    {
      id: "sender-blocked",
      reason: "blocked.sender_blocked",
      match: [
        "sender address rejected: blocked by this domain",
        "sender address rejected: blocked by this recipient",
      ],
      example: "554 5.7.1 <jane@example.com>: Sender address rejected: Blocked by this recipient",
      source: DOCS,
      priority: 66,
    },
    {
      id: "too-much-spam",
      reason: "rate_limit.throttled",
      match: "throttled - too much spam from your mail server",
      example:
        "451 4.3.0 <servername[192.0.2.1]>: Client host rejected: Throttled - Too much spam from your mail server. Try again later.",
      source: DOCS,
      priority: 66,
    },
    {
      id: "detected-sending-spam",
      reason: "sender_reputation.spam",
      match: "you have been detected sending spam",
      example: "550 Your message has been rejected because you have been detected sending spam.",
      source: DOCS,
      priority: 66,
    },
    {
      id: "concurrent-connections",
      reason: "rate_limit.too_many_connections",
      match: "too many concurrent connections from this client",
      example: "421 Too many concurrent connections from this client (G2)",
      source: DOCS,
      priority: 66,
    },
    {
      id: "no-ptr",
      reason: "blocked.no_ptr",
      // Rackspace's code in brackets: the words alone are Postfix's too.
      match: "has no ptr record (g1f)",
      example: "450 4.7.1 Client host 192.0.2.1 has no PTR record (G1F)",
      source: CODES,
      priority: 66,
    },
    {
      id: "split-domain-soft",
      reason: "recipient_error.unavailable",
      match: "the recipient's server was temporarily unavailable to accept your message",
      example:
        "450 4.4.1 <jane@example.com>: The recipient's server was temporarily unavailable to accept your message (G6)",
      source: DOCS,
      priority: 66,
    },
    {
      id: "split-domain-hard",
      reason: "invalid_address.not_accepted",
      match: "the recipient's server refused to accept your message",
      example: "550 5.7.1 <jane@example.com>: The recipient's server refused to accept your message (G7)",
      source: DOCS,
      priority: 66,
    },
    {
      id: "address-not-found",
      reason: "invalid_address.user_unknown",
      match: "email address could not be found, or was misspelled",
      example: "550 5.1.1 <jane@example.com>: Email address could not be found, or was misspelled (G8)",
      source: DOCS,
      priority: 66,
    },
    {
      id: "mailbox-flooded",
      reason: "rate_limit.recipient_rate",
      match: "mailbox received too much email in a short period of time",
      example:
        "450 4.2.1 <jane@example.com>: Mailbox received too much email in a short period of time (G30)",
      source: CODES,
      priority: 66,
    },
    {
      id: "new-ip",
      reason: "sender_reputation.new_ip",
      match: "received too many messages from a new or untrusted ip",
      example: "451 4.7.1 Received too many messages from a new or untrusted IP (G28)",
      source: CODES,
      priority: 66,
    },
    {
      id: "dmarc-lookup",
      reason: "recipient_error.dns_failure",
      match: "temporary dmarc dns lookup failure",
      example: "450 4.4.0 <jane@example.com> Temporary DMARC DNS lookup failure (G1E)",
      source: CODES,
      priority: 66,
    },
    {
      id: "dmarc-reject",
      reason: "dmarc.policy_reject",
      match: /email rejected per dmarc policy for \S{1,253} \(G15\)/,
      keywords: ["(g15)"],
      example: "550 5.7.1 Email rejected per DMARC policy for example.com (G15)",
      source: DOCS,
      priority: 66,
    },
    {
      id: "routing-loop",
      reason: "recipient_error.routing",
      match: "routing loop detected (g16)",
      example: "450 4.4.6 Routing loop detected (G16)",
      source: CODES,
      priority: 66,
    },
    {
      id: "too-large",
      reason: "rejection.size",
      match: "message too large (g17)",
      example: "550 5.3.4 Message too large (G17)",
      source: DOCS,
      priority: 66,
    },
    {
      id: "banned-attachment",
      reason: "rejection.attachment",
      match: ["contains a banned file attachment", "can be used to exploit winzip"],
      example:
        "550 5.7.0 [blocked file] - Your message has been rejected because it contains a banned file attachment (G1A)",
      source: DOCS,
      priority: 66,
    },
    {
      id: "invalid-data",
      reason: "rejection.protocol",
      match: "invalid data in message> #smtp#",
      example: "554 5.5.2 <jane@nonqualifieddomain>: Invalid data in message> #SMTP#",
      source: DOCS,
      priority: 62,
    },
  ],
  codes: [],
};
