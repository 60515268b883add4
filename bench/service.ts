// npm run bench (part 3): the service on this machine: diagnoses per second through the batch
// endpoint, events ingested per second into SQLite and into PostgreSQL (over HTTP, committed before
// each answer), and the latency of the statistics query over 1 million stored events.
// Prints figures only. BENCH_EVENTS (default 1000000) sets the size of the statistics table.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusDir, loadResponses } from "../scripts/corpus.js";
import { type ClassifiedEvent, classifyEvent } from "../src/ingest/event.js";
import { startServer } from "../src/server/serve.js";
import { DEFAULT_POLICY } from "../src/store/store.js";

const dir = corpusDir();
if (!dir) {
  console.error("bench: ../shared/corpus not found");
  process.exit(2);
}
const replies = loadResponses(dir).map((c) => ({ response: c.response }));
const sqliteFile = () => join(mkdtempSync(join(tmpdir(), "diagnosa-bench-")), "bench.sqlite");

async function serve(url: string) {
  const s = await startServer({
    host: "127.0.0.1",
    port: 0,
    smtpPort: null,
    databaseUrl: url,
    auth: true,
    bounceDomains: [],
    maxEmailBytes: 1 << 20,
    policy: DEFAULT_POLICY,
    webhookSecrets: {},
  });
  const { key } = await s.store.createApiKey("bench");
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`http://127.0.0.1:${s.httpPort}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    return r.json();
  };
  const get = async (path: string) => {
    const r = await fetch(`http://127.0.0.1:${s.httpPort}${path}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  };
  return { s, post, get };
}

console.log("\ndiagnosa service benchmark (one process, loopback HTTP)");
{
  const { s, post } = await serve(sqliteFile());
  const items = Array.from({ length: 1000 }, (_, i) => replies[i % replies.length]!);
  for (let i = 0; i < 5; i++) await post("/v1/diagnose/batch", { items });
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 3000) {
    await post("/v1/diagnose/batch", { items });
    n += items.length;
  }
  console.log(
    `  diagnoses via /v1/diagnose/batch     ${Math.round(n / ((performance.now() - t0) / 1000))
      .toLocaleString("en-US")
      .padStart(9)} /s (batches of 1,000)`,
  );
  await s.close();
}

const eventsBody = (from: number, count: number) => ({
  events: Array.from({ length: count }, (_, i) => {
    const r = replies[(from + i) % replies.length]!;
    return {
      sourceId: `b${from + i}`,
      type: (from + i) % 3 === 0 ? "delivered" : "bounce",
      recipient: `user${from + i}@example${(from + i) % 50}.com`,
      timestamp: new Date(Date.UTC(2026, 0, 1) + (from + i) * 1000).toISOString(),
      response: r.response,
      sendingDomain: `news${(from + i) % 4}.example.org`,
      sendingIp: `192.0.2.${(from + i) % 8}`,
    };
  }),
});

async function ingest(name: string, url: string) {
  const { s, post } = await serve(url);
  let sent = 0;
  await post("/v1/events/batch", eventsBody(0, 1000));
  sent = 1000;
  const t0 = performance.now();
  while (performance.now() - t0 < 4000) {
    await post("/v1/events/batch", eventsBody(sent, 1000));
    sent += 1000;
  }
  console.log(
    `  events ingested into ${name.padEnd(14)} ${Math.round((sent - 1000) / ((performance.now() - t0) / 1000))
      .toLocaleString("en-US")
      .padStart(9)} /s (batches of 1,000, committed before each answer)`,
  );
  await s.close();
}

await ingest("SQLite", sqliteFile());
let pgUrl = process.env.DIAGNOSA_BENCH_PG_URL;
let pgDir: string | null = null;
if (!pgUrl) {
  const script = fileURLToPath(new URL("../../scripts/pg.sh", import.meta.url));
  const r = spawnSync("bash", [script], {
    encoding: "utf8",
    env: { ...process.env, DIAGNOSA_PG_PORT: "54339" },
  });
  if (r.status === 0) {
    const [d, u] = r.stdout.trim().split(" ");
    pgDir = d!;
    pgUrl = u!;
  } else console.log(`  (PostgreSQL not available: ${r.stderr.trim().split("\n").pop()})`);
}
if (pgUrl) {
  await ingest("PostgreSQL", pgUrl);
  if (pgDir)
    spawnSync("bash", [fileURLToPath(new URL("../../scripts/pg.sh", import.meta.url)), "stop", pgDir]);
}

{
  const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const { s, get } = await serve(sqliteFile());
  const t0 = performance.now();
  // Classified once per distinct reply, then stored in large transactions: the table is what matters here.
  const classified = replies.map((r) =>
    classifyEvent({
      source: "bench",
      type: "bounce",
      recipient: "x@example.com",
      timestamp: "2026-01-01T00:00:00Z",
      response: r.response,
    }),
  );
  for (let i = 0; i < total; i += 10_000) {
    const batch: ClassifiedEvent[] = [];
    for (let j = i; j < Math.min(total, i + 10_000); j++) {
      const c = classified[j % classified.length]!;
      const delivered = j % 4 === 0;
      batch.push({
        ...c,
        sourceId: `s${j}`,
        type: delivered ? "delivered" : c.type,
        diagnosis: delivered ? null : c.diagnosis,
        recipient: `user${j}@example${j % 500}.com`,
        recipientDomain: `example${j % 500}.com`,
        timestamp: new Date(Date.UTC(2025, 11, 1) + Math.floor((j / total) * 365 * 86400_000)).toISOString(),
        sendingDomain: `news${j % 8}.example.org`,
        sendingIp: `192.0.2.${j % 16}`,
      });
    }
    await s.store.insertEvents(batch);
  }
  console.log(
    `  (${total.toLocaleString("en-US")} events stored in SQLite in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  const time = async (path: string) => {
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await get(path);
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return ms[2]!;
  };
  const year = "from=2025-12-01T00:00:00Z&to=2026-12-01T00:00:00Z";
  console.log(
    `  stats, a year, by category/codes/provider: ${(await time(`/v1/stats?${year}`)).toFixed(0).padStart(5)} ms median of 5 (target under 500)`,
  );
  console.log(
    `  stats, a year, by day and category:        ${(await time(`/v1/stats?${year}&groupBy=bucket,category&bucket=day`)).toFixed(0).padStart(5)} ms`,
  );
  console.log(
    `  stats, one sending domain, a month:         ${(await time("/v1/stats?from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z&sendingDomain=news3.example.org")).toFixed(0).padStart(5)} ms`,
  );
  await s.close();
}
