import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { SMTPServer } from "smtp-server";
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

/** Starts the HTTP API and the SMTP endpoint in one process over one store. */
export async function startServer(cfg: ServeConfig): Promise<Running> {
  const store = await Store.open(cfg.databaseUrl, cfg.policy ?? DEFAULT_POLICY);
  let ctx: AppContext | undefined;
  const http = await buildApp({
    store,
    auth: cfg.auth,
    maxEmailBytes: cfg.maxEmailBytes,
    plugins: [
      (_app, c) => {
        ctx = c;
      },
      ...extraRoutes(cfg.webhookSecrets),
    ],
  });
  await http.listen({ host: cfg.host, port: cfg.port });
  const httpPort = (http.server.address() as AddressInfo).port;
  let smtp: SMTPServer | null = null;
  let smtpPort: number | null = null;
  if (cfg.smtpPort !== null) {
    smtp = createSmtpServer(ctx!, { domains: cfg.bounceDomains, maxBytes: cfg.maxEmailBytes });
    await new Promise<void>((resolve, reject) => {
      smtp!.once("error", reject);
      smtp!.listen(cfg.smtpPort!, cfg.host, () => resolve());
    });
    smtpPort = (smtp.server.address() as AddressInfo).port;
  }
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
