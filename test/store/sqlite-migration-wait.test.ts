// A SQLite database that another process holds (its migrations, a long import) longer than a
// statement's 5-second wait: opening it waits its turn and migrates, rather than failing with
// "database is locked"; an up-to-date database opens at once, whatever the other process does.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { openDb } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations.js";

/**
 * Another process takes the database's write lock (as its own migration would), writes a row of
 * version 999 and keeps the lock `ms` milliseconds. Resolves once the lock is held.
 */
async function holdWriteLock(file: string, ms: number): Promise<{ exited: Promise<number | null> }> {
  const holder = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import D from "better-sqlite3";
       import { writeSync } from "node:fs";
       const db = new D(${JSON.stringify(file)});
       db.exec("begin immediate");
       db.prepare("insert into diagnosa_migrations (version, name, applied_at) values (999, 'held', 0)").run();
       writeSync(1, "locked\\n");
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
       db.exec("commit");`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<number | null>((resolve) => holder.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    holder.on("exit", () => reject(new Error("the holder ended before it took the lock")));
  });
  return { exited };
}

/** Runs `fn` with the path of a database file in a new folder, removed afterwards. */
async function withDbFile(fn: (file: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-wait-"));
  try {
    await fn(join(dir, "d.sqlite"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens (and migrates) `file` while another process holds its write lock `holdMs`: how long it took. */
async function openWhileHeld(file: string, holdMs: number): Promise<number> {
  const { exited } = await holdWriteLock(file, holdMs);
  const started = Date.now();
  await (await openDb(file)).close();
  const took = Date.now() - started;
  assert.equal(await exited, 0);
  return took;
}

function versions(file: string): unknown[] {
  const check = new BetterSqlite3(file, { readonly: true });
  try {
    return check.prepare("select version from diagnosa_migrations order by version").pluck().all();
  } finally {
    check.close();
  }
}

test("sqlite: opening a database whose write lock another process holds for 6.5 s waits, then migrates", () =>
  withDbFile(async (file) => {
    // A database as the version before left it: the last migration is still to apply.
    await (await openDb(file, MIGRATIONS.slice(0, -1))).close();
    const waited = await openWhileHeld(file, 6500);
    assert.ok(waited >= 5000, `opened after ${waited} ms: it did not wait for the lock`);
    // Every migration applied once, and the other process's write kept.
    assert.deepEqual(versions(file), [...MIGRATIONS.map((m) => m.version), 999]);
  }));

test("sqlite: an up-to-date database opens at once while another process holds its write lock", () =>
  withDbFile(async (file) => {
    await (await openDb(file)).close();
    const took = await openWhileHeld(file, 4000);
    assert.ok(took < 2000, `opened after ${took} ms: it waited for a lock it does not need`);
  }));

test("a migration that fails after SQLite rolled its transaction back reports its own error", async () => {
  await withDbFile(async (file) => {
    const failing = {
      version: 998,
      name: "fails after a rollback",
      up: async (db: Parameters<(typeof MIGRATIONS)[number]["up"]>[0]) => {
        // As SQLite does by itself on a full disk or an I/O error.
        await sql`rollback`.execute(db);
        throw new Error("the migration's own failure");
      },
    };
    await assert.rejects(openDb(file, [...MIGRATIONS, failing]), /the migration's own failure/);
    // Nothing half-written: the database opens and migrates as usual afterwards.
    const db = await openDb(file);
    await db.close();
    const raw = new BetterSqlite3(file);
    const versions = raw.prepare("select version from diagnosa_migrations order by version").all() as {
      version: number;
    }[];
    raw.close();
    assert.deepEqual(
      versions.map((v) => v.version),
      MIGRATIONS.map((m) => m.version),
    );
  });
});
