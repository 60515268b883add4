#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Lang } from "../catalog/types.js";
import { bounceCommand } from "./bounce.js";
import { checkCommand } from "./check.js";
import { diagnoseOne, diagnoseStream } from "./diagnose.js";
import { localeLang } from "./i18n.js";
import { UsageError } from "./io.js";
import { logsCommand } from "./logs.js";
import { keysCommand, serveCommand } from "./serve.js";

const HELP = `diagnosa: why an email was not delivered, and what to do about it

usage:
  diagnosa [options] "<SMTP reply>"     diagnose one reply (or pipe it on stdin)
  diagnosa --ndjson [--tips] < file     one input per line (text or JSON), one JSON diagnosis per line
  diagnosa bounce [options] PATH...     read bounce emails: .eml files, folders, maildirs, mbox files, - for stdin
  diagnosa check domain D [--dkim-selector S]... | check ip A | check address X | check message FILE.eml
                                        run the checks the tips call for (docs/checks.md): SPF, DKIM,
                                        DMARC, MTA-STS, blocklists, PTR, address, content
  diagnosa logs [options] FILE...       read Postfix, Exim, Sendmail logs (.gz too, - for stdin): summary,
                                        --ndjson events, --to URL [--api-key KEY] sends them to a service,
                                        --year N for syslog times (default this year)

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
  --check              after the diagnosis, run the checks its category calls for on the domains,
                       IPs and addresses in the reply (docs/checks.md)
  --dns-server H[:P]   DNS server for checks (repeatable; default: the system's)
  -h, --help           this help
  -v, --version        the version

  diagnosa serve [options]              the HTTP API and the bounce-receiving SMTP endpoint (docs/service.md)
  diagnosa keys create NAME | list | revoke ID   API keys of the service

serve options (or environment):
  --port N (PORT)                 HTTP port, default 8025
  --smtp-port N|off (SMTP_PORT)   SMTP port for bounce emails, default 2525
  --host ADDR (HOST)              listen address, default 127.0.0.1
  --db URL (DATABASE_URL)         SQLite file (default ./diagnosa.sqlite) or postgres://…
  --bounce-domain D (DIAGNOSA_BOUNCE_DOMAINS, comma-separated)   domains that receive bounces
  --no-auth (DIAGNOSA_AUTH=off)   no API keys (only for a machine nobody else reaches)

bounce options:
  --json / --ndjson    a JSON array of reports / one JSON line per recipient (with its file)
  --jobs N             worker threads (default: all cores on large inputs)
  --max-bytes N        skip messages larger than N bytes (default 10485760)
  --timeout-ms N       time budget per message (default 2000)

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
  const color = values.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  if (positionals[0] === "bounce") {
    return bounceCommand(positionals.slice(1), {
      format: values.ndjson ? "ndjson" : values.json ? "json" : "text",
      lang: lang as Lang,
      tips: values.tips ?? values.ndjson !== true,
      color,
      jobs: intFlag("--jobs", values.jobs, 1, 256),
      maxBytes: intFlag("--max-bytes", values["max-bytes"], 1024, 1 << 30) ?? 10 * 1024 * 1024,
      timeoutMs: intFlag("--timeout-ms", values["timeout-ms"], 10, 600_000) ?? 2000,
    });
  }
  if (positionals[0] === "check") {
    return checkCommand(positionals.slice(1), {
      json: values.json ?? false,
      lang: lang as Lang,
      color,
      dnsServers: values["dns-server"] ?? [],
      dkimSelectors: values["dkim-selector"] ?? [],
      ...(values.bulk !== undefined ? { bulk: values.bulk } : {}),
    });
  }
  if (positionals[0] === "serve") {
    return serveCommand({
      port: values.port,
      smtpPort: values["smtp-port"],
      host: values.host,
      db: values.db,
      bounceDomain: values["bounce-domain"],
      auth: values.auth ?? true,
    });
  }
  if (positionals[0] === "keys")
    return keysCommand(positionals.slice(1), { db: values.db, json: values.json ?? false });
  if (positionals[0] === "logs") {
    return logsCommand(positionals.slice(1), {
      format: values.ndjson ? "ndjson" : values.json ? "json" : "text",
      lang: lang as Lang,
      color,
      year: intFlag("--year", values.year, 1970, 9999),
      to: values.to ?? null,
      apiKey: values["api-key"] ?? null,
    });
  }
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
  return diagnoseOne(text, {
    lang: lang as Lang,
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
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
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
