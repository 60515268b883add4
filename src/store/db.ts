import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { type Dialect, MIGRATIONS, migrate } from "./migrations.js";
import type { Database } from "./schema.js";

/** How long a SQLite statement waits for another process's write lock. */
const SQLITE_BUSY_WAIT_MS = 5000;
/** …and how long opening a database waits for another process's migrations. */
const SQLITE_MIGRATION_WAIT_MS = 10 * 60_000;

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where it lives, with any password removed (for logs and /readyz). */
  location: string;
  close(): Promise<void>;
}

/**
 * Opens the store: a SQLite file (WAL, created and migrated on open) by default, or PostgreSQL when
 * `url` starts with postgres:// (several `serve` processes may share it). `migrations` is for tests
 * that need a database as an older version left it.
 */
export async function openDb(url: string, migrations = MIGRATIONS): Promise<Db> {
  let db: Db;
  if (/^postgres(?:ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      // bigint columns hold epoch milliseconds and counts: numbers, not strings.
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === 20
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client whose connection the server ends (a restart, a failover, an administrator's
    // kill) makes the pool emit "error": unhandled, that would end the process. The pool drops the
    // client; the next query opens a new connection.
    pool.on("error", (e) => {
      process.stderr.write(
        `diagnosa: PostgreSQL closed an idle connection (${e.message}); reconnecting on next use\n`,
      );
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    db = {
      kysely,
      dialect: "postgres",
      location: url.replace(/:\/\/([^:@/]+):[^@/]*@/, "://$1:***@"),
      close: () => kysely.destroy(),
    };
  } else {
    const file = url.replace(/^sqlite:(?:\/\/)?/, "");
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: a committed transaction survives a crash of the process (the case that
    // matters here: kill -9); only a power failure may lose the last ones.
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`);
    // Statistics scan and group many rows: a larger page cache, sorts in memory, reads through mmap.
    sqlite.pragma("cache_size = -65536");
    sqlite.pragma("temp_store = MEMORY");
    sqlite.pragma("mmap_size = 268435456");
    // SQLite's own lower() folds ASCII only ("Ü" stays); this one folds as JavaScript does.
    // Recipients are compared by events.recipient_key since migration 9; this lower() stays
    // because the index on lower(recipient) that migrations 5 and 6 build (9 drops it) was built
    // with it in every database of before.
    sqlite.function("lower", { deterministic: true }, (s: unknown) =>
      typeof s === "string" ? s.toLowerCase() : s,
    );
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    db = { kysely, dialect: "sqlite", location: file, close: () => kysely.destroy() };
    // Another process may be migrating a large database (minutes): wait for it, not 5 seconds.
    sqlite.pragma(`busy_timeout = ${SQLITE_MIGRATION_WAIT_MS}`);
    try {
      await migrate(db.kysely, db.dialect, migrations);
    } catch (e) {
      await db.close();
      throw e;
    }
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`);
    return db;
  }
  await migrate(db.kysely, db.dialect, migrations);
  return db;
}
