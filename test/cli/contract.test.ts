// The CLI and the API read one reply input the same way and answer in the same shape
// (docs/diagnosis.md "Input", docs/service.md): a real CLI process against a real HTTP service.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Running } from "../../src/server/serve.js";
import { runCli } from "../support/cli.js";
import { startTestServer } from "../support/server.js";

// biome-ignore lint/suspicious/noExplicitAny: test code reads JSON answers loosely
type Json = any;

const run = runCli;
const ndjson = (lines: unknown[], args: string[] = []) => {
  const r = run(["--ndjson", ...args], `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  return {
    ...r,
    results: r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Json),
  };
};

let s: Running;
let base: string;
before(async () => {
  s = await startTestServer(join(mkdtempSync(join(tmpdir(), "diagnosa-contract-")), "db.sqlite"), {
    auth: false,
    bounceDomains: [],
  });
  base = `http://127.0.0.1:${s.httpPort}`;
});
after(async () => {
  await s.close();
});
const post = (path: string, json: unknown) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(json),
  });

test("--ndjson answers a command that is not an SMTP stage with an error line, as --command does", () => {
  const { code, results, err } = ndjson([
    { id: "a", response: "550 5.1.1 user unknown", command: "<script>" },
    { id: "b", response: "550 5.1.1 user unknown", command: "end of data" },
    { response: "550 5.1.1 user unknown", command: "RCPT TO" },
    { response: "550 5.1.1 user unknown", command: "" },
    { response: "550 5.1.1 user unknown", command: null },
  ]);
  assert.equal(code, 2, "a bad line: exit 2 at the end");
  assert.equal(results.length, 5, "one line per input line");
  assert.equal(results[0].id, "a");
  assert.equal(results[0].line, 1);
  assert.match(
    results[0].error,
    /^"command" must be one of CONNECT, HELO \(or EHLO\), .*RCPT \(or RCPT TO\), DATA/,
  );
  assert.match(results[0].error, /"<script>"/);
  assert.deepEqual([results[1].id, results[1].command], ["b", "DATA"]);
  assert.equal(results[2].command, "RCPT");
  assert.equal(results[3].line, 4, '"" is not a stage either');
  assert.equal(results[4].command, null, "null: not known");
  assert.match(err, /line 1: "command" must be one of/);
  const flag = run(["--command", "<script>", "550 5.1.1 user unknown"]);
  assert.equal(flag.code, 2);
  assert.match(flag.err, /--command must be one of CONNECT/);
});

test("--ndjson and POST /v1/diagnose accept and refuse the same inputs, with the same diagnoses", async () => {
  const response = "550 5.1.1 <a@b.example>: user unknown";
  const inputs: Record<string, unknown>[] = [
    { response },
    { response, errorCode: 550 },
    { response, errorCode: "550" },
    { response, errorCode: " 421 " },
    { response, errorCode: null },
    { response, errorCode: "abc" },
    { response, errorCode: "050" },
    { response, errorCode: 5000 },
    { response, errorCode: 5.5 },
    { response, errorCode: true },
    { response, statusCode: "5.7.1" },
    { response, statusCode: " 4.2.2 " },
    { response, statusCode: "" },
    { response, statusCode: "5.1" },
    { response, command: "rcpt to" },
    { response, command: "End of DATA" },
    { response, command: " EHLO " },
    { response, command: "<script>" },
    { response, command: "QUIT" },
    { response, command: 5 },
    { response, remoteHost: "MX.Example.com" },
    { response: 5 },
    { errorCode: 550 },
  ];
  const cli = ndjson(inputs);
  assert.equal(cli.results.length, inputs.length);
  for (const [i, input] of inputs.entries()) {
    const r = await post("/v1/diagnose", { ...input, lang: "none" });
    const body = (await r.json()) as Json;
    const line = cli.results[i];
    const what = `${JSON.stringify(input)}: CLI ${JSON.stringify(line).slice(0, 120)}, API ${r.status} ${JSON.stringify(body).slice(0, 160)}`;
    assert.equal(r.status === 200, !("error" in line), what);
    if (r.status === 200) assert.deepEqual(body, line, what);
    else assert.equal(r.status, 400, what);
  }
});

test("--lang sets the language of the JSON tips; without it, --json keeps every language", async () => {
  const reply = "552 5.2.2 Mailbox full";
  const tipsOf = (args: string[], input?: string, env: Record<string, string> = {}) => {
    const r = run(args, input, env);
    assert.equal(r.code, 0, r.err);
    return Object.keys(JSON.parse(r.out).tips).sort();
  };
  assert.deepEqual(tipsOf(["--json", "--lang", "id", reply]), ["id"]);
  assert.deepEqual(tipsOf(["--json", "--lang", "en", reply]), ["en"]);
  assert.deepEqual(tipsOf(["--ndjson", "--tips", "--lang", "id"], `${reply}\n`), ["id"]);
  // As the API with the same lang.
  const api = (await (await post("/v1/diagnose", { response: reply, lang: "id" })).json()) as Json;
  assert.deepEqual(Object.keys(api.tips), ["id"]);
  // Without --lang, as before: every language, whatever the locale.
  assert.deepEqual(tipsOf(["--json", reply], undefined, { LANG: "id_ID.UTF-8" }), ["en", "id"]);
  assert.deepEqual(tipsOf(["--ndjson", "--tips"], `${reply}\n`, { LANG: "id_ID.UTF-8" }), ["en", "id"]);
});

test("--ndjson and POST /v1/diagnose/batch echo the same ids in the same results", async () => {
  const items = [
    { id: "x1", response: "550 5.1.1 user unknown" },
    { id: 42, response: "421 4.7.0 try again in 5 minutes", errorCode: "421" },
    { response: "552 5.2.2 mailbox full", command: "end of data" },
  ];
  const cli = ndjson(items);
  assert.equal(cli.code, 0, cli.err);
  const r = await post("/v1/diagnose/batch", { items });
  assert.equal(r.status, 200, await r.clone().text());
  const { results } = (await r.json()) as Json;
  assert.deepEqual(results, cli.results);
  assert.deepEqual(
    results.map((d: Json) => d.id),
    ["x1", 42, undefined],
  );
});
