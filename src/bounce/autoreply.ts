import { type BounceMessage, header } from "./message.js";

// Subjects of vacation and out-of-office replies, in the languages they come in.
const SUBJECT_RE =
  /\b(?:auto(?:matic|matische)?[ -]?(?:reply|response|antwort|réponse|reponse|respuesta|risposta|resposta)|out of (?:the )?office|on vacation|vacation (?:reply|message|notice)|away from (?:the|my) office|abwesenheit|absence|absent|ausser haus|außer haus|r[ée]ponse automatique|fuera de la oficina|automatisch antwoord|不在|自動応答|自动回复|otomatis)\b|^(?:auto|autoreply|automatic reply|vacation)\s*:/i;

// Subjects and senders of bounces: MTAs (Postfix, Exim, …) mark their bounces
// "Auto-Submitted: auto-replied" too, so that header alone does not make a vacation reply.
const BOUNCE_SUBJECT_RE =
  /undeliver|fail|delivery (?:status|notification|report|problem)|returned mail|returning message|bounce|non-?delivery|not (?:be )?delivered|could not be delivered|rejected|unzustellbar|non remis|no entregado/i;
const BOUNCE_FROM_RE = /mailer-daemon|postmaster|mail delivery (?:system|subsystem)/i;

/** RFC 3834 auto-replies and vacation messages (not bounces: the address works). */
export function isAutoReply(msg: BounceMessage): boolean {
  const auto = header(msg, "auto-submitted")?.toLowerCase() ?? "";
  const bounceLike = BOUNCE_SUBJECT_RE.test(msg.subject) || BOUNCE_FROM_RE.test(msg.from);
  if (auto.startsWith("auto-replied") && !bounceLike) {
    if (msg.deliveryStatus.length === 0) return true;
  }
  if (msg.headers.has("x-autoreply") || msg.headers.has("x-autorespond") || msg.headers.has("x-vacation"))
    return true;
  const precedence = header(msg, "precedence")?.toLowerCase() ?? "";
  if (
    SUBJECT_RE.test(msg.subject) &&
    (precedence === "auto_reply" || precedence === "bulk" || auto !== "" || msg.deliveryStatus.length === 0)
  ) {
    return (
      !/undeliver|delivery status notification|mail delivery failed|returned mail/i.test(msg.subject) &&
      !BOUNCE_FROM_RE.test(msg.from)
    );
  }
  return false;
}
