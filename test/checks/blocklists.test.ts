// Blocklist queries against a real DNS server (knotd on loopback) serving crafted list zones: link
// and domain hosts asked by their registered domain (and on DBL by themselves too), IPv4-mapped
// IPv6 addresses asked as IPv4, plain IPv6 only on the lists that list IPv6, Mailspike's codes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checkBlocklists, interpretAnswer } from "../../src/checks/blocklists.js";
import { checkMessage } from "../../src/checks/content.js";
import { Dns, ptrName } from "../../src/checks/dns.js";
import { checkDomain, checkIp } from "../../src/checks/index.js";
import type { Finding } from "../../src/checks/types.js";
import { BLOCKLISTS } from "../../src/rules/blocklists.js";
import { type DnsServer, startDnsServer } from "../support/dns-server.js";
import { assertIndonesian } from "./localized.js";

// 2001:db8::5, reversed nibbles.
const V6 = "5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2";

const ZONES: Record<string, string> = {
  "evil.test": "",
  "multi.surbl.org": "evil.test A 127.0.0.16\nexample.co.uk A 127.0.0.16",
  "multi.uribl.com": "evil.test A 127.0.0.2",
  // evil.test is listed as a domain; phish.shared.test as a host, its domain shared.test is not.
  "dbl.spamhaus.org": "evil.test A 127.0.1.2\nphish.shared.test A 127.0.1.4",
  // 192.0.0.4
  "zen.spamhaus.org": "4.0.0.192 A 127.0.0.2",
  // Were an IPv4-only list asked about 2001:db8::5, this answer would show as a listing.
  "bl.spamcop.net": `${V6} A 127.0.0.2`,
  "bl.mailspike.net": [
    "2.100.51.198 A 127.0.0.2",
    "10.100.51.198 A 127.0.0.10",
    "11.100.51.198 A 127.0.0.11",
    "12.100.51.198 A 127.0.0.12",
  ].join("\n"),
};
for (const b of BLOCKLISTS) for (const z of b.zones) ZONES[z] ??= "";

let server: DnsServer;
let dns: () => Dns;

before(async () => {
  server = await startDnsServer(ZONES);
  dns = () => new Dns({ servers: [server.address], timeoutMs: 1000, tries: 1 });
});
after(async () => {
  await server?.stop();
});

const listedOn = (f: Finding[]) =>
  f
    .filter((x) => x.id === "blocklist.listed")
    .map((x) => String(x.data?.zone))
    .sort();
const DOMAIN_LISTS = ["dbl.spamhaus.org", "multi.surbl.org", "multi.uribl.com"];

test("a host is asked by its registered domain: click.evil.test is listed through evil.test", async () => {
  const sub = await checkBlocklists("click.evil.test", dns());
  assert.deepEqual(listedOn(sub), DOMAIN_LISTS, JSON.stringify(sub));
  for (const x of sub.filter((y) => y.id === "blocklist.listed")) {
    assert.equal(x.subject, "click.evil.test");
    assert.deepEqual(x.data?.names, ["evil.test"]);
    assert.match(x.message, /through its domain evil\.test/);
  }
  // The registered domain itself: one query and one finding per list, as before.
  const dom = await checkBlocklists("evil.test", dns());
  assert.deepEqual(listedOn(dom), DOMAIN_LISTS);
  // The Public Suffix List decides the registered domain.
  assert.deepEqual(listedOn(await checkBlocklists("a.b.example.co.uk", dns())), ["multi.surbl.org"]);
  assertIndonesian([...sub, ...dom]);
});

test("DBL is asked with the host and its registered domain; SURBL and URIBL with the domain", async () => {
  const host = await checkBlocklists("phish.shared.test", dns());
  assert.deepEqual(listedOn(host), ["dbl.spamhaus.org"]);
  assert.deepEqual(host.find((x) => x.id === "blocklist.listed")!.data?.names, ["phish.shared.test"]);
  assert.deepEqual(listedOn(await checkBlocklists("www.shared.test", dns())), []);
  const deep = await checkBlocklists("a.b.c.evil.test", dns());
  assert.deepEqual(listedOn(deep), DOMAIN_LISTS);
  assertIndonesian([...host, ...deep]);
});

test("check domain mail.evil.test finds evil.test on the domain lists", async () => {
  const r = await checkDomain("mail.evil.test", { dns: dns(), dkimSelectors: ["s1"] });
  assert.deepEqual(listedOn(r.findings), DOMAIN_LISTS);
});

const MESSAGE = (href: string) =>
  `From: Shop <news@good.test>\r\nTo: budi@example.test\r\nSubject: Your March invoice\r\nMIME-Version: 1.0\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nMessage-ID: <1@good.test>\r\nContent-Type: text/html\r\n\r\n<p>Hello Budi, your invoice for March is ready on your account page. It lists every order of the month.</p>${href}\r\n`;

test("a message linking to a host under a listed domain has content.listed_link, once per list", async () => {
  const sub = await checkMessage(MESSAGE('<a href="https://click.evil.test/b">Invoice</a>'), dns());
  const links = sub.filter((x) => x.id === "content.listed_link");
  assert.deepEqual(links.map((x) => String(x.data?.zone)).sort(), DOMAIN_LISTS, JSON.stringify(sub));
  assert.ok(links.every((x) => x.subject === "click.evil.test"));
  // Links to the domain and to a host under it: still one finding per list.
  const both = await checkMessage(
    MESSAGE('<a href="https://evil.test/a">a</a> <a href="https://click.evil.test/b">b</a>'),
    dns(),
  );
  const twice = both.filter((x) => x.id === "content.listed_link");
  assert.deepEqual(twice.map((x) => String(x.data?.zone)).sort(), DOMAIN_LISTS);
  assertIndonesian([...links, ...twice]);
});

test("an IPv4-mapped IPv6 address is checked as its IPv4 address", async () => {
  for (const ip of ["::ffff:192.0.0.4", "::ffff:c000:4", "0:0:0:0:0:FFFF:192.0.0.4"]) {
    const r = await checkIp(ip, { dns: dns() });
    const got = r.findings.map((x) => x.id);
    assert.equal(r.target, "192.0.0.4", ip);
    assert.deepEqual(listedOn(r.findings), ["zen.spamhaus.org"], `${ip}: ${got.join(", ")}`);
    assert.ok(!got.includes("blocklist.clean"), `${ip}: ${got.join(", ")}`);
    const direct = await checkBlocklists(ip, dns());
    assert.deepEqual(listedOn(direct), ["zen.spamhaus.org"], ip);
    assertIndonesian([...r.findings, ...direct], ip);
  }
  assert.equal(ptrName("::ffff:192.0.0.4"), "4.0.0.192.in-addr.arpa");
});

test("IPv6 is asked only on the lists that list IPv6, and the clean count says so", async () => {
  const r = await checkBlocklists("2001:db8::5", dns());
  assert.deepEqual(
    r.map((x) => x.id),
    ["blocklist.clean"],
    JSON.stringify(r),
  );
  assert.deepEqual(r[0]!.data?.zones, ["zen.spamhaus.org"]);
  assert.match(r[0]!.message, /none of the 1 IP blocklists/);
  // IPv4 is still asked on every IP list.
  const v4 = await checkBlocklists("192.0.2.200", dns());
  const ipZones = BLOCKLISTS.flatMap((b) => b.zones).filter((z) => !DOMAIN_LISTS.includes(z));
  assert.deepEqual(v4.find((x) => x.id === "blocklist.clean")?.data?.zones, ipZones);
  assertIndonesian([...r, ...v4]);
});

test("Mailspike: 127.0.0.10 to 127.0.0.12 (bad reputation) and 127.0.0.2 are listings", async () => {
  const want: [string, RegExp][] = [
    ["198.51.100.2", /listed \(127\.0\.0\.2\)/],
    ["198.51.100.10", /worst reputation/],
    ["198.51.100.11", /very bad reputation/],
    ["198.51.100.12", /: bad reputation/],
  ];
  const all: Finding[] = [];
  for (const [ip, meaning] of want) {
    const r = await checkBlocklists(ip, dns());
    all.push(...r);
    assert.deepEqual(listedOn(r), ["bl.mailspike.net"], `${ip}: ${JSON.stringify(r)}`);
    assert.ok(!r.some((x) => x.id === "blocklist.invalid_answer"), ip);
    assert.match(r.find((x) => x.id === "blocklist.listed")!.message, meaning);
  }
  assert.equal(interpretAnswer("bl.mailspike.net", "127.0.0.13").type, "invalid");
  assertIndonesian(all);
});
