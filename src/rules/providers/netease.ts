import type { ProviderDef, RuleSpec } from "../types.js";

/** NetEase's own table of reply codes (the help_spam_16 page), as public code quotes it. */
const HELP = "http://mail.163.com/help/help_spam_16.htm";

function nc(
  id: string,
  reason: string,
  match: string | readonly string[],
  example: string,
  priority = 66,
): RuleSpec {
  return { id, reason, match, example, source: HELP, priority };
}

/** NetEase (163, 126, Yeah): its hosts, the marks of its replies, and its own codes and phrases. */
export const NETEASE: ProviderDef = {
  id: "netease",
  name: "NetEase (163, 126, Yeah)",
  hosts: ["163.com", "126.com", "yeah.net", "netease.com", "qiye.163.com", "188.com", "126.net", "163.net"],
  mailboxDomains: ["163.com", "126.com", "yeah.net", "188.com"],
  markers: ["mail.163.com/help", "help.163.com", "help.mail.163.com", "netease", "feedback.mail.126.com"],
  rules: [
    // HL: the sending IP
    nc(
      "hl-rep",
      "sender_reputation.ip_reputation",
      "hl:rep",
      "421 HL:REP 该IP发送行为异常，存在接收者大量不存在情况，被临时禁止连接。",
    ),
    nc(
      "hl-icc",
      "rate_limit.too_many_connections",
      "hl:icc",
      "421 HL:ICC 该IP同时并发连接数过大，超过了网易的限制，被临时禁止连接。",
    ),
    nc(
      "hl-ifc",
      "rate_limit.throttled",
      ["hl:ifc", "hl:ifq", "hl:itc"],
      "421 HL:IFC 该IP短期内发送了大量信件，超过了网易的限制，被临时禁止连接。",
    ),
    nc(
      "hl-mep",
      "blocked.policy",
      "hl:mep",
      "421 HL:MEP 该IP发送行为异常，存在大量伪造发送域域名行为，被临时禁止连接。",
    ),
    nc(
      "hl-ihu",
      "blocked.provider_blocklist",
      "hl:ihu",
      "554 HL:IHU 发信IP因发送垃圾邮件或存在异常的连接行为，被暂时挂起。",
    ),
    nc("hl-ipb", "blocked.provider_blocklist", "hl:ipb", "554 HL:IPB 该IP不在网易允许的发送地址列表里"),
    nc("ip-in-blacklist", "blocked.provider_blocklist", "ip in blacklist", "554 IP in blacklist"),
    nc(
      "ip-auth-error-limit",
      "blocked.policy",
      "ip is rejected, smtp auth error limit exceed",
      "554 IP is rejected, smtp auth error limit exceed",
    ),
    // MI: the sender (MAIL FROM and session behaviour)
    nc(
      "mi-cel",
      "rejection.protocol",
      ["mi:cel", "rp:cel"],
      "450 MI:CEL 发送方出现过多的错误指令。请检查发信程序",
    ),
    nc(
      "mi-ccl",
      "rejection.protocol",
      ["mi:ccl", "rp:ccl"],
      "450 MI:CCL 发送方发送超出正常的指令数量。请检查发信程序",
    ),
    nc(
      "mi-dmc",
      "rate_limit.throttled",
      "mi:dmc",
      "450 MI:DMC 当前连接发送的邮件数量超出限制。请减少每次连接中投递的邮件数量",
    ),
    nc(
      "mi-sfq",
      "rate_limit.throttled",
      "mi:sfq",
      "451 MI:SFQ 发信人在15分钟内的发信数量超过限制，请控制发信频率",
    ),
    nc(
      "mi-stc",
      "rate_limit.daily_quota",
      "mi:stc",
      "554 MI:STC 发件人当天内累计邮件数量超过限制，当天不再接受该发件人的投信。请降低发信频率",
    ),
    nc("mi-nhd", "rejection.protocol", "mi:nhd", "550 MI:NHD HELO命令不允许为空"),
    nc(
      "mi-imf",
      "rejection.invalid_sender",
      "mi:imf",
      "550 MI:IMF 发信人电子邮件地址不合规范。请参考http://www.rfc-editor.org/关于电子邮件规范的定义",
    ),
    nc(
      "mi-spf",
      "dmarc.spf_fail",
      "mi:spf",
      "550 MI:SPF 发信IP未被发送域的SPF许可。请参考http://www.openspf.org/关于SPF规范的定义",
    ),
    nc(
      "mi-dma",
      "dmarc.policy_reject",
      "mi:dma",
      "550 MI:DMA 该邮件未被发信域的DMARC许可。请参考http://dmarc.org/关于DMARC规范的定义",
    ),
    nc("mi-spb", "blocked.sender_blocked", "mi:spb", "554 MI:SPB 此用户不在网易允许的发信用户列表里"),
    // RP: recipients
    nc(
      "rp-drc",
      "rate_limit.too_many_recipients",
      "rp:drc",
      "450 RP:DRC 当前连接发送的收件人数量超出限制。请控制每次连接投递的邮件数量",
    ),
    nc(
      "rp-qrc",
      "rate_limit.too_many_recipients",
      "rp:qrc",
      "451 RP:QRC 发信方短期内累计的收件人数量超过限制，该发件人被临时禁止发信。请降低该用户发信频率",
    ),
    nc(
      "rp-trc",
      "rate_limit.daily_quota",
      "rp:trc",
      "550 RP:TRC 发件人当天内累计的收件人数量超过限制，当天不再接受该发件人的邮件。请降低该用户发信频率",
    ),
    {
      // "ORQ": the sender is at its daily limit (KumoMTA's 163.com shaping rule suspends on it).
      id: "rp-orq",
      reason: "rate_limit.daily_quota",
      match: "rp:orq",
      example: "550 RP:ORQ http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.5",
      source: "https://github.com/KumoCorp/kumomta/blob/main/assets/community/shaping.toml",
      priority: 66,
    },
    nc("rp-frl", "rejection.relay_denied", "rp:frl", "550 RP:FRL 网易邮箱不开放匿名转发（Open relay）"),
    nc(
      "rp-rcl",
      "rejection.too_many_recipients",
      ["rp:rcl", "too much recipient"],
      "550 RP:RCL 群发收件人数量超过了限额，请减少每封邮件的收件人数量",
    ),
    // DT: content
    {
      id: "dt-spm",
      reason: "sender_reputation.spam",
      match: "dt:spm",
      example:
        "554 DT:SPM 163 smtp12,EMCowAA3o6zadeZdJwY6CA--.54140S2 1575384539,please see http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1&hostid=smtp12&time=1575384539",
      source: HELP,
      priority: 66,
    },
    nc(
      "dt-rbl",
      "blocked.dnsbl",
      "dt:rbl",
      "450 DT:RBL 发信IP位于一个或多个RBL里。请参考http://www.rbls.org/关于RBL的相关信息",
    ),
    nc("dt-sum", "dmarc.alignment", "dt:sum", "554 DT:SUM 信封发件人和信头发件人不匹配"),
    {
      // The same check in English (Coremail, NetEase's mail server): envelope and header senders differ.
      id: "mail-from-mismatch",
      reason: "dmarc.alignment",
      match: "mail from is mismatched with message header from address",
      example: "550 Error: MAIL FROM is mismatched with message header from address!",
      source:
        "https://github.com/voku/PHPMailer-BMH/blob/master/src/BounceMailHandler/phpmailer-bmh_rules.php",
      priority: 66,
    },
    // WM: allow lists
    nc("wm-bli", "blocked.provider_blocklist", "wm:bli", "450 WM:BLI 该IP不在网易允许的发送地址列表里"),
    nc("wm-blu", "blocked.sender_blocked", "wm:blu", "450 WM:BLU 此用户不在网易允许的发信用户列表里"),
    // Plain-English replies of the same table
    nc("user-in-blacklist", "blocked.sender_blocked", "user in blacklist", "550 User in blacklist"),
    // ("550 User suspended" and "550 Invalid User" are in the table too, but anyone's words: generic.)
    nc("illegal-attachment", "rejection.attachment", "illegal attachment", "552 Illegal Attachment"),
    nc(
      "mailsize",
      "rejection.size",
      "exceeded mailsize limit",
      "552 Requested mail action aborted: exceeded mailsize limit",
    ),
    nc(
      "null-sender",
      "rejection.invalid_sender",
      "null sender is not allowed",
      "553 Requested action not taken: NULL sender is not allowed",
    ),
    {
      // Any other code of the table ("HL:", "MI:", "RP:", "DT:", "WM:" and three letters after the reply
      // code): each is a refusal of this sender by NetEase's anti-spam policy (IP behaviour, sending
      // rate, content, allow lists), never a verdict on the recipient's address.
      id: "code",
      reason: "blocked.policy",
      match: /\b[45]\d\d (?:hl|mi|rp|dt|wm):[a-z]{3}\b/,
      keywords: ["hl:", "mi:", "rp:", "dt:", "wm:"],
      example: "553 RP:RDN",
      source: 'Vda\\BounceProcessing BounceClassifier.php (public bounce rules: "said: 553 RP:RDN")',
      priority: 40,
    },
    nc(
      "local-user-only",
      "rejection.relay_denied",
      "requested action not taken: local user only",
      "553 Requested action not taken: Local user only",
    ),
    nc(
      "no-smtp-mx-only",
      "rejection.invalid_sender",
      "requested action not taken: no smtp mx only",
      "553 Requested action not taken: no smtp MX only",
    ),
  ],
  codes: [],
};
