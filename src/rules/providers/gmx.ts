import type { ProviderDef } from "../types.js";

const GMX_PM = "https://postmaster.gmx.com/en/error-messages";
const ONEANDONE =
  "https://help.1and1.com/e-mail-and-office-c37589/1and1-postmaster-c85193/smtp-error-messages-for-the-1and1-mail-server-a793087.html";
const CODES = "https://smtp.codes/unitedinternet/";
const SITEPACKAGE =
  "http://www.sitepackage.de/service/dokumentation/auswertung/typische-fehlermeldungen-bei-unzustellbarkeit.html";

/** GMX / web.de / 1&1 (IONOS): its hosts, the marks of its replies, and its own codes and phrases. */
export const GMX: ProviderDef = {
  id: "gmx",
  name: "GMX / web.de / 1&1 (IONOS)",
  hosts: [
    "gmx.net",
    "gmx.de",
    "gmx.com",
    "gmx.at",
    "gmx.ch",
    "web.de",
    "mail.com",
    "kundenserver.de",
    "ionos.com",
    "ionos.de",
    "1and1.com",
    "1und1.de",
    "perfora.net",
  ],
  mailboxDomains: ["gmx.net", "gmx.de", "gmx.com", "gmx.at", "gmx.ch", "web.de", "mail.com"],
  regionalNames: ["gmx"],
  markers: [
    "postmaster.gmx",
    "postmaster.web.de",
    "postmaster.1and1",
    "postmaster.1und1",
    "postmaster.ionos",
    "mx-ha.gmx.net",
    "(mxgmx",
    "(mxweb",
    "nemesis esmtp service",
  ],
  rules: [
    {
      id: "ip-block-listed",
      reason: "blocked.provider_blocklist",
      match: ["ip address is block listed", "ip address is black listed", "ip address is blacklisted"],
      example:
        "554-gmx.net (mxgmx104) Nemesis ESMTP Service not available\n554-No SMTP service\n554-IP address is block listed.\n554 For explanation visit https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=198.51.100.42&r=1MNcgj-1ue23t3pyV-00S2YR",
      source: GMX_PM,
      priority: 66,
    },
    {
      id: "bad-ptr",
      reason: "blocked.no_ptr",
      match: ["bad dns ptr resource record", "invalid dns ptr resource record"],
      example:
        "554-gmx.net (mxgmx116) Nemesis ESMTP Service not available\n554-No SMTP service\n554-Bad DNS PTR resource record.\n554 For explanation visit http://postmaster.gmx.com/en/error-messages?ip=192.0.2.1&c=rdns",
      source: GMX_PM,
      priority: 66,
    },
    {
      id: "case-rdns",
      reason: "blocked.no_ptr",
      match: /[?&]c=(?:rdns|r06\d\d)\b/,
      keywords: ["c=rdns", "c=r06"],
      example:
        "554 For explanation visit https://postmaster.gmx.net/en/case?c=r0601&i=ip&v=192.0.2.1&r=1MNcgj-1ue23t3pyV-00S2YR",
      source: GMX_PM,
      priority: 64,
    },
    {
      id: "policy-restrictions",
      reason: "blocked.policy",
      match: "reject due to policy restrictions",
      example:
        "554 gmx.net (mxgmx016) Nemesis ESMTP Service not available No SMTP service Reject due to policy restrictions,",
      source: "https://lore.kernel.org/ (linux-staging thread quoting a GMX reply)",
      priority: 64,
    },
    {
      id: "policy-violations",
      reason: "blocked.policy",
      match: "reject due to policy violations",
      example: "421 Reject due to policy violations",
      source: ONEANDONE,
      priority: 64,
    },
    {
      id: "rate-limit",
      reason: "rate_limit.throttled",
      match: "rate limit reached. please try again later",
      example: "421 Rate limit reached. Please try again later",
      source: ONEANDONE,
      priority: 64,
    },
    {
      id: "spf-policy",
      reason: "dmarc.spf_fail",
      match: "reject due to spf policy",
      example:
        "550 <jane@example.com>: Reject due to SPF policy. The originating IP of the message is not permitted by the domain owner",
      source: CODES,
      priority: 66,
    },
    {
      id: "storage-exhausted",
      reason: "inbox_full.over_quota",
      match: "user has exhausted allowed storage space",
      example:
        "550 Benutzer hat das Speichervolumen ueberschritten. / User has exhausted allowed storage space.",
      source: SITEPACKAGE,
      priority: 64,
    },
    {
      id: "too-many-messages",
      reason: "inbox_full.too_many_messages",
      // GMX's help page drops the article ("User has too many messages on server").
      match: ["user has too many messages on the server", "user has too many messages on server"],
      example: "550 Benutzer hat zuviele Mails auf dem Server. / User has too many messages on the server.",
      source: SITEPACKAGE,
      priority: 64,
    },
    {
      id: "mail-size",
      reason: "rejection.size",
      match: /mail size limit exceeded\. for explanation visit/,
      keywords: ["mail size limit exceeded"],
      example:
        "Mail size limit exceeded. For explanation visit http://postmaster.1and1.com/en/error-messages?ip=192.0.2.1",
      source: "https://github.com/sisimai/rb-sisimai/blob/master/lib/sisimai/lhost/einsundeins.rb",
      priority: 64,
    },
  ],
  codes: [
    {
      status: null,
      reply: 550,
      reason: "invalid_address.user_unknown",
      example: "550 <jane@example.com>: Requested action not taken: mailbox unavailable",
    },
    {
      status: null,
      reply: 552,
      reason: "inbox_full.over_quota",
      example: "552 Requested mail action aborded: exceeded storage allocation, Quota exceeded",
    },
  ],
};
