// The checks against a real DNS server (knotd on loopback) serving the fixture zones: each finding
// appears on a broken record and disappears on a good one.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dkimSign } from "mailauth/lib/dkim/sign.js";
import { checkAddress } from "../../src/checks/address.js";
import { checkBlocklists, checkPtr, interpretAnswer } from "../../src/checks/blocklists.js";
import { checkMessage } from "../../src/checks/content.js";
import { Dns, parseDnsServer, ptrName } from "../../src/checks/dns.js";
import {
  checkBimi,
  checkDkim,
  checkDmarc,
  checkMtaSts,
  checkMx,
  checkSpf,
  checkTlsRpt,
} from "../../src/checks/domain.js";
import { checkDomain, checkEmailAddress, checkIp, checksFor } from "../../src/checks/index.js";
import type { FetchText, Finding } from "../../src/checks/types.js";
import { diagnose } from "../../src/index.js";
import { type DnsServer, startDnsServer } from "../support/dns-server.js";
import { KEY2048, ZONES } from "./fixtures.js";
import { assertIndonesian } from "./localized.js";

let server: DnsServer;
let dns: () => Dns;

before(async () => {
  server = await startDnsServer(ZONES);
  dns = () => new Dns({ servers: [server.address], timeoutMs: 1000, tries: 1 });
});
after(async () => {
  await server?.stop();
});

const ids = (f: Finding[]) => f.map((x) => x.id);

const POLICIES: Record<string, string> = {
  "https://mta-sts.good.test/.well-known/mta-sts.txt":
    "version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: 86400\n",
  "https://mta-sts.sts.bad.test/.well-known/mta-sts.txt":
    "version: STSv1\nmode: enforce\nmx: mail.other.test\nmax_age: 86400\n",
  "https://mta-sts.stsbad.bad.test/.well-known/mta-sts.txt": "this is not a policy",
  "https://mta-sts.ststest.bad.test/.well-known/mta-sts.txt":
    "version: STSv1\nmode: testing\nmx: mx.good.test\nmax_age: 86400\n",
};
const fetchText: FetchText = async (url) => {
  if (url.includes("stsdown")) throw new Error("connect ECONNREFUSED");
  return POLICIES[url] ? { status: 200, body: POLICIES[url] } : { status: 404, body: "" };
};

type Row = [id: string, broken: string, good: string, run: (target: string, d: Dns) => Promise<Finding[]>];
const spf = async (t: string, d: Dns) => (await checkSpf(t, d)).findings;
const dmarc = async (t: string, d: Dns) => (await checkDmarc(t, d)).findings;
const mx = async (t: string, d: Dns) => (await checkMx(t, d)).findings;
const dkim = (t: string, d: Dns) => {
  const [sel, domain] = t.split(":") as [string, string];
  return checkDkim(domain, d, sel ? [sel] : []);
};
const sts = async (t: string, d: Dns) => checkMtaSts(t, d, (await checkMx(t, d)).mx, fetchText);
const bimi = async (t: string, d: Dns) => checkBimi(t, d, (await checkDmarc(t, d)).dmarc);

const ROWS: Row[] = [
  ["mx.nxdomain", "nosuch.bad.test", "good.test", mx],
  ["mx.null", "nullmx.bad.test", "good.test", mx],
  ["mx.missing", "nomx.bad.test", "good.test", mx],
  ["mx.unresolvable", "deadmx.bad.test", "good.test", mx],
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
  ["dmarc.missing", "nospf.bad.test", "good.test", dmarc],
  ["dmarc.multiple", "multi.bad.test", "good.test", dmarc],
  ["dmarc.syntax", "syntax.bad.test", "good.test", dmarc],
  ["dmarc.policy_none", "spf11.bad.test", "good.test", dmarc],
  ["dmarc.pct", "pct.bad.test", "good.test", dmarc],
  ["dmarc.no_rua", "norua.bad.test", "good.test", dmarc],
  ["dmarc.subdomain_none", "spnone.bad.test", "good.test", dmarc],
  ["dmarc.strict_alignment", "strict.bad.test", "good.test", dmarc],
  ["dmarc.org_fallback", "sub.good.test", "good.test", dmarc],
  ["mta_sts.missing", "nospf.bad.test", "good.test", sts],
  ["mta_sts.record_invalid", "stsnoid.bad.test", "good.test", sts],
  ["mta_sts.mx_mismatch", "sts.bad.test", "good.test", sts],
  ["mta_sts.policy_unreachable", "stsdown.bad.test", "good.test", sts],
  ["mta_sts.policy_invalid", "stsbad.bad.test", "good.test", sts],
  ["mta_sts.testing", "ststest.bad.test", "good.test", sts],
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
  ["address.no_mx", "a@nomx.bad.test", "a@good.test", (t, d) => checkAddress(t, d)],
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
  const r = await checkDomain("good.test", { dns: dns(), dkimSelectors: ["sel1"], fetchText });
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
  const refused = await checkBlocklists("refused.test", dns());
  const d = refused.map((x) => x.id);
  assert.ok(d.includes("blocklist.refused") && !d.includes("blocklist.listed"), d.join(", "));
  assertIndonesian([...r.findings, ...refused]);
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
    fetchText,
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

test("DNS failing for an IP and an address: their DNS findings, in Indonesian too", async () => {
  const dead = () => new Dns({ servers: ["127.0.0.1:9"], timeoutMs: 200, tries: 1 });
  const ip = await checkIp("192.0.2.10", { dns: dead() });
  const addr = await checkEmailAddress("budi@good.test", { dns: dead() });
  const got = [...ids(ip.findings), ...ids(addr.findings)];
  for (const id of ["rdns.dns_error", "blocklist.dns_error", "address.dns_error", "dns.failed"])
    assert.ok(got.includes(id), `${id} in ${got.join(", ")}`);
  assertIndonesian([...ip.findings, ...addr.findings], "DNS failing");
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
