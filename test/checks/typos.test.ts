import assert from "node:assert/strict";
import { test } from "node:test";
import { parseAddress, suggestDomain } from "../../src/checks/address.js";

// Common misspellings of major providers' domains, global and regional.
const TYPOS: [string, string][] = [
  ["gmial.com", "gmail.com"],
  ["gmai.com", "gmail.com"],
  ["gamil.com", "gmail.com"],
  ["gnail.com", "gmail.com"],
  ["gmaill.com", "gmail.com"],
  ["gmail.con", "gmail.com"],
  ["gmail.co", "gmail.com"],
  ["gmail.cm", "gmail.com"],
  ["gmal.com", "gmail.com"],
  ["yaho.com", "yahoo.com"],
  ["yahooo.com", "yahoo.com"],
  ["yhoo.com", "yahoo.com"],
  ["yahoo.co.od", "yahoo.co.id"],
  ["yaho.co.id", "yahoo.co.id"],
  ["hotmial.com", "hotmail.com"],
  ["hotmal.com", "hotmail.com"],
  ["hotnail.com", "hotmail.com"],
  ["hotmail.con", "hotmail.com"],
  ["outlok.com", "outlook.com"],
  ["outllok.com", "outlook.com"],
  ["iclod.com", "icloud.com"],
  ["icloud.con", "icloud.com"],
  ["aoll.com", "aol.com"],
  ["protonmial.com", "protonmail.com"],
  ["googlemail.con", "googlemail.com"],
  ["rediffmial.com", "rediffmail.com"],
];

test(`the typo table: ${TYPOS.length} misspellings corrected`, () => {
  for (const [typo, fixed] of TYPOS) assert.equal(suggestDomain(typo), fixed, typo);
});

test("real domains are not corrected", () => {
  for (const d of [
    "gmail.com",
    "mail.com",
    "gmx.com",
    "yahoo.co.id",
    "me.com",
    "live.com",
    "good.test",
    "example.org",
    // Reported as false typos of aol.com, proton.me, t-online.de.
    "bol.com",
    "uol.com",
    "proton.ch",
    "t-online.at",
    // The same kinds, not in any list: one letter of a short name replaced, a provider's name in
    // another country.
    "sol.com",
    "col.com",
    "t-online.ch",
    "proton.de",
  ])
    assert.equal(suggestDomain(d), null, d);
});

test("regional domains of the same provider are not corrected to another country's", () => {
  for (const d of [
    "yahoo.com.sg",
    "yahoo.com.br",
    "yahoo.com.vn",
    "yahoo.com.my",
    "yahoo.com.ph",
    "yahoo.co.in",
    "yahoo.com.hk",
    "yahoo.com.tw",
    "yahoo.com.ar",
    "yahoo.com.mx",
    "yahoo.ca",
    "hotmail.be",
    "hotmail.nl",
    "hotmail.se",
    "hotmail.ca",
    "hotmail.com.br",
    "hotmail.co.id",
    "outlook.com.au",
    "outlook.com.vn",
    "outlook.sg",
    "outlook.jp",
    "live.nl",
    "live.be",
    "live.se",
    "gmx.fr",
    "yandex.ua",
    "yandex.kz",
  ])
    assert.equal(suggestDomain(d), null, d);
  // A mistyped suffix that is no real one is still a typo; so is a mistyped name.
  for (const [typo, fixed] of [
    ["yahoo.cim", "yahoo.com"],
    ["hotmail.coom", "hotmail.com"],
    ["comcast.ne", "comcast.net"],
    ["yahoo.cm", "yahoo.com"],
    ["hotmial.com", "hotmail.com"],
    // A real generic suffix a key away from the provider's is still a slip.
    ["gmail.cam", "gmail.com"],
    ["gmail.cat", "gmail.com"],
  ] as [string, string][])
    assert.equal(suggestDomain(typo), fixed, typo);
});

test("syntax: RFC 5321/5322 and internationalised addresses", () => {
  for (const ok of [
    "a@b.co",
    "first.last+tag@example.com",
    '"john doe"@example.com',
    "用户@例子.中国",
    "josé@exämple.de",
    // Beyond the Basic Multilingual Plane (RFC 6532 §3.1, UTF8-4).
    "😀@example.com",
    '"😀 x"@example.com',
    "user@[192.0.2.1]",
    "user@[IPv6:2001:db8::1]",
  ])
    assert.ok(!("error" in parseAddress(ok)), ok);
  for (const bad of [
    "plain",
    "a@",
    "@b.com",
    "a..b@c.com",
    ".a@b.com",
    "a b@c.com",
    "a@b",
    "a@-b.com",
    `${"x".repeat(65)}@b.com`,
    // The URL parser behind domainToASCII would cut these at # / ? or percent-decode them.
    "x@addr.q.test#junk",
    "x@addr.q.test/../evil",
    "x@addr.q.test?y",
    "x@addr%2Eq.test",
    "x@b.com.",
    // Address literals must hold a valid IPv4, or an IPv6 after "IPv6:" (RFC 5321 §4.1.3).
    "user@[abc]",
    "user@[999.999.999.999]",
    "user@[2001:db8::1]",
    "user@[IPv6:192.0.2.1]",
    "user@[IPv6:fe80::1%eth0]",
  ])
    assert.ok("error" in parseAddress(bad), bad);
  const literal = parseAddress("user@[abc]");
  assert.ok("error" in literal && /address literal/.test(literal.error));
  const intl = parseAddress("用户@例子.中国");
  assert.ok(!("error" in intl) && intl.international && intl.asciiDomain.startsWith("xn--"));
  // An ASCII local part at a Unicode domain goes out as x@xn--…: no SMTPUTF8 needed.
  const idn = parseAddress("x@bücher.de");
  assert.ok(!("error" in idn) && !idn.international && idn.asciiDomain === "xn--bcher-kva.de");
});
