// `diagnosa bounce` as users run it: real files, folders, maildirs, mbox files, stdin.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { corpusDir } from "../../scripts/corpus.js";
import { ARF, NOT_BOUNCE, POSTFIX_DSN, QMAIL_TEXT, VACATION } from "../bounce/fixtures.js";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, LANG: "C" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const dir = mkdtempSync(join(tmpdir(), "diagnosa-cli-"));
writeFileSync(join(dir, "postfix.eml"), POSTFIX_DSN);
mkdirSync(join(dir, "maildir/cur"), { recursive: true });
mkdirSync(join(dir, "maildir/new"), { recursive: true });
writeFileSync(join(dir, "maildir/cur/1:2,S"), QMAIL_TEXT);
writeFileSync(join(dir, "maildir/new/2"), ARF);
const mbox = [
  POSTFIX_DSN,
  VACATION.replace("I am away", "From the office: I am away\n>From here"),
  NOT_BOUNCE,
]
  .map((m) => `From MAILER-DAEMON Mon Feb  2 10:00:00 2026\n${m.replace(/^From /gm, ">From ")}\n`)
  .join("");
writeFileSync(join(dir, "box.mbox"), mbox);

test("--ndjson: one line per recipient, with the file, over files, maildirs and mbox", () => {
  const r = run([
    "bounce",
    "--ndjson",
    join(dir, "postfix.eml"),
    join(dir, "maildir"),
    join(dir, "box.mbox"),
  ]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const summary = lines.map((l) => [
    l.file.replace(dir, ""),
    l.message,
    l.kind,
    l.recipient,
    l.diagnosis?.category ?? null,
  ]);
  assert.deepEqual(summary, [
    ["/postfix.eml", null, "bounce", "jane@example.com", "invalid_address"],
    ["/postfix.eml", null, "bounce", "full@example.com", "inbox_full"],
    ["/maildir/cur/1:2,S", null, "bounce", "gone@example.com", "invalid_address"],
    ["/maildir/new/2", null, "complaint", "reader@example.net", lines[3].diagnosis.category],
    ["/box.mbox", 1, "bounce", "jane@example.com", "invalid_address"],
    ["/box.mbox", 1, "bounce", "full@example.com", "inbox_full"],
    ["/box.mbox", 2, "autoreply", "jane@example.com", lines[6].diagnosis.category],
    ["/box.mbox", 3, "not_bounce", null, null],
  ]);
  assert.equal(lines[0].diagnosis.tips, undefined, "no tips in NDJSON unless asked");
  assert.equal(lines[0].original.messageId, "<campaign-42@example.org>");
});

test("worker threads give the same output in the same order", () => {
  const one = run(["bounce", "--ndjson", "--jobs", "1", dir]);
  const two = run(["bounce", "--ndjson", "--jobs", "2", dir]);
  assert.equal(one.code, 0);
  assert.equal(two.out, one.out);
});

test("readable output has tips and a summary by category; --lang id switches it", () => {
  const r = run(["bounce", "--no-color", join(dir, "postfix.eml")]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /jane@example\.com/);
  assert.match(r.out, /What to do/);
  assert.match(r.out, /Summary: 1 email/);
  assert.match(r.out, /Invalid Address\s+1\s+50\.0%/);
  const id = run(["bounce", "--lang", "id", join(dir, "postfix.eml")]);
  assert.match(id.out, /Ringkasan/);
  assert.match(id.out, /Alamat Tidak Valid/);
});

test("the summary by category counts failed recipients only, not one the report says was delivered", () => {
  // The second recipient of the report delivered: its action says so.
  const mixed = POSTFIX_DSN.replace(
    "Final-Recipient: rfc822; full@example.com\nAction: failed\nStatus: 5.2.2",
    "Final-Recipient: rfc822; full@example.com\nAction: delivered\nStatus: 2.0.0",
  ).replace("Diagnostic-Code: smtp; 552 5.2.2 Mailbox full", "Diagnostic-Code: smtp; 250 2.0.0 Ok");
  const r = run(["bounce", "--no-color", "-"], mixed);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Invalid Address\s+1\s+100\.0%/);
  assert.doesNotMatch(r.out, /Unknown\s+1/);
  const lines = run(["bounce", "--ndjson", "-"], mixed)
    .out.trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { kind: string; recipient: string; diagnosis: { kind: string } });
  assert.deepEqual(
    lines.map((l) => [l.recipient, l.kind, l.diagnosis.kind]),
    [
      ["jane@example.com", "bounce", "bounce"],
      ["full@example.com", "bounce", "delivered"],
    ],
  );
});

test("--json is an array of reports; - reads stdin", () => {
  const r = run(["bounce", "--json", "-"], POSTFIX_DSN);
  assert.equal(r.code, 0, r.err);
  const reports = JSON.parse(r.out);
  assert.equal(reports.length, 1);
  assert.equal(reports[0].file, "-");
  assert.equal(reports[0].recipients.length, 2);
});

test("a FIFO (a process substitution) is read as a stream; empty stdin is not_bounce like an empty file", () => {
  const fifo = spawnSync(
    "bash",
    ["-c", `"${process.execPath}" "${bin}" bounce --ndjson <(cat "${join(dir, "box.mbox")}")`],
    { encoding: "utf8", env: { ...process.env, LANG: "C" } },
  );
  assert.equal(fifo.status, 0, fifo.stderr);
  const kinds = fifo.stdout
    .trim()
    .split("\n")
    .map((l) => [JSON.parse(l).message, JSON.parse(l).kind]);
  assert.deepEqual(kinds, [
    [1, "bounce"],
    [1, "bounce"],
    [2, "autoreply"],
    [3, "not_bounce"],
  ]);
  const empty = join(mkdtempSync(join(tmpdir(), "diagnosa-empty-")), "empty.eml");
  writeFileSync(empty, "");
  const lines = [run(["bounce", "--ndjson", "-"], ""), run(["bounce", "--ndjson", empty])].map((r) => {
    assert.equal(r.code, 0, r.err);
    const { file: _, ...rest } = JSON.parse(r.out);
    return rest;
  });
  assert.deepEqual(lines[0], lines[1]);
  assert.equal(lines[0].kind, "not_bounce");
});

test("a maildir's Maildir++ folders (.Bounces) are read; hidden entries elsewhere are not", () => {
  const root = mkdtempSync(join(tmpdir(), "diagnosa-maildirpp-"));
  for (const d of [
    "Maildir/cur",
    "Maildir/new",
    "Maildir/.Bounces/cur",
    "Maildir/.Bounces/new",
    "Maildir/.Sent/cur",
    "Maildir/.INBOX.Drafts/cur",
    "other/.hidden",
  ])
    mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, "Maildir/cur/1:2,S"), POSTFIX_DSN);
  writeFileSync(join(root, "Maildir/.Bounces/cur/2:2,S"), QMAIL_TEXT);
  writeFileSync(join(root, "other/.hidden/3"), QMAIL_TEXT);
  // The user's own sent mail and drafts are not read.
  writeFileSync(join(root, "Maildir/.Sent/cur/4:2,S"), QMAIL_TEXT);
  writeFileSync(join(root, "Maildir/.INBOX.Drafts/cur/5:2,S"), QMAIL_TEXT);
  const r = run(["bounce", "--ndjson", root]);
  assert.equal(r.code, 0, r.err);
  const files = new Set(
    r.out
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l).file as string).replace(root, "")),
  );
  assert.deepEqual([...files], ["/Maildir/.Bounces/cur/2:2,S", "/Maildir/cur/1:2,S"]);
});

test("a missing path or a bad option is exit code 2 with a message", () => {
  const r = run(["bounce", join(dir, "nope.eml")]);
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read .*nope\.eml/);
  assert.equal(run(["bounce", "--jobs", "0", dir]).code, 2);
  assert.equal(run(["bounce"]).code, 2);
});

test("an oversize message is skipped with a message, the rest is read", () => {
  const r = run([
    "bounce",
    "--ndjson",
    "--max-bytes",
    "1024",
    join(dir, "postfix.eml"),
    join(dir, "maildir"),
  ]);
  assert.equal(r.code, 2);
  assert.match(r.err, /over the limit/);
  const lines = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.ok(lines[0].error);
  assert.ok(lines.some((l) => l.recipient === "gone@example.com"));
});

test("symbolic links in folders are followed; loops are not walked twice; broken ones are reported", () => {
  const root = mkdtempSync(join(tmpdir(), "diagnosa-links-"));
  writeFileSync(join(root, "real.eml"), POSTFIX_DSN);
  mkdirSync(join(root, "d/sub"), { recursive: true });
  symlinkSync("../real.eml", join(root, "d/a.eml"));
  symlinkSync("..", join(root, "d/sub/loop"));
  symlinkSync(join(root, "maildir-link-target"), join(root, "d/b-dir"));
  mkdirSync(join(root, "maildir-link-target"));
  writeFileSync(join(root, "maildir-link-target/1"), QMAIL_TEXT);
  symlinkSync("../nope.eml", join(root, "d/c-broken.eml"));
  const r = run(["bounce", "--ndjson", join(root, "d")]);
  assert.equal(r.code, 2, "the broken link counts as a message that cannot be read");
  assert.match(r.err, /c-broken\.eml: cannot read: broken symbolic link/);
  const lines = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.file.replace(root, ""), l.recipient ?? l.error]),
    [
      ["/d/a.eml", "jane@example.com"],
      ["/d/a.eml", "full@example.com"],
      ["/d/b-dir/1", "gone@example.com"],
      ["/d/c-broken.eml", "cannot read: broken symbolic link"],
    ],
  );
  const text = run(["bounce", "--no-color", join(root, "d/a.eml")]);
  assert.match(text.out, /Summary: 1 email\(s\), 2 addresses/);
});

/** Runs the CLI and reads its peak memory (KiB) from a hook that prints it on exit. */
function runMeasured(args: string[], input: Buffer) {
  const hook =
    'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss="+process.resourceUsage().maxRSS+"\\n"))';
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--import", hook, bin, ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: { ...process.env, LANG: "C" },
  });
  const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]);
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr,
    rssMiB: rss / 1024,
    ms: performance.now() - started,
  };
}

test("stdin: linear on long lines, memory bounded on many short lines", () => {
  const size = 32 * 1024 * 1024;
  const oneLine = Buffer.alloc(size, "a");
  const file = join(dir, "long-line.eml");
  writeFileSync(file, oneLine);
  const fromFile = runMeasured(["bounce", "--ndjson", "--jobs", "1", file], Buffer.alloc(0));
  const fromStdin = runMeasured(["bounce", "--ndjson", "--jobs", "1", "-"], oneLine);
  assert.equal(fromStdin.code, 2, fromStdin.err);
  assert.match(fromStdin.err, /over the limit/);
  assert.ok(
    fromStdin.ms < 3 * fromFile.ms + 2000,
    `stdin ${fromStdin.ms.toFixed(0)} ms against ${fromFile.ms.toFixed(0)} ms from a file`,
  );
  // 32 MB of empty lines, plain and as an mbox: one Buffer per line took over 1 GB.
  for (const input of [
    Buffer.alloc(size, "\n"),
    Buffer.concat([Buffer.from("From a\n"), Buffer.alloc(size, "\n")]),
  ]) {
    const r = runMeasured(["bounce", "--ndjson", "--jobs", "1", "-"], input);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /over the limit of 10485760 bytes/);
    assert.ok(r.rssMiB < 400, `${r.rssMiB.toFixed(0)} MiB`);
  }
  // --max-bytes bounds it further.
  const small = runMeasured(
    ["bounce", "--ndjson", "--jobs", "1", "--max-bytes", "1048576", "-"],
    Buffer.alloc(size, "\n"),
  );
  assert.match(small.err, /over the limit of 1048576 bytes/);
});

test("an mbox on stdin splits as the file does; a byte order mark is ignored", () => {
  const file = run(["bounce", "--ndjson", join(dir, "box.mbox")]);
  const stdin = run(["bounce", "--ndjson", "-"], `\uFEFF${mbox}`);
  assert.equal(stdin.code, 0, stdin.err);
  assert.equal(stdin.out, file.out.replaceAll(JSON.stringify(join(dir, "box.mbox")), '"-"'));
  const eml = run(["bounce", "--ndjson", "-"], `\uFEFF${POSTFIX_DSN}`);
  assert.equal(eml.code, 0, eml.err);
  assert.deepEqual(
    eml.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).recipient),
    ["jane@example.com", "full@example.com"],
  );
  const bomFile = join(dir, "bom.mbox.txt");
  writeFileSync(bomFile, `\uFEFF${mbox}`);
  const fromBomFile = run(["bounce", "--ndjson", bomFile]);
  assert.equal(fromBomFile.out.trim().split("\n").length, file.out.trim().split("\n").length);
});

test("--lang id translates the summary and the DSN action", () => {
  const r = run(["bounce", "--lang", "id", "--no-color", join(dir, "postfix.eml")]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Ringkasan: 1 email, 2 alamat$/m);
  assert.match(r.out, /-> jane@example\.com \(gagal\)/);
  assert.doesNotMatch(r.out, /email\(s\)|\(failed\)|Summary/);
  assert.doesNotMatch(r.out, /[ \t]+$/m, "no trailing spaces");
});

test("the whole sisimai corpus in one call", { skip: corpusDir() ? false : "no corpus" }, () => {
  const maildir = join(corpusDir()!, "sisimai/maildir");
  const r = run(["bounce", "--ndjson", maildir]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const files = new Set(lines.map((l) => l.file));
  assert.ok(files.size >= 507, `${files.size} files`);
  assert.ok(lines.filter((l) => l.kind === "bounce").length > 450);
});

test("readable bounce output shows control characters from the email as escapes", () => {
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-esc-"));
  const file = join(dir, "esc.eml");
  // The returned message's subject, shown in the report, carries an escape sequence.
  writeFileSync(
    file,
    POSTFIX_DSN.replace("Subject: =?UTF-8?B?SGFsbyBkdW5pYQ==?=", "Subject: Halo \u001b]0;pwned\u0007"),
  );
  const r = spawnSync(process.execPath, [bin, "bounce", "--no-color", file], { encoding: "utf8" });
  assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, "no raw control character");
  assert.match(r.stdout, /\\u001b\]0;pwned\\u0007/);
});

test("--json and --ndjson --tips give the tips of --lang only when --lang is given, as a single diagnosis does", () => {
  const file = join(dir, "postfix.eml");
  const tipsOf = (out: string) => Object.keys(JSON.parse(out)[0].recipients[0].diagnosis.tips).sort();
  assert.deepEqual(tipsOf(run(["bounce", "--json", "--lang", "id", file]).out), ["id"]);
  assert.deepEqual(tipsOf(run(["bounce", "--json", file]).out), ["en", "id"]);
  const line = JSON.parse(run(["bounce", "--ndjson", "--tips", "--lang", "en", file]).out.split("\n")[0]!);
  assert.deepEqual(Object.keys(line.diagnosis.tips), ["en"]);
});
