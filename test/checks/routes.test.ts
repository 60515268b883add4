// POST /v1/checks/*: the same checks over HTTP, against the fixture DNS server.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { checksRoutes } from "../../src/server/checks-routes.js";
import { DEFAULT_POLICY, Store } from "../../src/store/store.js";
import { type DnsServer, startDnsServer } from "../support/dns-server.js";
import { ZONES } from "./fixtures.js";

let server: DnsServer;
let app: FastifyInstance;
let store: Store;
const dir = mkdtempSync(join(tmpdir(), "diagnosa-checks-"));
before(async () => {
  server = await startDnsServer(ZONES);
  store = await Store.open(join(dir, "db.sqlite"), DEFAULT_POLICY);
  app = await buildApp({ store, auth: false, plugins: [checksRoutes({ servers: [server.address] })] });
});
after(async () => {
  await app?.close();
  await store?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (body: string) => (JSON.parse(body).findings as { id: string }[]).map((f) => f.id);

test("POST /v1/checks/domain, /ip, /address, /message", async () => {
  const d = await app.inject({
    method: "POST",
    url: "/v1/checks/domain",
    payload: { domain: "spf11.bad.test" },
  });
  assert.equal(d.statusCode, 200, d.body);
  assert.ok(ids(d.body).includes("spf.too_many_lookups") && ids(d.body).includes("dmarc.policy_none"));
  const ip = await app.inject({ method: "POST", url: "/v1/checks/ip", payload: { ip: "192.0.2.66" } });
  assert.ok(ids(ip.body).includes("blocklist.listed"));
  const a = await app.inject({
    method: "POST",
    url: "/v1/checks/address",
    payload: { address: "x@gmial.com" },
  });
  assert.ok(ids(a.body).includes("address.typo"));
  const m = await app.inject({
    method: "POST",
    url: "/v1/checks/message?bulk=true",
    headers: { "content-type": "message/rfc822" },
    payload: "From: a@good.test\r\nTo: b@good.test\r\nSubject: FREE MONEY!!!\r\n\r\nAct now: free money\r\n",
  });
  assert.equal(m.statusCode, 200, m.body);
  assert.ok(
    ids(m.body).includes("content.no_list_unsubscribe") && ids(m.body).includes("content.subject_caps"),
  );
  const bad = await app.inject({ method: "POST", url: "/v1/checks/ip", payload: { ip: "nope" } });
  assert.equal(bad.statusCode, 400);
  // A body that is no email (no header block) is refused as the CLI refuses it.
  const noise = await app.inject({
    method: "POST",
    url: "/v1/checks/message",
    headers: { "content-type": "message/rfc822" },
    payload: "just some words\n\nmore",
  });
  assert.equal(noise.statusCode, 400, noise.body);
  // A byte order mark before the headers is accepted, as the CLI accepts it.
  const bom = await app.inject({
    method: "POST",
    url: "/v1/checks/message",
    headers: { "content-type": "message/rfc822" },
    payload: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("From: a@good.test\r\nSubject: hi\r\n\r\nHello\r\n"),
    ]),
  });
  assert.equal(bom.statusCode, 200, bom.body);
  assert.equal(JSON.parse(bom.body).kind, "message");
  assert.match(
    JSON.parse(noise.body).error.message,
    /not an email message: it does not start with a header block/,
  );
});

test("POST /v1/checks/*: a target that is not a domain name, an IP or a DKIM selector is a 400 naming the field", async () => {
  const refused = async (url: string, payload: object, field: RegExp) => {
    const r = await app.inject({ method: "POST", url, payload });
    assert.equal(r.statusCode, 400, `${JSON.stringify(payload)}: ${r.body}`);
    const body = JSON.parse(r.body);
    assert.deepEqual(Object.keys(body), ["error"]);
    assert.equal(body.error.code, "invalid_request");
    assert.match(body.error.message, field);
    assert.doesNotMatch(body.error.message, /resolver|EBADNAME/);
  };
  for (const domain of [
    "a..b",
    `${"a".repeat(80)}.com`,
    "1.2.3.4",
    "%%%.com",
    "a\u0000b.com",
    "a_b.com",
    "nodot",
  ])
    await refused("/v1/checks/domain", { domain }, /^body\.domain must be a domain name/);
  await refused("/v1/checks/ip", { ip: "fe80::1%eth0" }, /^body\.ip must be an IPv4 or IPv6 address/);
  await refused(
    "/v1/checks/domain",
    { domain: "spf11.bad.test", dkimSelectors: ["s1", ""] },
    /^body\.dkimSelectors\[1\] must be a DKIM selector/,
  );
  // Internationalised names and real selectors are still checked.
  for (const payload of [{ domain: "bücher.test" }, { domain: "spf11.bad.test.", dkimSelectors: ["s1"] }]) {
    const r = await app.inject({ method: "POST", url: "/v1/checks/domain", payload });
    assert.equal(r.statusCode, 200, r.body);
  }
});
