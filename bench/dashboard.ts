// The dashboard over 1 million stored events (SQLite), in headless Chromium: the time to the first
// useful paint (summary figures and the classification table shown) and to each filter change.
// Prints figures only (target: under 1 s each). The browser runs in UTC (the daily rollups answer
// the day and week charts), then once in Jakarta (UTC+07:00: the charts' local days and weeks are
// counted from the events). BENCH_EVENTS sets the number of events (default 1,000,000); BENCH_DB
// reuses a database file filled by an earlier run.
//   npm run -s build && node dist/bench/dashboard.js
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { startServer } from "../src/server/serve.js";
import { DEFAULT_POLICY } from "../src/store/store.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/web/chromium.js";
import { SEED_DOMAINS, SEED_IPS, SEED_TAGS, seedEvents } from "../test/web/seed.js";

if (!existsSync(CHROMIUM)) {
  console.error("bench: /usr/bin/chromium is missing (bash scripts/setup-chromium.sh)");
  process.exit(2);
}
const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const reuse = process.env.BENCH_DB && existsSync(process.env.BENCH_DB);
const file = process.env.BENCH_DB ?? join(mkdtempSync(join(tmpdir(), "diagnosa-bench-")), "dashboard.sqlite");

const s = await startServer({
  host: "127.0.0.1",
  port: 0,
  smtpPort: null,
  databaseUrl: file,
  auth: true,
  bounceDomains: [],
  maxEmailBytes: 1 << 20,
  policy: DEFAULT_POLICY,
  webhookSecrets: {},
});
const base = `http://127.0.0.1:${s.httpPort}`;
const { key } = await s.store.createApiKey("bench");

console.log("\ndiagnosa dashboard benchmark (headless Chromium, one service process, SQLite)");
if (!reuse) {
  const t0 = performance.now();
  const now = Date.now();
  // A year of events, stored directly in large transactions (as bench/service.ts does).
  for (let i = 0; i < total; i += 10_000) {
    await s.store.insertEvents(seedEvents(Math.min(10_000, total - i), 365, now, "b", i));
  }
  console.log(
    `  (${total.toLocaleString("en-US")} events over 365 days stored in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${file})`,
  );
} else console.log(`  (reusing ${file})`);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const foreign: string[] = [];
const newContext = async (timezoneId: string) => {
  const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", timezoneId });
  await c.addInitScript((k) => sessionStorage.setItem("diagnosa.apiKey", k), key);
  c.on("request", (r) => {
    if (!r.url().startsWith(`${base}/`)) foreign.push(r.url());
  });
  return c;
};
const context = await newContext("UTC");

// Runs in the browser: the project compiles for Node, so the DOM is typed loosely here.
// biome-ignore lint/suspicious/noExplicitAny: browser globals
declare const document: any;
// biome-ignore lint/suspicious/noExplicitAny: browser globals
declare const sessionStorage: any;

const renders = (p: Page) => p.evaluate(() => Number(document.getElementById("main").dataset.render));
const waitReady = (p: Page, after: number) =>
  p.waitForFunction(
    (n) => {
      const m = document.getElementById("main");
      return m.dataset.state === "ready" && Number(m.dataset.render) > n;
    },
    after,
    { timeout: 60_000 },
  );
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;

// First useful paint: from navigation start to the figures and the table drawn (a performance mark
// the page sets), and to everything (charts too) drawn; median of 5 fresh loads.
const paints: number[] = [];
const full: number[] = [];
for (let i = 0; i < 5; i++) {
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${base}/`);
  await waitReady(page, 0);
  full.push(performance.now() - t0);
  paints.push(
    await page.evaluate(
      () => performance.getEntriesByName("diagnosa:useful-paint")[0]?.startTime ?? Number.NaN,
    ),
  );
  await page.close();
}
console.log(
  `  first useful paint (figures + table), 30 days  ${ms(median(paints))} median of 5 (target under 1000)`,
);
console.log(`  everything drawn (charts too), from goto        ${ms(median(full))}`);

const page = await context.newPage();
await page.goto(`${base}/`);
await waitReady(page, 0);
const steps: [string, string, string][] = [
  ["time range: 7 days", "#f-range", "7d"],
  ["time range: 90 days", "#f-range", "90d"],
  ["time range: 12 months", "#f-range", "365d"],
  ["time range: 24 hours", "#f-range", "24h"],
  ["time range: 30 days", "#f-range", "30d"],
  ["sending domain", "#f-domain", SEED_DOMAINS[1]!],
  ["+ mailbox provider", "#f-provider", "gmail"],
  ["+ category", "#f-category", "invalid_address"],
  ["+ sending IP", "#f-ip", SEED_IPS[0]!],
  ["+ tag", "#f-tag", SEED_TAGS[0]!],
  ["+ time range: 12 months, all four", "#f-range", "365d"],
];
console.log("  filter changes (wall clock from the change to figures, table and charts drawn):");
for (const [name, sel, value] of steps) {
  const n = await renders(page);
  const t0 = performance.now();
  await page.selectOption(sel, value);
  await waitReady(page, n);
  const wall = performance.now() - t0;
  const tableMs = Number(await page.getAttribute("#main", "data-table-ms"));
  console.log(`    ${name.padEnd(48)} ${ms(wall)}  (figures + table ${ms(tableMs).trim()})`);
}
{
  const n = await renders(page);
  const t0 = performance.now();
  await page.click("#f-reset");
  await waitReady(page, n);
  console.log(`    ${"clear filters".padEnd(48)} ${ms(performance.now() - t0)}`);
}
// A viewer in UTC+07:00: periods from Jakarta's midnight; totals and table still from the rollups
// (plus the partial UTC days at the ends), the chart's local days and weeks from the events.
{
  const jakarta = await newContext("Asia/Jakarta");
  const p = await jakarta.newPage();
  await p.goto(`${base}/`);
  await waitReady(p, 0);
  const times: string[] = [];
  for (const [label, range] of [
    ["7 d", "7d"],
    ["90 d", "90d"],
    ["12 months", "365d"],
    ["30 d", "30d"],
  ] as const) {
    const n = await renders(p);
    const t0 = performance.now();
    await p.selectOption("#f-range", range);
    await waitReady(p, n);
    times.push(`${label} ${(performance.now() - t0).toFixed(0)} ms`);
  }
  console.log(`  viewer in UTC+07:00 (Asia/Jakarta), time range changes: ${times.join(", ")}`);
  await jakarta.close();
}
console.log(`  requests to other origins: ${foreign.length}`);
await browser.close();
await s.close();
