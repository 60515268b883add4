import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Localized } from "../catalog/types.js";
import { asLocalized, checkStdin, stdinOnce, stripBomBytes, UsageError } from "./io.js";

/** One email to read: where it came from and its bytes. */
export interface SourceMessage {
  file: string;
  /** 1-based position inside an mbox file; null for a single-message file. */
  message: number | null;
  data: Buffer;
  /** Set when the message was over the size limit and not kept. */
  oversize?: number;
  /** Set when the file could not be read (a broken symbolic link…): why; data is then empty. */
  unreadable?: Localized;
}

export interface SourceOptions {
  maxBytes: number;
}

/** Checks every path before any work starts, so a typo fails fast with exit code 2. */
export async function checkPaths(paths: string[]): Promise<number> {
  stdinOnce(paths);
  let total = 0;
  for (const p of paths) {
    if (p === "-") {
      checkStdin();
      continue;
    }
    try {
      const s = await stat(p);
      total += s.isFile() ? s.size : 0;
    } catch {
      throw new UsageError({
        en: `cannot read ${p}: no such file or folder`,
        id: `tidak dapat membaca ${p}: berkas atau folder tidak ada`,
      });
    }
  }
  return total;
}

/**
 * Every message under the paths, in order: an .eml file, a folder or maildir (walked, sorted,
 * symbolic links followed), an mbox file (streamed, never loaded whole), or `-` for stdin. Memory
 * stays bounded by the largest message kept (at most maxBytes) plus a read chunk.
 */
export async function* messages(paths: string[], options: SourceOptions): AsyncGenerator<SourceMessage> {
  for (const p of paths) {
    if (p === "-") {
      yield* fromStream(process.stdin, "-", options);
      continue;
    }
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(p);
    } catch (e) {
      // Gone since `checkPaths` looked (a file moved away mid-run): reported, the rest still read.
      yield {
        file: p,
        message: null,
        data: Buffer.alloc(0),
        unreadable: cannotRead((e as NodeJS.ErrnoException).code ?? { en: "error", id: "galat" }),
      };
      continue;
    }
    if (s.isDirectory()) yield* fromFolder(p, options, new Set([dirKey(s)]));
    else if (s.isFile()) yield* fromFile(p, options);
    // A FIFO, a process substitution (<(…)), a character device: no size and no seeking, read
    // as a stream like stdin.
    else yield* fromStream(createReadStream(p, { highWaterMark: 1 << 20 }), p, options);
  }
}

/** "cannot read: ENOENT": why a file under a path could not be read, a system code or words. */
function cannotRead(why: string | Localized): Localized {
  const w = asLocalized(why);
  return { en: `cannot read: ${w.en}`, id: `tidak dapat dibaca: ${w.id}` };
}

function dirKey(s: { dev: number; ino: number }): string {
  return `${s.dev}:${s.ino}`;
}

/** Maildir++ folders of mail the user wrote or threw away (.Sent, .INBOX.Drafts, .Deleted Items). */
const OWN_MAIL_FOLDER =
  /^\.(?:.*\.)?(?:sent|sent items|sent messages|sent mail|drafts|trash|deleted items|deleted messages|templates|outbox)$/i;

/**
 * A folder's files, sorted, hidden ones left out. A symbolic link is followed to its file or
 * folder; a folder already open higher up the walk (a link loop) is not entered again.
 */
async function* fromFolder(
  dir: string,
  options: SourceOptions,
  open: Set<string>,
): AsyncGenerator<SourceMessage> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  // A maildir's own folders (Maildir++: Maildir/.Bounces/cur) start with a dot: they are read; other
  // hidden entries are not.
  const names = new Set(entries.map((e) => e.name));
  const isMaildir = names.has("cur") && names.has("new");
  for (const e of entries) {
    if (e.name.startsWith(".") && !(isMaildir && e.name.length > 1 && e.name !== ".." && e.isDirectory()))
      continue;
    // The user's own mail (sent, drafts, trash) holds no bounces: its folders are not read.
    if (isMaildir && OWN_MAIL_FOLDER.test(e.name)) continue;
    const p = join(dir, e.name);
    let isDirectory = e.isDirectory();
    let isFile = e.isFile();
    let key: string | null = null;
    if (e.isSymbolicLink() || isDirectory) {
      let s: Awaited<ReturnType<typeof stat>>;
      try {
        s = await stat(p);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "error";
        const why =
          code === "ENOENT"
            ? { en: "broken symbolic link", id: "tautan simbolik rusak" }
            : code === "ELOOP"
              ? { en: "symbolic link loop", id: "tautan simbolik berputar (loop)" }
              : code;
        yield { file: p, message: null, data: Buffer.alloc(0), unreadable: cannotRead(why) };
        continue;
      }
      isDirectory = s.isDirectory();
      isFile = s.isFile();
      if (isDirectory) key = dirKey(s);
    }
    if (isDirectory && key !== null) {
      if (open.has(key)) continue;
      open.add(key);
      try {
        yield* fromFolder(p, options, open);
      } finally {
        open.delete(key);
      }
    } else if (isFile) yield* fromFile(p, options);
  }
}

async function* fromFile(file: string, options: SourceOptions): AsyncGenerator<SourceMessage> {
  const fh = await open(file, "r");
  const head = Buffer.alloc(8);
  const { bytesRead } = await fh.read(head, 0, 8, 0);
  const size = (await fh.stat()).size;
  await fh.close();
  const start = stripBomBytes(head.subarray(0, bytesRead));
  if (start.length >= 5 && start.subarray(0, 5).toString("latin1") === "From ") {
    yield* fromStream(createReadStream(file, { highWaterMark: 1 << 20 }), file, options);
    return;
  }
  if (size > options.maxBytes) {
    yield { file, message: null, data: Buffer.alloc(0), oversize: size };
    return;
  }
  const fh2 = await open(file, "r");
  try {
    yield { file, message: null, data: stripBomBytes(await fh2.readFile()) };
  } finally {
    await fh2.close();
  }
}

/** "\nFrom ": an mbox separator line starts after it. */
const SEPARATOR = Buffer.from("\nFrom ", "latin1");

/**
 * Splits a stream into messages. An mbox ("From " separator lines, mboxrd quoting of ">From ")
 * gives one message per separator; anything else is one message. A UTF-8 byte order mark at the
 * start is dropped.
 *
 * Linear and bounded: a message is kept as the runs of bytes between separators (views into the
 * read chunks, never one buffer per line) and joined once; past maxBytes its bytes are only
 * counted. Between chunks only the last 5 bytes are carried, to find a separator split by them.
 */
async function* fromStream(
  stream: AsyncIterable<Buffer>,
  file: string,
  options: SourceOptions,
): AsyncGenerator<SourceMessage> {
  let parts: Buffer[] = [];
  let size = 0;
  let dropped = 0;
  let index = 0;
  let started = false;

  const emit = (isMbox: boolean): SourceMessage | null => {
    const out: SourceMessage | null = !started
      ? null
      : dropped > 0
        ? { file, message: ++index, data: Buffer.alloc(0), oversize: size + dropped }
        : {
            file,
            message: isMbox ? ++index : null,
            data: isMbox ? unquote(Buffer.concat(parts, size)) : Buffer.concat(parts, size),
          };
    parts = [];
    size = 0;
    dropped = 0;
    return out;
  };
  const add = (bytes: Buffer) => {
    if (!bytes.length) return;
    if (dropped > 0 || size + bytes.length > options.maxBytes) {
      dropped += bytes.length;
      parts = [];
      return;
    }
    parts.push(bytes);
    size += bytes.length;
  };

  const it = stream[Symbol.asyncIterator]();
  // The first bytes tell an mbox (starts with "From ") from a single message.
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  while (head.length < 8) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    head = head.length ? Buffer.concat([head, r.value]) : r.value;
  }
  head = stripBomBytes(head);
  const isMbox = head.length >= 5 && head.subarray(0, 5).toString("latin1") === "From ";

  if (!isMbox) {
    started = true;
    add(head);
    if (!ended) for (let r = await it.next(); !r.done; r = await it.next()) add(r.value);
    // Empty input too is a message (not a bounce), as an empty file is.
    const m = emit(false);
    if (m) yield m;
    return;
  }

  // The last bytes of the previous chunk (at most 5), to find a separator split by a chunk boundary;
  // the first `carrySkip` of them are not message bytes (they end a separator line). At the start,
  // a "\n" before the first byte, so that the first separator is found like the others.
  let carry: Buffer = Buffer.from("\n");
  let carrySkip = 1;
  let skipping = false; // inside a separator line, until its "\n"
  let chunk: Buffer = head;
  for (;;) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let pos = carrySkip; // first byte of the current message not yet added
    let from = 0; // where to search next
    for (;;) {
      if (skipping) {
        const nl = buf.indexOf(10, from);
        if (nl < 0) {
          pos = buf.length;
          break;
        }
        skipping = false;
        pos = nl + 1;
        from = nl;
      }
      const at = buf.indexOf(SEPARATOR, from);
      if (at < 0) break;
      add(buf.subarray(pos, at + 1));
      const m = emit(true);
      if (m) yield m;
      started = true;
      skipping = true;
      from = at + 1;
    }
    // A separator line still open has no "\n" left, so nothing in it can start a separator.
    const keepFrom = skipping ? buf.length : Math.max(0, buf.length - (SEPARATOR.length - 1));
    if (pos < keepFrom) add(buf.subarray(pos, keepFrom));
    carry = Buffer.from(buf.subarray(keepFrom));
    carrySkip = Math.max(0, pos - keepFrom);
    if (ended) break;
    const r = await it.next();
    if (r.done) break;
    chunk = r.value;
  }
  if (!skipping) add(carry.subarray(carrySkip));
  // An unterminated separator line at the very end starts no message.
  const last = skipping && !size && !dropped ? null : emit(true);
  if (last) yield last;
}

/** mboxrd: ">From " (and ">>From ") lines lose one ">". */
function unquote(data: Buffer): Buffer {
  if (data.indexOf(">From ") < 0) return data;
  return Buffer.from(data.toString("latin1").replace(/^>(>*From )/gm, "$1"), "latin1");
}
