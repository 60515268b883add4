// The databases every store and service test runs on: a real SQLite file always, and a real
// PostgreSQL server when DIAGNOSA_TEST_PG_URL is set (scripts/test.sh starts one).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface TestDatabase {
  name: string;
  /** A fresh, empty database each call. */
  url(): Promise<string>;
}

let counter = 0;

export function testDatabases(): TestDatabase[] {
  const out: TestDatabase[] = [
    {
      name: "sqlite",
      url: async () => join(mkdtempSync(join(tmpdir(), "diagnosa-db-")), "diagnosa.sqlite"),
    },
  ];
  const base = process.env.DIAGNOSA_TEST_PG_URL;
  if (base) {
    out.push({
      name: "postgres",
      url: async () => {
        const name = `diagnosa_test_${process.pid}_${counter++}`;
        const client = new pg.Client({ connectionString: base });
        await client.connect();
        await client.query(`create database ${name}`);
        await client.end();
        return base.replace(/\/[^/]*$/, `/${name}`);
      },
    });
  }
  return out;
}
