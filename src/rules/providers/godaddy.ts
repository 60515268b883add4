import type { ProviderDef, RuleSpec } from "../types.js";

const HELP = "https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685";
const SISIMAI = "https://github.com/sisimai/rb-sisimai/blob/master/lib/sisimai/rhost/godaddy.rb";

/** One GoDaddy "IB" code: the code alone decides, it sits at the end of every reply. */
function ib(code: string, reason: string, example: string, priority = 66): RuleSpec {
  return { id: code.toLowerCase(), reason, match: code.toLowerCase(), example, source: HELP, priority };
}

/** GoDaddy (Secureserver): its hosts, the marks of its replies, and its own codes and phrases. */
export const GODADDY: ProviderDef = {
  id: "godaddy",
  name: "GoDaddy (Secureserver)",
  hosts: ["secureserver.net", "godaddy.com"],
  markers: ["secureserver.net", "x.co/srbounce", "ibsmtp"],
  rules: [
    // Sender bounces
    ib("IB401", "rejection.relay_denied", "535 Authentication not allowed on IBSMTP Servers. IB401"),
    ib(
      "IB501",
      "rejection.invalid_sender",
      "550 jane@example.com Blank From: addresses are not allowed. Provide a valid From. IB501",
    ),
    ib(
      "IB502",
      "rejection.invalid_sender",
      "550 jane@example.com IP addresses are not allowed as a From: Address. Provide a valid From. IB502",
    ),
    ib(
      "IB506",
      "rejection.invalid_sender",
      "550 example.com From: Domain is invalid. Provide a valid From: IB506",
    ),
    ib(
      "IB508",
      "dmarc.spf_fail",
      "550 jane@example.com Invalid SPF record. Inspect your SPF settings, and try again. IB508",
    ),
    ib("IB108", "blocked.no_ptr", "421 Temporarily rejected. Reverse DNS for this IP failed. IB108"),
    // Content bounces
    ib(
      "IB212",
      "sender_reputation.spam",
      "552 5.2.0 This message has been rejected due to content judged to be spam by the internet community IB212",
    ),
    ib("IB705", "rejection.virus", "552 Virus infected message rejected. IB705"),
    // Rate limiting bounces
    ib(
      "IB605",
      "rate_limit.too_many_recipients",
      "452 This message contains too many recipients. Reduce the number of recipients and retry. IB605",
    ),
    ib(
      "IB007",
      "rate_limit.too_many_connections",
      "421 Connection refused, too many sessions from This IP. Lower the number of concurrent sessions. IB007",
    ),
    ib("IB101", "rate_limit.throttled", "421 Server temporarily unavailable. Try again later. IB101"),
    ib(
      "IB110",
      "blocked.provider_blocklist",
      "554 This IP has been temporarily blocked for attempting to send too many messages containing content judged to be spam by the Internet community. IB110",
    ),
    ib(
      "IB111",
      "blocked.provider_blocklist",
      "554 This IP has been blocked for the day, for attempting to send too many messages containing content judged to be spam by the Internet community. IB111",
    ),
    ib(
      "IB112",
      "blocked.provider_blocklist",
      "554 This IP has been temporarily blocked for attempting to mail too many invalid recipients. IB112",
    ),
    ib(
      "IB113",
      "blocked.provider_blocklist",
      "554 This IP has been blocked for the day, for attempting to mail too many invalid recipients. IB113",
    ),
    ib("IB504", "rate_limit.throttled", "550 This IP has sent too many messages this hour. IB504"),
    ib(
      "IB510",
      "rate_limit.throttled",
      "550 This message has exceeded the max number of messages per session. Open a new session and try again. IB510",
    ),
    ib(
      "IB607",
      "rate_limit.too_many_recipients",
      "550 This IP has sent too many to too many recipients this hour. IB607",
    ),
    // Remote block list (RBL) bounces
    ib(
      "IB103",
      "blocked.dnsbl",
      "554 Connection refused. This IP has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103",
      82,
    ),
    ib(
      "IB104",
      "blocked.dnsbl",
      "554 Connection refused. This IP address is listed on the Spamhaus Block List (SBL). IB104",
      82,
    ),
    ib(
      "IB105",
      "blocked.dnsbl",
      "554 Connection refused. This IP address is listed on the Exploits Block List (XBL). IB105",
      82,
    ),
    ib(
      "IB106",
      "blocked.dnsbl",
      "554 Connection refused. This IP address is listed on the Policy Block List (PBL). IB106",
      82,
    ),
    {
      id: "rbl-reject",
      reason: "blocked.provider_blocklist",
      match: "rbl reject",
      example: "554 RBL Reject.",
      source: SISIMAI,
      priority: 62,
    },
    {
      id: "spam-or-virus",
      reason: "sender_reputation.spam",
      match: "message rejected for spam or virus content",
      example: "552 Message rejected for spam or virus content",
      source: HELP,
      priority: 63,
    },
    {
      id: "account-storage-limit",
      reason: "inbox_full.over_quota",
      match: "account storage limit",
      example: "Account storage limit",
      source: HELP,
      priority: 62,
    },
  ],
  codes: [],
};
