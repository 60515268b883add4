import type { ProviderDef } from "../types.js";

const SMTP_ERRORS = "https://support.google.com/a/answer/3726730";
const SENDER_GUIDELINES = "https://support.google.com/mail/answer/81126";
const BLOCKED_MESSAGES = "https://support.google.com/mail/answer/188131";

/** Gmail / Google Workspace: its hosts, the marks of its replies, and its own codes and phrases. */
export const GMAIL: ProviderDef = {
  id: "gmail",
  name: "Gmail / Google Workspace",
  hosts: ["google.com", "googlemail.com", "gmail.com", "1e100.net", "gmail-smtp-in.l.google.com"],
  mailboxDomains: ["gmail.com", "googlemail.com"],
  markers: ["gsmtp", "support.google.com/mail", "support.google.com/a/", "support.google.com/a?", "- gcdp"],
  rules: [
    // --- rate limits -----------------------------------------------------------------------
    {
      id: "receiving-rate",
      reason: "rate_limit.recipient_rate",
      match: [
        "is receiving mail too quickly",
        "is receiving email too quickly",
        "receiving mail at a rate that prevents",
        "receiving email at a rate that prevents",
        "p=receivingrate",
        "p=receivingrateperm",
      ],
      priority: 66,
      permanence: "soft",
      example:
        "450 4.2.1 The user you are trying to contact is receiving email at a rate that prevents additional messages from being delivered. Please resend your message at a later time. If the user is able to receive email at that time, your message will be delivered. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "unusual-rate",
      reason: "rate_limit.throttled",
      match: [
        "gmail has detected an unusual rate of",
        "gmail has detected an unusual amount of",
        "p=unsolicitedratelimiterror",
      ],
      priority: 66,
      example:
        "421 4.7.28 Gmail has detected an unusual rate of unsolicited email originating from your DKIM domain example.com. To protect our users from spam, email sent from your domain has been temporarily rate limited. To review our bulk email senders guidelines, go to Email sender guidelines. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "unsolicited-blocked",
      reason: "sender_reputation.spam",
      match: [
        "there is an unusual rate of unsolicited email",
        "there is an unusual rate of unsolicited mail",
        "mail sent from your ip address has been blocked",
      ],
      priority: 67,
      example:
        "550 5.7.28 There is an unusual rate of unsolicited email originating from your IP address. To protect our users from spam, email sent from your IP address has been blocked. To review our bulk email senders guidelines, go to Email sender guidelines. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      // The old Gmail help page on messages refused as spam ("Our system has detected that this message
      // is likely unsolicited mail"), which Gmail's older replies and other servers' copies link to.
      id: "spam-help-link",
      reason: "sender_reputation.spam",
      match: ["answer.py?answer=69585", "answer=69585"],
      priority: 66,
      example:
        "Message rejected. See http://mail.google.com/support/bin/answer.py?answer=69585 for more information",
      source: "yandex.com/support/mail/bounces/other.html (Gmail's reply as Yandex's table lists it)",
    },
    {
      id: "same-message-id",
      reason: "rate_limit.throttled",
      match: ["sending messages with the same message-id", "sending messages that have the same message-id"],
      priority: 66,
      example:
        "421 4.7.28 Gmail has detected this sender exceeded the quota for sending messages that have the same Message-ID:. To best protect our users, the message has been temporarily rejected. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "relay-peak-limit",
      reason: "rate_limit.throttled",
      match: [
        "peak smtp relay limit exceeded",
        "this email has been rate limited. for more information, go to limits",
      ],
      priority: 64,
      example:
        "450 4.2.1 Peak SMTP relay limit exceeded for this customer. This is a temporary error. For more information on SMTP relay limits, contact your administrator or go to SMTP relay service error messages. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "daily-limit",
      reason: "rate_limit.daily_quota",
      match: [
        "daily user sending limit exceeded",
        "daily smtp relay limit exceeded",
        "daily smtp relay sending limit exceeded",
      ],
      priority: 64,
      example:
        "550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits, go to Gmail sending limits. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "domain-policy-size",
      reason: "rate_limit.too_many_recipients",
      // Too many recipients for one transaction; the page's second text also names "Google's sending
      // limits", which the generic words would read as a throttle of the sender.
      match: ["domain policy size per transaction exceeded", "your message has too many recipients"],
      priority: 64,
      example:
        "452 4.5.3 Domain policy size per transaction exceeded, please try this recipient in a separate transaction. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      // Gmail's guard against a flood of connections closes this one: the page's older text adds
      // "This usually indicates a Denial of Service (DoS) for the SMTP relay at the HELO stage"
      // ("(command)" is the command it answered).
      id: "closing-connection",
      reason: "rate_limit.too_many_connections",
      match: "try again later, closing connection",
      priority: 64,
      example:
        "421 4.7.0 Try again later, closing connection. (command) For more information, go to About SMTP error messages. - gsmtp",
      source: SMTP_ERRORS,
    },
    // --- reputation -----------------------------------------------------------------------
    {
      id: "likely-unsolicited",
      reason: "sender_reputation.spam",
      match: [
        "likely unsolicited mail",
        "likely unsolicited email",
        "p=unsolicitedmessageerror",
        "p=unsolicitediperror",
      ],
      priority: 66,
      example:
        "550 5.7.1 This message is likely unsolicited email. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Why has Gmail blocked my messages? - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "low-ip-reputation",
      reason: "sender_reputation.ip_reputation",
      match: ["very low reputation of the sending ip", "low reputation of the sending ip address"],
      priority: 66,
      example:
        "421 4.7.0 This message is suspicious due to the very low reputation of the sending IP address. To protect our users from spam, email sent from your IP address has been temporarily rate limited. For more information, go to Why has Gmail blocked my messages?. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "low-domain-reputation",
      reason: "sender_reputation.domain_reputation",
      match: ["very low reputation of the sending domain", "low reputation of the sending domain"],
      priority: 66,
      example:
        "550 5.7.1 This message is likely suspicious due to the very low reputation of the sending domain. To best protect our users from spam, the message has been blocked. For more information, go to Why has Gmail blocked my messages? - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "suspicious-content",
      reason: "sender_reputation.spam",
      match: ["nature of the content or the links within", "nature of the content and/or the links within"],
      priority: 66,
      example:
        "421 4.7.0 This message is suspicious due to the nature of the content or the links within. To best protect our users from spam, the message has been blocked. For more information, go to Why has Gmail blocked my messages?. - gsmtp",
      source: BLOCKED_MESSAGES,
    },
    // --- PTR / IP ------------------------------------------------------------------------
    {
      id: "no-ptr",
      reason: "blocked.no_ptr",
      match: [
        "does not have a ptr record",
        "doesn't have a ptr record",
        "missing ptr records",
        "does not match the ip address of the hostname specified in the pointer",
        "ipv6 sending guidelines regarding ptr records",
      ],
      priority: 66,
      example:
        "550 5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. As a policy, Gmail does not accept messages from IPs with missing PTR records. - gsmtp",
      source: SENDER_GUIDELINES,
    },
    {
      id: "ip-not-authorized",
      reason: "blocked.policy",
      match: [
        "not authorized to send email directly to our servers",
        "not authorized to send mail directly to our servers",
        "p=notauthorizederror",
      ],
      priority: 66,
      example:
        "550 5.7.1 The IP you're using to send email is not authorized to send email directly to our servers. Use the SMTP relay at your service provider instead. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "relay-suspended",
      reason: "blocked.policy",
      match: "account has been temporarily suspended due to abuse",
      priority: 66,
      example:
        "550 5.7.0 Email relay denied 192.0.2.1. The sending email account has been temporarily suspended due to abuse. For more information, go to SMTP relay spam policy in Gmail. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "not-in-allowlist",
      reason: "recipient_error.restricted",
      match: "ip not in whitelist for rcpt domain",
      priority: 66,
      example:
        "421 4.7.0 IP not in whitelist for RCPT domain, closing connection. For more information, go to Allowlists, denylists, and approved senders. - gsmtp",
      source: SMTP_ERRORS,
    },
    // --- authentication ------------------------------------------------------------------
    {
      id: "unauthenticated",
      reason: "dmarc.unauthenticated",
      match: [
        "requires all senders to authenticate with either spf or dkim",
        "senders to authenticate with either spf or dkim",
        "does not have authentication information or fails to pass authentication checks",
        "fails to pass authentication checks",
      ],
      priority: 66,
      example:
        "550 5.7.26 This email has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [example.com] with ip: [192.0.2.1] = did not pass. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "spf-hard-fail",
      reason: "dmarc.spf_fail",
      match: [
        "has an spf record with a hard fail policy",
        "fails to pass spf checks",
        "the spf record of the sending domain has one or more suspicious entries",
        "authenticate their email with spf",
        "spf authentication didn't pass",
        "didn't pass spf authentication",
        "senders to authenticate with spf",
      ],
      priority: 67,
      example:
        "550 5.7.26 The MAIL FROM domain [example.com] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks with the ip: [192.0.2.1]. To best protect our users from spam and phishing, the message has been blocked. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "dkim-required",
      reason: "dmarc.dkim_fail",
      match: [
        "authenticate their email with dkim",
        "dkim authentication didn't pass",
        "didn't pass dkim authentication",
        "senders to authenticate with dkim",
        "because dkim does not pass",
      ],
      priority: 66,
      example:
        "421 4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate their email with DKIM. Authentication results: DKIM = Did not pass. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "dmarc-alignment",
      reason: "dmarc.alignment",
      match: "aligned with either the authenticated spf or dkim",
      priority: 67,
      example:
        "421 4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "dmarc-record-missing",
      reason: "dmarc.auth_required",
      match: [
        "doesn't have a dmarc record",
        "does not have a dmarc record",
        "add a dmarc record to their sending domain",
      ],
      priority: 67,
      example:
        "550 5.7.40 Your message was blocked because the sending domain doesn't have a DMARC record or the DMARC record doesn't specify a DMARC policy. Gmail requires all bulk email senders to add a DMARC record to their sending domain. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "tls-required",
      reason: "recipient_error.tls_required",
      match: [
        "senders to use tls/ssl for smtp connections",
        "wasn't sent over a tls connection",
        "you're not using a tls connection",
        "tls required for rcpt domain",
      ],
      priority: 66,
      example:
        "421 4.7.29 Your email has been rate limited because you're not using a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections. - gsmtp",
      source: SMTP_ERRORS,
    },
    // --- recipients ----------------------------------------------------------------------
    {
      id: "out-of-storage",
      reason: "inbox_full.over_quota",
      match: ["inbox is out of storage space", "p=overquotatemp"],
      priority: 64,
      example:
        "452 4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      // Google's "Perm": full and inactive for long, not emptied any more.
      id: "over-quota-permanent",
      reason: "inbox_full.over_quota",
      match: ["inbox is out of storage space and inactive", "p=overquotaperm"],
      priority: 65,
      permanence: "hard",
      example:
        "552 5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to Manage files in your Google Drive storage. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "inactive",
      reason: "inbox.inactive",
      match: ["account that you tried to reach is inactive", "p=disableduser"],
      priority: 62,
      // A disabled Google account does not come back for this sender: stop sending.
      permanence: "hard",
      example:
        "550 5.2.1 The email account that you tried to reach is inactive. For more information, go to https://support.google.com/mail/?p=DisabledUser - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "no-such-user",
      reason: "invalid_address.user_unknown",
      match: ["p=nosuchuser"],
      priority: 62,
      example:
        "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "recipient-domain",
      reason: "invalid_address.domain_not_found",
      match: ["we weren't able to find the recipient domain", "p=badrcptdomain"],
      priority: 64,
      example:
        "553 5.1.2 We weren't able to find the recipient domain. Please check for any spelling errors and make sure you didn't enter any spaces, periods, or other punctuation after the recipient's email address. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "recipient-rfc5321",
      reason: "invalid_address.bad_syntax",
      match: /\brecipient address <?[^\s>]{0,254}>? is not a valid rfc[- ]?5321 address/,
      keywords: ["is not a valid rfc"],
      priority: 64,
      example:
        "553 5.1.3 The recipient address <jane..doe@example.com> is not a valid RFC 5321 address. For more information, go to About SMTP error messages and review RFC 5321 specifications. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "sender-rfc5321",
      reason: "rejection.invalid_sender",
      match: /\bsender address <?[^\s>]{0,254}>? is not a valid rfc[- ]?5321 address/,
      keywords: ["is not a valid rfc"],
      priority: 64,
      example:
        "553 5.1.7 The sender address <bounce@example> is not a valid RFC 5321 address. For more information, go to About SMTP error messages and review RFC 5321 specifications. - gsmtp",
      source: SMTP_ERRORS,
    },
    // --- message policy ------------------------------------------------------------------
    {
      id: "rfc5322",
      reason: "rejection.protocol",
      match: [
        "missing a valid address in the from: header",
        "multiple addresses in the from: header",
        "missing a valid message-id: header",
        "unicode character in a disallowed header",
        "encoded-word syntax is not permitted",
        "multiple destination domains per transaction is unsupported",
        "p=rfcmessagenoncompliant",
      ],
      priority: 64,
      example:
        "550 5.7.1 Messages missing a valid address in the From: header, or having no From: header, are not accepted. For more information, go to Email sender guidelines and review RFC 5322 specifications. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "header-size",
      reason: "rejection.size",
      match: [
        "google's message header size limits",
        "bytes per individual header size",
        "google's header name limit",
        "p=maxsizeerror",
      ],
      priority: 64,
      example:
        "552 5.3.4 Your message exceeded Google's message header size limits. To view our header size guidelines, go to Gmail message header limits. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "policy-prohibited",
      reason: "rejection.policy",
      match: [
        "you are sending to (or from) has a policy that prohibits",
        "you are sending to (or from) has a policy that prohibited",
        "- gcdp",
      ],
      priority: 62,
      example:
        "550 5.7.1 The user or domain that you are sending to (or from) has a policy that prohibits the email that you sent. Contact your domain administrator for assistance. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "relay-denied",
      reason: "rejection.relay_denied",
      match: "invalid credentials for relay",
      priority: 63,
      example:
        "550 5.7.1 Invalid credentials for relay [192.0.2.1]. The IP address you've registered in your Workspace SMTP Relay service doesn't match the domain of the account this email is being sent from. - gsmtp",
      source: "https://support.google.com/a/answer/6140680",
    },
    {
      id: "sending-denied",
      reason: "rejection.invalid_sender",
      match: ["mail sending denied", "email sending denied"],
      priority: 63,
      example:
        "550 5.7.0 Email sending denied. For more information, go to SMTP relay service error messages. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      id: "helo",
      reason: "rejection.protocol",
      match: ["helo/ehlo argument", "p=helo"],
      priority: 60,
      example:
        "501 5.5.4 Empty HELO/EHLO argument not allowed, closing connection. For more information, go to HELO/EHLO email error. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      // Commands out of turn in the SMTP session: the client's protocol error, not the message's.
      id: "smtp-protocol",
      reason: "rejection.protocol",
      match: ["no commands allowed to pipeline after starttls", "no identity changes permitted"],
      priority: 62,
      example:
        "523 5.7.10 SMTP protocol violation, no commands allowed to pipeline after STARTTLS. For more information, go to About SMTP error messages and review RFC 3207 specifications. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      // smtp.gmail.com wants a login (SMTP AUTH) first, or refused it: the sending client's account or
      // settings to fix, not the message.
      id: "smtp-login",
      reason: "recipient_error.smtp_auth",
      match: [
        "log in through your web browser",
        "log in with your web browser",
        "xoauth is no longer supported",
      ],
      priority: 62,
      example:
        "534 5.7.14 Please log in through your web browser and then try again. For more information, go to Can't sign in to your Google Account. - gsmtp",
      source: SMTP_ERRORS,
    },
    {
      // A loop is routing on the receiving side (docs/decisions.md), as every other loop rule says.
      id: "hops",
      reason: "recipient_error.routing",
      match: ["message exceeded 50 hops", "p=mailloop"],
      priority: 62,
      example: "554 5.4.6 Message exceeded 50 hops, this may indicate an email loop. - gsmtp",
      source: SMTP_ERRORS,
    },
    // --- receiving side ------------------------------------------------------------------
    {
      id: "temporarily-rejected",
      reason: "recipient_error.server_error",
      match: [
        "mail server temporarily rejected message",
        "email server has temporarily rejected this message",
        "mail server has temporarily rejected this message",
      ],
      priority: 62,
      example: "451 4.3.0 Mail server temporarily rejected message. - gsmtp",
      source: "https://smtpfieldmanual.com/provider/google",
    },
    {
      id: "connection-expired",
      reason: "recipient_error.connection_failed",
      match: ["connection expired, try reconnecting", "timeout - closing connection"],
      priority: 60,
      example:
        "421 4.7.0 Connection expired, try reconnecting. For more information, go to About SMTP error messages. - gsmtp",
      source: SMTP_ERRORS,
    },
  ],
  codes: [
    { status: "4.7.28", reason: "rate_limit.throttled", example: "421 4.7.28 [192.0.2.1 15] gsmtp" },
    {
      status: "5.7.28",
      reason: "sender_reputation.spam",
      example: "550 5.7.28 [192.0.2.1] Review https://support.google.com/mail/answer/81126 - gsmtp",
    },
    {
      status: "4.2.1",
      reason: "rate_limit.recipient_rate",
      example: "450 4.2.1 https://support.google.com/mail/?p=ReceivingRate - gsmtp",
    },
    {
      status: "4.2.2",
      reason: "inbox_full.over_quota",
      example: "452 4.2.2 https://support.google.com/mail/?p=OverQuotaTemp - gsmtp",
    },
    {
      status: "5.2.2",
      reason: "inbox_full.over_quota",
      example: "552 5.2.2 https://support.google.com/mail/?p=OverQuotaPerm - gsmtp",
    },
    {
      status: "5.1.1",
      reason: "invalid_address.user_unknown",
      example: "550 5.1.1 https://support.google.com/mail/?p=NoSuchUser - gsmtp",
    },
    {
      status: "5.1.2",
      reason: "invalid_address.domain_not_found",
      example: "553 5.1.2 https://support.google.com/mail/?p=BadRcptDomain - gsmtp",
    },
    {
      status: "4.7.26",
      reason: "dmarc.unauthenticated",
      example: "421 4.7.26 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "5.7.26",
      reason: "dmarc.unauthenticated",
      example: "550 5.7.26 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "4.7.27",
      reason: "dmarc.spf_fail",
      example: "421 4.7.27 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "5.7.27",
      reason: "dmarc.spf_fail",
      example: "550 5.7.27 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "4.7.24",
      reason: "dmarc.spf_fail",
      example: "451 4.7.24 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "5.7.24",
      reason: "dmarc.spf_fail",
      example: "550 5.7.24 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "4.7.30",
      reason: "dmarc.dkim_fail",
      example: "421 4.7.30 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "5.7.30",
      reason: "dmarc.dkim_fail",
      example: "550 5.7.30 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "4.7.32",
      reason: "dmarc.alignment",
      example: "421 4.7.32 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "5.7.32",
      reason: "dmarc.alignment",
      example: "550 5.7.32 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "4.7.40",
      reason: "dmarc.auth_required",
      example: "421 4.7.40 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "5.7.40",
      reply: 550,
      reason: "dmarc.auth_required",
      example: "550 5.7.40 https://support.google.com/mail/answer/81126#authentication - gsmtp",
    },
    {
      status: "4.7.23",
      reason: "blocked.no_ptr",
      example: "451 4.7.23 https://support.google.com/mail/answer/81126#ip-practices - gsmtp",
    },
    {
      status: "5.7.25",
      reason: "blocked.no_ptr",
      example: "550 5.7.25 https://support.google.com/mail/answer/81126#ip-practices - gsmtp",
    },
    {
      status: "4.7.29",
      reason: "recipient_error.tls_failure",
      example: "421 4.7.29 https://support.google.com/mail/answer/81126 - gsmtp",
    },
    {
      status: "5.7.29",
      reason: "recipient_error.tls_failure",
      example: "550 5.7.29 https://support.google.com/mail/answer/81126 - gsmtp",
    },
    {
      status: "5.4.5",
      reason: "rate_limit.daily_quota",
      example: "550 5.4.5 https://support.google.com/a/answer/166852 - gsmtp",
    },
    {
      status: "5.3.4",
      reason: "rejection.size",
      example: "552 5.3.4 https://support.google.com/mail/?p=MaxSizeError - gsmtp",
    },
    {
      status: "4.5.3",
      reason: "rate_limit.too_many_recipients",
      example: "452 4.5.3 https://support.google.com/mail/?p=TooManyRecipientsError - gsmtp",
    },
    {
      status: "5.4.6",
      reason: "recipient_error.routing",
      example: "554 5.4.6 https://support.google.com/mail/?p=MailLoop - gsmtp",
    },
  ],
};
