// JSON schemas of the API: fastify validates requests with them and @fastify/swagger publishes
// them as the OpenAPI 3 document. The response shapes are the public contracts of docs/.
// Response schemas also serialize the answers: objects whose fields may grow keep
// `additionalProperties: true`, so that nothing the store returns is dropped.
import type { FastifySchema } from "fastify";

/** The longest address the API takes (in a body, a query or a path). */
export const MAX_ADDRESS_LENGTH = 320;

/**
 * Every error answer: `{"error": {"code", "message"}}`. Added to the app as a shared schema
 * (`$ref: "Error#"`), so the OpenAPI document has it once, as `#/components/schemas/Error`.
 */
export const errorSchema = {
  $id: "Error",
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: { code: { type: "string" }, message: { type: "string" } },
      required: ["code", "message"],
    },
  },
  required: ["error"],
} as const;

const ERROR_ANSWERS = {
  400: "Bad input: the message names the field (`body.response`, `query.from`) and what it must be",
  401: "No API key, or one that is not valid or has been revoked",
  404: "Not found",
  413: "The body is over the size limit",
  415: "The body's Content-Type is not one this route takes (the message names the ones it does)",
  "4xx":
    "Other client errors: 405 wrong method (with `Allow`), 414 path parameter too long, 431 headers too large",
  500: "Internal error (details in the service's log)",
} as const;

/**
 * The error answers of a route for its `response` schema: 400, 401, the other 4xx and 500, plus
 * the statuses given (404, 413, 415), each `Error` with a description.
 */
export function errorResponses(...extra: (404 | 413 | 415)[]) {
  const out: Record<string, { $ref: string; description: string }> = {};
  for (const status of [400, 401, ...extra, "4xx", 500] as const)
    out[status] = { $ref: "Error#", description: ERROR_ANSWERS[status] };
  return out;
}

/**
 * Route config of a route whose body is not JSON: the media types it takes (anything else is a
 * 415 before the body is read, app.ts) and its request body in the OpenAPI document, where a route
 * without a body schema would have none.
 */
export function rawBody(types: readonly string[], description: string, binary = true) {
  return {
    accepts: types,
    swaggerTransform: ({ schema, url }: { schema: FastifySchema; url: string }) => ({
      schema: {
        ...schema,
        body: { type: "string", ...(binary ? { format: "binary" } : {}), description },
        consumes: types,
      },
      url,
    }),
  };
}

/**
 * RFC 3339 date-time (the `date-time` format of every schema here), and only one that JavaScript
 * can represent: a leap second (`23:59:60`) passes RFC 3339 but Date.parse gives NaN, and the
 * event would get another time (or a range filter none). Also refused: fields out of range
 * (30 February, hour 24), which Date.parse rolls over.
 */
export function isDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|[+-](\d\d):?(\d\d))$/.exec(s);
  if (!m) return false;
  type Fields = [number, number, number, number, number, number, number, number];
  const [y, mo, d, h, mi, sec, oh, om] = m.slice(1).map((v) => Number(v ?? 0)) as Fields;
  if (oh > 23 || om > 59) return false;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, sec);
  const same =
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === sec;
  return same && Number.isFinite(Date.parse(s));
}

export const replyInputSchema = {
  type: "object",
  additionalProperties: false,
  required: ["response"],
  properties: {
    response: { type: "string", maxLength: 65536, description: "The SMTP reply or diagnostic text" },
    errorCode: { type: ["integer", "null"], minimum: 100, maximum: 999 },
    statusCode: { type: ["string", "null"], pattern: "^[245]\\.\\d{1,3}\\.\\d{1,3}$" },
    remoteHost: { type: ["string", "null"], maxLength: 255 },
    command: { type: ["string", "null"], maxLength: 32 },
  },
} as const;

export const langSchema = { type: "string", enum: ["en", "id", "all", "none"], default: "all" } as const;

/** The diagnosis (docs/diagnosis.md), loosely: the contract is documented, fields may be added. */
export const diagnosisSchema = {
  type: "object",
  additionalProperties: true,
  properties: {
    kind: { type: "string" },
    category: { type: "string" },
    errorCode: { type: ["integer", "null"] },
    statusCode: { type: ["string", "null"] },
    reason: { type: "string" },
    permanence: { type: "string" },
    provider: { type: ["string", "null"] },
  },
} as const;

export const eventInputSchema = {
  type: "object",
  additionalProperties: false,
  required: ["type", "recipient"],
  properties: {
    sourceId: {
      type: ["string", "null"],
      maxLength: 512,
      description: "Your id of this event: a repeat with the same id is stored once",
    },
    source: { type: "string", maxLength: 64, default: "api" },
    type: { type: "string", enum: ["delivered", "bounce", "deferred", "complaint", "autoreply"] },
    recipient: { type: "string", minLength: 3, maxLength: 320, pattern: "^[^\\s@]+@[^\\s@]+$" },
    timestamp: { type: "string", format: "date-time" },
    messageId: { type: ["string", "null"], maxLength: 998 },
    sender: { type: ["string", "null"], maxLength: 320 },
    sendingDomain: { type: ["string", "null"], maxLength: 255 },
    sendingIp: { type: ["string", "null"], maxLength: 64 },
    tag: { type: ["string", "null"], maxLength: 255 },
    response: { type: ["string", "null"], maxLength: 65536 },
    errorCode: { type: ["integer", "null"], minimum: 100, maximum: 999 },
    statusCode: { type: ["string", "null"], pattern: "^[245]\\.\\d{1,3}\\.\\d{1,3}$" },
    remoteHost: { type: ["string", "null"], maxLength: 255 },
    command: { type: ["string", "null"], maxLength: 32 },
  },
} as const;

export const storedResultSchema = {
  type: "object",
  properties: { inserted: { type: "integer" }, duplicates: { type: "integer" } },
  required: ["inserted", "duplicates"],
} as const;

export const eventFilterSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    from: { type: "string", format: "date-time", description: "Events at or after (RFC 3339)" },
    to: { type: "string", format: "date-time", description: "Events before (RFC 3339)" },
    type: { type: "string", enum: ["delivered", "bounce", "deferred", "complaint", "autoreply"] },
    category: { type: "string", maxLength: 32 },
    recipient: { type: "string", maxLength: 320 },
    recipientDomain: { type: "string", maxLength: 255 },
    provider: { type: "string", maxLength: 64 },
    sendingDomain: { type: "string", maxLength: 255 },
    sendingIp: { type: "string", maxLength: 64 },
    tag: { type: "string", maxLength: 255 },
  },
} as const;

/**
 * `tzOffset`: the viewer's time zone for time buckets, in minutes east of UTC. Declared as a string
 * (query parameters are not coerced) and read by `tzOffsetOf`, which answers anything else with a
 * 400 that says what is expected.
 */
export const tzOffsetSchema = {
  type: "string",
  description:
    "Time zone of the time buckets, in whole minutes east of UTC from -840 to 840 (420 for UTC+07:00, -300 for UTC-05:00; default 0): day and week buckets start at that zone's midnight. Bucket labels stay UTC instants (ISO 8601) of the bucket start.",
} as const;

const nullable = (type: string) => ({ type: [type, "null"] });
const instant = { type: "string", format: "date-time" } as const;

/** A stored event (GET /v1/events). */
export const storedEventSchema = {
  type: "object",
  additionalProperties: true,
  properties: {
    id: { type: "integer" },
    source: { type: "string" },
    sourceId: nullable("string"),
    type: { type: "string" },
    recipient: { type: "string" },
    recipientDomain: { type: "string" },
    sender: nullable("string"),
    sendingDomain: nullable("string"),
    sendingIp: nullable("string"),
    tag: nullable("string"),
    messageId: nullable("string"),
    response: nullable("string"),
    errorCode: nullable("integer"),
    statusCode: nullable("string"),
    timestamp: instant,
    receivedAt: instant,
    diagnosis: { ...diagnosisSchema, type: ["object", "null"], description: "Null for deliveries" },
  },
} as const;

export const eventPageSchema = {
  type: "object",
  properties: {
    items: { type: "array", items: storedEventSchema },
    next: { ...nullable("integer"), description: "The `before` of the next page; null on the last" },
  },
  required: ["items", "next"],
} as const;

/**
 * A failure group of /v1/stats or /v1/dashboard/timeline. No `properties`: they would be written
 * first, and a group reads dimensions first, then count and share.
 */
const groupSchema = {
  type: "object",
  additionalProperties: true,
  description:
    "One key per dimension asked for (category, errorCode, statusCode, provider, sendingDomain, sendingIp, tag, recipientDomain: null when unknown; bucket: the UTC instant the time bucket starts at), then count (integer) and share (count / (bounces + deferred))",
} as const;

const integer = { type: "integer" } as const;
export const statsSchema = {
  type: "object",
  properties: {
    totals: {
      type: "object",
      properties: {
        events: integer,
        sent: integer,
        delivered: integer,
        deliveryRate: { ...nullable("number"), description: "delivered / sent; null when nothing was sent" },
        bounces: integer,
        permanentBounces: integer,
        permanentBounceRate: nullable("number"),
        deferred: integer,
        complaints: integer,
        blocked: integer,
      },
    },
    groups: { type: "array", items: groupSchema, description: "Failures, largest groups first (≤ 500)" },
  },
  required: ["totals", "groups"],
} as const;

export const timelineSchema = {
  type: "object",
  properties: {
    bucket: { type: "string", enum: ["hour", "day", "week"] },
    tzOffset: integer,
    groups: { type: "array", items: groupSchema },
  },
} as const;

/** An entry of the suppression list. */
export const suppressionSchema = {
  type: "object",
  additionalProperties: true,
  properties: {
    address: { type: "string" },
    category: { type: "string" },
    reason: { type: "string" },
    source: { type: "string" },
    eventId: nullable("integer"),
    failures: integer,
    createdAt: instant,
    updatedAt: instant,
    expiresAt: { ...instant, type: ["string", "null"] },
    note: nullable("string"),
    manualAt: { ...instant, type: ["string", "null"] },
  },
} as const;
