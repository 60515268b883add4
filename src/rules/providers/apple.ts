import type { ProviderDef } from "../types.js";

const SISIMAI = "https://github.com/sisimai/p5-sisimai/blob/master/lib/Sisimai/Rhost/Apple.pm";
const FIELD_MANUAL = "https://smtpfieldmanual.com/provider/apple";

/** Apple iCloud: its hosts, the marks of its replies, and its own codes and phrases. */
export const APPLE: ProviderDef = {
  id: "apple",
  name: "Apple iCloud",
  hosts: ["icloud.com", "me.com", "mac.com", "apple.com", "mail.icloud.com"],
  mailboxDomains: ["icloud.com", "me.com", "mac.com"],
  markers: [
    "support.apple.com/en-us/ht204137",
    "support.apple.com/en-us/102322",
    "support.apple.com/ht204137",
    "icloud.com",
  ],
  rules: [
    {
      id: "cs-local-policy",
      reason: "sender_reputation.spam",
      match: ["[cs01]", "[cs02]", "[cs03]", "[cs04]", "[cs05]", "[cs06]", "[cs07]", "[cs08]", "[cs09]"],
      priority: 68,
      example:
        "550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137",
      source: FIELD_MANUAL,
    },
    {
      id: "hme-spf-dkim",
      reason: "dmarc.unauthenticated",
      match: [
        "blocked for failing both spf and dkim authentication checks",
        "blocked for failing both spf and dkim autentication checks",
      ],
      priority: 68,
      example:
        "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks. See https://support.apple.com/en-us/HT204137 for mailing best practices",
      source: SISIMAI,
    },
    {
      id: "dmarc-policy",
      reason: "dmarc.policy_reject",
      match: /\byour message was rejected due to \S{1,253}(?:'s|’s)? dmarc policy\b/,
      keywords: ["dmarc policy"],
      priority: 66,
      example:
        "550 5.7.1 Your message was rejected due to example.com's DMARC policy. See https://support.apple.com/en-us/HT204137 for info",
      source: FIELD_MANUAL,
    },
    {
      id: "excessive-volume",
      reason: "rate_limit.recipient_rate",
      match: "deferred due to excessive volume",
      priority: 66,
      permanence: "soft",
      example:
        "421 4.7.1 Messages to jane@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137",
      source: FIELD_MANUAL,
    },
    {
      id: "too-many-errors",
      reason: "rejection.protocol",
      match: /\b(?:me|icloud|mac)\.com error: too many errors\b/,
      keywords: ["error: too many errors"],
      priority: 50,
      example: "421 4.7.0 me.com Error: too many errors",
      source: FIELD_MANUAL,
    },
    {
      id: "no-longer-on-server",
      reason: "invalid_address.user_unknown",
      match: "recipient no longer on server",
      priority: 62,
      example: "550 5.1.6 recipient no longer on server: jane@icloud.com",
      source: SISIMAI,
    },
  ],
  codes: [
    {
      status: "5.7.1",
      reason: "sender_reputation.spam",
      example: "554 5.7.1 Please visit https://support.apple.com/en-us/HT204137",
    },
    {
      status: "4.7.1",
      reply: 421,
      reason: "rate_limit.throttled",
      example: "421 4.7.1 Try again later - https://support.apple.com/en-us/HT204137",
    },
    {
      status: "5.1.1",
      reason: "invalid_address.user_unknown",
      example: "550 5.1.1 <jane@icloud.com>",
    },
    {
      status: "5.2.2",
      reason: "inbox_full.over_quota",
      example: "552 5.2.2 <jane@icloud.com>",
    },
  ],
};
