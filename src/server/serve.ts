import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { SMTPServer } from "smtp-server";
import type { Localized } from "../catalog/types.js";
import type { WebhookSecrets } from "../ingest/webhooks/index.js";
import { DEFAULT_POLICY, Store, type SuppressionPolicy } from "../store/store.js";
import { type AppContext, buildApp } from "./app.js";
import { extraRoutes } from "./routes.js";
import { createSmtpServer } from "./smtp.js";

export interface ServeConfig {
  host: string;
  port: number;
  smtpPort: number | null;
  databaseUrl: string;
  auth: boolean;
  bounceDomains: string[];
  maxEmailBytes: number;
  /** Time budget of one bounce email's decoding, in ms (SMTP and HTTP); parseBounce's default when absent. */
  bounceTimeoutMs?: number;
  /** Secret of signed VERP addresses: when set, the SMTP endpoint takes bounces only to them. */
  verpSecret?: string | undefined;
  policy: SuppressionPolicy;
  /** Webhook verification secrets; from the environment when not given. */
  webhookSecrets?: WebhookSecrets;
}

export interface Running {
  http: FastifyInstance;
  smtp: SMTPServer | null;
  store: Store;
  httpPort: number;
  smtpPort: number | null;
  close(): Promise<void>;
}

/**
 * A port the service could not listen on (taken, not permitted): startServer has closed what it
 * had opened, and the message says which port and why.
 */
export class ListenError extends Error {
  /** The system's error code (`EADDRINUSE`, `EACCES`, …). */
  readonly code: string | undefined;
  /** The message in every language (`message` is the English one), for the CLI. */
  readonly texts: Localized;

  constructor(
    readonly what: "HTTP" | "SMTP",
    readonly host: string,
    readonly port: number,
    cause: Error & { code?: string },
  ) {
    const why: Localized =
      cause.code === "EADDRINUSE"
        ? { en: "the port is in use by another process", id: "port sedang dipakai proses lain" }
        : cause.code === "EACCES"
          ? {
              en: "permission denied (ports below 1024 need privileges)",
              id: "izin ditolak (port di bawah 1024 memerlukan hak akses khusus)",
            }
          : { en: cause.message, id: cause.message };
    super(`cannot listen for ${what} on ${host}:${port}: ${why.en}`, { cause });
    this.name = "ListenError";
    this.code = cause.code;
    this.texts = {
      en: this.message,
      id: `tidak dapat menerima koneksi ${what} di ${host}:${port}: ${why.id}`,
    };
  }
}

/**
 * Starts the HTTP API and the SMTP endpoint in one process over one store. When either cannot
 * start, what had started (the HTTP server, the store) is closed before the error is thrown: a
 * service without its SMTP endpoint would answer /readyz and lose every bounce sent to it.
 */
export async function startServer(cfg: ServeConfig): Promise<Running> {
  const store = await Store.open(cfg.databaseUrl, cfg.policy ?? DEFAULT_POLICY);
  let http: FastifyInstance | undefined;
  let smtp: SMTPServer | null = null;
  try {
    let ctx: AppContext | undefined;
    http = await buildApp({
      store,
      auth: cfg.auth,
      maxEmailBytes: cfg.maxEmailBytes,
      bounceTimeoutMs: cfg.bounceTimeoutMs,
      plugins: [
        (_app, c) => {
          ctx = c;
        },
        ...extraRoutes(cfg.webhookSecrets),
      ],
    });
    await http
      .listen({ host: cfg.host, port: cfg.port })
      .catch((e: Error) => Promise.reject(new ListenError("HTTP", cfg.host, cfg.port, e)));
    const httpPort = (http.server.address() as AddressInfo).port;
    let smtpPort: number | null = null;
    if (cfg.smtpPort !== null) {
      const server = createSmtpServer(ctx!, {
        domains: cfg.bounceDomains,
        maxBytes: cfg.maxEmailBytes,
        timeoutMs: cfg.bounceTimeoutMs,
        verpSecret: cfg.verpSecret,
      });
      smtp = server;
      await new Promise<void>((resolve, reject) => {
        server.once("error", (e: Error) => reject(new ListenError("SMTP", cfg.host, cfg.smtpPort!, e)));
        server.listen(cfg.smtpPort!, cfg.host, () => resolve());
      });
      smtpPort = (server.server.address() as AddressInfo).port;
    }
    return running(store, http, smtp, httpPort, smtpPort);
  } catch (e) {
    await Promise.allSettled([
      http?.close(),
      smtp?.server.listening ? new Promise<void>((resolve) => smtp!.close(() => resolve())) : undefined,
    ]);
    await store.close().catch(() => {});
    throw e;
  }
}

function running(
  store: Store,
  http: FastifyInstance,
  smtp: SMTPServer | null,
  httpPort: number,
  smtpPort: number | null,
): Running {
  let closing: Promise<void> | null = null;
  return {
    http,
    smtp,
    store,
    httpPort,
    smtpPort,
    close() {
      // Finish what is in flight: stop accepting, let open requests and SMTP sessions end, then the store.
      closing ??= (async () => {
        await Promise.all([
          http.close(),
          smtp ? new Promise<void>((resolve) => smtp!.close(() => resolve())) : Promise.resolve(),
        ]);
        await store.close();
      })();
      return closing;
    },
  };
}
