import type { ProviderDef } from "../types.js";

const SISIMAI = "https://github.com/sisimai/rb-sisimai/blob/master/lib/sisimai/rhost/zoho.rb";
const CODES = "https://smtp.codes/zoho";
const ZEPTO = "https://www.zoho.com/zeptomail/help/api/smtp-error-codes.html";

/** Zoho Mail: its hosts, the marks of its replies, and its own codes and phrases. */
export const ZOHO: ProviderDef = {
  id: "zoho",
  name: "Zoho Mail",
  hosts: ["zoho.com", "zohomail.com", "zoho.eu", "zoho.in", "zoho.com.au", "zohomail.eu", "zeptomail.com"],
  mailboxDomains: ["zoho.com", "zohomail.com", "zoho.eu", "zoho.in", "zohomail.eu", "zohomail.in"],
  markers: ["zoho.com/mail/help", "by zoho mail", "smtpin.zoho", "mx.zoho"],
  rules: [
    {
      id: "user-does-not-exist",
      reason: "invalid_address.user_unknown",
      match: ["user does not exist - <", "mailbox delivery failure policy error"],
      example: "550 5.1.1 User does not exist - <jane@zoho.com> (in reply to RCPT TO command)",
      source: SISIMAI,
      priority: 64,
    },
    {
      id: "policy-violation",
      reason: "rejection.policy",
      match: "email policy violation detected",
      example: "554 5.7.7 Email policy violation detected (in reply to end of DATA command)",
      source: SISIMAI,
      priority: 64,
    },
    {
      id: "flagged-spam",
      reason: "sender_reputation.spam",
      match: "reason: email flagged as spam",
      example:
        "554 5.7.1 Email cannot be delivered. Reason: Email flagged as Spam. (in reply to RCPT TO command)",
      source: SISIMAI,
      priority: 64,
    },
    {
      id: "destination-domain",
      reason: "recipient_error.restricted",
      match: ["mail rejected by destination domain", "mailbox delivery restricted by policy error"],
      example: "541 5.4.1 Mail rejected by destination domain (in reply to RCPT TO command)",
      source: CODES,
      priority: 64,
    },
    {
      id: "temporary-system-error",
      reason: "recipient_error.server_error",
      match: "4.3.1 temporary system error",
      example: "452 4.3.1 Temporary System Error",
      source: CODES,
      priority: 64,
    },
    {
      id: "virus",
      reason: "rejection.virus",
      match: /virus \S{1,100} detected by zoho mail/,
      keywords: ["detected by zoho mail"],
      example: "552 5.7.1 virus Win.Test.EICAR_HDB-1 detected by Zoho Mail",
      source: ZEPTO,
      priority: 64,
    },
    {
      id: "dmarc",
      reason: "dmarc.policy_reject",
      match: "email rejected per dmarc policy",
      example: "550 5.7.1 Email rejected per DMARC policy for example.com",
      source: CODES,
      priority: 64,
    },
    {
      id: "greylisted",
      reason: "rate_limit.greylisted",
      match: "greylisted, try again after some time",
      example: "451 4.7.1 Greylisted, try again after some time (in reply to RCPT TO command)",
      source: SISIMAI,
      priority: 64,
    },
    {
      id: "relaying-disallowed",
      reason: "rejection.invalid_sender",
      match: "relaying disallowed as",
      example: "553 Relaying disallowed as <jane@example.com>",
      source: ZEPTO,
      priority: 64,
    },
    {
      id: "unusual-activity",
      reason: "blocked.policy",
      match: "unusual sending activity detected",
      example: "Unable to send message;Reason:550 5.4.6 Unusual sending activity detected.",
      source:
        "https://help.zoho.com/portal/en/community/topic/unable-to-send-message-reason-550-5-4-6-unusual-sending-activity-detected",
      priority: 64,
    },
    {
      id: "outgoing-blocked",
      reason: "blocked.policy",
      match: ["5.1.8 email outgoing blocked", "5.1.8 sender address blocked"],
      example: "554 5.1.8 Email Outgoing Blocked.",
      source: "https://help.zoho.com/portal/en/community/topic/554-5-1-8-email-outgoing-blocked-13-11-2017",
      priority: 64,
    },
    {
      // ZeptoMail refuses a message without a Subject (under 5.2.1, which alone reads as a disabled mailbox).
      id: "subject-mandatory",
      reason: "rejection.policy",
      match: "subject is mandatory",
      example: "5.2.1 Subject is Mandatory.",
      source: ZEPTO,
      priority: 64,
    },
    {
      id: "size-policy",
      reason: "rejection.size",
      match: "email size exceeded the policy",
      example: "5.2.0 Email size exceeded the policy.",
      source: ZEPTO,
      priority: 64,
    },
  ],
  codes: [],
};
