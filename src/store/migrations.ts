import { type Kysely, type RawBuilder, sql } from "kysely";
import { normalizeAddress } from "../ingest/event.js";
import { type Database, ROLLUP_KEY, SLICES } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<Database>, dialect: Dialect): Promise<void>;
}

/** Versioned migrations, applied in order, each once, each in its own transaction. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "events, suppressions, api keys",
    async up(db, dialect) {
      const id = dialect === "postgres" ? "bigserial" : "integer";
      const big = dialect === "postgres" ? "bigint" : "integer";
      await db.schema
        .createTable("events")
        .addColumn("id", id, (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("source_id", "text")
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("recipient", "text", (c) => c.notNull())
        .addColumn("recipient_domain", "text", (c) => c.notNull())
        .addColumn("provider", "text")
        .addColumn("sender", "text")
        .addColumn("sending_domain", "text")
        .addColumn("sending_ip", "text")
        .addColumn("tag", "text")
        .addColumn("message_id", "text")
        .addColumn("category", "text")
        .addColumn("reason", "text")
        .addColumn("error_code", "integer")
        .addColumn("status_code", "text")
        .addColumn("permanence", "text")
        .addColumn("response", "text")
        .addColumn("diagnosis", "text")
        .addColumn("occurred_at", big, (c) => c.notNull())
        .addColumn("received_at", big, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("events_occurred").on("events").columns(["occurred_at"]).execute();
      await db.schema
        .createIndex("events_recipient")
        .on("events")
        .columns(["recipient", "occurred_at"])
        .execute();
      // The statistics group these columns over a time range: one covering index serves them.
      await db.schema
        .createIndex("events_stats")
        .on("events")
        .columns([
          "occurred_at",
          "type",
          "category",
          "error_code",
          "status_code",
          "provider",
          "sending_domain",
          "sending_ip",
        ])
        .execute();
      await db.schema
        .createTable("suppressions")
        .addColumn("address", "text", (c) => c.primaryKey())
        .addColumn("category", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("event_id", big)
        .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", big, (c) => c.notNull())
        .addColumn("updated_at", big, (c) => c.notNull())
        .addColumn("expires_at", big)
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createTable("api_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("hash", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", big, (c) => c.notNull())
        .addColumn("revoked_at", big)
        .execute();
    },
  },
  {
    version: 2,
    name: "daily rollups for the statistics",
    async up(db, dialect) {
      const big = dialect === "postgres" ? "bigint" : "integer";
      await db.schema
        .createTable("event_rollups")
        .addColumn("day", big, (c) => c.notNull())
        .addColumn("slice", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("permanence", "text", (c) => c.notNull())
        .addColumn("category", "text", (c) => c.notNull())
        .addColumn("error_code", "integer", (c) => c.notNull())
        .addColumn("status_code", "text", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("count", big, (c) => c.notNull())
        .addPrimaryKeyConstraint("event_rollups_key", [...ROLLUP_KEY])
        .execute();
      // Events stored before this version are counted once, here.
      for (const [slice, column] of [
        ["all", "''"],
        ["domain", "sending_domain"],
        ["ip", "sending_ip"],
        ["tag", "tag"],
      ] as const) {
        const where = slice === "all" ? sql`` : sql`where ${sql.ref(column)} is not null`;
        await sql`insert into event_rollups (day, slice, value, type, permanence, category, error_code, status_code, provider, count)
          select (occurred_at / 86400000) * 86400000, ${slice}, ${sql.raw(column)}, type, coalesce(permanence, ''), coalesce(category, ''),
                 coalesce(error_code, 0), coalesce(status_code, ''), coalesce(provider, ''), count(*)
          from events ${where}
          group by 1, 3, 4, 5, 6, 7, 8, 9`.execute(db);
      }
    },
  },
  {
    version: 3,
    name: "indexes for statistics that combine sending domain, IP and tag",
    async up(db) {
      // Questions the rollups cannot answer (two or more of these filters) read the events of one
      // domain, IP or tag instead of a whole time range.
      for (const column of ["sending_domain", "sending_ip", "tag"] as const) {
        await db.schema
          .createIndex(`events_${column}`)
          .on("events")
          .columns([column, "occurred_at"])
          .execute();
      }
    },
  },
  {
    version: 4,
    name: "rollups for every combination of sending domain, IP and tag",
    async up(db, dialect) {
      // The single-dimension slices exist since version 2; the combinations are counted here once.
      const sep = dialect === "postgres" ? sql`chr(1)` : sql`char(1)`;
      for (const dims of SLICES.filter((d) => d.length > 1)) {
        const name = dims.map(([n]) => n).join("+");
        const value = sql.join(
          dims.map(([, column]) => sql.ref(column)),
          sql` || ${sep} || `,
        );
        const where = sql.join(
          dims.map(([, column]) => sql`${sql.ref(column)} is not null`),
          sql` and `,
        );
        await sql`insert into event_rollups (day, slice, value, type, permanence, category, error_code, status_code, provider, count)
          select (occurred_at / 86400000) * 86400000, ${name}, ${value}, type, coalesce(permanence, ''), coalesce(category, ''),
                 coalesce(error_code, 0), coalesce(status_code, ''), coalesce(provider, ''), count(*)
          from events where ${where}
          group by 1, 3, 4, 5, 6, 7, 8, 9`.execute(db);
      }
    },
  },
  {
    version: 5,
    name: "recipients compared in any case; manual suppressions marked",
    async up(db, dialect) {
      // Recipients stay as they were written and are compared lower-cased (the policy's failure
      // count, the events filter): the index is on that expression, so old rows need no rewrite.
      await db.schema.dropIndex("events_recipient").execute();
      await sql`create index events_recipient_lower on events (lower(recipient), occurred_at)`.execute(db);
      // When an entry was added or confirmed through the API (null: only ever automatic).
      await db.schema
        .alterTable("suppressions")
        .addColumn("manual_at", dialect === "postgres" ? "bigint" : "integer")
        .execute();
      await sql`update suppressions set manual_at = updated_at where category = 'manual'`.execute(db);
    },
  },
  {
    version: 6,
    name: "recipients lower-cased beyond ASCII on SQLite",
    async up(db, dialect) {
      // lower() is diagnosa's own on SQLite now (src/store/db.ts): the index is rebuilt with it.
      if (dialect === "sqlite") await sql`reindex events_recipient_lower`.execute(db);
    },
  },
  {
    version: 7,
    name: "webhook tokens used once, shared by every serve process",
    async up(db, dialect) {
      await db.schema
        .createTable("once_tokens")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("expires_at", dialect === "postgres" ? "bigint" : "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("once_tokens_expires").on("once_tokens").column("expires_at").execute();
    },
  },
  {
    version: 8,
    name: "suppression addresses in NFC, their punycode domains in Unicode",
    async up(db, dialect) {
      // Only addresses beyond printable ASCII or with a punycode label can change (normalizeAddress).
      const { rows } = await sql<{
        address: string;
      }>`select address from suppressions where ${beyondAscii("address", dialect)}`.execute(db);
      const now = Date.now();
      // Of two entries for one address, the one that suppresses more stays: one in force over an
      // expired one, manual over automatic, permanent over expiring, the later expiry.
      const strength = (e: { manual_at: number | null; expires_at: number | null }): number[] => [
        e.expires_at === null || Number(e.expires_at) > now ? 1 : 0,
        e.manual_at === null ? 0 : 1,
        e.expires_at === null ? 1 : 0,
        e.expires_at === null ? 0 : Number(e.expires_at),
      ];
      const stronger = (a: number[], b: number[]) => {
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
        return false;
      };
      const entry = (address: string) =>
        db.selectFrom("suppressions").selectAll().where("address", "=", address).executeTakeFirst();
      for (const { address } of rows) {
        const key = normalizeAddress(address);
        if (key === address) continue;
        const [old, taken] = [await entry(address), await entry(key)];
        if (!old) continue;
        if (taken && !stronger(strength(old), strength(taken))) {
          await db.deleteFrom("suppressions").where("address", "=", address).execute();
          continue;
        }
        if (taken) await db.deleteFrom("suppressions").where("address", "=", key).execute();
        await db.updateTable("suppressions").set({ address: key }).where("address", "=", address).execute();
      }
    },
  },
  {
    version: 9,
    name: "events keyed by their recipient's address as suppressions keep it",
    async up(db, dialect) {
      // lower(recipient) made `anna@xn--mller-kva.de`, `Anna@Müller.de` and its decomposed form
      // three recipients (SQL knows neither punycode nor NFC, and PostgreSQL in the C locale folds
      // ASCII letters only). The key is normalizeAddress(recipient), written with every event.
      await db.schema.dropIndex("events_recipient_lower").execute();
      await db.schema.alterTable("events").addColumn("recipient_key", "text").execute();
      // Printable ASCII without a punycode label: trimmed and lower-cased is the key, in one
      // statement (under the C collation PostgreSQL's lower() folds A-Z only, whatever the locale).
      const folded =
        dialect === "postgres" ? sql`lower(trim(recipient) collate "C")` : sql`lower(trim(recipient))`;
      await sql`update events set recipient_key = ${folded} where not ${beyondAscii("recipient", dialect)}`.execute(
        db,
      );
      await fillRecipientKeys(db, dialect);
      // SQLite cannot add the constraint to an existing column; on PostgreSQL a process of an older
      // version that writes an event without the key fails instead of storing one nothing finds.
      if (dialect === "postgres")
        await sql`alter table events alter column recipient_key set not null`.execute(db);
      await db.schema
        .createIndex("events_recipient_key")
        .on("events")
        .columns(["recipient_key", "occurred_at"])
        .execute();
    },
  },
  {
    version: 10,
    name: "events without a recipient key refused on SQLite too",
    async up(db, dialect) {
      // PostgreSQL refuses them since migration 9 (NOT NULL). SQLite cannot add that constraint to a
      // column: a process of an older version still running stored events without the key, which
      // the policy and the filters never found. Those are keyed now, and a trigger refuses more, as
      // PostgreSQL does, so the older process fails (and its sender retries) instead.
      if (dialect !== "sqlite") return;
      await fillRecipientKeys(db, dialect);
      await sql`create trigger events_recipient_key_required before insert on events
        when new.recipient_key is null
        begin select raise(abort, 'events.recipient_key is required: this process is older than the database, restart it'); end`.execute(
        db,
      );
    },
  },
];

/**
 * Fills the recipient_key of the events that have none, in JavaScript (normalizeAddress), a batch of
 * 1,000 at a time in the order of the primary key, each batch in one statement (one per distinct
 * address made 200,000 statements of 400,000 Unicode addresses: 53 s on PostgreSQL).
 */
async function fillRecipientKeys(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  for (let last = 0; ; ) {
    const batch = await db
      .selectFrom("events")
      .select(["id", "recipient"])
      .where("recipient_key", "is", null)
      .where("id", ">", last)
      .orderBy("id")
      .limit(1000)
      .execute();
    if (!batch.length) break;
    const rows = batch.map(({ id, recipient }) =>
      dialect === "postgres"
        ? sql`(${Number(id)}::bigint, ${normalizeAddress(recipient)}::text)`
        : sql`(${Number(id)}, ${normalizeAddress(recipient)})`,
    );
    if (dialect === "postgres")
      await sql`update events set recipient_key = v.key from (values ${sql.join(rows)}) as v(id, key) where events.id = v.id`.execute(
        db,
      );
    else
      await sql`update events set recipient_key = v.column2 from (values ${sql.join(rows)}) as v where events.id = v.column1`.execute(
        db,
      );
    last = Number(batch[batch.length - 1]!.id);
  }
}

/**
 * SQL: whether an address in `column` may be changed by normalizeAddress otherwise than by trimming
 * spaces and lower-casing ASCII letters: it holds a character beyond printable ASCII (a space to
 * `~`) or a punycode label (`xn--`, in any case).
 */
function beyondAscii(column: string, dialect: Dialect): RawBuilder<boolean> {
  const c = sql.ref(column);
  return dialect === "postgres"
    ? sql<boolean>`(${c} ~ '[^ -~]' or ${c} ilike '%xn--%')`
    : sql<boolean>`(${c} glob '*[^ -~]*' or ${c} like '%xn--%')`;
}

/**
 * Runs `fn` in a transaction that holds the migration lock: PostgreSQL's advisory lock (several
 * `serve` processes may start at once), or SQLite's write lock taken at BEGIN (IMMEDIATE): a
 * deferred transaction that reads and then writes while another process migrates fails at once
 * ("database is locked") instead of waiting its turn.
 */
async function underMigrationLock<T>(
  db: Kysely<Database>,
  dialect: Dialect,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialect === "postgres")
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(7261001)`.execute(trx);
      return fn(trx);
    });
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (e) {
      // The failure itself is what to report. SQLite rolls a transaction back by itself on some
      // errors (a full disk, an I/O error, an interrupt), and ROLLBACK then fails with "no
      // transaction is active", which would hide it.
      await sql`rollback`.execute(conn).catch((rollbackError: unknown) => {
        if (!/no transaction is active/i.test(String(rollbackError))) throw rollbackError;
      });
      throw e;
    }
  });
}

/**
 * Whether a SQLite database lacks any of `migrations`: read without a lock (in WAL mode a reader
 * waits for no writer), so that opening an up-to-date database never waits behind another
 * process's long write.
 */
async function sqliteLacksAny(db: Kysely<Database>, migrations: readonly Migration[]): Promise<boolean> {
  const table =
    await sql`select name from sqlite_master where type = 'table' and name = 'diagnosa_migrations'`.execute(
      db,
    );
  if (table.rows.length === 0) return true;
  const rows = await db.selectFrom("diagnosa_migrations").select("version").execute();
  const applied = new Set(rows.map((r) => r.version));
  return migrations.some((m) => !applied.has(m.version));
}

/** Applies what is missing, each migration under the migration lock. */
export async function migrate(
  db: Kysely<Database>,
  dialect: Dialect,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  if (dialect === "sqlite" && !(await sqliteLacksAny(db, migrations))) return 0;
  // Under the lock too: two PostgreSQL sessions creating the table "if not exists" at once can both
  // try, and the second fails on the catalog's unique index.
  await underMigrationLock(db, dialect, async (trx) => {
    await trx.schema
      .createTable("diagnosa_migrations")
      .ifNotExists()
      .addColumn("version", "integer", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("applied_at", dialect === "postgres" ? "bigint" : "integer", (c) => c.notNull())
      .execute();
  });
  let applied = 0;
  for (const m of migrations) {
    const done = await underMigrationLock(db, dialect, async (trx) => {
      const row = await trx
        .selectFrom("diagnosa_migrations")
        .select("version")
        .where("version", "=", m.version)
        .executeTakeFirst();
      if (row) return false;
      await m.up(trx, dialect);
      await trx
        .insertInto("diagnosa_migrations")
        .values({ version: m.version, name: m.name, applied_at: Date.now() })
        .execute();
      return true;
    });
    if (done) applied++;
  }
  return applied;
}
