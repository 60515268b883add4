import type { Lang, Localized } from "../catalog/types.js";
import type { ReplyInput } from "../classify/diagnosis.js";
import { InputError, parseReplyInput } from "../classify/input.js";
import { diagnose } from "../index.js";
import { normalizeCommand } from "../smtp/reply.js";
import { lineBatches, MAX_LINE_CHARS, note, UsageError, writeOut } from "./io.js";
import { colors, renderDiagnosis } from "./render.js";

export interface DiagnoseFlags {
  lang: Lang;
  /**
   * `--lang` was given (not read from the locale): the JSON tips are in that language only, as the
   * API's `lang` gives them. Without it, `--json` keeps its tips in every language.
   */
  langGiven?: boolean;
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

const COMMAND_VALUES: Localized = {
  en: "CONNECT, HELO (or EHLO), STARTTLS, AUTH, MAIL (or MAIL FROM), RCPT (or RCPT TO), DATA",
  id: "CONNECT, HELO (atau EHLO), STARTTLS, AUTH, MAIL (atau MAIL FROM), RCPT (atau RCPT TO), DATA",
};

/** The languages of the tips in JSON output: none without tips, the `--lang` given, else all. */
function jsonTipsLang(tips: boolean, lang: Lang | undefined): Lang | "all" | "none" {
  return tips ? (lang ?? "all") : "none";
}

/** The --code, --status and --command values checked, each error naming its flag. */
function flagInput(flags: DiagnoseFlags): Omit<ReplyInput, "response"> {
  const out: Omit<ReplyInput, "response"> = {};
  if (flags.errorCode !== undefined) {
    const v = flags.errorCode.trim();
    if (!/^[1-9]\d\d$/.test(v))
      throw new UsageError({
        en: `--code must be a 3-digit reply code such as 550, not "${flags.errorCode}"`,
        id: `--code harus berupa kode balasan 3 digit seperti 550, bukan "${flags.errorCode}"`,
      });
    out.errorCode = Number(v);
  }
  if (flags.statusCode !== undefined) {
    if (!/^[245]\.\d{1,3}\.\d{1,3}$/.test(flags.statusCode.trim()))
      throw new UsageError({
        en: `--status must be an enhanced status code such as 5.1.1, not "${flags.statusCode}"`,
        id: `--status harus berupa kode status tambahan (enhanced status code) seperti 5.1.1, bukan "${flags.statusCode}"`,
      });
    out.statusCode = flags.statusCode.trim();
  }
  if (flags.remoteHost !== undefined) out.remoteHost = flags.remoteHost;
  if (flags.command !== undefined) {
    const command = normalizeCommand(flags.command);
    if (!command)
      throw new UsageError({
        en: `--command must be one of ${COMMAND_VALUES.en}, not "${flags.command}"`,
        id: `--command harus salah satu dari ${COMMAND_VALUES.id}, bukan "${flags.command}"`,
      });
    out.command = command;
  }
  return out;
}

/** `diagnosa "<reply>"`: one diagnosis, readable or JSON. */
export async function diagnoseOne(text: string, flags: DiagnoseFlags): Promise<number> {
  if (!text.trim())
    throw new UsageError({
      en: 'the reply is empty: give the SMTP reply text, e.g. diagnosa "550 5.1.1 User unknown"',
      id: 'balasan kosong: berikan teks balasan SMTP, misalnya diagnosa "550 5.1.1 User unknown"',
    });
  let input: ReplyInput;
  try {
    input = parseReplyInput({ response: text, ...flagInput(flags) });
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.texts);
    throw e;
  }
  const d = diagnose(input, {
    lang: flags.json ? jsonTipsLang(flags.tips, flags.langGiven ? flags.lang : undefined) : flags.lang,
  });
  if (!flags.check) {
    if (flags.json) await writeOut(`${JSON.stringify(d, null, 2)}\n`);
    else await writeOut(`${renderDiagnosis(d, flags.lang, colors(flags.color), { tips: flags.tips })}\n`);
    return 0;
  }
  // The checks (DNS, mailauth) load only when asked for.
  const [{ checksFor }, { cliDns, renderDiagnosisChecks, waitingNote }] = await Promise.all([
    import("../checks/index.js"),
    import("./check.js"),
  ]);
  const checks = await waitingNote(checksFor(d, { dns: cliDns(flags.check.dnsServers) }), flags.lang);
  if (flags.json) await writeOut(`${JSON.stringify({ ...d, checks }, null, 2)}\n`);
  else {
    await writeOut(`${renderDiagnosis(d, flags.lang, colors(flags.color), { tips: flags.tips })}\n`);
    await writeOut(renderDiagnosisChecks(checks, flags.lang, flags.color));
  }
  return 0;
}

/** The fields of an NDJSON input object; any other field (ids, metadata) is left alone. */
const INPUT_FIELDS = ["response", "errorCode", "statusCode", "remoteHost", "command"] as const;

/**
 * A line's reply input as `diagnose` takes it, with the checks of the API: a `command` that is not
 * an SMTP stage is an error line (as `--command` is a usage error), not a diagnosis without one.
 */
function lineReplyInput(value: unknown): ReplyInput {
  const input = parseReplyInput(value);
  if (input.command != null && !normalizeCommand(input.command)) {
    const given = JSON.stringify(input.command.slice(0, 64));
    throw new InputError({
      en: `"command" must be one of ${COMMAND_VALUES.en} (in any letter case), not ${given}`,
      id: `"command" harus salah satu dari ${COMMAND_VALUES.id} (huruf besar atau kecil), bukan ${given}`,
    });
  }
  return input;
}

/** A parsed line: the reply input to read, and the caller's `id` (a string or a number) to echo. */
function lineInput(value: unknown): { input: unknown; id: string | number | undefined } {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { input: value, id: undefined };
  const o = value as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const k of INPUT_FIELDS) if (Object.hasOwn(o, k)) input[k] = o[k];
  const id = o.id;
  return {
    input,
    id: typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? id : undefined,
  };
}

/**
 * `diagnosa --ndjson`: one input per stdin line (text, or a JSON object as in the library API),
 * one JSON diagnosis per output line, in order. Lines end at "\n" (or "\r\n"); a lone "\r" is part
 * of its line. A JSON object's unknown fields are ignored and its `id` (string or number) is echoed.
 * A bad line yields `{"error": …, "line": n}` in its place, a message on stderr, and exit code 2 at
 * the end. With `tips`, the tips are in `lang` when given (`--lang`), else in every language; so is
 * the error line's message (English without `--lang`: the JSON stays the same whatever the locale),
 * while the stderr message is in the language of the run.
 */
export async function diagnoseStream(
  flags: { tips: boolean; lang?: Lang },
  input: AsyncIterable<Buffer | string> = process.stdin,
): Promise<number> {
  const lang = jsonTipsLang(flags.tips, flags.lang);
  let n = 0;
  let bad = 0;
  for await (const lines of lineBatches(input)) {
    let buffer = "";
    for (const line of lines) {
      n++;
      let out: string;
      let id: string | number | undefined;
      try {
        if (line === null)
          throw new InputError({
            en: `the line is longer than ${MAX_LINE_CHARS} characters`,
            id: `baris lebih panjang dari ${MAX_LINE_CHARS} karakter`,
          });
        // NULs alone are no text either (a stray byte after the last line end).
        if (!line.replace(/\0/g, "").trim()) throw new InputError({ en: "empty line", id: "baris kosong" });
        let value: unknown = line;
        if (line.trimStart().startsWith("{")) ({ input: value, id } = lineInput(parseJsonLine(line)));
        const input = lineReplyInput(value);
        // As an empty line and an empty argument: nothing to diagnose (codes alone are something).
        if (!input.response.trim() && input.errorCode == null && !input.statusCode)
          throw new InputError({
            en: '"response" is empty and there is no errorCode or statusCode',
            id: '"response" kosong dan tidak ada errorCode maupun statusCode',
          });
        const d = diagnose(input, { lang });
        out = JSON.stringify(id === undefined ? d : { id, ...d });
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        bad++;
        if (bad <= 10) note({ en: `line ${n}: ${e.texts.en}`, id: `baris ${n}: ${e.texts.id}` });
        const error = e.texts[flags.lang ?? "en"];
        out = JSON.stringify(id === undefined ? { error, line: n } : { error, line: n, id });
      }
      buffer += `${out}\n`;
    }
    // Each chunk read is answered before the next is awaited: a caller that writes a line and waits
    // for its answer (`tail -f | diagnosa --ndjson`) gets it; piped files come in 64 KB chunks anyway.
    await writeOut(buffer);
  }
  if (bad > 10) note({ en: `${bad} bad lines in all`, id: `jumlah baris salah: ${bad}` });
  return bad ? 2 : 0;
}

function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new InputError({
      en: "the line starts with { but is not valid JSON",
      id: "baris diawali { tetapi bukan JSON yang valid",
    });
  }
}
