// The checks against a real DNS server (knotd on loopback) serving the fixture zones, and MTA-STS
// policy files from a real HTTPS server on loopback with a throwaway CA: each finding appears on a
// broken record and disappears on a good one.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dkimSign } from "mailauth/lib/dkim/sign.js";
import { checkAddress } from "../../src/checks/address.js";
import { checkBlocklists, checkPtr, interpretAnswer } from "../../src/checks/blocklists.js";
import { checkMessage, receiverClientIp } from "../../src/checks/content.js";
import { Dns, parseDnsServer, ptrName } from "../../src/checks/dns.js";
import {
  checkBimi,
  checkDkim,
  checkDmarc,
  checkMtaSts,
  checkMx,
  checkSpf,
  checkTlsRpt,
  mtaStsFetcher,
  mxCovered,
  PolicyFetchError,
} from "../../src/checks/domain.js";
import { checkDomain, checkEmailAddress, checkIp, checksFor } from "../../src/checks/index.js";
import type { FetchText, Finding } from "../../src/checks/types.js";
import { diagnose } from "../../src/index.js";
import { type DnsServer, startDnsServer } from "../support/dns-server.js";
import { KEY2048, ZONES } from "./fixtures.js";
import { assertIndonesian } from "./localized.js";
import { type PolicyServer, type Site, startPolicyServer } from "./mta-sts-server.js";

const policy = (mode: string, mx: string) => `version: STSv1\nmode: ${mode}\nmx: ${mx}\nmax_age: 86400\n`;
const GOOD_POLICY = policy("enforce", "mx.good.test");

// What the HTTPS server answers for each MTA-STS policy host (their A records: fixtures.ts). The
// cases from stscert on would pass were their failure ignored: the policy behind each is good.
const SITES: Record<string, Site> = {
  "mta-sts.good.test": { body: GOOD_POLICY },
  "mta-sts.sts.bad.test": { body: policy("enforce", "mail.other.test") },
  "mta-sts.stsbad.bad.test": { body: "this is not a policy" },
  "mta-sts.ststest.bad.test": { body: policy("testing", "mx.good.test") },
  "mta-sts.stscert.bad.test": { rogue: true, body: GOOD_POLICY },
  "mta-sts.stsname.bad.test": { unnamed: true, body: GOOD_POLICY },
  "mta-sts.stsredirect.bad.test": {
    status: 301,
    headers: { location: "https://mta-sts.good.test/.well-known/mta-sts.txt" },
    body: GOOD_POLICY,
  },
  "mta-sts.sts404.bad.test": { status: 404, body: GOOD_POLICY },
  "mta-sts.stsslow.bad.test": { hang: true },
  "mta-sts.stsbig.bad.test": { body: GOOD_POLICY + "padding without a colon\n".repeat(3000) },
};

let server: DnsServer;
let https: PolicyServer;
let dns: () => Dns;

before(async () => {
  [server, https] = await Promise.all([startDnsServer(ZONES), startPolicyServer(SITES)]);
  dns = () => new Dns({ servers: [server.address], timeoutMs: 1000, tries: 1 });
});
after(async () => {
  await Promise.all([server?.stop(), https?.stop()]);
});

const ids = (f: Finding[]) => f.map((x) => x.id);

type Row = [id: string, broken: string, good: string, run: (target: string, d: Dns) => Promise<Finding[]>];
const spf = async (t: string, d: Dns) => (await checkSpf(t, d)).findings;
const dmarc = async (t: string, d: Dns) => (await checkDmarc(t, d)).findings;
const mx = async (t: string, d: Dns) => (await checkMx(t, d)).findings;
const dkim = (t: string, d: Dns) => {
  const [sel, domain] = t.split(":") as [string, string];
  return checkDkim(domain, d, sel ? [sel] : []);
};
// The real policy fetcher, on the test server's port, trusting the test CA.
const sts = async (t: string, d: Dns, fetchText = mtaStsFetcher(d, { port: https.port, ca: https.ca })) =>
  checkMtaSts(t, d, (await checkMx(t, d)).mx, fetchText);
const bimi = async (t: string, d: Dns) => checkBimi(t, d, (await checkDmarc(t, d)).dmarc);

const ROWS: Row[] = [
  ["mx.nxdomain", "nosuch.bad.test", "good.test", mx],
  ["mx.null", "nullmx.bad.test", "good.test", mx],
  ["mx.missing", "nomx.bad.test", "good.test", mx],
  ["mx.unresolvable", "deadmx.bad.test", "good.test", mx],
  ["mx.cname", "cnamemx.bad.test", "good.test", mx],
  ["mx.ip_literal", "iplit.bad.test", "good.test", mx],
  ["mx.null", "null10.bad.test", "good.test", mx],
  ["mx.null_mixed", "nullplus.bad.test", "good.test", mx],
  ["spf.missing", "nospf.bad.test", "good.test", spf],
  ["spf.multiple", "multi.bad.test", "good.test", spf],
  ["spf.too_many_lookups", "spf11.bad.test", "good.test", spf],
  ["spf.void_lookups", "void.bad.test", "good.test", spf],
  ["spf.plus_all", "plusall.bad.test", "good.test", spf],
  ["spf.plus_all", "incplus.bad.test", "good.test", spf],
  ["spf.neutral_all", "neutral.bad.test", "good.test", spf],
  ["spf.no_all", "noall.bad.test", "good.test", spf],
  ["spf.syntax", "syntax.bad.test", "good.test", spf],
  ["spf.include_missing", "inclmissing.bad.test", "good.test", spf],
  ["spf.ptr", "ptr.bad.test", "good.test", spf],
  ["spf.loop", "loop.bad.test", "good.test", spf],
  ["spf.mx_too_many", "mxmany.bad.test", "good.test", spf],
  ["dkim.missing", "nosuch:bad.test", "sel1:good.test", dkim],
  ["dkim.none_found", ":bad.test", "sel1:good.test", dkim],
  ["dkim.weak_key", "weak:bad.test", "sel1:good.test", dkim],
  ["dkim.testing", "testing:bad.test", "sel1:good.test", dkim],
  ["dkim.revoked", "revoked:bad.test", "sel1:good.test", dkim],
  ["dkim.key_type", "badtype:bad.test", "sel1:good.test", dkim],
  ["dkim.syntax", "garbage:bad.test", "sel1:good.test", dkim],
  ["dkim.syntax", "badver:bad.test", "sel1:good.test", dkim],
  ["dkim.syntax", "nop:bad.test", "sel1:good.test", dkim],
  ["dkim.short_key", "short:bad.test", "sel1:good.test", dkim],
  ["dkim.sha1_only", "sha1:bad.test", "sel1:good.test", dkim],
  ["dkim.service", "web:bad.test", "sel1:good.test", dkim],
  ["dmarc.missing", "nospf.bad.test", "good.test", dmarc],
  ["dmarc.multiple", "multi.bad.test", "good.test", dmarc],
  ["dmarc.syntax", "syntax.bad.test", "good.test", dmarc],
  ["dmarc.policy_none", "spf11.bad.test", "good.test", dmarc],
  ["dmarc.pct", "pct.bad.test", "good.test", dmarc],
  ["dmarc.no_rua", "norua.bad.test", "good.test", dmarc],
  ["dmarc.subdomain_none", "spnone.test", "good.test", dmarc],
  ["dmarc.strict_alignment", "strict.bad.test", "good.test", dmarc],
  ["dmarc.org_fallback", "sub.good.test", "good.test", dmarc],
  ["dmarc.rua_unauthorized", "extrua.bad.test", "extok.bad.test", dmarc],
  ["mta_sts.missing", "nospf.bad.test", "good.test", sts],
  ["mta_sts.record_invalid", "stsnoid.bad.test", "good.test", sts],
  ["mta_sts.mx_mismatch", "sts.bad.test", "good.test", sts],
  ["mta_sts.policy_unreachable", "stsdown.bad.test", "good.test", sts],
  ["mta_sts.policy_invalid", "stsbad.bad.test", "good.test", sts],
  ["mta_sts.testing", "ststest.bad.test", "good.test", sts],
  ["mta_sts.policy_unreachable", "stscert.bad.test", "good.test", sts],
  ["mta_sts.policy_unreachable", "stsname.bad.test", "good.test", sts],
  ["mta_sts.policy_unreachable", "stsredirect.bad.test", "good.test", sts],
  ["mta_sts.policy_unreachable", "sts404.bad.test", "good.test", sts],
  ["mta_sts.policy_unreachable", "stsbig.bad.test", "good.test", sts],
  ["mta_sts.policy_unreachable", "stsnohost.bad.test", "good.test", sts],
  ["tls_rpt.missing", "nospf.bad.test", "good.test", (t, d) => checkTlsRpt(t, d)],
  ["tls_rpt.invalid", "tlsbad.bad.test", "good.test", (t, d) => checkTlsRpt(t, d)],
  ["bimi.missing", "nospf.bad.test", "good.test", bimi],
  ["bimi.invalid", "bimibad.bad.test", "good.test", bimi],
  ["bimi.dmarc_weak", "spf11.bad.test", "good.test", bimi],
  ["blocklist.listed", "192.0.2.66", "192.0.2.10", (t, d) => checkBlocklists(t, d)],
  ["blocklist.listed", "2001:db8::66", "2001:db8::10", (t, d) => checkBlocklists(t, d)],
  ["blocklist.listed", "spammy.test", "good.test", (t, d) => checkBlocklists(t, d)],
  ["blocklist.refused", "192.0.2.99", "192.0.2.10", (t, d) => checkBlocklists(t, d)],
  ["blocklist.invalid_answer", "192.0.2.77", "192.0.2.10", (t, d) => checkBlocklists(t, d)],
  ["rdns.missing", "192.0.2.40", "192.0.2.10", (t, d) => checkPtr(t, d)],
  ["rdns.mismatch", "192.0.2.20", "192.0.2.10", (t, d) => checkPtr(t, d)],
  ["rdns.generic", "192.0.2.30", "192.0.2.10", (t, d) => checkPtr(t, d)],
  ["rdns.missing", "2001:db8::40", "2001:db8::10", (t, d) => checkPtr(t, d)],
  ["address.syntax", "john..doe@good.test", "john.doe@good.test", (t, d) => checkAddress(t, d)],
  ["address.domain_missing", "a@nosuch.bad.test", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.null_mx", "a@nullmx.bad.test", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.null_mx", "a@null10.bad.test", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.null_mx_mixed", "a@nullplus.bad.test", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.mx_unresolvable", "a@iplit.bad.test", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.no_mx", "a@nomx.bad.test", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.mx_unresolvable", "a@deadmx.bad.test", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.disposable", "a@mailinator.com", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.role", "info@good.test", "budi@good.test", (t, d) => checkAddress(t, d)],
  ["address.typo", "a@gmial.com", "a@good.test", (t, d) => checkAddress(t, d)],
  ["address.international", "用户@good.test", "user@good.test", (t, d) => checkAddress(t, d)],
];

describe("each finding appears on a broken record and disappears on a good one", () => {
  for (const [id, broken, good, run] of ROWS) {
    test(`${id}: ${broken} vs ${good}`, async () => {
      const bad = await run(broken, dns());
      assert.ok(ids(bad).includes(id), `${id} expected for ${broken}, got ${ids(bad).join(", ")}`);
      const f = bad.find((x) => x.id === id)!;
      assert.ok(f.message.length > 10 && f.fix.length > 10, "message and fix");
      const ok = await run(good, dns());
      assert.ok(!ids(ok).includes(id), `${id} not expected for ${good}, got ${ids(ok).join(", ")}`);
      assert.ok(!ok.some((x) => x.severity === "error"), `no error for ${good}: ${ids(ok).join(", ")}`);
      assertIndonesian(bad, broken);
      assertIndonesian(ok, good);
    });
  }
});

test("good.test passes every domain check, and the good findings say so", async () => {
  const r = await checkDomain("good.test", {
    dns: dns(),
    dkimSelectors: ["sel1"],
    mtaStsPort: https.port,
    mtaStsCa: https.ca,
  });
  const got = ids(r.findings);
  for (const id of [
    "mx.ok",
    "spf.ok",
    "dkim.ok",
    "dmarc.ok",
    "mta_sts.ok",
    "tls_rpt.ok",
    "bimi.ok",
    "blocklist.clean",
  ])
    assert.ok(got.includes(id), `${id} in ${got.join(", ")}`);
  assert.equal(r.summary.error, 0, got.join(", "));
  assert.equal(r.complete, true);
  assertIndonesian(r.findings, "good.test");
});

describe("MTA-STS policy files over real HTTPS", () => {
  const unreachable = async (target: string, fetchText?: FetchText) => {
    const d = dns();
    const f = await sts(target, d, fetchText ?? mtaStsFetcher(d, { port: https.port, ca: https.ca }));
    assertIndonesian(f, target);
    const u = f.find((x) => x.id === "mta_sts.policy_unreachable");
    assert.ok(u, `mta_sts.policy_unreachable expected for ${target}, got ${ids(f).join(", ")}`);
    assert.equal(f.length, 1, ids(f).join(", "));
    return u;
  };

  test("the policy host is resolved with the checks' resolver and asked with SNI and Host = its name", async () => {
    const before = https.requests.length;
    const f = await sts("good.test", dns());
    assert.deepEqual(ids(f), ["mta_sts.ok"]);
    assert.deepEqual(https.requests.slice(before), [
      { host: "mta-sts.good.test", servername: "mta-sts.good.test", path: "/.well-known/mta-sts.txt" },
    ]);
  });

  test("a server that is down: connection refused", async () => {
    const f = await unreachable("stsdown.bad.test");
    assert.equal(f.data?.reason, "refused");
    assert.match(f.message, /could not be fetched \(connection refused by 127\.0\.0\.2:\d+\)/);
    assert.match(f.localized!.id.message, /tidak dapat diambil \(koneksi ditolak oleh 127\.0\.0\.2:\d+\)/);
  });

  test("a certificate not signed by the trusted CA is a certificate error", async () => {
    const f = await unreachable("stscert.bad.test");
    assert.equal(f.data?.reason, "certificate");
    assert.match(
      f.message,
      /certificate error [A-Z_]+: the certificate of mta-sts\.stscert\.bad\.test is not signed by a trusted certificate authority/,
    );
    assert.match(
      f.localized!.id.message,
      /kesalahan sertifikat [A-Z_]+: sertifikat mta-sts\.stscert\.bad\.test tidak ditandatangani oleh otoritas sertifikat \(CA\) tepercaya/,
    );
  });

  test("a certificate that does not name the policy host is a certificate error", async () => {
    const f = await unreachable("stsname.bad.test");
    assert.equal(f.data?.reason, "certificate");
    assert.equal(f.data?.code, "ERR_TLS_CERT_ALTNAME_INVALID");
    assert.match(f.message, /is not for mta-sts\.stsname\.bad\.test/);
    assert.match(f.localized!.id.message, /bukan untuk mta-sts\.stsname\.bad\.test/);
  });

  test("without the test CA, good.test's certificate is not trusted: the CAs are node's own", async () => {
    const d = dns();
    const f = await unreachable("good.test", mtaStsFetcher(d, { port: https.port }));
    assert.equal(f.data?.reason, "certificate");
    const r = await checkDomain("good.test", {
      dns: dns(),
      dkimSelectors: ["sel1"],
      skipBlocklists: true,
      mtaStsPort: https.port,
    });
    assert.ok(ids(r.findings).includes("mta_sts.policy_unreachable"), ids(r.findings).join(", "));
  });

  test("a redirect is a failure and is not followed", async () => {
    const before = https.requests.length;
    const f = await unreachable("stsredirect.bad.test");
    assert.equal(f.data?.reason, "redirect");
    assert.equal(f.data?.location, "https://mta-sts.good.test/.well-known/mta-sts.txt");
    assert.match(f.message, /HTTP 301 redirect to https:\/\/mta-sts\.good\.test\/\S+, and MTA-STS forbids/);
    assert.match(
      f.localized!.id.message,
      /pengalihan \(redirect\) HTTP 301 ke https:\/\/\S+, padahal MTA-STS/,
    );
    assert.deepEqual(
      https.requests.slice(before).map((x) => x.host),
      ["mta-sts.stsredirect.bad.test"],
    );
  });

  test("an HTTP 404 (with a good policy as its body) is a failure", async () => {
    const f = await unreachable("sts404.bad.test");
    assert.deepEqual(f.data, { reason: "http_status", status: 404 });
    assert.match(f.message, /\(the server answered HTTP 404\)/);
    assert.match(f.localized!.id.message, /\(server menjawab HTTP 404\)/);
  });

  test("a policy file over 64 KB is not read", async () => {
    const f = await unreachable("stsbig.bad.test");
    assert.equal(f.data?.reason, "too_large");
    assert.match(f.message, /larger than 64 KB/);
  });

  test("a policy host without an address", async () => {
    const f = await unreachable("stsnohost.bad.test");
    assert.equal(f.data?.reason, "dns");
    assert.match(f.message, /mta-sts\.stsnohost\.bad\.test does not exist in DNS/);
  });

  test("a server that never answers times out", async () => {
    const d = dns();
    const started = Date.now();
    const f = await unreachable(
      "stsslow.bad.test",
      mtaStsFetcher(d, { port: https.port, ca: https.ca, timeoutMs: 300 }),
    );
    assert.ok(Date.now() - started < 5000);
    assert.equal(f.data?.reason, "timeout");
    assert.match(f.message, /no answer from 127\.0\.0\.1:\d+ within 0\.3 s/);
    assert.match(f.localized!.id.message, /tidak ada jawaban dari 127\.0\.0\.1:\d+ dalam 0\.3 detik/);
    await assert.rejects(
      mtaStsFetcher(d, { port: https.port, ca: https.ca, timeoutMs: 300 })(
        "https://mta-sts.stsslow.bad.test/.well-known/mta-sts.txt",
      ),
      (e) => e instanceof PolicyFetchError && e.reason === "timeout",
    );
    assert.throws(() => mtaStsFetcher(d, { port: 0 }), RangeError);
  });

  test("CheckOptions.fetchText: a library user's own fetcher replaces the built-in one", async () => {
    const d = dns();
    const real = mtaStsFetcher(d, { port: https.port, ca: https.ca });
    const asked: string[] = [];
    const r = await checkDomain("good.test", {
      dns: d,
      dkimSelectors: ["sel1"],
      skipBlocklists: true,
      // Not used when fetchText is given: nothing listens on port 9.
      mtaStsPort: 9,
      fetchText: (url) => {
        asked.push(url);
        return real(url);
      },
    });
    assert.ok(ids(r.findings).includes("mta_sts.ok"), ids(r.findings).join(", "));
    assert.deepEqual(asked, ["https://mta-sts.good.test/.well-known/mta-sts.txt"]);
    // Whatever such a fetcher throws is reported, its own text kept in data.error.
    const f = await unreachable("good.test", async () => {
      throw new Error("the proxy refused the request");
    });
    assert.deepEqual(f.data, { reason: "error", error: "the proxy refused the request" });
    assert.match(f.message, /\(the proxy refused the request\)/);
  });
});

test("SPF counts the lookups of includes: 11 includes is 11 lookups", async () => {
  const r = await checkSpf("spf11.bad.test", dns());
  const f = r.findings.find((x) => x.id === "spf.too_many_lookups")!;
  assert.equal(f.data?.lookups, 11);
  assert.equal(f.severity, "error");
  const good = (await checkSpf("good.test", dns())).findings.find((x) => x.id === "spf.ok")!;
  assert.equal(good.data?.lookups, 1);
  assertIndonesian([...r.findings, good]);
});

test("a blocklist answer of 127.255.255.254 is a refused query, not a listing", async () => {
  const r = await checkIp("192.0.2.99", { dns: dns() });
  const got = ids(r.findings);
  assert.ok(got.includes("blocklist.refused"), got.join(", "));
  assert.ok(!got.includes("blocklist.listed"), got.join(", "));
  assert.match(r.findings.find((x) => x.id === "blocklist.refused")!.message, /not a listing/);
  assert.equal(interpretAnswer("zen.spamhaus.org", "127.255.255.254").type, "refused");
  assert.equal(interpretAnswer("zen.spamhaus.org", "127.255.255.255").type, "refused");
  assert.equal(interpretAnswer("dbl.spamhaus.org", "127.255.255.254").type, "refused");
  assert.equal(interpretAnswer("zen.spamhaus.org", "127.0.0.2").type, "listed");
  assert.equal(interpretAnswer("multi.uribl.com", "127.0.0.1").type, "refused");
  assert.equal(interpretAnswer("bl.spamcop.net", "10.0.0.1").type, "invalid");
  // Other lists' error codes too: 127.255.255.x is never a listing.
  assert.equal(interpretAnswer("b.barracudacentral.org", "127.255.255.254").type, "refused");
  assert.equal(interpretAnswer("bl.spamcop.net", "127.255.255.252").type, "refused");
  assert.equal(interpretAnswer("bl.spamcop.net", "127.0.0.2").type, "listed");
  const refused = await checkBlocklists("refused.test", dns());
  const d = refused.map((x) => x.id);
  assert.ok(d.includes("blocklist.refused") && !d.includes("blocklist.listed"), d.join(", "));
  assertIndonesian([...r.findings, ...refused]);
});

test("each Spamhaus refusal code has its own meaning and fix, not always 'use your own resolver'", async () => {
  const refusal = async (ip: string) => {
    const f = (await checkBlocklists(ip, dns())).find((x) => x.id === "blocklist.refused");
    assert.ok(f, ip);
    assertIndonesian([f], ip);
    return f;
  };
  const malformed = await refusal("192.0.2.98");
  assert.equal(malformed.data?.cause, "malformed");
  assert.match(malformed.message, /malformed/);
  assert.match(malformed.fix, /^Nothing is wrong with your resolver/);
  assert.doesNotMatch(malformed.fix + String(malformed.data?.reason), /public|own recursive resolver/);
  const publicResolver = await refusal("192.0.2.99");
  assert.equal(publicResolver.data?.cause, "public_resolver");
  assert.match(publicResolver.fix, /your own recursive resolver \(not 8\.8\.8\.8/);
  const limit = await refusal("192.0.2.97");
  assert.equal(limit.data?.cause, "rate_limit");
  assert.match(limit.message, /too many queries/);
  assert.match(limit.fix, /^Run the check later/);
  assert.match(String(limit.data?.reason), /free-use query limit/);
  const dbl = interpretAnswer("dbl.spamhaus.org", "127.0.1.255");
  assert.ok(dbl.type === "refused" && dbl.cause === "ip_query");
  const uribl = interpretAnswer("multi.uribl.com", "127.0.0.1");
  assert.ok(uribl.type === "refused" && uribl.cause === "blocked_resolver");
});

test("a listing names the list, its meaning and the delisting page", async () => {
  const r = await checkBlocklists("192.0.2.66", dns());
  const listed = r.filter((x) => x.id === "blocklist.listed");
  assert.deepEqual(listed.map((x) => x.data?.list).sort(), ["spamcop", "spamhaus"]);
  const sh = listed.find((x) => x.data?.list === "spamhaus")!;
  assert.match(sh.message, /SBL/);
  assert.match(sh.fix, /check\.spamhaus\.org/);
  const pbl = await checkBlocklists("192.0.2.11", dns());
  assert.match(pbl.find((x) => x.id === "blocklist.listed")!.message, /PBL/);
  // The PBL marks no abuse: the way out is a proper relay, not a removal request.
  assert.match(pbl.find((x) => x.id === "blocklist.listed")!.fix, /^Send through a mail server meant for it/);
  // SpamCop expires its listings: no removal form to send.
  const spamcop = listed.find((x) => x.data?.list === "spamcop")!;
  assert.match(spamcop.fix, /expire by themselves/);
  assert.match(spamcop.localized!.id.fix, /berakhir dengan sendirinya/);
  assert.doesNotMatch(sh.fix, /expire/);
  assertIndonesian([...r, ...pbl]);
  // The same facts in Indonesian: the list's meaning and the delisting page.
  assert.match(sh.localized!.id.message, /SBL/);
  assert.match(sh.localized!.id.fix, /check\.spamhaus\.org/);
});

test("IPv6: reversed nibbles for blocklists and PTR, forward confirmed by AAAA", async () => {
  assert.equal(
    ptrName("2001:db8::10"),
    "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
  );
  assert.equal(ptrName("192.0.2.10"), "10.2.0.192.in-addr.arpa");
  const r = await checkPtr("2001:db8::10", dns());
  assert.deepEqual(ids(r), ["rdns.ok"]);
  assertIndonesian([...r, ...(await checkBlocklists("2001:db8::66", dns()))]);
});

test("DNS itself failing gives a clear result, not missing records", async () => {
  // A port where nothing answers.
  const dead = new Dns({ servers: ["127.0.0.1:9"], timeoutMs: 200, tries: 1 });
  const r = await checkDomain("good.test", {
    dns: dead,
    dkimSelectors: ["sel1"],
    skipBlocklists: true,
  });
  const got = ids(r.findings);
  assert.equal(r.complete, false);
  assert.ok(got.includes("dns.failed"), got.join(", "));
  assert.ok(!got.includes("spf.missing") && !got.includes("dmarc.missing"), got.join(", "));
  assert.ok(got.includes("spf.dns_error"));
  assertIndonesian(r.findings, "DNS failing");
  const failed = r.findings.find((x) => x.id === "dns.failed")!;
  assert.match(failed.localized!.id.message, /kueri DNS gagal \(server DNS/);
});

test("a message whose authentication could not be looked up is a DNS failure, not a DMARC failure", async () => {
  const dead = new Dns({ servers: ["127.0.0.1:9"], timeoutMs: 200, tries: 1 });
  const raw = MESSAGE(
    "Received: from mx.good.test (mx.good.test [192.0.2.10]) by mx.example.test; Mon, 1 Jan 2024 10:00:00 +0000\r\nFrom: Shop <news@good.test>\r\nTo: budi@example.test\r\nSubject: Your March invoice",
    GOOD_BODY,
  );
  const f = await checkMessage(raw, dead, { skipBlocklists: true });
  const got = ids(f);
  assert.ok(got.includes("message.auth_dns_error"), got.join(", "));
  assert.ok(!got.includes("message.dmarc_fail") && !got.includes("message.spf_fail"), got.join(", "));
  assertIndonesian(f, "DNS failing for a message");
});

test("DNS failing for an IP and an address: their DNS findings, in Indonesian too", async () => {
  const dead = () => new Dns({ servers: ["127.0.0.1:9"], timeoutMs: 200, tries: 1 });
  const ip = await checkIp("192.0.2.10", { dns: dead() });
  const addr = await checkEmailAddress("budi@good.test", { dns: dead() });
  const got = [...ids(ip.findings), ...ids(addr.findings)];
  for (const id of ["rdns.dns_error", "blocklist.dns_error", "address.dns_error", "dns.failed"])
    assert.ok(got.includes(id), `${id} in ${got.join(", ")}`);
  assertIndonesian([...ip.findings, ...addr.findings], "DNS failing");
});

test("MX: an IP is mx.ip_literal only, and neither it nor a null MX among others is looked up", async () => {
  const d = dns();
  const ip = await checkMx("iplit.bad.test", d);
  assert.deepEqual(ids(ip.findings), ["mx.ip_literal"]);
  assert.equal(ip.findings[0]!.data?.exchange, "192.0.2.1");
  const mixed = await checkMx("nullplus.bad.test", d);
  // The real host is still checked; the root is not asked for an address.
  assert.deepEqual(ids(mixed.findings), ["mx.null_mixed"]);
  assert.deepEqual(
    mixed.mx.map((m) => m.exchange),
    ["mx.good.test"],
  );
  assert.deepEqual(d.failures, []);
  const null10 = await checkMx("null10.bad.test", d);
  assert.match(null10.findings[0]!.message, /its preference is 10; RFC 7505 specifies "0 \."/);
  const report = await checkDomain("nullplus.bad.test", {
    dns: dns(),
    skipBlocklists: true,
    fetchText: async () => ({ status: 404, body: "" }),
  });
  assert.ok(!ids(report.findings).includes("mx.ok"), ids(report.findings).join(", "));
  assert.ok(!ids(report.findings).includes("dns.failed"), ids(report.findings).join(", "));
});

test("DMARC of a domain given in Unicode: its own report address in xn-- form is its own domain", async () => {
  for (const domain of ["bücher.test", "xn--bcher-kva.test"]) {
    const r = await checkDmarc(domain, dns());
    assert.deepEqual(ids(r.findings), ["dmarc.ok"], domain);
  }
});

test("DMARC: a subdomain under an organisational sp=none is told about sp=, not p=", async () => {
  const r = await checkDmarc("sub.spnone.test", dns());
  const none = r.findings.find((x) => x.id === "dmarc.policy_none");
  assert.ok(none, ids(r.findings).join(", "));
  assert.equal(none.data?.tag, "sp");
  assert.match(
    none.message,
    /is sp=none, from the record of its organisational domain spnone\.test \(p=reject\)/,
  );
  assert.match(none.fix, /Remove sp=none from _dmarc\.spnone\.test/);
  assert.doesNotMatch(none.message + none.fix, /is p=none|move to p=quarantine/);
  assertIndonesian(r.findings, "sub.spnone.test");
  // The organisational domain itself: p=reject, its sp=none is dmarc.subdomain_none.
  assert.ok(ids((await checkDmarc("spnone.test", dns())).findings).includes("dmarc.subdomain_none"));
  // The organisational domain by the PSL with its private section (as mailauth reads it):
  // mail.foo.github.io falls back to foo.github.io's p=reject, not github.io's p=none.
  const pages = await checkDmarc("mail.foo.github.io", dns());
  assert.deepEqual(ids(pages.findings), ["dmarc.org_fallback", "dmarc.ok"]);
  assert.equal(pages.dmarc?.p, "reject");
  // pct= that is not 1*3DIGIT (RFC 7489 §6.4) is a syntax error, not a percentage.
  for (const name of ["pcthex", "pctexp", "pctempty"])
    assert.deepEqual(ids((await checkDmarc(`${name}.bad.test`, dns())).findings), ["dmarc.syntax"], name);
  // In a subdomain's own record sp= counts for nothing (RFC 7489 §6.3): no warning about it.
  assert.ok(!ids((await checkDmarc("spnone.bad.test", dns())).findings).includes("dmarc.subdomain_none"));
});

test("MTA-STS: max_age 0 is valid, mode: is required, and a wildcard covers one label (RFC 8461)", async () => {
  const d = dns();
  const { mx } = await checkMx("sts.bad.test", d);
  const file = (body: string) => checkMtaSts("sts.bad.test", d, mx, async () => ({ status: 200, body }));
  const zero = await file("version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: 0\n");
  assert.deepEqual(ids(zero), ["mta_sts.ok"]);
  // max_age is 1*10DIGIT: an empty or hex value is no age (mailauth reads both through Number()).
  for (const age of ["", "0x10", "1e5"]) {
    const odd = await file(`version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: ${age}\n`);
    assert.deepEqual(ids(odd), ["mta_sts.policy_invalid"], age);
  }
  const noMode = await file("version: STSv1\nmx: mx.good.test\nmax_age: 86400\n");
  assert.deepEqual(ids(noMode), ["mta_sts.policy_invalid"]);
  assert.match(noMode[0]!.message, /no mode: line/);
  assertIndonesian(noMode, "no mode");
  const tooWide = await file("version: STSv1\nmode: enforce\nmx: *.test\nmax_age: 86400\n");
  assert.deepEqual(ids(tooWide), ["mta_sts.mx_mismatch"]);
  const oneLabel = await file("version: STSv1\nmode: enforce\nmx: *.good.test\nmax_age: 86400\n");
  assert.deepEqual(ids(oneLabel), ["mta_sts.ok"]);
  assert.ok(mxCovered("mx.q.test", ["*.q.test"]));
  assert.ok(mxCovered("MX.Q.test.", ["mx.q.test"]));
  assert.ok(!mxCovered("mx.q.test", ["*.test"]));
  assert.ok(!mxCovered("a.mx.q.test", ["*.q.test"]));
  assert.ok(!mxCovered("q.test", ["*.q.test"]));
});

test("check address: an address literal is checked for its IP, and its ok says nothing was looked up", async () => {
  for (const bad of ["user@[abc]", "user@[999.999.999.999]", "x@good.test#junk", "x@good%2Etest"]) {
    const f = await checkAddress(bad, dns());
    assert.deepEqual(ids(f), ["address.syntax"], bad);
  }
  const ok = await checkAddress("user@[192.0.2.1]", dns());
  assert.deepEqual(ids(ok), ["address.ok"]);
  assert.match(ok[0]!.message, /IP address literal; nothing was looked up/);
  assert.doesNotMatch(ok[0]!.message, /domain that receives mail/);
  assertIndonesian(ok, "user@[192.0.2.1]");
});

test("check address: an emoji local part is valid; an ASCII one at a Unicode domain needs no SMTPUTF8", async () => {
  assert.deepEqual(ids(await checkAddress("😀@good.test", dns())), ["address.international", "address.ok"]);
  assert.deepEqual(ids(await checkAddress("budi@bücher.test", dns())), ["address.ok"]);
  assert.deepEqual(ids(await checkAddress("müller@bücher.test", dns())), [
    "address.international",
    "address.ok",
  ]);
});

test("each finding's Indonesian text carries the same values as the English one", async () => {
  const spf = (await checkSpf("spf11.bad.test", dns())).findings.find(
    (x) => x.id === "spf.too_many_lookups",
  )!;
  assert.match(spf.localized!.id.message, /spf11\.bad\.test .*11 kueri DNS.*RFC 7208/);
  const typo = (await checkAddress("budi@gmial.com", dns())).find((x) => x.id === "address.typo")!;
  assert.match(typo.localized!.id.message, /gmial\.com .*gmail\.com/);
  assert.match(typo.localized!.id.fix, /budi@gmail\.com/);
  const syntax = (await checkAddress("john..doe@good.test", dns())).find((x) => x.id === "address.syntax")!;
  assert.equal(
    syntax.localized!.id.message,
    '"john..doe@good.test" bukan alamat email yang valid: bagian sebelum @ berisi dua titik berturut-turut.',
  );
  const policy = (await sts("stsbad.bad.test", dns())).find((x) => x.id === "mta_sts.policy_invalid")!;
  // mailauth's error, by its code, in Indonesian.
  assert.match(policy.localized!.id.message, /tidak valid: kolom version tidak valid\.$/);
  const cert = (await sts("stscert.bad.test", dns())).find((x) => x.id === "mta_sts.policy_unreachable")!;
  assert.match(cert.localized!.id.message, /^stscert\.bad\.test mengumumkan MTA-STS, .*kesalahan sertifikat/);
  const bad = (await checkDmarc("syntax.bad.test", dns())).findings.find((x) => x.id === "dmarc.syntax")!;
  assert.match(bad.localized!.id.message, /p= harus none, quarantine, atau reject \(yang ditemukan: block\)/);
});

test("every blocklist answer's meaning is in Indonesian too", () => {
  const cases: [string, string][] = [
    ["zen.spamhaus.org", "127.0.0.2"],
    ["zen.spamhaus.org", "127.0.0.3"],
    ["zen.spamhaus.org", "127.0.0.4"],
    ["zen.spamhaus.org", "127.0.0.9"],
    ["zen.spamhaus.org", "127.0.0.10"],
    ["zen.spamhaus.org", "127.0.0.11"],
    ["zen.spamhaus.org", "127.0.0.99"],
    ["zen.spamhaus.org", "127.255.255.252"],
    ["zen.spamhaus.org", "127.255.255.254"],
    ["zen.spamhaus.org", "127.255.255.255"],
    ["dbl.spamhaus.org", "127.0.1.2"],
    ["dbl.spamhaus.org", "127.0.1.103"],
    ["dbl.spamhaus.org", "127.0.1.255"],
    ["multi.surbl.org", "127.0.0.1"],
    ["multi.surbl.org", "127.0.0.24"],
    ["multi.uribl.com", "127.0.0.1"],
    ["multi.uribl.com", "127.0.0.2"],
    ["bl.mailspike.net", "127.0.0.12"],
    ["bl.spamcop.net", "127.0.0.1"],
    ["bl.spamcop.net", "127.0.0.2"],
    ["bl.spamcop.net", "10.0.0.1"],
  ];
  for (const [zone, answer] of cases) {
    const m = interpretAnswer(zone, answer);
    const id = m.localized.id;
    assert.ok(id.trim() && id !== m.meaning, `${zone} ${answer}: "${id}"`);
    // Checked as the message of a finding that has the zone and the answer among its facts.
    assertIndonesian(
      [
        {
          id: `${zone} ${answer}`,
          severity: "info",
          subject: zone,
          message: m.meaning,
          fix: "",
          localized: { id: { message: id, fix: "-" } },
          data: { answer },
        },
      ],
      "interpretAnswer",
    );
  }
});

test("the resolver caches within a run and parses HOST[:PORT]", async () => {
  const d = dns();
  const a = d.txt("good.test");
  assert.equal(d.txt("GOOD.test."), a);
  await a;
  assert.equal(parseDnsServer("127.0.0.1:5353"), "127.0.0.1:5353");
  assert.equal(parseDnsServer("[::1]:53"), "[::1]:53");
  assert.equal(parseDnsServer("::1"), "::1");
  assert.throws(() => parseDnsServer("dns.example:53"));
});

const MESSAGE = (headers: string, body: string) =>
  `${headers}\r\nMIME-Version: 1.0\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nMessage-ID: <1@good.test>\r\n${body}`;

const GOOD_BODY =
  'Content-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHello Budi, your invoice for March is attached to your account page. Unsubscribe: https://good.test/u\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Hello Budi, your invoice for March is ready on your account page. It lists every order of the month.</p><p><a href="https://good.test/u">Unsubscribe</a></p>\r\n--b--\r\n';

describe("content", () => {
  const goodHeaders =
    "From: Shop <news@good.test>\r\nTo: budi@example.test\r\nSubject: Your March invoice\r\nList-Id: <news.good.test>\r\nList-Unsubscribe: <https://good.test/u?x=1>, <mailto:u@good.test>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click";
  // Every finding of every message below is checked for its Indonesian text.
  const run = async (raw: string, bulk?: boolean) => {
    const f = await checkMessage(raw, dns(), bulk === undefined ? {} : { bulk });
    assertIndonesian(f, "message");
    return f;
  };

  test("a clean bulk message has no content finding", async () => {
    const f = await run(MESSAGE(goodHeaders, GOOD_BODY));
    const content = f.filter((x) => x.id.startsWith("content."));
    assert.deepEqual(
      ids(content),
      ["content.ok"].filter((id) => ids(f).includes(id)),
    );
    assert.ok(!content.some((x) => x.severity !== "ok"), ids(content).join(", "));
  });

  const cases: [string, string, string][] = [
    [
      "content.subject_caps",
      goodHeaders.replace("Your March invoice", "YOUR MARCH INVOICE IS HERE"),
      GOOD_BODY,
    ],
    ["content.punctuation", goodHeaders.replace("Your March invoice", "Your March invoice!!!"), GOOD_BODY],
    [
      "content.spam_phrases",
      goodHeaders.replace("Your March invoice", "Promo terbatas: hadiah gratis"),
      GOOD_BODY,
    ],
    ["content.spam_phrases", goodHeaders.replace("Your March invoice", "Act now, you have won"), GOOD_BODY],
    [
      "content.many_links",
      goodHeaders,
      GOOD_BODY.replace(
        "<p>Hello",
        `${Array.from({ length: 20 }, (_, i) => `<a href="https://good.test/p${i}">p</a>`).join("")}<p>Hello`,
      ),
    ],
    [
      "content.shortener",
      goodHeaders,
      GOOD_BODY.replace('href="https://good.test/u"', 'href="https://bit.ly/x1"'),
    ],
    [
      "content.listed_link",
      goodHeaders,
      GOOD_BODY.replace('href="https://good.test/u"', 'href="https://spammy.test/u"'),
    ],
    [
      "content.image_ratio",
      goodHeaders,
      GOOD_BODY.replace(
        /<p>Hello[^<]*<\/p>/,
        '<img src="https://good.test/a.png"><img src="https://good.test/b.png">',
      ),
    ],
    [
      "content.no_text_part",
      goodHeaders,
      'Content-Type: text/html\r\n\r\n<p>Hello Budi, your invoice for March is ready on your account page. It lists every order.</p><a href="https://good.test/u">Unsubscribe</a>\r\n',
    ],
    [
      "content.no_list_unsubscribe",
      goodHeaders.replace(/\r\nList-Unsubscribe:.*\r\nList-Unsubscribe-Post:.*/, ""),
      GOOD_BODY,
    ],
    ["content.no_one_click", goodHeaders.replace(/\r\nList-Unsubscribe-Post:.*/, ""), GOOD_BODY],
    ["content.no_unsubscribe_link", goodHeaders, GOOD_BODY.replace(/Unsubscribe/g, "Account")],
    [
      "content.risky_attachment",
      goodHeaders,
      GOOD_BODY.replace(
        "--b--",
        '--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="invoice.exe"\r\nContent-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n--b--',
      ),
    ],
    [
      "content.size",
      goodHeaders,
      GOOD_BODY.replace("<p>Hello", `<p>${"lorem ipsum ".repeat(9000)}</p><p>Hello`),
    ],
  ];
  for (const [id, headers, body] of cases)
    test(`${id} appears on a broken message and not on the good one`, async () => {
      const f = await run(MESSAGE(headers, body));
      assert.ok(ids(f).includes(id), `${id} in ${ids(f).join(", ")}`);
      const good = await run(MESSAGE(goodHeaders, GOOD_BODY));
      assert.ok(!ids(good).includes(id));
    });

  test("SPF is evaluated for the first public hop, never for a private or submission hop", async () => {
    const headers = (received: string) => `${received}\r\nReturn-Path: <bounce@good.test>\r\n${goodHeaders}`;
    const date = "Mon, 1 Jan 2024 10:00:00 +0000";
    // A copy as sent: the laptop's submission to its own server (the reviewer's case).
    const sent = await run(
      MESSAGE(
        headers(`Received: from laptop (unknown [10.0.0.5]) by smtp.good.test with ESMTPSA id 1; ${date}`),
        GOOD_BODY,
      ),
    );
    assert.ok(
      !ids(sent).includes("message.spf_fail") && !ids(sent).includes("message.spf_pass"),
      ids(sent).join(", "),
    );
    const note = sent.find((x) => x.id === "message.spf_not_checked");
    assert.ok(note, ids(sent).join(", "));
    assert.equal(note.severity, "info");
    assert.deepEqual(note.data, { seen: ["10.0.0.5"], submission: true });
    assert.doesNotMatch(note.message + note.fix, /Authorise/);
    // Unsigned, so DKIM cannot carry DMARC; SPF might at the receiver: no DMARC error.
    const dmarc = sent.find((x) => x.id === "message.dmarc_fail");
    assert.ok(dmarc && dmarc.severity === "warning", ids(sent).join(", "));
    // As received: an internal relay on top, then the public hop the receiver judged.
    const received = await run(
      MESSAGE(
        headers(
          `Received: from mx-in (mx-in [10.1.1.1]) by store.example.test with LMTP; ${date}\r\nReceived: from mx.good.test (mx.good.test [192.0.2.10]) by mx.example.test with ESMTPS; ${date}`,
        ),
        GOOD_BODY,
      ),
    );
    const pass = received.find((x) => x.id === "message.spf_pass");
    assert.ok(pass, ids(received).join(", "));
    assert.match(pass.message, /from 192\.0\.2\.10\.$/);
    // Only private hops, none of them a submission.
    const internal = await run(
      MESSAGE(headers(`Received: from host (host [192.168.1.2]) by relay with ESMTP; ${date}`), GOOD_BODY),
    );
    assert.deepEqual(internal.find((x) => x.id === "message.spf_not_checked")?.data, {
      seen: ["192.168.1.2"],
      submission: false,
    });
  });

  test("receiverClientIp: the first public client address, by the Received headers", () => {
    const r = (...h: string[]) => receiverClientIp(h);
    assert.deepEqual(
      r("from a (a [IPv6:fe80::1]) by b with ESMTP", "from c ([IPv6:2001:db8::5]) by d with ESMTP"),
      {
        ip: "2001:db8::5",
        seen: ["fe80::1"],
        submission: false,
      },
    );
    assert.equal(r("from a (a [::ffff:10.0.0.1]) by b with SMTP").ip, null);
    assert.equal(
      r("from a (a [127.0.0.1]) by b with SMTP", "from x (x [100.64.1.1]) by y with SMTP").ip,
      null,
    );
    // A submission hop from a public address is still the sender's own client.
    assert.deepEqual(r("from home (home [198.51.100.7]) by smtp.good.test with ESMTPSA"), {
      ip: null,
      seen: ["198.51.100.7"],
      submission: true,
    });
    assert.deepEqual(
      r("by local.host with local", "from m (m [192.0.2.10]) by n with UTF8SMTPS").ip,
      "192.0.2.10",
    );
    assert.deepEqual(r(), { ip: null, seen: [], submission: false });
    // Exchange and Microsoft 365 write the client's address in parentheses.
    assert.equal(
      r(
        "from mail.snd.test (198.51.100.7) by BN8NAM12FT055.mail.protection.outlook.com (10.13.182.177) with Microsoft SMTP Server (version=TLS1_2) id 15.20.7",
      ).ip,
      "198.51.100.7",
    );
    // The address the client connected from, not the one it greeted with (HELO, helo=).
    for (const [header, ip] of [
      ["from [198.51.100.9] (unknown [203.0.113.5]) by mx.example.com with ESMTPS id 1", "203.0.113.5"],
      ["from [10.0.0.5] (unknown [203.0.113.5]) by mx.example.com with ESMTP", "203.0.113.5"],
      ["from [203.0.113.5] (helo=[10.0.0.5]) by mx.example.com with esmtp", "203.0.113.5"],
      ["from mail.example ([203.0.113.6] helo=mail.example) by mx with esmtps", "203.0.113.6"],
    ] as const)
      assert.equal(r(header).ip, ip, header);
  });

  test("the message's own DKIM: none, pass, fail; receiver's Authentication-Results", async () => {
    const raw = MESSAGE(goodHeaders, GOOD_BODY);
    assert.ok(ids(await run(raw)).includes("message.dkim_none"));
    // mailauth's typings show the options flat; the code reads them from signatureData.
    const signed = await dkimSign(raw, {
      signatureData: [{ signingDomain: "good.test", selector: "sel1", privateKey: KEY2048.privateKey }],
    } as unknown as Parameters<typeof dkimSign>[1]);
    const ok = signed.signatures + raw;
    const f = await run(ok);
    assert.ok(ids(f).includes("message.dkim_pass"), ids(f).join(", "));
    assert.ok(!ids(f).includes("message.dkim_none") && !ids(f).includes("message.dkim_fail"));
    const tampered = ok.replace("invoice for March", "invoice for April");
    assert.ok(ids(await run(tampered)).includes("message.dkim_fail"));
    const recorded = await run(
      MESSAGE(
        `${goodHeaders}\r\nAuthentication-Results: mx.example; spf=pass; dkim=fail; dmarc=fail`,
        GOOD_BODY,
      ),
    );
    assert.ok(ids(recorded).includes("message.auth_results_fail"));
    assert.ok(!ids(f).includes("message.auth_results_fail"));
    // none is no signature or no record (RFC 8601 §2.7): a warning, never a failure.
    const none = await run(
      MESSAGE(
        `${goodHeaders}\r\nAuthentication-Results: mx.example; spf=pass smtp.mailfrom=good.test; dkim=none; dmarc=none`,
        GOOD_BODY,
      ),
    );
    assert.ok(!ids(none).includes("message.auth_results_fail"), ids(none).join(", "));
    const gap = none.find((x) => x.id === "message.auth_results_none");
    assert.equal(gap?.severity, "warning");
    assert.deepEqual(gap.data?.results, ["dkim=none", "dmarc=none"]);
    assert.match(gap.message, /dkim=none \(the message is not DKIM-signed\)/);
    assert.deepEqual(recorded.find((x) => x.id === "message.auth_results_fail")?.data?.results, [
      "dkim=fail",
      "dmarc=fail",
    ]);
  });
});

test("checksFor runs the category's checks on the entities of a diagnosis", async () => {
  const blocked = diagnose(
    "554 5.7.1 Service unavailable; Client host [192.0.2.66] blocked using zen.spamhaus.org",
  );
  const b = await checksFor(blocked, { dns: dns() });
  assert.deepEqual(b.checks, ["blocklist", "rdns", "content"]);
  assert.equal(b.reports.length, 1, JSON.stringify(b.reports.map((r) => r.target)));
  assert.equal(b.reports[0]!.kind, "ip");
  assert.ok(ids(b.reports[0]!.findings).includes("blocklist.listed"));
  const invalid = diagnose("550 5.1.1 <budi@gmial.com>: Recipient address rejected: User unknown");
  const a = await checksFor(invalid, { dns: dns() });
  assert.equal(a.reports[0]!.kind, "address");
  assert.ok(ids(a.reports[0]!.findings).includes("address.typo"));
  // The domain named in the reply is checked (example.com: the fixture server refuses it, so DNS
  // fails), and so is a domain given as an option.
  const dm = diagnose(
    "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy",
  );
  const d = await checksFor(dm, { dns: dns(), skipBlocklists: true, domains: ["spf11.bad.test"] });
  assert.deepEqual(d.checks, ["authentication"]);
  assert.deepEqual(
    d.reports.map((r) => `${r.kind} ${r.target}`),
    ["domain spf11.bad.test", "domain example.com"],
  );
  assert.ok(ids(d.reports[0]!.findings).includes("dmarc.policy_none"));
  assert.equal(d.reports[1]!.complete, false);
  for (const r of [...b.reports, ...a.reports, ...d.reports]) assertIndonesian(r.findings, r.target);
});

test("check domain: ideographic dots are read as dots, as the resolver reads them (the DMARC fallback too)", async () => {
  const r = await checkDomain("sub\u3002good\u3002test", { dns: dns(), skipBlocklists: true });
  const found = ids(r.findings);
  assert.ok(found.includes("dmarc.org_fallback"), found.join(", "));
  assert.ok(!found.includes("dmarc.missing"), found.join(", "));
});

test("DKIM: white space around '=' in a key record is allowed (RFC 6376 §3.2)", async () => {
  assert.deepEqual(ids(await checkDkim("bad.test", dns(), ["spaced"])), ["dkim.ok"]);
  // A tag named twice makes the record invalid (§3.2): not "revoked" by the first, empty p=.
  const dup = await checkDkim("bad.test", dns(), ["dupkey"]);
  assert.deepEqual(ids(dup), ["dkim.syntax"]);
  assert.match(dup[0]!.message, /names p= more than once/);
  assertIndonesian(dup, "dupkey");
});
