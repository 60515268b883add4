import type { ProviderDef } from "../types.js";

const SISIMAI = "https://github.com/sisimai/rb-sisimai/blob/master/lib/sisimai/lhost/mailru.rb";

/** Mail.ru: its hosts, the marks of its replies, and its own codes and phrases. */
export const MAILRU: ProviderDef = {
  id: "mailru",
  name: "Mail.ru",
  hosts: ["mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru", "smailru.net", "corp.mail.ru"],
  mailboxDomains: ["mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru"],
  markers: ["help.mail.ru", "postmaster.mail.ru", "abuse@corp.mail.ru", "mxs.mail.ru"],
  rules: [
    {
      id: "spam-rejected",
      reason: "sender_reputation.spam",
      // "spam message rejected" alone is anyone's wording: the help link is Mail.ru's.
      match: "help.mail.ru/notspam-support",
      example:
        "550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c=37o1uvXUfWYxWJiJJ-wYxPhLrs9SgNsqDKLqJ1_v5c0HAAAAG8gAAGfRbRs~ or report details to abuse@corp.mail.ru. Error code: BA35BADF667DD4F589985831C418EC27CFAE4BF82ADB805227EAA20CCDE5EF5F. ID: 000000070000C81B1B6DD167.",
      source: "https://errorsmaster.ru/oshibka-550-spam-message-rejected",
      priority: 66,
    },
    {
      id: "user-not-found",
      reason: "invalid_address.user_unknown",
      match: /local mailbox \S{1,254} is unavailable: user not found/,
      keywords: ["is unavailable: user not found"],
      example:
        "550 Message was not accepted -- invalid mailbox. Local mailbox jane@mail.ru is unavailable: user not found",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "user-terminated",
      reason: "inbox.disabled",
      match: ["is unavailable: user is terminated", "is unavailable: account is disabled"],
      example:
        "550 Message was not accepted -- invalid mailbox. Local mailbox jane@list.ru is unavailable: user is terminated",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "sending-disabled",
      reason: "blocked.policy",
      match: "message sending for this account is disabled",
      example:
        "550 Message was not accepted -- invalid mailbox. Local mailbox jane@mail.ru is unavailable: message sending for this account is disabled: http://help.mail.ru/mail-help/postmaster/error",
      source: "https://mailout.ru/2015/09",
      priority: 67,
    },
    {
      id: "dmarc",
      reason: "dmarc.policy_reject",
      match: ["not accepted due to domain owner dmarc policy", "help.mail.ru/mail-help/postmaster/dmarc"],
      example:
        "550 5.7.1 This message was not accepted due to domain owner DMARC policy (RFC 7489) https://help.mail.ru/mail-help/postmaster/dmarc",
      source: "https://viws.ru/en/poterya-pochtovyh-soobshchenii-oshibki-pochtovoi-sistemy.html",
      priority: 66,
    },
  ],
  codes: [],
};
