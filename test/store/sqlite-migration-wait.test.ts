// A SQLite database that another process holds (its migrations, a long import) longer than a
// statement's 5-second wait: opening it waits its turn and migrates, rather than failing with
// "database is locked".
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { openDb } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations.js";

const HOLD_MS = 6500;

test("sqlite: opening a database whose write lock another process holds for 6.5 s waits, then migrates", async () => {
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-wait-"));
  const file = join(dir, "d.sqlite");
  try {
    // A database as the version before left it: the last migration is still to apply.
    await (await openDb(file, MIGRATIONS.slice(0, -1))).close();
    // Another process takes the write lock (as its own migration would) and keeps it.
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import D from "better-sqlite3";
         const db = new D(${JSON.stringify(file)});
         db.exec("begin immediate");
         db.prepare("insert into diagnosa_migrations (version, name, applied_at) values (999, 'held', 0)").run();
         process.stdout.write("locked\\n");
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${HOLD_MS});
         db.exec("commit");`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise<number | null>((resolve) => holder.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
      holder.on("exit", () => reject(new Error("the holder ended before it took the lock")));
    });
    const started = Date.now();
    const db = await openDb(file);
    const waited = Date.now() - started;
    await db.close();
    assert.equal(await exited, 0);
    assert.ok(waited >= HOLD_MS - 1500, `opened after ${waited} ms: it did not wait for the lock`);
    const check = new BetterSqlite3(file, { readonly: true });
    const versions = check.prepare("select version from diagnosa_migrations order by version").pluck().all();
    check.close();
    // Every migration applied once, and the other process's write kept.
    assert.deepEqual(versions, [...MIGRATIONS.map((m) => m.version), 999]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
