// The CLI's error messages follow the language, as every other word it prints: `--lang` when given
// and valid, else the locale's (LANG, LC_ALL…); English otherwise. JSON stays as it was.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Localized } from "../../src/catalog/types.js";
import { InputError, parseReplyInput } from "../../src/classify/input.js";
import { UsageError } from "../../src/cli/io.js";
import type { StoreUnavailableError } from "../../src/cli/serve.js";
import type { SettingError } from "../../src/server/routes.js";
import type { ListenError } from "../../src/server/serve.js";
import { POSTFIX_LOG } from "../ingest/logs.fixtures.js";
import { type CliRun, runCli, runCliAsync } from "../support/cli.js";

const INDONESIAN = { LANG: "id_ID.UTF-8" };
const dir = mkdtempSync(join(tmpdir(), "diagnosa-errors-"));
const missing = join(dir, "nope");

interface Case {
  what: string;
  args: string[];
  input?: string;
  env?: Record<string, string>;
  /** The exit code: 2 for a usage error unless said otherwise. */
  code?: number;
  en: RegExp;
  id: RegExp;
}

/** The errors the brief of `--lang` names: each checked under --lang id, the locale, and English. */
const REPRESENTATIVE: Case[] = [
  {
    what: "a bad --code",
    args: ["--code", "abc", "550 x"],
    en: /--code must be a 3-digit reply code such as 550, not "abc"/,
    id: /--code harus berupa kode balasan 3 digit seperti 550, bukan "abc"/,
  },
  {
    what: "an unknown option",
    args: ["--bogus", "550 x"],
    en: /unknown option --bogus/,
    id: /opsi --bogus tidak dikenal/,
  },
  {
    what: "--json with --ndjson",
    args: ["--json", "--ndjson"],
    en: /--json and --ndjson are two output formats: give one/,
    id: /--json dan --ndjson adalah dua format keluaran: pilih salah satu/,
  },
  {
    what: "bounce on a missing file",
    args: ["bounce", missing],
    en: /cannot read .*nope: no such file or folder/,
    id: /tidak dapat membaca .*nope: berkas atau folder tidak ada/,
  },
  {
    what: "logs on a missing file",
    args: ["logs", missing],
    en: /cannot read .*nope: no such file/,
    id: /tidak dapat membaca .*nope: berkas tidak ada/,
  },
  {
    what: "check message on a missing file",
    args: ["check", "message", missing],
    en: /cannot read .*nope: no such file or folder/,
    id: /tidak dapat membaca .*nope: berkas atau folder tidak ada/,
  },
  {
    what: "a check target that is no domain name",
    args: ["check", "domain", "1.2.3.4"],
    en: /not a domain name: "1\.2\.3\.4" \(it is an IP address\)/,
    id: /bukan nama domain: "1\.2\.3\.4" \(itu alamat IP\)/,
  },
  {
    what: "a --db in a missing directory",
    args: ["keys", "list", "--db", join(missing, "diagnosa.sqlite")],
    en: /cannot open the database .*: its directory does not exist/,
    id: /tidak dapat membuka basis data .*: direktorinya tidak ada/,
  },
];

/** One line on stderr, `diagnosa: …`, no stack trace. */
function assertMessage(r: CliRun, code: number, message: RegExp, what: string): void {
  assert.equal(r.code, code, `${what}: ${r.err}`);
  assert.match(r.err, /^diagnosa: [^\n]+\n$/, what);
  assert.match(r.err, message, what);
}

for (const c of REPRESENTATIVE) {
  test(`${c.what}: exit 2, in Indonesian under --lang id and under an Indonesian locale, else English`, () => {
    const code = c.code ?? 2;
    const flag = runCli(["--lang", "id", ...c.args], c.input);
    assertMessage(flag, code, c.id, `${c.what} (--lang id)`);
    assert.doesNotMatch(flag.err, c.en);
    const locale = runCli(c.args, c.input, INDONESIAN);
    assertMessage(locale, code, c.id, `${c.what} (LANG=id_ID.UTF-8)`);
    assert.equal(locale.err, flag.err);
    const english = runCli(c.args, c.input);
    assertMessage(english, code, c.en, `${c.what} (LANG=C)`);
    assert.doesNotMatch(english.err, c.id);
    // --lang goes before the locale.
    assert.equal(runCli(["--lang", "en", ...c.args], c.input, INDONESIAN).err, english.err);
  });
}

test("a bad --lang value is told in the locale's language, there being no other", () => {
  const english = runCli(["--lang", "fr", "550 x"]);
  assertMessage(english, 2, /^diagnosa: --lang must be en or id, not "fr"\n$/, "LANG=C");
  const indonesian = runCli(["--lang", "fr", "550 x"], undefined, INDONESIAN);
  assertMessage(indonesian, 2, /^diagnosa: --lang harus en atau id, bukan "fr"\n$/, "LANG=id_ID");
  // A --lang without its value, alone: the locale's language.
  assertMessage(runCli(["--lang"]), 2, /--lang needs a value/, "--lang");
});

test("a command line that cannot be parsed still reads --lang, wherever it stands", () => {
  for (const args of [
    ["--bogus", "--lang", "id", "x"],
    ["--lang=id", "--json=1", "x"],
    ["--lang", "id", "--code"],
    // The last valid --lang counts, even before a --lang without its value.
    ["--lang", "id", "--lang"],
  ]) {
    const r = runCli(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.err, /^diagnosa: .*(tidak dikenal|tidak menerima nilai|memerlukan nilai)/, args.join(" "));
  }
});

test("--ndjson: stderr follows the language; the error lines' JSON stays English unless --lang is given", () => {
  const input = '550 5.1.1 User unknown\n\n{"response": 5}\n';
  const english = runCli(["--ndjson"], input);
  const locale = runCli(["--ndjson"], input, INDONESIAN);
  const flag = runCli(["--ndjson", "--lang", "id"], input);
  for (const r of [english, locale, flag]) assert.equal(r.code, 2, r.err);
  assert.equal(english.err, 'diagnosa: line 2: empty line\ndiagnosa: line 3: "response" must be a string\n');
  assert.equal(
    locale.err,
    'diagnosa: baris 2: baris kosong\ndiagnosa: baris 3: "response" harus berupa string\n',
  );
  assert.equal(flag.err, locale.err);
  const errors = (out: string) =>
    out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { error?: string; line?: number })
      .filter((l) => l.error !== undefined);
  // The same JSON whatever the locale: a reader of it sees no change.
  assert.equal(locale.out, english.out);
  assert.deepEqual(errors(english.out), [
    { error: "empty line", line: 2 },
    { error: '"response" must be a string', line: 3 },
  ]);
  assert.deepEqual(errors(flag.out), [
    { error: "baris kosong", line: 2 },
    { error: '"response" harus berupa string', line: 3 },
  ]);
});

test("bounce --ndjson: an unreadable file's error line is English unless --lang is given", () => {
  const folder = join(dir, "broken-link");
  mkdirSync(folder);
  symlinkSync(join(dir, "nowhere"), join(folder, "a.eml"));
  const error = (r: CliRun) => (JSON.parse(r.out.trim()) as { error: string }).error;
  const english = runCli(["bounce", "--ndjson", folder]);
  const locale = runCli(["bounce", "--ndjson", folder], undefined, INDONESIAN);
  const flag = runCli(["bounce", "--ndjson", "--lang", "id", folder]);
  for (const r of [english, locale, flag]) assert.equal(r.code, 2, r.err);
  assert.match(english.err, /a\.eml: cannot read: broken symbolic link\n$/);
  assert.match(locale.err, /a\.eml: tidak dapat dibaca: tautan simbolik rusak\n$/);
  assert.equal(flag.err, locale.err);
  assert.equal(error(english), "cannot read: broken symbolic link");
  assert.equal(error(locale), "cannot read: broken symbolic link");
  assert.equal(error(flag), "tidak dapat dibaca: tautan simbolik rusak");
});

/**
 * The other errors the CLI can give, one per throw site or nearly: each in both languages (the
 * Indonesian differing from the English), with the same exit code.
 */
const OTHERS: Case[] = [
  { what: "--tips and --no-tips", args: ["--tips", "--no-tips", "x"], en: /contradict/, id: /bertentangan/ },
  { what: "another command's option", args: ["--jobs", "2", "x"], en: /belongs to/, id: /opsi itu milik/ },
  {
    what: "a field flag with --ndjson",
    args: ["--ndjson", "--code", "550"],
    en: /JSON line/,
    id: /baris JSON/,
  },
  {
    what: "a misspelled command",
    args: ["bouce", "-"],
    en: /did you mean 'bounce'/,
    id: /maksud Anda 'bounce'/,
  },
  { what: "a value left out", args: ["--code"], en: /needs a value/, id: /memerlukan nilai/ },
  { what: "a value to a switch", args: ["--json=1", "x"], en: /takes no value/, id: /tidak menerima nilai/ },
  {
    what: "a bad --status",
    args: ["--status", "x.y", "550 x"],
    en: /enhanced status/,
    id: /kode status tambahan/,
  },
  { what: "a bad --command", args: ["--command", "QUIT", "550 x"], en: /\(or EHLO\)/, id: /\(atau EHLO\)/ },
  { what: "an empty reply", args: [""], en: /the reply is empty/, id: /balasan kosong/ },
  { what: "--ndjson with a reply", args: ["--ndjson", "x"], en: /from stdin/, id: /dari stdin/ },
  {
    what: "--dns-server alone",
    args: ["--dns-server", "192.0.2.1", "x"],
    en: /goes with/,
    id: /hanya dipakai/,
  },
  { what: "a bad JSON line", args: ["--ndjson"], input: "{x\n", en: /not valid JSON/, id: /bukan JSON/ },
  { what: "bounce without a path", args: ["bounce"], en: /give one or more/, id: /berikan satu/ },
  { what: "a bad --jobs", args: ["bounce", "--jobs", "0", "-"], en: /whole number/, id: /bilangan bulat/ },
  { what: "logs without a path", args: ["logs"], en: /give one or more log/, id: /berkas log/ },
  {
    what: "--api-key alone",
    args: ["logs", "--api-key", "k", "-"],
    en: /goes with --to/,
    id: /bersama --to/,
  },
  { what: "a bad --to", args: ["logs", "--to", "ftp://x", "-"], en: /https:\/\/ URL/, id: /URL http/ },
  { what: "logs on a folder", args: ["logs", dir], en: /not a file/, id: /bukan berkas/ },
  { what: "check without a target", args: ["check", "domain"], en: /^diagnosa: usage:/, id: /penggunaan:/ },
  {
    what: "another target's option",
    args: ["check", "ip", "192.0.2.1", "--dkim-selector", "s1"],
    en: /is an option of check domain/,
    id: /adalah opsi check domain/,
  },
  {
    what: "a bad DKIM selector",
    args: ["check", "domain", "example.com", "--dkim-selector", "a b"],
    en: /not a DKIM selector/,
    id: /bukan selektor DKIM/,
  },
  {
    what: "a bad --dns-server",
    args: ["check", "domain", "example.com", "--dns-server", "nope"],
    en: /not a DNS server address/,
    id: /bukan alamat server DNS/,
  },
  { what: "a bad IP", args: ["check", "ip", "fe80::1%eth0"], en: /not an IPv4/, id: /bukan alamat IPv4/ },
  {
    what: "check message, missing",
    args: ["check", "message", missing],
    en: /cannot read/,
    id: /tidak dapat/,
  },
  {
    what: "check message, no email",
    args: ["check", "message", "-"],
    input: "hello\n",
    en: /not an email message: stdin \(it does not start/,
    id: /bukan pesan email: stdin \(tidak diawali/,
  },
  {
    what: "keys without an action",
    args: ["keys"],
    en: /usage: diagnosa keys/,
    id: /penggunaan: diagnosa keys/,
  },
  {
    what: "keys revoke, unknown",
    args: ["keys", "revoke", "k1", "--db", ":memory:"],
    en: /no active key k1/,
    id: /tidak ada kunci aktif k1/,
  },
  {
    what: "keys list with an extra argument",
    args: ["keys", "list", "extra", "--db", ":memory:"],
    en: /usage: diagnosa keys/,
    id: /penggunaan: diagnosa keys/,
  },
  {
    what: "keys create with a blank name",
    args: ["keys", "create", " ", "--db", ":memory:"],
    en: /usage: diagnosa keys/,
    id: /penggunaan: diagnosa keys/,
  },
  {
    what: "serve with an argument",
    args: ["serve", "extra", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
    en: /serve takes no arguments \("extra"\)/,
    id: /serve tidak menerima argumen/,
  },
  {
    what: "a bounce domain that is no domain name",
    args: ["serve", "--port", "0", "--smtp-port", "0", "--bounce-domain", "", "--db", ":memory:"],
    en: /the bounce domain "" is not a domain name/,
    id: /domain bounce "" bukan nama domain/,
  },
  {
    what: "a bounce domain setting that is no domain name",
    args: ["serve", "--port", "0", "--smtp-port", "0", "--db", ":memory:"],
    env: { DIAGNOSA_BOUNCE_DOMAINS: "bounce.example.net,not a domain!" },
    en: /the bounce domain "not a domain!" is not a domain name/,
    id: /bukan nama domain/,
  },
  {
    what: "a --host that is no address of this machine",
    args: ["serve", "--host", "192.0.2.1", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
    en: /cannot listen for HTTP on 192\.0\.2\.1:0/,
    id: /tidak dapat menerima koneksi HTTP di 192\.0\.2\.1:0/,
  },
  {
    what: "--no- of a switch that is off unless given",
    args: ["--no-json", "550 5.1.1 x"],
    en: /--no-json is not an option: leave out --json/,
    id: /--no-json bukan opsi/,
  },
  {
    what: "a switch and its --no- form together",
    args: ["--color", "--no-color", "550 5.1.1 x"],
    en: /--color and --no-color contradict each other/,
    id: /--color dan --no-color saling bertentangan/,
  },
  { what: "a bad --port", args: ["serve", "--port", "x"], en: /port number/, id: /nomor port/ },
  {
    what: "a bad size setting",
    args: ["serve", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
    env: { DIAGNOSA_MAX_EMAIL_BYTES: "10MB" },
    en: /whole number of bytes/,
    id: /bilangan bulat byte/,
  },
  {
    what: "a bad time setting",
    args: ["serve", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
    env: { DIAGNOSA_BOUNCE_TIMEOUT_MS: "2s" },
    en: /whole number of milliseconds/,
    id: /bilangan bulat milidetik/,
  },
  {
    what: "a bad DNS server setting",
    args: ["serve", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
    env: { DIAGNOSA_DNS_SERVERS: "1.1.1.1:99999" },
    en: /DIAGNOSA_DNS_SERVERS: not a DNS server address/,
    id: /DIAGNOSA_DNS_SERVERS: bukan alamat server DNS/,
  },
  {
    what: "a VERP secret too short",
    args: ["serve", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
    env: { DIAGNOSA_VERP_SECRET: "short" },
    en: /DIAGNOSA_VERP_SECRET must be at least 16 characters/,
    id: /DIAGNOSA_VERP_SECRET harus paling sedikit 16 karakter/,
  },
  {
    what: "a bad webhook secret",
    args: ["serve", "--port", "0", "--smtp-port", "off", "--db", ":memory:"],
    env: { DIAGNOSA_POSTMARK_AUTH: "justapassword" },
    en: /DIAGNOSA_POSTMARK_AUTH must be USER:PASSWORD/,
    id: /DIAGNOSA_POSTMARK_AUTH harus berupa USER:PASSWORD/,
  },
  {
    what: "a database out of reach",
    args: ["keys", "list", "--db", "postgres://u:secret@127.0.0.1:1/x"],
    code: 1,
    en: /cannot open the database postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: the server does not answer/,
    id: /tidak dapat membuka basis data postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: server tidak menjawab/,
  },
  {
    what: "a service out of reach",
    args: ["logs", "--to", "http://127.0.0.1:1", "-"],
    input: POSTFIX_LOG,
    code: 1,
    en: /cannot reach http:\/\/127\.0\.0\.1:1\/v1\/events\/batch/,
    id: /tidak dapat menghubungi http:\/\/127\.0\.0\.1:1\/v1\/events\/batch/,
  },
];

test("every other error the CLI gives is in English and in Indonesian, with the same exit code", async () => {
  // A port taken: serve cannot listen (exit 1).
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  const port = String((taken.address() as { port: number }).port);
  const cases: Case[] = [
    ...OTHERS,
    {
      what: "a port in use",
      args: ["serve", "--host", "127.0.0.1", "--port", port, "--smtp-port", "off", "--db", ":memory:"],
      code: 1,
      en: /cannot listen for HTTP on 127\.0\.0\.1:\d+: the port is in use by another process/,
      id: /tidak dapat menerima koneksi HTTP di 127\.0\.0\.1:\d+: port sedang dipakai proses lain/,
    },
  ];
  try {
    // A few at a time: each is a process.
    for (let i = 0; i < cases.length; i += 8) {
      await Promise.all(
        cases.slice(i, i + 8).map(async (c) => {
          const [english, indonesian] = await Promise.all([
            runCliAsync(c.args, c.input, c.env),
            runCliAsync(c.args, c.input, { ...c.env, ...INDONESIAN }),
          ]);
          const code = c.code ?? 2;
          assertMessage(english, code, c.en, `${c.what} (LANG=C)`);
          assertMessage(indonesian, code, c.id, `${c.what} (LANG=id_ID.UTF-8)`);
          assert.notEqual(indonesian.err, english.err, c.what);
        }),
      );
    }
  } finally {
    taken.close();
  }
});

test("every message has both languages: English alone does not type-check", () => {
  const englishOnly = { en: "only English" } as const;
  // @ts-expect-error: a usage error needs its Indonesian text.
  const usage: ConstructorParameters<typeof UsageError>[0] = englishOnly;
  // @ts-expect-error: so does the library's input error.
  const input: ConstructorParameters<typeof InputError>[0] = englishOnly;
  // @ts-expect-error: and a setting of the service.
  const setting: ConstructorParameters<typeof SettingError>[0] = englishOnly;
  // @ts-expect-error: and a database out of reach.
  const store: ConstructorParameters<typeof StoreUnavailableError>[0] = englishOnly;
  // @ts-expect-error: and a port that cannot be listened on.
  const listen: ListenError["texts"] = englishOnly;
  for (const texts of [usage, input, setting, store, listen] as Localized[])
    assert.equal(texts.id, undefined);
  assert.equal(new UsageError({ en: "a", id: "b" }).message, "a", "message is the English text");
});

test("the library's input errors carry both languages, the English one as their message", () => {
  for (const bad of [
    42,
    { response: "x", other: 1 },
    { response: 5 },
    { response: "x", errorCode: "abc" },
    { response: "x", remoteHost: 5 },
    { response: "x", statusCode: "9.9" },
  ]) {
    try {
      parseReplyInput(bad);
      assert.fail(`accepted ${JSON.stringify(bad)}`);
    } catch (e) {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.message, e.texts.en);
      assert.ok(e.texts.id && e.texts.id !== e.texts.en, JSON.stringify(bad));
    }
  }
});

test("every reason a database cannot be opened is said in both languages", async () => {
  const { storeOpenProblem } = await import("../../src/cli/serve.js");
  for (const cause of [
    { message: "Cannot open database because the directory does not exist" },
    { code: "SQLITE_CANTOPEN" },
    { code: "SQLITE_NOTADB" },
    { code: "SQLITE_READONLY" },
    { code: "28P01", message: 'password authentication failed for user "u"' },
    { code: "3D000", message: 'database "x" does not exist' },
    { code: "ENOTFOUND" },
    { code: "ECONNREFUSED" },
  ]) {
    const problem = storeOpenProblem(cause, "postgres://u:pw@db/x");
    assert.ok(problem, JSON.stringify(cause));
    assert.match(problem.texts.en, /^cannot open the database postgres:\/\/u:\*\*\*@db\/x: /);
    assert.match(problem.texts.id, /^tidak dapat membuka basis data postgres:\/\/u:\*\*\*@db\/x: /);
    assert.notEqual(problem.texts.id.split(": ")[1], problem.texts.en.split(": ")[1], JSON.stringify(cause));
  }
});
