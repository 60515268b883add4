import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { CATEGORIES } from "../catalog/categories.js";
import type { Category, Lang, Localized } from "../catalog/types.js";
import { classifyEvent, type DeliveryEvent, type EventType, storableTime } from "../ingest/event.js";
import { LogReader } from "../ingest/logs/index.js";
import { KIND_NAMES, LABELS } from "./i18n.js";
import {
  asLocalized,
  checkStdin,
  fileProblem,
  note,
  stdinOnce,
  stripBomBytes,
  UsageError,
  writeOut,
} from "./io.js";
import { colors } from "./render.js";

export interface LogsFlags {
  format: "text" | "json" | "ndjson";
  lang: Lang;
  color: boolean;
  /** The year of syslog timestamps; null for the default (this year). */
  year: number | null;
  /** Base URL of a diagnosa service to send the events to; null to send nothing. */
  to: string | null;
  apiKey: string | null;
}

/** Events per POST to the service. */
export const BATCH_SIZE = 500;

const WORDS = {
  en: {
    lines: "log lines",
    events: "events",
    bad: (n: number) => `${n} unreadable line(s) skipped`,
    sent: (n: number, url: string) => `${n} event(s) sent to ${url}`,
    nothing: (what: string) => `no Postfix, Exim or Sendmail log lines found in ${what}`,
  },
  id: {
    lines: "baris log",
    events: "kejadian",
    bad: (n: number) => `${n} baris tak terbaca dilewati`,
    sent: (n: number, url: string) => `${n} kejadian dikirim ke ${url}`,
    nothing: (what: string) => `tidak ada baris log Postfix, Exim atau Sendmail di ${what}`,
  },
} as const;

const TYPE_KIND: Record<EventType, keyof (typeof KIND_NAMES)["en"]> = {
  delivered: "delivered",
  bounce: "bounce",
  deferred: "delay",
  complaint: "complaint",
  autoreply: "autoreply",
};

/**
 * `diagnosa logs FILE…`: reads Postfix, Exim and Sendmail logs (plain or gzip, `-` for stdin),
 * classifies every delivery outcome, prints a summary by category or one event per line, and
 * with `--to` sends the events to a diagnosa service in batches.
 */
export async function logsCommand(paths: string[], flags: LogsFlags): Promise<number> {
  if (!paths.length)
    throw new UsageError({
      en: "give one or more log files (plain or .gz), or - for stdin",
      id: "berikan satu atau beberapa berkas log (biasa atau .gz), atau - untuk stdin",
    });
  if (flags.apiKey !== null && flags.to === null)
    throw new UsageError({
      en: "--api-key goes with --to URL",
      id: "--api-key hanya dipakai bersama --to URL",
    });
  const endpoint = flags.to === null ? null : batchUrl(flags.to);
  stdinOnce(paths);
  for (const p of paths) {
    if (p === "-") {
      checkStdin();
      continue;
    }
    const s = await stat(p).catch(() => null);
    if (!s) throw cannotRead(p, { en: "no such file", id: "berkas tidak ada" });
    if (!s.isFile()) throw cannotRead(p, { en: "not a file", id: "bukan berkas" });
  }

  try {
    return await run(paths, flags, endpoint);
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    note(e.texts);
    return 1;
  }
}

async function run(paths: string[], flags: LogsFlags, endpoint: string | null): Promise<number> {
  const reader = new LogReader(flags.year === null ? {} : { year: flags.year });
  const byType = new Map<EventType, number>();
  const byCategory = new Map<Category, number>();
  let batch: DeliveryEvent[] = [];
  let sent = 0;
  let ahead = 0;
  let ndjson = "";

  for (const p of paths) {
    // Each file places its syslog times from --year (or today) again, not from the last file's end.
    reader.state.newInput();
    const input = p === "-" ? process.stdin : createReadStream(p, { highWaterMark: 1 << 20 });
    try {
      for await (const event of reader.read(decompressed(input))) {
        const c = classifyEvent(event);
        byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
        if (c.diagnosis && (c.type === "bounce" || c.type === "deferred"))
          byCategory.set(c.diagnosis.category, (byCategory.get(c.diagnosis.category) ?? 0) + 1);
        if (flags.format === "ndjson") {
          ndjson += `${JSON.stringify(c)}\n`;
          if (ndjson.length >= 1 << 16) {
            await writeOut(ndjson);
            ndjson = "";
          }
        }
        // The service refuses a batch holding an event more than a day ahead (a wrong --year):
        // such events stay here, counted, as POST /v1/logs counts them.
        if (endpoint && !storableTime(Date.parse(event.timestamp), Date.now())) ahead++;
        else if (endpoint) {
          batch.push(event);
          if (batch.length >= BATCH_SIZE) {
            await send(endpoint, batch, flags.apiKey);
            sent += batch.length;
            batch = [];
          }
        }
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "";
      if (code.startsWith("Z_")) throw cannotRead(p, (e as Error).message);
      if (code === "EACCES" || code === "EISDIR" || code === "ENOENT") throw cannotRead(p, fileProblem(e));
      throw e;
    }
  }
  if (ndjson) await writeOut(ndjson);
  if (endpoint && batch.length) {
    await send(endpoint, batch, flags.apiKey);
    sent += batch.length;
  }

  const stats = reader.stats;
  const W = WORDS[flags.lang];
  if (flags.format === "json") {
    await writeOut(
      `${JSON.stringify(
        {
          lines: stats.lines,
          events: stats.events,
          ignored: stats.ignored,
          bad: stats.bad,
          byType: Object.fromEntries(byType),
          byCategory: Object.fromEntries([...byCategory].sort((a, b) => b[1] - a[1])),
          ...(endpoint ? { sent, ahead } : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else if (flags.format === "text") {
    await writeOut(summary(stats.lines, stats.events, stats.bad, byType, byCategory, flags));
  }
  if (flags.format !== "text") {
    if (stats.bad) process.stderr.write(`diagnosa: ${W.bad(stats.bad)}\n`);
  }
  if (endpoint) {
    if (ahead) note({ en: W_AHEAD.en(ahead), id: W_AHEAD.id(ahead) });
    const line = W.sent(sent, flags.to!);
    if (flags.format === "text") await writeOut(`${line}\n`);
    else process.stderr.write(`diagnosa: ${line}\n`);
  }
  if (stats.lines > 0 && stats.lines === stats.bad) {
    process.stderr.write(`diagnosa: ${W.nothing(paths.join(", "))}\n`);
    return 2;
  }
  return 0;
}

function summary(
  lines: number,
  events: number,
  bad: number,
  byType: Map<EventType, number>,
  byCategory: Map<Category, number>,
  flags: LogsFlags,
): string {
  const L = LABELS[flags.lang];
  const W = WORDS[flags.lang];
  const c = colors(flags.color);
  const out = [c.bold(`${L.summary}: ${lines} ${W.lines}, ${events} ${W.events}`)];
  if (bad) out.push(c.dim(`  (${W.bad(bad)})`));
  for (const [type, n] of [...byType].sort((a, b) => b[1] - a[1])) {
    out.push(`  ${KIND_NAMES[flags.lang][TYPE_KIND[type]].padEnd(22)} ${String(n).padStart(7)}`);
  }
  const failures = [...byCategory.values()].reduce((a, b) => a + b, 0);
  if (failures) {
    out.push("", `  ${L.category.padEnd(22)} ${L.count.padStart(7)} ${L.share.padStart(7)}`);
    for (const [cat, n] of [...byCategory].sort((a, b) => b[1] - a[1])) {
      out.push(
        `  ${CATEGORIES[cat].name[flags.lang].padEnd(22)} ${String(n).padStart(7)} ${`${((100 * n) / failures).toFixed(1)}%`.padStart(7)}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * The bytes of a stream, gunzipped when they start with the gzip magic (a .gz file or stdin), without
 * a UTF-8 byte order mark at the start.
 */
async function* decompressed(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.length < 2) {
    // Rare: a first chunk of one byte; join it with the next.
    const next = await it.next();
    if (next.done) break;
    first = { done: false, value: Buffer.concat([first.value, next.value]) };
  }
  if (first.done) return;
  const head = first.value;
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* withoutBom(all());
    return;
  }
  const gunzip = createGunzip();
  pipeline(Readable.from(all()), gunzip, () => {});
  yield* withoutBom(gunzip as AsyncIterable<Buffer>);
}

/** A stream of bytes without the UTF-8 byte order mark it may start with. */
async function* withoutBom(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of input) {
    if (head === null) {
      yield chunk;
      continue;
    }
    head = head.length ? Buffer.concat([head, chunk]) : chunk;
    if (head.length < 3) continue;
    yield stripBomBytes(head);
    head = null;
  }
  if (head?.length) yield stripBomBytes(head);
}

/** "cannot read FILE: why", `why` in words or a system's message (quoted as it is). */
function cannotRead(file: string, why: Localized | string): UsageError {
  const w = asLocalized(why);
  return new UsageError({ en: `cannot read ${file}: ${w.en}`, id: `tidak dapat membaca ${file}: ${w.id}` });
}

function batchUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError({
      en: `--to must be the service's URL (http://host:port), not "${raw}"`,
      id: `--to harus berupa URL layanan (http://host:port), bukan "${raw}"`,
    });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new UsageError({
      en: `--to must be an http:// or https:// URL, not "${raw}"`,
      id: `--to harus berupa URL http:// atau https://, bukan "${raw}"`,
    });
  return `${raw.replace(/\/+$/, "")}/v1/events/batch`;
}

/**
 * A failure to hand events to the service: exit code 1 with the status and the service's message
 * (quoted as the service gave it).
 */
class ServiceError extends Error {
  override name = "ServiceError";

  constructor(readonly texts: Localized) {
    super(texts.en);
  }
}

async function send(url: string, events: DeliveryEvent[], apiKey: string | null): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ events }) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    throw new ServiceError({
      en: `cannot reach ${url}: ${why}`,
      id: `tidak dapat menghubungi ${url}: ${why}`,
    });
  }
  if (res.ok) {
    await res.arrayBuffer().catch(() => undefined);
    return;
  }
  const body = await res.text().catch(() => "");
  const answer = `${res.status}${res.statusText ? ` ${res.statusText}` : ""}${errorMessage(body)}`;
  throw new ServiceError({ en: `${url} answered ${answer}`, id: `${url} menjawab ${answer}` });
}

/** The service's error message: `{"error": {"message": …}}`, `{"error": …}`, `{"message": …}`, or the text. */
function errorMessage(body: string): string {
  const text = body.trim();
  if (!text) return "";
  try {
    const j = JSON.parse(text) as { error?: unknown; message?: unknown };
    const err = j.error as { message?: unknown } | string | undefined;
    const msg =
      typeof err === "string"
        ? err
        : typeof err?.message === "string"
          ? err.message
          : typeof j.message === "string"
            ? j.message
            : null;
    if (msg) return `: ${msg}`;
  } catch {
    // Not JSON: the text itself.
  }
  return `: ${text.replace(/\s+/g, " ").slice(0, 300)}`;
}

/** Events not sent: dated more than a day after this machine's clock. */
const W_AHEAD = {
  en: (n: number) => `${n} event(s) dated more than a day ahead not sent (a wrong --year?)`,
  id: (n: number) => `${n} event bertanggal lebih dari sehari ke depan tidak dikirim (--year salah?)`,
};
