// The CLI as a user runs it: a real process, real pipes, exit codes.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { lineBatches, MAX_LINE_CHARS } from "../../src/cli/io.js";
import { CLI_BIN, runCli } from "../support/cli.js";

const run = runCli;

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

test("a success reads as a delivery: no failure category, permanence or tips", () => {
  const r = runCli(["250 2.0.0 Ok: queued as 4BCD123"]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^Delivered\n/);
  assert.doesNotMatch(r.out, /Permanence|What to do|Retry|Unknown/);
  assert.match(r.out, /nothing to do/);
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

/** Runs the CLI with stdin and stdout from the given paths (a directory, /dev/full…). */
function runWith(args: string[], stdio: { stdin?: string; stdout?: string }, input?: string) {
  const fds: number[] = [];
  const fd = (path: string, flags: string) => {
    const n = openSync(path, flags);
    fds.push(n);
    return n;
  };
  try {
    const r = spawnSync(process.execPath, [CLI_BIN, ...args], {
      input,
      encoding: "utf8",
      stdio: [
        stdio.stdin ? fd(stdio.stdin, "r") : "pipe",
        stdio.stdout ? fd(stdio.stdout, "w") : "pipe",
        "pipe",
      ],
      env: { ...process.env, LANG: "C", LC_ALL: "", LC_MESSAGES: "" },
    });
    return { code: r.status, out: r.stdout ?? "", err: r.stderr };
  } finally {
    for (const n of fds) closeSync(n);
  }
}

const ndjsonLines = (out: string) =>
  out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

const noTrace = (err: string) => assert.doesNotMatch(err, /at .*\.js:\d+|^\s+at /m, "no stack trace");

test("--ndjson splits lines on LF only: a lone CR stays in its line, CRLF loses the CR", () => {
  const lone = run(["--ndjson"], "a\rb\n");
  assert.equal(lone.code, 0, lone.err);
  assert.equal(ndjsonLines(lone.out).length, 1, "one output line per input line");

  const r = run(
    ["--ndjson"],
    "550 5.1.1 a\rb\r\n{bad\r\n552 5.2.2 mailbox full\r\n\r\n421 4.7.0 Too many connections\r",
  );
  assert.equal(r.code, 2);
  const out = ndjsonLines(r.out);
  assert.equal(out.length, 5);
  assert.equal(out[0].category, "invalid_address");
  assert.deepEqual([out[1].line, out[3].line], [2, 4], "error lines point at the input lines");
  assert.equal(out[2].category, "inbox_full");
  assert.equal(out[4].category, "rate_limit", "a last line without LF is read, its CR dropped");
  assert.match(r.err, /line 2: .*JSON/);
  assert.match(r.err, /line 4: empty line/);
});

test("a UTF-8 byte order mark at the start of stdin is ignored", () => {
  const bom = "\uFEFF";
  const nd = run(["--ndjson"], `${bom}{"response":"550 5.1.1 x"}\n552 5.2.2 full\n`);
  assert.equal(nd.code, 0, nd.err);
  assert.deepEqual(
    ndjsonLines(nd.out).map((d) => d.category),
    ["invalid_address", "inbox_full"],
  );
  const text = run(["--json"], `${bom}550 5.1.1 <a@b.com>: User unknown\n`);
  assert.equal(text.code, 0, text.err);
  assert.equal(JSON.parse(text.out).category, "invalid_address");
});

test("--ndjson ignores unknown fields and echoes a string or number id", () => {
  const lines = [
    { id: "x1", campaign: { n: 4 }, tags: ["a"], response: "550 5.1.1 user unknown" },
    { id: 42, response: "mailbox full", errorCode: 552 },
    { id: { nested: true }, response: "421 4.7.0 Too many connections" },
    { id: "bad-1", response: "x", errorCode: "abc" },
    { meta: 1, response: 5 },
  ];
  const r = run(["--ndjson"], `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  assert.equal(r.code, 2);
  const out = ndjsonLines(r.out);
  assert.equal(out.length, 5);
  assert.equal(out[0].id, "x1");
  assert.equal(out[0].category, "invalid_address");
  assert.equal(out[0].campaign, undefined, "unknown fields are not copied");
  assert.equal(out[1].id, 42);
  assert.equal(out[1].category, "inbox_full");
  assert.equal(out[2].category, "rate_limit");
  assert.equal("id" in out[2], false, "an id that is neither a string nor a number is not echoed");
  assert.deepEqual([out[3].id, out[3].line], ["bad-1", 4], "an error line keeps its id");
  assert.match(out[3].error, /errorCode/, "known fields keep their type checks");
  assert.match(out[4].error, /response/);
  assert.doesNotMatch(r.err, /unknown field/);
});

test("a directory on stdin is exit 2 'stdin is a directory'", () => {
  const dir = tmpdir();
  for (const args of [
    [],
    ["--ndjson"],
    ["--json"],
    ["bounce", "-"],
    ["logs", "-"],
    ["check", "message", "-"],
  ]) {
    const r = runWith(args, { stdin: dir });
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, /^diagnosa: stdin is a directory/, args.join(" "));
    assert.equal(r.err.trim().split("\n").length, 1, "one line");
    assert.doesNotMatch(r.err, /internal error/);
  }
});

test("a write error is one line on stderr and exit 1", {
  skip: !existsSync("/dev/full") && "no /dev/full",
}, () => {
  const one = runWith(["550 5.1.1 x"], { stdout: "/dev/full" });
  assert.equal(one.code, 1, one.err);
  assert.equal(one.err, "diagnosa: cannot write the output: ENOSPC: no space left on device\n");
  const many = runWith(["--ndjson"], { stdout: "/dev/full" }, "550 5.1.1 user unknown\n".repeat(20000));
  assert.equal(many.code, 1, many.err);
  assert.match(many.err, /^diagnosa: cannot write the output: ENOSPC/);
  assert.equal(many.err.trim().split("\n").length, 1);
  noTrace(many.err);
  const bounce = runWith(["bounce", "-"], { stdout: "/dev/full" }, "Subject: hi\n\nhello\n");
  assert.equal(bounce.code, 1, bounce.err);
  assert.match(bounce.err, /cannot write the output: ENOSPC/);
});

test("--ndjson answers each line as it comes, with stdin still open (a caller waiting on each answer)", async () => {
  const p = spawn(process.execPath, [CLI_BIN, "--ndjson"], { env: { ...process.env, LANG: "C" } });
  const lines: string[] = [];
  let pending = "";
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no answer while stdin stays open")), 10_000);
      const check = () => {
        const nl = pending.indexOf("\n");
        if (nl < 0) return;
        p.stdout.off("data", onData);
        clearTimeout(timer);
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        resolve(line);
      };
      const onData = (d: string) => {
        pending += d;
        check();
      };
      p.stdout.on("data", onData);
      check();
    });
  p.stdout.setEncoding("utf8");
  try {
    p.stdin.write("550 5.1.1 <a@example.com>: Recipient address rejected: User unknown\n");
    lines.push(await next());
    p.stdin.write('{"response": "452 4.2.2 Mailbox full", "id": 2}\n');
    lines.push(await next());
  } finally {
    p.stdin.end();
  }
  const code = await new Promise((resolve) => p.on("close", resolve));
  assert.deepEqual(
    lines.map((l) => (JSON.parse(l) as { category: string }).category),
    ["invalid_address", "inbox_full"],
  );
  assert.equal(code, 0);
});

test("a closed pipe (| head) ends the run quietly with exit code 0", async () => {
  const p = spawn(process.execPath, [CLI_BIN, "--ndjson"], { env: { ...process.env, LANG: "C" } });
  let err = "";
  p.stderr.setEncoding("utf8").on("data", (d: string) => {
    err += d;
  });
  p.stdin.on("error", () => {});
  p.stdout.once("data", () => p.stdout.destroy());
  p.stdin.end("550 5.1.1 user unknown\n".repeat(200000));
  const code = await new Promise((resolve) => p.on("close", resolve));
  assert.equal(code, 0);
  assert.equal(err, "");
});

test("check: a name with an empty, long or too many labels is not a domain name", () => {
  for (const name of ["a..b", ".a.b", "a.b..", "nodot", `${"a".repeat(64)}.com`, `${"a.".repeat(127)}com`]) {
    const r = run(["check", "domain", name, "--dns-server", "127.0.0.1:9"]);
    assert.equal(r.code, 2, `${name}: ${r.err}`);
    assert.match(r.err, /^diagnosa: not a domain name/);
  }
});

/** A DNS server that never answers, for checks that wait. */
async function silentDns(): Promise<{ address: string; close: () => void }> {
  const s = createSocket("udp4");
  s.on("message", () => {});
  await new Promise<void>((resolve) => s.bind(0, "127.0.0.1", resolve));
  return { address: `127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => s.close() };
}

/** Runs a command until `done(output)` or `ms` pass, then kills it; resolves with what it printed. */
function watch(cmd: string, args: string[], done: (out: string) => boolean, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env: { ...process.env, LANG: "C", LC_ALL: "" } });
    let out = "";
    const finish = () => {
      clearTimeout(timer);
      p.kill("SIGKILL");
    };
    const timer = setTimeout(finish, ms);
    for (const s of [p.stdout, p.stderr])
      s.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        if (done(out)) finish();
      });
    p.on("close", () => resolve(out));
  });
}

const hasScript = spawnSync("script", ["--version"]).status === 0;

test("check: a long wait on DNS is noted on a terminal's stderr, not when piped", async () => {
  const dns = await silentDns();
  try {
    const args = [CLI_BIN, "check", "ip", "192.0.2.1", "--dns-server", dns.address];
    const note = /waiting for DNS/;
    const started = performance.now();
    const [piped, tty] = await Promise.all([
      watch(process.execPath, args, (o) => note.test(o), 3500),
      hasScript
        ? watch(
            "script",
            ["-qec", `'${process.execPath}' ${args.map((a) => `'${a}'`).join(" ")}`, "/dev/null"],
            (o) => note.test(o),
            8000,
          )
        : Promise.resolve(null),
    ]);
    assert.doesNotMatch(piped, note, "nothing on a piped stderr");
    if (tty !== null) {
      assert.match(tty, note, "a note on a terminal");
      assert.ok(performance.now() - started >= 1900, "only after about 2 s");
    }
  } finally {
    dns.close();
  }
});

test("--command must be a known SMTP stage; flag errors name the flag", () => {
  const bad = run(["--command", "FOO", "550 x"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^diagnosa: --command must be one of CONNECT, HELO.*RCPT.*DATA.*"FOO"/);
  const ok = run(["--json", "--command", "rcpt to", "550 x"]);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).command, "RCPT");
  for (const [flag, value] of [
    ["--code", "abc"],
    ["--code", "55"],
    ["--status", "x.y"],
  ] as const) {
    const r = run([flag, value, "550 x"]);
    assert.equal(r.code, 2, `${flag} ${value}`);
    assert.match(r.err, new RegExp(`^diagnosa: ${flag} must be`));
    assert.doesNotMatch(r.err, /errorCode|statusCode/, "the flag, not the JSON field");
  }
});

test("a subcommand one edit away, before a file or a check word, is an unknown command", () => {
  const file = join(mkdtempSync(join(tmpdir(), "diagnosa-typo-")), "file.eml");
  writeFileSync(file, "Subject: x\n\nhello\n");
  for (const [args, typo, meant] of [
    [["bouce", file], "bouce", "bounce"],
    [["bounec", "-"], "bounec", "bounce"],
    [["chek", "domain", "example.com"], "chek", "check"],
    [["Check", "ip", "192.0.2.1"], "Check", "check"],
    [["log", file], "log", "logs"],
  ] as const) {
    const r = run([...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.equal(r.err, `diagnosa: unknown command '${typo}' (did you mean '${meant}'?)\n`);
  }
  // Reply text that merely looks close stays a diagnosis.
  const reply = run(["--json", "bounced", "mail", "550", "5.1.1"]);
  assert.equal(reply.code, 0, reply.err);
  assert.equal(JSON.parse(reply.out).statusCode, "5.1.1");
});

test("an option of another command is exit 2, never silently ignored", () => {
  for (const [args, flag] of [
    [["--jobs", "2", "550 x"], "--jobs"],
    [["--port", "8000", "550 x"], "--port"],
    [["bounce", "--code", "550", "-"], "--code"],
    [["bounce", "--check", "-"], "--check"],
    [["check", "domain", "example.com", "--tips"], "--tips"],
    [["--ndjson", "--code", "550"], "--code"],
  ] as const) {
    const r = run([...args], "");
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, new RegExp(`^diagnosa: ${flag} is not an option of `), args.join(" "));
  }
  const hint = run(["--jobs", "2", "550 x"]);
  assert.match(hint.err, /it belongs to diagnosa bounce/);
  const dns = run(["--dns-server", "1.1.1.1", "550 x"]);
  assert.equal(dns.code, 2);
  assert.match(dns.err, /--dns-server goes with --check/);
});

test("the help names the same options and commands in both languages", () => {
  const words = (lang: string): string[] =>
    [...new Set(run(["--help", "--lang", lang]).out.match(/--[a-z-]+|diagnosa [a-z]+|\([A-Z_]+/g))].sort();
  assert.deepEqual(words("id"), words("en"));
});

test("--help and --version", () => {
  assert.match(run(["--help"]).out, /usage:/);
  // In the CLI's language: --lang, else the locale's.
  assert.match(run(["--help", "--lang", "id"]).out, /^penggunaan:/m);
  assert.match(run(["--lang", "en", "--help"]).out, /^usage:/m);
  assert.match(run(["--help"], undefined, { LANG: "id_ID.UTF-8" }).out, /^penggunaan:/m);
  assert.match(run(["--version"]).out, /^\d+\.\d+\.\d+/);
});

test("readable output shows control characters from the input as escapes, never raw", () => {
  const reply = "550 5.1.1 \u001b]0;pwned\u0007 user unknown \u001b[2J";
  const { code, out } = runCli(["--no-color", reply]);
  assert.equal(code, 0);
  assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f]/, "no raw control character");
  // JSON carries the text as it was (JSON escapes it).
  assert.equal(JSON.parse(runCli(["--json", reply]).out).evidence.matched, "user unknown");
});

test("--ndjson: a JSON line with an empty response and no code is an error line, as an empty line is", () => {
  const { code, out } = runCli(
    ["--ndjson"],
    '{"response":"  "}\n{"response":"","errorCode":550}\n{"response":"552 mailbox full","statusCode":"  "}\n',
  );
  const lines = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(code, 2);
  assert.deepEqual(lines[0], {
    error: '"response" is empty and there is no errorCode or statusCode',
    line: 1,
  });
  assert.equal(lines[1].category, "invalid_address");
  // Spaces alone in statusCode are no code, as "" is (spaces around a code are allowed).
  assert.equal(lines[2].category, "inbox_full");
  assert.equal(lines[2].statusCode, null);
});

test("options that contradict each other are a usage error, not a silent choice", () => {
  for (const [args, message] of [
    [["--json", "--ndjson"], /--json and --ndjson are two output formats/],
    [["bounce", "--json", "--ndjson", "-"], /--json and --ndjson are two output formats/],
    [["--tips", "--no-tips", "--json", "550 5.1.1 User unknown"], /--tips and --no-tips contradict/],
  ] as const) {
    const r = runCli([...args], "");
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.err, message);
  }
});

test("--ndjson answers a line too long to hold with an error line and goes on (memory stays bounded)", () => {
  const huge = "a".repeat(MAX_LINE_CHARS + 10);
  const r = run(["--ndjson"], `550 5.1.1 user unknown\n${huge}\n552 5.2.2 mailbox full\n`);
  assert.equal(r.code, 2);
  const out = ndjsonLines(r.out);
  assert.equal(out.length, 3);
  assert.equal(out[0].category, "invalid_address");
  assert.match(out[1].error, /longer than/);
  assert.equal(out[1].line, 2);
  assert.equal(out[2].category, "inbox_full");
});

test("lineBatches drops an over-long line as it arrives, across chunks, and keeps the lines around it", async () => {
  async function* chunks() {
    yield Buffer.from("ok\nabcdef");
    yield Buffer.from("ghijkl");
    yield Buffer.from("mnop\nfine\r\n123456789012345");
  }
  const lines: (string | null)[] = [];
  for await (const batch of lineBatches(chunks(), 10)) lines.push(...batch);
  assert.deepEqual(lines, ["ok", null, "fine", null]);
  // Exactly the limit passes, with or without "\r\n"; one more character does not.
  async function* edge() {
    yield "1234567890\n12345678901\n1234567890\r\n12345";
    yield "67890\r\n";
  }
  const edges: (string | null)[] = [];
  for await (const batch of lineBatches(edge(), 10)) edges.push(...batch);
  assert.deepEqual(edges, ["1234567890", null, "1234567890", "1234567890"]);
});

test("keys and serve say plainly when the database cannot be opened: a bad path is exit 2, a server out of reach exit 1", () => {
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-db-"));
  const notDb = join(dir, "not.sqlite");
  writeFileSync(
    notDb,
    "this is no database, just text that is long enough to fill a header page.\n".repeat(20),
  );
  for (const args of [
    ["keys", "list", "--db", join(dir, "no", "such", "dir", "x.sqlite")],
    ["serve", "--db", join(dir, "no", "such", "dir", "x.sqlite"), "--port", "0", "--smtp-port", "off"],
    ["keys", "list", "--db", notDb],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(
      r.err,
      /^diagnosa: cannot open the database .*: (its directory does not exist|the file is not a SQLite database)\n$/,
    );
    assert.doesNotMatch(r.err, /internal error/);
  }
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const down = run(["keys", "list", "--db", "postgres://u:secret@127.0.0.1:1/x"]);
  assert.equal(down.code, 1, down.err);
  assert.match(
    down.err,
    /cannot open the database postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: the server does not answer/,
  );
  assert.doesNotMatch(down.err, /secret/);
});

test("a reply written to stdin late (a caller's pipe, not yet written) is read, not an EAGAIN error", async () => {
  const child = spawn(process.execPath, [CLI_BIN, "--json"], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c;
  });
  child.stderr.on("data", (c: Buffer) => {
    err += c;
  });
  const code = new Promise<number | null>((resolve) => child.once("close", resolve));
  await new Promise((r) => setTimeout(r, 300));
  child.stdin.end("550 5.1.1 <a@example.com>: Recipient address rejected: User unknown\n");
  assert.equal(await code, 0, err);
  assert.equal(JSON.parse(out).category, "invalid_address");
});

test("UTF-16 input (PowerShell's >) is exit 2 with a message, not lines of unknown; a NUL-only line is empty", () => {
  const text = "550 5.1.1 User unknown\r\n452 4.2.2 Mailbox full\r\n";
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  for (const args of [["--ndjson"], ["--json"]]) {
    const r = spawnSync(process.execPath, [CLI_BIN, ...args], { input: utf16, encoding: "utf8" });
    assert.equal(r.status, 2, args.join(" "));
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /the input is UTF-16 text; diagnosa reads UTF-8/);
  }
  const nul = runCli(["--ndjson"], "550 5.1.1 User unknown\n\0\n");
  assert.equal(nul.code, 2);
  const lines = nul.out.trim().split("\n");
  assert.equal(lines.length, 2);
  assert.deepEqual(JSON.parse(lines[1]!), { error: "empty line", line: 2 });
});

test('"-" alone reads the reply from stdin; "-" twice for bounce or logs is exit 2', () => {
  const one = runCli(["--json", "-"], "550 5.1.1 <a@example.com>: User unknown\n");
  assert.equal(one.code, 0, one.err);
  assert.equal(JSON.parse(one.out).category, "invalid_address");
  for (const cmd of ["bounce", "logs"]) {
    const twice = runCli([cmd, "-", "-"], "x\n");
    assert.equal(twice.code, 2, cmd);
    assert.match(twice.err, /- \(stdin\) is given more than once/);
  }
});

test("--lang id: serve's running lines and keys' messages are Indonesian", async () => {
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-keys-"));
  const db = join(dir, "k.sqlite");
  const created = runCli(["keys", "create", "ops", "--lang", "id", "--db", db]);
  assert.equal(created.code, 0, created.err);
  assert.match(created.err, /kunci dk_\w+ dibuat; rahasia di atas hanya ditampilkan sekali/);
  assert.match(runCli(["keys", "list", "--lang", "id", "--db", db]).out, /\tops\t.*\taktif\n$/);
  const started = await watch(
    process.execPath,
    [CLI_BIN, "serve", "--lang", "id", "--port", "0", "--smtp-port", "0", "--db", db],
    (o) => o.includes("\n"),
    5000,
  );
  assert.match(
    started,
    /^diagnosa: HTTP di http:\/\/127\.0\.0\.1:\d+ \(referensi API di \/docs\), SMTP di port \d+ untuk belum ada domain bounce/,
  );
  assert.match(started, /alamat VERP tanpa tanda tangan/);
});
