// The CLI as a user runs it: a real process, real pipes, exit codes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

function run(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, LANG: "C", LC_ALL: "", LC_MESSAGES: "", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("--json prints the diagnosis of the README example", () => {
  const r = run([
    "--json",
    "550 5.1.1 <a@b.com>: Recipient address rejected: User unknown in virtual mailbox table",
  ]);
  assert.equal(r.code, 0, r.err);
  const d = JSON.parse(r.out);
  assert.equal(d.category, "invalid_address");
  assert.equal(d.errorCode, 550);
  assert.equal(d.statusCode, "5.1.1");
  assert.ok(d.tips.en.length && d.tips.id.length);
});

test("readable output follows --lang, and the locale by default", () => {
  const en = run(["--no-color", "552 5.2.2 Mailbox full"]);
  assert.equal(en.code, 0);
  assert.match(en.out, /Inbox Full/);
  assert.match(en.out, /What to do/);
  const id = run(["--lang", "id", "552 5.2.2 Mailbox full"]);
  assert.match(id.out, /Kotak Masuk Penuh/);
  assert.match(id.out, /Yang perlu dilakukan/);
  assert.doesNotMatch(id.out, /What to do|Permanence/);
  const locale = run(["552 5.2.2 Mailbox full"], undefined, { LANG: "id_ID.UTF-8" });
  assert.match(locale.out, /Kotak Masuk Penuh/);
  assert.doesNotMatch(en.out, /\x1b\[/, "no colour when not a terminal");
});

test("a multi-line reply can be piped on stdin", () => {
  const r = run(
    ["--json"],
    "550-5.7.26 Unauthenticated email is not accepted\n550 5.7.26 due to domain's DMARC policy\n",
  );
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).category, "dmarc");
});

test("--ndjson answers one line per input line, in order", () => {
  const lines = [
    "550 5.1.1 user unknown",
    JSON.stringify({ response: "mailbox full", errorCode: 552 }),
    "421 4.7.0 Too many connections",
    JSON.stringify({ response: "", errorCode: 550, statusCode: "5.7.26" }),
  ];
  const r = run(["--ndjson"], `${lines.join("\n")}\n`);
  assert.equal(r.code, 0, r.err);
  const out = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    out.map((d) => d.category),
    ["invalid_address", "inbox_full", "rate_limit", "dmarc"],
  );
  assert.equal(out[0].tips, undefined, "no tips unless asked");
  const withTips = run(["--ndjson", "--tips"], "550 5.1.1 user unknown\n");
  assert.ok(JSON.parse(withTips.out).tips.en.length);
});

test("--ndjson keeps going past bad lines, marks them, and exits 2", () => {
  const r = run(["--ndjson"], '550 5.1.1 user unknown\n{"response": 5}\n{oops\n\n552 mailbox full\n');
  assert.equal(r.code, 2);
  const out = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(out.length, 5);
  assert.equal(out[1].line, 2);
  assert.match(out[1].error, /response/);
  assert.match(out[2].error, /JSON/);
  assert.equal(out[4].category, "inbox_full");
  assert.match(r.err, /line 2/);
  assert.doesNotMatch(r.err, /at .*\.js:\d+/, "no stack trace");
});

test("bad usage exits 2 with a message and no stack trace", () => {
  for (const args of [
    ["--lang", "fr", "x"],
    ["--bogus"],
    ["--code", "abc", "550 x"],
    ["--status", "x.y", "550 x"],
    [""],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, /^diagnosa: /);
    assert.doesNotMatch(r.err, /at .*\.js:\d+/);
  }
});

test("--help and --version", () => {
  assert.match(run(["--help"]).out, /usage:/);
  assert.match(run(["--version"]).out, /^\d+\.\d+\.\d+/);
});
