// The databases every store and service test runs on: a real SQLite file always, and a real
// PostgreSQL server when DIAGNOSA_TEST_PG_URL is set (scripts/test.sh starts one).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import pg from "pg";
import type { Db } from "../../src/store/db.js";
import type { EventsTable } from "../../src/store/schema.js";

export interface TestDatabase {
  name: string;
  /** A fresh, empty database each call. */
  url(): Promise<string>;
}

let counter = 0;

/**
 * `cLocale`: one more PostgreSQL database, created with LC_CTYPE and LC_COLLATE "C", where the
 * server's lower() folds ASCII letters only (`Ü` stays), as on a cluster initialised in C/POSIX.
 */
export function testDatabases(options: { cLocale?: boolean } = {}): TestDatabase[] {
  const out: TestDatabase[] = [
    {
      name: "sqlite",
      url: async () => join(mkdtempSync(join(tmpdir(), "diagnosa-db-")), "diagnosa.sqlite"),
    },
  ];
  const base = process.env.DIAGNOSA_TEST_PG_URL;
  if (base) {
    out.push({ name: "postgres", url: () => createDatabase(base, "") });
    if (options.cLocale)
      out.push({
        name: "postgres (C locale)",
        url: () => createDatabase(base, " template template0 lc_collate 'C' lc_ctype 'C'"),
      });
  }
  return out;
}

/** A new database on the server of `base`, created with `options`; its URL. */
async function createDatabase(base: string, options: string): Promise<string> {
  const name = `diagnosa_test_${process.pid}_${counter++}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`create database ${name}${options}`);
  await client.end();
  return base.replace(/\/[^/]*$/, `/${name}`);
}

/** The events table of a database before migration 9 (no recipient_key), to write rows as it was. */
export function eventsBefore9(db: Db): Kysely<{ events: Omit<EventsTable, "recipient_key"> }> {
  return db.kysely as unknown as Kysely<{ events: Omit<EventsTable, "recipient_key"> }>;
}
