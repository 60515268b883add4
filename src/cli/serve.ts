import type { Localized } from "../catalog/types.js";
import { domainNameProblem } from "../checks/targets.js";
import type { WebhookSecrets } from "../ingest/webhooks/index.js";
import { dnsServersFromEnv } from "../server/checks-routes.js";
import { SettingError, webhookSecretsFromEnv } from "../server/routes.js";
import { ListenError, type Running, startServer } from "../server/serve.js";
import { DEFAULT_POLICY, Store } from "../store/store.js";
import { checkDnsServers } from "./check.js";
import { note, say, UsageError, writeOut } from "./io.js";

export interface ServeFlags {
  port?: string;
  smtpPort?: string;
  host?: string;
  db?: string;
  bounceDomain?: string[];
  auth: boolean;
}

function port(name: string, value: string | undefined, fallback: number | null): number | null {
  if (value === undefined || value === "") return fallback;
  if (value === "off") return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError({
      en: `${name} must be a port number (0-65535) or off`,
      id: `${name} harus berupa nomor port (0-65535) atau off`,
    });
  return n;
}

/** The unit of a whole-number setting, in the words of its error. */
const UNITS = {
  bytes: { en: "bytes", id: "byte", example: 10485760 },
  milliseconds: { en: "milliseconds", id: "milidetik", example: 2000 },
} as const;

/** A whole number above 0 from the environment, in `unit` (suffixes are not read). */
function wholeNumber(
  name: string,
  value: string | undefined,
  fallback: number,
  unit: keyof typeof UNITS,
): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  const u = UNITS[unit];
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError({
      en: `${name} must be a whole number of ${u.en} above 0, e.g. ${u.example} (got "${value}")`,
      id: `${name} harus berupa bilangan bulat ${u.id} di atas 0, misalnya ${u.example} (nilainya "${value}")`,
    });
  return n;
}

/** The VERP signing secret: unset or empty for none; a secret shorter than 16 characters is refused. */
function verpSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (value.length < 16)
    throw new UsageError({
      en: "DIAGNOSA_VERP_SECRET must be at least 16 characters (a random string, e.g. openssl rand -hex 32)",
      id: "DIAGNOSA_VERP_SECRET harus paling sedikit 16 karakter (string acak, misalnya openssl rand -hex 32)",
    });
  return value;
}

/** The database: --db, then DATABASE_URL, then diagnosa.sqlite in the working directory. */
export function databaseUrl(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? "diagnosa.sqlite";
}

/**
 * Why the database at `url` could not be opened, when the cause is the user's to fix: a SQLite path
 * in a missing directory, a file that is no database or cannot be written, a PostgreSQL server that
 * does not answer, refuses the login or has no such database. `usage` when the value given is wrong
 * (exit 2), not when the server is out of reach (exit 1).
 */
export function storeOpenProblem(e: unknown, url: string): { texts: Localized; usage: boolean } | null {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === "string" ? err.code : "";
  const text = typeof err?.message === "string" ? err.message : "";
  const where = url.replace(/:\/\/([^:@/]+):[^@/]*@/, "://$1:***@");
  // The driver's own text (PostgreSQL's) is quoted as it is.
  const problem = (why: Localized, usage: boolean) => ({
    texts: {
      en: `cannot open the database ${where}: ${why.en}`,
      id: `tidak dapat membuka basis data ${where}: ${why.id}`,
    },
    usage,
  });
  if (/directory does not exist/i.test(text))
    return problem({ en: "its directory does not exist", id: "direktorinya tidak ada" }, true);
  if (code === "SQLITE_CANTOPEN")
    return problem(
      { en: "the file cannot be opened (permissions?)", id: "berkasnya tidak dapat dibuka (izin akses?)" },
      true,
    );
  if (code === "SQLITE_NOTADB")
    return problem(
      { en: "the file is not a SQLite database", id: "berkasnya bukan basis data SQLite" },
      true,
    );
  if (code === "SQLITE_READONLY" || code === "SQLITE_PERM")
    return problem({ en: "the file is read-only", id: "berkasnya hanya dapat dibaca (read-only)" }, true);
  if (code === "28P01" || code === "28000")
    return problem(
      { en: `the server refused the login (${text})`, id: `server menolak login (${text})` },
      true,
    );
  if (code === "3D000")
    return problem({ en: `no such database (${text})`, id: `basis data itu tidak ada (${text})` }, true);
  if (code === "ENOTFOUND")
    return problem(
      { en: "the server's host name does not resolve", id: "nama host server tidak ditemukan di DNS" },
      true,
    );
  if (code === "ECONNREFUSED" || code === "ETIMEDOUT" || code === "EHOSTUNREACH")
    return problem(
      { en: `the server does not answer (${code})`, id: `server tidak menjawab (${code})` },
      false,
    );
  return null;
}

/** Store.open, with the user's own problems (a bad path or URL) said plainly. */
async function openStore(url: string): Promise<Store> {
  try {
    return await Store.open(url);
  } catch (e) {
    const problem = storeOpenProblem(e, url);
    if (!problem) throw e;
    if (problem.usage) throw new UsageError(problem.texts);
    throw new StoreUnavailableError(problem.texts);
  }
}

/** The database is out of reach: exit 1 with a plain message (not an internal error). */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";

  constructor(readonly texts: Localized) {
    super(texts.en);
  }
}

/** `diagnosa serve`: the HTTP API and the SMTP endpoint; stops cleanly on SIGINT and SIGTERM. */
export async function serveCommand(flags: ServeFlags): Promise<number> {
  const env = process.env;
  const domains = flags.bounceDomain?.length
    ? flags.bounceDomain
    : (env.DIAGNOSA_BOUNCE_DOMAINS ?? "")
        .split(",")
        .map((d) => d.trim())
        .filter(Boolean);
  for (const d of domains) {
    // The checks' own test of a domain name (targets.ts), with its reason.
    const why = domainNameProblem(d);
    if (why)
      throw new UsageError({
        en: `the bounce domain ${JSON.stringify(d)} is not a domain name (such as bounce.example.com): ${why.en}`,
        id: `domain bounce ${JSON.stringify(d)} bukan nama domain (misalnya bounce.example.com): ${why.id}`,
      });
  }
  const auth = flags.auth && env.DIAGNOSA_AUTH !== "off";
  // The checks' resolvers: read when the routes are mounted, checked here to be a usage error.
  checkDnsServers("DIAGNOSA_DNS_SERVERS", dnsServersFromEnv(env));
  const signingSecret = verpSecret(env.DIAGNOSA_VERP_SECRET);
  let webhookSecrets: WebhookSecrets;
  try {
    webhookSecrets = webhookSecretsFromEnv(env);
  } catch (e) {
    if (!(e instanceof SettingError)) throw e;
    throw new UsageError(e.texts);
  }
  let running: Running;
  try {
    running = await startServer({
      webhookSecrets,
      host: flags.host ?? env.HOST ?? "127.0.0.1",
      port: port("--port", flags.port ?? env.PORT, 8025)!,
      smtpPort: port("--smtp-port", flags.smtpPort ?? env.SMTP_PORT, 2525),
      databaseUrl: databaseUrl(flags.db),
      auth,
      bounceDomains: domains,
      maxEmailBytes: wholeNumber(
        "DIAGNOSA_MAX_EMAIL_BYTES",
        env.DIAGNOSA_MAX_EMAIL_BYTES,
        10 * 1024 * 1024,
        "bytes",
      ),
      verpSecret: signingSecret,
      bounceTimeoutMs: wholeNumber(
        "DIAGNOSA_BOUNCE_TIMEOUT_MS",
        env.DIAGNOSA_BOUNCE_TIMEOUT_MS,
        2000,
        "milliseconds",
      ),
      policy: DEFAULT_POLICY,
    });
  } catch (e) {
    // A port taken or not permitted: startServer closed what it had opened; nothing serves.
    if (e instanceof ListenError) {
      // A host that is no name or address of this machine is a wrong --host: usage.
      if (e.code === "ENOTFOUND" || e.code === "EADDRNOTAVAIL") throw new UsageError(e.texts);
      note(e.texts);
      return 1;
    }
    const problem = storeOpenProblem(e, databaseUrl(flags.db));
    if (!problem) throw e;
    if (problem.usage) throw new UsageError(problem.texts);
    note(problem.texts);
    return 1;
  }
  const where = running.store.location;
  const url = `http://${flags.host ?? env.HOST ?? "127.0.0.1"}:${running.httpPort}`;
  const smtp = running.smtpPort;
  const list = domains.join(", ");
  const { dialect } = running.store;
  note({
    en:
      `HTTP on ${url} (API reference at /docs), ` +
      `${smtp !== null ? `SMTP on port ${smtp} for ${list || "no bounce domain yet (--bounce-domain)"}, ` : ""}` +
      `${dialect} at ${where}${auth ? "" : ", AUTHENTICATION OFF"}` +
      `${smtp !== null ? (signingSecret ? ", signed VERP addresses required" : ", VERP addresses not signed") : ""}`,
    id:
      `HTTP di ${url} (referensi API di /docs), ` +
      `${smtp !== null ? `SMTP di port ${smtp} untuk ${list || "belum ada domain bounce (--bounce-domain)"}, ` : ""}` +
      `${dialect} di ${where}${auth ? "" : ", AUTENTIKASI MATI"}` +
      `${smtp !== null ? (signingSecret ? ", alamat VERP wajib bertanda tangan" : ", alamat VERP tanpa tanda tangan") : ""}`,
  });
  if (auth && !(await running.store.hasApiKeys()))
    note({
      en: "no API key yet: create one with `diagnosa keys create NAME` (every route but /healthz needs one)",
      id: "belum ada kunci API: buat dengan `diagnosa keys create NAMA` (setiap rute kecuali /healthz memerlukannya)",
    });
  await new Promise<void>((resolve) => {
    const stop = () => {
      note({
        en: "stopping: finishing what is in flight",
        id: "berhenti: menyelesaikan yang sedang berjalan",
      });
      running.close().then(resolve, resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}

/** `diagnosa keys create NAME | list | revoke ID`. */
export async function keysCommand(args: string[], flags: { db?: string; json: boolean }): Promise<number> {
  const [action, arg] = args;
  // Each action takes its arguments exactly: an extra one is a mistake, a blank name no name.
  const arity: Record<string, number> = { create: 2, list: 1, revoke: 2 };
  if (
    !action ||
    !Object.hasOwn(arity, action) ||
    args.length > arity[action]! ||
    (arg !== undefined && !arg.trim())
  )
    throw new UsageError({
      en: "usage: diagnosa keys create NAME | keys list | keys revoke ID",
      id: "penggunaan: diagnosa keys create NAMA | keys list | keys revoke ID",
    });
  let store: Store;
  try {
    store = await openStore(databaseUrl(flags.db));
  } catch (e) {
    if (!(e instanceof StoreUnavailableError)) throw e;
    note(e.texts);
    return 1;
  }
  try {
    if (action === "create") {
      if (!arg)
        throw new UsageError({
          en: "usage: diagnosa keys create NAME",
          id: "penggunaan: diagnosa keys create NAMA",
        });
      const k = await store.createApiKey(arg);
      await writeOut(flags.json ? `${JSON.stringify(k)}\n` : `${k.key}\n`);
      if (!flags.json)
        note({
          en: `key ${k.id} created; the secret above is shown once, keep it`,
          id: `kunci ${k.id} dibuat; rahasia di atas hanya ditampilkan sekali, simpanlah`,
        });
    } else if (action === "list") {
      const keys = await store.listApiKeys();
      await writeOut(
        flags.json
          ? `${JSON.stringify(keys)}\n`
          : keys
              .map(
                (k) =>
                  `${k.id}\t${k.name}\t${k.createdAt}\t${say(k.revokedAt ? { en: `revoked ${k.revokedAt}`, id: `dicabut ${k.revokedAt}` } : { en: "active", id: "aktif" })}`,
              )
              .join("\n") + (keys.length ? "\n" : ""),
      );
    } else {
      if (!arg)
        throw new UsageError({
          en: "usage: diagnosa keys revoke ID",
          id: "penggunaan: diagnosa keys revoke ID",
        });
      if (!(await store.revokeApiKey(arg)))
        throw new UsageError({ en: `no active key ${arg}`, id: `tidak ada kunci aktif ${arg}` });
      note({ en: `key ${arg} revoked`, id: `kunci ${arg} dicabut` });
    }
  } finally {
    await store.close();
  }
  return 0;
}
