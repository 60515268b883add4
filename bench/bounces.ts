// npm run bench (part 2): bounce emails per second over the corpus, one thread and all cores,
// and peak memory of `diagnosa bounce` on a 1 GB mbox built from the corpus. Prints figures only.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { corpusDir } from "../scripts/corpus.js";
import { parseBounce } from "../src/bounce/parse.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 3);

function loadEmails(dir: string): Buffer[] {
  const bsd = join(dir, "sisimai/maildir/bsd");
  return readdirSync(bsd)
    .sort()
    .map((f) => readFileSync(join(bsd, f)));
}

async function loop(emails: Buffer[], ms: number): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let k = 0; k < 50; k++) await parseBounce(emails[n++ % emails.length]!);
  }
  return n;
}

if (!isMainThread) {
  const { dir, ms } = workerData as { dir: string; ms: number };
  const emails = loadEmails(dir);
  await loop(emails, 500);
  const t0 = performance.now();
  const n = await loop(emails, ms);
  parentPort!.postMessage(n / ((performance.now() - t0) / 1000));
} else {
  const dir = corpusDir();
  if (!dir) {
    console.error("bench: ../shared/corpus not found (set DIAGNOSA_CORPUS)");
    process.exit(2);
  }
  const emails = loadEmails(dir);
  const bytes = emails.reduce((s, e) => s + e.length, 0);
  console.log(
    `\ndiagnosa bounce benchmark: ${emails.length} corpus emails (mean ${Math.round(bytes / emails.length)} bytes), ${seconds} s each`,
  );
  await loop(emails, 1000);
  const t0 = performance.now();
  const n = await loop(emails, seconds * 1000);
  const one = n / ((performance.now() - t0) / 1000);
  console.log(
    `  one thread                 ${Math.round(one).toLocaleString("en-US").padStart(10)} emails/s`,
  );
  const cores = availableParallelism();
  const rates = await Promise.all(
    Array.from(
      { length: cores },
      () =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(fileURLToPath(import.meta.url), { workerData: { dir, ms: seconds * 1000 } });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
  const all = rates.reduce((a, b) => a + b, 0);
  console.log(
    `  all ${cores} cores (worker threads) ${Math.round(all).toLocaleString("en-US").padStart(6)} emails/s   (${(all / one).toFixed(2)}x one thread)`,
  );

  // Peak memory on a 1 GB mbox (BENCH_MBOX_MB to change the size; 0 to skip).
  const mb = Number(process.env.BENCH_MBOX_MB ?? 1024);
  if (mb > 0) {
    const file = join(tmpdir(), `diagnosa-bench-${mb}mb.mbox`);
    if (!existsSync(file) || statSync(file).size < mb * 1024 * 1024) {
      const out = createWriteStream(file);
      let written = 0;
      let i = 0;
      while (written < mb * 1024 * 1024) {
        const chunk = `From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n${emails[i++ % emails.length]!.toString("latin1").replace(/^(>*From )/gm, ">$1")}\n`;
        written += chunk.length;
        if (!out.write(chunk, "latin1")) await new Promise<void>((r) => out.once("drain", () => r()));
      }
      await new Promise<void>((r) => out.end(() => r()));
    }
    const cli = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
    if (!existsSync("/usr/bin/time")) {
      console.log("  (peak memory needs /usr/bin/time: apt-get install time)");
      process.exit(0);
    }
    const t1 = performance.now();
    const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, "bounce", "--ndjson", file], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const secs = (performance.now() - t1) / 1000;
    const peakKb = Number(r.stderr.trim().split("\n").pop());
    const count = Math.round((mb * 1024 * 1024) / (bytes / emails.length));
    console.log(
      `  ${mb} MB mbox (~${count.toLocaleString("en-US")} emails): ${secs.toFixed(1)} s, ~${Math.round(count / secs).toLocaleString("en-US")} emails/s, peak memory ${(peakKb / 1024).toFixed(0)} MB (exit ${r.status})`,
    );
  }
}
