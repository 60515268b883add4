import { fstatSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { stripBom } from "../bom.js";
import type { Lang, Localized } from "../catalog/types.js";
import { localeLang } from "./i18n.js";

let messageLanguage: Lang | undefined;

/**
 * The language of the CLI's messages (errors and notes on stderr): `--lang` once `main` has read a
 * valid one, the locale's until then (so a bad `--lang` value is itself told in the locale's).
 */
function messageLang(): Lang {
  messageLanguage ??= localeLang();
  return messageLanguage;
}

export function setMessageLang(lang: Lang): void {
  messageLanguage = lang;
}

/** `texts` in the language of the CLI's messages. */
export function say(texts: Localized): string {
  return texts[messageLang()];
}

/** Words in every language as they are, or a system's text (an error code…) the same in each. */
export function asLocalized(text: string | Localized): Localized {
  return typeof text === "string" ? { en: text, id: text } : text;
}

/** One line on stderr, `diagnosa: …`, in the language of the CLI's messages. */
export function note(texts: Localized): void {
  process.stderr.write(`diagnosa: ${say(texts)}\n`);
}

/**
 * A mistake in how the CLI was called or fed: exit code 2 with this message, no stack trace. Built
 * from the message in every language (`message` is the English one); printed in the run's language.
 */
const FILE_PROBLEMS: Readonly<Record<string, Localized>> = {
  ENOENT: { en: "no such file or folder", id: "berkas atau folder tidak ada" },
  EACCES: { en: "permission denied", id: "izin ditolak" },
  EPERM: { en: "permission denied", id: "izin ditolak" },
  EISDIR: { en: "it is a folder", id: "itu sebuah folder" },
  ENOTDIR: { en: "a part of the path is not a folder", id: "sebagian jalurnya bukan folder" },
};

/** Why a file could not be read, in both languages: the system's code when it is none of the usual. */
export function fileProblem(e: unknown): Localized {
  const err = e as NodeJS.ErrnoException;
  const known = err?.code ? FILE_PROBLEMS[err.code] : undefined;
  if (known) return known;
  const why = err?.code ?? String(err?.message ?? e);
  return { en: why, id: why };
}

export class UsageError extends Error {
  override name = "UsageError";

  constructor(readonly texts: Localized) {
    super(texts.en);
  }
}

let failed = false;

/**
 * What to do when stdout fails: a closed pipe (`| head`) ends the run quietly with exit code 0;
 * any other error (ENOSPC, EIO, EBADF…) ends it with one line on stderr and exit code 1.
 *
 * A stdout closed before the start (`>&-`) cannot be told apart: Node opens /dev/null read-write on
 * fd 1 before any of this code runs, exactly as `stdio: "ignore"` or Python's subprocess.DEVNULL
 * hand it over, so the writes succeed.
 */
export function outputFailed(e: NodeJS.ErrnoException): never {
  if (e.code === "EPIPE") process.exit(0);
  if (!failed) {
    failed = true;
    note(outputErrorMessage(e));
  }
  process.exit(1);
}

function outputErrorMessage(e: NodeJS.ErrnoException): Localized {
  // "ENOSPC: no space left on device, write" → "ENOSPC: no space left on device".
  const why = (e.message ?? String(e)).replace(/, write$/, "");
  return { en: `cannot write the output: ${why}`, id: `tidak dapat menulis keluaran: ${why}` };
}

/** Writes to stdout, waiting when the pipe is full so that memory stays bounded. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let ok: boolean;
    try {
      ok = process.stdout.write(text);
    } catch (e) {
      outputFailed(e as NodeJS.ErrnoException);
    }
    if (ok) {
      resolve();
      return;
    }
    // Each wait removes its listeners, so that a long run does not pile them up.
    const onDrain = () => {
      process.stdout.off("error", onError);
      resolve();
    };
    const onError = (e: Error) => {
      process.stdout.off("drain", onDrain);
      reject(e);
    };
    process.stdout.once("drain", onDrain);
    process.stdout.once("error", onError);
  });
}

/** Throws a UsageError when stdin is a directory (`diagnosa < /tmp`), which no reader can read. */
export function checkStdin(): void {
  let isDirectory = false;
  try {
    isDirectory = fstatSync(0).isDirectory();
  } catch {
    return;
  }
  if (isDirectory)
    throw new UsageError({
      en: "stdin is a directory: give a file or a pipe (e.g. diagnosa < reply.txt)",
      id: "stdin adalah direktori: berikan berkas atau pipe (misalnya diagnosa < balasan.txt)",
    });
}

/** Refuses `-` (stdin) named twice: stdin is read once, the second would read nothing. */
export function stdinOnce(paths: readonly string[]): void {
  if (paths.filter((p) => p === "-").length > 1)
    throw new UsageError({
      en: "- (stdin) is given more than once: stdin can be read only once",
      id: "- (stdin) diberikan lebih dari sekali: stdin hanya dapat dibaca sekali",
    });
}

/**
 * Input that starts with a UTF-16 byte order mark (what PowerShell's `>` and Notepad's "Unicode"
 * write): read as UTF-8 it would be NULs between letters and every line `unknown`, so it is refused.
 */
export function refuseUtf16(bytes: Uint8Array): void {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  )
    throw new UsageError({
      en: "the input is UTF-16 text; diagnosa reads UTF-8: convert it first (e.g. iconv -f UTF-16 -t UTF-8)",
      id: "masukan berupa teks UTF-16; diagnosa membaca UTF-8: ubah dahulu (misalnya iconv -f UTF-16 -t UTF-8)",
    });
}

/**
 * All of stdin as text, without a UTF-8 byte order mark at the start. Read as a stream: a
 * synchronous read of a non-blocking pipe whose writer has not written yet fails with EAGAIN.
 */
export async function readStdinText(): Promise<string> {
  checkStdin();
  let text: string;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    refuseUtf16(bytes);
    text = bytes.toString("utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const why = (e as Error).message;
    throw new UsageError({ en: `cannot read stdin: ${why}`, id: `tidak dapat membaca stdin: ${why}` });
  }
  return stripBom(text);
}

export { stripBom, stripBomBytes } from "../bom.js";

/** Characters of one input line at most: a longer line is answered as an error, not held. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/**
 * The lines of a stream of UTF-8 bytes, a batch per chunk: split on "\n" only (a lone "\r" stays
 * inside its line), one "\r" before the "\n" removed, a byte order mark at the start removed, a
 * last line without "\n" kept. Linear in the input whatever the line lengths. A line longer than
 * `maxLine` characters is not kept: it comes as `null` in its place (its characters are dropped as
 * they arrive, so memory stays bounded however long it is).
 */
export async function* lineBatches(
  input: AsyncIterable<Buffer | string>,
  maxLine = MAX_LINE_CHARS,
): AsyncGenerator<(string | null)[]> {
  const decoder = new StringDecoder("utf8");
  const end = (line: string) => (line.endsWith("\r") ? line.slice(0, -1) : line);
  let partial: string[] = [];
  let partialLength = 0;
  let tooLong = false;
  let first = true;
  const split = (chunk: string): (string | null)[] => {
    let text = chunk;
    if (first && text.length) {
      first = false;
      text = stripBom(text);
    }
    const lines: (string | null)[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      let line: string | null = text.slice(start, nl);
      // The limit is on the line without its "\r\n" ending.
      const lastPiece = line || partial.at(-1) || "";
      const length = partialLength + line.length - (lastPiece.endsWith("\r") ? 1 : 0);
      if (tooLong || length > maxLine) line = null;
      else if (partial.length) {
        partial.push(line);
        line = partial.join("");
      }
      partial = [];
      partialLength = 0;
      tooLong = false;
      lines.push(line === null ? null : end(line));
      start = nl + 1;
    }
    if (start < text.length && !tooLong) {
      const rest = text.slice(start);
      partialLength += rest.length;
      if (partialLength > maxLine + 1) {
        tooLong = true;
        partial = [];
      } else partial.push(rest);
    }
    return lines;
  };
  for await (const chunk of input) {
    if (first && typeof chunk !== "string") refuseUtf16(chunk);
    const lines = split(typeof chunk === "string" ? chunk : decoder.write(chunk));
    if (lines.length) yield lines;
  }
  split(decoder.end());
  if (tooLong) yield [null];
  else if (partial.length) yield [end(partial.join(""))];
}
