import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { BounceError, MAX_RECIPIENTS, parseBounce } from "../bounce/parse.js";
import type { BounceReport, ParseBounceOptions } from "../bounce/types.js";
import { CATEGORIES } from "../catalog/categories.js";
import type { Category, Lang, Localized } from "../catalog/types.js";
import { DSN_ACTION_NAMES, KIND_NAMES, LABELS } from "./i18n.js";
import { say, UsageError, writeOut } from "./io.js";
import { colors, renderDiagnosis, terminalSafe } from "./render.js";
import { checkPaths, messages, type SourceMessage } from "./sources.js";

export interface BounceFlags {
  format: "text" | "json" | "ndjson";
  lang: Lang;
  /** --lang given: JSON tips in that language only (as a single diagnosis's), else in every one. */
  langGiven?: boolean;
  tips: boolean;
  color: boolean;
  jobs: number | null;
  maxBytes: number;
  timeoutMs: number;
}

interface Outcome {
  source: SourceMessage;
  bytes: number;
  report: BounceReport | null;
  error: Localized | null;
}

/** What a worker thread answers for a message that gave no report. */
export interface WorkerFailure {
  message: string;
  /** What failed, when known: a limit of parseBounce the message broke (a BounceError), or the thread. */
  cause?: "size" | "time" | "recipients" | "worker";
}

/** Big inputs go to worker threads; small ones are not worth starting them. */
const PARALLEL_BYTES = 4 * 1024 * 1024;

export async function bounceCommand(paths: string[], flags: BounceFlags): Promise<number> {
  if (!paths.length)
    throw new UsageError({
      en: "give one or more .eml files, folders, maildirs or mbox files, or - for stdin",
      id: "berikan satu atau beberapa berkas .eml, folder, maildir, atau berkas mbox, atau - untuk stdin",
    });
  const totalBytes = await checkPaths(paths);
  const jobs =
    flags.jobs ?? (totalBytes >= PARALLEL_BYTES || paths.includes("-") ? availableParallelism() : 1);
  const options: ParseBounceOptions = {
    maxBytes: flags.maxBytes,
    timeoutMs: flags.timeoutMs,
    lang: flags.format === "text" ? flags.lang : flags.tips ? (flags.langGiven ? flags.lang : "all") : "none",
  };
  const out = new Output(flags);
  const progress = new Progress(
    totalBytes,
    LABELS[flags.lang].progressEmails,
    flags.format !== "text" || !process.stderr.isTTY ? false : process.stdout.isTTY === true,
  );
  const run = jobs > 1 ? new Pool(jobs, options) : null;
  const queue: Promise<Outcome>[] = [];
  const limit = Math.max(8, jobs * 16);
  try {
    for await (const source of messages(paths, { maxBytes: flags.maxBytes })) {
      queue.push(handle(source, options, run));
      if (queue.length >= limit) await out.write(await queue.shift()!, progress);
    }
    while (queue.length) await out.write(await queue.shift()!, progress);
  } finally {
    await run?.close();
    progress.done();
  }
  await out.finish();
  return out.errors > 0 ? 2 : 0;
}

async function handle(
  source: SourceMessage,
  options: ParseBounceOptions,
  pool: Pool | null,
): Promise<Outcome> {
  if (source.unreadable !== undefined) return { source, bytes: 0, report: null, error: source.unreadable };
  if (source.oversize !== undefined) {
    return {
      source,
      bytes: source.oversize,
      report: null,
      error: {
        en: `message of ${source.oversize} bytes is over the limit of ${options.maxBytes} bytes: skipped`,
        id: `pesan sebesar ${source.oversize} byte melebihi batas ${options.maxBytes} byte: dilewati`,
      },
    };
  }
  const bytes = source.data.byteLength;
  if (pool) {
    const r = await pool.run(source.data);
    return {
      source: { ...source, data: Buffer.alloc(0) },
      bytes,
      report: r.report,
      error: r.error && failure(r.error, bytes, options),
    };
  }
  try {
    return { source, bytes, report: await parseBounce(source.data, options), error: null };
  } catch (e) {
    return { source, bytes, report: null, error: failure(workerFailure(e), bytes, options) };
  }
}

/** What parseBounce threw, as a worker thread sends it back. */
export function workerFailure(e: unknown): WorkerFailure {
  const message = (e as Error)?.message ?? String(e);
  return e instanceof BounceError ? { message, cause: e.limit } : { message };
}

/** Why a message gave no report, in every language: a limit of parseBounce it broke, or the error met. */
function failure(e: WorkerFailure, bytes: number, options: ParseBounceOptions): Localized {
  if (e.cause === "worker")
    return { en: `worker failed: ${e.message}`, id: `thread pekerja gagal: ${e.message}` };
  if (e.cause === "time")
    return {
      en: e.message,
      id: `pesan tidak selesai diurai dalam batas waktunya, ${options.timeoutMs} ms`,
    };
  if (e.cause === "size")
    return { en: e.message, id: `pesan sebesar ${bytes} byte melebihi batas ${options.maxBytes} byte` };
  if (e.cause === "recipients")
    return {
      en: e.message,
      id: `pesan menyebut lebih dari ${MAX_RECIPIENTS} penerima (satu bounce melaporkan satu pesan)`,
    };
  return { en: e.message, id: `pesan tidak dapat diurai: ${e.message}` };
}

class Pool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    (r: { report: BounceReport | null; error: WorkerFailure | null }) => void
  >();
  private next = 0;
  private id = 0;

  constructor(
    size: number,
    private readonly options: ParseBounceOptions,
  ) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL("./bounce-worker.js", import.meta.url));
      w.on("message", (m: { id: number; report?: BounceReport; error?: WorkerFailure }) => {
        const done = this.pending.get(m.id);
        this.pending.delete(m.id);
        done?.({ report: m.report ?? null, error: m.error ?? null });
      });
      w.on("error", (e) => {
        for (const [, done] of this.pending)
          done({ report: null, error: { message: e.message, cause: "worker" } });
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  run(data: Buffer): Promise<{ report: BounceReport | null; error: WorkerFailure | null }> {
    const id = this.id++;
    const copy = new Uint8Array(data.byteLength);
    copy.set(data);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.workers[this.next++ % this.workers.length]!.postMessage(
        { id, data: copy, options: this.options },
        [copy.buffer],
      );
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Writes outcomes as they come, in input order; keeps the summary counts. */
class Output {
  errors = 0;
  private count = 0;
  private readonly byCategory = new Map<Category, number>();
  private readonly byKind = new Map<string, number>();
  private recipients = 0;
  private first = true;

  constructor(private readonly flags: BounceFlags) {}

  async write(o: Outcome, progress: Progress): Promise<void> {
    this.count++;
    progress.tick(o.bytes);
    const where = o.source.message === null ? o.source.file : `${o.source.file}#${o.source.message}`;
    if (o.error !== null || !o.report) {
      this.errors++;
      const error = o.error ?? { en: "no report", id: "tidak ada laporan" };
      process.stderr.write(`diagnosa: ${where}: ${say(error)}\n`);
      if (this.flags.format === "ndjson") {
        // The JSON's message is English unless --lang is given, whatever the locale (as the tips).
        const text = error[this.flags.langGiven ? this.flags.lang : "en"];
        await writeOut(
          `${JSON.stringify({ file: o.source.file, message: o.source.message, error: text })}\n`,
        );
      }
      return;
    }
    const r = o.report;
    this.byKind.set(r.kind, (this.byKind.get(r.kind) ?? 0) + 1);
    for (const rc of r.recipients) {
      this.recipients++;
      // The recipient's own kind: a report of one failure may also tell of a delivery.
      const kind = rc.diagnosis.kind;
      if (kind === "bounce" || kind === "delay") {
        this.byCategory.set(rc.diagnosis.category, (this.byCategory.get(rc.diagnosis.category) ?? 0) + 1);
      }
    }
    if (this.flags.format === "ndjson") {
      const base = { file: o.source.file, message: o.source.message, kind: r.kind, decoder: r.decoder };
      if (!r.recipients.length) {
        await writeOut(
          `${JSON.stringify({ ...base, recipient: null, original: r.original, feedback: r.feedback })}\n`,
        );
      }
      let text = "";
      for (const rc of r.recipients) {
        const { diagnosis, ...rest } = rc;
        text += `${JSON.stringify({ ...base, ...rest, original: r.original, feedback: r.feedback, diagnosis })}\n`;
      }
      if (text) await writeOut(text);
    } else if (this.flags.format === "json") {
      await writeOut(
        `${this.first ? "[\n" : ",\n"}${JSON.stringify({ file: o.source.file, message: o.source.message, ...r })}`,
      );
      this.first = false;
    } else {
      await writeOut(renderReport(where, r, this.flags));
    }
  }

  async finish(): Promise<void> {
    if (this.flags.format === "json") await writeOut(this.first ? "[]\n" : "\n]\n");
    if (this.flags.format !== "text") return;
    const L = LABELS[this.flags.lang];
    const c = colors(this.flags.color);
    const lines = [
      "",
      c.bold(`${L.summary}: ${this.count} ${L.emails}, ${this.recipients} ${L.entities.addresses}`),
    ];
    for (const [kind, n] of [...this.byKind].sort((a, b) => b[1] - a[1])) {
      lines.push(
        `  ${KIND_NAMES[this.flags.lang][kind as keyof (typeof KIND_NAMES)["en"]].padEnd(22)} ${String(n).padStart(7)}`,
      );
    }
    const failures = [...this.byCategory.values()].reduce((a, b) => a + b, 0);
    if (failures) {
      lines.push("", `  ${L.category.padEnd(22)} ${L.count.padStart(7)} ${L.share.padStart(7)}`);
      for (const [cat, n] of [...this.byCategory].sort((a, b) => b[1] - a[1])) {
        lines.push(
          `  ${CATEGORIES[cat].name[this.flags.lang].padEnd(22)} ${String(n).padStart(7)} ${`${((100 * n) / failures).toFixed(1)}%`.padStart(7)}`,
        );
      }
    }
    await writeOut(`${lines.join("\n")}\n`);
  }
}

function renderReport(where: string, given: BounceReport, flags: BounceFlags): string {
  const r = terminalSafe(given);
  const c = colors(flags.color);
  const lines = [
    c.bold(`== ${where}: ${KIND_NAMES[flags.lang][r.kind]}${r.decoder ? ` (${r.decoder})` : ""}`),
  ];
  if (r.original?.subject)
    lines.push(`   ${r.original.subject}${r.original.messageId ? `  ${c.dim(r.original.messageId)}` : ""}`);
  for (const rc of r.recipients) {
    const action = rc.action ? (DSN_ACTION_NAMES[flags.lang][rc.action] ?? rc.action) : null;
    lines.push(`-> ${c.bold(rc.recipient)}${action ? c.dim(` (${action})`) : ""}`);
    if (r.kind === "bounce" || r.kind === "delay") {
      lines.push(
        renderDiagnosis(rc.diagnosis, flags.lang, c, { tips: flags.tips }).replace(/^(?=.)/gm, "   "),
      );
      if (rc.diagnosticText) lines.push(`   ${c.dim(rc.diagnosticText.slice(0, 300))}`);
    }
  }
  return `${lines.join("\n")}\n\n`;
}

/** A progress line on stderr, only on a terminal and only when the work is long. */
class Progress {
  private readonly start = performance.now();
  private last = 0;
  private count = 0;
  private bytes = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly emails: string,
    private readonly enabled: boolean,
  ) {}

  tick(bytes: number): void {
    this.count++;
    this.bytes += bytes;
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.start < 1000 || now - this.last < 200) return;
    this.last = now;
    this.shown = true;
    const rate = this.count / ((now - this.start) / 1000);
    const frac = this.total ? Math.min(1, this.bytes / this.total) : 0;
    const bar = this.total
      ? `[${"#".repeat(Math.round(frac * 30)).padEnd(30)}] ${(frac * 100).toFixed(0)}% `
      : "";
    process.stderr.write(`\r${bar}${this.count} ${this.emails}, ${Math.round(rate)}/s `);
  }

  done(): void {
    if (this.shown) process.stderr.write("\n");
  }
}
