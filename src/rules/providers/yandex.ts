import type { ProviderDef } from "../types.js";

const TO_YANDEX = "https://yandex.com/support/mail/bounces/yandex.html";

/** Yandex: its hosts, the marks of its replies, and its own codes and phrases. */
export const YANDEX: ProviderDef = {
  id: "yandex",
  name: "Yandex",
  hosts: ["yandex.ru", "yandex.net", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua"],
  mailboxDomains: ["yandex.ru", "yandex.com", "ya.ru"],
  regionalNames: ["yandex"],
  markers: ["yandex.ru/support", "yandex.com/support", "ya.cc/", "mail.yandex.net", "mx.yandex"],
  rules: [
    {
      id: "suspicion-of-spam",
      reason: "sender_reputation.spam",
      match: ["message rejected under suspicion of spam", "ya.cc/1irbc"],
      example:
        "554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1591105070-ioOx63ynHU-bo2C7bnQ",
      source: "https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html",
      priority: 66,
    },
    {
      id: "spam-statistics",
      reason: "blocked.provider_blocklist",
      match: ["blocked by spam statistics", "spamsource.mail.yandex.net"],
      example: "554 5.7.1 Blocked by spam statistics",
      source: TO_YANDEX,
      priority: 66,
    },
    {
      id: "spam-limit",
      reason: "sender_reputation.spam",
      match: "spam limit exceeded",
      example: "451 4.7.1 Spam limit exceeded",
      source: "https://www.yandex.com/support/mail/web/letter/create/troubleshooting.html",
      priority: 66,
    },
    {
      id: "no-such-user",
      reason: "invalid_address.user_unknown",
      match: "5.7.1 no such user!",
      example: "550 5.7.1 No such user!",
      source: TO_YANDEX,
      priority: 66,
    },
    {
      id: "policy-rejection",
      reason: "inbox.disabled",
      match: "policy rejection on the target address",
      example: "550 5.7.1 Policy rejection on the target address",
      source: "https://yandex.com/support/mail/bounces/yandex/policy-rejection-on-the-target-address.html",
      priority: 66,
    },
    {
      id: "virus",
      reason: "rejection.virus",
      match: "message infected by virus",
      example: "Message infected by virus",
      source: TO_YANDEX,
      priority: 64,
    },
    {
      // The other address errors of Yandex's table ("Bad recipient address syntax" is anyone's words).
      id: "bad-address-syntax",
      reason: "invalid_address.bad_syntax",
      match: "bad address mailbox syntax",
      example: "Bad address mailbox syntax",
      source: TO_YANDEX,
      priority: 62,
    },
    {
      id: "no-correct-recipients",
      reason: "invalid_address.user_unknown",
      match: "no correct recipients",
      example: "No correct recipients",
      source: TO_YANDEX,
      priority: 62,
    },
    {
      id: "need-fqdn",
      reason: "invalid_address.bad_syntax",
      match: "recipient address rejected: need fully-qualified address",
      example: "504 5.5.2 <jane>: Recipient address rejected: need fully-qualified address",
      source: TO_YANDEX,
      priority: 62,
    },
  ],
  codes: [],
};
