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
import { type Running, startServer } from "../../src/server/serve.js";
import { DEFAULT_POLICY } from "../../src/store/store.js";
import { POSTFIX_DSN } from "../bounce/fixtures.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";
import { seedEvents } from "./seed.js";

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

describe("dashboard in Chromium", { skip }, () => {
  let s: Running;
  let base: string;
  let key: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  const ready = async (p: Page, after = 0) => {
    await p.waitForFunction(
      (n) => {
        const m = document.getElementById("main")!;
        return m.dataset.state === "ready" && Number(m.dataset.render) > n;
      },
      after,
      { timeout: 15_000 },
    );
    return Number(await p.getAttribute("#main", "data-render"));
  };
  const figure = (p: Page, name: string) =>
    p.textContent(`[data-figure="${name}"] .figure-value`).then((t) => t ?? "");
  const tableRows = (p: Page) =>
    p.$$eval("#class-table tbody tr.group-row", (rows) =>
      rows.map((r) =>
        Array.from(r.querySelectorAll("td") as ArrayLike<HTMLElement>, (td) => td.textContent ?? "").join(
          "|",
        ),
      ),
    );

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "diagnosa-web-"));
    s = await startServer({
      host: "127.0.0.1",
      port: 0,
      smtpPort: null,
      databaseUrl: join(dir, "web.sqlite"),
      auth: true,
      bounceDomains: [],
      maxEmailBytes: 1 << 20,
      policy: DEFAULT_POLICY,
      webhookSecrets: {},
    });
    base = `http://127.0.0.1:${s.httpPort}`;
    key = (await s.store.createApiKey("web-test")).key;
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
