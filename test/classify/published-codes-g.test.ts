// Every reply the big providers print on their own error-code pages, read as the server sends it: the
// reply code, the enhanced status code and the page's text (Gmail appends "- gsmtp" to all of its
// replies). The page's placeholders (domain-name, ip-address, limit, …) are kept as printed. A row
// names the category and reason taxonomy.md gives the reply and, where it is worth pinning, the
// permanence. Apple's postmaster page (support.apple.com/102322, formerly HT204137) prints no
// reply texts, so it has no rows here.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Permanence } from "../../src/catalog/types.js";
import { diagnose } from "../../src/index.js";

type Row = [reply: string, category: string, reason: string, permanence?: Permanence];

// Gmail SMTP errors and codes, https://support.google.com/a/answer/3726730
// (knowledge.workspace.google.com/admin/support/troubleshooting/gmail-smtp-errors-and-codes): every
// row of the page as last updated 2026-02-12 (the copy kept in github.com/azumakuniyuki/
// feb-2024-no-auth-no-entry, google-3726730-smtp-errors-and-codes-2026-02-15.txt), in its order.
const gmail = (code: string, text: string) => `${code} ${text} - gsmtp`;
const GMAIL: Row[] = [
  [
    gmail(
      "450 4.2.1",
      "The user you are trying to contact is receiving email too quickly. Please resend your message at a later time. If the user is able to receive email at that time, your message will be delivered. For more information, go to Limits for sending & getting email.",
    ),
    "rate_limit",
    "rate_limit.recipient_rate",
  ],
  [
    gmail(
      "450 4.2.1",
      "The user you are trying to contact is receiving email at a rate that prevents additional messages from being delivered. Please resend your message at a later time. If the user is able to receive email at that time, your message will be delivered. For more information, go to Limits for sending & getting email.",
    ),
    "rate_limit",
    "rate_limit.recipient_rate",
  ],
  [
    gmail(
      "450 4.2.1",
      "Peak SMTP relay limit exceeded for this customer. This is a temporary error. For more information on SMTP relay limits, contact your administrator or go to SMTP relay service error messages.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "452 4.2.2",
      "The recipient's inbox is out of storage space. Please direct the recipient to Manage files in your Google Drive storage.",
    ),
    "inbox_full",
    "inbox_full.over_quota",
  ],
  [
    gmail(
      "451 4.3.0",
      "Email server has temporarily rejected this message. Go to About SMTP error messages for more information.",
    ),
    "recipient_error",
    "recipient_error.server_error",
  ],
  [
    gmail(
      "451 4.3.0",
      "Multiple destination domains per transaction is unsupported. Please try again. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "421 4.3.0",
      "Temporary System Problem. Try again later. For more information, go to About SMTP error messages.",
    ),
    "recipient_error",
    "recipient_error.server_error",
  ],
  [
    gmail(
      "451 4.4.2",
      "Timeout - closing connection. For more information, go to About SMTP error messages.",
    ),
    "recipient_error",
    "recipient_error.connection_failed",
  ],
  [
    gmail(
      "421 4.4.5",
      "Server busy, try again later. For more information, go to About SMTP error messages.",
    ),
    "recipient_error",
    "recipient_error.unavailable",
  ],
  [
    gmail(
      "451 4.5.0",
      "SMTP protocol violation. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "452 4.5.3",
      "Domain policy size per transaction exceeded, please try this recipient in a separate transaction. For more information, go to Message bounced due to a policy rule.",
    ),
    "rate_limit",
    "rate_limit.too_many_recipients",
  ],
  [
    gmail(
      "452 4.5.3",
      "Your message has too many recipients. For more information regarding Google's sending limits, go to Limits for sending & getting email.",
    ),
    "rate_limit",
    "rate_limit.too_many_recipients",
  ],
  [
    gmail(
      "421 4.7.0",
      "Connection expired, try reconnecting. For more information, go to About SMTP error messages.",
    ),
    "recipient_error",
    "recipient_error.connection_failed",
  ],
  [
    gmail(
      "421 4.7.0",
      "IP not in whitelist for RCPT domain, closing connection. For more information, go to Allowlists, denylists, and approved senders.",
    ),
    "recipient_error",
    "recipient_error.restricted",
  ],
  [
    gmail(
      "421 4.7.0",
      "Try again later, closing connection. (command) For more information, go to About SMTP error messages.",
    ),
    "rate_limit",
    "rate_limit.too_many_connections",
  ],
  [
    gmail(
      "421 4.7.0",
      "The IP address sending this message does not have a PTR record, or the corresponding forward DNS entry does not point to the sending IP. To protect our users from spam, email sent from your IP address has been temporarily rate limited. For more information, go to Email sender guidelines.",
    ),
    "blocked",
    "blocked.no_ptr",
  ],
  [
    gmail(
      "454 4.7.0",
      "Too many login attempts, please try again later. For more information, go to Add Gmail to another email client.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
  [
    gmail(
      "454 4.7.0",
      "Cannot authenticate due to a temporary system problem. Try again later. For more information, go to About SMTP error messages.",
    ),
    "recipient_error",
    "recipient_error.server_error",
  ],
  [
    gmail(
      "421 4.7.0",
      "TLS required for RCPT domain, closing connection. For more information, go to Email encryption in transit.",
    ),
    "recipient_error",
    "recipient_error.tls_required",
  ],
  [
    gmail(
      "421 4.7.0",
      "This message is suspicious due to the very low reputation of the sending IP address. To protect our users from spam, email sent from your IP address has been temporarily rate limited. For more information, go to Why has Gmail blocked my messages?.",
    ),
    "sender_reputation",
    "sender_reputation.ip_reputation",
  ],
  [
    gmail(
      "421 4.7.0",
      "This message is suspicious due to the very low reputation of the sending domain. To best protect our users from spam, the message has been blocked. For more information, go to Why has Gmail blocked my messages?.",
    ),
    "sender_reputation",
    "sender_reputation.domain_reputation",
  ],
  [
    gmail(
      "421 4.7.0",
      "This message is suspicious due to the nature of the content or the links within. To best protect our users from spam, the message has been blocked. For more information, go to Why has Gmail blocked my messages?.",
    ),
    "sender_reputation",
    "sender_reputation.spam",
  ],
  [
    gmail(
      "451 4.7.23",
      "ip-address The sending IP address for this message doesn't have a PTR record, or the PTR record's forward DNS entry doesn't match the sending IP address. To protect users from spam, your email has been temporarily rate limited. To learn more about IP address requirements for sending to Gmail, visit the IP addresses section of our sender guidelines. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "blocked",
    "blocked.no_ptr",
  ],
  [
    gmail(
      "451 4.7.24",
      "The SPF record of the sending domain has one or more suspicious entries. To protect our users from spam, email sent from your IP address has been temporarily rate limited. For more information, go to Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.spf_fail",
  ],
  [
    gmail(
      "451 4.7.26",
      "Unauthenticated email from domain-name is not accepted due to domain's DMARC policy, but temporary DNS failures prevent authentication. Please contact the administrator of domain-name domain if this was a legitimate email. To learn about the DMARC initiative, go to Control unauthenticated mail from your domain.",
    ),
    "dmarc",
    "dmarc.policy_reject",
  ],
  [
    gmail(
      "421 4.7.26",
      "This email has been rate limited because it is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF domain-name with ip: ip-address = did not pass. To resolve this issue, go to Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.unauthenticated",
  ],
  [
    gmail(
      "421 4.7.27",
      "Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate their email with SPF. Authentication results: SPF domain-name with IP address: ip-address = Did not pass. To set up SPF for your sending domains, visit Set up SPF. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.spf_fail",
  ],
  [
    gmail(
      "421 4.7.28",
      "Gmail has detected an unusual rate of email. To protect our users from spam, email has been temporarily rate limited. To review our bulk email senders guidelines, go to Email sender guidelines.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "421 4.7.28",
      "Gmail has detected an unusual rate of email originating from your IP address ip-address. To protect our users from spam, email sent from your IP address has been temporarily rate limited. To review our bulk email senders guidelines, go to Email sender guidelines.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "421 4.7.28",
      "Gmail has detected an unusual rate of unsolicited email originating from your IP Netblock ip-address. To protect our users from spam, email sent from your IP Netblock has been temporarily rate limited. To review our bulk email senders guidelines, go to Email sender guidelines.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "421 4.7.28",
      "Gmail has detected an unusual rate of unsolicited email originating from your DKIM domain domain-name. To protect our users from spam, email sent from your domain has been temporarily rate limited. To review our bulk email senders guidelines, go to Email sender guidelines.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "421 4.7.28",
      "Gmail has detected an unusual rate of unsolicited email originating from your SPF domain domain-name. To protect our users from spam, email sent from your domain has been temporarily rate limited. To review our bulk email senders guidelines, go to Email sender guidelines.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "421 4.7.28",
      "Gmail has detected an unusual rate of unsolicited email containing one of your URL domains. To protect our users from spam, email with the URL has been temporarily rate limited. To review our bulk email senders guidelines, go to Email sender guidelines.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "421 4.7.28",
      "Gmail has detected an unusual amount of unsolicited email originating from your IP address. To protect our users from spam, email sent from your IP address has been temporarily blocked. To review our bulk email senders guidelines, go to Email sender guidelines.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "421 4.7.28",
      "Gmail has detected this sender exceeded the quota for sending messages that have the same Message-ID:. To best protect our users, the message has been temporarily rejected. For more information, go to Why has Gmail blocked my messages?.",
    ),
    "rate_limit",
    "rate_limit.throttled",
  ],
  [
    gmail(
      "421 4.7.29",
      "Your email has been rate limited because you're not using a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections. To set up TLS for email, visit TLS & SSL connections. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "recipient_error",
    "recipient_error.tls_required",
  ],
  [
    gmail(
      "421 4.7.30",
      "Your email has been rate limited because DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate their email with DKIM. Authentication results: DKIM = Did not pass. To set up DKIM for your sending domains, visit Set up DKIM. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.dkim_fail",
  ],
  [
    gmail(
      "421 4.7.40",
      "Your email has been rate limited because the sending domain doesn't have a DMARC record, or the DMARC record doesn't specify a DMARC policy. Gmail requires all bulk email senders to add a DMARC record to their sending domain. See Set up DMARC. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.auth_required",
  ],
  [
    gmail(
      "421 4.7.32",
      "Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. Learn more about DMARC alignment. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.alignment",
  ],
  [
    // The page prints this one with 421 in front of the 5.7.32 status code.
    gmail(
      "421 5.7.32",
      "Your email was blocked because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. Learn more about DMARC alignment. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.alignment",
  ],
  [
    gmail(
      "550 5.1.1",
      "The email account that you tried to reach does not exist. Please double-check the recipient's email address for typos or unnecessary spaces. For more information, go to Fix bounced or rejected emails.",
    ),
    "invalid_address",
    "invalid_address.user_unknown",
  ],
  [
    gmail(
      "553 5.1.2",
      "We weren't able to find the recipient domain. Please check for any spelling errors and make sure you didn't enter any spaces, periods, or other punctuation after the recipient's email address. For more information, go to Fix bounced or rejected emails.",
    ),
    "invalid_address",
    "invalid_address.domain_not_found",
  ],
  [
    gmail(
      "553 5.1.3",
      "The recipient address address is not a valid RFC 5321 address. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "invalid_address",
    "invalid_address.bad_syntax",
  ],
  [
    gmail(
      "553 5.1.7",
      "The sender address address is not a valid RFC 5321 address. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rejection",
    "rejection.invalid_sender",
  ],
  [
    gmail(
      "550 5.2.1",
      "The email account that you tried to reach is inactive. For more information, go to https://support.google.com/mail/?p=DisabledUser",
    ),
    "inbox",
    "inbox.inactive",
    "hard",
  ],
  [
    gmail(
      "550 5.2.1",
      "The user you are trying to contact is receiving email at a rate that prevents additional messages from being delivered. For more information, go to Limits for sending & getting email.",
    ),
    "rate_limit",
    "rate_limit.recipient_rate",
    "soft",
  ],
  [
    // Full and inactive: Google no longer empties it.
    gmail(
      "552 5.2.2",
      "The recipient's inbox is out of storage space and inactive. Please direct the recipient to Manage files in your Google Drive storage.",
    ),
    "inbox_full",
    "inbox_full.over_quota",
    "hard",
  ],
  [
    gmail(
      "552 5.3.4",
      "Your message exceeded Google's message size limits. To view our message size guidelines, go to Send attachments with your Gmail message.",
    ),
    "rejection",
    "rejection.size",
  ],
  [
    gmail(
      "552 5.3.4",
      "The number of attachments (num-attachments) exceeds Google's limit of limit attachments. To view our attachment size guidelines, go to Gmail receiving limits in Google Workspace.",
    ),
    "rejection",
    "rejection.attachment",
  ],
  [
    gmail(
      "552 5.3.4",
      "The size of your message (size bytes) exceeded Google's message size limits of limit bytes. To view our message size guidelines, go to Gmail receiving limits in Google Workspace.",
    ),
    "rejection",
    "rejection.size",
  ],
  [
    gmail(
      "552 5.3.4",
      "Your message exceeded Google's message header size limits. To view our header size guidelines, go to Gmail message header limits.",
    ),
    "rejection",
    "rejection.size",
  ],
  [
    gmail(
      "552 5.3.4",
      "Your message exceeded Google's message header size limits. Messages must not exceed limit total header bytes or limit header fields. To view our header size guidelines, go to Gmail message header limits.",
    ),
    "rejection",
    "rejection.size",
  ],
  [
    gmail(
      "552 5.3.4",
      "The size of the header name header value (size bytes) exceeds Google's limit of limit bytes per individual header size. To view our header size guidelines, go to Gmail message header limits.",
    ),
    "rejection",
    "rejection.size",
  ],
  [
    gmail(
      "552 5.3.4",
      "The size of one of the header values (size bytes) exceeds Google's limit of limit bytes per individual header size. To view our header size guidelines, go to Gmail message header limits.",
    ),
    "rejection",
    "rejection.size",
  ],
  [
    gmail(
      "552 5.3.4",
      "The size of a header name (size bytes) exceeds Google's header name limit of limit bytes. To view our header size guidelines, go to Gmail message header limits.",
    ),
    "rejection",
    "rejection.size",
  ],
  [
    gmail(
      "552 5.3.4",
      "Your message has a Subject: header that exceeds Google's message header size limits. To view our header size guidelines, go to Gmail message header limits.",
    ),
    "rejection",
    "rejection.size",
  ],
  [
    gmail(
      "550 5.4.5",
      "Daily user sending limit exceeded. For more information on Gmail sending limits, go to Gmail sending limits.",
    ),
    "rate_limit",
    "rate_limit.daily_quota",
  ],
  [
    gmail(
      "550 5.4.5",
      "Daily SMTP relay limit exceeded for user. For more information on SMTP relay sending limits, contact your administrator or go to SMTP relay service error messages.",
    ),
    "rate_limit",
    "rate_limit.daily_quota",
  ],
  [
    gmail("554 5.4.6", "Message exceeded 50 hops, this may indicate an email loop."),
    // A loop is routing on the receiving side (docs/decisions.md).
    "recipient_error",
    "recipient_error.routing",
  ],
  [
    gmail(
      "503 5.5.1",
      "Bad sequence of commands. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail("502 5.5.1", "Unimplemented command. For more information, go to About SMTP error messages."),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail("502 5.5.1", "Unrecognized command. For more information, go to About SMTP error messages."),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "502 5.5.1",
      "Too many unrecognized commands, goodbye. For more information, go to About SMTP error messages.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "503 5.5.1",
      "No DATA after BDAT. An email transaction protocol command was issued out of sequence. For more information, go to About SMTP error messages and review RFC 3030 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "503 5.5.1",
      "EHLO/HELO first. An email transaction protocol command was issued out of sequence. For more information, go to HELO/EHLO email error.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "503 5.5.1",
      "An email transaction protocol command was issued out of sequence. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "503 5.5.1",
      "RCPT first. An email transaction protocol command was issued out of sequence. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "501 5.5.2",
      "Syntax error, cannot decode response. For more information, go to About SMTP error messages.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "555 5.5.2",
      "Syntax error. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "555 5.5.2",
      "Syntax error, goodbye. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.5.3",
      "Too many recipients for this sender. For more information, go to About SMTP error messages and review RFC 5321 specifications.",
    ),
    "rate_limit",
    "rate_limit.too_many_recipients",
  ],
  [
    gmail(
      "501 5.5.4",
      "HELO/EHLO argument argument invalid closing connection. For more information, go to HELO/EHLO email error.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "501 5.5.4",
      "Empty HELO/EHLO argument not allowed, closing connection. For more information, go to HELO/EHLO email error.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "554 5.6.0",
      "Email message is malformed. Not accepted. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "552 5.7.0",
      "This message was blocked because its content presents a potential security issue. To review our message content and attachment content guidelines, go to File types blocked in Gmail.",
    ),
    "rejection",
    "rejection.attachment",
  ],
  [
    gmail(
      "503 5.7.0",
      "No identity changes permitted. For more information, go to About SMTP error messages.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.0",
      "Email relay denied ip-address. Invalid credentials for relay for one of the domains in: domain-name (as obtained from HELO and (E)MAIL FROM). Email is being sent from a domain or IP address which isn't registered in your Workspace account. Please login to your Workspace account and verify that your sending device IP address has been registered within the Workspace SMTP Relay Settings. For more information, go to SMTP relay service error messages.",
    ),
    "rejection",
    "rejection.relay_denied",
  ],
  [
    gmail(
      "550 5.7.0",
      "Email relay denied ip-address. The sending email account has been temporarily suspended due to abuse. For more information, go to SMTP relay spam policy in Gmail.",
    ),
    "blocked",
    "blocked.policy",
  ],
  [
    gmail(
      "550 5.7.0",
      "Email sending denied. For more information, go to SMTP relay service error messages.",
    ),
    "rejection",
    "rejection.invalid_sender",
  ],
  [
    gmail(
      "554 5.7.0",
      "Too many unauthenticated commands. For more information, go to About SMTP error messages.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
  [
    gmail(
      "530 5.7.0",
      "Authentication required. For more information, go to Can't sign in to your Google Account.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
  [
    gmail(
      "530 5.7.0",
      "Must issue a STARTTLS command first. For more information, go to About SMTP error messages and review RFC 3207 specifications.",
    ),
    "recipient_error",
    "recipient_error.tls_required",
  ],
  [
    gmail(
      "552 5.7.0",
      "This message was blocked because its content presents a potential security issue. To review our message and attachment content guidelines, go to File types blocked in Gmail.",
    ),
    "rejection",
    "rejection.attachment",
  ],
  [
    gmail(
      "550 5.7.1",
      "The user or domain that you are sending to (or from) has a policy that prohibits the email that you sent. Contact your domain administrator for assistance. For more information, go to Sorry, a policy is in place that prevents your message from being sent.",
    ),
    "rejection",
    "rejection.policy",
  ],
  [
    gmail(
      "550 5.7.1",
      "Invalid credentials for relay ip-address. The IP address you've registered in your Workspace SMTP Relay service doesn't match the domain of the account this email is being sent from. If you are trying to relay email from a domain that isn't registered under your Workspace account or has empty envelope-from:, you must configure your email server either to use SMTP AUTH to identify the sending domain or to present one of your domain names in the HELO or EHLO command. For more information, go to SMTP relay service error messages.",
    ),
    "rejection",
    "rejection.relay_denied",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is likely unsolicited email. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Why has Gmail blocked my messages?",
    ),
    "sender_reputation",
    "sender_reputation.spam",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message does not meet IPv6 sending guidelines regarding PTR records and authentication. For more information, go to Email sender guidelines.",
    ),
    "blocked",
    "blocked.no_ptr",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is likely suspicious due to the very low reputation of the sending IP address. To best protect our users from spam, the message has been blocked. For more information, go to Why has Gmail blocked my messages?",
    ),
    "sender_reputation",
    "sender_reputation.ip_reputation",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is likely suspicious due to the very low reputation of the sending domain. To best protect our users from spam, the message has been blocked. For more information, go to Why has Gmail blocked my messages?",
    ),
    "sender_reputation",
    "sender_reputation.domain_reputation",
  ],
  [
    gmail(
      "550 5.7.1",
      "Messages missing a valid address in the From: header, or having no From: header, are not accepted. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "Messages missing a valid Message-ID: header are not accepted. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "Messages with multiple addresses in the From: header are not accepted. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "The message contains a unicode character in a disallowed header. To review our message and header content guidelines, go to File types blocked in Gmail.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is not RFC 5322 compliant because it has duplicate headers. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is not RFC 5322 compliant because the From: header is missing. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is not RFC 5322 compliant because it has multiple From: headers. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is not RFC 5322 compliant because the From: header has a non-compliant domain name. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "This email has been rate limited. For more information, go to Limits for sending & getting email.",
    ),
    "rate_limit",
    "rate_limit.throttled",
    "soft",
  ],
  [
    gmail(
      "550 5.7.1",
      "The IP you're using to send email is not authorized to send email directly to our servers. Use the SMTP relay at your service provider instead. For more information, go to 'The IP you're using to send email is not authorized...'.",
    ),
    "blocked",
    "blocked.policy",
  ],
  [
    gmail(
      "550 5.7.1",
      "Daily SMTP relay sending limit exceeded for this customer. For more information on SMTP relay sending limits, contact your administrator or visit SMTP relay service error messages.",
    ),
    "rate_limit",
    "rate_limit.daily_quota",
  ],
  [
    gmail(
      "550 5.7.1",
      "Encoded-word syntax is not permitted in message header header-name. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is not RFC 5322 compliant. There are multiple header-name headers. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "550 5.7.1",
      "This message is not RFC 5322 compliant. There is a malformed header-name header. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to Email sender guidelines and review RFC 5322 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "523 5.7.10",
      "SMTP protocol violation, no commands allowed to pipeline after STARTTLS. For more information, go to About SMTP error messages and review RFC 3207 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "501 5.7.11",
      "Syntax error (no parameters allowed). For more information, go to About SMTP error messages and review RFC 3207 specifications.",
    ),
    "rejection",
    "rejection.protocol",
  ],
  [
    gmail(
      "534 5.7.14",
      "Please log in through your web browser and then try again. For more information, go to Can't sign in to your Google Account.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
  [
    gmail(
      "550 5.7.24",
      "The SPF record of the sending domain has one or more suspicious entries. For more information, go to Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.spf_fail",
  ],
  [
    gmail(
      "550 5.7.25",
      "This message was blocked because the sending IP address doesn't have a PTR record, or the forwarding DNS entry doesn't reference the sending IP address. Gmail requires that sending IP addresses have a PTR record. Learn more about requirements for sending IP addresses. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "blocked",
    "blocked.no_ptr",
  ],
  [
    gmail(
      "550 5.7.26",
      "This email has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [domain-name] with ip: [ip-address] = did not pass. For instructions on setting up authentication, go to Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.unauthenticated",
  ],
  [
    gmail(
      "550 5.7.26",
      "The (E)MAIL FROM domain [domain-name] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks with the ip: [ip-address]. To best protect our users from spam and phishing, the message has been blocked. For more information, go to Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.spf_fail",
  ],
  [
    gmail(
      "550 5.7.26",
      "Unauthenticated email from domain-name is not accepted due to domain's DMARC policy. Contact the administrator of domain-name domain if this was legitimate email. To learn about the DMARC initiative, go to Control unauthenticated email from your domain.",
    ),
    "dmarc",
    "dmarc.policy_reject",
  ],
  [
    gmail(
      "550 5.7.27",
      "This message was blocked because it didn't pass SPF authentication. Gmail requires bulk email senders to authenticate their email with SPF. Authentication results: SPF with ip-address = did not pass To set up SPF for your sending domains, visit Set up SPF. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.spf_fail",
  ],
  [
    gmail(
      "550 5.7.28",
      "There is an unusual rate of unsolicited email originating from your IP address. To protect our users from spam, email sent from your IP address has been blocked. To review our bulk email senders guidelines, go to Email sender guidelines.",
    ),
    "sender_reputation",
    "sender_reputation.spam",
  ],
  [
    gmail(
      "550 5.7.29",
      "This message was blocked because it wasn't sent over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections. To set up TLS for email, visit TLS & SSL connections. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "recipient_error",
    "recipient_error.tls_required",
  ],
  [
    gmail(
      "550 5.7.30",
      "This message was blocked because it didn't pass DKIM authentication. Gmail requires bulk email senders to authenticate their email with DKIM. Authentication results: DKIM = did not pass To set up DKIM for your sending domains, visit Set up DKIM. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.dkim_fail",
  ],
  [
    gmail(
      "550 5.7.40",
      "Your message was blocked because the sending domain doesn't have a DMARC record or the DMARC record doesn't specify a DMARC policy. Gmail requires all bulk email senders to add a DMARC record to their sending domain. See Set up DMARC. To learn more about Gmail requirements for bulk email senders, visit Email sender guidelines.",
    ),
    "dmarc",
    "dmarc.auth_required",
  ],
  [
    // 5.7.40 as the page prints it (the authentication-type code is 5.7.4): the words decide.
    gmail(
      "504 5.7.40",
      "Unrecognized authentication type. For more information, go to About SMTP error messages.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
  [
    gmail(
      "504 5.7.40",
      "XOAUTH is no longer supported. For more information, go to OAuth 2.0 Mechanism for Google Developers.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
  [
    gmail(
      "535 5.7.80",
      "Username and Password not accepted. For more information, go to Can't sign in to your Google Account.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
  [
    gmail(
      "534 5.7.90",
      "Application-specific password required. For more information, go to Sign in with app passwords.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
  [
    gmail(
      "534 5.7.90",
      "Please log in with your web browser and then try again. For more information, go to Can't sign in to your Google Account.",
    ),
    "recipient_error",
    "recipient_error.smtp_auth",
  ],
];

// Yahoo: the replies Yahoo's own pages print. senders.yahooinc.com/smtp-error-codes (2026) prints one
// whole reply, its failure notice example; the others are the replies Yahoo's help articles and its
// older error list name, with the sending IP as they print it (x.x.x.x).
const YAHOO: Row[] = [
  // https://senders.yahooinc.com/smtp-error-codes ("Sample Email failed delivery message")
  [
    "554 delivery error: dd This user doesn't have a yahoo.com account (testing123@yahoo.com) [-5] - mta123.mail.mud.yahoo.com",
    "invalid_address",
    "invalid_address.user_unknown",
  ],
  // https://help.yahoo.com/kb/SLN3436.html
  [
    "421 4.7.1 [TS03] All messages from x.x.x.x permanently deferred",
    "blocked",
    "blocked.provider_blocklist",
    "hard",
  ],
  // https://help.yahoo.com/kb/SLN7253.html: the article says the message failed DKIM, SPF or DMARC,
  // but the evaluation corpus (Sisimai) files the same reply as a policy rejection: left as it reads.
  ["554 5.7.9 Message not accepted for policy reasons", "rejection", "rejection.policy"],
  // Yahoo's postmaster help on TS01 (help.yahoo.com/kb/postmaster), as blog.arrentan.com quotes it.
  [
    "421 4.16.55 [TS01] Messages from x.x.x.x temporarily deferred due to excessive user complaints",
    "sender_reputation",
    "sender_reputation.complaints",
  ],
  // help.yahoo.com/l/us/yahoo/mail/postmaster/postmaster-22.html: "421 Message temporarily deferred -
  // [numeric code]", e.g. 4.16.51 (spam characteristics or complaints from Yahoo Mail users).
  ["421 Message temporarily deferred - 4.16.51", "sender_reputation", "sender_reputation.complaints"],
  // Yahoo's help on "421 Message from x.x.x.x temporarily deferred - 4.16.50" (substantial complaints).
  [
    "421 Message from x.x.x.x temporarily deferred - 4.16.50",
    "sender_reputation",
    "sender_reputation.complaints",
  ],
  // Yahoo's older SMTP error list (postmaster.yahoo.com), as germamojo.blogg.se reproduces it.
  ["451 VS1-MF Excessive unknown recipients - possible Open Relay (#4.4.5)", "blocked", "blocked.policy"],
  ["451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8)", "blocked", "blocked.policy"],
  // (Yahoo's servers busy: resources not available for now, to try again later.)
  [
    "451 Resources temporarily not available - Please try again later",
    "recipient_error",
    "recipient_error.unavailable",
  ],
  ["421 4.7.1 Messages from x.x.x.x permanently deferred", "blocked", "blocked.provider_blocklist", "hard"],
  [
    "421 4.7.0 Messages from x.x.x.x temporarily deferred due to user complaints - 4.16.55",
    "sender_reputation",
    "sender_reputation.complaints",
  ],
];

// AOL's legacy error lists, each code as the list prints it, with its page where the list names one:
// http://postmaster.aol.com/errors/ (RTR:DU, RLY:B1) and http://postmaster.aol.com/Postmaster.Errors.php
// (RTR:BB, RTR:CH, RTR:BG, RTR:RD).
const AOL: Row[] = [
  ["554 RTR:DU http://postmaster.info.aol.com/errors/554rtrdu.html", "blocked", "blocked.dnsbl"],
  [
    "554 RLY:B1 http://postmaster.info.aol.com/errors/554rlyb1.html",
    "sender_reputation",
    "sender_reputation.complaints",
  ],
  ["554 RTR:BB", "blocked", "blocked.no_ptr"],
  ["554 RTR:CH", "sender_reputation", "sender_reputation.spam"],
  ["554 RTR:BG", "blocked", "blocked.policy"],
  ["554 RTR:RD", "blocked", "blocked.no_ptr"],
];

const PROVIDERS: [name: string, provider: string, host: string, rows: Row[]][] = [
  ["Gmail", "gmail", "gmail-smtp-in.l.google.com", GMAIL],
  ["Yahoo", "yahoo", "mta5.am0.yahoodns.net", YAHOO],
  ["AOL", "yahoo", "mx-aol.mail.gm0.yahoodns.net", AOL],
];

for (const [name, provider, host, rows] of PROVIDERS) {
  test(`${name}: every reply its error-code pages print has the taxonomy's category and reason`, () => {
    const wrong: string[] = [];
    for (const [reply, category, reason, permanence] of rows) {
      const d = diagnose(reply, { lang: "none" });
      const want = `${category} ${reason}${permanence ? ` ${permanence}` : ""}`;
      const got = `${d.category} ${d.reason}${permanence ? ` ${d.permanence}` : ""}`;
      if (got !== want) wrong.push(`${reply}\n  want ${want}, got ${got} (${d.evidence.ruleId})`);
      // Answered by the provider's own host, the reply is its, and reads the same.
      const own = diagnose({ response: reply, remoteHost: host }, { lang: "none" });
      const gotOwn = `${own.provider} ${own.category} ${own.reason}`;
      if (gotOwn !== `${provider} ${d.category} ${d.reason}`)
        wrong.push(
          `${reply}\n  from ${host}: want ${provider} ${want}, got ${gotOwn} (${own.evidence.ruleId})`,
        );
    }
    assert.equal(
      wrong.length,
      0,
      `${wrong.length} of ${rows.length} replies read wrong:\n${wrong.join("\n")}`,
    );
  });
}
