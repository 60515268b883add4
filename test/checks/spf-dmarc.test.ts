// SPF evaluation as RFC 7208 defines it (redirects inside includes, repeated includes, duplicate
// modifiers), DMARC records with whitespace (RFC 7489 §6.4), and DNS failures of DKIM and DMARC
// lookups, against a real DNS server (knotd on loopback) serving crafted zones.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Dns } from "../../src/checks/dns.js";
import { checkDkim, checkDmarc, checkSpf } from "../../src/checks/domain.js";
import type { Finding } from "../../src/checks/types.js";
import { type DnsServer, startDnsServer, txt } from "../support/dns-server.js";
import { assertIndonesian } from "./localized.js";

const spf = (value: string) => `TXT ${txt(`v=spf1 ${value}`)}`;

const ZONES: Record<string, string> = {
  "spf.test": [
    // +all reached through an include that redirects.
    `r ${spf("include:x.r.spf.test -all")}`,
    `x.r ${spf("redirect=y.r.spf.test")}`,
    `y.r ${spf("ip4:203.0.113.7 +all")}`,
    // The same include reached twice: by two paths, or named twice.
    `diamond ${spf("include:a.diamond.spf.test include:b.diamond.spf.test -all")}`,
    `a.diamond ${spf("include:common.spf.test -all")}`,
    `b.diamond ${spf("include:common.spf.test -all")}`,
    `common ${spf("ip4:192.0.2.1 -all")}`,
    `twice ${spf("include:common.spf.test include:common.spf.test -all")}`,
    // 1 + 5 + 1 + 1 + 5 = 13 lookups: h is evaluated twice.
    `hidden ${spf("include:h.spf.test include:h2.spf.test -all")}`,
    `h ${spf("a:h1.spf.test a:h2.spf.test a:h3.spf.test a:h4.spf.test a:h5.spf.test -all")}`,
    `h2 ${spf("include:h.spf.test -all")}`,
    ...[1, 2, 3, 4, 5].map((i) => `h${i} A 192.0.2.${i}`),
    // A true cycle through a redirect: still a loop.
    `cyc ${spf("include:c1.spf.test -all")}`,
    `c1 ${spf("redirect=c2.spf.test")}`,
    `c2 ${spf("include:c1.spf.test -all")}`,
    // A diamond of includes many levels deep: far over the limit, and must not take forever.
    ...Array.from({ length: 12 }, (_, i) =>
      i === 11
        ? `d11 ${spf("a:h1.spf.test -all")}`
        : `d${i} ${spf(`include:d${i + 1}.spf.test include:d${i + 1}.spf.test -all`)}`,
    ),
    // Modifiers twice.
    `dupredirect ${spf("redirect=common.spf.test redirect=r.spf.test")}`,
    `dupexp ${spf("ip4:192.0.2.1 exp=e1.spf.test exp=e2.spf.test -all")}`,
    `oneredirect ${spf("redirect=common.spf.test")}`,
    // A redirect to a name without SPF.
    `redirmissing ${spf("redirect=nowhere.spf.test")}`,
    // DMARC with whitespace around = and ;.
    `_dmarc.ws TXT ${txt("v = DMARC1 ; p = reject ; rua = mailto:d@spf.test")}`,
    `_dmarc.ws2 TXT ${txt("v=DMARC1;\tp=reject;  rua=mailto:d@spf.test")}`,
    `_dmarc.late TXT ${txt("v=DMARC1x; p=reject; rua=mailto:d@spf.test")}`,
    `_dmarc.lower TXT ${txt("v=dmarc1; p=reject; rua=mailto:d@spf.test")}`,
    `_dmarc.dup TXT ${txt("v=DMARC1; p=none; p=reject; rua=mailto:d@spf.test")}`,
    `_dmarc.nop TXT ${txt("v=DMARC1; rua=mailto:d@spf.test")}`,
    // Terms after all: never tested (RFC 7208 §5.1).
    `plusfirst ${spf("+all -all")}`,
    `neutfirst ${spf("ip4:192.0.2.1 ?all -all")}`,
    `allmid ${spf("-all include:y.r.spf.test")}`,
    `allthen ${spf(`-all ${Array.from({ length: 11 }, (_, i) => `a:n${i}.spf.test`).join(" ")}`)}`,
    `emptyredir ${spf("redirect=")}`,
    // Syntax errors mailauth and RFC 7208 §4.6 make a permanent error, each in a record otherwise fine.
    `allarg ${spf("ip4:192.0.2.1 -all:foo")}`,
    `emptya ${spf("a: -all")}`,
    `emptyexp ${spf("ip4:192.0.2.1 exp= -all")}`,
    `badafter ${spf("-all ip4:999.1.1.1")}`,
    `badcidr ${spf("a/33 -all")}`,
    `lead0 ${spf("ip4:192.0.2.0/024 -all")}`,
    `ptrcidr ${spf("ptr:common.spf.test/24 -all")}`,
    `onelabel ${spf("include:localhost -all")}`,
    `badmacro ${spf("exists:%{z}.spf.test -all")}`,
    // c, r and t belong to the explanation's text only (RFC 7208 §7.2).
    `textmacro ${spf("include:%{c}.spf.test -all")}`,
    // And what the grammar allows: dual CIDR on a and mx, macros, an unknown modifier, exp=.
    `cidrs ${spf("a/24 a:h1.spf.test//64 a:h2.spf.test/24//64 mx:common.spf.test/24 -all")}`,
    `macros ${spf("exists:%{ir}.%{l1r-}._spf.%{d} ip4:192.0.2.1 -all exp=explain.%{d2}")}`,
    `unknownmod ${spf("ip4:192.0.2.1 foo=bar empty= -all")}`,
  ].join("\n"),
  // A subdomain zone whose organisational domain (orgfail.test) this server does not serve: its
  // queries are REFUSED. Neither does it serve nodkim.test: every DKIM selector lookup is REFUSED.
  "sub.orgfail.test": "@ A 192.0.2.1",
};

let server: DnsServer;
const dns = () => new Dns({ servers: [server.address], timeoutMs: 1000, tries: 1 });
const ids = (f: Finding[]) => f.map((x) => x.id);

before(async () => {
  server = await startDnsServer(ZONES);
});
after(async () => {
  await server?.stop();
});

test("SPF: +all behind a redirect inside an include is spf.plus_all, and its IPs are not the domain's", async () => {
  const r = await checkSpf("r.spf.test", dns());
  const got = ids(r.findings);
  assert.ok(got.includes("spf.plus_all"), got.join(", "));
  assert.ok(!got.includes("spf.ok"), got.join(", "));
  assert.equal(r.findings.find((x) => x.id === "spf.plus_all")!.subject, "y.r.spf.test");
  assert.deepEqual(r.ips, []);
  assertIndonesian(r.findings, "r.spf.test");
});

test("SPF: the same include reached twice is not a loop, and each evaluation counts its lookups", async () => {
  for (const [domain, lookups] of [
    ["diamond.spf.test", 4],
    ["twice.spf.test", 2],
  ] as const) {
    const r = await checkSpf(domain, dns());
    assert.deepEqual(ids(r.findings), ["spf.ok"], domain);
    assert.equal(r.findings[0]!.data?.lookups, lookups, domain);
  }
  const hidden = await checkSpf("hidden.spf.test", dns());
  assert.deepEqual(ids(hidden.findings), ["spf.too_many_lookups"]);
  assert.equal(hidden.findings[0]!.data?.lookups, 13);
  assertIndonesian(hidden.findings, "hidden.spf.test");
  // A domain on its own include/redirect chain is still a loop.
  const cyc = await checkSpf("cyc.spf.test", dns());
  assert.ok(ids(cyc.findings).includes("spf.loop"), ids(cyc.findings).join(", "));
  // A tree doubling at each of 11 levels stops counting soon after the limit.
  const deep = await checkSpf("d0.spf.test", dns());
  assert.deepEqual(ids(deep.findings), ["spf.too_many_lookups"]);
  assert.ok((deep.findings[0]!.data?.lookups as number) < 40, String(deep.findings[0]!.data?.lookups));
});

test("SPF: redirect= or exp= twice is a permanent error (spf.syntax)", async () => {
  for (const domain of ["dupredirect.spf.test", "dupexp.spf.test"]) {
    const r = await checkSpf(domain, dns());
    const got = ids(r.findings);
    assert.ok(got.includes("spf.syntax"), `${domain}: ${got.join(", ")}`);
    assert.ok(!got.includes("spf.ok"), `${domain}: ${got.join(", ")}`);
    assertIndonesian(r.findings, domain);
  }
  assert.deepEqual(ids((await checkSpf("oneredirect.spf.test", dns())).findings), ["spf.ok"]);
});

test("SPF: a redirect to a name without SPF is spf.include_missing only, not also spf.no_all", async () => {
  const r = await checkSpf("redirmissing.spf.test", dns());
  assert.deepEqual(ids(r.findings), ["spf.include_missing"]);
  assertIndonesian(r.findings, "redirmissing.spf.test");
});

test("DMARC: whitespace around = and ; is allowed (RFC 7489 §6.4)", async () => {
  for (const domain of ["ws.spf.test", "ws2.spf.test"]) {
    const r = await checkDmarc(domain, dns());
    assert.deepEqual(ids(r.findings), ["dmarc.ok"], domain);
    assert.deepEqual(r.dmarc, { p: "reject", sp: null, pct: 100 });
  }
  // The version must still be exactly DMARC1.
  const late = await checkDmarc("late.spf.test", dns());
  assert.ok(ids(late.findings).includes("dmarc.syntax"), ids(late.findings).join(", "));
});

test("SPF: the first all decides; mechanisms after it are not evaluated (no lookups, no includes)", async () => {
  assert.ok(ids((await checkSpf("plusfirst.spf.test", dns())).findings).includes("spf.plus_all"));
  assert.ok(ids((await checkSpf("neutfirst.spf.test", dns())).findings).includes("spf.neutral_all"));
  for (const domain of ["allmid.spf.test", "allthen.spf.test"]) {
    assert.deepEqual(ids((await checkSpf(domain, dns())).findings), ["spf.ok"], domain);
  }
  // An empty redirect= is a syntax error (its domain-spec is required).
  assert.ok(ids((await checkSpf("emptyredir.spf.test", dns())).findings).includes("spf.syntax"));
});

test("SPF: any syntax error is spf.syntax, also after all (RFC 7208 §4.6, §12); what the grammar allows is not", async () => {
  for (const name of [
    "allarg",
    "emptya",
    "emptyexp",
    "badafter",
    "badcidr",
    "lead0",
    "ptrcidr",
    "onelabel",
    "badmacro",
    "textmacro",
  ]) {
    const r = await checkSpf(`${name}.spf.test`, dns());
    assert.deepEqual(ids(r.findings), ["spf.syntax"], `${name}: ${ids(r.findings).join(", ")}`);
    assertIndonesian(r.findings, name);
  }
  for (const name of ["cidrs", "macros", "unknownmod"]) {
    const r = await checkSpf(`${name}.spf.test`, dns());
    assert.ok(ids(r.findings).includes("spf.ok"), `${name}: ${ids(r.findings).join(", ")}`);
  }
});

test("DMARC: v= must be DMARC1 in capitals, and a tag may not appear twice (RFC 7489 §6.3, §6.4)", async () => {
  for (const domain of ["lower.spf.test", "dup.spf.test"]) {
    const r = await checkDmarc(domain, dns());
    assert.ok(ids(r.findings).includes("dmarc.syntax"), `${domain}: ${ids(r.findings).join(", ")}`);
    assert.ok(!ids(r.findings).includes("dmarc.ok"), domain);
    assertIndonesian(r.findings, domain);
  }
});

test("DMARC: a record without p= says p= is missing (not 'found none', which reads as p=none)", async () => {
  const r = await checkDmarc("nop.spf.test", dns());
  const f = r.findings.find((x) => x.id === "dmarc.syntax");
  assert.ok(f, ids(r.findings).join(", "));
  assert.match(f.message, /p= is missing/);
  assert.doesNotMatch(f.message, /found none/);
  assertIndonesian(r.findings, "nop.spf.test");
});

test("DKIM: common selectors whose lookups fail are dkim.dns_error, not dkim.none_found", async () => {
  const f = await checkDkim("nodkim.test", dns(), []);
  assert.deepEqual(ids(f), ["dkim.dns_error"]);
  assert.equal(f[0]!.data?.code, "EREFUSED");
  assertIndonesian(f, "nodkim.test");
});

test("DMARC: a failed lookup of the organisational domain's record is dmarc.dns_error, not dmarc.missing", async () => {
  const r = await checkDmarc("sub.orgfail.test", dns());
  assert.deepEqual(ids(r.findings), ["dmarc.dns_error"]);
  assert.equal(r.findings[0]!.subject, "_dmarc.orgfail.test");
  assertIndonesian(r.findings, "sub.orgfail.test");
});
