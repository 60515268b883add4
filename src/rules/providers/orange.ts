import type { ProviderDef, RuleSpec } from "../types.js";

const SISIMAI = "https://github.com/sisimai/rb-sisimai/blob/master/lib/sisimai/rhost/franceptt.rb";
const POSTMASTERY = "https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/";

/**
 * One Orange / La Poste reason code. Replies end with OFR_nnn, OFRxxx_nnn, LPNxxx_nnn, LPNAAA_nnn,
 * LPNnnn or OUK_nnn; the last three digits give the reason whatever the prefix.
 */
function code(n: string, reason: string, example: string, source = SISIMAI, priority = 66): RuleSpec {
  return {
    id: `code-${n}`,
    reason,
    match: new RegExp(String.raw`\b(?:ofr|lpn|ouk)(?:aaa|\d{3})?_?${n}\b`),
    keywords: [`_${n}`, `lpn${n}`],
    example,
    source,
    priority,
  };
}

/** Orange / La Poste: its hosts, the marks of its replies, and its own codes and phrases. */
export const ORANGE: ProviderDef = {
  id: "orange",
  name: "Orange / La Poste",
  hosts: ["orange.fr", "wanadoo.fr", "laposte.net", "orange.com"],
  mailboxDomains: ["orange.fr", "wanadoo.fr"],
  markers: ["ofr_", "lpn0", "lpn1", "lpnaaa_", "ofr00", "mwinf", "smtp-in.orange.fr"],
  rules: [
    code(
      "101",
      "blocked.dnsbl",
      "550 5.7.1 Service unavailable; client [192.0.2.1] blocked using Spamhaus Les emails envoyes vers la messagerie Laposte.net ont ete bloques par nos services. LPNAAA_101",
    ),
    code(
      "102",
      "blocked.provider_blocklist",
      "550 5.5.0 Les emails envoyes vers la messagerie Laposte.net ont ete bloques par nos services. The emails sent to the mail host Laposte.net were blocked by our services. LPN007_102",
    ),
    code(
      "103",
      "blocked.provider_blocklist",
      "550 mwinf5c10 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR006_103 192.0.2.1 [103]",
    ),
    code(
      "104",
      "rate_limit.too_many_connections",
      "421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR005_104 [104]",
    ),
    code(
      "105",
      "rate_limit.throttled",
      "421 OFR004_105 Service refuse. Veuillez essayer plus tard. Service refused, please try later.",
      "https://bentonow.com/smtp-errors/orange",
    ),
    code("107", "blocked.provider_blocklist", "Service refused, please try later. LPN006_107"),
    code("108", "blocked.provider_blocklist", "service refused, please try later. LPN001_108"),
    code("109", "rate_limit.throttled", "Veuillez essayer plus tard. LPN003_109"),
    code("201", "rate_limit.throttled", "Veuillez essayer plus tard. OFR004_201"),
    code("305", "dmarc.auth_required", "550 5.7.0 Code d'authentification invalide OFR_305"),
    code("401", "dmarc.spf_fail", "550 5.5.0 SPF: 192.0.2.1 is not allowed to send mail. LPN004_401"),
    code(
      "402",
      "dmarc.auth_required",
      "550 5.5.0 Authentification requise. Authentication Required. LPN105_402",
    ),
    code(
      "405",
      "rejection.invalid_sender",
      "501 5.1.0 Emetteur invalide. Invalid Sender. OFR004_405 [405] (in reply to MAIL FROM command)",
    ),
    code("415", "rejection.invalid_sender", "501 5.1.0 Emetteur invalide. Invalid Sender. OFR_415"),
    code(
      "416",
      "invalid_address.user_unknown",
      "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416] (in reply to RCPT TO command)",
    ),
    code(
      "417",
      "inbox_full.over_quota",
      "552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417] (in reply to RCPT TO command)",
    ),
    code(
      "420",
      "inbox.inactive",
      "550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420 (in reply to RCPT TO command)",
    ),
    code("421", "rejection.invalid_sender", "553 5.5.3 Mail from not owned by user. LPN105_421."),
    code("423", "rate_limit.throttled", "Service refused, please try later. LPN105_423"),
    code("424", "rate_limit.throttled", "Veuillez essayer plus tard. LPN105_424"),
    code(
      "426",
      "inbox.disabled",
      "550 5.5.0 Le compte du destinataire est bloque. The recipient account isblocked. LPN007_426 (in reply to RCPT TO command)",
    ),
    code(
      "505",
      "recipient_error.unavailable",
      "421 4.2.0 Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR005_505 [505] (in reply to end of DATA command)",
    ),
    code("506", "sender_reputation.spam", "550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]"),
    code(
      "510",
      "blocked.policy",
      "550 5.5.0 Service refuse. Veuillez essayer plus tard. service refused, please try later. LPN005_510 (in reply to end of DATA command)",
    ),
    code("513", "sender_reputation.spam", "Mail rejete. Mail rejected. OUK_513"),
    code(
      "517",
      "dmarc.policy_reject",
      "571 5.7.1 Message refused, DMARC verification Failed. Message refuse, verification DMARC en echec LPN007_517",
    ),
    code("630", "blocked.policy", "554 5.7.1 Client host rejected LPN000_630"),
    code(
      "999",
      "blocked.provider_blocklist",
      "421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_999 [999]",
      POSTMASTERY,
    ),
    {
      id: "spf-dns",
      reason: "dmarc.spf_fail",
      match: ["spf/dns de votre nom de domaine", "spf/dns configuration for your domain name"],
      example:
        "421 smtp.orange.fr [192.0.2.1] Emetteur invalide, Veuillez verifier la configuration SPF/DNS de votre nom de domaine. Invalid Sender. SPF check failed, please verify the SPF/DNS configuration for your domain name.",
      source: SISIMAI,
      priority: 66,
    },
    {
      // The sending domain, not the IP, is on Orange's list.
      id: "domain-blacklisted",
      reason: "blocked.domain_blocklist",
      match: "invalid sender. your domain has been blacklisted",
      example: "550 5.0.1 Invalid Sender. Your domain has been blacklisted",
      source: "https://github.com/KumoCorp/kumomta/blob/main/assets/community/bounces.toml",
      priority: 66,
    },
    {
      id: "blocked-spam-incident",
      reason: "blocked.provider_blocklist",
      match: ["client host blocked for spamming issues"],
      example:
        "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/?ip=192.0.2.1",
      source: SISIMAI,
      priority: 64,
    },
  ],
  codes: [],
};
