// Linear time on adversarial input. Every format decoder, the generic readers and parseBounce are
// fed 200 KB of blank lines, CRLF, spaces, " \n", header-like lines, one long line of one
// character…; each decoder also gets its own marker words followed by 50 KB of the same. A regex
// that backtracks quadratically takes seconds on these (a multiline `^\s*` took 10 s on 50 KB of
// newlines, 55 s on 100 KB), linear code a few milliseconds. The bounds are far above normal on
// purpose, for slow CI machines: they tell linear from quadratic, they are not a benchmark.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { dsnRecords, embeddedDsn, parseDsn } from "../../src/bounce/dsn.js";
import { FORMATS } from "../../src/bounce/formats/index.js";
import { addressesIn, explanation, paragraphAbout, paragraphsAfter } from "../../src/bounce/formats/text.js";
import { type BounceMessage, htmlToText } from "../../src/bounce/message.js";
import { readOriginal } from "../../src/bounce/original.js";
import type { RecipientRecord } from "../../src/bounce/types.js";
import { BounceError, parseBounce } from "../../src/index.js";

const BIG = 200 * 1024;
const BIG_MS = 1500;
const SMALL = 50 * 1024;
const SMALL_MS = 750;

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** The 200 KB inputs, by name. */
const FLOODS: Record<string, string> = {
  newlines: fill("\n", BIG),
  crlf: fill("\r\n", BIG),
  cr: fill("\r", BIG),
  spaces: fill(" ", BIG),
  "spaces then a letter": `${fill(" ", BIG)}x`,
  "space newline": fill(" \n", BIG),
  "tab newline": fill("\t\n", BIG),
  "newline space": fill("\n ", BIG),
  "line separators": fill("\u2028", BIG),
  "header-like lines": fill("X-Header: value\n", BIG),
  "dotted runs around an @": `${fill("x.", BIG / 2)}@${fill("y.", BIG / 2)}`,
  "folded header lines": fill("Subject: a\n  b\n", BIG),
  "DSN fields": fill("Final-Recipient: rfc822; user@example.com\nAction: failed\nStatus: 5.1.1\n", BIG),
  "quoted lines": fill("> \n", BIG),
  "dash lines": fill("-\n", BIG),
  "a line of a": fill("a", BIG),
  "a line of dashes": fill("-", BIG),
  "a line of @": fill("@", BIG),
  "a line of <": fill("<", BIG),
  "a line of *": fill("*", BIG),
  "a line of =": fill("=", BIG),
  "a line of :": fill(":", BIG),
  "an address and spaces": `<user@example.com>${fill(" ", BIG)}x`,
  "from and spaces": `from${fill(" ", BIG)}x`,
  "sender label and spaces": `Sender${fill(" ", BIG)}x`,
  "from and a long word": `from ${fill("a", BIG)}`,
  "distinct addresses": Array.from({ length: BIG / 24 }, (_, i) => `user${i}@host${i}.example\n`).join(""),
};

/** A message whose every part (text, reports, returned headers, subject) is `s`. */
function message(s: string): BounceMessage {
  const head = s.slice(0, 2000);
  return {
    headers: new Map([
      ["subject", [head]],
      ["from", ["MAILER-DAEMON@mx.example.net"]],
      ["x-mailer", [head]],
      ["received", [head]],
    ]),
    subject: head,
    from: "MAILER-DAEMON@mx.example.net",
    text: s,
    deliveryStatus: [s],
    feedbackReport: s,
    originalHeaders: s,
    contentType: "multipart/report; report-type=delivery-status",
  };
}

/** detect, then decode without and with DSN records (some decoders only read the text then). */
function runDecoder(f: (typeof FORMATS)[number], s: string): void {
  const msg = message(s);
  f.detect(msg);
  f.decode(msg, []);
  const dsn: RecipientRecord[] = [
    { recipient: "user@example.com", diagnostic: s, action: "failed", status: "5.1.1" },
    { recipient: "other@example.com", diagnostic: "", action: "failed" },
  ];
  f.decode(msg, dsn);
}

function ms(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

async function msAsync(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

const show = (s: string) => JSON.stringify(s.slice(0, 40));

for (const f of FORMATS) {
  test(`${f.id}: linear on 200 KB of blank lines, spaces, header lines, one long line`, () => {
    for (const [name, s] of Object.entries(FLOODS)) {
      const t = ms(() => runDecoder(f, s));
      assert.ok(t < BIG_MS, `${f.id} took ${t.toFixed(0)} ms on ${name}`);
    }
  });
}

/**
 * The words of a decoder's string and regex literals (its markers and field names), in the manner
 * of test/rules/redos.test.ts: what its patterns look for, and so where they start to work.
 */
function wordsOf(id: string): string[] {
  const file = fileURLToPath(new URL(`../../../src/bounce/formats/${id}.ts`, import.meta.url));
  const code = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => !/^\s*(?:\/\/|\*|\/\*\*|import\b)/.test(l))
    .join("\n");
  const literals =
    code.match(
      /"(?:[^"\\\n]|\\.)*"|`[^`]*`|\/(?![/*])(?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+\/[dgimsuyv]*/g,
    ) ?? [];
  const text = literals.join("\n").replace(/\\[a-zA-Z]|\(\?[:=!<]*/g, " ");
  return [...new Set(text.match(/[A-Za-z<>:*#=-][A-Za-z0-9' :<>@.*#=-]{2,}/g) ?? [])];
}

for (const f of FORMATS) {
  test(`${f.id}: linear on its own marker words followed by ${SMALL / 1024} KB of blank lines or spaces`, () => {
    const words = wordsOf(f.id);
    assert.ok(words.length > 0);
    for (const word of words) {
      const inputs = [fill(`${word}\n`, SMALL)];
      for (const unit of ["\n", "\r\n", " ", " \n"])
        inputs.push(`${word}${fill(unit, SMALL)}`, `${word}\n${fill(unit, SMALL)}x`);
      for (const s of inputs) {
        const t = ms(() => runDecoder(f, s));
        assert.ok(t < SMALL_MS, `${f.id} took ${t.toFixed(0)} ms on ${show(s)}…`);
      }
    }
  });
}

test("the shared readers are linear on the same inputs", () => {
  const readers: [string, (s: string) => unknown][] = [
    ["explanation", explanation],
    ["addressesIn", addressesIn],
    ["paragraphAbout", (s) => paragraphAbout(s, "user@example.com")],
    ["paragraphsAfter", (s) => paragraphsAfter(s, "user@example.com")],
    ["parseDsn", (s) => dsnRecords(parseDsn(s))],
    ["embeddedDsn", embeddedDsn],
    ["readOriginal", (s) => readOriginal({ ...message(s), originalHeaders: null })],
    ["htmlToText", htmlToText],
    ["htmlToText on unclosed scripts", (s) => htmlToText(s.replace(/\n/g, "<script>"))],
  ];
  for (const [name, read] of readers) {
    for (const [input, s] of Object.entries(FLOODS)) {
      const t = ms(() => read(s));
      assert.ok(t < BIG_MS, `${name} took ${t.toFixed(0)} ms on ${input}`);
    }
  }
});

test("addressesIn reads a 10 MB run of address characters in one pass", () => {
  // A regex tried at every position went 64 characters deep at each of them: 4 s on this machine.
  for (const unit of ["a", "a.", "a-", "a@"]) {
    const s = fill(unit, 10 * 1024 * 1024);
    const t = ms(() => addressesIn(s));
    assert.ok(t < BIG_MS, `addressesIn took ${t.toFixed(0)} ms on 10 MB of ${JSON.stringify(unit)}`);
  }
});

test("an @ between two 300 KB runs of labels is no address (a bounce of 600 KB took 18 s)", async () => {
  // Read as an address 300 KB long, every later search for it was quadratic; the SMTP endpoint
  // stalled for all its sessions meanwhile. A domain is 253 characters at most.
  const raw = `From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n\n${fill("x.", 300 * 1024)}@${fill("y.", 300 * 1024)}\n`;
  let error: unknown = null;
  const t = await msAsync(() => parseBounce(raw, { timeoutMs: 60_000 }).catch((e) => (error = e)));
  assert.equal(error, null, String(error));
  assert.ok(t < BIG_MS * 2, `parseBounce took ${t.toFixed(0)} ms`);
  assert.deepEqual(addressesIn(`a@${fill("b.", 300)}c`), [], "a 600-character domain");
  assert.deepEqual(addressesIn(`a@${fill("b.", 100)}c`), [`a@${fill("b.", 100)}c`]);
});

test("parseBounce is linear on 200 KB adversarial messages", async () => {
  const bounceHead =
    "From: MAILER-DAEMON@mx.example.net\nTo: sender@example.org\nSubject: Undelivered Mail Returned to Sender\n";
  for (const [name, s] of Object.entries(FLOODS)) {
    const shapes: [string, string][] = [
      ["as the whole message", s],
      ["as a bounce body", `${bounceHead}\n${s}`],
      ["as an HTML body", `${bounceHead}Content-Type: text/html\n\n${s}`],
      [
        "in every part of a report",
        `${bounceHead}Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: text/plain\n\n${s}\n--B\nContent-Type: message/delivery-status\n\n${s}\n--B\nContent-Type: text/rfc822-headers\n\n${s}\n--B--\n`,
      ],
    ];
    for (const [shape, raw] of shapes) {
      let error: unknown = null;
      const t = await msAsync(() => parseBounce(raw, { timeoutMs: 60_000 }).catch((e) => (error = e)));
      // A flood of recipient fields is refused whole (over MAX_RECIPIENTS), quickly.
      assert.ok(
        error === null || (error instanceof BounceError && error.limit === "recipients"),
        `${name} ${shape}: ${error}`,
      );
      assert.ok(t < BIG_MS * 2, `parseBounce took ${t.toFixed(0)} ms on ${name} ${shape}`);
    }
  }
});

test("a long one-line bounce naming many addresses stays small and within its time budget", async () => {
  // 50 addresses and a failure on one 2 MB line: each recipient's paragraph was the whole line
  // (100 MB of diagnostics, 5 s, past the 2000 ms budget). Now a window around each address.
  const addresses = Array.from({ length: 50 }, (_, i) => `rcpt${i}@example.org`).join(" ");
  const line = `${addresses} 550 5.1.1 user unknown ${fill("lorem ipsum dolor ", 2 * 1024 * 1024)}`;
  const raw = `From: MAILER-DAEMON@mx.example.net\nTo: s@example.com\nSubject: Undelivered Mail Returned to Sender\n\n${line}\n`;
  const r = await parseBounce(raw);
  assert.equal(r.decoder, "text");
  assert.equal(r.recipients.length, 50);
  for (const rc of r.recipients) assert.ok(rc.diagnosticText.length <= 2000, rc.recipient);
  assert.equal(r.recipients[0]!.diagnosis.category, "invalid_address");
  assert.ok(JSON.stringify(r).length < 1024 * 1024);
});

test("the paragraph about an address is a window around it, found whatever the case", () => {
  const text = `${fill("a", 5000)} Jane@Example.COM was rejected: 550 user unknown ${fill("b", 5000)}\nnext`;
  const p = paragraphAbout(text, "jane@example.com")!;
  assert.ok(p.length <= 2000);
  assert.match(p, /^a+ Jane@Example\.COM was rejected: 550 user unknown b+$/);
});

test("a JMRP-like subject of 48,000 colons is read in linear time", async () => {
  const raw = `From: x@outlook.com\nSubject: Complaint about message from ${fill(":", 48_000)}z\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nx\n--B\nContent-Type: text/rfc822-headers\n\nFrom: a@example.com\nTo: d@example.org\n\n--B--\n`;
  const t = await msAsync(() => parseBounce(raw));
  assert.ok(t < BIG_MS, `parseBounce took ${t.toFixed(0)} ms`);
});

test("Sendmail: 1,000 report records beside a 60,000-line fatal-errors list are paired in linear time", async () => {
  const listed = Array.from({ length: 60_000 }, (_, i) => `<l${i}@x.example>`).join("\n");
  const records = Array.from(
    { length: 1000 },
    (_, i) => `Final-Recipient: rfc822; r${i}@y.example\nAction: failed\nStatus: 5.0.0\n`,
  ).join("\n");
  const raw = `From: MAILER-DAEMON@mx.example.net\nSubject: Returned mail: see transcript for details\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n--b\nContent-Type: text/plain\n\nThe original message was received at Mon, 2 Mar 2026\n\n   ----- The following addresses had permanent fatal errors -----\n${listed}\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n${records}\n--b--\n`;
  let report: Awaited<ReturnType<typeof parseBounce>> | undefined;
  const t = await msAsync(async () => {
    report = await parseBounce(raw, { timeoutMs: 60_000 });
  });
  assert.equal(report?.decoder, "sendmail");
  assert.equal(report?.recipients.length, 1000);
  assert.ok(t < BIG_MS, `parseBounce took ${t.toFixed(0)} ms`);
});
