// Fuzz: SPF, DMARC and DKIM records are whatever a domain's owner typed. 1,200 mutated records
// (from valid ones: terms dropped, doubled or swapped, characters flipped, values replaced with odd
// ones, huge records), served by a real DNS server (knotd on loopback), go through the checks: each
// must give findings in both languages, never an exception. So must 600 mutated email messages
// through the content check (headers, MIME, links, DKIM signatures looked up on that server).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checkMessage } from "../../src/checks/content.js";
import { Dns } from "../../src/checks/dns.js";
import { checkDkim, checkDmarc, checkSpf } from "../../src/checks/domain.js";
import type { Finding } from "../../src/checks/types.js";
import { type DnsServer, startDnsServer, txt } from "../support/dns-server.js";
import { flipChars, rng, truncate } from "../support/rng.js";

const random = rng(1127);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

const SEEDS = {
  spf: [
    "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.fuzz.test a mx -all",
    "v=spf1 a:mail.fuzz.test mx:fuzz.test/24 exists:%{i}.x.fuzz.test redirect=_spf.fuzz.test",
    "v=spf1 ptr ~all exp=explain.fuzz.test",
  ],
  dmarc: [
    "v=DMARC1; p=reject; sp=quarantine; pct=100; rua=mailto:dmarc@fuzz.test,mailto:x@other.test!10m; ruf=mailto:f@fuzz.test; adkim=s; aspf=r; fo=1:d; ri=86400",
    "v=DMARC1; p=none",
  ],
  dkim: [
    "v=DKIM1; k=rsa; t=s:y; h=sha256; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDDmzRmJRQxLEuyYiyMg4suA2SyMwR5PkdLUrJbiw9hZLMYWEKmAgQoigv0F5DXPN1+5BuPpt7DJGjPLkIXhFHfDzkGBWLmpo6jEnSbIlGaE6W5o2tVk1XJrIXXxx2V5EmwFTj5E1zMH23eD3HfHHDBjiUo6+jSW11ETjEXUKAfBQIDAQAB",
    "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
  ],
};

const ODD = [
  "",
  " ",
  ";",
  "=",
  ":",
  "/",
  "//",
  "/999",
  "%{",
  "%{z}",
  "mailto:",
  "!",
  "!99999999999t",
  "p=",
  "v=",
  "-",
  "\u00e9",
  "x".repeat(300),
  "a.".repeat(130),
  "999999999999999999999",
  "ip4:999.1.1.1/33",
  "ip6:::/129",
  "include:",
  "redirect=",
];

function mutate(record: string): string {
  const sep = record.includes(";") ? ";" : " ";
  const terms = record.split(sep);
  switch (int(7)) {
    case 0:
      terms.splice(int(terms.length), 1);
      break;
    case 1:
      terms.splice(int(terms.length + 1), 0, pick(terms));
      break;
    case 2: {
      const a = int(terms.length);
      const b = int(terms.length);
      [terms[a], terms[b]] = [terms[b]!, terms[a]!];
      break;
    }
    case 3: {
      const i = int(terms.length);
      terms[i] = terms[i]!.replace(/[:=/].*$/, (m) => m[0] + pick(ODD));
      break;
    }
    case 4:
      terms.splice(int(terms.length + 1), 0, pick(ODD));
      break;
    case 5:
      return flipChars(random, record, 5, 127);
    default:
      return record + sep + Array.from({ length: 50 + int(200) }, () => pick(terms)).join(sep);
  }
  return terms.join(sep);
}

const N = 400;
const records = { spf: [] as string[], dmarc: [] as string[], dkim: [] as string[] };
for (let i = 0; i < N; i++) {
  for (const kind of ["spf", "dmarc", "dkim"] as const) {
    let r = pick(SEEDS[kind]);
    for (let k = 0; k < 1 + int(3); k++) r = mutate(r);
    // Zone files hold printable ASCII in TXT here; a backslash would be an escape.
    // (and one TXT record holds at most 65,535 octets: 8,000 characters is long enough to be odd).
    records[kind].push(
      r
        .slice(0, 8000)
        .replace(/[^\x20-\x7e]/g, "?")
        .replace(/\\/g, "/"),
    );
  }
}

let server: DnsServer;
const dns = () => new Dns({ servers: [server.address], timeoutMs: 1000, tries: 1 });

before(async () => {
  const lines: string[] = ['_spf TXT "v=spf1 ip4:198.51.100.0/24 -all"', "mail A 192.0.2.25", "@ MX 10 mail"];
  // An empty record is one empty string.
  const value = (r: string) => (r === "" ? '""' : txt(r));
  for (let i = 0; i < N; i++) {
    lines.push(`s${i} TXT ${value(records.spf[i]!)}`);
    lines.push(`_dmarc.d${i} TXT ${value(records.dmarc[i]!)}`);
    lines.push(`sel._domainkey.k${i} TXT ${value(records.dkim[i]!)}`);
  }
  server = await startDnsServer({ "fuzz.test": lines.join("\n") });
});
after(async () => {
  await server?.stop();
});

function assertFindings(findings: Finding[], where: string): void {
  assert.ok(findings.length > 0, `${where}: no finding`);
  for (const f of findings) {
    assert.match(f.id, /^[a-z_]+\.[a-z_]+/, where);
    assert.ok(f.message && f.fix, `${where}: ${f.id} has no text`);
    assert.ok(f.localized?.id?.message && f.localized.id.fix, `${where}: ${f.id} has no Indonesian text`);
  }
}

test(`${N * 3} mutated SPF, DMARC and DKIM records: findings in both languages, never an exception`, async () => {
  const ids = new Set<string>();
  for (let i = 0; i < N; i++) {
    const d = dns();
    const spf = await checkSpf(`s${i}.fuzz.test`, d);
    assertFindings(spf.findings, `SPF ${records.spf[i]}`);
    const dmarc = await checkDmarc(`d${i}.fuzz.test`, d);
    assertFindings(dmarc.findings, `DMARC ${records.dmarc[i]}`);
    const dkim = await checkDkim(`k${i}.fuzz.test`, d, ["sel"]);
    assertFindings(dkim, `DKIM ${records.dkim[i]}`);
    for (const f of [...spf.findings, ...dmarc.findings, ...dkim]) ids.add(f.id);
  }
  // The mutations reach the records' grammar, not only "no record": many kinds of finding come out.
  assert.ok(ids.size >= 15, [...ids].join(", "));
});

const MESSAGE_SEED = [
  "From: Shop <news@fuzz.test>",
  "To: budi@example.test",
  "Subject: =?UTF-8?B?WW91ciBNYXJjaCBpbnZvaWNl?=",
  "Date: Mon, 1 Jan 2024 10:00:00 +0000",
  "Message-ID: <1@fuzz.test>",
  "MIME-Version: 1.0",
  "List-Unsubscribe: <https://fuzz.test/u?x=1>, <mailto:u@fuzz.test>",
  "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
  "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=fuzz.test; s=sel; h=from:to:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==",
  "Received: from mail.fuzz.test (mail.fuzz.test [192.0.2.25]) by mx.example.test with ESMTPS; Mon, 1 Jan 2024 10:00:01 +0000",
  'Content-Type: multipart/alternative; boundary="b"',
  "",
  "--b",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  "Hello Budi, your invoice for March is ready. Unsubscribe: https://fuzz.test/u =E2=9C=93",
  "--b",
  "Content-Type: text/html",
  "Content-Transfer-Encoding: base64",
  "",
  Buffer.from(
    '<p>Hello Budi, <a href="https://bit.ly/x">click</a> <img src="https://fuzz.test/a.png"><a href="http://192.0.2.1/x">here</a></p>',
  ).toString("base64"),
  "--b--",
  "",
].join("\r\n");

function mutateMessage(raw: string): string {
  const lines = raw.split("\r\n");
  switch (int(6)) {
    case 0:
      return truncate(random, raw);
    case 1:
      lines.splice(int(lines.length), 1);
      return lines.join("\r\n");
    case 2: {
      const i = int(lines.length);
      lines[i] = lines[i]!.replace(/[:=;<>"]/g, () => pick(ODD));
      return lines.join("\r\n");
    }
    case 3:
      return `X-Huge: ${"a".repeat(100_000 + int(200_000))}\r\n${raw}`;
    case 4:
      return lines.join(pick(["\n", "\r", "\r\n"]));
    default:
      return flipChars(random, raw, 20, 0x3000);
  }
}

test("600 mutated email messages: content findings in both languages, never an exception", async () => {
  const d = dns();
  for (let i = 0; i < 600; i++) {
    let raw = MESSAGE_SEED;
    for (let k = 0; k < 1 + int(3); k++) raw = mutateMessage(raw);
    const findings = await checkMessage(raw, d, { skipBlocklists: true });
    assertFindings(findings, `message case ${i}: ${raw.slice(0, 200)}`);
  }
});
