// The shared validator of check targets (src/checks/targets.ts), used by the CLI and the HTTP routes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { domainNameProblem, isDkimSelector, isDomainName, isIpAddress } from "../../src/checks/targets.js";

test("domain names: DNS labels, two at least, IDNs by their punycode; IPs and junk refused", () => {
  for (const ok of [
    "example.com",
    "EXAMPLE.COM",
    "example.com.",
    "spf11.bad.test",
    "a-b.c-d.co.id",
    `${"a".repeat(63)}.com`,
    "bücher.de",
    "xn--bcher-kva.de",
    "例子.中国",
  ])
    assert.equal(domainNameProblem(ok), null, ok);
  for (const [bad, why] of [
    ["a..b", /empty label/],
    [`${"a".repeat(80)}.com`, /80 characters long, more than 63/],
    [`${"a.".repeat(127)}com`, /more than 253/],
    ["1.2.3.4", /IP address/],
    ["::1", /IP address/],
    ["x.123", /ends in a number/],
    ["%%%.com", /characters not allowed/],
    ["a\u0000b.com", /characters not allowed/],
    ["a%2eb.com", /characters not allowed/],
    ["a/b.com", /characters not allowed/],
    ["a b.com", /characters not allowed/],
    ["a_b.com", /characters not allowed/],
    ["-a.com", /hyphen/],
    ["a-.com", /hyphen/],
    ["xn--zz.com", /internationalised/],
    ["a\u00a0b.com", /internationalised/],
    ["exa\u200bmple.com", /invisible characters/],
    ["exa\u00admple.com", /invisible characters/],
    ["nodot", /single label/],
    ["", /empty/],
  ] as const) {
    const problem = domainNameProblem(bad);
    assert.match(problem?.en ?? "accepted", why, JSON.stringify(bad));
    // The CLI says it in Indonesian too.
    assert.ok(problem?.id && problem.id !== problem.en, JSON.stringify(bad));
    assert.equal(isDomainName(bad), false, JSON.stringify(bad));
  }
});

test("IP addresses: node's, without a zone id, whitespace around allowed (CLI and API alike)", () => {
  for (const ok of [
    "192.0.2.1",
    "2001:db8::1",
    "::ffff:192.0.2.1",
    "fe80::1",
    " 192.0.2.1\n",
    "\t2001:db8::1 ",
  ])
    assert.ok(isIpAddress(ok), ok);
  for (const bad of ["fe80::1%eth0", "fe80::1%1", "nope", "192.0.2", "", " ", "192.0.2.1 x"])
    assert.ok(!isIpAddress(bad), bad);
});

test("DKIM selectors: dot-separated labels of 1-63 letters, digits, _ or -", () => {
  for (const ok of ["s1", "selector1", "S1-2020", "k1.sub", "sel_1"]) assert.ok(isDkimSelector(ok), ok);
  for (const bad of ["", ".", "a..b", "s1.", "a b", "s/1", "s1%", "x".repeat(64)])
    assert.ok(!isDkimSelector(bad), JSON.stringify(bad));
});
