// The fast MIME reader against postal-mime, the well-kept parser it stands in for: the same subject,
// text, reports and returned headers on this project's fixtures and, when present, every corpus email.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { corpusDir } from "../../scripts/corpus.js";
import { htmlToText, readMessage, readWithPostalMime } from "../../src/bounce/message.js";
import { decodeWords, MimeError, parseMime } from "../../src/bounce/mime.js";
import { parseBounce } from "../../src/index.js";
import * as fixtures from "./fixtures.js";

const norm = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

const inputs: [string, Buffer][] = Object.entries(fixtures)
  .filter((e): e is [string, string] => typeof e[1] === "string")
  .map(([k, v]) => [k, Buffer.from(v)]);
const dir = corpusDir();
if (dir) {
  const bsd = join(dir, "sisimai/maildir/bsd");
  for (const f of readdirSync(bsd).sort()) inputs.push([f, readFileSync(join(bsd, f))]);
}

test("the fast reader agrees with postal-mime", async () => {
  let textDiffs = 0;
  for (const [name, raw] of inputs) {
    const a = await readMessage(raw);
    const b = await readWithPostalMime(raw);
    assert.equal(norm(a.subject), norm(b.subject), `${name}: subject`);
    // The reader may find more reports (a forwarded bounce, a second report after the end): the
    // ones postal-mime finds come first and are the same.
    assert.deepEqual(
      a.deliveryStatus.slice(0, b.deliveryStatus.length).map(norm),
      b.deliveryStatus.map(norm),
      `${name}: delivery-status`,
    );
    assert.equal(norm(a.feedbackReport), norm(b.feedbackReport), `${name}: feedback report`);
    // A forwarded bounce's own returned message is the one that bounced: only compare the plain case.
    if (a.deliveryStatus.length === b.deliveryStatus.length) {
      assert.equal(norm(a.originalHeaders), norm(b.originalHeaders), `${name}: returned headers`);
    }
    // HTML-only bodies are turned into text by each side's own rules: count, do not require.
    // Where postal-mime finds no text (a boundary that never occurs), the reader keeps the body.
    // A forwarded bounce or a report after the end adds its text.
    const sameShape = a.deliveryStatus.length === b.deliveryStatus.length;
    if (sameShape && norm(a.text) !== norm(b.text) && norm(b.text) !== "") textDiffs++;
  }
  assert.ok(textDiffs <= Math.ceil(inputs.length * 0.01), `${textDiffs} texts differ`);
});

test("limits: nesting and part counts are refused, not followed", () => {
  let deep = "";
  for (let d = 0; d < 40; d++) deep += `Content-Type: multipart/mixed; boundary="b${d}"\n\n--b${d}\n`;
  assert.throws(() => parseMime(deep), MimeError);
  const many = `Content-Type: multipart/mixed; boundary="x"\n\n${"--x\n\nhi\n".repeat(600)}--x--\n`;
  assert.throws(() => parseMime(many), MimeError);
});

test("quoted-printable, base64 and charsets", () => {
  const qp = parseMime(
    'Content-Type: text/plain; charset="iso-8859-1"\nContent-Transfer-Encoding: quoted-printable\n\nBenutzer unbekannt: Gr=FC=DFe=\n zur=FCck\n',
  );
  assert.equal(qp.body.length > 0, true);
  const b64 = parseMime(
    `Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n${Buffer.from([0xf0, 0xcf, 0xcc, 0xd8, 0xda, 0xcf, 0xd7, 0xc1, 0xd4, 0xc5, 0xcc, 0xd8]).toString("base64")}\n`,
  );
  assert.equal(b64.params.get("charset"), "koi8-r");
});

test("windows-1252 (and the latin1 labels that stand for it) keeps „ “ – ’ €", async () => {
  const body = Buffer.concat([
    Buffer.from("Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n"),
    Buffer.from([0x84, 0x61, 0x93, 0x20, 0x96, 0x20, 0x92, 0x20, 0x80, 0x20, 0xfc, 0x0a]),
  ]);
  assert.equal((await readMessage(body)).text.trim(), "„a“ – ’ € ü");
  assert.equal(decodeWords("=?iso-8859-1?Q?=93Gr=FC=DFe=94?="), "“Grüße”");
});

test("a blank text/plain alternative does not hide the HTML beside it (an HTML-only NDR)", async () => {
  const raw = `From: postmaster@mail.example.net
To: sender@example.org
Subject: Undeliverable: hello
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="A"

--A
Content-Type: text/plain; charset=us-ascii

 
--A
Content-Type: text/html; charset=us-ascii

<html><body><p>Delivery has failed to these recipients or groups:</p>
<p><a href="mailto:alice@example.com">alice@example.com</a><br>The email address you entered couldn't be found.</p>
<p>Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'</p></body></html>
--A--
`;
  const fast = await readMessage(Buffer.from(raw));
  assert.match(fast.text, /Delivery has failed to these recipients/);
  assert.match(
    norm((await readWithPostalMime(Buffer.from(raw))).text),
    /Delivery has failed to these recipients/,
  );
  const r = await parseBounce(raw);
  assert.equal(r.kind, "bounce");
  assert.deepEqual(
    r.recipients.map((x) => [x.recipient, x.diagnosis.category]),
    [["alice@example.com", "invalid_address"]],
  );
});

test("numeric character references in HTML and padded quoted-printable soft breaks are read", async () => {
  assert.equal(
    htmlToText("<p>failed:&#160;550&#x20;5.1.1 &#x5B89;&#xD800;</p>"),
    " failed: 550 5.1.1 安&#xD800;\n",
  );
  // "=" then spaces before the line end is still a soft break (RFC 2045 6.7).
  const msg = await readMessage(
    Buffer.from(
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n<alice@exa=  \nmple.com>: host mx.example.com said: 550 5.1.1 User unknown\n",
    ),
  );
  assert.match(msg.text, /<alice@example\.com>:/);
});
