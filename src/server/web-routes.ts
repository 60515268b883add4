// The "Bounce Classification" dashboard (docs/dashboard.md): the static page at `/` and its assets
// under `/ui/` (public: the page asks for the API key itself), and two small API routes the page
// needs that the rest of the API does not give: the values for the filter menus and the failures
// over time without the 500-group cap of /v1/stats.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";
import { type AppContext, BUCKET_MS, codeFilters, filterOf, storeInput, tzOffsetOf } from "./app.js";
import {
  errorResponses,
  eventFilterSchema,
  facetsSchema,
  timelineSchema,
  tzOffsetSchema,
} from "./schemas.js";

/**
 * Paths the auth hook lets through without an API key besides /healthz, /readyz and /docs*: the
 * page and its static assets, and the OpenAPI document (the API reference holds no data, and is
 * public under /docs/json already).
 */
export function isWebAsset(path: string): boolean {
  return path === "/" || path.startsWith("/ui/") || path === "/openapi.json";
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};

/** The page's own files; nothing else is served (a fixed list, read once: no path from the URL reaches the disk). */
const ASSETS = ["index.html", "app.js", "i18n.js", "charts.js", "styles.css", "icon.svg"];

/** Everything from this origin, nothing from anywhere else (the page must work offline). */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

function webDir(): string {
  // dist/src/server/web-routes.js → src/web/ of the package (plain browser modules, not compiled).
  return fileURLToPath(new URL("../../../src/web/", import.meta.url));
}

function loadAssets(): Map<string, { body: Buffer; type: string }> {
  const dir = webDir();
  const out = new Map<string, { body: Buffer; type: string }>();
  for (const name of ASSETS) {
    const ext = name.slice(name.lastIndexOf(".") + 1);
    out.set(name, { body: readFileSync(dir + name), type: TYPES[ext] ?? "application/octet-stream" });
  }
  return out;
}

export function webRoutes() {
  return async (app: FastifyInstance, ctx: AppContext) => {
    const assets = loadAssets();
    const send = (reply: FastifyReply, name: string) => {
      const a = assets.get(name);
      if (!a) return reply.code(404).send({ error: { code: "not_found", message: "no such file" } });
      return reply
        .header("content-type", a.type)
        .header("cache-control", "no-cache")
        .header("content-security-policy", CSP)
        .header("x-content-type-options", "nosniff")
        .header("referrer-policy", "no-referrer")
        .send(a.body);
    };
    app.get("/", { schema: { hide: true } }, (_req, reply) => send(reply, "index.html"));
    app.get<{ Params: { file: string } }>("/ui/:file", { schema: { hide: true } }, (req, reply) =>
      send(reply, req.params.file),
    );

    app.get(
      "/v1/dashboard/facets",
      {
        schema: {
          summary: "Values for the dashboard's filter menus: sending domains, IPs, tags, providers",
          tags: ["events"],
          response: { 200: facetsSchema, ...errorResponses() },
        },
      },
      async () => {
        // From the daily rollups (thousands of rows, not the events): one slice per filter.
        const db = ctx.store.db;
        const values = async (slice: string) =>
          (
            await db
              .selectFrom("event_rollups")
              .select("value")
              .distinct()
              .where("slice", "=", slice)
              .orderBy("value")
              .limit(500)
              .execute()
          ).map((r) => r.value);
        const providers = (
          await db
            .selectFrom("event_rollups")
            .select("provider")
            .distinct()
            .where("slice", "=", "all")
            .where("provider", "!=", "")
            .orderBy("provider")
            .limit(500)
            .execute()
        ).map((r) => r.provider);
        const [sendingDomains, sendingIps, tags] = await Promise.all([
          values("domain"),
          values("ip"),
          values("tag"),
        ]);
        return { sendingDomains, sendingIps, tags, providers };
      },
    );

    app.get<{ Querystring: Record<string, string> & { bucket?: string; tzOffset?: string } }>(
      "/v1/dashboard/timeline",
      {
        schema: {
          summary: "Failures per time bucket and category (every bucket, for the dashboard's chart)",
          tags: ["events"],
          querystring: {
            ...eventFilterSchema,
            properties: {
              ...eventFilterSchema.properties,
              ...codeFilters,
              bucket: { type: "string", enum: ["hour", "day", "week"], default: "day" },
              tzOffset: tzOffsetSchema,
            },
          },
          response: { 200: timelineSchema, ...errorResponses() },
        },
      },
      async (req) => {
        const tzOffset = tzOffsetOf(req.query);
        const bucketMs = BUCKET_MS[req.query.bucket ?? "day"] ?? BUCKET_MS.day!;
        const filter = filterOf(req.query);
        // With a tzOffset other than 0, day and week buckets start at the viewer's midnight: a daily
        // rollup is a UTC day, so local days are counted from the events (docs/dashboard.md).
        const groups = await storeInput(() => ctx.store.timeline(filter, bucketMs, tzOffset));
        return { bucket: req.query.bucket ?? "day", tzOffset, groups };
      },
    );
  };
}
