import type { ProviderDef } from "../types.js";

const IPCHECK = "https://ipcheck.proofpoint.com/";

/** Proofpoint: its hosts, the marks of its replies, and its own codes and phrases. */
export const PROOFPOINT: ProviderDef = {
  id: "proofpoint",
  name: "Proofpoint",
  hosts: ["pphosted.com", "gpphosted.com", "ppops.net", "ppe-hosted.com", "proofpoint.com"],
  markers: ["pphosted", "ipcheck.proofpoint.com", "proofpoint", "ppe-hosted"],
  rules: [
    {
      id: "ipcheck-blocked",
      reason: "blocked.provider_blocklist",
      match: /\b(?:blocked|rejected)\s*-\s*(?:see|please refer to)\s+https?:\/\/ipcheck\.proofpoint\.com\b/,
      keywords: ["ipcheck.proofpoint.com"],
      priority: 70,
      example: "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
      source: IPCHECK,
    },
    {
      // Proofpoint Dynamic Reputation "delays" an IP whose mail scores as spam, for minutes, lifted
      // automatically: a reputation deferral (the replies say IP_REPUTATION), not a listing to delist.
      // Above the blocklist rule that the ipcheck link alone would trigger.
      id: "pdr-deferred",
      reason: "sender_reputation.ip_reputation",
      match: /\bdeferred\s*-\s*(?:see|please refer to)\s+https?:\/\/ipcheck\.proofpoint\.com\b/,
      keywords: ["ipcheck.proofpoint.com"],
      priority: 81,
      example:
        "421 Deferred - see https://ipcheck.proofpoint.com/?ip=192.0.2.1 Rejected by recipient's email security filter IP_REPUTATION Ask the recipient to allowlist your sending IP addresses.",
      source: "https://www.proofpoint.com/us/support-services/ip-blocked-faq",
    },
    {
      id: "pdr",
      reason: "blocked.provider_blocklist",
      match: "proofpoint dynamic reputation",
      priority: 70,
      example: "5.7.1 Service unavailable; client [192.0.2.1] blocked using Proofpoint Dynamic Reputation",
      source: IPCHECK,
    },
    {
      id: "dmarc",
      reason: "dmarc.policy_reject",
      match: "email rejected per dmarc policy",
      priority: 66,
      example: "550 5.7.1 Email rejected per DMARC policy for example.com (in reply to end of DATA command)",
      source: "Proofpoint Email Protection DMARC reject response",
    },
    {
      id: "spf",
      reason: "dmarc.spf_fail",
      match: "email rejected per spf policy",
      priority: 66,
      example: "550 5.7.1 Email rejected per SPF policy for example.com",
      source: "Proofpoint Email Protection SPF reject response",
    },
    {
      id: "smtp-discovery",
      reason: "invalid_address.user_unknown",
      match: "user email address is marked as invalid",
      priority: 66,
      example:
        "550 5.7.1 <jane@example.com>: Recipient address rejected: User email address is marked as invalid.",
      source:
        "Proofpoint Essentials (SMTP Discovery) — https://www.spambrella.com/faq/email-delivery-error-codes/",
    },
  ],
  codes: [
    {
      status: "5.7.0",
      reply: 554,
      reason: "blocked.provider_blocklist",
      example: "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
    },
  ],
};
