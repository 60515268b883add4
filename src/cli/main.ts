#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Lang } from "../catalog/types.js";
import { diagnoseOne, diagnoseStream } from "./diagnose.js";
import { localeLang } from "./i18n.js";
import { UsageError } from "./io.js";

const HELP = `diagnosa: why an email was not delivered, and what to do about it

usage:
  diagnosa [options] "<SMTP reply>"     diagnose one reply (or pipe it on stdin)
  diagnosa --ndjson [--tips] < file     one input per line (text or JSON), one JSON diagnosis per line

options:
  --json               print the diagnosis as JSON (the shape in docs/diagnosis.md)
  --ndjson             stream: read lines from stdin, write one JSON line each
  --tips               with --ndjson: include the tips (left out by default there)
  --no-tips            leave the tips out (readable output and --json)
  --lang en|id         language of every word printed (default: from the locale)
  --code N             the reply code, when known apart from the text (e.g. 550)
  --status X.Y.Z       the enhanced status code, when known apart from the text
  --remote-host HOST   the host that answered
  --command CMD        the SMTP stage: CONNECT, HELO, MAIL, RCPT, DATA
  --color / --no-color force colours on or off (default: on a terminal)
  -h, --help           this help
  -v, --version        the version

exit codes: 0 done, 2 bad input or usage, 1 internal error
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const lang = values.lang ?? localeLang();
  if (lang !== "en" && lang !== "id") throw new UsageError(`--lang must be en or id, not "${lang}"`);
  if (values.ndjson) {
    if (positionals.length)
      throw new UsageError("--ndjson reads its input from stdin; give no reply on the command line");
    return diagnoseStream({ tips: values.tips ?? false });
  }
  let text = positionals.join(" ");
  if (!positionals.length) {
    if (process.stdin.isTTY) {
      process.stderr.write(HELP);
      return 2;
    }
    text = readFileSync(0, "utf8");
  }
  const color = values.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  return diagnoseOne(text, {
    lang: lang as Lang,
    json: values.json ?? false,
    tips: values.tips ?? true,
    color,
    errorCode: values.code,
    statusCode: values.status,
    remoteHost: values["remote-host"],
    command: values.command,
  });
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    options: {
      json: { type: "boolean" },
      ndjson: { type: "boolean" },
      tips: { type: "boolean" },
      lang: { type: "string" },
      code: { type: "string" },
      status: { type: "string" },
      "remote-host": { type: "string" },
      command: { type: "string" },
      color: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  // A closed pipe (`| head`) ends the run quietly.
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`diagnosa: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`diagnosa: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
