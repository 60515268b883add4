// Shared by the ESP webhook parsers: the error they throw, the secrets they check, and small readers
// that turn untyped JSON into typed values (anything unexpected is a WebhookError 400).
import { createHash, timingSafeEqual } from "node:crypto";
import type { DeliveryEvent, SkippedEvents } from "../event.js";

/** A webhook request that cannot be accepted; `status` is the HTTP status to answer with. */
export class WebhookError extends Error {
  /** 503: something this side needs is out of reach for now (the provider is to send again). */
  readonly status: 400 | 401 | 404 | 503;
  constructor(status: 400 | 401 | 404 | 503, message: string) {
    super(message);
    this.name = "WebhookError";
    this.status = status;
  }
}

/** HTTP basic auth credentials configured on the provider's webhook URL. */
export interface BasicAuthSecret {
  username: string;
  password: string;
}

/**
 * Per-provider verification settings. A provider without an entry is not verified: its requests
 * are accepted as they come (fine behind a private URL, not on the open internet).
 */
export interface WebhookSecrets {
  /**
   * Signed Event Webhook: the verification key SendGrid shows (base64 DER SPKI) or a PEM public key.
   * Signed timestamps older than `maxAgeSeconds` (default 72 hours) or in the future are refused.
   */
  sendgrid?: { publicKey: string; maxAgeSeconds?: number };
  /**
   * The HTTP webhook signing key; timestamps older than `maxAgeSeconds` (default 900) or in the
   * future are refused, and so is a token seen before within that window (per secret object, or by
   * the caller: see `WebhookContext.onceTokens`).
   */
  mailgun?: { signingKey: string; maxAgeSeconds?: number };
  postmark?: BasicAuthSecret;
  sparkpost?: BasicAuthSecret;
  /**
   * SNS message signatures. `fetchCertificate` downloads the PEM certificate at SigningCertURL (the
   * URL is checked first: https, host sns.<region>.amazonaws.com); caching it is the caller's choice.
   * `topicArns`, when given, is the list of topics whose messages are accepted.
   */
  ses?: { fetchCertificate: (url: string) => Promise<string>; topicArns?: string[] };
}

export interface WebhookContext {
  headers: Record<string, string | undefined>;
  rawBody: string;
  secrets: WebhookSecrets;
  /** Current time in ms, for timestamp checks (tests); defaults to Date.now(). */
  now?: number;
  /**
   * Who remembers the tokens that may be used once (Mailgun's): `memory` (default), this process;
   * `caller`, whoever stores the events, from the result's `once` (in the same transaction, so that
   * several processes share it and a request whose events were not stored can be sent again).
   */
  onceTokens?: "memory" | "caller";
}

/** A token the request may use once: `key` must not be accepted again before `expiresAt` (ms). */
export interface OnceToken {
  key: string;
  expiresAt: number;
}

/** What a provider's parser gives: its events as mapped, before `checkEvents`. */
export type ProviderResult =
  | {
      events: DeliveryEvent[];
      once?: OnceToken;
      /** Items that are no event at all (not an object, no type): skipped as invalid_type. */
      unreadable?: number;
    }
  | { confirm: { subscribeUrl: string } };

/**
 * What `fromWebhook` gives: the events that pass the checks of POST /v1/events, and how many were
 * left out and why (`skipped`, for the response); or an SNS subscription to confirm.
 */
export type WebhookResult =
  | { events: DeliveryEvent[]; skipped: SkippedEvents; once?: OnceToken }
  | { confirm: { subscribeUrl: string } };

/** How old a signed timestamp may be by default: 15 minutes, the window Mailgun documents. */
export const DEFAULT_MAX_AGE_SECONDS = 15 * 60;
/** How far ahead of our clock a signed timestamp may be (clock skew). */
export const FUTURE_SKEW_SECONDS = 60;

/**
 * Refuses (401) a signed timestamp (unix seconds) outside [now - maxAge, now + skew]: a captured
 * request cannot be replayed later. Returns the timestamp.
 */
export function checkSignedTime(
  timestamp: string,
  ctx: WebhookContext,
  maxAgeSeconds: number | undefined,
  provider: string,
): number {
  const ts = num(timestamp);
  const now = (ctx.now ?? Date.now()) / 1000;
  if (ts === null || now - ts > (maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS) || ts - now > FUTURE_SKEW_SECONDS)
    throw new WebhookError(401, `${provider}: signature timestamp out of range`);
  return ts;
}

export type Json = Record<string, unknown>;

export function malformed(message: string): never {
  throw new WebhookError(400, message);
}

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function object(v: unknown, what: string): Json {
  if (!isObject(v)) malformed(`${what} must be a JSON object`);
  return v;
}

/**
 * A string field (a number read as its digits), or null when absent, empty or of another type: an
 * item's field of the wrong type leaves that item skipped or the field dropped, never its batch lost.
 */
export function str(o: Json, key: string): string | null {
  const v = o[key];
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v !== "" ? v : null;
}

/** A field the whole body needs: a 400 when it is missing or not a string. */
export function requiredStr(o: Json, key: string, what = key): string {
  const v = str(o, key);
  if (v === null) malformed(`${what} is missing or not a string`);
  return v;
}

/** A number given as a number or a numeric string; null when absent or not a number. */
export function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

/**
 * A reply code of three digits (100-999, as POST /v1/events takes) or null. Providers also use
 * codes of their own beyond SMTP's (Mailgun 605: not delivering to a previously bounced address):
 * kept, since they say something (the upstream code table files 605 under invalid_address).
 */
export function smtpCode(v: unknown): number | null {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= 100 && n <= 999 ? n : null;
}

/**
 * An item's time as ISO 8601, or "" when it is missing or not a time: the item is then skipped
 * (invalid_timestamp) by the checks of POST /v1/events, and the rest of its batch is stored. A 400
 * would lose the whole batch: the provider sends the same payload again, refused each time.
 */
export function itemTime(v: unknown): string {
  const n = num(v);
  const d = n !== null ? new Date(n * 1000) : typeof v === "string" ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : "";
}

/** Tags given as a string or a list of strings, joined with ", "; null when none. */
export function tags(v: unknown): string | null {
  if (typeof v === "string") return v || null;
  if (Array.isArray(v)) {
    const list = v.filter((t): t is string => typeof t === "string" && t !== "");
    return list.length ? list.join(", ") : null;
  }
  return null;
}

/** Case-insensitive header lookup. */
export function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Constant-time string comparison (hashes first so lengths need not match). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}

/** Checks the Authorization header against configured basic-auth credentials (skipped when none). */
export function checkBasicAuth(ctx: WebhookContext, secret: BasicAuthSecret | undefined, provider: string) {
  if (!secret) return;
  const got = header(ctx.headers, "authorization") ?? "";
  const expected = `Basic ${Buffer.from(`${secret.username}:${secret.password}`, "utf8").toString("base64")}`;
  // The scheme name is case-insensitive (RFC 7617); the credentials are not.
  const normalised = got.replace(/^basic\s+/i, "Basic ").trim();
  if (!safeEqual(normalised, expected)) throw new WebhookError(401, `${provider}: bad or missing basic auth`);
}

/** The parsed body: `body` as given, or `rawBody` parsed when `body` is undefined or a string. */
export function parsedBody(body: unknown, ctx: WebhookContext): unknown {
  const text = typeof body === "string" ? body : body === undefined ? ctx.rawBody : null;
  if (text === null) return body;
  try {
    return JSON.parse(text);
  } catch {
    malformed("body is not valid JSON");
  }
}
