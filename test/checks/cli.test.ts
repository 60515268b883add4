// `diagnosa check …` as a user runs it: a real process against the fixture DNS server.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type DnsServer, startDnsServer } from "../support/dns-server.js";
import { ZONES } from "./fixtures.js";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
let server: DnsServer;
before(async () => {
  server = await startDnsServer(ZONES);
});
after(async () => {
  await server?.stop();
});

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { env: { ...process.env, LANG: "C", LC_ALL: "" } });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => {
      out += d;
    });
    p.stderr.on("data", (d) => {
      err += d;
    });
    p.on("close", (code) => resolve({ code, out, err }));
  });
}

test("check domain: 11 SPF lookups and DMARC p=none, each with its fix, in JSON", async () => {
  const r = await run(["check", "domain", "spf11.bad.test", "--dns-server", server.address, "--json"]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.kind, "domain");
  const spf = report.findings.find((f: { id: string }) => f.id === "spf.too_many_lookups");
  const dmarc = report.findings.find((f: { id: string }) => f.id === "dmarc.policy_none");
  assert.ok(spf && dmarc, r.out);
  assert.equal(spf.severity, "error");
  assert.match(spf.message, /11 DNS lookups/);
  assert.match(spf.fix, /10 or fewer/);
  assert.equal(dmarc.severity, "warning");
  assert.match(dmarc.fix, /p=quarantine/);
});

test("check domain: the same in readable text", async () => {
  const r = await run(["check", "domain", "spf11.bad.test", "--dns-server", server.address, "--no-color"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /spf\.too_many_lookups .*11 DNS lookups/);
  assert.match(r.out, /fix: Bring it to 10 or fewer/);
  assert.match(r.out, /dmarc\.policy_none .*p=none/);
  assert.match(r.out, /fix: Once the aggregate reports/);
});

interface JsonFinding {
  id: string;
  severity: string;
  message: string;
  fix: string;
  localized?: { id: { message: string; fix: string } };
}

test("check domain --lang id: every finding's message and fix in Indonesian, none in English", async () => {
  const json = await run(["check", "domain", "spf11.bad.test", "--dns-server", server.address, "--json"]);
  assert.equal(json.code, 0, json.err);
  const findings: JsonFinding[] = JSON.parse(json.out).findings;
  // --json keeps the English fields and adds the Indonesian ones beside them.
  const spf = findings.find((f) => f.id === "spf.too_many_lookups")!;
  assert.match(spf.message, /11 DNS lookups/);
  assert.match(spf.localized!.id.message, /membutuhkan 11 kueri DNS/);
  assert.match(spf.localized!.id.fix, /^Kurangi menjadi 10 atau kurang/);

  const r = await run([
    "check",
    "domain",
    "spf11.bad.test",
    "--dns-server",
    server.address,
    "--lang",
    "id",
    "--no-color",
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Pemeriksaan domain: spf11\.bad\.test\n/);
  assert.match(
    r.out,
    /✗ galat {6}spf\.too_many_lookups {2}Catatan SPF spf11\.bad\.test membutuhkan 11 kueri DNS/,
  );
  assert.match(r.out, /\n {15}perbaikan: Kurangi menjadi 10 atau kurang/);
  assert.match(r.out, /! peringatan dmarc\.policy_none {2}Kebijakan DMARC spf11\.bad\.test adalah p=none/);
  assert.match(r.out, /\(galat, peringatan, info, ok\)/);
  assert.ok(findings.length > 5, json.out);
  for (const f of findings) {
    assert.ok(f.localized?.id.message, `${f.id}: no Indonesian message`);
    assert.ok(
      r.out.includes(`${f.id}  ${f.localized.id.message}\n`),
      `${f.id}: Indonesian message not printed`,
    );
    assert.ok(!r.out.includes(`${f.id}  ${f.message}\n`), `${f.id}: English message printed: ${f.message}`);
    if (f.severity !== "ok") {
      assert.ok(r.out.includes(`perbaikan: ${f.localized.id.fix}\n`), `${f.id}: Indonesian fix not printed`);
      assert.ok(!r.out.includes(`: ${f.fix}\n`), `${f.id}: English fix printed: ${f.fix}`);
    }
  }
  assert.doesNotMatch(r.out, /\bfix:|error|warning/);
});

test("check address --lang id and diagnosa --check --lang id print the Indonesian findings", async () => {
  const addr = await run([
    "check",
    "address",
    "budi@gmial.com",
    "--dns-server",
    server.address,
    "--lang",
    "id",
    "--no-color",
  ]);
  assert.equal(addr.code, 0, addr.err);
  assert.match(addr.out, /^Pemeriksaan alamat: budi@gmial\.com/);
  assert.match(addr.out, /address\.typo {2}Domain gmial\.com tampaknya salah ketik dari gmail\.com\./);
  assert.match(
    addr.out,
    /perbaikan: Minta penerima untuk mengonfirmasi, lalu perbaiki alamat menjadi budi@gmail\.com/,
  );
  const d = await run([
    "--check",
    "--lang",
    "id",
    "--no-color",
    "--dns-server",
    server.address,
    "554 5.7.1 Service unavailable; Client host [192.0.2.66] blocked using zen.spamhaus.org",
  ]);
  assert.equal(d.code, 0, d.err);
  assert.match(d.out, /Pemeriksaan IP: 192\.0\.2\.66/);
  assert.match(d.out, /blocklist\.listed {2}192\.0\.2\.66 tercantum di /);
  assert.doesNotMatch(d.out, /is listed on/);
});

test("check ip, check address, and usage errors", async () => {
  const ip = await run(["check", "ip", "192.0.2.99", "--dns-server", server.address, "--json"]);
  const ids = JSON.parse(ip.out).findings.map((f: { id: string }) => f.id);
  assert.ok(ids.includes("blocklist.refused") && !ids.includes("blocklist.listed"), ids.join(","));
  const addr = await run(["check", "address", "budi@gmial.com", "--dns-server", server.address, "--json"]);
  const typo = JSON.parse(addr.out).findings.find((f: { id: string }) => f.id === "address.typo");
  assert.equal(typo.data.suggestion, "budi@gmail.com");
  assert.equal((await run(["check", "ip", "not-an-ip"])).code, 2);
  assert.equal((await run(["check", "domain", "x.test", "--dns-server", "dns.example"])).code, 2);
  assert.equal((await run(["check", "message", "/no/such/file.eml"])).code, 2);
});

test("check message: an empty file or one that is no email exits 2 with a message; an mbox copy is read", async () => {
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-msg-"));
  const file = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  const empty = await run(["check", "message", file("empty.eml", ""), "--dns-server", server.address]);
  assert.equal(empty.code, 2, empty.out);
  assert.match(empty.err, /not an email message: .*empty\.eml \(it is empty\)/);
  assert.equal(empty.out, "");
  const noise = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256));
  const random = await run(["check", "message", file("random.eml", noise), "--dns-server", server.address]);
  assert.equal(random.code, 2, random.out);
  assert.match(random.err, /not an email message: .*\(it does not start with a header block/);
  const text = await run(["check", "message", file("text.eml", "just some words\n\nmore"), "--json"]);
  assert.equal(text.code, 2, text.out);
  const mbox = file(
    "mbox.eml",
    "From budi@good.test Mon Jan  1 10:00:00 2024\nFrom: budi@good.test\nSubject: hi\n\nHello Budi, see you soon.\n",
  );
  const ok = await run(["check", "message", mbox, "--dns-server", server.address, "--json"]);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).kind, "message");
});

test('diagnosa "<reply>" --check runs the fitting checks', async () => {
  const r = await run([
    "--json",
    "--check",
    "--dns-server",
    server.address,
    "554 5.7.1 Service unavailable; Client host [192.0.2.66] blocked using zen.spamhaus.org",
  ]);
  assert.equal(r.code, 0, r.err);
  const d = JSON.parse(r.out);
  assert.equal(d.category, "blocked");
  assert.equal(d.checks.reports[0].target, "192.0.2.66");
  assert.ok(d.checks.reports[0].findings.some((f: { id: string }) => f.id === "blocklist.listed"));
});

test("check: a target that is not a domain name, an IP or a DKIM selector exits 2 with a message", async () => {
  const usage = async (args: string[], message: RegExp) => {
    const r = await run([...args, "--dns-server", server.address, "--json"]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.out}${r.err}`);
    assert.equal(r.out, "");
    assert.match(r.err, message);
    assert.doesNotMatch(r.err, /\n\s+at /, "a stack trace");
  };
  for (const name of ["1.2.3.4", "a..b", `${"a".repeat(80)}.com`, "%%%.com", "a_b.com", "a-.com"])
    await usage(["check", "domain", name], /^diagnosa: not a domain name: /);
  await usage(["check", "domain", "1.2.3.4"], /not a domain name: "1\.2\.3\.4" \(it is an IP address\)/);
  await usage(["check", "ip", "fe80::1%eth0"], /^diagnosa: not an IPv4 or IPv6 address .*"fe80::1%eth0"/);
  for (const selector of ["", "a..b", "s 1"])
    await usage(
      ["check", "domain", "spf11.bad.test", "--dkim-selector", selector],
      /^diagnosa: --dkim-selector: not a DKIM selector: /,
    );
  // Internationalised names and real selectors still run.
  const idn = await run(["check", "domain", "bücher.test", "--dns-server", server.address, "--json"]);
  assert.equal(idn.code, 0, idn.err);
  const sel = await run([
    "check",
    "domain",
    "spf11.bad.test",
    "--dkim-selector",
    "s1",
    "--dns-server",
    server.address,
    "--json",
  ]);
  assert.equal(sel.code, 0, sel.err);
});

test("check address: a provider's regional domain is not reported as a typo", async () => {
  for (const addr of ["budi@yahoo.com.sg", "budi@yahoo.com.br", "budi@hotmail.be", "budi@hotmail.se"]) {
    const r = await run(["check", "address", addr, "--dns-server", server.address, "--json"]);
    assert.equal(r.code, 0, r.err);
    const ids = JSON.parse(r.out).findings.map((f: { id: string }) => f.id);
    assert.ok(!ids.includes("address.typo"), `${addr}: ${ids.join(",")}`);
  }
});

test("check message --json stays JSON when a DKIM signature's l= does not match the body", async () => {
  // mailauth 4.13 prints "TOTAL n EXPECTING m" on stdout in this case; it must not reach the JSON.
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-check-"));
  const file = join(dir, "l-mismatch.eml");
  writeFileSync(
    file,
    [
      "DKIM-Signature: v=1; a=rsa-sha256; d=good.test; s=sel1; c=relaxed/relaxed; l=5000; h=from; bh=AAAA; b=AAAA",
      "From: sender@good.test",
      "To: someone@example.com",
      "Subject: hello",
      "",
      "A short body.",
      "",
    ].join("\r\n"),
  );
  const r = await run(["check", "message", file, "--dns-server", server.address, "--json"]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /TOTAL|EXPECTING/);
  assert.equal(JSON.parse(r.out).kind, "message");
});

test("--check on a reply naming only the recipient's domain checks that domain's MX, not the server's", async () => {
  const r = await run([
    "--json",
    "--check",
    "--dns-server",
    server.address,
    "451 4.4.1 Host good.test not found: connection to mx.good.test timed out",
  ]);
  assert.equal(r.code, 0, r.err);
  const d = JSON.parse(r.out);
  assert.deepEqual(d.checks.checks, ["mx"]);
  assert.deepEqual(
    d.checks.reports.map((x: { kind: string; target: string }) => `${x.kind} ${x.target}`),
    ["domain good.test"],
  );
  assert.ok(d.checks.reports[0].findings.some((f: { id: string }) => f.id.startsWith("mx.")));
});

test("--check in readable output names the checks in the chosen language, and says when none apply", async () => {
  const none = await run(["--check", "--lang", "id", "--no-color", "452 4.2.2 Mailbox full"]);
  assert.equal(none.code, 0, none.err);
  assert.match(none.out, /kategori ini tidak memerlukan pemeriksaan DNS/);
  const noTarget = await run(["--check", "--lang", "id", "--no-color", "550 5.7.26 DMARC policy failed"]);
  assert.match(noTarget.out, /Pemeriksaan \(SPF, DKIM, dan DMARC\): balasan ini tidak menyebut/);
  assert.doesNotMatch(noTarget.out, /authentication/);
});

test("check: an option of another target is a usage error, not ignored", async () => {
  for (const args of [
    ["check", "ip", "192.0.2.1", "--dkim-selector", "s1"],
    ["check", "address", "a@good.test", "--bulk"],
    ["check", "domain", "good.test", "--bulk"],
    ["check", "message", "-", "--dkim-selector", "s1"],
  ]) {
    const r = await run([...args, "--dns-server", server.address]);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.err, /is an option of check (domain|message), not of check/, args.join(" "));
  }
});
