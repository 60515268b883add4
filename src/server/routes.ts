import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { stripBomBytes } from "../bom.js";
import type { Localized } from "../catalog/types.js";
import { classifyEvent, storableTime } from "../ingest/event.js";
import { LogReader } from "../ingest/logs/index.js";
import {
  fromWebhook,
  WEBHOOK_PROVIDERS,
  WebhookError,
  type WebhookSecrets,
} from "../ingest/webhooks/index.js";
import { publicKey as sendgridPublicKey } from "../ingest/webhooks/sendgrid.js";
import { TokenUsedError } from "../store/store.js";
import { type AppContext, bearerKey, HttpError } from "./app.js";
import { checksRoutes } from "./checks-routes.js";
import { ERROR_ANSWERS, errorResponses, logsResultSchema, rawBody, webhookResultSchema } from "./schemas.js";
import { webRoutes } from "./web-routes.js";

/** A setting from the environment that cannot be used; `texts` says why in every language, for the CLI. */
export class SettingError extends RangeError {
  override name = "SettingError";

  constructor(readonly texts: Localized) {
    super(texts.en);
  }
}

/**
 * Webhook secrets from the environment (docs/service.md); a provider without one is not verified.
 * A value that is set but unusable throws (a SettingError, a RangeError naming the variable): a
 * service that started without it would accept forged events, or refuse every real one.
 */
export function webhookSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookSecrets {
  const basic = (name: string, v: string | undefined) => {
    if (!v) return undefined;
    const i = v.indexOf(":");
    if (i <= 0 || i === v.length - 1)
      throw new SettingError({
        en: `${name} must be USER:PASSWORD, the credentials set on the provider's webhook URL`,
        id: `${name} harus berupa USER:PASSWORD, kredensial yang dipasang pada URL webhook penyedia`,
      });
    return { username: v.slice(0, i), password: v.slice(i + 1) };
  };
  const secrets: WebhookSecrets = {};
  if (env.DIAGNOSA_SENDGRID_PUBLIC_KEY) {
    try {
      sendgridPublicKey(env.DIAGNOSA_SENDGRID_PUBLIC_KEY);
    } catch {
      throw new SettingError({
        en: "DIAGNOSA_SENDGRID_PUBLIC_KEY is not a public key: paste the verification key SendGrid shows (base64) or a PEM",
        id: "DIAGNOSA_SENDGRID_PUBLIC_KEY bukan kunci publik: tempelkan kunci verifikasi yang ditampilkan SendGrid (base64) atau PEM",
      });
    }
    secrets.sendgrid = { publicKey: env.DIAGNOSA_SENDGRID_PUBLIC_KEY };
  }
  if (env.DIAGNOSA_MAILGUN_SIGNING_KEY) secrets.mailgun = { signingKey: env.DIAGNOSA_MAILGUN_SIGNING_KEY };
  const postmark = basic("DIAGNOSA_POSTMARK_AUTH", env.DIAGNOSA_POSTMARK_AUTH);
  if (postmark) secrets.postmark = postmark;
  const sparkpost = basic("DIAGNOSA_SPARKPOST_AUTH", env.DIAGNOSA_SPARKPOST_AUTH);
  if (sparkpost) secrets.sparkpost = sparkpost;
  if (env.DIAGNOSA_SES_VERIFY !== "off") {
    const certs = new Map<string, Promise<string>>();
    secrets.ses = {
      // SigningCertURL is checked (https, sns.<region>.amazonaws.com) before this runs; certificates are cached.
      fetchCertificate: (url) => {
        let p = certs.get(url);
        if (!p) {
          p = fetch(url, { signal: AbortSignal.timeout(5000) }).then((r) => {
            if (!r.ok)
              throw Object.assign(new Error(`certificate download failed: HTTP ${r.status}`), {
                httpStatus: r.status,
              });
            return r.text();
          });
          p.catch(() => certs.delete(url));
          certs.set(url, p);
        }
        return p;
      },
      ...(env.DIAGNOSA_SES_TOPIC_ARNS
        ? { topicArns: env.DIAGNOSA_SES_TOPIC_ARNS.split(",").map((s) => s.trim()) }
        : {}),
    };
  }
  return secrets;
}

/** POST /v1/webhooks/:provider: native ESP payloads, verified, stored as events. */
export function webhookRoutes(secrets: WebhookSecrets) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    await app.register(async (scope) => {
      // Signatures are over the body as received: keep it as text.
      scope.removeContentTypeParser(["application/json", "text/plain"]);
      scope.addContentTypeParser(
        ["application/json", "text/plain"],
        { parseAs: "string" },
        (_req, body, done) => done(null, body),
      );
      scope.post<{ Params: { provider: string }; Body: string }>(
        "/v1/webhooks/:provider",
        {
          // The key may come as ?api_key= (the authentication hook reads it, app.ts): declared in
          // the document only, so that no query schema refuses what a sender adds to its URL.
          config: {
            ...rawBody(
              ["application/json", "text/plain"],
              "The provider's own payload, as it signs it",
              false,
              {
                security: [{ apiKey: [] }, { apiKeyQuery: [] }],
              },
            ),
            anyQuery: true,
          },
          schema: {
            summary: "Native webhook payloads of Amazon SES (SNS), SendGrid, Mailgun, Postmark, SparkPost",
            tags: ["ingest"],
            params: { type: "object", properties: { provider: { type: "string", enum: WEBHOOK_PROVIDERS } } },
            response: {
              200: webhookResultSchema,
              ...errorResponses(413, 415),
              401: {
                $ref: "Error#",
                description:
                  "No API key (header or ?api_key=), or one not valid; a signature, signing certificate or basic auth that does not verify; a signed request sent again",
              },
              503: {
                $ref: "Error#",
                description: `${ERROR_ANSWERS[503]}; or (Amazon SES) the SNS signing certificate cannot be downloaded now (timeout, network, 5xx): SNS sends the notification again`,
              },
            },
          },
        },
        async (req) => {
          const raw = typeof req.body === "string" ? req.body : "";
          const headers: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
          let result: Awaited<ReturnType<typeof fromWebhook>>;
          try {
            // Tokens used once are kept in the database with the events: shared by every process, and
            // a request whose events could not be stored may come again.
            result = await fromWebhook(req.params.provider, undefined, {
              headers,
              rawBody: raw,
              secrets,
              onceTokens: "caller",
            });
          } catch (e) {
            if (e instanceof WebhookError)
              throw new HttpError(
                e.status,
                e.status === 401
                  ? "unauthorized"
                  : e.status === 404
                    ? "not_found"
                    : e.status === 503
                      ? "unavailable"
                      : "invalid_request",
                e.message,
              );
            throw e;
          }
          if ("confirm" in result) {
            let confirmed = false;
            let why: string;
            try {
              const r = await fetch(result.confirm.subscribeUrl, { signal: AbortSignal.timeout(5000) });
              confirmed = r.ok;
              why = `HTTP ${r.status}`;
              await r.arrayBuffer().catch(() => {});
            } catch (e) {
              why = (e as Error)?.message ?? String(e);
            }
            // Until it is confirmed the topic sends nothing here: the operator must know (and may
            // confirm by hand with the URL).
            if (!confirmed)
              process.stderr.write(
                `diagnosa: SNS subscription not confirmed (${why}): GET ${result.confirm.subscribeUrl} to confirm it\n`,
              );
            return { subscription: { subscribeUrl: result.confirm.subscribeUrl, confirmed } };
          }
          try {
            const stored = await ctx.ingest(result.events.map(classifyEvent), result.once);
            return { ...stored, skipped: result.skipped };
          } catch (e) {
            if (e instanceof TokenUsedError)
              throw new HttpError(401, "unauthorized", `${req.params.provider}: ${e.message}`);
            throw e;
          }
        },
      );
    });
  };
}

/** The most log text one request may decompress to. */
const MAX_LOG_BYTES = 64 * 1024 * 1024;

/** The callers' log readers, the least recently used forgotten past a few dozen (each is bounded). */
class LogReaders {
  private readonly readers = new Map<string, LogReader>();
  constructor(private readonly max = 32) {}

  get(key: string, make: () => LogReader): LogReader {
    let r = this.readers.get(key);
    if (r) this.readers.delete(key);
    else {
      r = make();
      if (this.readers.size >= this.max) this.readers.delete(this.readers.keys().next().value!);
    }
    this.readers.set(key, r);
    return r;
  }
}

/** POST /v1/logs: Postfix, Exim or Sendmail log lines as text; their outcomes stored as events. */
export function logRoutes() {
  const readers = new LogReaders();
  return async (app: FastifyInstance, ctx: AppContext) => {
    app.post<{ Body: Buffer; Querystring: { year?: string; timeZone?: string } }>(
      "/v1/logs",
      {
        config: rawBody(
          ["text/plain", "application/octet-stream", "application/gzip"],
          "Log lines of Postfix, Exim or Sendmail, as written to the mail log (or a gzipped log)",
          false,
        ),
        schema: {
          summary: "Submit MTA log lines (Postfix, Exim, Sendmail) as text/plain",
          tags: ["ingest"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              // 1970 on, as the CLI's --year: a syslog date before the epoch is no event time.
              year: { type: "string", pattern: "^(19[7-9]\\d|20\\d\\d)$" },
              timeZone: { type: "string", enum: ["local", "utc"] },
            },
          },
          response: { 200: logsResultSchema, ...errorResponses(413, 415) },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
          throw new HttpError(
            400,
            "invalid_request",
            "send log lines as the request body with Content-Type: text/plain",
          );
        }
        // A gzip body (a rotated log, or `Content-Encoding: gzip`) is read as the CLI reads .gz files.
        let body: Buffer = req.body;
        if (body[0] === 0x1f && body[1] === 0x8b) {
          try {
            body = gunzipSync(body, { maxOutputLength: MAX_LOG_BYTES });
          } catch (e) {
            if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
              throw new HttpError(
                413,
                "too_large",
                `the log is over ${MAX_LOG_BYTES} bytes once decompressed`,
              );
            throw new HttpError(400, "invalid_request", "the body starts as gzip but does not decompress");
          }
        }
        // A UTF-8 byte order mark before the first line (a file saved by an editor) is no text of it.
        body = stripBomBytes(body);
        const year = req.query.year ? Number(req.query.year) : null;
        const timeZone = req.query.timeZone === "local" ? "local" : "utc";
        // One reader per caller (its API key) and reading options, kept from request to request: a
        // shipper that posts every few seconds splits a message's lines (qmgr's from=, cleanup's
        // message-id=) from its outcomes, which still get their sender and Message-ID.
        // The key as the authentication read it: "Bearer K" and "bearer K " are one caller.
        const caller = createHash("sha256")
          .update(bearerKey(req.headers.authorization) ?? "")
          .digest("base64url");
        const reader = readers.get(
          `${caller}|${year}|${timeZone}`,
          () => new LogReader({ ...(year !== null ? { year } : {}), timeZone }),
        );
        reader.state.newInput();
        const before = { lines: reader.stats.lines, bad: reader.stats.bad };
        // Read at once (no await between): requests of one caller do not interleave their lines.
        const read = [...reader.push(body), ...reader.end()];
        // An outcome dated more than a day ahead (a wrong `year`, a host's clock) is not stored: it
        // would keep the failures before it from counting toward a suppression.
        const now = Date.now();
        const events = read.filter((e) => storableTime(Date.parse(e.timestamp), now));
        const stored = await ctx.ingest(events.map(classifyEvent));
        return {
          ...stored,
          lines: reader.stats.lines - before.lines,
          bad: reader.stats.bad - before.bad,
          events: events.length,
          ahead: read.length - events.length,
        };
      },
    );
  };
}

/** Routes of other modules (webhooks, MTA logs), mounted by `diagnosa serve` and the tests. */
export function extraRoutes(
  secrets: WebhookSecrets = webhookSecretsFromEnv(),
): ((app: FastifyInstance, ctx: AppContext) => void | Promise<void>)[] {
  return [webhookRoutes(secrets), logRoutes(), webRoutes(), checksRoutes()];
}
