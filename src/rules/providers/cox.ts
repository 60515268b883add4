import type { ProviderDef } from "../types.js";

const ERROR_CODES = "https://www.cox.com/residential/support/email-error-codes.html";
const SISIMAI = "https://github.com/sisimai/p5-sisimai/blob/master/lib/Sisimai/Rhost/Cox.pm";

/** IPBL0001 … IPBL1111: the sending IP is on DNS blocklists (Spamhaus Zen, Return Path, ivmSIP, Cloudmark CSI). */
const IP_BLOCKLIST_CODES: string[] = [
  ...Array.from({ length: 15 }, (_, i) => `ipbl${(i + 1).toString(2).padStart(4, "0")}`),
  "ipbl00001",
];
/** URLBL001 … URLBL111, URLBL1001: a URL in the message is on domain blocklists. */
const URL_BLOCKLIST_CODES: string[] = [
  ...Array.from({ length: 7 }, (_, i) => `urlbl${(i + 1).toString(2).padStart(3, "0")}`),
  "urlbl1001",
];

/** Cox: its hosts, the marks of its replies, and its own codes and phrases. */
export const COX: ProviderDef = {
  id: "cox",
  name: "Cox",
  hosts: ["cox.net", "cloudfilter.net"],
  mailboxDomains: ["cox.net"],
  markers: [
    "cox.com/residential/support/email-error-codes",
    "cox.com/business/support/email-error-codes",
    "postmaster.cox.net",
    "cox.net",
  ],
  rules: [
    {
      id: "cxbl",
      reason: "blocked.provider_blocklist",
      match: ["cxbl", "cdrbl", "cxrdbl"],
      priority: 70,
      example:
        "554 cmsmtp blocked. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CXBL",
      source:
        "https://forums.cox.com/discussions/internet/emails-to-me-from-rice-edu-being-rejected-aupcxbl-error-554-5-0-0/122275",
    },
    {
      id: "ipbl",
      reason: "blocked.dnsbl",
      match: IP_BLOCKLIST_CODES,
      priority: 70,
      example:
        "554 cmsmtp 192.0.2.1 rejected. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#IPBL1000",
      source: ERROR_CODES,
    },
    {
      id: "urlbl",
      reason: "blocked.domain_blocklist",
      match: URL_BLOCKLIST_CODES,
      priority: 70,
      example:
        "552 cmsmtp message rejected. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#URLBL1001",
      source: ERROR_CODES,
    },
    {
      id: "cxdns",
      reason: "blocked.no_ptr",
      match: ["cxdns", "dns check failure - try again later", "rejected - no rdns"],
      priority: 70,
      example:
        "421 cmsmtp blocked. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CXDNS",
      source: ERROR_CODES,
    },
    {
      id: "cxsndr",
      reason: "dmarc.unauthenticated",
      match: "cxsndr",
      priority: 70,
      example:
        "550 <jane@cox.net> message rejected. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CXSNDR",
      source: "https://forums.cox.com/discussions/internet/cox-censorship-reopened/142720",
    },
    {
      id: "cxsmtp",
      reason: "rejection.protocol",
      match: ["cxsmtp", "esmtp no data before greeting"],
      priority: 70,
      example:
        "554 cmsmtp message rejected. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CXSMTP",
      source: ERROR_CODES,
    },
    {
      id: "cxcnct",
      reason: "rate_limit.too_many_connections",
      match: ["cxcnct", "too many sessions from"],
      priority: 70,
      example:
        "421 cmsmtp blocked. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CXCNCT",
      source:
        "https://forums.cox.com/discussions/internet/mail-being-blocked-from-500-pm-to-700-am---error-cxcnct/136938",
    },
    {
      id: "cxmxrt",
      reason: "rate_limit.too_many_recipients",
      match: "cxmxrt",
      priority: 70,
      example:
        "452 cmsmtp message threshold exceeded. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CXMXRT",
      source: ERROR_CODES,
    },
    {
      id: "message-threshold",
      reason: "rate_limit.throttled",
      match: "message threshold exceeded",
      priority: 66,
      example: "421 cmsmtp message threshold exceeded",
      source: SISIMAI,
    },
    {
      id: "account-activity",
      reason: "blocked.policy",
      match: ["cxthrt", "cxmj"],
      priority: 70,
      example:
        "550 Email sending blocked due to suspicious account activity on primary Cox account. Refer to Error Codes section at https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CXMJ",
      source:
        "https://forums.cox.com/discussions/internet/aupcxsndr----error-trigger-depends-upon-message-content/109845",
    },
    {
      id: "bad-commands",
      reason: "blocked.policy",
      match: ["cox too many bad commands from", "too many invalid recipients"],
      priority: 66,
      example: "421 cox too many bad commands from 192.0.2.1",
      source: SISIMAI,
    },
    {
      id: "temporarily-not-available",
      reason: "recipient_error.unavailable",
      match: "esmtp server temporarily not available",
      priority: 62,
      example: "421 cmsmtp cox.net ESMTP server temporarily not available",
      source: SISIMAI,
    },
  ],
  codes: [
    {
      status: null,
      reply: 554,
      reason: "blocked.provider_blocklist",
      example: "554 cmsmtp https://www.cox.com/residential/support/email-error-codes.html",
    },
  ],
};
