import type { RuleTable } from "../types.js";

const NDR =
  "https://learn.microsoft.com/exchange/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages";

/** Microsoft Exchange Server: stock texts. */
export const EXCHANGE: RuleTable = {
  id: "mta.exchange",
  priority: 55,
  rules: [
    {
      id: "recip-not-found",
      reason: "invalid_address.user_unknown",
      match: ["resolver.adr.recipnotfound", "resolver.adr.exrecipnotfound", "resolver.adr.recipientnotfound"],
      priority: 60,
      example: "#550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found ##",
      source: NDR,
    },
    {
      id: "address-not-found",
      reason: "invalid_address.user_unknown",
      match: [
        "the e-mail address you entered couldn't be found",
        "the email address you entered couldn't be found",
        "the recipient's e-mail address was not found in the recipient's e-mail system",
      ],
      priority: 58,
      example:
        "The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message.",
      source: NDR,
    },
    {
      id: "recip-size-limit",
      reason: "rejection.size",
      match: [
        "resolver.rst.recipsizelimit",
        "resolver.rst.sendsizelimit",
        "routing.sizelimit",
        "message size exceeds fixed maximum size for route",
      ],
      priority: 60,
      example: "#550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient ##",
      source: NDR,
    },
    {
      id: "recip-limit",
      reason: "rejection.too_many_recipients",
      match: "resolver.adr.reciplimit",
      priority: 60,
      example: "550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients",
      source: NDR,
    },
    {
      id: "not-authorized",
      reason: "recipient_error.restricted",
      match: [
        "resolver.rst.notauthorized",
        "resolver.rst.authrequired",
        "you do not have permission to send to this recipient",
      ],
      priority: 60,
      example: "#550 5.7.1 RESOLVER.RST.AuthRequired; authentication required ##",
      source: NDR,
    },
    {
      id: "mailbox-full",
      reason: "inbox_full.over_quota",
      match: [
        "mapiexceptionshutoffquotaexceeded",
        "quotaexceededexception",
        "the recipient's mailbox is full and can't accept messages now",
      ],
      priority: 60,
      example:
        "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception",
      source: NDR,
    },
    {
      id: "queue-expired",
      reason: "recipient_error.expired",
      match: /\bqueue\.expired\b|\b4\.4\.7 message (?:delayed|expired)\b/,
      keywords: ["queue.expired", "4.4.7 message"],
      priority: 58,
      example: "#550 4.4.7 QUEUE.Expired; message expired ##",
      source: NDR,
    },
    {
      id: "hop-count",
      reason: "recipient_error.routing",
      match: "hop count exceeded - possible mail loop",
      priority: 60,
      example: "554 5.4.6 Hop count exceeded - possible mail loop",
      source:
        "https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/fix-error-code-5-4-6-through-5-4-20-in-exchange-online",
    },
    {
      id: "nonexistent-domain",
      reason: "invalid_address.domain_not_found",
      match: [
        "smtpsend.dns.nonexistentdomain",
        "dns records for the destination computer could not be found",
      ],
      priority: 60,
      example: "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain",
      source: NDR,
    },
    {
      id: "mx-loopback",
      reason: "recipient_error.routing",
      match: "smtpsend.dns.mxloopback",
      priority: 60,
      example: "554 5.4.4 SMTPSEND.DNS.MxLoopback; DNS config error",
      source: NDR,
    },
    {
      id: "socket-error",
      reason: "recipient_error.connection_failed",
      match: ["connection dropped due to socketerror", "primary target ip address responded with"],
      priority: 56,
      example:
        '451 4.4.0 Primary target IP address responded with: "421 4.4.2 Connection dropped due to SocketError." Attempted failover to alternate host, but that did not succeed.',
      source: NDR,
    },
    {
      id: "back-pressure",
      reason: "recipient_error.unavailable",
      match: "insufficient system resources",
      priority: 56,
      example: "452 4.3.1 Insufficient system resources",
      source: "Exchange Server back pressure — https://learn.microsoft.com/exchange/mail-flow/back-pressure",
    },
    {
      id: "not-authenticated",
      reason: "recipient_error.smtp_auth",
      match: "client was not authenticated",
      priority: 58,
      example: "530 5.7.1 Client was not authenticated",
      source: "Exchange Server receive connector (anonymous permissions)",
    },
    {
      id: "unable-to-relay",
      reason: "rejection.relay_denied",
      match: ["unable to relay recipient in non-accepted domain", "smtp; unable to relay"],
      priority: 60,
      example: "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain",
      source: NDR,
    },
    {
      id: "sender-id",
      reason: "dmarc.spf_fail",
      match: "sender id (pra) not permitted",
      priority: 60,
      example: "550 5.7.1 Sender ID (PRA) Not Permitted",
      source: "Exchange Server Sender ID agent",
    },
    {
      id: "ambiguous",
      reason: "recipient_error.server_error",
      match: ["resolver.adr.ambiguous", "resolver.adr.badprimary"],
      priority: 60,
      example: "550 5.1.4 RESOLVER.ADR.Ambiguous; ambiguous address",
      source: NDR,
    },
  ],
};
