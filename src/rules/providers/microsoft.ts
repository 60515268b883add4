import type { CodeRule, ProviderDef } from "../types.js";

const NDR =
  "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online";
const OUTLOOK_POSTMASTER = "https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx";
const SISIMAI = "https://github.com/sisimai/p5-sisimai/blob/master/lib/Sisimai/Rhost/Microsoft.pm";

/** 5.7.606–5.7.649: "Access denied, banned sending IP". */
const BANNED_IP_CODES: CodeRule[] = Array.from({ length: 44 }, (_, i) => {
  const status = `5.7.${606 + i}`;
  return {
    status,
    reason: "blocked.provider_blocklist",
    example: `550 ${status} Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions.`,
  };
});

/** Microsoft (Outlook.com, Office 365 / Exchange Online): its hosts, the marks of its replies, and its own codes and phrases. */
export const MICROSOFT: ProviderDef = {
  id: "microsoft",
  name: "Microsoft (Outlook.com, Office 365 / Exchange Online)",
  hosts: [
    "outlook.com",
    "hotmail.com",
    "protection.outlook.com",
    "office365.com",
    "live.com",
    "msn.com",
    "messaging.microsoft.com",
  ],
  mailboxDomains: ["outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com", "windowslive.com"],
  regionalNames: ["hotmail", "outlook", "live", "msn", "windowslive"],
  markers: [
    "protection.outlook.com",
    "prod.outlook.com",
    "sender.office.com",
    "go.microsoft.com/fwlink",
    "postmaster.live.com",
    "mail.live.com/mail/troubleshooting",
    "delist@messaging.microsoft.com",
    "storedrv.",
  ],
  rules: [
    // --- Outlook.com consumer block codes --------------------------------------------------
    {
      id: "network-block-list",
      reason: "blocked.provider_blocklist",
      match: ["(s3140)", "(s3150)", "(as3140)", "(as3150)", "part of their network is on our block list"],
      priority: 70,
      example:
        "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]",
      source: "https://wordtothewise.com/2017/10/troubleshooting-and-codes",
    },
    {
      id: "sc-001",
      reason: "blocked.provider_blocklist",
      match: "sc-001",
      priority: 70,
      example:
        "550 SC-001 (BAY004-MC1F21) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your Internet service provider since part of their network is on our block list. You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
      source: OUTLOOK_POSTMASTER,
    },
    {
      id: "sc-002-003",
      reason: "blocked.policy",
      match: ["sc-002", "sc-003"],
      priority: 70,
      example:
        "550 SC-002 (BAY004-MC3F9) Mail rejected by Windows Live Hotmail for policy reasons. The mail server IP connecting to Windows Live Hotmail has exhibited namespace mining behavior. If you are not an email/network admin please contact your E-mail/Internet Service Provider for help.",
      source: OUTLOOK_POSTMASTER,
    },
    {
      id: "sc-004",
      reason: "sender_reputation.complaints",
      match: "sc-004",
      priority: 70,
      example:
        "550 SC-004 (BAY004-MC2F36) Mail rejected by Windows Live Hotmail for policy reasons. A block has been placed against your IP address because we have received complaints concerning mail coming from that IP address. If you are not an email/network admin please contact your E-mail/Internet Service Provider for help.",
      source: OUTLOOK_POSTMASTER,
    },
    {
      id: "dy-001",
      reason: "blocked.no_ptr",
      match: [
        "dy-001",
        "we generally do not accept email from dynamic ip",
        "does not relay dynamically-assigned ip ranges",
      ],
      priority: 70,
      example:
        "550 DY-001 (SNT004-MC4F23) Mail rejected by Windows Live Hotmail for policy reasons. We generally do not accept email from dynamic IP's as they are not typically used to deliver unauthenticated SMTP e-mail to an Internet mail server.",
      source: OUTLOOK_POSTMASTER,
    },
    {
      id: "dy-002",
      reason: "blocked.policy",
      match: "dy-002",
      priority: 70,
      example:
        "550 DY-002 (COL004-MC2F12) Mail rejected by Windows Live Hotmail for policy reasons. The likely cause is a compromised or virus infected server or personal computer.",
      source: OUTLOOK_POSTMASTER,
    },
    {
      // OU-001: part of the sender's network is on Hotmail's block list (the SC-001 words).
      id: "ou-001",
      reason: "blocked.provider_blocklist",
      match: "ou-001",
      priority: 70,
      example: "550 OU-001 (SNT004-MC1F43) Unfortunately, messages from 192.0.2.245 weren't sent.",
      source: OUTLOOK_POSTMASTER,
    },
    {
      // OU-002: content with spam-like characteristics or IP/domain reputation.
      id: "ou-002",
      reason: "sender_reputation.spam",
      match: "ou-002",
      priority: 70,
      example:
        "550 OU-002 (SNT004-MC1F47) Mail rejected by Windows Live Hotmail for policy reasons. Reasons for rejection may be related to content with spam-like characteristics or IP/domain reputation problems.",
      source: OUTLOOK_POSTMASTER,
    },
    {
      id: "rp-limits",
      reason: "rate_limit.throttled",
      match: ["rp-001", "rp-002", "rp-003"],
      priority: 70,
      example:
        "421 RP-001 (BAY004-MC1F6) Unfortunately, some messages from 192.0.2.1 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day. You can also refer to http://mail.live.com/mail/troubleshooting.aspx#errors.",
      source: OUTLOOK_POSTMASTER,
    },
    {
      // 4.7.652 says in words what it limits: this IP's connections. Above the 4.7.5xx-6xx throttling rule.
      id: "max-connections",
      reason: "rate_limit.too_many_connections",
      match: /\bthe mail server \[[0-9a-f.:]{2,45}\] has exceeded the maximum number of connections\b/,
      keywords: ["has exceeded the maximum number of connections"],
      priority: 66,
      example:
        "451 4.7.652 The mail server [192.0.2.5] has exceeded the maximum number of connections. (S3115) [BN8NAM12FT016.eop-nam12.prod.protection.outlook.com]",
      source: "https://github.com/KumoCorp/kumomta/blob/main/assets/community/shaping.toml",
    },
    {
      id: "ip-reputation-rate",
      reason: "sender_reputation.ip_reputation",
      match: ["temporarily rate limited due to ip reputation"],
      priority: 66,
      example:
        "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
      source: SISIMAI,
    },
    {
      id: "server-busy-from",
      reason: "sender_reputation.ip_reputation",
      match: /\bserver busy\. please try again later from \[/,
      keywords: ["please try again later from"],
      priority: 54,
      example:
        "451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (AS761) [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
      source:
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-451-4-7-500-699-asxxx-in-exchange-online",
    },
    {
      // 4.7.500-699 (ASxxx): the connecting IP changed its sending pattern, throttled whatever the
      // words ("Server busy", "Access denied, please try again later"); 4.7.850-899 is the same
      // temporary restriction of a suspicious IP under evaluation.
      id: "ip-throttling",
      reason: "sender_reputation.ip_reputation",
      match: /(?<![\d.])4\.7\.(?:[56]\d|8[5-9])\d(?![\d.])/,
      keywords: ["4.7.5", "4.7.6", "4.7.8"],
      priority: 62,
      example:
        "451 4.7.500 Access denied, please try again later. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653. (S844) [DB5EUR03FT059.eop-EUR03.prod.protection.outlook.com]",
      source:
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-451-4-7-500-699-asxxx-in-exchange-online",
    },
    {
      // The recipient (a group, a mailbox) takes mail from authenticated senders of its organisation only.
      id: "sender-not-authenticated-for-organization",
      reason: "recipient_error.restricted",
      match: [
        "sendernotauthenticatedfororganization",
        "delivery restriction check failed as sender not authenticated",
      ],
      priority: 66,
      example:
        "Remote Server returned '550 5.7.12 RESOLVER.RST.SenderNotAuthenticatedForOrganization; Delivery restriction check failed as sender not authenticated'",
      source: NDR,
    },
    // --- Exchange Online: banned and blocked senders ----------------------------------------
    {
      id: "banned-sending-ip",
      reason: "blocked.provider_blocklist",
      // "Banned sender" under 5.7.502/5.7.503 is a sending account banned for spam (banned-account).
      match: ["access denied, banned sending ip", "access denied, banned sender"],
      priority: 70,
      example:
        "550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 (AS16012609)",
      source: NDR,
    },
    {
      id: "banned-ip-status",
      reason: "blocked.provider_blocklist",
      match: /\b5\.7\.6(?:0[6-9]|[1-4][0-9]) (?:access denied|service unavailable)\b/,
      keywords: ["access denied", "service unavailable"],
      priority: 68,
      example: "550 5.7.621 Access denied, banned sending IP [192.0.2.1]. (AS16012609)",
      source: NDR,
    },
    {
      // 5.7.502/5.7.503: the sending account (not the IP, as under 5.7.511) was banned for spam.
      id: "banned-account",
      reason: "sender_reputation.spam",
      match: /\b5\.7\.50[23] access denied, banned sender\b/,
      keywords: ["access denied, banned sender"],
      priority: 72,
      example: "550 5.7.502 Access denied, banned sender",
      source: NDR,
    },
    {
      id: "spam-abuse",
      reason: "sender_reputation.spam",
      match: ["access denied, spam abuse detected", "access denied, bad outbound sender"],
      priority: 70,
      example:
        "550 5.7.501 Access denied, spam abuse detected. [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
      source: NDR,
    },
    {
      id: "bad-helo",
      reason: "blocked.policy",
      match: "access denied, bad helo",
      priority: 70,
      example: "550 5.7.506 Access denied, Bad HELO [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
      source: NDR,
    },
    {
      id: "rejected-by-recipient",
      reason: "blocked.sender_blocked",
      match: "access denied, rejected by recipient",
      priority: 70,
      example:
        "550 5.7.507 Access denied, rejected by recipient [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
      source: NDR,
    },
    {
      // The recipient's domain put the sending IP on its own list: only the recipient can lift it.
      id: "customer-block-list",
      reason: "blocked.sender_blocked",
      match: ["using customer block list", "(as16012607)"],
      priority: 70,
      example:
        "550 5.7.513 Service unavailable, Client host [192.0.2.1] blocked by example.com using Customer Block list (AS16012607)",
      source: NDR,
    },
    {
      id: "permitted-limits",
      reason: "rate_limit.throttled",
      match: "has exceeded permitted limits within",
      priority: 70,
      example: "550 5.7.508 Access denied, [192.0.2.1] has exceeded permitted limits within /64 range.",
      source: NDR,
    },
    {
      id: "tenant-threshold",
      reason: "blocked.policy",
      match: [
        "access denied, tenant has exceeded threshold",
        "traffic not accepted from this ip",
        "client blocked from sending from unregistered domains",
        "client blocked from sending from unregistered domain",
      ],
      priority: 70,
      example:
        "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653",
      source:
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750",
    },
    {
      id: "ipv6-not-accepted",
      reason: "recipient_error.restricted",
      match: "does not accept email over ipv6",
      priority: 66,
      example: "550 5.7.510 Access denied, example.com does not accept email over IPv6",
      source: NDR,
    },
    {
      id: "ipv6-reverse-dns",
      reason: "blocked.no_ptr",
      match: "must have a reverse dns record",
      priority: 66,
      example:
        "550 5.7.25 Access denied, the sending IPv6 address [2001:db8::1] must have a reverse DNS record",
      source: NDR,
    },
    {
      id: "ipv6-auth",
      reason: "dmarc.unauthenticated",
      match: "must pass either spf or dkim validation",
      priority: 66,
      example:
        "450 4.7.26 Access denied, a message sent over IPv6 [2001:db8::1] must pass either SPF or DKIM validation, this message is not signed",
      source: NDR,
    },
    {
      id: "rfc5322-from",
      reason: "rejection.protocol",
      match: "message must be rfc 5322 section 3.6.2 compliant",
      priority: 66,
      example: "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant",
      source: NDR,
    },
    {
      id: "auth-level",
      reason: "dmarc.unauthenticated",
      match: [
        "doesn't meet the required authentication level",
        "does not meet the required authentication level",
      ],
      priority: 66,
      example:
        "550 5.7.515 Access denied, sending domain [EXAMPLE.COM] doesn't meet the required authentication level. The sender's domain in the 5322.From address doesn't meet the authentication requirements defined for the sender.",
      source:
        "https://techcommunity.microsoft.com/blog/microsoftdefenderforoffice365blog/strengthening-email-ecosystem-outlook%E2%80%99s-new-requirements-for-high%E2%80%90volume-senders/4399730",
    },
    {
      // The forwarding organisation's own rule: its administrator can lift it.
      id: "external-forwarding",
      reason: "recipient_error.restricted",
      match: "does not allow external forwarding",
      priority: 66,
      example:
        "550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)",
      source: NDR,
    },
    {
      // 5.7.133-5.7.136 in the NDR table's short words: a group, mailbox, public folder or mail user
      // that takes mail from authenticated (internal) senders only; no authentication of the message.
      id: "sender-not-authenticated-code",
      reason: "recipient_error.restricted",
      match: /\b5\.7\.13[3-6] sender (?:was )?not authenticated\b/,
      keywords: ["sender was not authenticated", "sender not authenticated"],
      priority: 66,
      example: "550 5.7.136 Sender was not authenticated",
      source: NDR,
    },
    {
      // The sender's own organisation blocks this recipient in its Tenant Allow/Block List.
      id: "tenant-allow-block-list",
      reason: "recipient_error.restricted",
      match: "blocked by your organization using tenant allow block list",
      priority: 66,
      example:
        "550 5.7.703 Your message can't be delivered because messages to email@contoso.com are blocked by your organization using Tenant Allow Block List.",
      source:
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750",
    },
    {
      // Exchange Online's own IP block list, named "Blocklist 1"; delisting is by mail to Microsoft.
      id: "eop-blocklist",
      reason: "blocked.provider_blocklist",
      match: /\bblocked using blocklist \d\b|\bforward this message to delist@messaging\.microsoft\.com\b/,
      keywords: ["blocked using blocklist", "delist@messaging.microsoft.com"],
      priority: 70,
      example:
        "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Blocklist 1; To request removal from this list please forward this message to delist@messaging.microsoft.com",
      source:
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-550-5-7-1-in-exchange-online",
    },
    // --- message -----------------------------------------------------------------------------
    {
      // 5.0.350 with this header: a Rich Text message whose attached message makes a header line too long.
      id: "x-dg-ref-too-long",
      reason: "rejection.protocol",
      match: "x-dg-ref header is too long",
      priority: 66,
      example: "550 5.0.350 x-dg-ref header is too long",
      source:
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-550-5-0-350-in-exchange-online",
    },
    {
      // AS345: nested attachments (a message attached inside an attached message).
      id: "nested-attachments",
      reason: "rejection.attachment",
      match: "policy violation detected (as345)",
      priority: 66,
      example: "550 5.0.350 Requested action not taken: policy violation detected (AS345)",
      source: NDR,
    },
    {
      // Bare line feeds, refused by a receiving server without BDAT.
      id: "bare-line-feeds",
      reason: "rejection.protocol",
      match: ["5.6.11 invalid characters", "barelinefeedsareillegal"],
      priority: 64,
      example: "550 5.6.11 Invalid characters",
      source:
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-550-5-6-11-in-exchange-online",
    },
    // --- outbound TLS (DANE, DNSSEC) -----------------------------------------------------------
    {
      id: "dane-tlsa-invalid",
      reason: "recipient_error.tls_failure",
      match: "tlsa-invalid: the domain failed dane validation",
      priority: 64,
      example: "550 5.7.323 tlsa-invalid: The domain failed DANE validation.",
      source: NDR,
    },
    {
      id: "dnssec-invalid",
      reason: "recipient_error.dns_failure",
      match: "dnssec-invalid: destination domain returned invalid dnssec records",
      priority: 64,
      example: "550 5.7.324 dnssec-invalid: Destination domain returned invalid DNSSEC records",
      source: NDR,
    },
    // --- recipients ------------------------------------------------------------------------
    {
      id: "edge-blocked-recipient",
      reason: "invalid_address.user_unknown",
      // Exchange Online's directory-based edge blocking: 5.4.1 or its AS( mark. The same words under
      // other codes are anyone's (generic.invalid_address.access-denied): no provider is named.
      match:
        /\b5\.4\.1 (?:<[^<>\s]{1,254}>:? |\[[^[\]\s]{1,254}\]:? )?recipient address rejected: access denied|recipient address rejected: access denied\.? as\(/,
      keywords: ["recipient address rejected: access denied"],
      priority: 66,
      example:
        "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
      source: NDR,
    },
    {
      id: "banned-recipient",
      reason: "invalid_address.not_accepted",
      match: "access denied, banned recipient",
      priority: 66,
      example:
        "550 5.7.505 Access denied, banned recipient [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
      source: NDR,
    },
    {
      id: "recipient-not-found",
      reason: "invalid_address.user_unknown",
      match: [
        "resolver.adr.recipnotfound",
        "resolver.adr.exrecipnotfound",
        "resolver.adr.recipientnotfound",
        "resolver.adr.invalidsmtpaddress",
      ],
      priority: 64,
      example:
        "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]",
      source: NDR,
    },
    {
      id: "recipient-restricted",
      reason: "recipient_error.restricted",
      match: [
        "resolver.rst.authrequired",
        "resolver.rst.notauthorized",
        "resolver.rst.sendernotauthenticatedformailbox",
        "resolver.rst.sendernotauthenticatedforpublicfolder",
        "resolver.rst.sendernotauthenticatedformailuser",
        "resolver.rst.sendernotauthenticatedforgroup",
        "sender not authenticated for group",
        "sender was not authenticated when sending to this group",
        "sender was not authenticated by organization",
        "sender was not authenticated for mailbox",
        "sender was not authenticated for public folder",
        "sender not in allowed-senders list",
      ],
      priority: 66,
      example:
        "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required [Stage: CreateMessage] [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]",
      source: NDR,
    },
    {
      id: "recip-size-limit",
      reason: "rejection.size",
      match: ["resolver.rst.recipsizelimit", "message too large for this recipient"],
      priority: 66,
      example: "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient",
      source: SISIMAI,
    },
    {
      id: "recip-limit",
      reason: "rejection.too_many_recipients",
      match: "resolver.adr.reciplimit",
      priority: 66,
      example: "550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients",
      source: NDR,
    },
    {
      id: "recipient-rate",
      reason: "rate_limit.recipient_rate",
      match: [
        "per hour message receive limit",
        "exceeded their limit for the number of messages they can receive per hour",
        "recipient thread limit exceeded",
      ],
      priority: 66,
      permanence: "soft",
      example:
        "554 5.2.122 The recipient has exceeded their limit for the number of messages they can receive per hour. For more information go to http://go.microsoft.com/fwlink/?LinkId=526653. [outlook.com]",
      source: "https://smtpfieldmanual.com/provider/outlook",
    },
    {
      id: "sender-quota",
      reason: "rate_limit.daily_quota",
      match: [
        "submission quota exceeded",
        "submissionquotaexceededexception",
        "reached your daily limit for message recipients",
        "the sender's submission quota was exceeded",
      ],
      priority: 66,
      example: "554 5.2.2 mailbox full; STOREDRV.Submission.Exception:SubmissionQuotaExceededException",
      source: NDR,
    },
    {
      id: "org-queue-quota",
      reason: "recipient_error.restricted",
      match: "organization queue quota exceeded",
      priority: 66,
      example: "450 4.7.3 Organization queue quota exceeded. [outlook.com]",
      source: "https://smtpfieldmanual.com/provider/outlook",
    },
    {
      id: "quota-exception",
      reason: "inbox_full.over_quota",
      match: ["quotaexceededexception", "mapiexceptionshutoffquotaexceeded"],
      priority: 60,
      example:
        "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception",
      source: NDR,
    },
    {
      id: "account-disabled",
      reason: "inbox.disabled",
      match: ["accountdisabledexception", "mapiexceptionaduserdisabledandhidden"],
      priority: 66,
      example:
        "550 5.7.13 STOREDRV.Deliver.Exception:AccountDisabledException.MapiExceptionADUserDisabledAndHidden; Failed to process message due to a permanent exception with message",
      source: "https://tamingdns.com/bounce-decoder/microsoft",
    },
    {
      id: "nonexistent-domain",
      reason: "invalid_address.domain_not_found",
      match: ["smtpsend.dns.nonexistentdomain", "infodomainnonexistent"],
      priority: 66,
      example:
        "550 5.4.310 DNS domain example.invalid does not exist [Message=InfoDomainNonexistent] [LastAttemptedServerName=example.invalid]",
      source: NDR,
    },
    {
      id: "suspicious-remote-server",
      reason: "recipient_error.connection_failed",
      match: "(suspiciousremoteservererror)",
      priority: 60,
      example: "450 4.4.318 Connection was closed abruptly (SuspiciousRemoteServerError)",
      source: SISIMAI,
    },
    {
      id: "insufficient-resources",
      reason: "recipient_error.unavailable",
      match: ["insufficient system resources (tste)", "pfa agent busy"],
      priority: 60,
      example: "452 4.3.1 Insufficient system resources (TSTE) [outlook.com]",
      source: "https://smtpfieldmanual.com/provider/outlook",
    },
    {
      id: "anonymous-mail",
      reason: "recipient_error.smtp_auth",
      match: "client was not authenticated to send anonymous mail",
      priority: 60,
      example: "530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM",
      source: NDR,
    },
  ],
  codes: [
    ...BANNED_IP_CODES,
    {
      status: "5.7.509",
      reason: "dmarc.policy_reject",
      example: "550 5.7.509 Access denied [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.515",
      reason: "dmarc.unauthenticated",
      example: "550 5.7.515 Access denied [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.511",
      reason: "blocked.provider_blocklist",
      example: "550 5.7.511 Access denied [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.510",
      reason: "recipient_error.restricted",
      example: "550 5.7.510 Access denied [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.512",
      reason: "rejection.protocol",
      example: "550 5.7.512 Access denied [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.513",
      reason: "blocked.sender_blocked",
      example: "550 5.7.513 Service unavailable [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.705",
      reason: "blocked.policy",
      example: "550 5.7.705 Access denied [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.708",
      reason: "blocked.policy",
      example: "550 5.7.708 Service unavailable [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.750",
      reason: "blocked.policy",
      example: "550 5.7.750 Service unavailable [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    { status: "5.2.121", reason: "rate_limit.recipient_rate", example: "550 5.2.121 [outlook.com]" },
    { status: "5.2.122", reason: "rate_limit.recipient_rate", example: "554 5.2.122 [outlook.com]" },
    {
      status: "4.7.650",
      reason: "sender_reputation.ip_reputation",
      example: "451 4.7.650 (S775) [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.4.1",
      reply: 550,
      reason: "invalid_address.user_unknown",
      example: "550 5.4.1 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.1.10",
      reason: "invalid_address.user_unknown",
      example: "550 5.1.10 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.5.0",
      reply: 550,
      reason: "invalid_address.user_unknown",
      example: "550 5.5.0 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.7.124",
      reason: "recipient_error.restricted",
      example: "550 5.7.124 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.7.133",
      reason: "recipient_error.restricted",
      example: "550 5.7.133 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.7.134",
      reason: "recipient_error.restricted",
      example: "550 5.7.134 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.7.135",
      reason: "recipient_error.restricted",
      example: "550 5.7.135 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.7.136",
      reason: "recipient_error.restricted",
      example: "550 5.7.136 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.4.14",
      reason: "recipient_error.routing",
      example: "554 5.4.14 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.4.300",
      reason: "recipient_error.expired",
      example: "550 5.4.300 [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]",
    },
    {
      status: "5.7.501",
      reason: "sender_reputation.spam",
      example: "550 5.7.501 [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.502",
      reason: "sender_reputation.spam",
      example: "550 5.7.502 [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
    {
      status: "5.7.503",
      reason: "sender_reputation.spam",
      example: "550 5.7.503 [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
    },
  ],
};
