import type { ProviderDef } from "../types.js";

const ERROR_CODES = "http://postmaster.comcast.net/mail-error-codes.html";
const XFINITY = "https://www.xfinity.com/support/articles/email-errors";

/** BL000001 … BL111111: the sending IP is on one or more DNS blocklists (one bit per list). */
const BLOCKLIST_CODES: string[] = Array.from(
  { length: 63 },
  (_, i) => `bl${(i + 1).toString(2).padStart(6, "0")}`,
);

/** Comcast (Xfinity): its hosts, the marks of its replies, and its own codes and phrases. */
export const COMCAST: ProviderDef = {
  id: "comcast",
  name: "Comcast (Xfinity)",
  hosts: ["comcast.net", "mxge.comcast.net"],
  mailboxDomains: ["comcast.net"],
  markers: ["postmaster.comcast.net", "comcast.net", "help.comcast.net/content/faq"],
  rules: [
    {
      id: "bl000000",
      reason: "blocked.provider_blocklist",
      match: ["bl000000", "comcast block for spam", "comcast blocked for spam"],
      priority: 70,
      example:
        "554 imta14.emeryville.ca.mail.comcast.net comcast 192.0.2.1 Comcast block for spam. Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000",
      source: ERROR_CODES,
    },
    {
      id: "dnsbl-codes",
      reason: "blocked.dnsbl",
      match: BLOCKLIST_CODES,
      priority: 70,
      example:
        "452 resimta-po-24v.sys.comcast.net comcast 192.0.2.1 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000010",
      source: ERROR_CODES,
    },
    {
      // The older codes: BL006 is Spamhaus SBL/XBL, BL007 Cloudmark CSI.
      id: "legacy-dnsbl-codes",
      reason: "blocked.dnsbl",
      match: ["bl006", "bl007"],
      priority: 70,
      example: "550 BL006",
      source: "https://business.comcast.com/help-and-support/internet/email-bounce-back-messages/",
    },
    {
      // The other older block codes (BL001 … BL0010): a block whatever the list, never an unknown user.
      id: "legacy-block-codes",
      reason: "blocked.provider_blocklist",
      match: ["bl001", "bl002", "bl003", "bl004", "bl005", "bl008", "bl009", "bl0010"],
      priority: 70,
      example: "550 BL003",
      source: "http://security.comcast.net/get-help/Mail-Delivery-Error-Messages.aspx",
    },
    {
      id: "found-on-dnsbls",
      reason: "blocked.dnsbl",
      match: "found on one or more dnsbls",
      priority: 66,
      example:
        "554 resimta-h1p-037598.sys.comcast.net resimta-h1p-037598.sys.comcast.net 192.0.2.1 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000001",
      source: ERROR_CODES,
    },
    {
      id: "dynamic-space",
      reason: "blocked.no_ptr",
      match: ["es000001", "es000010"],
      priority: 70,
      example:
        "554 resimta-ch2-18v.sys.comcast.net comcast 192.0.2.1 Please see http://postmaster.comcast.net/smtp-error-codes.php#ES000010",
      source: XFINITY,
    },
    {
      id: "ptr-required",
      reason: "blocked.no_ptr",
      match: "comcast requires that all mail servers must have a ptr record",
      priority: 70,
      example:
        "554 IMTA08.westchester.pa.mail.comcast.net comcast 192.0.2.1 Comcast requires that all mail servers must have a PTR record with a valid Reverse DNS entry. Currently your mail server does not fill that requirement. For more information, refer to: http://www.comcast.net/help/faq/index.jsp?faq=SecurityMail_Policy18784",
      source: "http://www.avolio.com/weblog/2008/06/28/",
    },
    {
      id: "rate-limit",
      reason: "rate_limit.throttled",
      match: ["rl000001", "rl000010", "rl000011", "rl000100", "rl000003"],
      priority: 70,
      example: "451 4.2.0 Throttled - https://postmaster.comcast.net/smtp-error-codes.php#RL000010",
      source: ERROR_CODES,
    },
    {
      id: "too-many-sessions",
      reason: "rate_limit.too_many_connections",
      match: "too many sessions opened",
      priority: 66,
      example: "421 resimta-po-24v.sys.comcast.net comcast Too many sessions opened",
      source: "http://security.comcast.net/get-help/Mail-Delivery-Error-Messages.aspx",
    },
    {
      id: "dmarc",
      reason: "dmarc.policy_reject",
      match: ["dm000001"],
      priority: 70,
      example:
        "550 5.2.0 54Qa1t0144ZKE95014QaMR Message rejected due to DMARC. Please see http://postmaster.comcast.net/smtp-error-codes.php#DM000001",
      source: ERROR_CODES,
    },
    {
      id: "mailbox-unallocated",
      reason: "invalid_address.user_unknown",
      match: "recipient mailbox unallocated",
      priority: 64,
      example: "550 5.1.1 <jane@comcast.net> recipient mailbox unallocated",
      source: "https://smtpfieldmanual.com/provider/comcast",
    },
    {
      id: "extended-quota",
      reason: "inbox_full.over_quota",
      match: "extended quota violation",
      priority: 64,
      example: "552 5.1.1 <jane@comcast.net> recipient rejected - extended quota violation",
      source: "https://smtpfieldmanual.com/provider/comcast",
    },
  ],
  codes: [
    {
      status: "5.1.1",
      reason: "invalid_address.user_unknown",
      example: "550 5.1.1 <jane@comcast.net>",
    },
    {
      status: "4.2.0",
      reply: 451,
      reason: "rate_limit.throttled",
      example: "451 4.2.0 https://postmaster.comcast.net/smtp-error-codes.php",
    },
  ],
};
