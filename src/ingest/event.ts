import { domainToUnicode } from "node:url";
import { CATEGORIES } from "../catalog/categories.js";
import { REASONS } from "../catalog/reasons.js";
import type { Permanence } from "../catalog/types.js";
import { type Diagnosis, settleActionForKind } from "../classify/diagnosis.js";
import { defaultEngine } from "../index.js";
import { providerOfDomain } from "../rules/mailbox-domains.js";

export { providerOfDomain };

/** What happened to one message for one recipient. */
export type EventType = "delivered" | "bounce" | "deferred" | "complaint" | "autoreply";

/**
 * Every input kind (SMTP reply, bounce email, MTA log line, ESP webhook) becomes DeliveryEvents;
 * only `classifyEvent` decides a category. The public JSON shape of an event (docs/service.md).
 */
export interface DeliveryEvent {
  /** The source's own id for this event when it has one (ESP event id, log queue id + recipient). */
  sourceId?: string | null;
  /** Where it came from: `api`, `smtp`, `log:postfix`, `webhook:sendgrid`, … */
  source: string;
  type: EventType;
  recipient: string;
  /** ISO 8601. */
  timestamp: string;
  messageId?: string | null;
  sender?: string | null;
  sendingDomain?: string | null;
  sendingIp?: string | null;
  /** Message type or campaign tag. */
  tag?: string | null;
  /** The raw response text (SMTP reply or diagnostic) for failures and deferrals. */
  response?: string | null;
  errorCode?: number | null;
  statusCode?: string | null;
  remoteHost?: string | null;
  command?: string | null;
  /**
   * The ESP's own verdict on a failure, read from its webhook's fields beside the reply text
   * (SES's bounceType and bounceSubType, SendGrid's reason for a drop); `classifyEvent` weighs it
   * in. Set by the webhook parsers; POST /v1/events does not take it.
   */
  verdict?: ProviderVerdict | null;
}

/**
 * What an ESP says of a failure in its own fields. When the reply text decides nothing (no rule
 * matched its words: an empty text, codes only), the verdict gives the reason it names and its
 * hard or soft; when the text is the ESP's own words for the verdict (`decides`), the verdict
 * stands over what the text rules say.
 */
export interface ProviderVerdict {
  /** The row of the provider's table that gave it (`ses.Permanent.NoEmail`): the evidence's rule id. */
  rule: string;
  /** The provider's fields as sent (`bounceType Permanent, bounceSubType NoEmail`): the evidence's words. */
  matched: string;
  /** Hard when the provider gave up on the address (SES Permanent), soft when not (Transient). */
  permanence?: Permanence | null;
  /** A reason of the catalog (`invalid_address.user_unknown`), when the provider's fields name one. */
  reason?: string | null;
  /** The reply text is the provider's own statement of this verdict, not a receiving server's reply. */
  decides?: boolean;
}

export interface ClassifiedEvent extends DeliveryEvent {
  recipientDomain: string;
  /**
   * The receiving mailbox provider (an id of src/rules/providers: `gmail`, `microsoft`, …) when it
   * can be known, deliveries included (`eventProvider`); null when not. Left out, the store works
   * it out when it stores the event.
   */
  provider?: string | null;
  /** Null for deliveries. */
  diagnosis: Diagnosis | null;
}

/**
 * What POST /v1/events accepts (its JSON schema, src/server/schemas.ts `eventInputSchema`), as
 * values the schema can take and as checks (`checkEvent`) for the events that arrive by other
 * ways (webhooks, MTA logs), so that every way in stores the same kind of data.
 */
/**
 * local-part@domain: no white space, no second `@`, no control character (U+0000–U+001F, U+007F;
 * PostgreSQL cannot store a NUL), none of the specials that mark something other than a bare
 * address (`<x@y>`, `mailto:x@y`, `x@y,z@w`, `"a b"@y`: RFC 5322's `<>()[],;:\"`), and a domain
 * of non-empty dot-separated labels (`x@y..z`, `x@.y`, `x@y.` are no addresses). Letters beyond
 * ASCII stay allowed (RFC 6531); dots in the local part are as mailbox providers allow them.
 */
const ADDRESS_CHAR = '[^\\s@<>()\\[\\],;:\\\\"\\u0000-\\u001f\\u007f]';
const LABEL = `[^\\s@<>()\\[\\],;:\\\\"\\u0000-\\u001f\\u007f.]+`;
export const RECIPIENT_PATTERN = `^${ADDRESS_CHAR}+@(?:\\[(?:IPv6:)?[0-9A-Fa-f.:]+\\]|(?:${LABEL}\\.)*${LABEL})$`;
export const RECIPIENT_MIN_LENGTH = 3;
export const STATUS_CODE_PATTERN = "^[245]\\.\\d{1,3}\\.\\d{1,3}$";
/**
 * An event's time: RFC 3339 from 1970 on (the statistics' time buckets start at the epoch; no mail
 * event is older), here only the year, which the date-time format does not bound.
 */
export const TIMESTAMP_YEAR_PATTERN = "^(?:19[7-9][0-9]|[2-9][0-9]{3})-";
/**
 * How far ahead of the clock an event's time may be (clock skew, a wrong time zone). Later is a
 * wrong clock or year, and a "delivered" event dated years ahead would keep every failure before it
 * from counting toward a suppression.
 */
export const MAX_AHEAD_MS = 86_400_000;
/** Whether an event's time (ms since the epoch) is one to store: from 1970 to a day after `now`. */
export function storableTime(ms: number, now: number): boolean {
  return ms >= 0 && ms <= now + MAX_AHEAD_MS;
}
/** Text without control characters (sending domain, IP, tag: the statistics' rollup keys join them). */
export const NO_CONTROL_PATTERN = "^[^\\u0000-\\u001f\\u007f]*$";
/**
 * Reply codes: three digits, as POST /v1/events and the library take them. SMTP's are 2xx to 5xx;
 * providers add their own beyond (Mailgun 605, in the upstream code table as invalid_address).
 */
export const REPLY_CODE_MIN = 100;
export const REPLY_CODE_MAX = 999;
/** The longest value of each string field. */
export const EVENT_MAX_LENGTH = {
  sourceId: 512,
  source: 64,
  recipient: 320,
  messageId: 998,
  sender: 320,
  sendingDomain: 255,
  sendingIp: 64,
  tag: 255,
  response: 65_536,
  remoteHost: 255,
  command: 32,
} as const;

const RECIPIENT_RE = new RegExp(RECIPIENT_PATTERN);
const STATUS_CODE_RE = new RegExp(STATUS_CODE_PATTERN);
const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>([
  "delivered",
  "bounce",
  "deferred",
  "complaint",
  "autoreply",
]);

/**
 * What earlier versions took as an address (no white space, one `@`, no control character), of at
 * most 320 characters: a key such entries may still be stored under, to look up or remove.
 */
const STORED_KEY_RE = /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+$/;
export function isStoredAddressKey(v: string): boolean {
  return v.length >= RECIPIENT_MIN_LENGTH && v.length <= EVENT_MAX_LENGTH.recipient && STORED_KEY_RE.test(v);
}

export function isRecipientAddress(v: unknown): v is string {
  return (
    typeof v === "string" &&
    v.length >= RECIPIENT_MIN_LENGTH &&
    v.length <= EVENT_MAX_LENGTH.recipient &&
    RECIPIENT_RE.test(v)
  );
}

/**
 * The form an address is kept in on the suppression list, and compared in: trimmed, in Unicode
 * NFC (a composed "ü" and "u" + combining diaeresis are one address), lower-cased, its domain in
 * Unicode when written in punycode (anna@xn--mller-kva.de is anna@müller.de). Lower-casing can
 * lengthen it (`İ` becomes two UTF-16 units): check the result, not the input.
 */
export function normalizeAddress(address: string): string {
  const a = address.trim().normalize("NFC").toLowerCase();
  const at = a.lastIndexOf("@");
  if (at < 0 || !a.includes("xn--", at)) return a;
  const unicode = domainToUnicode(a.slice(at + 1));
  return unicode ? `${a.slice(0, at + 1)}${unicode.normalize("NFC")}` : a;
}

/** An enhanced status code (RFC 3463) such as `5.1.1`. */
export function isEnhancedStatusCode(v: unknown): v is string {
  return typeof v === "string" && STATUS_CODE_RE.test(v);
}

export function isReplyCode(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= REPLY_CODE_MIN && v <= REPLY_CODE_MAX;
}

/** Why an event was not stored. */
export type SkipReason = "invalid_recipient" | "invalid_type" | "invalid_timestamp";

export type CheckedEvent = { ok: true; event: DeliveryEvent } | { ok: false; reason: SkipReason };

/** How many events a request left out, by reason (part of the webhook response). */
export interface SkippedEvents {
  count: number;
  reasons: Partial<Record<SkipReason, number>>;
}

/**
 * An event as POST /v1/events would accept it, or why not. An event without a usable recipient,
 * type or time is skipped; an optional field that is not valid is dropped (null) rather than the
 * event: a wrong status code should not cost the bounce. Over-long response texts are cut.
 */
const TIMESTAMP_YEAR = new RegExp(TIMESTAMP_YEAR_PATTERN);
const NO_CONTROL = new RegExp(NO_CONTROL_PATTERN);
const NO_CONTROL_FIELDS: ReadonlySet<string> = new Set(["sendingDomain", "sendingIp", "tag"]);

/**
 * With `now`, also an event dated more than a day after it is skipped (`invalid_timestamp`): every
 * way into the store gives it; the CLI's log reading, which stores nothing, does not.
 */
export function checkEvent(e: DeliveryEvent, now?: number): CheckedEvent {
  const recipient = typeof e.recipient === "string" ? e.recipient.trim() : e.recipient;
  if (!isRecipientAddress(recipient)) return { ok: false, reason: "invalid_recipient" };
  if (!EVENT_TYPES.has(e.type)) return { ok: false, reason: "invalid_type" };
  // Date-time as the schema has it: a four-digit year from 1970 (a timestamp in ms read as seconds
  // is not one).
  const at =
    typeof e.timestamp === "string" && TIMESTAMP_YEAR.test(e.timestamp) ? Date.parse(e.timestamp) : -1;
  if (!(at >= 0) || (now !== undefined && !storableTime(at, now)))
    return { ok: false, reason: "invalid_timestamp" };
  const limited = (v: string | null | undefined, field: keyof typeof EVENT_MAX_LENGTH) =>
    typeof v === "string" &&
    v.length <= EVENT_MAX_LENGTH[field] &&
    (!NO_CONTROL_FIELDS.has(field) || NO_CONTROL.test(v))
      ? v
      : null;
  const event: DeliveryEvent = {
    ...e,
    recipient,
    statusCode: isEnhancedStatusCode(e.statusCode) ? e.statusCode : null,
    errorCode: isReplyCode(e.errorCode) ? e.errorCode : null,
    response: typeof e.response === "string" ? e.response.slice(0, EVENT_MAX_LENGTH.response) : null,
  };
  for (const field of [
    "sourceId",
    "messageId",
    "sender",
    "sendingDomain",
    "sendingIp",
    "tag",
    "remoteHost",
    "command",
  ] as const) {
    if (event[field] !== undefined) event[field] = limited(event[field], field);
  }
  return { ok: true, event };
}

/** The events that pass `checkEvent`, and a count of the others by reason. */
export function checkEvents(
  events: DeliveryEvent[],
  now?: number,
): { events: DeliveryEvent[]; skipped: SkippedEvents } {
  const kept: DeliveryEvent[] = [];
  const skipped: SkippedEvents = { count: 0, reasons: {} };
  for (const e of events) {
    const c = checkEvent(e, now);
    if (c.ok) kept.push(c.event);
    else {
      skipped.count++;
      skipped.reasons[c.reason] = (skipped.reasons[c.reason] ?? 0) + 1;
    }
  }
  return { events: kept, skipped };
}

/**
 * The sending domain an event's sender gives when the event names none: the sender's domain,
 * lower-cased, or null when there is none or it is not one `checkEvent` would keep (over 255
 * characters, control characters: it is a statistics key).
 */
export function senderDomain(sender: string | null | undefined): string | null {
  if (!sender) return null;
  const domain = sender.slice(sender.lastIndexOf("@") + 1).toLowerCase();
  return domain && domain.length <= EVENT_MAX_LENGTH.sendingDomain && NO_CONTROL.test(domain) ? domain : null;
}

export function recipientDomain(address: string): string {
  const at = address.lastIndexOf("@");
  return at >= 0 ? address.slice(at + 1).toLowerCase() : "";
}

/** The provider whose MX or outbound hosts a remote host name is one of (`gmail` for mx.google.com), or null. */
export function providerOfHost(host: string | null | undefined): string | null {
  // The name alone: a log's `host[192.0.2.1]:25` or `host (192.0.2.1)` names the same host.
  const name = host ? /^[a-z0-9.-]+/.exec(host.trim().toLowerCase())?.[0] : undefined;
  if (!name) return null;
  const engine = defaultEngine();
  const i = engine.providerOfHost(name);
  return i >= 0 ? engine.providers[i]!.id : null;
}

/**
 * The receiving provider of an event, deliveries included: the diagnosis's (its reply or remote
 * host named one), else the one whose hosts the remote host is among, else the one the recipient's
 * domain belongs to (gmail.com, hotmail.co.uk, …); null when none of these tells.
 */
export function eventProvider(
  e: Pick<ClassifiedEvent, "recipient" | "remoteHost" | "diagnosis"> & { recipientDomain?: string },
): string | null {
  return (
    e.diagnosis?.provider ??
    providerOfHost(e.remoteHost) ??
    providerOfDomain(e.recipientDomain || recipientDomain(e.recipient))
  );
}

/** Classifies failures, deferrals and complaints; deliveries carry no diagnosis. */
export function classifyEvent(e: DeliveryEvent): ClassifiedEvent {
  const base = { ...e, recipient: e.recipient.trim(), recipientDomain: recipientDomain(e.recipient) };
  if (e.type === "delivered")
    return { ...base, provider: eventProvider({ ...base, diagnosis: null }), diagnosis: null };
  const d = defaultEngine().diagnose(
    {
      response: e.response ?? "",
      errorCode: e.errorCode ?? null,
      statusCode: e.statusCode ?? null,
      remoteHost: e.remoteHost ?? null,
      command: e.command ?? null,
    },
    { lang: "none" },
  );
  if (e.type === "complaint") d.kind = "complaint";
  else if (e.type === "autoreply") d.kind = "autoreply";
  else if (e.type === "deferred") d.kind = "delay";
  else if (d.kind === "delay" || d.kind === "delivered") d.kind = "bounce";
  // A complaint suppresses and an auto-reply asks nothing, whatever the text's words say (as in a
  // bounce email's report).
  settleActionForKind(d);
  if (e.verdict && (e.type === "bounce" || e.type === "deferred")) applyVerdict(d, e.verdict);
  return { ...base, provider: eventProvider({ ...base, diagnosis: d }), diagnosis: d };
}

/** The confidence of the engine's `provider` evidence level (provider knowledge, below words). */
const PROVIDER_CONFIDENCE = 0.8;

/**
 * Weighs a provider's verdict into a diagnosis (see ProviderVerdict). Its reason replaces what
 * decided nothing or only a bare reply code (a subtype such as SES's MailboxFull says more than a
 * 552); its permanence replaces one the codes or nothing decided, hard always (the provider gave
 * up on the address), soft only over a diagnosis with no code behind it. Words of the remote
 * server's reply that a rule matched win over the verdict: they say more.
 */
function applyVerdict(d: Diagnosis, v: ProviderVerdict): void {
  const level = d.evidence.level;
  if (level === "text" && !v.decides) return;
  const info = v.reason ? REASONS.get(v.reason) : undefined;
  let undecided = level === "none";
  if (info && (v.decides || level === "none" || level === "reply")) {
    const category = CATEGORIES[info.category];
    const alternatives = d.evidence.alternatives.filter((a) => a.category !== info.category);
    if (level === "text" && d.evidence.ruleId && d.category !== info.category)
      alternatives.unshift({
        ruleId: d.evidence.ruleId,
        category: d.category,
        reason: d.reason,
        matched: d.evidence.matched ?? "",
      });
    d.category = info.category;
    d.reason = info.id;
    d.permanence = info.permanence ?? category.permanence;
    const type = info.action ?? category.action;
    const retry = d.permanence === "soft" ? (info.retryAfterSeconds ?? category.retryAfterSeconds) : null;
    d.action = { type, retryAfterSeconds: retry, retryAfterSource: retry === null ? null : "default" };
    d.evidence = {
      ruleId: v.rule,
      level: "provider",
      matched: v.matched,
      confidence: PROVIDER_CONFIDENCE,
      alternatives,
    };
    undecided = true;
  }
  if (v.permanence === "hard" && d.permanence !== "hard") {
    d.permanence = "hard";
    // As the engine has it for a permanent failure: no retry; a mailbox the provider will not
    // deliver to again, or an address it gave up on for no reason it names, is not mailed again.
    if (d.action.type === "retry")
      d.action.type =
        d.category === "inbox" || d.category === "inbox_full" || d.category === "unknown"
          ? "suppress"
          : "contact_recipient";
    d.action.retryAfterSeconds = null;
    d.action.retryAfterSource = null;
  } else if (v.permanence === "soft" && d.permanence !== "soft" && undecided) {
    d.permanence = "soft";
    if (d.action.type === "suppress") d.action.type = "retry";
    const fallback = REASONS.get(d.reason)?.retryAfterSeconds ?? CATEGORIES[d.category].retryAfterSeconds;
    if (d.action.type !== "none" && d.action.retryAfterSeconds === null && fallback !== null)
      d.action = { type: d.action.type, retryAfterSeconds: fallback, retryAfterSource: "default" };
  } else return;
  // What decided the permanence (and so a suppression) is the verdict, when nothing else did.
  if (d.evidence.level === "none")
    d.evidence = {
      ruleId: v.rule,
      level: "provider",
      matched: v.matched,
      confidence: PROVIDER_CONFIDENCE,
      alternatives: d.evidence.alternatives,
    };
}
