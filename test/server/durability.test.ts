// Killing the service with SIGKILL during a burst of writes loses no event that was answered 2xx:
// a real `diagnosa serve` process, real HTTP, then the database read back after the kill.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Store } from "../../src/store/store.js";
import { testDatabases } from "../support/databases.js";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

function startServe(db: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--smtp-port", "off", "--db", db], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, DATABASE_URL: "" },
  });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (c: Buffer) => {
      err += c.toString();
      const m = /HTTP on http:\/\/[^:]+:(\d+)/.exec(err);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once("exit", (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

for (const db of testDatabases()) {
  test(`${db.name}: SIGKILL during a burst loses no acknowledged event`, async () => {
    const url = await db.url();
    const made = spawnSync(process.execPath, [bin, "keys", "create", "burst", "--db", url, "--json"], {
      encoding: "utf8",
    });
    assert.equal(made.status, 0, made.stderr);
    const key = JSON.parse(made.stdout).key as string;
    const { child, port } = await startServe(url);
    const acked: string[] = [];
    let sent = 0;
    let killed = false;
    const total = 3000;
    const worker = async () => {
      while (sent < total && !killed) {
        const id = `burst-${sent++}`;
        try {
          const r = await fetch(`http://127.0.0.1:${port}/v1/events`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            body: JSON.stringify({
              sourceId: id,
              type: "bounce",
              recipient: `${id}@example.com`,
              response: "550 5.1.1 User unknown",
            }),
          });
          if (r.status === 200) acked.push(id);
          await r.arrayBuffer();
        } catch {
          // The connection dies with the process: that request was never acknowledged.
        }
        if (!killed && acked.length >= 400) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 24 }, worker));
    await new Promise((r) =>
      child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r),
    );
    assert.ok(killed, "the process was killed during the burst");
    assert.ok(acked.length >= 400);
    const store = await Store.open(url);
    try {
      const ids = new Set<string>();
      for (let before: number | undefined; ; ) {
        const page = await store.listEvents({ limit: 1000, ...(before ? { before } : {}) });
        for (const e of page.items) if (e.sourceId) ids.add(e.sourceId);
        if (!page.next) break;
        before = page.next;
      }
      const lost = acked.filter((id) => !ids.has(id));
      assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged events lost`);
    } finally {
      await store.close();
    }
  });
}

test("SIGTERM: in-flight requests finish, then the process exits cleanly", async () => {
  const url = await testDatabases()[0]!.url();
  const made = spawnSync(process.execPath, [bin, "keys", "create", "t", "--db", url, "--json"], {
    encoding: "utf8",
  });
  const key = JSON.parse(made.stdout).key as string;
  const { child, port } = await startServe(url);
  const events = Array.from({ length: 5000 }, (_, i) => ({
    sourceId: `t${i}`,
    type: "bounce",
    recipient: `t${i}@example.com`,
    response: "550 5.1.1 User unknown",
  }));
  const inflight = fetch(`http://127.0.0.1:${port}/v1/events/batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  await new Promise((r) => setTimeout(r, 150));
  child.kill("SIGTERM");
  const r = await inflight;
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { inserted: 5000, duplicates: 0 });
  const code = await new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve),
  );
  assert.equal(code, 0);
});
