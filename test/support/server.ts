// The service as the tests start it: loopback, a free port, no SMTP unless asked, keys required.
import { type Running, type ServeConfig, startServer } from "../../src/server/serve.js";
import { DEFAULT_POLICY } from "../../src/store/store.js";

export function startTestServer(databaseUrl: string, options: Partial<ServeConfig> = {}): Promise<Running> {
  return startServer({
    host: "127.0.0.1",
    port: 0,
    smtpPort: null,
    databaseUrl,
    auth: true,
    bounceDomains: ["bounce.example.net"],
    maxEmailBytes: 256 * 1024,
    policy: DEFAULT_POLICY,
    ...options,
  });
}
