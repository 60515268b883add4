import { createInterface } from "node:readline";
import type { Lang } from "../catalog/types.js";
import { checksFor } from "../checks/index.js";
import type { ReplyInput } from "../classify/diagnosis.js";
import { InputError, parseReplyInput } from "../classify/input.js";
import { diagnose } from "../index.js";
import { cliDns, renderDiagnosisChecks } from "./check.js";
import { UsageError, writeOut } from "./io.js";
import { colors, renderDiagnosis } from "./render.js";

export interface DiagnoseFlags {
  lang: Lang;
  json: boolean;
  tips: boolean;
  color: boolean;
  errorCode?: string;
  statusCode?: string;
  remoteHost?: string;
  command?: string;
  /** `--check`: run the category's checks on what the reply names (docs/checks.md). */
  check?: { dnsServers: string[] };
}

/** `diagnosa "<reply>"`: one diagnosis, readable or JSON. */
export async function diagnoseOne(text: string, flags: DiagnoseFlags): Promise<number> {
  if (!text.trim())
    throw new UsageError(
      'the reply is empty: give the SMTP reply text, e.g. diagnosa "550 5.1.1 User unknown"',
    );
  let input: ReplyInput;
  try {
    input = parseReplyInput({
      response: text,
      errorCode: flags.errorCode,
      statusCode: flags.statusCode,
      remoteHost: flags.remoteHost,
      command: flags.command,
    });
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  const d = diagnose(input, { lang: flags.json ? (flags.tips ? "all" : "none") : flags.lang });
  const checks = flags.check ? await checksFor(d, { dns: cliDns(flags.check.dnsServers) }) : null;
  if (flags.json) await writeOut(`${JSON.stringify(checks ? { ...d, checks } : d, null, 2)}\n`);
  else await writeOut(`${renderDiagnosis(d, flags.lang, colors(flags.color), { tips: flags.tips })}\n`);
  if (checks && !flags.json) await writeOut(renderDiagnosisChecks(checks, flags.lang, flags.color));
  return 0;
}

/**
 * `diagnosa --ndjson`: one input per stdin line (text, or a JSON object as in the library API),
 * one JSON diagnosis per output line, in order. A bad line yields `{"error": …, "line": n}` in its
 * place, a message on stderr, and exit code 2 at the end.
 */
export async function diagnoseStream(flags: { tips: boolean }, input = process.stdin): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const lang = flags.tips ? "all" : "none";
  let buffer = "";
  let n = 0;
  let bad = 0;
  for await (const line of rl) {
    n++;
    let out: string;
    try {
      if (!line.trim()) throw new InputError("empty line");
      const value: unknown = line.trimStart().startsWith("{") ? parseJsonLine(line) : line;
      out = JSON.stringify(diagnose(parseReplyInput(value), { lang }));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bad++;
      if (bad <= 10) process.stderr.write(`diagnosa: line ${n}: ${e.message}\n`);
      out = JSON.stringify({ error: e.message, line: n });
    }
    buffer += `${out}\n`;
    if (buffer.length > 65536) {
      await writeOut(buffer);
      buffer = "";
    }
  }
  if (buffer) await writeOut(buffer);
  if (bad > 10) process.stderr.write(`diagnosa: ${bad} bad lines in all\n`);
  return bad ? 2 : 0;
}

function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new InputError("the line starts with { but is not valid JSON");
  }
}
