// JSON schemas of the API: fastify validates requests with them and @fastify/swagger publishes
// them as the OpenAPI 3 document. The response shapes are the public contracts of docs/.
// Response schemas also serialize the answers: objects whose fields may grow keep
// `additionalProperties: true`, so that nothing the store returns is dropped.
import type { FastifySchema } from "fastify";
import { ACTION_TYPES, CATEGORY_IDS, type CheckId, type Kind, type Permanence } from "../catalog/types.js";
import type { CheckKind, Severity } from "../checks/types.js";
import type { EvidenceLevel } from "../classify/diagnosis.js";
import { NO_CONTROL_PATTERN, STATUS_CODE_PATTERN, TIMESTAMP_YEAR_PATTERN } from "../ingest/event.js";

/** POST /v1/diagnose's codes as strings: three digits, and a status code or nothing, spaces around. */
export const REPLY_CODE_TEXT_PATTERN = "^\\s*[1-9]\\d\\d\\s*$";
export const STATUS_CODE_TEXT_PATTERN = "^\\s*$|^\\s*[245]\\.\\d{1,3}\\.\\d{1,3}\\s*$";

import { COMMAND_SPELLINGS, type SmtpCommand } from "../smtp/reply.js";
import type { Dialect } from "../store/migrations.js";

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

export const ERROR_ANSWERS = {
  400: "Bad input: the message names the field (`body.response`, `query.from`) and what it must be; also a path that is not valid URL encoding, or a query or path parameter holding a NUL character",
  401: "No API key, or one that is not valid or has been revoked",
  404: "Not found",
  413: "The body is over the size limit",
  415: "The body's Content-Type is not one this route takes (the message names the ones it does)",
  422: "The email is readable but over its time budget (`too_slow`) or names more than 1,000 recipients (`too_many_recipients`): sending it again gives the same answer",
  "4xx":
    "Other client errors: 405 wrong method (with `Allow`), 408 the request did not arrive in time, 414 path parameter too long, 431 URL and headers too large",
  500: "Internal error (details in the service's log)",
  503: "`unavailable`, try again later: the service is shutting down (with `Connection: close`), or the database cannot be reached now (the cause only in the service's log)",
} as const;

type ErrorStatus = keyof typeof ERROR_ANSWERS;
const errorAnswers = (statuses: readonly ErrorStatus[]) => {
  const out: Record<string, { $ref: string; description: string }> = {};
  for (const status of statuses) out[status] = { $ref: "Error#", description: ERROR_ANSWERS[status] };
  return out;
};

/**
 * The error answers of a route for its `response` schema: 400, 401, the other 4xx, 500 and 503
 * (which any route may answer: the checks before it runs, app.ts), plus the statuses given (404,
 * 413, 415, 422), each `Error` with a description.
 */
export function errorResponses(...extra: (404 | 413 | 415 | 422)[]) {
  return errorAnswers([400, 401, ...extra, "4xx", 500, 503]);
}

/** The error answers of a route that needs no API key (/healthz, /openapi.json): no 401. */
export function publicErrorResponses() {
  return errorAnswers([400, "4xx", 500, 503]);
}

/**
 * Route config that adds to the route's operation in the OpenAPI document only, not to what
 * Fastify validates and serializes: a text answer, a body no schema reads, a parameter the
 * authentication hook reads before any schema runs.
 */
export function inDocumentOnly(add: Record<string, unknown> & { response?: Record<string, unknown> }) {
  return {
    swaggerTransform: ({ schema, url }: { schema: FastifySchema; url: string }) => ({
      schema: {
        ...schema,
        ...add,
        response: { ...(schema.response as Record<string, unknown> | undefined), ...add.response },
      },
      url,
    }),
  };
}

/**
 * Route config of a route whose body is not JSON: the media types it takes (anything else is a
 * 415 before the body is read, app.ts) and its request body in the OpenAPI document, where a route
 * without a body schema would have none; `more` adds to its operation there (inDocumentOnly).
 */
export function rawBody(
  types: readonly string[],
  description: string,
  binary = true,
  more: Record<string, unknown> = {},
) {
  return {
    accepts: types,
    ...inDocumentOnly({
      ...more,
      body: { type: "string", ...(binary ? { format: "binary" } : {}), description },
      consumes: types,
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
  // Its instant must be writable again as RFC 3339: 9999-12-31T23:59:59-23:59 is in year 10000
  // in UTC, which answers would print as "+010000-…".
  const ms = Date.parse(s);
  return same && ms >= MIN_RFC3339_MS && ms <= MAX_RFC3339_MS;
}
const MIN_RFC3339_MS = Date.parse("0000-01-01T00:00:00Z");
const MAX_RFC3339_MS = Date.parse("9999-12-31T23:59:59.999Z");

/** Every value of a string union, checked by the compiler to be all of them and nothing else. */
const valuesOf = <T extends string>(all: Record<T, true>) => Object.keys(all) as T[];

const KINDS = valuesOf<Kind>({
  bounce: true,
  delay: true,
  delivered: true,
  autoreply: true,
  complaint: true,
  not_bounce: true,
});
const PERMANENCES = valuesOf<Permanence>({ hard: true, soft: true });
const EVIDENCE_LEVELS = valuesOf<EvidenceLevel>({
  text: true,
  provider: true,
  status: true,
  reply: true,
  none: true,
});
const SMTP_COMMANDS = valuesOf<SmtpCommand>({
  CONNECT: true,
  HELO: true,
  STARTTLS: true,
  AUTH: true,
  MAIL: true,
  RCPT: true,
  DATA: true,
});

/**
 * The spellings of an SMTP stage a caller may give, as `normalizeCommand` (src/smtp/reply.ts)
 * reads them: in any letter case, with spaces around, after "end of " (`end of data`). Anything
 * else is refused (400 in the API, an error line in `diagnosa --ndjson`, exit 2 for `--command`),
 * never silently read as "unknown"; test/server/openapi.test.ts checks that the two agree.
 */
const anyCase = (s: string) => s.replace(/[a-z]/g, (c) => `[${c.toUpperCase()}${c}]`);
/** The accepted `command` values as a JSON Schema pattern (no flags there: each letter in both cases). */
export const COMMAND_PATTERN = `^\\s*(?:${anyCase("end of ")})?(?:${COMMAND_SPELLINGS.map(anyCase).join("|")})\\s*$`;
/**
 * The usual spellings: the enum that a refused value's message lists (the first branch of the
 * `anyOf` below fails first, so the 400 reads "body.command must be one of CONNECT, HELO, …").
 */
const COMMAND_NAMES = [
  "CONNECT",
  "HELO",
  "EHLO",
  "STARTTLS",
  "AUTH",
  "MAIL",
  "MAIL FROM",
  "RCPT",
  "RCPT TO",
  "DATA",
];

/**
 * A reply input (POST /v1/diagnose, an item of /v1/diagnose/batch): the object `diagnose()` and
 * `diagnosa --ndjson` take, with the same checks (src/classify/input.ts).
 */
export const replyInputSchema = {
  type: "object",
  additionalProperties: false,
  required: ["response"],
  properties: {
    response: { type: "string", maxLength: 65536, description: "The SMTP reply or diagnostic text" },
    // anyOf rather than a union `type`, which ajv's strict mode warns about at every start.
    errorCode: {
      anyOf: [
        { type: "integer", minimum: 100, maximum: 999 },
        { type: "string", pattern: REPLY_CODE_TEXT_PATTERN },
        { type: "null" },
      ],
      description:
        'The SMTP reply code: a number from 100 to 999 (550), or the same three digits as a string ("550")',
    },
    statusCode: {
      type: ["string", "null"],
      pattern: STATUS_CODE_TEXT_PATTERN,
      description: 'The enhanced status code (5.1.1); "", spaces or null: none',
    },
    remoteHost: { type: ["string", "null"], maxLength: 255 },
    command: {
      type: ["string", "null"],
      maxLength: 32,
      description: `The SMTP stage the reply answered: ${COMMAND_NAMES.join(", ")} in any letter case; also ${COMMAND_SPELLINGS.filter((c) => !COMMAND_NAMES.includes(c.toUpperCase())).join(", ")}, and any of them after "end of " ("end of data"). Anything else is refused.`,
      anyOf: [{ enum: COMMAND_NAMES }, { pattern: COMMAND_PATTERN }],
    },
  },
} as const;

/** The caller's id of a batch item (string or number), echoed as `id` in its result. */
const itemIdSchema = {
  anyOf: [{ type: "string" }, { type: "number" }, { type: "null" }],
  description:
    "Your id of this item (a string or a number): echoed as `id` in its result, as `diagnosa --ndjson` does; null or absent: no `id` in the result",
} as const;

/** An item of POST /v1/diagnose/batch: a reply input and an optional `id`. */
export const batchItemSchema = {
  ...replyInputSchema,
  properties: { id: itemIdSchema, ...replyInputSchema.properties },
} as const;

export const langSchema = { type: "string", enum: ["en", "id", "all", "none"], default: "all" } as const;

const stringList = { type: "array", items: { type: "string" } } as const;
const openObject = (properties: Record<string, unknown>, description?: string) => ({
  type: "object",
  additionalProperties: true,
  properties,
  ...(description ? { description } : {}),
});

/**
 * The fields of a diagnosis (docs/diagnosis.md, src/classify/diagnosis.ts), in the order the
 * library writes them (a response schema writes its properties in its own order). Every object
 * keeps `additionalProperties: true`: fields are only ever added, and must not be dropped.
 */
const diagnosisProperties = {
  kind: { type: "string", enum: KINDS },
  category: { type: "string", enum: CATEGORY_IDS },
  errorCode: { type: ["integer", "null"], description: "The SMTP reply code, given or read from the text" },
  statusCode: { type: ["string", "null"], description: "The enhanced status code (5.1.1)" },
  reason: { type: "string", description: "category.detail (invalid_address.user_unknown)" },
  permanence: { type: "string", enum: PERMANENCES },
  action: openObject({
    type: { type: "string", enum: ACTION_TYPES },
    retryAfterSeconds: { type: ["integer", "null"], description: "Suggested delay before a retry" },
    retryAfterSource: {
      type: ["string", "null"],
      enum: ["text", "default", null],
      description: "text: the server stated the delay; default: the category's",
    },
  }),
  provider: { type: ["string", "null"], description: "Who answered (gmail, microsoft, …)" },
  command: { type: ["string", "null"], enum: [...SMTP_COMMANDS, null] },
  remoteHost: { type: ["string", "null"] },
  entities: openObject(
    {
      blocklists: stringList,
      ips: stringList,
      domains: stringList,
      urls: stringList,
      addresses: stringList,
    },
    "What the text names (at most 20 of each)",
  ),
  evidence: openObject({
    ruleId: { type: ["string", "null"] },
    level: { type: "string", enum: EVIDENCE_LEVELS },
    matched: { type: ["string", "null"] },
    confidence: { type: "number", minimum: 0, maximum: 1 },
    alternatives: {
      type: "array",
      items: openObject({
        ruleId: { type: "string" },
        category: { type: "string", enum: CATEGORY_IDS },
        reason: { type: "string" },
        matched: { type: "string" },
      }),
      description: "Other categories that matched too, strongest first",
    },
  }),
  tips: openObject(
    { en: stringList, id: stringList },
    "The category's tips per language asked for (lang); absent with lang none",
  ),
} as const;

/** The diagnosis (docs/diagnosis.md): every field but `tips` is always there; fields may be added. */
export const diagnosisSchema = {
  type: "object",
  additionalProperties: true,
  required: Object.keys(diagnosisProperties).filter((k) => k !== "tips"),
  properties: diagnosisProperties,
} as const;

/**
 * A result of POST /v1/diagnose/batch: the diagnosis and, when the item had one, its `id` (written
 * after the always-present fields: the serializer writes required properties first).
 */
export const batchResultSchema = {
  ...diagnosisSchema,
  properties: {
    id: { type: ["string", "number"], description: "The item's id, when it had one" },
    ...diagnosisProperties,
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
    timestamp: { type: "string", format: "date-time", pattern: TIMESTAMP_YEAR_PATTERN },
    messageId: { type: ["string", "null"], maxLength: 998 },
    sender: { type: ["string", "null"], maxLength: 320 },
    sendingDomain: { type: ["string", "null"], maxLength: 255, pattern: NO_CONTROL_PATTERN },
    sendingIp: { type: ["string", "null"], maxLength: 64, pattern: NO_CONTROL_PATTERN },
    tag: { type: ["string", "null"], maxLength: 255, pattern: NO_CONTROL_PATTERN },
    response: { type: ["string", "null"], maxLength: 65536 },
    errorCode: { type: ["integer", "null"], minimum: 100, maximum: 999 },
    statusCode: { type: ["string", "null"], pattern: STATUS_CODE_PATTERN },
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
    // Not `required`: a diagnosis stored by an older version may lack a field added since.
    diagnosis: {
      type: ["object", "null"],
      additionalProperties: true,
      properties: diagnosisProperties,
      description: "Null for deliveries",
    },
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

const localizedText = openObject({ en: { type: "string" }, id: { type: "string" } });
const CHECK_IDS = valuesOf<CheckId>({
  blocklist: true,
  rdns: true,
  authentication: true,
  address: true,
  mx: true,
  content: true,
});

/** A category of the taxonomy (src/catalog/categories.ts). */
const categorySchema = openObject({
  id: { type: "string", enum: CATEGORY_IDS },
  name: localizedText,
  definition: localizedText,
  permanence: { type: "string", enum: PERMANENCES },
  action: { type: "string", enum: ACTION_TYPES },
  retryAfterSeconds: { type: ["integer", "null"], description: "Default delay before a retry" },
  tips: openObject({ en: stringList, id: stringList }),
  checks: {
    type: "array",
    items: { type: "string", enum: CHECK_IDS },
    description: "The checks its tips call for",
  },
});

/** A reason (`category.detail`) of the catalog (src/catalog/reasons.ts). */
const reasonSchema = openObject({
  id: { type: "string" },
  category: { type: "string", enum: CATEGORY_IDS },
  name: localizedText,
  permanence: { type: "string", enum: PERMANENCES, description: "When it differs from its category's" },
  action: { type: "string", enum: ACTION_TYPES, description: "When it differs from its category's" },
});

/** GET /v1/catalog. */
export const catalogSchema = openObject({
  categories: { type: "array", items: categorySchema },
  reasons: { type: "array", items: reasonSchema },
});

/** GET /v1/catalog/:category: the category and its reasons. */
export const catalogCategorySchema = {
  ...categorySchema,
  properties: { ...categorySchema.properties, reasons: { type: "array", items: reasonSchema } },
} as const;

const SEVERITIES = valuesOf<Severity>({ error: true, warning: true, info: true, ok: true });
const CHECK_KINDS = valuesOf<CheckKind>({ domain: true, ip: true, address: true, message: true });
const integerCount = { type: "integer", minimum: 0 } as const;

/** A report of POST /v1/checks/* (docs/checks.md, src/checks/types.ts). */
export const checkReportSchema = openObject({
  kind: { type: "string", enum: CHECK_KINDS },
  target: { type: "string" },
  complete: { type: "boolean", description: "false when DNS itself failed for some lookups" },
  summary: openObject({ error: integerCount, warning: integerCount, info: integerCount, ok: integerCount }),
  findings: {
    type: "array",
    description: "Worst first",
    items: openObject({
      id: { type: "string", description: "Stable: area.problem (spf.too_many_lookups)" },
      severity: { type: "string", enum: SEVERITIES },
      subject: { type: "string" },
      message: { type: "string" },
      fix: { type: "string" },
      localized: openObject(
        { id: openObject({ message: { type: "string" }, fix: { type: "string" } }) },
        "message and fix in other languages",
      ),
      data: openObject({}, "The facts behind the finding (optional)"),
    }),
  },
});

/** GET /v1/dashboard/facets: the values of the dashboard's filter menus (at most 500 each). */
export const facetsSchema = openObject({
  sendingDomains: stringList,
  sendingIps: stringList,
  tags: stringList,
  providers: stringList,
});

/** POST /v1/logs: what was stored, and what was read. */
export const logsResultSchema = openObject({
  inserted: integerCount,
  duplicates: integerCount,
  lines: { ...integerCount, description: "Lines read" },
  bad: { ...integerCount, description: "Lines that are not log lines of a known MTA (skipped)" },
  events: { ...integerCount, description: "Delivery outcomes found in the lines (and stored or repeats)" },
  ahead: {
    ...integerCount,
    description: "Outcomes dated more than a day after the service's clock (a wrong `year`): not stored",
  },
});

/**
 * POST /v1/webhooks/:provider: the events stored (`inserted`, `duplicates`, `skipped`), or, for an
 * SNS subscription confirmation, `subscription` alone. One object with optional fields rather than
 * a oneOf: the answer is serialized by this schema too.
 */
export const webhookResultSchema = openObject(
  {
    inserted: integerCount,
    duplicates: integerCount,
    skipped: openObject(
      {
        count: integerCount,
        reasons: openObject({}, "Count per reason: invalid_recipient, invalid_type, invalid_timestamp"),
      },
      "Items not stored, by reason",
    ),
    subscription: openObject(
      {
        subscribeUrl: { type: "string" },
        confirmed: { type: "boolean", description: "Whether the SubscribeURL answered 2xx" },
      },
      "Only for an SNS SubscriptionConfirmation (then the only field)",
    ),
  },
  "Events stored: {inserted, duplicates, skipped}; an SNS subscription confirmation: {subscription}",
);

const nullableString = nullable("string");

/** POST /v1/bounces: the parsed report (docs/bounce.md) and what was stored (null with store=false). */
export const bounceAnswerSchema = openObject({
  report: openObject(
    {
      kind: { type: "string", enum: KINDS },
      decoder: nullableString,
      recipients: {
        type: "array",
        items: openObject({
          recipient: { type: "string" },
          originalRecipient: nullableString,
          action: {
            ...nullableString,
            enum: ["failed", "delayed", "delivered", "relayed", "expanded", null],
          },
          status: nullableString,
          reportingMta: nullableString,
          remoteMta: nullableString,
          diagnosticText: { type: "string" },
          lastAttemptDate: nullableString,
          decoder: { type: "string" },
          diagnosis: { type: "object", additionalProperties: true, properties: diagnosisProperties },
        }),
      },
      original: {
        type: ["object", "null"],
        additionalProperties: true,
        properties: {
          messageId: nullableString,
          subject: nullableString,
          from: nullableString,
          to: nullableString,
          date: nullableString,
        },
      },
      feedback: {
        type: ["object", "null"],
        additionalProperties: true,
        properties: {
          feedbackType: nullableString,
          userAgent: nullableString,
          sourceIp: nullableString,
          originalMailFrom: nullableString,
          originalRecipients: stringList,
          arrivalDate: nullableString,
          reportedDomain: nullableString,
        },
      },
      subject: nullableString,
      from: nullableString,
      date: nullableString,
    },
    "The parsed bounce (docs/bounce.md)",
  ),
  stored: { ...storedResultSchema, type: ["object", "null"], description: "Null with store=false" },
});

/** GET /healthz: the process answers. */
export const healthSchema = {
  type: "object",
  description: "The process answers (nothing else is checked)",
  properties: { status: { type: "string", enum: ["ok"] } },
  required: ["status"],
} as const;

/** GET /readyz: the database answers (`database`: the store's dialect). */
export const readySchema = {
  type: "object",
  description: "Ready: the database answers",
  properties: {
    status: { type: "string", enum: ["ready"] },
    database: { type: "string", enum: valuesOf<Dialect>({ sqlite: true, postgres: true }) },
  },
  required: ["status", "database"],
} as const;

/**
 * GET /readyz's 503: the database does not answer (`status`, `database`, `error`), or the service
 * is shutting down (`error` alone, as every route answers then).
 */
export const notReadySchema = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["unavailable"] },
    database: readySchema.properties.database,
    error: errorSchema.properties.error,
  },
  required: ["error"],
  description:
    "Not ready: the database does not answer ({status, database, error: {code: database_unavailable}}, the reason only in the log), or the service is shutting down ({error: {code: unavailable}})",
} as const;
