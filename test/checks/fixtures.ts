// The fixture zones of the checks tests: good and broken SPF, DKIM, DMARC, MTA-STS, TLS-RPT, BIMI,
// MX, PTR and blocklist records. Keys are made per run.
import { generateKeyPairSync } from "node:crypto";
import { BLOCKLISTS } from "../../src/rules/blocklists.js";
import { txt } from "../support/dns-server.js";

export function rsaKey(bits: number) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return {
    p: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

export const KEY2048 = rsaKey(2048);
const KEY512 = rsaKey(512);
const KEY1024 = rsaKey(1024);

const spf11 = Array.from({ length: 11 }, (_, i) => `include:i${i + 1}.bad.test`).join(" ");

export const ZONES: Record<string, string> = {
  "good.test": [
    "@ MX 10 mx.good.test.",
    "@ A 192.0.2.10",
    `@ TXT ${txt("v=spf1 ip4:192.0.2.10 include:_spf.good.test -all")}`,
    `_spf TXT ${txt("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all")}`,
    "mx A 192.0.2.10",
    "mx AAAA 2001:db8::10",
    "30-2-0-192.dynamic A 192.0.2.30",
    `sel1._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${KEY2048.p}`)}`,
    `_dmarc TXT ${txt("v=DMARC1; p=reject; rua=mailto:dmarc@good.test")}`,
    `_mta-sts TXT ${txt("v=STSv1; id=20240101")}`,
    // The MTA-STS policy host: the tests' HTTPS server on loopback (mta-sts-server.ts).
    "mta-sts A 127.0.0.1",
    `_smtp._tls TXT ${txt("v=TLSRPTv1; rua=mailto:tls@good.test")}`,
    `default._bimi TXT ${txt("v=BIMI1; l=https://good.test/logo.svg")}`,
    "sub A 192.0.2.10",
    "sub MX 10 mx.good.test.",
    // reports.good.test takes the DMARC reports of extok.bad.test (RFC 7489 §7.1).
    `extok.bad.test._report._dmarc.reports TXT ${txt("v=DMARC1")}`,
  ].join("\n"),
  "bad.test": [
    ...Array.from({ length: 11 }, (_, i) => `i${i + 1} TXT ${txt(`v=spf1 ip4:198.51.100.${i + 1} -all`)}`),
    `spf11 TXT ${txt(`v=spf1 ${spf11} -all`)}`,
    "spf11 MX 10 mx.good.test.",
    `_dmarc.spf11 TXT ${txt("v=DMARC1; p=none; rua=mailto:d@bad.test")}`,
    `multi TXT ${txt("v=spf1 -all")}`,
    `multi TXT ${txt("v=spf1 ip4:192.0.2.1 -all")}`,
    `plusall TXT ${txt("v=spf1 +all")}`,
    `neutral TXT ${txt("v=spf1 ip4:192.0.2.1 ?all")}`,
    `noall TXT ${txt("v=spf1 ip4:192.0.2.1")}`,
    `void TXT ${txt("v=spf1 a:v1.bad.test a:v2.bad.test a:v3.bad.test -all")}`,
    `syntax TXT ${txt("v=spf1 ip4:999.1.1.1 foo:bar -all")}`,
    `inclmissing TXT ${txt("v=spf1 include:nowhere.bad.test -all")}`,
    `ptr TXT ${txt("v=spf1 ptr -all")}`,
    `loop TXT ${txt("v=spf1 include:loop.bad.test -all")}`,
    `incplus TXT ${txt("v=spf1 include:plusall.bad.test -all")}`,
    "nospf A 192.0.2.1",
    // DKIM selectors
    `weak._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${KEY512.p}`)}`,
    `testing._domainkey TXT ${txt(`v=DKIM1; k=rsa; t=y; p=${KEY2048.p}`)}`,
    `revoked._domainkey TXT ${txt("v=DKIM1; k=rsa; p=")}`,
    `badtype._domainkey TXT ${txt(`v=DKIM1; k=dsa; p=${KEY2048.p}`)}`,
    `garbage._domainkey TXT ${txt("v=DKIM1; k=rsa; p=bm90IGEga2V5")}`,
    `short._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${KEY1024.p}`)}`,
    `badver._domainkey TXT ${txt(`k=rsa; v=DKIM1; p=${KEY2048.p}`)}`,
    // A tag twice makes the record invalid (RFC 6376 §3.2), even an empty p= before the key.
    `dupkey._domainkey TXT ${txt(`v=DKIM1; p=; p=${KEY2048.p}`)}`,
    // RFC 6376 §3.2 allows white space around "=".
    `spaced._domainkey TXT ${txt(`v = DKIM1; k = rsa; p = ${KEY2048.p}`)}`,
    `nop._domainkey TXT ${txt("v=DKIM1; k=rsa")}`,
    `sha1._domainkey TXT ${txt(`v=DKIM1; h=sha1; k=rsa; p=${KEY2048.p}`)}`,
    `web._domainkey TXT ${txt(`v=DKIM1; s=web; k=rsa; p=${KEY2048.p}`)}`,
    // DMARC reports sent to another domain: one that agreed (its record is in good.test's zone),
    // one that did not.
    `_dmarc.extrua TXT ${txt("v=DMARC1; p=reject; rua=mailto:d@bad.test,mailto:r@reports.good.test")}`,
    `_dmarc.extok TXT ${txt("v=DMARC1; p=reject; rua=mailto:r@reports.good.test")}`,
    // DMARC
    `_dmarc.multi TXT ${txt("v=DMARC1; p=reject; rua=mailto:d@bad.test")}`,
    `_dmarc.multi TXT ${txt("v=DMARC1; p=none")}`,
    `_dmarc.syntax TXT ${txt("v=DMARC1; p=block")}`,
    `_dmarc.pct TXT ${txt("v=DMARC1; p=quarantine; pct=20; rua=mailto:d@bad.test")}`,
    // pct= is 1*3DIGIT: hex, an exponent and nothing are no percentage.
    `_dmarc.pcthex TXT ${txt("v=DMARC1; p=reject; pct=0x32; rua=mailto:d@bad.test")}`,
    `_dmarc.pctexp TXT ${txt("v=DMARC1; p=reject; pct=1e2; rua=mailto:d@bad.test")}`,
    `_dmarc.pctempty TXT ${txt("v=DMARC1; p=reject; pct=; rua=mailto:d@bad.test")}`,
    `_dmarc.norua TXT ${txt("v=DMARC1; p=reject")}`,
    `_dmarc.spnone TXT ${txt("v=DMARC1; p=reject; sp=none; rua=mailto:d@bad.test")}`,
    `_dmarc.strict TXT ${txt("v=DMARC1; p=reject; adkim=s; rua=mailto:d@bad.test")}`,
    // MX
    "nullmx MX 0 .",
    // A null MX with a preference other than 0, and one among real MX hosts (RFC 7505 §3 forbids it).
    "null10 MX 10 .",
    "nullplus MX 0 .",
    "nullplus MX 10 mx.good.test.",
    // An MX naming an IP address instead of a host.
    "iplit MX 10 192.0.2.1.",
    "nomx A 192.0.2.1",
    // An SPF mx mechanism on a name with more than 10 MX hosts.
    `mxmany TXT ${txt("v=spf1 mx -all")}`,
    ...Array.from({ length: 11 }, (_, i) => `mxmany MX ${i + 1} m${i}.good.test.`),
    "deadmx MX 10 nothing.bad.test.",
    // An MX host that is an alias.
    "cnamemx MX 10 alias.bad.test.",
    "alias CNAME realmx.bad.test.",
    "realmx A 192.0.2.10",
    'nomxnoa TXT "nothing here"',
    // MTA-STS, TLS-RPT, BIMI
    // MTA-STS policy hosts are the tests' HTTPS server on 127.0.0.1 (mta-sts-server.ts), which
    // answers each by its Host header; stsdown's is 127.0.0.2, where nothing listens.
    `_mta-sts.sts TXT ${txt("v=STSv1; id=1")}`,
    "mta-sts.sts A 127.0.0.1",
    "sts MX 10 mx.good.test.",
    `_mta-sts.stsdown TXT ${txt("v=STSv1; id=1")}`,
    "mta-sts.stsdown A 127.0.0.2",
    `_mta-sts.stsbad TXT ${txt("v=STSv1; id=1")}`,
    "mta-sts.stsbad A 127.0.0.1",
    `_mta-sts.ststest TXT ${txt("v=STSv1; id=1")}`,
    "mta-sts.ststest A 127.0.0.1",
    `_mta-sts.stsnoid TXT ${txt("v=STSv1")}`,
    "ststest MX 10 mx.good.test.",
    // A certificate from a CA the tests do not trust; a certificate without the name; a redirect; a
    // 404; a server that never answers; a file over 64 KB; a policy host without an address.
    ...["stscert", "stsname", "stsredirect", "sts404", "stsslow", "stsbig"].flatMap((n) => [
      `_mta-sts.${n} TXT ${txt("v=STSv1; id=1")}`,
      `mta-sts.${n} A 127.0.0.1`,
      `${n} MX 10 mx.good.test.`,
    ]),
    `_mta-sts.stsnohost TXT ${txt("v=STSv1; id=1")}`,
    `_smtp._tls.tlsbad TXT ${txt("v=TLSRPTv1; rua=ftp://x")}`,
    `default._bimi.bimibad TXT ${txt("v=BIMI1; l=http://bad.test/logo.png")}`,
    `_dmarc.bimibad TXT ${txt("v=DMARC1; p=reject; rua=mailto:d@bad.test")}`,
    `default._bimi.spf11 TXT ${txt("v=BIMI1; l=https://bad.test/logo.svg")}`,
  ].join("\n"),
  // An organisational domain enforcing p=reject but leaving its subdomains at sp=none.
  "spnone.test": [
    `_dmarc TXT ${txt("v=DMARC1; p=reject; sp=none; rua=mailto:d@spnone.test")}`,
    "sub A 192.0.2.1",
  ].join("\n"),
  // github.io is a public suffix in the PSL's private section: foo.github.io is an organisation.
  "github.io": [
    `_dmarc TXT ${txt("v=DMARC1; p=none")}`,
    `_dmarc.foo TXT ${txt("v=DMARC1; p=reject; rua=mailto:d@foo.github.io")}`,
    "mail.foo A 192.0.2.1",
  ].join("\n"),
  // bücher.test: an internationalised domain, asked in Unicode or in its xn-- form.
  "xn--bcher-kva.test": [
    "@ MX 10 mx.good.test.",
    `_dmarc TXT ${txt("v=DMARC1; p=reject; rua=mailto:dmarc@xn--bcher-kva.test")}`,
  ].join("\n"),
  "2.0.192.in-addr.arpa": [
    "10 PTR mx.good.test.",
    "20 PTR nofwd.good.test.",
    "30 PTR 30-2-0-192.dynamic.good.test.",
  ].join("\n"),
  "8.b.d.0.1.0.0.2.ip6.arpa": "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 PTR mx.good.test.",
  "zen.spamhaus.org": [
    "66.2.0.192 A 127.0.0.2",
    "99.2.0.192 A 127.255.255.254",
    // Spamhaus's other refusals: a malformed query, too many queries.
    "98.2.0.192 A 127.255.255.252",
    "97.2.0.192 A 127.255.255.255",
    "11.2.0.192 A 127.0.0.11",
    // 2001:db8::66, reversed nibbles
    "6.6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 A 127.0.0.3",
  ].join("\n"),
  // 192.0.2.77: an answer outside 127.0.0.0/8, which means nothing.
  "bl.spamcop.net": "66.2.0.192 A 127.0.0.2\n77.2.0.192 A 10.0.0.1",
  "dbl.spamhaus.org": "spammy.test A 127.0.1.2\nrefused.test A 127.255.255.254",
  "multi.surbl.org": "spammy.test A 127.0.0.16",
};

// Every other zone of BLOCKLISTS is served empty, so that each list answers "not listed".
for (const b of BLOCKLISTS) for (const z of b.zones) ZONES[z] ??= "";
