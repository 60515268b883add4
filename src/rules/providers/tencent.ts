import type { ProviderDef } from "../types.js";

const HELP = "https://service.mail.qq.com/cgi-bin/help?id=20022";
const SISIMAI = "https://github.com/sisimai/rb-sisimai/blob/master/lib/sisimai/rhost/tencent.rb";

/** Tencent (QQ Mail, Exmail): its hosts, the marks of its replies, and its own codes and phrases. */
export const TENCENT: ProviderDef = {
  id: "tencent",
  name: "Tencent (QQ Mail, Exmail)",
  hosts: ["qq.com", "exmail.qq.com", "foxmail.com", "qq.com.cn"],
  mailboxDomains: ["qq.com", "foxmail.com"],
  markers: ["service.mail.qq.com", "mail.qq.com", "id=20022&&no="],
  rules: [
    {
      id: "mailbox-not-found",
      reason: "invalid_address.user_unknown",
      match: ["mailbox not found.", "mail.qq.com/detail/122/169", "no=1000728"],
      example:
        "550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728",
      source: HELP,
      priority: 64,
    },
    {
      id: "recipient-flooded",
      reason: "rate_limit.recipient_rate",
      match: [
        "mail.qq.com/detail/122/166",
        "frequency of receiving messages is limited",
        "mail.qq.com/detail/122/1011",
      ],
      example:
        "550 Mailbox unavailable or access denied [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/166",
      source: SISIMAI,
      priority: 66,
    },
    {
      // QQ's words for the same, but anyone's too (58.com answers them for an unknown address): QQ's
      // only when QQ answered (its host, or its help pages in the text). Alone they are read as elsewhere.
      id: "recipient-flooded-words",
      reason: "rate_limit.recipient_rate",
      match: ["mailbox unavailable or access denied", "mailbox unavailable or access denined"],
      onlyFromProvider: true,
      example:
        "550 Mailbox unavailable or access denied [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/166",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "ip-frequency",
      reason: "rate_limit.throttled",
      match: [
        "ip frequency limited",
        "domain frequency limited",
        "sender frequency limited",
        "mail.qq.com/detail/122/172",
        "mail.qq.com/detail/122/173",
        "mail.qq.com/detail/122/174",
        "no=1000725",
      ],
      example:
        "550 Ip frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725",
      source: HELP,
      priority: 66,
    },
    {
      id: "connection-frequency",
      reason: "rate_limit.too_many_connections",
      match: ["connection frequency limited", "mail.qq.com/detail/122/175"],
      example:
        "550 Connection frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000722",
      source: HELP,
      priority: 66,
    },
    {
      id: "connection-denied",
      reason: "rate_limit.throttled",
      match: /connection denied\.? ?(?:\[[^\]\s]{1,100}\]\.? ?)?https?:\/\/service\.mail\.qq\.com/,
      keywords: ["connection denied"],
      example:
        "550 Connection denied [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/170",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "content-denied",
      reason: "sender_reputation.complaints",
      match: ["mail content denied", "mail.qq.com/detail/122/171", "no=1000726"],
      example:
        "550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726 [MFzFTLSV4lzOGwIfv+UqxoSSC6s1Cw9zqHAGgKkhM21V12ZU/zcxWo5jtQFePQGG4w== IP: 192.0.2.1]",
      source: HELP,
      priority: 66,
    },
    {
      id: "spam-embedded",
      reason: "sender_reputation.spam",
      match: ["spam is embedded in the email", "mail.qq.com/detail/122/59"],
      example:
        "550 Spam is embedded in the email [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/59",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "suspected-spam-ip",
      reason: "sender_reputation.ip_reputation",
      match: ["suspected spam ip", "mail.qq.com/detail/122/66"],
      example:
        "550 Suspected spam ip [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/66",
      source: SISIMAI,
      priority: 67,
    },
    {
      id: "suspected-spam",
      reason: "sender_reputation.spam",
      // "Suspected spam." alone is anyone's wording; QQ's has an id in brackets or its help link.
      match: ["suspected spam [", "mail.qq.com/detail/122/71"],
      example:
        "550 Suspected spam [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/71",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "bounce-attacks",
      reason: "blocked.policy",
      match: ["suspected bounce attacks", "mail.qq.com/detail/122/57"],
      example:
        "550 Suspected bounce attacks [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/57.",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "rejected-by-recipients",
      reason: "blocked.sender_blocked",
      match: ["mail is rejected by recipients", "mail.qq.com/detail/122/92"],
      example:
        "550 Mail is rejected by recipients [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/92",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "deactivated",
      reason: "inbox.inactive",
      match: ["is a deactivated mailbox", "no=1000742"],
      example:
        "550 jane@qq.com is a deactivated mailbox. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000742",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "bad-syntax",
      reason: "invalid_address.bad_syntax",
      match: ["bad address syntax [", "mail.qq.com/detail/122/167"],
      example:
        "550 Bad address syntax [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/167",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "spf",
      reason: "dmarc.spf_fail",
      match: ["mail.qq.com/detail/122/72"],
      example:
        "550 SPF check failed [MJa7XlUs5c8M8qPnY+VZdLiGT1y7U4Ydvf0Wy5bZnb+mW0UaAQ==]. https://service.mail.qq.com/detail/122/72",
      source: SISIMAI,
      priority: 66,
    },
    {
      id: "dmarc",
      reason: "dmarc.policy_reject",
      match: ["dmarc check failed"],
      example: "550 DMARC check failed.",
      source: SISIMAI,
      priority: 67,
    },
  ],
  codes: [],
};
