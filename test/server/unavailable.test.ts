// A database out of reach is "service unavailable, try again" (503), not an internal error (500):
// PostgreSQL behind a TCP proxy the test cuts (its connections reset, then refused), and SQLite
// locked by another connection past the store's busy timeout.
import assert from "node:assert/strict";
import { connect, createServer, type Server, type Socket } from "node:net";
import { test } from "node:test";
import Database from "better-sqlite3";
import { testDatabases } from "../support/databases.js";
import { startTestServer } from "../support/server.js";

const event = (recipient: string) =>
  JSON.stringify({ type: "bounce", recipient, response: "550 5.1.1 User unknown" });

async function postEvent(port: number, recipient: string): Promise<{ status: number; body: string }> {
  const r = await fetch(`http://127.0.0.1:${port}/v1/events`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: event(recipient),
  });
  return { status: r.status, body: await r.text() };
}

/** A TCP proxy to `port` that can be cut: its open connections reset, new ones refused. */
async function proxy(port: number): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    async cut() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const s of sockets) s.resetAndDestroy();
      await closed;
    },
  };
}

const pg = testDatabases().find((d) => d.name === "postgres");
test("postgres: with the database out of reach a write is a 503 unavailable, not a 500", {
  skip: pg ? false : "no PostgreSQL (DIAGNOSA_TEST_PG_URL)",
}, async () => {
  const url = new URL(await pg!.url());
  const p = await proxy(Number(url.port));
  url.host = `127.0.0.1:${p.port}`;
  const s = await startTestServer(url.href, { auth: false });
  try {
    assert.equal((await postEvent(s.httpPort, "first@example.com")).status, 200);
    await p.cut();
    // The pooled connection is reset (Connection terminated), then a new one is refused.
    for (const recipient of ["second@example.com", "third@example.com"]) {
      const r = await postEvent(s.httpPort, recipient);
      assert.equal(r.status, 503, r.body);
      assert.deepEqual(JSON.parse(r.body), {
        error: { code: "unavailable", message: "the database cannot be reached now; try again later" },
      });
    }
  } finally {
    await s.close().catch(() => {});
  }
});

test("sqlite: a database locked past the busy timeout is a 503 unavailable, then the write goes through", async () => {
  const file = await testDatabases()[0]!.url();
  const s = await startTestServer(file, { auth: false });
  const other = new Database(file);
  try {
    other.exec("BEGIN EXCLUSIVE");
    const r = await postEvent(s.httpPort, "locked@example.com");
    other.exec("ROLLBACK");
    assert.equal(r.status, 503, r.body);
    assert.equal(JSON.parse(r.body).error.code, "unavailable");
    assert.equal((await postEvent(s.httpPort, "locked@example.com")).status, 200);
  } finally {
    other.close();
    await s.close();
  }
});
