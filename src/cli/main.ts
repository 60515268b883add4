#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { LANGS, type Lang, type Localized } from "../catalog/types.js";
import { bounceCommand } from "./bounce.js";
import { diagnoseOne, diagnoseStream } from "./diagnose.js";
import { HELP } from "./help.js";
import { localeLang } from "./i18n.js";
import { checkStdin, note, outputFailed, readStdinText, setMessageLang, UsageError, writeOut } from "./io.js";
import { logsCommand } from "./logs.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** The subcommands, and the check targets and key actions that may follow one. */
const SUBCOMMANDS = ["bounce", "check", "serve", "keys", "logs"] as const;
type Command = (typeof SUBCOMMANDS)[number] | "diagnose" | "ndjson";
const SUBCOMMAND_WORDS = new Set(["domain", "ip", "address", "message", "create", "list", "revoke"]);

/** Options every command takes. */
const COMMON_OPTIONS = ["help", "version", "lang", "color"];

/** The options of each command; any other option given is a usage error, never silently ignored. */
const COMMAND_OPTIONS: Record<Command, readonly string[]> = {
  diagnose: ["json", "ndjson", "tips", "code", "status", "remote-host", "command", "check", "dns-server"],
  ndjson: ["ndjson", "json", "tips"],
  bounce: ["json", "ndjson", "tips", "jobs", "max-bytes", "timeout-ms"],
  check: ["json", "dns-server", "dkim-selector", "bulk"],
  serve: ["port", "smtp-port", "host", "db", "bounce-domain", "auth"],
  keys: ["db", "json"],
  logs: ["json", "ndjson", "year", "to", "api-key"],
};

const COMMAND_LABELS: Record<Command, string> = {
  diagnose: 'diagnosa "<reply>"',
  ndjson: "diagnosa --ndjson",
  bounce: "diagnosa bounce",
  check: "diagnosa check",
  serve: "diagnosa serve",
  keys: "diagnosa keys",
  logs: "diagnosa logs",
};

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
function oneEditAway(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * `diagnosa bouce file.eml`: a first word one edit away from a subcommand, followed by a file, "-",
 * or a word such as `domain`, is a typo, not SMTP reply text.
 */
function misspelledCommand(positionals: string[]): Localized | null {
  const [first, next] = positionals;
  if (first === undefined || next === undefined || first.length < 3) return null;
  if ((SUBCOMMANDS as readonly string[]).includes(first)) return null;
  const word = first.toLowerCase();
  const near = SUBCOMMANDS.find((c) => oneEditAway(word, c));
  if (!near) return null;
  if (next !== "-" && !SUBCOMMAND_WORDS.has(next) && !existsSync(next)) return null;
  return {
    en: `unknown command '${first}' (did you mean '${near}'?)`,
    id: `perintah '${first}' tidak dikenal (maksud Anda '${near}'?)`,
  };
}

/** Throws a UsageError for an option that the command does not take. */
function checkOptions(command: Command, tokens: NonNullable<ReturnType<typeof parse>["tokens"]>): void {
  const allowed = new Set([...COMMON_OPTIONS, ...COMMAND_OPTIONS[command]]);
  for (const t of tokens) {
    if (t.kind !== "option" || allowed.has(t.name)) continue;
    const owners = (Object.keys(COMMAND_OPTIONS) as Command[])
      .filter((c) => c !== command && COMMAND_OPTIONS[c].includes(t.name))
      .map((c) => COMMAND_LABELS[c]);
    const hint: Localized =
      command === "ndjson" && COMMAND_OPTIONS.diagnose.includes(t.name)
        ? {
            en: " (with --ndjson, give the reply's fields on each JSON line)",
            id: " (dengan --ndjson, berikan kolom balasan di setiap baris JSON)",
          }
        : owners.length && owners.length <= 2
          ? {
              en: ` (it belongs to ${owners.join(" and ")})`,
              id: ` (opsi itu milik ${owners.join(" dan ")})`,
            }
          : { en: "", id: "" };
    throw new UsageError({
      en: `${t.rawName} is not an option of ${COMMAND_LABELS[command]}${hint.en}`,
      id: `${t.rawName} bukan opsi ${COMMAND_LABELS[command]}${hint.id}`,
    });
  }
}

/** Throws a UsageError for options that contradict each other: neither may win silently. */
function checkConflicts(tokens: NonNullable<ReturnType<typeof parse>["tokens"]>): void {
  const given = new Map<string, Set<string>>();
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const set = given.get(t.name) ?? new Set<string>();
    set.add(t.rawName);
    given.set(t.name, set);
  }
  if (given.has("json") && given.has("ndjson"))
    throw new UsageError({
      en: "--json and --ndjson are two output formats: give one",
      id: "--json dan --ndjson adalah dua format keluaran: pilih salah satu",
    });
  for (const [name, forms] of given) {
    // Only switches that are on by default (or may be) have a --no- form that says something.
    if (forms.has(`--no-${name}`) && !NEGATABLE.has(name))
      throw new UsageError({
        en: `--no-${name} is not an option: leave out --${name}`,
        id: `--no-${name} bukan opsi: cukup jangan berikan --${name}`,
      });
    if (forms.size > 1)
      throw new UsageError({
        en: `--${name} and --no-${name} contradict each other: give one`,
        id: `--${name} dan --no-${name} saling bertentangan: pilih salah satu`,
      });
  }
}

/** The switches whose --no- form means something (tips and colour are on by default; auth is on). */
const NEGATABLE: ReadonlySet<string> = new Set(["tips", "color", "auth", "bulk"]);

/** A valid `--lang` value, or undefined. */
function validLang(value: unknown): Lang | undefined {
  return LANGS.find((l) => l === value);
}

/**
 * The command line could not be parsed (an unknown option, a missing value): the error in the
 * language of `--lang` when one can still be read from `argv`, else the locale's.
 */
function parseError(e: unknown, argv: string[]): UsageError {
  const lang = langOfBadCommandLine(argv);
  if (lang) setMessageLang(lang);
  const err = e as { code?: unknown; message?: unknown };
  const text = typeof err.message === "string" ? err.message : String(e);
  const option = /'(-[^' ]*)/.exec(text)?.[1] ?? "";
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    return new UsageError({
      en: `unknown option ${option} (text that starts with "-" goes after --, as in: -- "${option}")`,
      id: `opsi ${option} tidak dikenal (teks yang diawali "-" ditulis setelah --, seperti: -- "${option}")`,
    });
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && / does not take an argument/.test(text))
    return new UsageError({ en: `${option} takes no value`, id: `${option} tidak menerima nilai` });
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return new UsageError({
      en: `${option} needs a value (one that starts with "-" is written ${option}=-…)`,
      id: `${option} memerlukan nilai (nilai yang diawali "-" ditulis ${option}=-…)`,
    });
  return new UsageError({ en: text, id: `baris perintah tidak dapat dibaca: ${text}` });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw parseError(e, argv);
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) {
    await writeOut(HELP[validLang(values.lang) ?? localeLang()]);
    return 0;
  }
  if (values.version) {
    await writeOut(`${version()}\n`);
    return 0;
  }
  // The language first, so that every later message is in it; a bad value is told in the locale's.
  if (values.lang !== undefined && !validLang(values.lang))
    throw new UsageError({
      en: `--lang must be en or id, not "${values.lang}"`,
      id: `--lang harus en atau id, bukan "${values.lang}"`,
    });
  const lang: Lang = validLang(values.lang) ?? localeLang();
  setMessageLang(lang);
  const typo = misspelledCommand(positionals);
  if (typo) throw new UsageError(typo);
  const first = positionals[0];
  const command: Command = SUBCOMMANDS.includes(first as (typeof SUBCOMMANDS)[number])
    ? (first as Command)
    : values.ndjson
      ? "ndjson"
      : "diagnose";
  checkOptions(command, tokens ?? []);
  checkConflicts(tokens ?? []);
  const color = values.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  if (positionals[0] === "bounce") {
    return bounceCommand(positionals.slice(1), {
      format: values.ndjson ? "ndjson" : values.json ? "json" : "text",
      lang,
      langGiven: values.lang !== undefined,
      tips: values.tips ?? values.ndjson !== true,
      color,
      jobs: intFlag("--jobs", values.jobs, 1, 256),
      maxBytes: intFlag("--max-bytes", values["max-bytes"], 1024, 1 << 30) ?? 10 * 1024 * 1024,
      timeoutMs: intFlag("--timeout-ms", values["timeout-ms"], 10, 600_000) ?? 2000,
    });
  }
  if (positionals[0] === "check") {
    const { checkCommand } = await import("./check.js");
    return checkCommand(positionals.slice(1), {
      json: values.json ?? false,
      lang,
      color,
      dnsServers: values["dns-server"] ?? [],
      dkimSelectors: values["dkim-selector"] ?? [],
      ...(values.bulk !== undefined ? { bulk: values.bulk } : {}),
    });
  }
  // The service (HTTP server, database drivers) loads only for these two: ~0.7 s off every other run.
  if (positionals[0] === "serve") {
    if (positionals.length > 1)
      throw new UsageError({
        en: `serve takes no arguments (${JSON.stringify(positionals[1])}): its settings are options and environment variables`,
        id: `serve tidak menerima argumen (${JSON.stringify(positionals[1])}): pengaturannya berupa opsi dan variabel lingkungan`,
      });
    const { serveCommand } = await import("./serve.js");
    return serveCommand({
      port: values.port,
      smtpPort: values["smtp-port"],
      host: values.host,
      db: values.db,
      bounceDomain: values["bounce-domain"],
      auth: values.auth ?? true,
    });
  }
  if (positionals[0] === "keys") {
    const { keysCommand } = await import("./serve.js");
    return keysCommand(positionals.slice(1), { db: values.db, json: values.json ?? false });
  }
  if (positionals[0] === "logs") {
    return logsCommand(positionals.slice(1), {
      format: values.ndjson ? "ndjson" : values.json ? "json" : "text",
      lang,
      color,
      year: intFlag("--year", values.year, 1970, 9999),
      to: values.to ?? null,
      apiKey: values["api-key"] ?? null,
    });
  }
  if (values.ndjson) {
    if (positionals.length)
      throw new UsageError({
        en: "--ndjson reads its input from stdin; give no reply on the command line",
        id: "--ndjson membaca masukannya dari stdin; jangan berikan balasan di baris perintah",
      });
    checkStdin();
    return diagnoseStream({ tips: values.tips ?? false, ...(values.lang ? { lang } : {}) });
  }
  if (values["dns-server"] !== undefined && !values.check)
    throw new UsageError({
      en: "--dns-server goes with --check (or diagnosa check)",
      id: "--dns-server hanya dipakai bersama --check (atau diagnosa check)",
    });
  let text = positionals.join(" ");
  // "-" alone is stdin, as for `bounce -` and `logs -`.
  const fromStdin = positionals.length === 1 && positionals[0] === "-";
  if (!positionals.length || fromStdin) {
    if (process.stdin.isTTY && !fromStdin) {
      process.stderr.write(HELP[lang]);
      return 2;
    }
    text = await readStdinText();
  }
  return diagnoseOne(text, {
    lang,
    langGiven: values.lang !== undefined,
    json: values.json ?? false,
    tips: values.tips ?? true,
    color,
    errorCode: values.code,
    statusCode: values.status,
    remoteHost: values["remote-host"],
    command: values.command,
    ...(values.check ? { check: { dnsServers: values["dns-server"] ?? [] } } : {}),
  });
}

function intFlag(name: string, value: string | undefined, min: number, max: number): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError({
      en: `${name} must be a whole number from ${min} to ${max}`,
      id: `${name} harus berupa bilangan bulat dari ${min} sampai ${max}`,
    });
  return n;
}

function parse(argv: string[]) {
  return parseArgs({ ...PARSING, args: argv, tokens: true });
}

/** The `--lang` of a command line that `parse` refused, when one can be read from it. */
function langOfBadCommandLine(argv: string[]): Lang | undefined {
  // The last --lang with a valid value (a later `--lang` without one is the error being reported).
  const { tokens } = parseArgs({ ...PARSING, args: argv, strict: false, tokens: true });
  let lang: Lang | undefined;
  for (const t of tokens ?? [])
    if (t.kind === "option" && t.name === "lang") lang = validLang(t.value) ?? lang;
  return lang;
}

/** Every option of every command (COMMAND_OPTIONS says which command takes which). */
const OPTIONS = {
  json: { type: "boolean" },
  ndjson: { type: "boolean" },
  tips: { type: "boolean" },
  lang: { type: "string" },
  code: { type: "string" },
  status: { type: "string" },
  "remote-host": { type: "string" },
  command: { type: "string" },
  color: { type: "boolean" },
  jobs: { type: "string" },
  "max-bytes": { type: "string" },
  "timeout-ms": { type: "string" },
  port: { type: "string" },
  "smtp-port": { type: "string" },
  host: { type: "string" },
  db: { type: "string" },
  "bounce-domain": { type: "string", multiple: true },
  auth: { type: "boolean" },
  to: { type: "string" },
  "api-key": { type: "string" },
  year: { type: "string" },
  check: { type: "boolean" },
  bulk: { type: "boolean" },
  "dns-server": { type: "string", multiple: true },
  "dkim-selector": { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

const PARSING = { allowPositionals: true, allowNegative: true, options: OPTIONS } as const;

// A closed pipe (`| head`) ends the run quietly; any other write error with one line and exit code 1.
process.stdout.on("error", outputFailed);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      note(e.texts);
      process.exitCode = 2;
    } else {
      const why = (e as Error)?.message ?? String(e);
      note({ en: `internal error: ${why}`, id: `galat internal: ${why}` });
      process.exitCode = 1;
    }
  },
);
