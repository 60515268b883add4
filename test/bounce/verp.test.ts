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

test("verpAddress refuses what is no address", () => {
  assert.throws(() => verpAddress("not an address", "bounces@bounce.example.net"), RangeError);
  assert.throws(() => verpAddress("jane@nodot", "bounces@bounce.example.net"), RangeError);
  assert.throws(() => verpAddress("jane@example.com", "bounce.example.net"), RangeError);
  assert.throws(() => verpAddress("jane@example.com", "bounces+x@bounce.example.net"), RangeError);
});
