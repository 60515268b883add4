// `diagnosa check …` as a user runs it: a real process against the fixture DNS server.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
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
