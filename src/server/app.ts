import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type ConnectionError,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchemaValidationError,
} from "fastify";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { BounceError, parseBounce } from "../bounce/parse.js";
import { CATEGORIES } from "../catalog/categories.js";
import { REASONS } from "../catalog/reasons.js";
import type { Lang } from "../catalog/types.js";
import { CATEGORY_IDS } from "../catalog/types.js";
import type { DiagnoseOptions, ReplyInput } from "../classify/diagnosis.js";
import { diagnose } from "../index.js";
import { bounceEvents } from "../ingest/bounce-events.js";
import {
  type ClassifiedEvent,
  classifyEvent,
  type DeliveryEvent,
  EVENT_MAX_LENGTH,
  isRecipientAddress,
  isStoredAddressKey,
  NO_CONTROL_PATTERN,
  normalizeAddress,
  RECIPIENT_PATTERN,
  STATUS_CODE_PATTERN,
  storableTime,
  TIMESTAMP_YEAR_PATTERN,
} from "../ingest/event.js";
import {
  type EventFilter,
  GROUP_COLUMNS,
  type GroupBy,
  MAX_TZ_OFFSET_MINUTES,
  NONE,
  type Store,
} from "../store/store.js";
import {
  batchItemSchema,
  batchResultSchema,
  bounceAnswerSchema,
  catalogCategorySchema,
  catalogSchema,
  diagnosisSchema,
  errorResponses,
  errorSchema,
  eventFilterSchema,
  eventInputSchema,
  eventPageSchema,
  healthSchema,
  inDocumentOnly,
  isDateTime,
  langSchema,
  MAX_ADDRESS_LENGTH,
  notReadySchema,
  publicErrorResponses,
  REPLY_CODE_TEXT_PATTERN,
  rawBody,
  readySchema,
  replyInputSchema,
  STATUS_CODE_TEXT_PATTERN,
  statsSchema,
  storedResultSchema,
  suppressionSchema,
  tzOffsetSchema,
} from "./schemas.js";
import { isWebAsset } from "./web-routes.js";

export interface AppOptions {
  store: Store;
  /** false only when the operator turned authentication off on purpose (`--no-auth`). */
  auth: boolean;
  /** Largest JSON body in bytes (default 5 MiB); raw emails have maxEmailBytes. */
  bodyLimit?: number;
  maxEmailBytes?: number;
  /** Time budget of one bounce email's decoding in ms (parseBounce's default, 2 s, when absent). */
  bounceTimeoutMs?: number | undefined;
  /** Extra routes (webhooks, logs) mounted by their own modules. */
  plugins?: ((app: FastifyInstance, ctx: AppContext) => void | Promise<void>)[];
  logger?: boolean;
}

export interface AppContext {
  store: Store;
  /** Stores events; with `once`, uses up the request's token in the same transaction (see Store). */
  ingest(
    events: ClassifiedEvent[],
    once?: { key: string; expiresAt: number },
  ): Promise<{ inserted: number; duplicates: number }>;
  metrics: { events: Counter<"source" | "type"> };
}

/** The API key of an Authorization header (the scheme in any case, RFC 7235 §2.1), or undefined. */
export function bearerKey(authorization: string | undefined): string | undefined {
  return /^bearer[ \t]+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

/** An error a caller can fix: the answer is `{"error": {code, message}}` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Media types the route's body may have (checked before the body is read: anything else is a
     * 415 naming these). Routes with a body schema take application/json without saying so.
     */
    accepts?: readonly string[];
  }
}

const PUBLIC = new Set(["/healthz", "/readyz", "/openapi.json"]);
const JSON_BODY = ["application/json"] as const;
const MAX_BATCH = 10_000;
/**
 * The longest path parameter: an address of MAX_ADDRESS_LENGTH UTF-16 units, each at most 3 UTF-8
 * bytes, each byte 3 characters once percent-encoded ("…" is "%E2%80%A6"). The router measures the
 * decoded parameter, so the schemas' limits answer first with a 400 that names them; this only
 * stops what no schema would take (Fastify's default, 100, stopped valid addresses).
 */
const MAX_PARAM_LENGTH = MAX_ADDRESS_LENGTH * 9;
const addressParam = {
  type: "object",
  properties: { address: { type: "string", maxLength: MAX_ADDRESS_LENGTH } },
} as const;
/**
 * An event as POST /v1/events takes it: its recipient an address without control characters
 * (RECIPIENT_PATTERN), like every other way in (webhooks, logs), whose events `checkEvent` checks.
 */
const eventInput = {
  ...eventInputSchema,
  properties: {
    ...eventInputSchema.properties,
    recipient: { ...eventInputSchema.properties.recipient, pattern: RECIPIENT_PATTERN },
  },
} as const;
/** `errorCode` and `statusCode` filters of a query string (`none`: the events without one). */
const ERROR_CODE_FILTER = "^(?:[1-9][0-9]{2}|none)$";
const STATUS_CODE_FILTER = `^(?:${STATUS_CODE_PATTERN.slice(1, -1)}|none)$`;
export const codeFilters = {
  errorCode: {
    type: "string",
    pattern: ERROR_CODE_FILTER,
    description: "An SMTP reply code (550), or `none`: the events without one",
  },
  statusCode: {
    type: "string",
    pattern: STATUS_CODE_FILTER,
    description: "An enhanced status code (5.1.1), or `none`: the events without one",
  },
} as const;
/** A suppression address as POST /v1/suppressions takes it: spaces around are trimmed. */
const SUPPRESSION_ADDRESS_PATTERN = `^\\s*${RECIPIENT_PATTERN.slice(1, -1)}\\s*$`;
const BEFORE_PATTERN = "^[1-9][0-9]{0,15}$";
const LIMIT_PATTERN = "^(?:[1-9][0-9]{0,2}|1000)$";
const GROUP_KEYS = [...Object.keys(GROUP_COLUMNS), "bucket"];
const GROUP_BY_PATTERN = `^(${GROUP_KEYS.join("|")})(,(${GROUP_KEYS.join("|")}))*$`;
const ADDRESS_MEANING =
  'must be an email address (local-part@domain) alone: no white space, control characters, <>()[],;:\\" or empty domain labels';
/** What a value that does not match one of these patterns must be, for the 400's message. */
const PATTERN_MEANINGS: Readonly<Record<string, string>> = {
  [RECIPIENT_PATTERN]: ADDRESS_MEANING,
  [SUPPRESSION_ADDRESS_PATTERN]: ADDRESS_MEANING,
  [STATUS_CODE_PATTERN]: "must be an enhanced status code such as 5.1.1",
  [STATUS_CODE_TEXT_PATTERN]: "must be an enhanced status code such as 5.1.1, or empty",
  [REPLY_CODE_TEXT_PATTERN]: "must be an SMTP reply code: three digits, such as 550",
  [BEFORE_PATTERN]: "must be the `next` of an earlier page (a whole number)",
  [GROUP_BY_PATTERN]: `must be one or more of ${GROUP_KEYS.join(", ")}, separated by commas`,
  [LIMIT_PATTERN]: "must be a whole number from 1 to 1000",
  [ERROR_CODE_FILTER]: "must be an SMTP reply code (three digits, such as 550) or none",
  [STATUS_CODE_FILTER]: "must be an enhanced status code (such as 5.1.1) or none",
  [TIMESTAMP_YEAR_PATTERN]: "must be a time (RFC 3339) in 1970 or later",
  [NO_CONTROL_PATTERN]: "must not hold control characters",
};
declare module "fastify" {
  interface FastifyContextConfig {
    /** The route takes any query parameter (webhooks: what a sender adds to its URL). */
    anyQuery?: boolean;
  }
}
const NO_QUERY = { type: "object", additionalProperties: false, properties: {} } as const;
/** A page size in a query string: 1 to 1000. */
const LIMIT = {
  type: "string",
  pattern: LIMIT_PATTERN,
  default: "100",
  description: "1 to 1000",
} as const;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 5 * 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors Fastify and Node answer before any route runs get the API's error shape too.
    frameworkErrors: (err, _req, reply) => sendError(reply, toHttpError(err)),
    clientErrorHandler,
    // Answered by the first onRequest hook instead, in the API's error shape.
    return503OnClosing: false,
    ajv: {
      // No type coercion: `{"response": 5}` is a wrong type, not the string "5". Query parameters
      // are declared as strings and read by the handlers.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false },
      // After ajv-formats, so this date-time replaces its own (which lets leap seconds through).
      onCreate: (ajv) => ajv.addFormat("date-time", { type: "string", validate: isDateTime }),
    },
  });
  app.addSchema(errorSchema);

  // Every route's path pattern and methods, so that a wrong method is a 405 with Allow, not a 404.
  const routeMethods: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook("onRoute", (route) => {
    const pattern = pathPattern(route.url ?? route.path);
    let entry = routeMethods.find((r) => r.pattern.source === pattern.source);
    if (!entry) {
      entry = { pattern, methods: new Set() };
      routeMethods.push(entry);
    }
    for (const m of [route.method].flat()) entry.methods.add(m);
    if (entry.methods.has("GET")) entry.methods.add("HEAD");
    // A route that reads no query parameter refuses any (400 naming it), as the others refuse
    // unknown ones: `POST /v1/events?store=false` must not store in silence. Webhooks take what a
    // sender adds to its URL (`anyQuery`).
    const reads = [route.method].flat().some((m) => m === "GET" || m === "HEAD");
    if (!reads && route.schema && !route.schema.querystring && !route.config?.anyQuery)
      route.schema = { ...route.schema, querystring: NO_QUERY };
  });

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "diagnosa_" });
  const requests = new Counter({
    name: "diagnosa_http_requests_total",
    help: "HTTP requests by route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "diagnosa_http_request_duration_seconds",
    help: "HTTP request duration",
    labelNames: ["route"] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  const eventsCounter = new Counter({
    name: "diagnosa_events_ingested_total",
    help: "Delivery events stored, by source and type",
    labelNames: ["source", "type"] as const,
    registers: [registry],
  });
  const diagnoses = new Counter({
    name: "diagnosa_diagnoses_total",
    help: "Diagnoses made through the API, by category",
    labelNames: ["category"] as const,
    registers: [registry],
  });

  const unlistable = new Counter({
    name: "diagnosa_suppressions_skipped_total",
    help: "Automatic suppressions not made: the address is no address of at most 320 characters once lower-cased",
    registers: [registry],
  });

  const ctx: AppContext = {
    store,
    metrics: { events: eventsCounter },
    async ingest(events, once) {
      const { stored, unlistable: skipped, ...r } = await store.insertEvents(events, Date.now(), once);
      // Counted as stored: a duplicate is not a second event.
      for (const e of stored) eventsCounter.inc({ source: e.source.split(":")[0]!, type: e.type });
      // The event is stored; only its suppression is not (it could be neither looked up nor removed).
      for (const address of skipped) {
        unlistable.inc();
        process.stderr.write(
          `diagnosa: not suppressed: ${JSON.stringify(address.slice(0, 80))}${address.length > 80 ? "…" : ""} is no address of at most ${EVENT_MAX_LENGTH.recipient} characters once lower-cased\n`,
        );
      }
      return r;
    },
  };

  await app.register(swagger, {
    // Shared schemas (Error) by their $id in #/components/schemas, not as def-0.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "diagnosa API",
        version: "1",
        description:
          "Why an email was not delivered, and what to do about it. Every route but /healthz, /readyz, /openapi.json and /docs needs `Authorization: Bearer <API key>`; the webhooks take `?api_key=<API key>` instead.",
      },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer" },
          // Only where an operation lists it (the webhooks): senders that cannot set headers.
          apiKeyQuery: {
            type: "apiKey",
            in: "query",
            name: "api_key",
            description: "The API key in the URL, for webhook senders that cannot set headers",
          },
        },
      },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  // Raw emails and log files arrive as text or bytes (a rotated log as application/gzip).
  app.addContentTypeParser(
    ["message/rfc822", "application/octet-stream", "text/plain", "application/gzip"],
    { parseAs: "buffer", bodyLimit: opts.maxEmailBytes ?? 10 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });

  app.addHook("onRequest", async (req, reply) => {
    (req as FastifyRequest & { startedAt?: number }).startedAt = performance.now();
    if (closing) {
      // A request on a kept-alive connection after close() began: the load balancer retries it.
      reply.header("connection", "close");
      return sendError(reply, new HttpError(503, "unavailable", "the service is shutting down"));
    }
    const path = req.url.split("?")[0]!;
    // The dashboard page and its assets are public: the page asks for the key and sends it to /v1.
    if (!opts.auth || PUBLIC.has(path) || path.startsWith("/docs") || isWebAsset(path)) return;
    // The scheme is case-insensitive (RFC 7235 section 2.1): "bearer" and "BEARER" are Bearer too.
    let key = bearerKey(req.headers.authorization);
    // Webhook senders cannot set headers: they may carry the key in the URL.
    if (!key && path.startsWith("/v1/webhooks/"))
      key = (req.query as Record<string, string> | undefined)?.api_key;
    if (!key)
      return sendError(
        reply,
        new HttpError(
          401,
          "unauthorized",
          "an API key is required: Authorization: Bearer <key> (create one with `diagnosa keys create`)",
        ),
      );
    if (!(await store.verifyApiKey(key)))
      return sendError(
        reply,
        new HttpError(401, "unauthorized", "the API key is not valid or has been revoked"),
      );
  });
  // The body's media type, before the body is read: a JSON route sent text/plain (which the raw
  // parser above would read) or anything else gets a 415 that names what the route takes.
  app.addHook("preParsing", async (req, _reply, payload) => {
    const accepts = req.routeOptions.config.accepts ?? (req.routeOptions.schema?.body ? JSON_BODY : null);
    if (!accepts || !hasBody(req)) return payload;
    const type = mediaType(req.headers["content-type"]);
    if (!accepts.includes(type))
      throw new HttpError(
        415,
        "unsupported_media_type",
        `send the body with Content-Type: ${accepts.join(" or ")}, not ${type ? type.slice(0, 100) : "without one"}`,
      );
    return payload;
  });

  // PostgreSQL text cannot hold a NUL character (none is stored: they are dropped from texts, and
  // an address with one is refused), so no filter, cursor or path parameter can have one: a 400
  // that names it, before the schemas (whose message would not say what is wrong).
  app.addHook("preValidation", async (req) => {
    for (const [part, values] of [
      ["query", req.query],
      ["path", req.params],
    ] as const) {
      if (!values || typeof values !== "object") continue;
      for (const [name, v] of Object.entries(values as Record<string, unknown>)) {
        if ([v].flat().some((x) => typeof x === "string" && x.includes("\u0000")))
          throw new HttpError(
            400,
            "invalid_request",
            `${part}${propertyName(name)} must not contain a NUL character (U+0000)`,
          );
      }
    }
  });

  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    const started = (req as FastifyRequest & { startedAt?: number }).startedAt;
    if (started !== undefined) latency.observe({ route }, (performance.now() - started) / 1000);
  });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const e = toHttpError(err);
    if (e.status >= 500) reply.log.error(err);
    return sendError(reply, e);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split("?")[0]!;
    const allowed = new Set(routeMethods.filter((r) => r.pattern.test(path)).flatMap((r) => [...r.methods]));
    if (allowed.size) {
      const allow = [...allowed].sort().join(", ");
      reply.header("allow", allow);
      return sendError(
        reply,
        new HttpError(
          405,
          "method_not_allowed",
          `${req.method} is not allowed on ${path}; allowed: ${allow}`,
        ),
      );
    }
    return sendError(reply, new HttpError(404, "not_found", `no route ${req.method} ${path}`));
  });

  // A JSON body: too large (413) or not JSON (415) besides the usual.
  const errors = errorResponses(413, 415);
  const queryErrors = errorResponses();

  // Public (no API key): a load balancer's checks. /metrics needs a key like the API.
  const publicRoute = { tags: ["service"], security: [] };
  app.get(
    "/healthz",
    {
      schema: {
        ...publicRoute,
        summary: "Liveness: the process answers",
        response: { 200: healthSchema, ...publicErrorResponses() },
      },
    },
    async () => ({ status: "ok" }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        ...publicRoute,
        summary: "Readiness: the database answers",
        response: { 200: readySchema, ...publicErrorResponses(), 503: notReadySchema },
      },
    },
    async (_req, reply) => {
      try {
        await store.ping();
        return { status: "ready", database: store.dialect };
      } catch (e) {
        // Public: the reason goes to the log, not to whoever asks.
        reply.log.error(e);
        return reply.code(503).send({
          status: "unavailable",
          database: store.dialect,
          error: { code: "database_unavailable", message: "the database does not answer" },
        });
      }
    },
  );
  app.get(
    "/metrics",
    {
      // The text answer is declared in the document only: no response schema serializes it.
      config: inDocumentOnly({
        response: {
          200: {
            description: "Prometheus metrics (text exposition format 0.0.4)",
            content: { [registry.contentType.split(";")[0]!]: { schema: { type: "string" } } },
          },
        },
      }),
      schema: { tags: ["service"], summary: "Prometheus metrics", response: errorResponses() },
    },
    async (_req, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
  app.get(
    "/openapi.json",
    {
      // Declared in the document only: the answer is app.swagger() as it is, not re-serialized.
      config: inDocumentOnly({
        response: {
          200: {
            type: "object",
            additionalProperties: true,
            description: "This document (OpenAPI 3.0); also at /docs/json, browsable at /docs",
            properties: {
              openapi: { type: "string" },
              info: { type: "object", additionalProperties: true },
              paths: { type: "object", additionalProperties: true },
            },
            required: ["openapi", "info", "paths"],
          },
        },
      }),
      schema: {
        ...publicRoute,
        summary: "The OpenAPI document of the API",
        response: publicErrorResponses(),
      },
    },
    async () => app.swagger(),
  );

  app.post<{ Body: ReplyInput & { lang?: string } }>(
    "/v1/diagnose",
    {
      schema: {
        summary: "Diagnose one SMTP reply",
        tags: ["diagnose"],
        body: { ...replyInputSchema, properties: { ...replyInputSchema.properties, lang: langSchema } },
        response: { 200: diagnosisSchema, ...errors },
      },
    },
    async (req) => {
      const { lang, ...input } = req.body;
      const d = diagnose(input, { lang: (lang ?? "all") as DiagnoseOptions["lang"] });
      diagnoses.inc({ category: d.category });
      return d;
    },
  );

  app.post<{ Body: { items: (ReplyInput & { id?: string | number | null })[]; lang?: string } }>(
    "/v1/diagnose/batch",
    {
      schema: {
        summary: "Diagnose many replies (tips left out unless lang is given)",
        tags: ["diagnose"],
        body: {
          type: "object",
          additionalProperties: false,
          required: ["items"],
          properties: {
            items: { type: "array", maxItems: MAX_BATCH, items: batchItemSchema },
            lang: { ...langSchema, default: "none" },
          },
        },
        response: {
          200: { type: "object", properties: { results: { type: "array", items: batchResultSchema } } },
          ...errors,
        },
      },
    },
    async (req) => {
      const lang = (req.body.lang ?? "none") as DiagnoseOptions["lang"];
      const results = req.body.items.map(({ id, ...i }) => {
        const d = diagnose(i, { lang });
        return id === undefined || id === null ? d : { id, ...d };
      });
      for (const d of results) diagnoses.inc({ category: d.category });
      return { results };
    },
  );

  app.post<{ Body: Buffer; Querystring: { store?: string; lang?: string } }>(
    "/v1/bounces",
    {
      config: rawBody(
        ["message/rfc822", "application/octet-stream", "text/plain"],
        "The bounce email as received (RFC 5322), up to DIAGNOSA_MAX_EMAIL_BYTES",
      ),
      schema: {
        summary: "Submit a raw bounce email (message/rfc822); its recipients are stored as events",
        tags: ["ingest"],
        querystring: {
          type: "object",
          // A misspelt `store=false` must not store what the caller meant only to read.
          additionalProperties: false,
          properties: {
            store: { type: "string", enum: ["true", "false"], default: "true" },
            lang: { ...langSchema, default: "none" },
          },
        },
        response: { 200: bounceAnswerSchema, ...errorResponses(413, 415, 422) },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new HttpError(
          400,
          "invalid_request",
          "send the email as the request body with Content-Type: message/rfc822",
        );
      }
      let report: Awaited<ReturnType<typeof parseBounce>>;
      try {
        report = await parseBounce(req.body, {
          maxBytes: opts.maxEmailBytes ?? 10 * 1024 * 1024,
          timeoutMs: opts.bounceTimeoutMs,
          lang: (req.query.lang ?? "none") as Lang | "none",
        });
      } catch (e) {
        // Over the size limit: 413; over the time budget: the message is readable but too costly
        // (422); naming more recipients than one message has: 422.
        if (e instanceof BounceError)
          throw e.limit === "time"
            ? new HttpError(422, "too_slow", e.message)
            : e.limit === "recipients"
              ? new HttpError(422, "too_many_recipients", e.message)
              : new HttpError(413, "too_large", e.message);
        throw e;
      }
      const stored =
        req.query.store === "false" ? null : await ctx.ingest(bounceEvents(report, "api:bounce"));
      return { report, stored };
    },
  );

  // The schema bounds the year's digits; an offset can still put "1970-01-01T00:30+01:00" before it.
  const timeInRange = (e: DeliveryEvent, where: string, now: number): void => {
    if (e.timestamp !== undefined && !storableTime(Date.parse(e.timestamp), now))
      throw new HttpError(
        400,
        "invalid_request",
        `${where}.timestamp must be a time (RFC 3339) from 1970 to at most a day ahead of the service's clock`,
      );
  };
  const toEvent = (e: DeliveryEvent): ClassifiedEvent =>
    classifyEvent({ ...e, source: e.source ?? "api", timestamp: e.timestamp ?? new Date().toISOString() });

  app.post<{ Body: DeliveryEvent }>(
    "/v1/events",
    {
      schema: {
        summary: "Submit one delivery event",
        tags: ["ingest"],
        body: eventInput,
        response: { 200: storedResultSchema, ...errors },
      },
    },
    async (req) => {
      timeInRange(req.body, "body", Date.now());
      return ctx.ingest([toEvent(req.body)]);
    },
  );

  app.post<{ Body: { events: DeliveryEvent[] } }>(
    "/v1/events/batch",
    {
      schema: {
        summary: "Submit many delivery events; committed before the answer",
        tags: ["ingest"],
        body: {
          type: "object",
          additionalProperties: false,
          required: ["events"],
          properties: { events: { type: "array", maxItems: MAX_BATCH, items: eventInput } },
        },
        response: { 200: storedResultSchema, ...errors },
      },
    },
    async (req) => {
      const now = Date.now();
      for (const [i, e] of req.body.events.entries()) timeInRange(e, `body.events[${i}]`, now);
      return ctx.ingest(req.body.events.map(toEvent));
    },
  );

  app.get<{ Querystring: Record<string, string> & { limit?: string; before?: string } }>(
    "/v1/events",
    {
      schema: {
        summary: "List events, newest first, with filters; `next` is the `before` of the next page",
        tags: ["events"],
        querystring: {
          ...eventFilterSchema,
          properties: {
            ...eventFilterSchema.properties,
            ...codeFilters,
            limit: LIMIT,
            before: { type: "string", pattern: BEFORE_PATTERN },
          },
        },
        response: { 200: eventPageSchema, ...queryErrors },
      },
    },
    async (req) =>
      store.listEvents({
        ...filterOf(req.query),
        limit: Number(req.query.limit ?? 100),
        ...(req.query.before ? { before: Number(req.query.before) } : {}),
      }),
  );

  app.get<{
    Querystring: Record<string, string> & { groupBy?: string; bucket?: string; tzOffset?: string };
  }>(
    "/v1/stats",
    {
      schema: {
        summary:
          "Statistics: totals and rates, failures grouped by category, codes, provider, sending domain and IP, time bucket",
        tags: ["events"],
        querystring: {
          ...eventFilterSchema,
          properties: {
            ...eventFilterSchema.properties,
            ...codeFilters,
            groupBy: {
              type: "string",
              pattern: GROUP_BY_PATTERN,
              default: "category,errorCode,statusCode,provider",
            },
            bucket: { type: "string", enum: ["hour", "day", "week"] },
            tzOffset: tzOffsetSchema,
          },
        },
        response: { 200: statsSchema, ...queryErrors },
      },
    },
    async (req) => {
      const tzOffset = tzOffsetOf(req.query);
      const groupBy = (req.query.groupBy ?? "category,errorCode,statusCode,provider").split(",") as GroupBy[];
      if (groupBy.includes("bucket") && !req.query.bucket)
        throw new HttpError(
          400,
          "invalid_request",
          "query.bucket is required with groupBy=bucket: hour, day or week",
        );
      // bucket= only sizes the buckets of groupBy=bucket: without it, groups are not split by time.
      const bucketMs =
        req.query.bucket && groupBy.includes("bucket") ? (BUCKET_MS[req.query.bucket] ?? null) : null;
      const filter = filterOf(req.query);
      // A range of more than MAX_BUCKETS buckets is refused by the store (a RangeError: a 400).
      return storeInput(() => store.stats(filter, groupBy, bucketMs, 500, true, tzOffset));
    },
  );

  app.get(
    "/v1/catalog",
    {
      schema: {
        summary: "Categories with definitions and tips, reasons",
        tags: ["catalog"],
        response: { 200: catalogSchema, ...queryErrors },
      },
    },
    async () => ({
      categories: CATEGORY_IDS.map((id) => CATEGORIES[id]),
      reasons: [...REASONS.values()],
    }),
  );
  app.get<{ Params: { category: string } }>(
    "/v1/catalog/:category",
    {
      schema: {
        summary: "One category",
        tags: ["catalog"],
        // Not an enum: an unknown category is a resource that does not exist (404), not bad input.
        params: {
          type: "object",
          properties: {
            category: { type: "string", description: `One of ${CATEGORY_IDS.join(", ")}` },
          },
        },
        response: { 200: catalogCategorySchema, ...errorResponses(404) },
      },
    },
    async (req) => {
      const id = req.params.category;
      if (!(CATEGORY_IDS as readonly string[]).includes(id))
        throw new HttpError(
          404,
          "not_found",
          `no category ${JSON.stringify(id.slice(0, 64))}; the categories are ${CATEGORY_IDS.join(", ")}`,
        );
      return {
        ...CATEGORIES[id as keyof typeof CATEGORIES],
        reasons: [...REASONS.values()].filter((r) => r.category === id),
      };
    },
  );

  app.get<{ Querystring: { search?: string; limit?: string; after?: string } }>(
    "/v1/suppressions",
    {
      schema: {
        summary: "The suppression list",
        tags: ["suppressions"],
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            search: { type: "string", maxLength: MAX_ADDRESS_LENGTH },
            limit: LIMIT,
            after: { type: "string", maxLength: MAX_ADDRESS_LENGTH },
          },
        },
        response: {
          200: {
            type: "object",
            properties: {
              items: { type: "array", items: suppressionSchema },
              next: { type: ["string", "null"], description: "The `after` of the next page" },
            },
          },
          ...queryErrors,
        },
      },
    },
    async (req) =>
      store.listSuppressions({
        limit: Number(req.query.limit ?? 100),
        ...(req.query.search ? { search: req.query.search } : {}),
        ...(req.query.after ? { after: req.query.after } : {}),
      }),
  );
  app.get<{ Params: { address: string } }>(
    "/v1/suppressions/:address",
    {
      schema: {
        summary: "Is this address suppressed?",
        tags: ["suppressions"],
        params: addressParam,
        response: {
          200: {
            type: "object",
            properties: {
              address: { type: "string" },
              suppressed: { type: "boolean" },
              entry: { ...suppressionSchema, type: ["object", "null"] },
            },
          },
          ...queryErrors,
        },
      },
    },
    async (req) => {
      const address = addressParamValue(req.params.address);
      const entry = await store.getSuppression(address);
      return { address, suppressed: entry !== null, entry };
    },
  );
  app.post<{ Body: { address: string; reason?: string; note?: string; expiresAt?: string } }>(
    "/v1/suppressions",
    {
      schema: {
        summary: "Add an address to the suppression list",
        tags: ["suppressions"],
        body: {
          type: "object",
          additionalProperties: false,
          required: ["address"],
          properties: {
            address: {
              type: "string",
              minLength: 3,
              maxLength: MAX_ADDRESS_LENGTH,
              // Spaces around it are trimmed, as documented.
              pattern: SUPPRESSION_ADDRESS_PATTERN,
              description: `Stored trimmed and lower-cased: at most ${MAX_ADDRESS_LENGTH} characters so`,
            },
            reason: { type: "string", maxLength: 64 },
            note: { type: "string", maxLength: 1000 },
            expiresAt: {
              type: "string",
              format: "date-time",
              description: "When the entry stops counting (in the future); none: never",
            },
          },
        },
        response: { 201: { ...suppressionSchema, description: "The entry as stored" }, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const expiresAt = b.expiresAt ? Date.parse(b.expiresAt) : null;
      // An entry that has already expired would be stored but never count (and read back as null).
      if (expiresAt !== null && expiresAt <= Date.now())
        throw new HttpError(400, "invalid_request", "body.expiresAt must be in the future");
      // Lower-casing can lengthen an address (`İ` is two characters lower-cased): the form stored
      // must fit the limit too, or DELETE /v1/suppressions/:address could not name it.
      const address = normalizeAddress(b.address);
      const { length } = address;
      if (!isRecipientAddress(address))
        throw new HttpError(
          400,
          "invalid_request",
          length > MAX_ADDRESS_LENGTH
            ? `body.address must be at most ${MAX_ADDRESS_LENGTH} characters once lower-cased (as it is stored); it is ${length}`
            : `body.address is no email address in the form it is stored in (${JSON.stringify(address)}: lower-cased, its domain in Unicode)`,
        );
      const entry = await storeInput(() =>
        store.addSuppression(address, b.reason ?? null, b.note ?? null, expiresAt),
      );
      return reply.code(201).send(entry);
    },
  );
  app.delete<{ Params: { address: string } }>(
    "/v1/suppressions/:address",
    {
      schema: {
        summary: "Remove an address from the suppression list",
        tags: ["suppressions"],
        params: addressParam,
        response: {
          200: { type: "object", properties: { removed: { type: "boolean" } } },
          // A DELETE's body, which nothing reads, is still parsed (and refused) as any other.
          ...errorResponses(404, 413, 415),
        },
      },
    },
    async (req) => {
      addressParamValue(req.params.address);
      // An expired entry counts as none (it is removed all the same): a 404 like a missing one.
      if (!(await store.removeSuppression(req.params.address)))
        throw new HttpError(404, "not_found", `${req.params.address} is not on the suppression list`);
      return { removed: true };
    },
  );

  for (const plugin of opts.plugins ?? []) await plugin(app, ctx);
  return app;
}

/**
 * The address a suppression route names, in the form stored; a 400 when it is no address (a typo
 * such as /v1/suppressions/export would otherwise read as "not suppressed").
 */
function addressParamValue(raw: string): string {
  const address = normalizeAddress(raw);
  // Looked up or removed, an address as an earlier version may have stored it (`<x@y>`, `x@y.`)
  // is still one: only what never was an address is refused.
  if (!isStoredAddressKey(address))
    throw new HttpError(
      400,
      "invalid_request",
      `path.address must be an email address (local@domain), not ${JSON.stringify(raw)}`,
    );
  return address;
}

function sendError(reply: FastifyReply, e: HttpError) {
  return reply
    .code(e.status)
    .type("application/json")
    .send({ error: { code: e.code, message: e.message } });
}

/** The API's error for anything thrown while answering: ours as they are, Fastify's by their code. */
function toHttpError(err: FastifyError): HttpError {
  if (err instanceof HttpError) return err;
  if (err.validation?.[0])
    return new HttpError(400, "invalid_request", validationMessage(err.validationContext, err.validation[0]));
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new HttpError(413, "too_large", "the request body is over the size limit");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new HttpError(415, "unsupported_media_type", `content type not accepted here: ${err.message}`);
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new HttpError(400, "invalid_json", `the body is not valid JSON: ${err.message}`);
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new HttpError(
        414,
        "uri_too_long",
        `a path segment is over ${MAX_PARAM_LENGTH} characters (an address is at most ${MAX_ADDRESS_LENGTH})`,
      );
    case "FST_ERR_BAD_URL":
      return new HttpError(400, "bad_request", "the path is not valid URL encoding");
  }
  // The JSON parser's syntax errors carry a status but no code.
  if (err instanceof SyntaxError && err.statusCode === 400)
    return new HttpError(400, "invalid_json", `the body is not valid JSON: ${err.message}`);
  // The database out of reach for now: the caller is to send again later (its cause goes to the log).
  if (databaseUnavailable(err))
    return new HttpError(503, "unavailable", "the database cannot be reached now; try again later");
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return new HttpError(status, "bad_request", err.message);
  return new HttpError(500, "internal", "internal error");
}

/**
 * Errors that say the database cannot answer now rather than that the request is wrong: a refused
 * or broken connection, PostgreSQL shutting down or starting (57P01-57P03), too many connections
 * (53300), its connection exceptions (class 08), SQLite locked past its busy timeout.
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "SQLITE_BUSY",
]);

function databaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 3) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  // node-postgres, when the server ends a connection mid-query.
  if (/^Connection terminated/.test((err as Error).message ?? "")) return true;
  // A connection to a name with several addresses fails with each of them.
  return err instanceof AggregateError && err.errors.some((e) => databaseUnavailable(e, depth + 1));
}

/** A property as it is written after its parent: `.from`, `["a b"]`. */
function propertyName(name: unknown): string {
  const s = String(name);
  return /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s.slice(0, 64))}]`;
}

/** Where a validation error is, as the caller wrote it: `body.items[0].response`, `query.from`. */
function validationMessage(context: string | undefined, e: FastifySchemaValidationError): string {
  const part =
    { querystring: "query", params: "path", headers: "header" }[context ?? ""] ?? context ?? "body";
  const prop = propertyName;
  const path =
    part +
    e.instancePath
      .split("/")
      .slice(1)
      .map((seg) => seg.replaceAll("~1", "/").replaceAll("~0", "~"))
      .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : prop(seg)))
      .join("");
  switch (e.keyword) {
    case "additionalProperties":
      return `${path}${prop(e.params.additionalProperty)} is not allowed`;
    case "required":
      return `${path}${prop(e.params.missingProperty)} is required`;
    case "enum":
      return `${path} must be one of ${(e.params.allowedValues as unknown[]).join(", ")}`;
    case "pattern": {
      const meaning = PATTERN_MEANINGS[String(e.params.pattern)];
      if (meaning) return `${path} ${meaning}`;
      break;
    }
    case "format":
      if (e.params.format === "date-time")
        return `${path} must be an RFC 3339 date-time with a time zone, such as 2026-03-01T10:00:00Z (seconds up to 59: a leap second cannot be stored; at most year 9999 once in UTC)`;
  }
  return `${path} ${e.message ?? "is not valid"}`;
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over the size
 * limit, malformed HTTP, timeouts): answered on the socket, in the API's error shape.
 */
function clientErrorHandler(err: ConnectionError, socket: Socket): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "headers_too_large", "the URL and headers together are over the size limit (16 KiB)"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "timeout", "the request did not arrive in time"]
        : [400, "bad_request", "the request is not valid HTTP"];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

/** A route's URL pattern as a regular expression over request paths (`:name` one segment, `*` the rest). */
function pathPattern(url: string): RegExp {
  const source = url
    .split("/")
    .map((seg) =>
      seg.startsWith(":") ? "[^/]+" : seg === "*" ? ".*" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}$`);
}

function hasBody(req: FastifyRequest): boolean {
  const h = req.headers;
  return (
    h["content-type"] !== undefined ||
    h["transfer-encoding"] !== undefined ||
    Number(h["content-length"] ?? 0) > 0
  );
}

/** The media type of a Content-Type header, lower case ("" without one: Fastify parses none). */
function mediaType(header: string | undefined): string {
  return header?.split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * A store question whose RangeError means the question was out of range (the store checks its
 * arguments with RangeError: tzOffset, the number of buckets): a 400 with the store's message.
 */
export async function storeInput<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (e) {
    if (e instanceof RangeError) throw new HttpError(400, "invalid_request", e.message);
    throw e;
  }
}

/** The time buckets a query may ask for, in milliseconds. */
export const BUCKET_MS: Readonly<Record<string, number>> = {
  hour: 3600_000,
  day: 86400_000,
  week: 7 * 86400_000,
};

/**
 * The `tzOffset` of a query string: whole minutes east of UTC, -840 to 840 (0 when absent). A
 * leading `+` is allowed (sent unencoded it arrives as a space, also allowed); anything else is a
 * 400 that says what is expected.
 */
export function tzOffsetOf(q: { tzOffset?: string | undefined }): number {
  const raw = q.tzOffset;
  if (raw === undefined || raw === "") return 0;
  const m = /^\s*([+-]?)(\d{1,4})$/.exec(raw);
  const n = m ? Number(m[2]) * (m[1] === "-" ? -1 : 1) : Number.NaN;
  if (!Number.isInteger(n) || Math.abs(n) > MAX_TZ_OFFSET_MINUTES)
    throw new HttpError(
      400,
      "invalid_request",
      `query.tzOffset must be a whole number of minutes east of UTC from -${MAX_TZ_OFFSET_MINUTES} to ${MAX_TZ_OFFSET_MINUTES} (420 for UTC+07:00, -300 for UTC-05:00), not ${JSON.stringify(raw.slice(0, 40))}`,
    );
  return n || 0;
}

/** The event filter of a query string (the same parameters on every route that filters). */
export function filterOf(q: Record<string, string | undefined>): EventFilter {
  const f: EventFilter = {};
  if (q.from) f.from = Date.parse(q.from);
  if (q.to) f.to = Date.parse(q.to);
  for (const k of [
    "type",
    "category",
    "recipient",
    "recipientDomain",
    "provider",
    "sendingDomain",
    "sendingIp",
    "tag",
    "statusCode",
  ] as const) {
    if (q[k]) f[k] = q[k];
  }
  // Checked by the route's schema (ERROR_CODE_FILTER) where the route takes it.
  if (q.errorCode) f.errorCode = q.errorCode === NONE ? NONE : Number(q.errorCode);
  return f;
}
