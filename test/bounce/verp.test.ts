// VERP bounce addresses (src/bounce/verp.ts): the recipient they carry, and the tag that signs it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeVerp, verpAddress } from "../../src/index.js";

const SECRET = "a secret of the sending platform";

test("an unsigned VERP address carries its recipient there and back", () => {
  const a = verpAddress("jane+news@example.com", "bounces@bounce.example.net");
  assert.equal(a, "bounces+jane+news=example.com@bounce.example.net");
  assert.equal(decodeVerp(a), "jane+news@example.com");
  // What decodes to no full address names no one.
  assert.equal(decodeVerp("bounces+jane=nodot@bounce.example.net"), null);
  assert.equal(decodeVerp("bounces@bounce.example.net"), null);
});

test("a signed VERP address decodes only with the right secret and its own tag", () => {
  const a = verpAddress("jane@example.com", "bounces@bounce.example.net", SECRET);
  assert.match(a, /^bounces\+jane=example\.com\+[0-9a-f]{16}@bounce\.example\.net$/);
  assert.equal(decodeVerp(a, SECRET), "jane@example.com");
  // A server that changes the case of the address changes nothing.
  assert.equal(decodeVerp(a.toUpperCase(), SECRET), "JANE@EXAMPLE.COM");
  // Without the secret the recipient is still read; with another secret or tag, not.
  assert.equal(decodeVerp(a), "jane@example.com");
  assert.equal(decodeVerp(a, "another secret entirely"), null);
  const other = verpAddress("john@example.com", "bounces@bounce.example.net", SECRET);
  const forged = a.replace(/\+[0-9a-f]{16}@/, other.match(/\+[0-9a-f]{16}@/)![0]);
  assert.equal(decodeVerp(forged, SECRET), null);
  // An unsigned address, or one with a tag of the wrong shape, names no one under a secret.
  assert.equal(decodeVerp("bounces+jane=example.com@bounce.example.net", SECRET), null);
  assert.equal(decodeVerp(a.replace(/[0-9a-f]@/, "@"), SECRET), null);
});

test("verpAddress refuses what is no address, or what no SMTP path can carry", () => {
  assert.throws(() => verpAddress("not an address", "bounces@bounce.example.net"), RangeError);
  assert.throws(() => verpAddress("jane@nodot", "bounces@bounce.example.net"), RangeError);
  for (const bad of [
    "bounce.example.net",
    "bounces+x@bounce.example.net",
    "bounces@",
    "bounces@bounce",
    "a b@x.net",
  ])
    assert.throws(() => verpAddress("jane@example.com", bad), RangeError, bad);
  // Dots side by side (old Japanese mobile addresses) are no dot-atom; a quoted local part is no
  // bare address at all.
  assert.throws(
    () => verpAddress("taro..yamada@docomo.ne.jp", "bounces@bounce.example.net"),
    /cannot carry this recipient/,
  );
  assert.throws(
    () => verpAddress('"john..doe"@example.com', "bounces@bounce.example.net"),
    /not a recipient address/,
  );
  // Over 253 octets, the SMTP library (and RFC 5321's path limit) would refuse the address.
  const long = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(36)}.com`;
  assert.throws(() => verpAddress(long, "bounces@bounce.example.net", SECRET), /over SMTP's 253/);
});

test("an internationalised domain travels in its ASCII form, and is the same recipient back", () => {
  const a = verpAddress("anna@müller.de", "bounces@bounce.example.net", SECRET);
  assert.match(a, /^bounces\+anna=xn--mller-kva\.de\+[0-9a-f]{16}@bounce\.example\.net$/);
  assert.equal(decodeVerp(a, SECRET), "anna@xn--mller-kva.de");
  assert.equal(verpAddress("anna@xn--mller-kva.de", "bounces@bounce.example.net", SECRET), a);
});
