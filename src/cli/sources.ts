import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "./io.js";

/** One email to read: where it came from and its bytes. */
export interface SourceMessage {
  file: string;
  /** 1-based position inside an mbox file; null for a single-message file. */
  message: number | null;
  data: Buffer;
  /** Set when the message was over the size limit and not kept. */
  oversize?: number;
}

export interface SourceOptions {
  maxBytes: number;
}

/** Checks every path before any work starts, so a typo fails fast with exit code 2. */
export async function checkPaths(paths: string[]): Promise<number> {
  let total = 0;
  for (const p of paths) {
    if (p === "-") continue;
    try {
      const s = await stat(p);
      total += s.isFile() ? s.size : 0;
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or folder`);
    }
  }
  return total;
}

/**
 * Every message under the paths, in order: an .eml file, a folder or maildir (walked, sorted),
 * an mbox file (streamed, never loaded whole), or `-` for stdin. Memory stays bounded by the
 * largest message kept (at most maxBytes).
 */
export async function* messages(paths: string[], options: SourceOptions): AsyncGenerator<SourceMessage> {
  for (const p of paths) {
    if (p === "-") {
      yield* fromStream(process.stdin, "-", options);
      continue;
    }
    const s = await stat(p);
    if (s.isDirectory()) yield* fromFolder(p, options);
    else yield* fromFile(p, options);
  }
}

async function* fromFolder(dir: string, options: SourceOptions): AsyncGenerator<SourceMessage> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* fromFolder(p, options);
    else if (e.isFile()) yield* fromFile(p, options);
  }
}

async function* fromFile(file: string, options: SourceOptions): AsyncGenerator<SourceMessage> {
  const fh = await open(file, "r");
  const head = Buffer.alloc(5);
  const { bytesRead } = await fh.read(head, 0, 5, 0);
  const size = (await fh.stat()).size;
  await fh.close();
  if (bytesRead === 5 && head.toString("latin1") === "From ") {
    yield* fromStream(createReadStream(file, { highWaterMark: 1 << 20 }), file, options);
    return;
  }
  if (size > options.maxBytes) {
    yield { file, message: null, data: Buffer.alloc(0), oversize: size };
    return;
  }
  const fh2 = await open(file, "r");
  try {
    yield { file, message: null, data: await fh2.readFile() };
  } finally {
    await fh2.close();
  }
}

/**
 * Splits a stream into messages. An mbox ("From " separator lines, mboxrd quoting of ">From ")
 * gives one message per separator; anything else is one message.
 */
async function* fromStream(
  stream: NodeJS.ReadableStream,
  file: string,
  options: SourceOptions,
): AsyncGenerator<SourceMessage> {
  let carry: Buffer = Buffer.alloc(0);
  let isMbox: boolean | null = null;
  let parts: Buffer[] = [];
  let size = 0;
  let dropped = 0;
  let index = 0;
  let started = false;

  const emit = (): SourceMessage | null => {
    if (!started) return null;
    index++;
    const out: SourceMessage =
      dropped > 0
        ? { file, message: index, data: Buffer.alloc(0), oversize: size + dropped }
        : { file, message: isMbox ? index : null, data: unquote(Buffer.concat(parts, size)) };
    parts = [];
    size = 0;
    dropped = 0;
    return out;
  };
  const add = (line: Buffer) => {
    if (dropped > 0 || size + line.length > options.maxBytes) {
      dropped += line.length;
      return;
    }
    parts.push(line);
    size += line.length;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buf: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (isMbox === null) {
      if (buf.length < 5) {
        carry = buf;
        continue;
      }
      isMbox = buf.subarray(0, 5).toString("latin1") === "From ";
      if (!isMbox) started = true;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      const line = buf.subarray(start, nl + 1);
      if (
        isMbox &&
        line.length >= 5 &&
        line[0] === 70 &&
        line.subarray(0, 5).toString("latin1") === "From "
      ) {
        const m = emit();
        if (m) yield m;
        started = true;
      } else {
        add(line);
      }
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start));
    buf = Buffer.alloc(0);
  }
  if (carry.length) add(carry);
  const last =
    emit() ?? (!started && size ? { file, message: null, data: Buffer.concat(parts, size) } : null);
  if (last) yield last;
}

/** mboxrd: ">From " (and ">>From ") lines lose one ">". */
function unquote(data: Buffer): Buffer {
  if (data.indexOf(">From ") < 0) return data;
  return Buffer.from(data.toString("latin1").replace(/^>(>*From )/gm, "$1"), "latin1");
}
