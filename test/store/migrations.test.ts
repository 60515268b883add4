// Several `serve` processes may start at once on one PostgreSQL database: each migration is applied
// once, under an advisory lock, and none of them fails (the migrations table itself included).
import assert from "node:assert/strict";
import { test } from "node:test";
import pg from "pg";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { Store } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const postgres = testDatabases().find((d) => d.name === "postgres");

test("postgres: five stores opening a fresh database at once all get the schema, migrated once", {
  skip: postgres ? false : "DIAGNOSA_TEST_PG_URL is not set",
}, async () => {
  const url = await postgres!.url();
  const stores = await Promise.all(Array.from({ length: 5 }, () => Store.open(url)));
  try {
    for (const s of stores) await s.ping();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query("select version from diagnosa_migrations order by version");
      assert.deepEqual(
        rows.map((r: { version: number }) => r.version),
        MIGRATIONS.map((m) => m.version),
      );
    } finally {
      await client.end();
    }
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});
