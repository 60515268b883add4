// What the entity reader takes from a reply and what it turns down (src/classify/entities.ts):
// each case is a shape real replies carry.
import assert from "node:assert/strict";
import { test } from "node:test";
import { diagnose } from "../../src/index.js";

const none = { ips: [], domains: [], urls: [], addresses: [] };
const cases: Array<[string, Partial<Record<"ips" | "domains" | "urls" | "addresses", string[]>>]> = [
  [
    "550 5.1.1 <Jane.Doe@Example.COM>: Recipient address rejected",
    {
      addresses: ["Jane.Doe@example.com"],
      domains: ["example.com"],
    },
  ],
  [
    "host mx1.example.net[192.0.2.17] said: 550 5.7.1 rejected",
    {
      ips: ["192.0.2.17"],
      domains: ["mx1.example.net"],
    },
  ],
  ["Remote host said: [IPv6:2001:db8::25] refused", { ips: ["2001:db8::25"] }],
  ["status 5.1.1 and 4.7.0, code 550", {}],
  ["STOREDRV.Deliver; recipient not found", {}],
  ["bad IPs 256.1.1.1 01.2.3.4 1.2.3 but 10.0.0.255 is one", { ips: ["10.0.0.255"] }],
  ["two ats a@b@example.com", {}],
  ["said: 550 user unknown; error: no such user", {}],
  ["see example.org. Or smtp:relay.example.io: refused", { domains: ["example.org", "relay.example.io"] }],
  [
    "visit https://www.example.com/help?id=1. thanks",
    {
      urls: ["https://www.example.com/help?id=1"],
      domains: ["www.example.com"],
    },
  ],
  [`label too long ${"a".repeat(64)}.example.com`, {}],
  [`local part too long ${"b".repeat(65)}@example.com`, {}],
  ["nine labels a.b.c.d.e.f.g.h.com but ten a.b.c.d.e.f.g.h.i.com", { domains: ["a.b.c.d.e.f.g.h.com"] }],
  [
    "unknown top-level domain host.example.invalidtld, country code host.example.de",
    {
      domains: ["host.example.de"],
    },
  ],
  ["-leading.example.com and trailing-.example.com", { domains: ["leading.example.com"] }],
  ["time 12:34:56 is not an address", {}],
  // Yahoo writes its own code as a dotted quad between " - " and ";": it is no IP.
  [
    "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    {
      ips: ["192.0.2.1"],
      domains: ["postmaster.yahooinc.com"],
      urls: ["https://postmaster.yahooinc.com/error-codes"],
    },
  ],
  ["rejected - 198.51.100.7 is listed; see the list", { ips: ["198.51.100.7"] }],
  // A DNSBL's answer code (127.0.0.0/8) is no address of the sender; nor is the receiver's resolver
  // that URIBL names when it refuses its queries.
  [
    "554 5.7.1 ACL dns_rbl; Client host [192.0.2.44] blocked using sa-ip4tset.blagr.emailsrvr.com=127.24.0.2 Spamhaus XBL",
    { ips: ["192.0.2.44"] },
  ],
  [
    "554 5.7.1 Service unavailable; Client host [mail.example.com] blocked using multi.uribl.com; 127.0.0.1 -> Query Refused. See http://uribl.com/refused.shtml for more information [Your DNS IP: 192.0.2.53]",
    {
      domains: ["mail.example.com", "multi.uribl.com", "uribl.com"],
      urls: ["http://uribl.com/refused.shtml"],
    },
  ],
  ["host localhost[127.0.0.1] said: 451 try later; also [IPv6:::1]", {}],
  ["your DNS server 192.0.2.53 timed out", { ips: ["192.0.2.53"] }],
];

for (const [text, want] of cases) {
  test(`entities of ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)}`, () => {
    const e = diagnose(text, { lang: "none" }).entities;
    assert.deepEqual(
      { ips: e.ips, domains: e.domains, urls: e.urls, addresses: e.addresses },
      { ...none, ...want },
    );
  });
}

test("entities past the first 16 KB are not read", () => {
  const e = diagnose(`${"x ".repeat(9000)} blocked 192.0.2.1`, { lang: "none" }).entities;
  assert.deepEqual(e.ips, []);
});

test("an IP written as a value (ip=, LastAttemptedIP=) or with a port is found", () => {
  assert.deepEqual(
    diagnose("554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1").entities.ips,
    ["192.0.2.1"],
  );
  assert.deepEqual(diagnose("450 4.4.0 timed out [LastAttemptedIP=203.0.113.5]").entities.ips, [
    "203.0.113.5",
  ]);
  assert.deepEqual(diagnose("connect to 203.0.113.7:25: Connection refused").entities.ips, ["203.0.113.7"]);
  assert.deepEqual(diagnose("550 5.7.1 rejected; smtp.client-ip=192.0.2.9;").entities.ips, ["192.0.2.9"]);
  assert.deepEqual(diagnose("550 5.7.1 blocked ip:192.0.2.1").entities.ips, ["192.0.2.1"]);
  // A port on something that is not an address, and five parts, are not IPs.
  assert.deepEqual(diagnose("550 5.1.1 see 1.2.3.4.5 and 300.1.1.1:25").entities.ips, []);
});

test("URLs are read where the scan saw them start, however many there are", () => {
  // Upper case, one URL inside another's query, sentence punctuation after it.
  assert.deepEqual(
    diagnose("550 See HTTP://Example.com/a?next=http://b.example.org/x. Or www.example.net!").entities.urls,
    ["HTTP://Example.com/a?next=http://b.example.org/x", "www.example.net"],
  );
  // More places than the engine keeps (64): the reader then looks everywhere; a list keeps 20.
  const many = Array.from({ length: 70 }, (_, i) => `http://h${i}.example.com/`).join(" ");
  const urls = diagnose(`550 blocked, see ${many}`).entities.urls;
  assert.equal(urls.length, 20);
  assert.deepEqual(urls.slice(0, 2), ["http://h0.example.com/", "http://h1.example.com/"]);
  // "http" that starts no URL.
  assert.deepEqual(diagnose("550 httpd refused; http:/broken").entities.urls, []);
});
