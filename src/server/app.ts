import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
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
import { type ClassifiedEvent, classifyEvent, type DeliveryEvent } from "../ingest/event.js";
import {
  type EventFilter,
  GROUP_COLUMNS,
  type GroupBy,
  MAX_TZ_OFFSET_MINUTES,
  type Store,
} from "../store/store.js";
import {
  diagnosisSchema,
  errorSchema,
  eventFilterSchema,
  eventInputSchema,
  langSchema,
  replyInputSchema,
  storedResultSchema,
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
  /** Extra routes (webhooks, logs) mounted by their own modules. */
  plugins?: ((app: FastifyInstance, ctx: AppContext) => void | Promise<void>)[];
  logger?: boolean;
}

export interface AppContext {
  store: Store;
  ingest(events: ClassifiedEvent[]): Promise<{ inserted: number; duplicates: number }>;
  metrics: { events: Counter<"source" | "type"> };
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

const PUBLIC = new Set(["/healthz", "/readyz"]);
const MAX_BATCH = 10_000;
/** A page size in a query string: 1 to 1000. */
const LIMIT = {
  type: "string",
  pattern: "^(?:[1-9][0-9]{0,2}|1000)$",
  default: "100",
  description: "1 to 1000",
} as const;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 5 * 1024 * 1024,
    // No type coercion: `{"response": 5}` is a wrong type, not the string "5". Query parameters
    // are declared as strings and read by the handlers.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
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

  const ctx: AppContext = {
    store,
    metrics: { events: eventsCounter },
    async ingest(events) {
      const r = await store.insertEvents(events);
      for (const e of events) eventsCounter.inc({ source: e.source.split(":")[0]!, type: e.type });
      return r;
    },
  };

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "diagnosa API",
        version: "1",
        description:
          "Why an email was not delivered, and what to do about it. Every route but /healthz and /readyz needs `Authorization: Bearer <API key>`.",
      },
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  // Raw emails and log files arrive as text or bytes.
  app.addContentTypeParser(
    ["message/rfc822", "application/octet-stream", "text/plain"],
    { parseAs: "buffer", bodyLimit: opts.maxEmailBytes ?? 10 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.addHook("onRequest", async (req, reply) => {
    (req as FastifyRequest & { startedAt?: number }).startedAt = performance.now();
    const path = req.url.split("?")[0]!;
    // The dashboard page and its assets are public: the page asks for the key and sends it to /v1.
    if (!opts.auth || PUBLIC.has(path) || path.startsWith("/docs") || isWebAsset(path)) return;
    const header = req.headers.authorization;
    let key = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
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
  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    const started = (req as FastifyRequest & { startedAt?: number }).startedAt;
    if (started !== undefined) latency.observe({ route }, (performance.now() - started) / 1000);
  });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (err instanceof HttpError) return sendError(reply, err);
    if (err.validation)
      return sendError(
        reply,
        new HttpError(
          400,
          "invalid_request",
          `${err.validationContext ?? "body"} ${err.message.replace(/^(body|querystring|params)\/?/, "")}`.trim(),
        ),
      );
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return sendError(reply, new HttpError(413, "too_large", "the request body is over the size limit"));
    if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      return sendError(
        reply,
        new HttpError(415, "unsupported_media_type", `content type not accepted here: ${err.message}`),
      );
    if (
      err.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
      err.code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
      err.statusCode === 400
    ) {
      return sendError(
        reply,
        new HttpError(400, "invalid_json", `the body is not valid JSON: ${err.message}`),
      );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return sendError(reply, new HttpError(err.statusCode, "bad_request", err.message));
    reply.log.error(err);
    return sendError(reply, new HttpError(500, "internal", "internal error"));
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, new HttpError(404, "not_found", `no route ${req.method} ${req.url.split("?")[0]}`)),
  );

  const errors = { 400: errorSchema, 401: errorSchema, 413: errorSchema };

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    try {
      await store.ping();
      return { status: "ready", database: store.dialect };
    } catch (e) {
      return reply.code(503).send({ status: "unavailable", error: (e as Error).message });
    }
  });
  app.get("/metrics", { schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

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

  app.post<{ Body: { items: ReplyInput[]; lang?: string } }>(
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
            items: { type: "array", maxItems: MAX_BATCH, items: replyInputSchema },
            lang: { ...langSchema, default: "none" },
          },
        },
        response: {
          200: { type: "object", properties: { results: { type: "array", items: diagnosisSchema } } },
          ...errors,
        },
      },
    },
    async (req) => {
      const lang = (req.body.lang ?? "none") as DiagnoseOptions["lang"];
      const results = req.body.items.map((i) => diagnose(i, { lang }));
      for (const d of results) diagnoses.inc({ category: d.category });
      return { results };
    },
  );

  app.post<{ Body: Buffer; Querystring: { store?: string; lang?: string } }>(
    "/v1/bounces",
    {
      schema: {
        summary: "Submit a raw bounce email (message/rfc822); its recipients are stored as events",
        tags: ["ingest"],
        querystring: {
          type: "object",
          properties: {
            store: { type: "string", enum: ["true", "false"], default: "true" },
            lang: { ...langSchema, default: "none" },
          },
        },
        response: { 200: { type: "object", additionalProperties: true }, ...errors },
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
          lang: (req.query.lang ?? "none") as Lang | "none",
        });
      } catch (e) {
        if (e instanceof BounceError) throw new HttpError(413, "too_large", e.message);
        throw e;
      }
      const stored =
        req.query.store === "false" ? null : await ctx.ingest(bounceEvents(report, "api:bounce"));
      return { report, stored };
    },
  );

  const toEvent = (e: DeliveryEvent): ClassifiedEvent =>
    classifyEvent({ ...e, source: e.source ?? "api", timestamp: e.timestamp ?? new Date().toISOString() });

  app.post<{ Body: DeliveryEvent }>(
    "/v1/events",
    {
      schema: {
        summary: "Submit one delivery event",
        tags: ["ingest"],
        body: eventInputSchema,
        response: { 200: storedResultSchema, ...errors },
      },
    },
    async (req) => ctx.ingest([toEvent(req.body)]),
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
          properties: { events: { type: "array", maxItems: MAX_BATCH, items: eventInputSchema } },
        },
        response: { 200: storedResultSchema, ...errors },
      },
    },
    async (req) => ctx.ingest(req.body.events.map(toEvent)),
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
            limit: LIMIT,
            before: { type: "string", pattern: "^[1-9][0-9]{0,15}$" },
          },
        },
        response: { ...errors },
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
            groupBy: {
              type: "string",
              pattern: `^(${[...Object.keys(GROUP_COLUMNS), "bucket"].join("|")})(,(${[...Object.keys(GROUP_COLUMNS), "bucket"].join("|")}))*$`,
              default: "category,errorCode,statusCode,provider",
            },
            bucket: { type: "string", enum: ["hour", "day", "week"] },
            tzOffset: tzOffsetSchema,
          },
        },
        response: { ...errors },
      },
    },
    async (req) => {
      const tzOffset = tzOffsetOf(req.query);
      const groupBy = (req.query.groupBy ?? "category,errorCode,statusCode,provider").split(",") as GroupBy[];
      const bucketMs = req.query.bucket ? (BUCKET_MS[req.query.bucket] ?? null) : null;
      return store.stats(filterOf(req.query), groupBy, bucketMs, 500, true, tzOffset);
    },
  );

  app.get(
    "/v1/catalog",
    { schema: { summary: "Categories with definitions and tips, reasons", tags: ["catalog"] } },
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
        params: { type: "object", properties: { category: { type: "string", enum: [...CATEGORY_IDS] } } },
      },
    },
    async (req) => ({
      ...CATEGORIES[req.params.category as keyof typeof CATEGORIES],
      reasons: [...REASONS.values()].filter((r) => r.category === req.params.category),
    }),
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
            search: { type: "string", maxLength: 320 },
            limit: LIMIT,
            after: { type: "string", maxLength: 320 },
          },
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
        params: { type: "object", properties: { address: { type: "string", maxLength: 320 } } },
      },
    },
    async (req) => {
      const entry = await store.getSuppression(req.params.address);
      return { address: req.params.address.toLowerCase(), suppressed: entry !== null, entry };
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
            address: { type: "string", minLength: 3, maxLength: 320, pattern: "^[^\\s@]+@[^\\s@]+$" },
            reason: { type: "string", maxLength: 64, default: "manual" },
            note: { type: "string", maxLength: 1000 },
            expiresAt: { type: "string", format: "date-time" },
          },
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const entry = await store.addSuppression(
        b.address,
        b.reason ?? "manual",
        b.note ?? null,
        b.expiresAt ? Date.parse(b.expiresAt) : null,
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
        params: { type: "object", properties: { address: { type: "string", maxLength: 320 } } },
      },
    },
    async (req) => {
      if (!(await store.removeSuppression(req.params.address)))
        throw new HttpError(404, "not_found", `${req.params.address} is not on the suppression list`);
      return { removed: true };
    },
  );

  for (const plugin of opts.plugins ?? []) await plugin(app, ctx);
  return app;
}

function sendError(reply: FastifyReply, e: HttpError) {
  return reply
    .code(e.status)
    .type("application/json")
    .send({ error: { code: e.code, message: e.message } });
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
      `querystring tzOffset must be a whole number of minutes east of UTC from -${MAX_TZ_OFFSET_MINUTES} to ${MAX_TZ_OFFSET_MINUTES} (420 for UTC+07:00, -300 for UTC-05:00), not ${JSON.stringify(raw.slice(0, 40))}`,
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
  ] as const) {
    if (q[k]) f[k] = q[k];
  }
  return f;
}
