import type { ProviderDef } from "../types.js";

const ESA = "Cisco Secure Email Gateway (AsyncOS) default SMTP responses";

/** Cisco Secure Email (IronPort): its hosts, the marks of its replies, and its own codes and phrases. */
export const CISCO: ProviderDef = {
  id: "cisco",
  name: "Cisco Secure Email (IronPort)",
  hosts: ["iphmx.com", "ironport.com"],
  markers: ["iphmx.com", "ironport", "senderbase"],
  rules: [
    {
      id: "hat-poor-reputation",
      reason: "sender_reputation.ip_reputation",
      // Some appliances' banner text drops the apostrophe ("the sending MTA poor reputation").
      match: ["sending mta's poor reputation", "sending mta poor reputation"],
      priority: 66,
      example:
        "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.",
      source: `${ESA}: HAT BLOCKED_LIST reject`,
    },
    {
      id: "sdr-poor-reputation",
      reason: "sender_reputation.domain_reputation",
      match: "poor reputation of a domain used in message transfer",
      priority: 66,
      example:
        "550 #5.7.1 Your access to this mail system has been rejected due to poor reputation of a domain used in message transfer. If you believe that this failure is in error, please contact the intended recipient via alternate means.",
      source: `${ESA}: Sender Domain Reputation reject`,
    },
    {
      id: "senderbase",
      reason: "sender_reputation.ip_reputation",
      match: "rejected by senderbase",
      priority: 66,
      example: "554 #5.7.1 rejected by SenderBase",
      source: ESA,
    },
    {
      id: "access-rejected",
      reason: "blocked.policy",
      match: "your access to submit messages to this e-mail system has been rejected",
      priority: 62,
      example: "550 #5.7.1 Your access to submit messages to this e-mail system has been rejected.",
      source: `${ESA}: HAT reject at RCPT`,
    },
    {
      id: "dmarc",
      reason: "dmarc.policy_reject",
      match: "dmarc unauthenticated mail is prohibited",
      priority: 66,
      example: "550 #5.7.1 DMARC unauthenticated mail is prohibited",
      source: `${ESA}: DMARC verification profile reject`,
    },
    {
      id: "spf",
      reason: "dmarc.spf_fail",
      match: "spf unauthorized mail is prohibited",
      priority: 66,
      example: "550 5.7.1 SPF unauthorized mail is prohibited.",
      source: `${ESA}: SPF verification reject`,
    },
    {
      id: "ldap-accept",
      reason: "invalid_address.user_unknown",
      match: /#5\.1\.0 address rejected\b/,
      keywords: ["#5.1.0 address rejected"],
      priority: 62,
      example: "550 #5.1.0 Address rejected.",
      source: `${ESA}: LDAP accept query reject`,
    },
    {
      id: "hourly-throttle",
      reason: "rate_limit.throttled",
      match: "too many recipients received this hour",
      priority: 64,
      example: "452 Too many recipients received this hour",
      source: `${ESA}: HAT THROTTLED policy (max recipients per hour)`,
    },
    {
      id: "sender-dns",
      reason: "rejection.invalid_sender",
      match: /#[45]\.1\.8 domain of sender address\b/,
      keywords: ["domain of sender address"],
      priority: 62,
      example: "553 #5.1.8 Domain of sender address <bounce@example.invalid> does not exist",
      source: `${ESA}: Envelope Sender DNS Verification`,
    },
    {
      id: "expired",
      reason: "recipient_error.expired",
      match: "delivery expired (message too old)",
      priority: 62,
      example: "5.4.7 - Delivery expired (message too old) 'timeout' (delivery attempts: 21)",
      source: "Cisco Secure Email Gateway bounce notification",
    },
  ],
  codes: [],
};
