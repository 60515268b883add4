import type { RuleTable } from "./types.js";

const FRANCEPTT = "https://github.com/sisimai/rb-sisimai/blob/master/lib/sisimai/rhost/franceptt.rb";
const WEBDE =
  "http://www.sitepackage.de/service/dokumentation/auswertung/typische-fehlermeldungen-bei-unzustellbarkeit.html";

/**
 * Replies in languages other than English: stock texts that providers send (often next to an
 * English translation, which the English tables may also match).
 */
export const LANGUAGES: RuleTable = {
  id: "lang",
  priority: 55,
  rules: [
    // French: Orange, Wanadoo, La Poste (bilingual replies) and French Exchange reports.
    {
      id: "fr-invalid-recipient",
      reason: "invalid_address.user_unknown",
      match: [
        "destinataire invalide",
        "adresse d au moins un destinataire invalide",
        "adresse d'au moins un destinataire invalide",
      ],
      example:
        "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. LPN416 (in reply to RCPT TO command)",
      source: FRANCEPTT,
      priority: 58,
    },
    {
      id: "fr-mailbox-full",
      reason: "inbox_full.over_quota",
      match: [
        "boite du destinataire pleine",
        "boîte du destinataire pleine",
        "boîte aux lettres du destinataire est pleine",
        "boite aux lettres du destinataire est pleine",
      ],
      example:
        "552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417] (in reply to RCPT TO command))",
      source: FRANCEPTT,
      priority: 58,
    },
    {
      id: "fr-archived",
      reason: "inbox.inactive",
      match: ["boite du destinataire archivee", "boîte du destinataire archivée"],
      example:
        "550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420 (in reply to RCPT TO command)",
      source: FRANCEPTT,
      priority: 58,
    },
    {
      id: "fr-account-blocked",
      reason: "inbox.disabled",
      match: ["le compte du destinataire est bloque", "le compte du destinataire est bloqué"],
      example:
        "550 5.5.0 Le compte du destinataire est bloque. The recipient account isblocked. LPN007_426 (in reply to RCPT TO command)",
      source: FRANCEPTT,
      priority: 58,
    },
    {
      id: "fr-invalid-sender",
      reason: "rejection.invalid_sender",
      match: ["emetteur invalide", "émetteur invalide"],
      example:
        "501 5.1.0 Emetteur invalide. Invalid Sender. OFR004_405 [405] (in reply to MAIL FROM command))",
      source: FRANCEPTT,
      priority: 56,
    },
    {
      id: "fr-too-many-connections",
      reason: "rate_limit.too_many_connections",
      match: "trop de connexions",
      example:
        "421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR005_104 [104]",
      source: FRANCEPTT,
      priority: 58,
    },
    {
      id: "fr-ip-blocked-spam",
      reason: "blocked.provider_blocklist",
      match: ["adresse ip source bloquee", "adresse ip source bloquée"],
      example:
        "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com",
      source: FRANCEPTT,
      priority: 62,
    },
    {
      id: "fr-size",
      reason: "rejection.size",
      match: "taille limite du message atteinte",
      example: "Taille limite du message atteinte",
      source: FRANCEPTT,
      priority: 58,
    },
    {
      id: "fr-dmarc",
      reason: "dmarc.policy_reject",
      match: ["verification dmarc en echec", "vérification dmarc en échec"],
      example:
        "571 5.7.1 Message refused, DMARC verification Failed. Message refuse, verification DMARC en echec LPN007_517",
      source: FRANCEPTT,
      priority: 62,
    },
    {
      id: "fr-auth-required",
      reason: "dmarc.auth_required",
      match: ["authentification requise", "code d'authentification invalide"],
      example: "550 5.5.0 Authentification requise. Authentication Required. LPN105_402",
      source: FRANCEPTT,
      priority: 56,
    },
    {
      id: "fr-service-refused",
      reason: "rate_limit.throttled",
      match: ["service refuse. veuillez essayer plus tard", "service refusé. veuillez essayer plus tard"],
      example:
        "421 OFR004_105 Service refuse. Veuillez essayer plus tard. Service refused, please try later.",
      source: "https://bentonow.com/smtp-errors/orange",
      priority: 50,
    },
    // German: web.de / GMX / 1&1 and German Exchange reports.
    {
      id: "de-user-unknown",
      reason: "invalid_address.user_unknown",
      match: ["benutzer nicht bekannt", "benutzer unbekannt", "empfänger unbekannt", "empfaenger unbekannt"],
      example: "550 Benutzer nicht bekannt/User unknown",
      source: WEBDE,
      priority: 56,
    },
    {
      id: "de-over-quota",
      reason: "inbox_full.over_quota",
      match: [
        "speichervolumen ueberschritten",
        "speichervolumen überschritten",
        "speicherplatz des kontos ueberschritten",
        "speicherplatz des kontos überschritten",
        "postfach des empfängers ist voll",
        "postfach des empfaengers ist voll",
        "postfach voll",
        "postfach ist voll",
      ],
      example:
        "550 Benutzer hat das Speichervolumen ueberschritten. / User has exhausted allowed storage space.",
      source: WEBDE,
      priority: 58,
    },
    {
      id: "de-too-many-messages",
      reason: "inbox_full.too_many_messages",
      match: ["zuviele mails auf dem server", "zu viele mails auf dem server"],
      example: "550 Benutzer hat zuviele Mails auf dem Server. / User has too many messages on the server.",
      source: WEBDE,
      priority: 58,
    },
    {
      id: "de-spam",
      reason: "sender_reputation.spam",
      match: ["nachricht als spam eingestuft", "als spam eingestuft"],
      example: "571 5.7.1 message classified as spam (Nachricht als Spam eingestuft)",
      source: "https://www.bytecamp.net/de/faq/email/zustellen.html",
      priority: 58,
    },
    // Polish: Onet / WP / Interia bilingual replies.
    {
      id: "pl-no-account",
      reason: "invalid_address.user_unknown",
      match: ["podane konto nie istnieje", "nie ma takiego konta"],
      example: "550 5.1.1 Podane konto nie istnieje / No mailbox here by that name",
      source: "https://github.com/ (PHP bounce classifier Vda\\BounceProcessing quoting Polish providers)",
      priority: 58,
    },
    {
      id: "pl-account-blocked",
      reason: "inbox.disabled",
      match: "konto jest zablokowane administracyjnie lub nieaktywne",
      example:
        "550 5.1.1 Podane konto jest zablokowane administracyjnie lub nieaktywne / This account is disabled or not yet active (#5.1.1)",
      source: "https://github.com/ (PHP bounce classifier Vda\\BounceProcessing quoting Polish providers)",
      priority: 58,
    },
    {
      id: "pl-spam",
      reason: "sender_reputation.spam",
      match: "odrzucona przez system antyspamowy",
      example: "550 Wiadomosc zostala odrzucona przez system antyspamowy",
      source: "PHP-Bounce-Handler bounce_responses.php (cfortune), Polish providers",
      priority: 58,
    },
    {
      id: "de-address-not-found",
      reason: "invalid_address.user_unknown",
      match: [
        "die adresse wurde nicht gefunden",
        "weil die adresse nicht gefunden wurde",
        "e-mail-adresse konnte nicht gefunden werden",
        "niemand unter dieser adresse bekannt",
        "es gibt keine person mit diesem namen unter dieser adresse",
        "diese adresse ist nicht mehr verfuegbar",
        "diese adresse ist nicht mehr verfügbar",
      ],
      // Gmail's report in German (its SMTP part stays English).
      example:
        "** Die Adresse wurde nicht gefunden ** Ihre Nachricht wurde nicht an jane@example.com zugestellt, weil die Adresse nicht gefunden wurde oder keine E-Mails empfangen kann.",
      source: "Gmail delivery report, German (deltachat/deltachat-core-rust test-data/message/gmail_ndn.eml)",
      priority: 58,
    },
    {
      id: "fr-address-not-found",
      reason: "invalid_address.user_unknown",
      match: ["adresse introuvable", "l'adresse est introuvable", "l’adresse est introuvable"],
      // Gmail's report in French (its SMTP part stays English, and is often left out of it).
      example:
        "** Adresse introuvable ** Votre message n'a pas pu être envoyé à jean.dupont@exemple.fr, car l'adresse est introuvable ou ne peut pas recevoir de messages.",
      source: "Gmail delivery report, French (as quoted in public bounce-handling test data)",
      priority: 58,
    },
    {
      id: "de-mailbox-full",
      reason: "inbox_full.over_quota",
      match: ["mailbox voll", "kapazität des empfänger e-mail postfaches erschöpft"],
      example: "550 Mailbox quota exceeded / Mailbox voll.",
      source: "OpenEMM bounce rules (agnitas-org/openemm)",
      priority: 58,
    },
    // Spanish, Italian, Japanese: Domino and Notes directory lookups, providers' own words.
    {
      id: "es-user-unknown",
      reason: "invalid_address.user_unknown",
      match: [
        "no se encuentra en el directorio de domino",
        "no existe dicha persona",
        "no existe ese usuario",
      ],
      example: "jane@example.com no se encuentra en el Directorio de Domino",
      source: "HCL Domino, Spanish (sisimai lhost via-domino)",
      priority: 58,
    },
    {
      id: "es-inactive",
      reason: "inbox.inactive",
      match: ["el usuario esta en estado: inactivo", "el usuario está en estado: inactivo"],
      example: "550 El usuario esta en estado: inactivo",
      source: "PHP-Bounce-Handler bounce_responses.php (cfortune), code 5.2.1",
      priority: 58,
    },
    {
      // "This address is blocked for non-use": closed for inactivity.
      id: "it-blocked-unused",
      reason: "inbox.inactive",
      match: "bloccato per inutilizzo",
      example: "550 Questo indirizzo e' bloccato per inutilizzo",
      source: "PHP-Bounce-Handler bounce_responses.php (cfortune), code 5.2.1",
      priority: 58,
    },
    {
      id: "it-user-unknown",
      reason: "invalid_address.user_unknown",
      match: "nessun utente simile in questo indirizzo",
      example: "550 nessun utente simile in questo indirizzo",
      source: "sisimai reason userunknown (Italian providers)",
      priority: 58,
    },
    {
      id: "fr-user-unknown",
      reason: "invalid_address.user_unknown",
      match: [
        "non répertorié dans l'annuaire domino",
        "non repertorie dans l'annuaire domino",
        "utilisateur inconnu",
      ],
      example: "jane@example.com non répertorié dans l'annuaire Domino",
      source: "HCL Domino, French (sisimai lhost via-domino)",
      priority: 58,
    },
    {
      id: "fr-abuse-detected",
      reason: "blocked.provider_blocklist",
      match: ["client host rejected: abus detecte", "abus détecté"],
      example: "554 5.7.1 <jane@example.fr>: Client host rejected: Abus detecte GU_EIB_02",
      source: "SFR (sisimai reason blocked)",
      priority: 62,
    },
    {
      id: "fr-mail-rejected-spam",
      reason: "sender_reputation.spam",
      match: "mail rejete. mail rejected",
      example: "550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]",
      source: FRANCEPTT,
      priority: 60,
    },
    {
      id: "ja-user-unknown",
      reason: "invalid_address.user_unknown",
      match: ["domino ディレクトリには見つかりません", "ディレクトリのリストにありません"],
      example: "jane@example.jp は Domino ディレクトリには見つかりません",
      source: "HCL Domino and Notes, Japanese (sisimai lhost via-domino, via-notes)",
      priority: 58,
    },
    // Chinese: QQ Mail's bounce keywords.
    {
      id: "zh-user-unknown",
      reason: "invalid_address.user_unknown",
      match: "该用户不存在",
      example: "550 该用户不存在",
      source: "QQ Mail help page on bounce keywords (copy at qqmailbox.com/transceivers/169.html)",
      priority: 58,
    },
    {
      id: "zh-not-opened",
      reason: "inbox.disabled",
      match: "该用户未开通qq邮箱",
      example: "550 该用户未开通QQ邮箱",
      source: "QQ Mail help page on bounce keywords (copy at qqmailbox.com/transceivers/169.html)",
      priority: 58,
    },
    {
      id: "zh-mailbox-full",
      reason: "inbox_full.over_quota",
      match: "收件人空间不足",
      example: "552 收件人空间不足",
      source: "QQ Mail help page on bounce keywords (copy at qqmailbox.com/transceivers/169.html)",
      priority: 58,
    },
    // Russian: localised Exchange / Microsoft 365 reports.
    {
      id: "ru-mailbox-full",
      reason: "inbox_full.over_quota",
      match: ["почтовый ящик получателя переполнен", "ящик получателя переполнен", "ящик переполнен"],
      example:
        "Почтовый ящик получателя переполнен и в данный момент не может принимать сообщения. Попытайтесь повторно отправить это сообщение позже или обратитесь к получателю напрямую.",
      source: "Exchange Online non-delivery report, Russian localisation",
      priority: 58,
    },
  ],
};
