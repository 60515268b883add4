// The dashboard in a real headless Chromium (Debian's `chromium`, driven by playwright-core) against
// `diagnosa serve` on a temporary SQLite file with seeded events. scripts/setup-chromium.sh (run by
// the README's test command) installs the browser when it is missing.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { CATEGORIES } from "../../src/catalog/categories.js";
import { classifyEvent, type DeliveryEvent } from "../../src/ingest/event.js";
import type { Running } from "../../src/server/serve.js";
import { NOT_BOUNCE, POSTFIX_DSN, VACATION } from "../bounce/fixtures.js";
import { startTestServer } from "../support/server.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";
import { seedEvents, steadyEvents } from "./seed.js";

const OUT = fileURLToPath(new URL("../../../test-output/", import.meta.url));

// The functions passed to page.evaluate run in the browser; the project compiles for Node (no DOM
// library), so the few browser globals they use are declared loosely here.
// biome-ignore lint/suspicious/noExplicitAny: browser globals, only typed enough to compile
type Dom = any;
declare const document: Dom;
declare const window: Dom;
declare const sessionStorage: Dom;
declare const DataTransfer: Dom;
declare const DragEvent: Dom;
declare const File: Dom;
type HTMLElement = { dataset: Record<string, string | undefined>; textContent: string | null };

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: run scripts/setup-chromium.sh`;

/** A service with auth on a fresh SQLite file, no SMTP; its URL and an API key named `name`. */
async function startDashboardServer(name: string): Promise<{ s: Running; base: string; key: string }> {
  const dir = mkdtempSync(join(tmpdir(), `diagnosa-${name}-`));
  const s = await startTestServer(join(dir, "web.sqlite"), {
    bounceDomains: [],
    maxEmailBytes: 1 << 20,
    webhookSecrets: {},
  });
  return { s, base: `http://127.0.0.1:${s.httpPort}`, key: (await s.store.createApiKey(name)).key };
}

/** Waits for a load after the `after`-th to be drawn; the number of the one drawn. */
async function ready(p: Page, after = 0): Promise<number> {
  await p.waitForFunction(
    (n) => {
      const m = document.getElementById("main")!;
      return m.dataset.state === "ready" && Number(m.dataset.render) > n;
    },
    after,
    { timeout: 15_000 },
  );
  return Number(await p.getAttribute("#main", "data-render"));
}
const rendered = (p: Page) => p.getAttribute("#main", "data-render").then(Number);
const figure = (p: Page, name: string) =>
  p.textContent(`[data-figure="${name}"] .figure-value`).then((t) => t ?? "");
/** Text with its white space (the narrow no-break space before "AM", …) made plain spaces. */
const plain = (t: string | null) => (t ?? "").replace(/\s+/g, " ").trim();

describe("dashboard in Chromium", { skip }, () => {
  let s: Running;
  let base: string;
  let key: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  const tableRows = (p: Page) =>
    p.$$eval("#class-table tbody tr.group-row", (rows) =>
      rows.map((r) =>
        Array.from(r.querySelectorAll("td") as ArrayLike<HTMLElement>, (td) => td.textContent ?? "").join(
          "|",
        ),
      ),
    );

  before(async () => {
    ({ s, base, key } = await startDashboardServer("web-test"));
    // Two months: the default 30 days and the 30 before them, which the figures compare with.
    await s.store.insertEvents(seedEvents(700, 60));
    // playwright-core starts the browser on a fresh temporary --user-data-dir of its own (and
    // refuses one in args); it is removed when the browser closes.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    context.on("request", (r) => requests.push(r.url()));
    page = await context.newPage();
    mkdirSync(OUT, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  test("the page and its assets need no key; the API still does", async () => {
    const r = await fetch(`${base}/`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type") ?? "", /text\/html/);
    assert.match(r.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    assert.equal((await fetch(`${base}/ui/app.js`)).status, 200);
    assert.equal((await fetch(`${base}/ui/nothing.js`)).status, 404);
    assert.equal((await fetch(`${base}/ui/..%2f..%2fpackage.json`)).status, 404);
    assert.equal((await fetch(`${base}/v1/dashboard/facets`)).status, 401);
    assert.equal((await fetch(`${base}/v1/stats`)).status, 401);
  });

  test("the page loads, asks for the API key and shows figures, charts and the table", async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector("#login:not([hidden])");
    // Without a key, the sections' links and "Forget API key" are hidden, out of the tab order too.
    assert.equal(await page.isVisible("#sections"), false);
    assert.equal(await page.isVisible("#signout"), false);
    await page.fill("#api-key", "dk_0.wrong");
    await page.click("#login-form button[type=submit]");
    await page.waitForFunction(() => document.getElementById("login-error")!.textContent !== "");
    await page.fill("#api-key", key);
    await page.press("#api-key", "Enter");
    await ready(page);
    assert.equal(await page.isVisible("#login"), false);
    assert.ok(Number((await figure(page, "sent")).replace(/\D/g, "")) > 0);
    assert.ok((await tableRows(page)).length >= 5);
    assert.ok((await page.$$("#chart-timeline svg rect")).length > 10);
    assert.ok((await page.$$("#chart-providers svg rect")).length >= 2);
    // The key lives in the session: a reload does not ask again.
    assert.equal(await page.evaluate(() => sessionStorage.getItem("diagnosa.apiKey")), key);
    await page.reload();
    await ready(page);
    assert.equal(await page.isVisible("#login"), false);
  });

  test("a filter changes the figures and the table, and is kept in the URL", async () => {
    const sentAll = await figure(page, "sent");
    const rowsAll = await tableRows(page);
    let n = Number(await page.getAttribute("#main", "data-render"));
    await page.selectOption("#f-domain", "shop.example.org");
    n = await ready(page, n);
    assert.match(page.url(), /domain=shop\.example\.org/);
    assert.notEqual(await figure(page, "sent"), sentAll);
    assert.notDeepEqual(await tableRows(page), rowsAll);

    await page.selectOption("#f-category", "invalid_address");
    n = await ready(page, n);
    const rows = await tableRows(page);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.match(r, /^Invalid Address\|/);

    // A shared URL opens the same view (in another tab: the key is per tab session, asked again).
    const shared = await context.newPage();
    await shared.goto(page.url());
    await shared.fill("#api-key", key);
    await shared.press("#api-key", "Enter");
    await ready(shared);
    assert.equal(await shared.inputValue("#f-domain"), "shop.example.org");
    assert.deepEqual(await tableRows(shared), rows);
    await shared.close();

    await page.click("#f-reset");
    await ready(page, n);
    assert.equal(await figure(page, "sent"), sentAll);
  });

  test("a failed load dims what it did not replace, says so in both languages, and tries again", async () => {
    const sentAll = await figure(page, "sent");
    const rowsAll = await tableRows(page);
    await page.route("**/v1/stats?**", (r) =>
      r.fulfill({ status: 500, json: { error: { code: "internal", message: "database unavailable" } } }),
    );
    await page.selectOption("#f-domain", "billing.example.org");
    await page.waitForFunction(() => document.getElementById("main")!.dataset.state === "error");
    assert.match(page.url(), /domain=billing\.example\.org/);
    assert.equal(plain(await page.textContent("#status")), "Could not load: database unavailable");
    // The figures, chart and table of all domains are still there, under the new filter: marked.
    assert.equal(await figure(page, "sent"), sentAll);
    assert.deepEqual(await tableRows(page), rowsAll);
    for (const id of ["overview", "charts", "classification"]) {
      assert.match((await page.getAttribute(`#${id}`, "class")) ?? "", /\bstale\b/, id);
      assert.equal(await page.getAttribute(`#${id}`, "aria-describedby"), "stale-text");
    }
    assert.equal(await page.isVisible("#stale-text"), true);
    assert.match(plain(await page.textContent("#stale-text")), /^Not updated: .*previous selection/);
    await page.selectOption("#lang", "id");
    assert.match(plain(await page.textContent("#stale-text")), /^Belum diperbarui: /);
    assert.equal(plain(await page.textContent("#status")), "Gagal memuat: database unavailable");
    assert.equal(plain(await page.textContent("#retry")), "Coba lagi");
    await page.selectOption("#lang", "en");
    assert.equal(plain(await page.textContent("#status")), "Could not load: database unavailable");

    // No answer at all (the server gone): the page's own words, in its language.
    await page.unroute("**/v1/stats?**");
    await page.route("**/v1/stats?**", (r) => r.abort("connectionrefused"));
    await page.click("#retry");
    await page.waitForFunction(() => /reached/.test(document.getElementById("status")!.textContent ?? ""));
    assert.equal(
      plain(await page.textContent("#status")),
      "Could not load: the service cannot be reached (network or server down)",
    );
    await page.selectOption("#lang", "id");
    assert.equal(
      plain(await page.textContent("#status")),
      "Gagal memuat: layanan tidak dapat dihubungi (jaringan atau server mati)",
    );
    await page.selectOption("#lang", "en");

    await page.unroute("**/v1/stats?**");
    let n = await rendered(page);
    await page.click("#retry");
    n = await ready(page, n);
    assert.equal(await page.isVisible("#stale"), false);
    assert.equal(await page.$$eval(".stale", (x) => x.length), 0);
    assert.notEqual(await figure(page, "sent"), sentAll);
    await page.click("#f-reset");
    await ready(page, n);
  });

  test("a rate the API cannot give under a failures-only filter is a dash, with why, and no change", async () => {
    // What the API answers under a category filter: no rates (deliveries have no category).
    await page.route("**/v1/stats?**", async (r) => {
      const res = await r.fetch();
      const body = await res.json();
      body.totals.deliveryRate = null;
      body.totals.permanentBounceRate = null;
      await r.fulfill({ response: res, json: body });
    });
    let n = await rendered(page);
    await page.selectOption("#f-category", "invalid_address");
    n = await ready(page, n);
    const why = "rates need all messages; this filter only selects failures";
    for (const name of ["deliveryRate", "permanentBounceRate"]) {
      const card = `[data-figure="${name}"]`;
      assert.equal(await figure(page, name), "—", name);
      assert.equal(await page.getAttribute(card, "title"), why);
      assert.equal(plain(await page.textContent(`${card} .figure-change`)), why);
    }
    assert.equal(await page.$('[data-figure="permanentBounces"] .figure-sub'), null, "no “— of sent”");
    // Sent and delivered are not among failures either: a dash too, not the failures counted as sent.
    for (const name of ["sent", "delivered"]) {
      assert.equal(await figure(page, name), "—", name);
      assert.equal(
        plain(await page.textContent(`[data-figure="${name}"] .figure-change`)),
        "needs all messages; this filter only selects failures",
      );
    }
    await page.selectOption("#lang", "id");
    assert.equal(
      plain(await page.textContent('[data-figure="deliveryRate"] .figure-change')),
      "tingkat memerlukan semua pesan; filter ini hanya memilih kegagalan",
    );
    await page.selectOption("#lang", "en");
    await page.unroute("**/v1/stats?**");
    await page.click("#f-reset");
    await ready(page, n);
    assert.match(await figure(page, "deliveryRate"), /^\d+\.\d%$/);
  });

  test("the provider menu can select the failures no known provider answered", async () => {
    let n = await rendered(page);
    await page.selectOption("#f-provider", "none");
    n = await ready(page, n);
    assert.match(page.url(), /provider=none/);
    const rows = await tableRows(page);
    assert.ok(rows.length > 0);
    // Category | code | status | provider | …: every group is the unknown provider's.
    assert.ok(
      rows.every((r) => r.split("|")[3] === "other / unknown"),
      rows.join("\n"),
    );
    const stats = await (
      await fetch(`${base}/v1/stats?provider=none&groupBy=provider`, {
        headers: { authorization: `Bearer ${key}` },
      })
    ).json();
    assert.deepEqual(
      [...new Set((stats as { groups: { provider: string | null }[] }).groups.map((g) => g.provider))],
      [null],
    );
    await page.click("#f-reset");
    await ready(page, n);
  });

  test("a count that was none in the previous period is a rise, not 'no data'", async () => {
    // The previous period had mail but no complaints; this one has some.
    await page.route("**/v1/stats?**", async (r) => {
      const res = await r.fetch();
      const body = await res.json();
      const to = Date.parse(new URL(r.request().url()).searchParams.get("to") ?? "");
      const previous = to < Date.now() - 86_400_000;
      body.totals.complaints = previous ? 0 : 5;
      await r.fulfill({ response: res, json: body });
    });
    const n = await rendered(page);
    await page.click("#f-reset");
    await ready(page, n);
    const card = '[data-figure="complaints"] .figure-change';
    assert.equal(plain(await page.textContent(card)), "▲ up from none in the previous period");
    assert.match((await page.getAttribute(card, "class")) ?? "", /\bbad\b/);
    await page.unroute("**/v1/stats?**");
  });

  test("the table sorts, and a row opens its tips in both languages, examples and checks", async () => {
    await page.click('#class-table th button[data-sort="statusCode"]');
    assert.equal(
      await page.getAttribute('#class-table th:has(button[data-sort="statusCode"])', "aria-sort"),
      "ascending",
    );
    await page.click('#class-table th button[data-sort="count"]');
    assert.equal(
      await page.getAttribute('#class-table th:has(button[data-sort="count"])', "aria-sort"),
      "descending",
    );
    await page.click('#class-table th button[data-sort="count"]');
    assert.match(page.url(), /sort=count&dir=asc/);
    const counts = await page.$$eval("#class-table tbody tr td.num:nth-child(6)", (tds) =>
      tds.map((td) => Number((td.textContent ?? "").replace(/\D/g, ""))),
    );
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => a - b),
    );
    // Keyboard: the row's button opens the detail with Enter, Escape closes it.
    const row = page.locator("#class-table tbody tr.group-row", { hasText: "Invalid Address" }).first();
    await row.locator("button").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#detail[open] #detail-examples");
    const en = await page.$$eval("#detail-tips li", (li) => li.map((x) => x.textContent));
    assert.deepEqual(en, CATEGORIES.invalid_address.tips.en);
    await page.click('#detail [data-tips-lang="id"]');
    const id = await page.$$eval("#detail-tips li", (li) => li.map((x) => x.textContent));
    assert.deepEqual(id, CATEGORIES.invalid_address.tips.id);
    assert.equal(await page.getAttribute("#detail-tips", "lang"), "id");
    const examples = await page.$$eval("#detail-examples li", (li) => li.map((x) => x.textContent ?? ""));
    assert.ok(examples.length > 0, "recent responses shown");
    assert.ok(
      examples.every((e) => /@example\d+\.com/.test(e)),
      "with their recipients",
    );
    const checks = await page.$$eval("#detail-checks li", (li) =>
      li.map((x) => (x as HTMLElement).dataset.check),
    );
    assert.deepEqual(checks, [...CATEGORIES.invalid_address.checks]);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#detail:not([open])", { state: "attached" });
  });

  test("the diagnose box answers a pasted reply and a dropped .eml", async () => {
    await page.fill("#reply", "550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown");
    await page.click("#diagnose-form button[type=submit]");
    await page.waitForSelector('#diagnose-result .diagnosis[data-category="invalid_address"]');
    assert.match((await page.textContent("#diagnose-result mark")) ?? "", /User unknown/i);
    assert.ok((await page.$$("#diagnose-result .tips li")).length > 0);

    // A real drop: a DataTransfer carrying the file, dispatched on the drop zone.
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "bounce.eml", { type: "message/rfc822" }));
      const zone = document.getElementById("drop")!;
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, POSTFIX_DSN);
    await page.waitForSelector("#diagnose-result .report");
    const cats = await page.$$eval("#diagnose-result .diagnosis", (d) =>
      d.map((x) => (x as HTMLElement).dataset.category),
    );
    assert.deepEqual(cats, ["invalid_address", "inbox_full"]);

    // And the file chooser.
    await page.setInputFiles("#eml", {
      name: "again.eml",
      mimeType: "message/rfc822",
      buffer: Buffer.from(POSTFIX_DSN),
    });
    await page.waitForSelector("#diagnose-result .report h3:has-text('again.eml')");
    // An auto-reply has no failed recipient: no diagnosis card, its kind in words.
    await page.setInputFiles("#eml", {
      name: "ooo.eml",
      mimeType: "message/rfc822",
      buffer: Buffer.from(VACATION),
    });
    await page.waitForSelector("#diagnose-result .report h3:has-text('ooo.eml')");
    assert.equal((await page.$$("#diagnose-result .diagnosis")).length, 0);
    assert.match(plain(await page.textContent("#diagnose-result .report")), /automatic reply/);
    // Its kind is said once, in the list, not again in brackets ("not a bounce (not a bounce)").
    await page.setInputFiles("#eml", {
      name: "plain.eml",
      mimeType: "message/rfc822",
      buffer: Buffer.from(NOT_BOUNCE),
    });
    await page.waitForSelector("#diagnose-result .report h3:has-text('plain.eml')");
    assert.equal(
      plain(await page.textContent("#diagnose-result .report p")),
      "No failed recipients found in this message.",
    );
    assert.equal(
      (plain(await page.textContent("#diagnose-result .report")).match(/not a bounce/g) ?? []).length,
      1,
    );
    // An empty file is said to be one, not with the API's words about request bodies.
    await page.setInputFiles("#eml", {
      name: "empty.eml",
      mimeType: "message/rfc822",
      buffer: Buffer.alloc(0),
    });
    await page.waitForSelector("#diagnose-result .error");
    assert.equal(
      plain(await page.textContent("#diagnose-result")),
      "empty.eml is empty: choose a bounce email (.eml).",
    );
    // A failure is a failure to diagnose, and is said again in the language switched to.
    await page.route("**/v1/diagnose", (r) =>
      r.fulfill({ status: 500, json: { error: { code: "internal", message: "rules not loaded" } } }),
    );
    await page.fill("#reply", "550 5.1.1 User unknown");
    await page.click("#diagnose-form button[type=submit]");
    await page.waitForFunction(() =>
      /rules/.test(document.getElementById("diagnose-result")!.textContent ?? ""),
    );
    assert.equal(plain(await page.textContent("#diagnose-result")), "Could not diagnose: rules not loaded");
    await page.selectOption("#lang", "id");
    assert.equal(plain(await page.textContent("#diagnose-result")), "Gagal mendiagnosis: rules not loaded");
    await page.selectOption("#lang", "en");
    await page.unroute("**/v1/diagnose");
    // Nothing was stored by either.
    assert.equal((await s.store.listEvents({ limit: 10, recipient: "jane@example.com" })).items.length, 0);
  });

  test("a suppression is removed after confirmation", async () => {
    await page.waitForSelector("#supp-table tbody tr[data-address]");
    const address = (await page.getAttribute("#supp-table tbody tr[data-address]", "data-address"))!;
    assert.ok(await s.store.getSuppression(address));
    const removeButton = `#supp-table tbody tr[data-address="${address}"] button`;
    // Cancel first: nothing happens.
    await page.click(removeButton);
    await page.waitForSelector("#confirm[open]");
    assert.match((await page.textContent("#confirm-text")) ?? "", new RegExp(address.replace(/\./g, "\\.")));
    await page.click("#confirm-cancel");
    await page.waitForSelector("#confirm:not([open])", { state: "attached" });
    assert.ok(await s.store.getSuppression(address));
    // A removal the API refuses says so (it is not a failure to load).
    const deletes = "**/v1/suppressions/*";
    await page.route(deletes, (r) =>
      r.request().method() === "DELETE"
        ? r.fulfill({ status: 500, json: { error: { code: "internal", message: "disk full" } } })
        : r.continue(),
    );
    await page.click(removeButton);
    await page.click("#confirm-ok");
    await page.waitForFunction(() => document.getElementById("supp-status")!.textContent !== "");
    assert.equal(plain(await page.textContent("#supp-status")), `Could not remove ${address}: disk full`);
    assert.ok(await page.$(removeButton));
    // Said again in the language switched to.
    await page.selectOption("#lang", "id");
    assert.equal(plain(await page.textContent("#supp-status")), `Gagal menghapus ${address}: disk full`);
    await page.selectOption("#lang", "en");
    assert.equal(plain(await page.textContent("#supp-status")), `Could not remove ${address}: disk full`);
    await page.unroute(deletes);
    // Then remove.
    await page.click(removeButton);
    await page.click("#confirm-ok");
    await page.waitForSelector(`#supp-table tbody tr[data-address="${address}"]`, { state: "detached" });
    assert.equal(await s.store.getSuppression(address), null);
    // Search.
    await page.fill("#supp-q", "example1");
    await page.press("#supp-q", "Enter");
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll("#supp-table tbody tr[data-address]")).every((r) =>
        (r as HTMLElement).dataset.address!.includes("example1"),
      ),
    );
  });

  test("the whole page switches to Indonesian, with numbers and dates for it", async () => {
    await page.selectOption("#lang", "id");
    assert.equal(await page.textContent("h1"), "Klasifikasi Bounce");
    assert.equal(await page.getAttribute("html", "lang"), "id");
    assert.equal(await page.textContent('[data-figure="sent"] .figure-label'), "Terkirim");
    assert.match(
      (await page.textContent("#period")) ?? "",
      /(Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)/,
    );
    const share = (await page.textContent("#class-table tbody tr td.num:nth-child(7)")) ?? "";
    assert.match(share, /\d,\d\s?%/, "Indonesian decimal comma");
    assert.match((await page.textContent("#class-table thead")) ?? "", /Kategori/);
    // Complaint and hand-made suppressions are named in Indonesian too, not by their raw ids.
    await s.store.addSuppression("by-hand@example.org", "list cleaning", null, null);
    await page.fill("#supp-q", "");
    await page.press("#supp-q", "Enter");
    await page.waitForSelector('#supp-table tbody tr[data-address="by-hand@example.org"]');
    const kinds = await page.$$eval("#supp-table tbody tr[data-address] td:nth-child(2)", (cells) =>
      cells.map((c) => (c.childNodes[0]?.textContent ?? "").trim()),
    );
    assert.ok(kinds.includes("Ditambahkan manual"), kinds.join("; "));
    assert.ok(kinds.includes("Keluhan"), kinds.join("; "));
    // The provider chart names "other / unknown" whole in Indonesian too (it was cut to "tidak d…").
    const names = await page.$$eval("#chart-providers svg text.label", (ts) => ts.map((t) => t.textContent));
    assert.ok(names.includes("lainnya / tidak diketahui"), names.join("; "));
    assert.ok(!kinds.some((k) => k === "complaint" || k === "manual"), kinds.join("; "));
    // The choice is remembered; the browser's language decides the first time.
    await page.reload();
    await ready(page);
    assert.equal(await page.textContent("h1"), "Klasifikasi Bounce");
    const fresh = await browser.newContext({ locale: "id-ID" });
    fresh.on("request", (r) => requests.push(r.url()));
    const p = await fresh.newPage();
    await p.goto(`${base}/`);
    await p.waitForSelector("#login:not([hidden])");
    assert.equal(await p.textContent("h1"), "Klasifikasi Bounce");
    await fresh.close();
    await page.selectOption("#lang", "en");
  });

  test("a start-up request that failed is asked again by Try again", async () => {
    const p = await context.newPage();
    await p.addInitScript((k) => sessionStorage.setItem("diagnosa.apiKey", k), key);
    let failures = 1;
    await p.route("**/v1/dashboard/facets", (r) =>
      failures-- > 0
        ? r.fulfill({ status: 503, json: { error: { code: "unavailable", message: "shutting down" } } })
        : r.continue(),
    );
    await p.goto(`${base}/`);
    await p.waitForFunction(() => document.getElementById("main")!.dataset.state === "error");
    assert.equal(plain(await p.textContent("#status")), "Could not load: shutting down");
    await p.click("#retry");
    await ready(p);
    const domains = await p.$$eval("#f-domain option", (o) => o.map((x) => x.textContent));
    assert.ok(domains.includes("shop.example.org"), domains.join(", "));
    assert.ok((await tableRows(p)).length >= 5);
    await p.close();
  });

  test("a sign-in that fails for another reason than the key says why, in the page's language", async () => {
    const p = await context.newPage();
    const catalog = "**/v1/catalog";
    // No answer to the first request (is a key needed?): the form, with why.
    await p.route(catalog, (r) => r.abort("connectionrefused"));
    await p.goto(`${base}/`);
    await p.waitForSelector("#login:not([hidden])");
    const unreachable = "Could not sign in: the service cannot be reached (network or server down)";
    assert.equal(plain(await p.textContent("#login-error")), unreachable);
    await p.selectOption("#lang", "id");
    assert.equal(
      plain(await p.textContent("#login-error")),
      "Gagal masuk: layanan tidak dapat dihubungi (jaringan atau server mati)",
    );
    await p.selectOption("#lang", "en");
    // Nor to the sign-in.
    await p.fill("#api-key", key);
    await p.click("#login-form button[type=submit]");
    // (The page is on the form already: wait for the answer's words, which the submit first clears.)
    await p.waitForFunction(() => /reached/.test(document.getElementById("login-error")!.textContent ?? ""));
    assert.equal(await p.evaluate(() => document.getElementById("main")!.dataset.state), "login");
    assert.equal(plain(await p.textContent("#login-error")), unreachable);
    // A server error.
    await p.unroute(catalog);
    await p.route(catalog, (r) =>
      r.fulfill({ status: 500, json: { error: { code: "internal", message: "database is locked" } } }),
    );
    await p.click("#login-form button[type=submit]");
    await p.waitForFunction(() => /locked/.test(document.getElementById("login-error")!.textContent ?? ""));
    assert.equal(plain(await p.textContent("#login-error")), "Could not sign in: database is locked");
    assert.equal(await p.inputValue("#api-key"), key, "the key is kept to try again");
    assert.equal(await p.isVisible("#login"), true);
    // A key refused, then the language switched: said again in Indonesian.
    await p.unroute(catalog);
    await p.fill("#api-key", "dk_0.wrong");
    await p.click("#login-form button[type=submit]");
    await p.waitForFunction(() => /accepted/.test(document.getElementById("login-error")!.textContent ?? ""));
    await p.selectOption("#lang", "id");
    assert.equal(
      plain(await p.textContent("#login-error")),
      "Kunci itu tidak diterima. Periksa lalu coba lagi.",
    );
    await p.selectOption("#lang", "en");
    await p.fill("#api-key", key);
    await p.click("#login-form button[type=submit]");
    await ready(p);
    await p.close();
  });

  test("after a failed load, a switch of language shows the figures as they were loaded", async () => {
    await page.goto(`${base}/`);
    let n = await ready(page);
    const sent = await figure(page, "sent");
    const rate = await figure(page, "deliveryRate");
    assert.match(rate, /^\d+\.\d%$/);
    await page.route("**/v1/stats?**", (r) =>
      r.fulfill({ status: 500, json: { error: { code: "internal", message: "database unavailable" } } }),
    );
    await page.selectOption("#f-category", "invalid_address");
    await page.waitForFunction(() => document.getElementById("main")!.dataset.state === "error");
    await page.selectOption("#lang", "id");
    // All messages' figures, in Indonesian: not the category filter's dashes over them.
    assert.equal((await figure(page, "sent")).replace(/\D/g, ""), sent.replace(/\D/g, ""));
    assert.equal(await figure(page, "deliveryRate"), rate.replace(".", ","));
    await page.selectOption("#lang", "en");
    // A row's responses are asked for with the filters the table was loaded with, not the domain
    // chosen since.
    await page.selectOption("#f-domain", "billing.example.org");
    await page.waitForFunction(() =>
      /unavailable/.test(document.getElementById("status")!.textContent ?? ""),
    );
    const asked: URLSearchParams[] = [];
    const onRequest = (r: { url(): string }) => {
      if (r.url().includes("/v1/events?")) asked.push(new URL(r.url()).searchParams);
    };
    page.on("request", onRequest);
    await page.click("#class-table tbody tr.group-row button");
    await page.waitForSelector("#detail[open] #detail-examples");
    page.off("request", onRequest);
    assert.equal(asked.length, 2);
    for (const q of asked) {
      assert.equal(q.get("sendingDomain"), null);
    }
    await page.keyboard.press("Escape");
    await page.unroute("**/v1/stats?**");
    await page.click("#f-reset");
    n = await ready(page, n);
  });

  test("Back to a URL without a sort shows the default sort", async () => {
    let n = await rendered(page);
    await page.selectOption("#f-domain", "shop.example.org");
    n = await ready(page, n);
    await page.click('#class-table th button[data-sort="provider"]');
    assert.match(page.url(), /domain=shop\.example\.org&sort=provider&dir=asc/);
    await page.goBack();
    n = await ready(page, n);
    assert.doesNotMatch(page.url(), /sort=/);
    assert.equal(
      await page.getAttribute('#class-table th:has(button[data-sort="count"])', "aria-sort"),
      "descending",
    );
    assert.equal(
      await page.getAttribute('#class-table th:has(button[data-sort="provider"])', "aria-sort"),
      null,
    );
  });

  test("an unknown category's detail does not call the failure the recipient's situation", async () => {
    await s.store.insertEvents([
      classifyEvent({
        source: "api",
        sourceId: "unknown-1",
        type: "bounce",
        recipient: "odd@example.com",
        response: "the moon is full",
        timestamp: new Date(Date.now() - 3_600_000).toISOString(),
        sendingDomain: "news.example.org",
      }),
    ]);
    await page.goto(`${base}/`);
    await ready(page);
    await page
      .locator("#class-table tbody tr.group-row", { hasText: /^Unknown/ })
      .first()
      .locator("button")
      .click();
    await page.waitForSelector("#detail[open] #detail-examples");
    const body = plain(await page.textContent("#detail-body"));
    assert.doesNotMatch(body, /recipient's situation/);
    assert.match(body, /No checks known: the reply does not say why the mail failed/);
    await page.keyboard.press("Escape");
  });

  test("screenshots at desktop and phone sizes; the phone layout does not scroll sideways", async () => {
    await page.goto(`${base}/`);
    await ready(page);
    await page.screenshot({ path: join(OUT, "dashboard-desktop.png"), fullPage: true });
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "en-US",
    });
    phone.on("request", (r) => requests.push(r.url()));
    await phone.addInitScript((k) => sessionStorage.setItem("diagnosa.apiKey", k), key);
    const p = await phone.newPage();
    await p.goto(`${base}/`);
    await ready(p);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
    await p.screenshot({ path: join(OUT, "dashboard-phone.png"), fullPage: true });
    await p.click("#class-table tbody tr.group-row button");
    await p.waitForSelector("#detail[open] #detail-examples");
    await p.screenshot({ path: join(OUT, "dashboard-phone-detail.png") });
    await phone.close();
    assert.ok(existsSync(join(OUT, "dashboard-desktop.png")));
    assert.ok(existsSync(join(OUT, "dashboard-phone.png")));
  });

  test("every request the page made went to the service itself", () => {
    assert.ok(requests.length > 20);
    const foreign = requests.filter((u) => !u.startsWith(`${base}/`));
    assert.deepEqual(foreign, []);
  });
});

// The page in the viewer's time zone: a browser in Jakarta (UTC+07:00) over events one minute either
// side of Jakarta's midnight. Each pair lies in one UTC day but in two local days, so the day
// buckets, the period's totals and its comparison with the previous period shown here hold only
// when the page cuts its days at local midnight. Then a browser in Athens whose clock is stopped at
// 01:00 on a day of steady traffic, two years back (out of the way of the events around now).
describe("dashboard in the viewer's time zone (Asia/Jakarta, Europe/Athens)", { skip }, () => {
  const DAY = 86400_000;
  const OFFSET = 7 * 3600_000;
  const ZONE = "Asia/Jakarta";
  let s: Running;
  let base: string;
  let key: string;
  let browser: Browser;
  const requests: string[] = [];
  /** Jakarta's midnight k days before today's, as a UTC instant. */
  let M: (k: number) => number;
  /** 01:00 in Athens (UTC+02:00 then), where the steady traffic stops. */
  const STEADY_NOW = Date.parse("2025-03-10T01:00:00+02:00");

  before(async () => {
    // Not across Jakarta's midnight while the test runs: too close to it, wait until it is past.
    const untilMidnight = DAY - ((Date.now() + OFFSET) % DAY);
    if (untilMidnight < 120_000) await new Promise((r) => setTimeout(r, untilMidnight + 61_000));
    const today = Math.floor((Date.now() + OFFSET) / DAY) * DAY - OFFSET;
    M = (k) => today - k * DAY;
    ({ s, base, key } = await startDashboardServer("web-tz-test"));
    // For k = 0..7: k + 1 bounces in the last minute before the k-th midnight back, 10 + k in the
    // first minute after it.
    const events: DeliveryEvent[] = [];
    for (let k = 0; k <= 7; k++) {
      const at = [
        [M(k) - 60_000, k + 1],
        [M(k) + 60_000, 10 + k],
      ] as const;
      for (const [t, n] of at)
        for (let i = 0; i < n; i++)
          events.push({
            source: "api",
            sourceId: `tz-${t}-${i}`,
            type: "bounce",
            recipient: `tz${k}.${i}@example.com`,
            response: "550 5.1.1 User unknown",
            timestamp: new Date(t).toISOString(),
            sendingDomain: "news.example.org",
          });
    }
    await s.store.insertEvents(events.map(classifyEvent));
    // 14 days of one delivery and one bounce an hour up to STEADY_NOW (a period of 7 days and the
    // one before it): 10 days from Gmail, before that from a host of no known provider.
    await s.store.insertEvents(steadyEvents(STEADY_NOW, 14 * 24, 240));
    // Across a change to or from daylight-saving time: a bounce at noon in Athens on each day of
    // 25–31 March 2026 (summer time from the 29th), and one a day in New York (12:30 in summer,
    // 11:30 in winter) from 16 July 2025 to 15 July 2026, each under a domain of its own.
    const dst = (domain: string, at: number, i: number): DeliveryEvent => ({
      source: "api",
      sourceId: `${domain}-${i}`,
      type: "bounce",
      recipient: `dst${i}@example.com`,
      response: "550 5.1.1 User unknown",
      timestamp: new Date(at).toISOString(),
      sendingDomain: domain,
    });
    const dstEvents: DeliveryEvent[] = [];
    for (let d = 25; d <= 31; d++)
      dstEvents.push(
        dst("athens.example.org", Date.parse(`2026-03-${d}T12:00:00${d < 29 ? "+02:00" : "+03:00"}`), d),
      );
    for (let i = 0; i < 365; i++)
      dstEvents.push(dst("new-york.example.org", Date.parse("2025-07-16T16:30:00Z") + i * DAY, i));
    await s.store.insertEvents(dstEvents.map(classifyEvent));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  test("days, totals and the previous period are Jakarta's, with the zone named", async () => {
    const context = await browser.newContext({ locale: "en-US", timezoneId: ZONE });
    context.on("request", (r) => requests.push(r.url()));
    await context.addInitScript((k) => sessionStorage.setItem("diagnosa.apiKey", k), key);
    const page = await context.newPage();
    await page.goto(`${base}/?range=7d`);
    await page.waitForFunction(() => document.getElementById("main")!.dataset.state === "ready", null, {
      timeout: 15_000,
    });

    // The local day starting at M(k) holds the 10 + k after it and the k bounces before M(k - 1).
    const dayLabel = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short", timeZone: ZONE });
    const expected: Record<string, number> = {};
    for (let k = 0; k < 7; k++) expected[dayLabel.format(M(k))] = 10 + 2 * k;
    // What UTC days would give (each pair in one day): other counts on every day.
    const utcLabel = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short", timeZone: "UTC" });
    const utcDays: Record<string, number> = {};
    for (let k = 0; k < 7; k++) utcDays[utcLabel.format(M(k))] = 11 + 2 * k;
    assert.notDeepEqual(expected, utcDays);

    // The bars' titles name the day with its year; the axis without.
    const titleLabel = new Intl.DateTimeFormat("en-US", {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: ZONE,
    });
    const bars = await page.$$eval("#chart-timeline svg rect title", (ts) =>
      ts.map((t) => t.textContent ?? ""),
    );
    const shown: Record<string, number> = {};
    for (const title of bars) {
      const m = /^(.*) · (.*): ([\d,]+)$/.exec(title.replace(/\s+/g, " "));
      assert.ok(m, title);
      assert.equal(m[2], "Invalid Address");
      shown[m[1]!] = (shown[m[1]!] ?? 0) + Number(m[3]!.replace(/,/g, ""));
    }
    const expectedTitles: Record<string, number> = {};
    for (let k = 0; k < 7; k++) expectedTitles[titleLabel.format(M(k))] = 10 + 2 * k;
    assert.deepEqual(shown, expectedTitles);
    const axis = await page.$$eval("#chart-timeline svg text.axis", (ts) =>
      ts.map((t) => t.textContent ?? ""),
    );
    assert.ok(axis.includes(dayLabel.format(M(6))) && axis.includes(dayLabel.format(M(0))), axis.join(", "));

    // The period: Jakarta's last 7 days up to the end of today: 112 bounces; as long a time before
    // it as has passed of it (6 days and a part of today) holds 7 + 17 + 8 = 32 (the bounces just
    // before M(6), and both sides of M(7)).
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    assert.equal(total, 112);
    assert.equal((await page.textContent('[data-figure="sent"] .figure-value'))?.trim(), "112");
    const change = new Intl.NumberFormat("en-US", {
      style: "percent",
      maximumFractionDigits: 1,
      signDisplay: "always",
    }).format((112 - 32) / 32);
    assert.equal(
      (await page.textContent('[data-figure="sent"] .figure-change'))?.trim(),
      `▲ ${change} vs previous period`,
    );
    const dateLabel = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: ZONE });
    const note = ((await page.textContent("#period")) ?? "").replace(/\s+/g, " ");
    assert.ok(
      note.startsWith(`${dateLabel.format(M(6))} – ${dateLabel.format(M(-1) - 1)}`.replace(/\s+/g, " ")),
      note,
    );
    assert.match(note, /times in UTC\+07:00 \(Asia\/Jakarta\)/);
    assert.equal(await page.getAttribute("#tz-note", "data-offset"), "420");

    // The requests: local midnights as instants, and the offset for the chart's buckets.
    const timeline = requests.find((u) => u.includes("/v1/dashboard/timeline?"));
    assert.ok(timeline);
    const q = new URL(timeline).searchParams;
    assert.equal(q.get("tzOffset"), "420");
    assert.equal(q.get("from"), new Date(M(6)).toISOString());
    assert.equal(q.get("to"), new Date(M(-1)).toISOString());
    // The previous period ends where this one starts and is as long as this one has run so far.
    const prev = requests
      .filter((u) => u.includes("/v1/stats?"))
      .map((u) => new URL(u).searchParams)
      .find((p) => p.get("groupBy") === "category");
    assert.ok(prev);
    assert.equal(prev.get("to"), new Date(M(6)).toISOString());
    const prevFrom = Date.parse(prev.get("from")!);
    assert.ok(prevFrom > M(13) && prevFrom <= M(12), prev.get("from")!);
    assert.ok(Math.abs(M(6) - prevFrom - (Date.now() - M(6))) < 60_000, prev.get("from")!);
    await context.close();
  });

  test("steady traffic shows no change at 01:00; the chart names its dates in full; a row's own responses", async () => {
    const ATHENS = "Europe/Athens";
    const context = await browser.newContext({ locale: "en-US", timezoneId: ATHENS });
    context.on("request", (r) => requests.push(r.url()));
    await context.addInitScript((k) => sessionStorage.setItem("diagnosa.apiKey", k), key);
    await context.clock.setFixedTime(STEADY_NOW);
    const page = await context.newPage();
    const seen: string[] = [];
    page.on("request", (r) => seen.push(r.url()));
    await page.goto(`${base}/?range=7d`);
    let n = await ready(page);
    const noChange = async (sent: string) => {
      assert.equal(await figure(page, "sent"), sent);
      assert.equal(
        plain(await page.textContent('[data-figure="sent"] .figure-change')),
        "unchanged vs previous period",
      );
      for (const name of ["delivered", "deliveryRate", "permanentBounces", "permanentBounceRate"])
        assert.equal(
          plain(await page.textContent(`[data-figure="${name}"] .figure-change`)),
          "unchanged vs previous period",
          name,
        );
    };
    // 7 days: from Athens' midnight 6 days back, 145 hours so far (290 events), against the 145
    // hours before (not the whole 168 hours of a full period: "▼ -13.7%").
    const from7 = Date.parse("2025-03-04T00:00:00+02:00");
    await noChange("290");
    const prev = seen
      .filter((u) => u.includes("/v1/stats?"))
      .map((u) => new URL(u).searchParams)
      .find((p) => p.get("groupBy") === "category");
    assert.equal(prev?.get("to"), new Date(from7).toISOString());
    assert.equal(prev?.get("from"), new Date(from7 - 145 * 3600_000).toISOString());

    // 24 hours: from 02:00 yesterday, 23 hours so far (46 events), against the 23 before.
    await page.selectOption("#f-range", "24h");
    n = await ready(page, n);
    await noChange("46");
    // The chart's text alternative names the day of its first and last hour.
    assert.match(
      plain(await page.getAttribute("#chart-timeline svg", "aria-label")),
      /^23 failures from Mar 9, 2025, 02:00 AM to Mar 10, 2025, 01:00 AM; most: Invalid Address\.$/,
    );
    // Counts are whole: the count axis has no quarter failures (one bounce an hour: 0 and 1).
    const ticks = await page.$$eval("#chart-timeline svg text.axis", (ts) =>
      ts.map((t) => t.textContent ?? ""),
    );
    assert.deepEqual(
      ticks.filter((t) => /^[\d.,]+$/.test(t)),
      ["0", "1"],
    );
    // 12 months: weeks named with their year, from one year to the next.
    await page.selectOption("#f-range", "365d");
    n = await ready(page, n);
    assert.match(
      plain(await page.getAttribute("#chart-timeline svg", "aria-label")),
      /^336 failures from [A-Z][a-z]{2} \d{1,2}, 2024 to [A-Z][a-z]{2} \d{1,2}, 2025; /,
    );
    const titles = await page.$$eval("#chart-timeline svg rect title", (ts) => ts.map((t) => t.textContent));
    assert.ok(titles.length > 0 && titles.every((t) => /, 2025 · /.test(plain(t))), titles.join("; "));

    // 30 days: the Gmail group's 240 bounces are the category's newest; the other group's own
    // responses come from the API filtered by its codes and "no provider".
    await page.selectOption("#f-range", "30d");
    n = await ready(page, n);
    const row = page.locator("#class-table tbody tr.group-row", { hasText: "other / unknown" });
    assert.equal(await row.count(), 1);
    await row.locator("button").click();
    await page.waitForSelector("#detail[open] #detail-examples");
    const asked = seen.filter((u) => u.includes("/v1/events?")).map((u) => new URL(u).searchParams);
    // Failures only: bounces and deferrals, each asked for by type (complaints would match too).
    assert.deepEqual(asked.map((q) => q.get("type")).sort(), ["bounce", "deferred"]);
    for (const q of asked) {
      assert.deepEqual(
        ["category", "errorCode", "statusCode", "provider", "limit"].map((k) => q.get(k)),
        ["invalid_address", "550", "5.1.1", "none", "5"],
      );
      assert.equal(q.get("from"), new Date(Date.parse("2025-02-09T00:00:00+02:00")).toISOString());
    }
    // Needs GET /v1/events to filter by errorCode, statusCode and provider=none.
    const examples = await page.$$eval("#detail-examples li", (li) => li.map((x) => x.textContent ?? ""));
    assert.equal(examples.length, 5, (await page.textContent("#detail-examples")) ?? "");
    for (const e of examples) assert.match(e, /gone\d+@example\.com.*virtual mailbox table/);
    await context.close();
  });

  test("across a change of daylight-saving time, days and weeks keep their dates", async () => {
    const titlesOf = async (page: Page) => {
      const titles = await page.$$eval("#chart-timeline svg rect title", (ts) =>
        ts.map((t) => t.textContent ?? ""),
      );
      return titles.map((t) => plain(t).replace(/ · Invalid Address: 1$/, ""));
    };
    // Athens, 31 March 2026 (summer time, UTC+03:00, since the 29th): 7 days, each named as it is
    // there, the 29th included; the period line names 7 dates, not 8.
    const athens = await browser.newContext({ locale: "en-US", timezoneId: "Europe/Athens" });
    athens.on("request", (r) => requests.push(r.url()));
    await athens.addInitScript((k) => sessionStorage.setItem("diagnosa.apiKey", k), key);
    await athens.clock.setFixedTime(Date.parse("2026-03-31T09:00:00Z"));
    let page = await athens.newPage();
    await page.goto(`${base}/?range=7d&domain=athens.example.org`);
    await ready(page);
    assert.deepEqual(
      await titlesOf(page),
      [25, 26, 27, 28, 29, 30, 31].map((d) => `Mar ${d}, 2026`),
    );
    assert.ok(plain(await page.textContent("#period")).startsWith("Mar 25, 2026 – Mar 31, 2026;"));
    const axis = await page.$$eval("#chart-timeline svg text.axis", (ts) =>
      ts.map((t) => t.textContent ?? ""),
    );
    assert.ok(axis.includes("Mar 25") && axis.includes("Mar 31"), axis.join(", "));
    await athens.close();

    // New York, 15 July 2026 (summer time, UTC-04:00): 12 months of weeks, each named by its Monday
    // in winter too (not the Sunday before), the first by the period's start, not its Monday before.
    const newYork = await browser.newContext({ locale: "en-US", timezoneId: "America/New_York" });
    newYork.on("request", (r) => requests.push(r.url()));
    await newYork.addInitScript((k) => sessionStorage.setItem("diagnosa.apiKey", k), key);
    await newYork.clock.setFixedTime(Date.parse("2026-07-15T20:00:00Z"));
    page = await newYork.newPage();
    await page.goto(`${base}/?range=365d&domain=new-york.example.org`);
    await ready(page);
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const days = (
      await page.$$eval("#chart-timeline svg rect title", (ts) => ts.map((t) => t.textContent ?? ""))
    )
      .map((t) => /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) · /.exec(plain(t)))
      .map((m) => (m ? new Date(Date.UTC(Number(m[3]), months.indexOf(m[1]!), Number(m[2]))) : null));
    assert.ok(days.length >= 52 && days.every((d) => d !== null), String(days.length));
    assert.equal(days[0]!.toISOString().slice(0, 10), "2025-07-16");
    const notMonday = days.slice(1).filter((d) => d!.getUTCDay() !== 1);
    assert.deepEqual(
      notMonday.map((d) => d!.toISOString().slice(0, 10)),
      [],
    );
    assert.match(
      plain(await page.getAttribute("#chart-timeline svg", "aria-label")),
      /^365 failures from Jul 16, 2025 to Jul 13, 2026; /,
    );
    await newYork.close();
  });

  test("every request went to the service itself", () => {
    assert.ok(requests.length > 3);
    assert.deepEqual(
      requests.filter((u) => !u.startsWith(`${base}/`)),
      [],
    );
  });
});
