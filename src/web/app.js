// The "Bounce Classification" dashboard (docs/dashboard.md). A plain browser module: it talks only
// to this service's own API (same origin), keeps the API key in sessionStorage, and draws its charts
// as inline SVG.
import { CATEGORY_COLORS, horizontalBars, stackedBars } from "./charts.js";
import { browserLang, t } from "./i18n.js";

const KEY_STORAGE = "diagnosa.apiKey";
const LANG_STORAGE = "diagnosa.lang";
const DAY = 86400_000;
const HOUR = 3600_000;
const RANGES = {
  "24h": { ms: DAY, bucket: "hour" },
  "7d": { ms: 7 * DAY, bucket: "day" },
  "30d": { ms: 30 * DAY, bucket: "day" },
  "90d": { ms: 90 * DAY, bucket: "day" },
  "365d": { ms: 365 * DAY, bucket: "week" },
};
/** URL parameter ↔ API filter. */
const FILTERS = [
  ["domain", "sendingDomain", "f-domain"],
  ["provider", "provider", "f-provider"],
  ["tag", "tag", "f-tag"],
  ["ip", "sendingIp", "f-ip"],
  ["category", "category", "f-category"],
];
const COLUMNS = ["category", "errorCode", "statusCode", "provider", "definition", "count", "share"];
const COLUMN_LABEL = {
  category: "colCategory",
  errorCode: "colErrorCode",
  statusCode: "colStatusCode",
  provider: "colProvider",
  definition: "colDefinition",
  count: "colCount",
  share: "colShare",
};

/** @type {HTMLElement} */
const main = /** @type {HTMLElement} */ (document.getElementById("main"));
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const state = {
  /** @type {"en" | "id"} */
  lang: "en",
  /** @type {string | null} */
  key: null,
  range: "30d",
  /** @type {Record<string, string>} */
  filters: {},
  sort: { col: "count", dir: "desc" },
  /** @type {any} */
  catalog: null,
  /** @type {any} */
  facets: null,
  /** @type {any} */
  current: null,
  /** @type {any} */
  previous: null,
  /**
   * What the timeline chart on screen was drawn from: its answer, its period and the provider mix's
   * groups (a load whose timeline failed leaves the chart as it was). @type {any}
   */
  chart: null,
  /**
   * What the figures and the table on screen were loaded for (after a failed load, no longer the
   * filters above them). @type {{from: number, to: number, bucket: string, offset: number, filters: Record<string, string>}}
   */
  period: { from: 0, to: 0, bucket: "day", offset: 0, filters: {} },
  seq: 0,
  renders: 0,
  painted: false,
  supp: { search: "", next: /** @type {string | null} */ (null), items: /** @type {any[]} */ ([]) },
  /** @type {any} */
  lastDiagnosis: null,
  /** The catalog and the filter menus' values while asked for or once read; null to ask again. @type {Promise<void> | null} */
  meta: null,
};

// ---------------------------------------------------------------- formatting

const nf = () => new Intl.NumberFormat(state.lang === "id" ? "id-ID" : "en-US");
const pf = (digits = 1) =>
  new Intl.NumberFormat(state.lang === "id" ? "id-ID" : "en-US", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
const locale = () => (state.lang === "id" ? "id-ID" : "en-US");
const fmtNum = (/** @type {number} */ n) => nf().format(n);
const fmtPct = (/** @type {number | null} */ n) => (n === null || n === undefined ? "—" : pf().format(n));
const fmtDate = (
  /** @type {number | string} */ d,
  /** @type {Intl.DateTimeFormatOptions} */ o = { dateStyle: "medium" },
) => new Intl.DateTimeFormat(locale(), o).format(new Date(d));
/**
 * The date of an instant in a day or week the page cut with a fixed offset (minutes east of UTC):
 * the date at that offset, not in the browser's zone. Across a change to or from daylight-saving
 * time within the period, the zone's offset on that date differs by an hour, and a day cut at
 * midnight at today's offset starts at 23:00 of the day before in the zone: named by the zone, it
 * would be one day early (and one day would be missing).
 */
const cutDate = (
  /** @type {number} */ ms,
  /** @type {number} */ offset,
  /** @type {Intl.DateTimeFormatOptions} */ o,
) => fmtDate(ms + offset * 60_000, { ...o, timeZone: "UTC" });
const fmtDateTime = (/** @type {number | string} */ d) =>
  fmtDate(d, { dateStyle: "medium", timeStyle: "short" });
const tr = (/** @type {string} */ k, /** @type {Record<string, string | number>} */ v = {}) =>
  t(state.lang, k, v);

function categoryName(/** @type {string | null} */ id) {
  if (!id) return tr("none");
  const c = state.catalog?.categories?.find((/** @type {any} */ x) => x.id === id);
  return c ? c.name[state.lang] : id;
}
function categoryInfo(/** @type {string | null} */ id) {
  return state.catalog?.categories?.find((/** @type {any} */ x) => x.id === id) ?? null;
}
function providerName(/** @type {string | null} */ p) {
  return p ?? tr("unknownProvider");
}

/** Creates an element with attributes and children (text is always set as text, never as HTML). */
function h(/** @type {string} */ tag, /** @type {Record<string, any>} */ attrs = {}, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") n.className = v;
    else if (k === "text") n.textContent = v;
    else if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(n.dataset, v);
    else n.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    n.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return n;
}

// ---------------------------------------------------------------- API

/** The message of a request that got no answer; shown in the page's language when shown (`said`). */
const UNREACHABLE = "\u0000unreachable";
/** An error's message as the page says it. */
const said = (/** @type {unknown} */ e) => {
  const m = String(/** @type {Error} */ (e)?.message ?? e);
  return m === UNREACHABLE ? tr("unreachable") : m;
};

class ApiError extends Error {
  constructor(/** @type {number} */ status, /** @type {string} */ message) {
    super(message);
    this.status = status;
  }
}

async function api(/** @type {string} */ path, /** @type {RequestInit} */ init = {}) {
  const headers = new Headers(init.headers);
  if (state.key) headers.set("authorization", `Bearer ${state.key}`);
  let r;
  try {
    r = await fetch(path, { ...init, headers, credentials: "omit", cache: "no-store" });
  } catch {
    // The browser's own words ("Failed to fetch") are in its language, not the page's.
    throw new ApiError(0, UNREACHABLE);
  }
  const body = r.headers.get("content-type")?.includes("json") ? await r.json() : await r.text();
  if (r.status === 401) {
    signOut(() => tr("badKey"));
    throw new ApiError(401, body?.error?.message ?? "unauthorized");
  }
  if (!r.ok) throw new ApiError(r.status, body?.error?.message ?? `HTTP ${r.status}`);
  return body;
}

// ---------------------------------------------------------------- language

/**
 * What the page says in its status lines and errors, by element id: kept as words to draw (not as
 * drawn text) so that a switch of language says it again in the new one.
 * @type {Map<string, () => string>}
 */
const messages = new Map();

/** Shows `words()` in the element `id` now and after each switch of language; null clears it. */
function tell(/** @type {string} */ id, /** @type {(() => string) | null} */ words) {
  if (words) messages.set(id, words);
  else messages.delete(id);
  $(id).textContent = words ? words() : "";
}

function applyLang() {
  document.documentElement.lang = state.lang;
  document.title = `${tr("title")} · diagnosa`;
  for (const n of document.querySelectorAll("[data-i18n]")) {
    n.textContent = tr(/** @type {HTMLElement} */ (n).dataset.i18n ?? "");
  }
  for (const n of document.querySelectorAll("[data-i18n-aria]")) {
    n.setAttribute("aria-label", tr(/** @type {HTMLElement} */ (n).dataset.i18nAria ?? ""));
  }
  /** @type {HTMLTextAreaElement} */ ($("reply")).placeholder = tr("replyPlaceholder");
  for (const [id, words] of messages) $(id).textContent = words();
  /** @type {HTMLSelectElement} */ ($("lang")).value = state.lang;
}

function setLang(/** @type {"en" | "id"} */ lang) {
  state.lang = lang;
  try {
    localStorage.setItem(LANG_STORAGE, lang);
  } catch {}
  applyLang();
  if (state.catalog) {
    fillFilterMenus();
    renderAll();
    renderSuppressions();
    if (state.lastDiagnosis) renderDiagnosis(state.lastDiagnosis);
  }
}

// ---------------------------------------------------------------- URL ↔ filters

function readUrl() {
  const p = new URLSearchParams(location.search);
  const range = p.get("range");
  state.range = range && range in RANGES ? range : "30d";
  state.filters = {};
  for (const [param] of FILTERS) {
    const v = p.get(param);
    if (v) state.filters[param] = v;
  }
  const sort = p.get("sort");
  // No sort in the URL is the default one (Back to a URL without it must not keep the last).
  state.sort.col = sort && COLUMNS.includes(sort) ? sort : "count";
  state.sort.dir = p.get("dir") === "asc" ? "asc" : "desc";
}

function writeUrl(/** @type {boolean} */ push) {
  const p = new URLSearchParams();
  if (state.range !== "30d") p.set("range", state.range);
  for (const [param] of FILTERS) if (state.filters[param]) p.set(param, state.filters[param]);
  if (state.sort.col !== "count" || state.sort.dir !== "desc") {
    p.set("sort", state.sort.col);
    p.set("dir", state.sort.dir);
  }
  const qs = p.toString();
  const url = `${location.pathname}${qs ? `?${qs}` : ""}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }
}

/** The viewer's time zone now, in minutes east of UTC (the API's `tzOffset`; note the sign). */
const tzOffset = () => -new Date().getTimezoneOffset() || 0;

/** "UTC+07:00", "UTC-05:00", "UTC" for an offset in minutes east of UTC. */
function offsetName(/** @type {number} */ offset) {
  if (!offset) return "UTC";
  const a = Math.abs(offset);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `UTC${offset > 0 ? "+" : "-"}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * The selected period and the one before it, in the viewer's time zone: the last 24 whole local
 * hours, or whole local days up to the end of today (local midnight to local midnight). The zone's
 * offset now is used for the whole period, as the API cuts the chart's buckets with it.
 *
 * The period ends in the future (at the next local hour or midnight): only `now - from` of it has
 * happened. The previous period, which the figures compare with, is that long and ends at `from`,
 * so a steady flow of mail shows no change at any time of day.
 */
function period() {
  const r = RANGES[/** @type {keyof typeof RANGES} */ (state.range)];
  const offset = tzOffset();
  const off = offset * 60_000;
  const unit = r.bucket === "hour" ? HOUR : DAY;
  const now = Date.now();
  const to = Math.ceil((now + off + 1) / unit) * unit - off;
  const from = to - r.ms;
  return { from, to, prevFrom: from - (now - from), bucket: r.bucket, offset };
}

function query(
  /** @type {number} */ from,
  /** @type {number} */ to,
  /** @type {Record<string, string>} */ extra = {},
  /** @type {Record<string, string>} */ filters = state.filters,
) {
  const p = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  for (const [param, apiName] of FILTERS) if (filters[param]) p.set(apiName, filters[param]);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

// ---------------------------------------------------------------- loading

function setStatus(/** @type {() => string} */ words, /** @type {boolean} */ error = false) {
  tell("status", words);
  $("status").classList.toggle("error", error);
}

/** The parts of the page a load fills in, by section id. */
const DATA_SECTIONS = ["overview", "charts", "classification"];

/**
 * After a failed load: dims the sections that still show an earlier load (they no longer match the
 * filters above them), says so, and offers to try again. `showStale([], false)` clears all that.
 */
function showStale(/** @type {string[]} */ ids, /** @type {boolean} */ failed) {
  for (const id of DATA_SECTIONS) {
    const stale = ids.includes(id);
    $(id).classList.toggle("stale", stale);
    if (stale) $(id).setAttribute("aria-describedby", "stale-text");
    else $(id).removeAttribute("aria-describedby");
  }
  $("stale").hidden = !failed;
  $("stale-text").hidden = !ids.length;
}

/**
 * The catalog (category names, definitions, tips) and the menus' values, which come with the first
 * figures. What failed is asked for again by the next load ("Try again", another filter): a failure
 * once at start-up must not stay the answer until a reload.
 */
function loadMeta() {
  if (!state.meta) {
    const m = Promise.all([
      state.catalog ?? api("/v1/catalog").then((c) => (state.catalog = c)),
      state.facets ?? api("/v1/dashboard/facets").then((f) => (state.facets = f)),
    ]).then(() => fillFilterMenus());
    m.catch(() => {
      if (state.meta === m) state.meta = null;
    });
    state.meta = m;
  }
  return state.meta;
}

async function load() {
  const seq = ++state.seq;
  const started = performance.now();
  main.dataset.state = "loading";
  setStatus(() => tr("loading"));
  const p = period();
  const filters = { ...state.filters };
  /** The sections this load has filled in. @type {string[]} */
  const fresh = [];
  try {
    const tablePromise = api(
      `/v1/stats?${query(p.from, p.to, { groupBy: "category,errorCode,statusCode,provider" })}`,
    );
    const prevPromise = api(`/v1/stats?${query(p.prevFrom, p.from, { groupBy: "category" })}`);
    const timelinePromise = api(
      `/v1/dashboard/timeline?${query(p.from, p.to, { bucket: p.bucket, tzOffset: String(p.offset) })}`,
    );
    // Settled here too, so that a failure of the first two does not leave it unhandled.
    timelinePromise.catch(() => {});
    const [current, previous] = await Promise.all([tablePromise, prevPromise, loadMeta()]);
    if (seq !== state.seq) return;
    state.current = current;
    state.previous = previous;
    state.period = { from: p.from, to: p.to, bucket: p.bucket, offset: p.offset, filters };
    renderFigures();
    renderTable();
    fresh.push("overview", "classification");
    if (!state.painted) {
      state.painted = true;
      performance.mark("diagnosa:useful-paint");
    }
    main.dataset.tableMs = String(Math.round(performance.now() - started));
    const timeline = await timelinePromise;
    if (seq !== state.seq) return;
    state.chart = { timeline, period: state.period, groups: current.groups ?? [] };
    renderCharts();
    fresh.push("charts");
    showStale([], false);
    main.dataset.loadMs = String(Math.round(performance.now() - started));
    main.dataset.state = "ready";
    main.dataset.render = String(++state.renders);
    const at = Date.now();
    setStatus(() => tr("loaded", { time: fmtDate(at, { timeStyle: "medium" }) }));
  } catch (e) {
    if (seq !== state.seq) return;
    main.dataset.state = "error";
    if (e instanceof ApiError && e.status === 401) return;
    const failure = String(/** @type {Error} */ (e).message);
    setStatus(() => tr("failed", { message: said(failure) }), true);
    // What an earlier load drew and this one did not replace no longer matches the filters.
    showStale(state.current ? DATA_SECTIONS.filter((id) => !fresh.includes(id)) : [], true);
  }
}

function renderAll() {
  if (!state.current) return;
  renderFigures();
  renderTable();
  renderCharts();
}

// ---------------------------------------------------------------- filter menus

function fillSelect(
  /** @type {string} */ id,
  /** @type {{value: string, label: string}[]} */ options,
  /** @type {string | undefined} */ selected,
) {
  const sel = /** @type {HTMLSelectElement} */ ($(id));
  const opts = [{ value: "", label: tr("all") }, ...options];
  if (selected && !options.some((o) => o.value === selected)) opts.push({ value: selected, label: selected });
  sel.replaceChildren(...opts.map((o) => h("option", { value: o.value, text: o.label })));
  sel.value = selected ?? "";
}

function fillFilterMenus() {
  const f = state.facets ?? { sendingDomains: [], providers: [], tags: [], sendingIps: [] };
  const plain = (/** @type {string[]} */ xs) => xs.map((x) => ({ value: x, label: x }));
  fillSelect("f-domain", plain(f.sendingDomains), state.filters.domain);
  // `none`: failures no known provider answered (often a large share; the API filters on it).
  fillSelect(
    "f-provider",
    [...plain(f.providers), { value: "none", label: tr("unknownProvider") }],
    state.filters.provider,
  );
  fillSelect("f-tag", plain(f.tags), state.filters.tag);
  fillSelect("f-ip", plain(f.sendingIps), state.filters.ip);
  fillSelect(
    "f-category",
    (state.catalog?.categories ?? []).map((/** @type {any} */ c) => ({
      value: c.id,
      label: c.name[state.lang],
    })),
    state.filters.category,
  );
  /** @type {HTMLSelectElement} */ ($("f-range")).value = state.range;
}

function onFilterChange() {
  const form = /** @type {HTMLFormElement} */ ($("filter-form"));
  const data = new FormData(form);
  state.range = String(data.get("range") ?? "30d");
  state.filters = {};
  for (const [param] of FILTERS) {
    const v = String(data.get(param) ?? "");
    if (v) state.filters[param] = v;
  }
  writeUrl(true);
  load();
}

// ---------------------------------------------------------------- summary figures

function renderFigures() {
  const c = state.current.totals;
  const p = state.previous.totals;
  const hasPrev = p.events > 0;
  /** @type {[string, number | null, number | null, "count" | "rate", "up" | "down", string | null][]} */
  // Under a category filter the events are failures only (deliveries have no category): what was
  // sent and delivered is not among them, so those two say nothing, as the rates do not.
  const failuresOnly = Boolean(state.period.filters.category);
  const figures = [
    ["sent", failuresOnly ? null : c.sent, p.sent, "count", "up", null],
    ["delivered", failuresOnly ? null : c.delivered, p.delivered, "count", "up", null],
    ["deliveryRate", c.deliveryRate, p.deliveryRate, "rate", "up", null],
    ["permanentBounces", c.permanentBounces, p.permanentBounces, "count", "down", c.permanentBounceRate],
    ["permanentBounceRate", c.permanentBounceRate, p.permanentBounceRate, "rate", "down", null],
    ["blocked", c.blocked, p.blocked, "count", "down", null],
    ["deferred", c.deferred, p.deferred, "count", "down", null],
    ["complaints", c.complaints, p.complaints, "count", "down", null],
  ];
  // Dates in the viewer's time zone, which the period is aligned to; the zone is named.
  const zoneId = (() => {
    try {
      return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
    } catch {
      return "";
    }
  })();
  const zone = offsetName(state.period.offset);
  // Whole days are named by the offset that cut them (cutDate); 24 hours by the browser's clock.
  const day = (/** @type {number} */ ms) =>
    state.period.bucket === "hour"
      ? fmtDate(ms, { dateStyle: "medium" })
      : cutDate(ms, state.period.offset, { dateStyle: "medium" });
  $("period").replaceChildren(
    h("span", {
      text: tr("periodNote", { from: day(state.period.from), to: day(state.period.to - 1) }),
    }),
    " · ",
    h("span", {
      id: "tz-note",
      dataset: { offset: String(state.period.offset) },
      text: tr("timesIn", { zone: zoneId && zoneId !== zone ? `${zone} (${zoneId})` : zone }),
    }),
  );
  // A figure the API answers with null (a rate under a filter that selects failures only, as
  // deliveries have no category, or when nothing was sent) is shown as "—", with why, unchanged.
  const unavailable = tr(failuresOnly || c.sent ? "rateNeedsAll" : "nothingSent");
  $("figures").replaceChildren(
    ...figures.map(([key, now, before, kind, good, rate]) => {
      if (now === null || now === undefined) {
        const why = kind === "count" && failuresOnly ? tr("countNeedsAll") : unavailable;
        return h(
          "div",
          { class: "figure card unavailable", dataset: { figure: key }, title: why },
          h("div", { class: "figure-label", text: tr(key) }),
          h("div", { class: "figure-value", text: tr("none") }),
          h("div", { class: "figure-change neutral", text: why }),
        );
      }
      const value = kind === "rate" ? fmtPct(now) : fmtNum(now);
      let change = tr("noPrevious");
      let tone = "neutral";
      if (hasPrev && before !== null && before !== undefined) {
        const diff = kind === "rate" ? (now - before) * 100 : before ? (now - before) / before : null;
        // From none to some: no percentage, but a rise all the same (0 to 5 complaints matters).
        if (diff === null) {
          change = now ? tr("fromZero") : tr("unchanged");
          if (now) tone = good === "up" ? "good" : "bad";
        } else if (Math.abs(diff) < (kind === "rate" ? 0.005 : 0.0005)) change = tr("unchanged");
        else {
          const arrow = diff > 0 ? "▲" : "▼";
          const amount =
            kind === "rate"
              ? tr("pp", {
                  value: new Intl.NumberFormat(locale(), {
                    maximumFractionDigits: 2,
                    signDisplay: "always",
                  }).format(diff),
                })
              : new Intl.NumberFormat(locale(), {
                  style: "percent",
                  maximumFractionDigits: 1,
                  signDisplay: "always",
                }).format(diff);
          change = tr("changeVsPrev", { change: `${arrow} ${amount}` });
          tone = diff > 0 === (good === "up") ? "good" : "bad";
        }
      }
      return h(
        "div",
        { class: "figure card", dataset: { figure: key } },
        h("div", { class: "figure-label", text: tr(key) }),
        h("div", { class: "figure-value", text: value }),
        rate !== null && rate !== undefined
          ? h("div", { class: "figure-sub", text: tr("ofSent", { rate: fmtPct(rate) }) })
          : null,
        h("div", { class: `figure-change ${tone}`, text: change }),
      );
    }),
  );
}

// ---------------------------------------------------------------- classification table

function sortedGroups() {
  const rows = [...(state.current?.groups ?? [])];
  const { col, dir } = state.sort;
  const key = (/** @type {any} */ r) => {
    if (col === "category") return categoryName(r.category);
    if (col === "definition") return categoryInfo(r.category)?.definition?.[state.lang] ?? "";
    if (col === "provider") return r.provider ?? "\uffff";
    if (col === "share") return r.count;
    return r[col] ?? (col === "errorCode" ? -1 : "");
  };
  const coll = new Intl.Collator(locale(), { numeric: true });
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === "number" && typeof y === "number" ? x - y : coll.compare(String(x), String(y));
    return (dir === "asc" ? c : -c) || b.count - a.count;
  });
  return rows;
}

function renderTable() {
  const table = /** @type {HTMLTableElement} */ ($("class-table"));
  const headRow = /** @type {HTMLTableRowElement} */ (table.tHead?.rows[0]);
  headRow.replaceChildren(
    ...COLUMNS.map((col) => {
      const active = state.sort.col === col;
      const label = tr(COLUMN_LABEL[/** @type {keyof typeof COLUMN_LABEL} */ (col)]);
      return h(
        "th",
        {
          scope: "col",
          class: col === "count" || col === "share" ? "num" : col === "definition" ? "def" : null,
          "aria-sort": active ? (state.sort.dir === "asc" ? "ascending" : "descending") : null,
        },
        h(
          "button",
          {
            type: "button",
            class: "sort",
            dataset: { sort: col },
            title: tr("sortBy", { col: label }),
            onclick: () => {
              if (state.sort.col === col) state.sort.dir = state.sort.dir === "asc" ? "desc" : "asc";
              else {
                state.sort.col = col;
                state.sort.dir = col === "count" || col === "share" ? "desc" : "asc";
              }
              writeUrl(false);
              renderTable();
              /** @type {HTMLElement | null} */ (headRow.querySelector(`[data-sort="${col}"]`))?.focus();
            },
          },
          label,
          h("span", {
            class: "sort-mark",
            "aria-hidden": "true",
            text: active ? (state.sort.dir === "asc" ? " ▲" : " ▼") : " ↕",
          }),
        ),
      );
    }),
  );
  const rows = sortedGroups();
  const body = /** @type {HTMLTableSectionElement} */ (table.tBodies[0]);
  if (!rows.length) {
    body.replaceChildren(
      h("tr", {}, h("td", { colspan: COLUMNS.length, class: "empty", text: tr("noRows") })),
    );
    return;
  }
  body.replaceChildren(
    ...rows.map((r) =>
      h(
        "tr",
        {
          class: "group-row",
          dataset: { category: r.category ?? "" },
          onclick: (/** @type {Event} */ e) => {
            if (/** @type {HTMLElement} */ (e.target).closest("button")) return;
            openDetail(r);
          },
        },
        h(
          "td",
          { class: "cat" },
          h("span", { class: "swatch", "aria-hidden": "true", dataset: { color: r.category ?? "unknown" } }),
          h("button", {
            type: "button",
            class: "link",
            "aria-haspopup": "dialog",
            onclick: () => openDetail(r),
            text: categoryName(r.category),
          }),
        ),
        h("td", { class: "code", text: r.errorCode === null ? tr("none") : String(r.errorCode) }),
        h("td", { class: "code", text: r.statusCode ?? tr("none") }),
        h("td", { text: providerName(r.provider) }),
        h("td", { class: "def", text: categoryInfo(r.category)?.definition?.[state.lang] ?? "" }),
        h("td", { class: "num", text: fmtNum(r.count) }),
        h("td", { class: "num" }, h("span", { class: "share-bar", "aria-hidden": "true" }), fmtPct(r.share)),
      ),
    ),
  );
  // Colours through the CSSOM (the page's CSP allows no inline style attributes).
  for (const s of body.querySelectorAll(".swatch")) {
    /** @type {HTMLElement} */ (s).style.background =
      CATEGORY_COLORS[
        /** @type {keyof typeof CATEGORY_COLORS} */ (/** @type {HTMLElement} */ (s).dataset.color)
      ] ?? "#6b7280";
  }
  body.querySelectorAll(".share-bar").forEach((s, i) => {
    /** @type {HTMLElement} */ (s).style.width = `${Math.max(2, Math.round((rows[i]?.share ?? 0) * 60))}px`;
  });
}

// ---------------------------------------------------------------- detail of a row

/** @type {any} */
let detailRow = null;
let tipsLang = /** @type {"en" | "id"} */ ("en");

async function openDetail(/** @type {any} */ row) {
  detailRow = row;
  tipsLang = state.lang;
  const dialog = /** @type {HTMLDialogElement} */ ($("detail"));
  renderDetail(null);
  if (!dialog.open) dialog.showModal();
  // The group's own events, filtered by the API: its category, codes and provider (`none`: without
  // a code, without a provider), in the period and under the page's filters.
  const p = state.period;
  const errorCode = row.errorCode ?? null;
  const statusCode = row.statusCode || null;
  const provider = row.provider || null;
  const extra = /** @type {Record<string, string>} */ ({
    errorCode: errorCode === null ? "none" : String(errorCode),
    statusCode: statusCode ?? "none",
    provider: provider ?? "none",
    limit: "5",
  });
  if (row.category) extra.category = row.category;
  try {
    // Failures only, asked for by type: complaints and deliveries match the other filters too and
    // would take the five places.
    const answers = await Promise.all(
      ["bounce", "deferred"].map((type) =>
        // The filters the table was loaded with: after a failed load, not those above it.
        api(`/v1/events?${query(p.from, p.to, { ...extra, type }, p.filters)}`),
      ),
    );
    if (detailRow !== row) return;
    const items = answers.flatMap((a) => a.items);
    items.sort((/** @type {any} */ a, /** @type {any} */ b) => (a.timestamp < b.timestamp ? 1 : -1));
    renderDetail(items.slice(0, 5));
  } catch (e) {
    if (detailRow === row && !(e instanceof ApiError && e.status === 401)) renderDetail(said(e));
  }
}

/** `examples`: null while loading, the events, or why they could not be read. */
function renderDetail(/** @type {any[] | string | null} */ examples) {
  const row = detailRow;
  if (!row) return;
  const info = categoryInfo(row.category);
  $("detail-title").textContent = categoryName(row.category);
  const body = $("detail-body");
  const meta = h(
    "dl",
    { class: "meta" },
    h("dt", { text: tr("colErrorCode") }),
    h("dd", { class: "code", text: row.errorCode ?? tr("none") }),
    h("dt", { text: tr("colStatusCode") }),
    h("dd", { class: "code", text: row.statusCode ?? tr("none") }),
    h("dt", { text: tr("colProvider") }),
    h("dd", { text: providerName(row.provider) }),
    h("dt", { text: tr("colCount") }),
    h("dd", { text: `${fmtNum(row.count)} (${fmtPct(row.share)})` }),
  );
  const langButtons = h(
    "div",
    { class: "segmented", role: "group", "aria-label": tr("tipsLanguage") },
    ...["en", "id"].map((l) =>
      h("button", {
        type: "button",
        class: "secondary",
        lang: l,
        dataset: { tipsLang: l },
        "aria-pressed": String(tipsLang === l),
        text: l === "en" ? "English" : "Bahasa Indonesia",
        onclick: () => {
          tipsLang = /** @type {"en" | "id"} */ (l);
          renderDetail(currentExamples);
          /** @type {HTMLElement | null} */ (body.querySelector(`[data-tips-lang="${l}"]`))?.focus();
        },
      }),
    ),
  );
  currentExamples = examples;
  const checks = info?.checks ?? [];
  body.replaceChildren(
    h("p", { class: "definition", text: info?.definition?.[state.lang] ?? "" }),
    meta,
    h("div", { class: "detail-head" }, h("h3", { text: tr("detailTips") }), langButtons),
    h(
      "ol",
      { id: "detail-tips", class: "tips", lang: tipsLang },
      ...(info?.tips?.[tipsLang] ?? []).map((x) => h("li", { text: x })),
    ),
    h("h3", { text: tr("detailChecks") }),
    checks.length
      ? h(
          "ul",
          { id: "detail-checks", class: "checks" },
          ...checks.map((c) => h("li", { dataset: { check: c }, text: tr(`check_${c}`) })),
        )
      : h("p", {
          class: "muted",
          // An unexplained failure is not "the recipient's situation": nobody knows yet.
          text: tr(row.category && row.category !== "unknown" ? "noChecks" : "noChecksUnknown"),
        }),
    h("h3", { text: tr("detailExamples") }),
    examples === null
      ? h("p", { class: "muted", text: tr("loading") })
      : typeof examples === "string"
        ? h("p", { id: "detail-examples", class: "error", text: tr("examplesFailed", { message: examples }) })
        : examples.length
          ? h(
              "ul",
              { id: "detail-examples", class: "examples" },
              ...examples.map((e) =>
                h(
                  "li",
                  {},
                  h(
                    "div",
                    { class: "example-meta" },
                    h("strong", { text: e.recipient }),
                    " · ",
                    h("time", { datetime: e.timestamp, text: fmtDateTime(e.timestamp) }),
                  ),
                  h("code", { class: "response", text: e.response ?? "" }),
                ),
              ),
            )
          : h("p", { id: "detail-examples", class: "muted", text: tr("noExamples") }),
  );
}
/** @type {any[] | string | null} */
let currentExamples = null;

// ---------------------------------------------------------------- charts

function renderCharts() {
  if (!state.chart) return;
  const { timeline, period: pd, groups } = state.chart;
  const tl = timeline?.groups ?? [];
  const unit = pd.bucket === "hour" ? HOUR : pd.bucket === "week" ? 7 * DAY : DAY;
  // The API's buckets start at the viewer's midnight (hour) every day (week: on Mondays),
  // labelled with their UTC instants; weeks are shifted 3 days from the epoch, a Thursday.
  const off = pd.offset * 60_000 + (unit === 7 * DAY ? 3 * DAY : 0);
  const first = Math.floor((pd.from + off) / unit) * unit - off;
  const buckets = [];
  for (let b = first; b < pd.to; b += unit) buckets.push(b);
  const index = new Map(buckets.map((b, i) => [b, i]));
  /** @type {Map<string, number[]>} */
  const byCat = new Map();
  for (const g of tl) {
    const i = index.get(Date.parse(g.bucket));
    if (i === undefined) continue;
    const cat = g.category ?? "unknown";
    let v = byCat.get(cat);
    if (!v) {
      v = buckets.map(() => 0);
      byCat.set(cat, v);
    }
    v[i] += g.count;
  }
  const order = Object.keys(CATEGORY_COLORS).filter((c) => byCat.has(c));
  const series = order.map((id) => ({ id, label: categoryName(id), values: byCat.get(id) ?? [] }));
  const total = series.reduce((s, c) => s + c.values.reduce((a, b) => a + b, 0), 0);
  // Bar titles and the chart's text alternative name the bucket in full (the date of an hour, the
  // year of a day or week: 12 months run from one year's date to the same date of the next); the
  // axis, which shows them in order, keeps short labels (with the year for weeks). Days and weeks
  // are named by the offset they were cut with (see cutDate); the first week is named from the
  // period's start, which its bar counts from, not from its Monday before it.
  const hourly = pd.bucket === "hour";
  const fmtBucket = (/** @type {number} */ b) =>
    hourly
      ? fmtDate(b, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" })
      : cutDate(Math.max(b, pd.from), pd.offset, { day: "numeric", month: "short", year: "numeric" });
  const fmtAxis = (/** @type {number} */ b) =>
    hourly
      ? fmtDate(b, { hour: "2-digit", minute: "2-digit" })
      : pd.bucket === "week"
        ? fmtBucket(b)
        : cutDate(b, pd.offset, { day: "numeric", month: "short" });
  const box = $("chart-timeline");
  if (!total) {
    box.replaceChildren(h("p", { class: "muted", text: tr("chartEmpty") }));
    $("legend").replaceChildren();
  } else {
    const top = [...series].sort(
      (a, b) => b.values.reduce((x, y) => x + y, 0) - a.values.reduce((x, y) => x + y, 0),
    )[0];
    box.replaceChildren(
      stackedBars({
        buckets,
        series,
        formatNumber: fmtNum,
        formatBucket: fmtBucket,
        formatAxis: fmtAxis,
        label: tr("chartSummary", {
          total: fmtNum(total),
          from: fmtBucket(buckets[0] ?? 0),
          to: fmtBucket(buckets[buckets.length - 1] ?? 0),
          top: top ? top.label : "",
        }),
      }),
    );
    $("legend").replaceChildren(
      ...series.map((s) => {
        const sw = h("span", { class: "swatch", "aria-hidden": "true" });
        sw.style.background = CATEGORY_COLORS[/** @type {keyof typeof CATEGORY_COLORS} */ (s.id)];
        return h("li", {}, sw, `${s.label} (${fmtNum(s.values.reduce((a, b) => a + b, 0))})`);
      }),
    );
  }
  // Provider mix from the table's groups (the same query: no extra request).
  /** @type {Map<string, number>} */
  const byProvider = new Map();
  let failures = 0;
  for (const g of groups) {
    const k = g.provider ?? "";
    byProvider.set(k, (byProvider.get(k) ?? 0) + g.count);
    failures += g.count;
  }
  const providers = [...byProvider.entries()].sort((a, b) => b[1] - a[1]);
  const shown = providers.slice(0, 7);
  const rest = providers.slice(7).reduce((s, [, n]) => s + n, 0);
  const items = shown.map(([p, n]) => ({
    label: p ? p : tr("unknownProvider"),
    value: n,
    share: failures ? n / failures : 0,
  }));
  if (rest) items.push({ label: tr("others"), value: rest, share: rest / failures });
  $("chart-providers").replaceChildren(
    items.length
      ? horizontalBars({
          items,
          formatNumber: fmtNum,
          formatShare: (n) => fmtPct(n),
          label: items.map((i) => `${i.label}: ${fmtPct(i.share)}`).join("; "),
        })
      : h("p", { class: "muted", text: tr("chartEmpty") }),
  );
}

// ---------------------------------------------------------------- diagnose box

function renderDiagnosis(/** @type {any} */ result) {
  state.lastDiagnosis = result;
  const out = $("diagnose-result");
  if (result.pending) {
    out.replaceChildren(h("p", { class: "muted", text: tr("diagnosing") }));
    return;
  }
  if (result.empty) {
    out.replaceChildren(
      h("p", { class: "error", role: "alert", text: tr("emptyFile", { name: result.empty }) }),
    );
    return;
  }
  if (result.error !== undefined) {
    out.replaceChildren(
      h("p", { class: "error", role: "alert", text: tr("diagnoseFailed", { message: said(result.error) }) }),
    );
    return;
  }
  if (result.diagnosis) {
    out.replaceChildren(diagnosisCard(result.diagnosis, null));
    return;
  }
  const report = result.report;
  // Failures only: an auto-reply, a delivery or a complaint has no failure to diagnose.
  const failed = (report.recipients ?? []).filter(
    (/** @type {any} */ r) => r.diagnosis && (r.diagnosis.kind === "bounce" || r.diagnosis.kind === "delay"),
  );
  out.replaceChildren(
    h(
      "div",
      { class: "card report", dataset: { kind: report.kind } },
      h("h3", { text: `${tr("bounceReport")}: ${result.fileName ?? ""}` }),
      h(
        "dl",
        { class: "meta" },
        h("dt", { text: tr("kind") }),
        h("dd", { text: tr(`kind_${report.kind}`) }),
        h("dt", { text: tr("decoder") }),
        h("dd", { text: report.decoder ?? tr("none") }),
        h("dt", { text: tr("subject") }),
        h("dd", { text: report.subject ?? tr("none") }),
      ),
      failed.length ? null : h("p", { class: "muted", text: tr("noRecipients") }),
    ),
    ...failed.map((/** @type {any} */ r) => diagnosisCard(r.diagnosis, r.recipient)),
  );
}

function diagnosisCard(/** @type {any} */ d, /** @type {string | null} */ recipient) {
  const action = d.action?.type ? tr(`action_${d.action.type}`) : tr("none");
  const retry = d.action?.retryAfterSeconds
    ? ` (${tr("retryAfter", { time: humanSeconds(d.action.retryAfterSeconds) })})`
    : "";
  const ent = d.entities ?? {};
  const found = [...(ent.blocklists ?? []), ...(ent.ips ?? []), ...(ent.domains ?? []), ...(ent.urls ?? [])];
  const tips = d.tips?.[state.lang] ?? categoryInfo(d.category)?.tips?.[state.lang] ?? [];
  const sw = h("span", { class: "swatch", "aria-hidden": "true" });
  sw.style.background =
    CATEGORY_COLORS[/** @type {keyof typeof CATEGORY_COLORS} */ (d.category)] ?? "#6b7280";
  return h(
    "article",
    { class: "card diagnosis", dataset: { category: d.category } },
    h(
      "h3",
      {},
      sw,
      categoryName(d.category),
      recipient ? h("span", { class: "muted", text: ` · ${recipient}` }) : null,
    ),
    h("p", { class: "definition", text: categoryInfo(d.category)?.definition?.[state.lang] ?? "" }),
    h(
      "dl",
      { class: "meta" },
      h("dt", { text: tr("colErrorCode") }),
      h("dd", { class: "code", text: d.errorCode ?? tr("none") }),
      h("dt", { text: tr("colStatusCode") }),
      h("dd", { class: "code", text: d.statusCode ?? tr("none") }),
      h("dt", { text: tr("reason") }),
      h("dd", { class: "code", text: d.reason }),
      h("dt", { text: tr("permanence") }),
      h("dd", { text: tr(d.permanence) }),
      h("dt", { text: tr("action") }),
      h("dd", { text: action + retry }),
      h("dt", { text: tr("colProvider") }),
      h("dd", { text: providerName(d.provider) }),
    ),
    h("h4", { text: tr("evidence") }),
    h(
      "dl",
      { class: "meta" },
      h("dt", { text: tr("level") }),
      h("dd", { text: tr(`level_${d.evidence?.level ?? "none"}`) }),
      h("dt", { text: tr("matched") }),
      h("dd", {}, h("mark", { text: d.evidence?.matched ?? tr("none") })),
      h("dt", { text: tr("rule") }),
      h("dd", { class: "code", text: d.evidence?.ruleId ?? tr("none") }),
      h("dt", { text: tr("confidence") }),
      h("dd", { text: fmtPct(d.evidence?.confidence ?? 0) }),
      d.evidence?.alternatives?.length
        ? [
            h("dt", { text: tr("alternatives") }),
            h("dd", {
              text: d.evidence.alternatives
                .map((/** @type {any} */ a) => categoryName(a.category))
                .join(", "),
            }),
          ]
        : null,
      found.length
        ? [h("dt", { text: tr("entities") }), h("dd", { class: "code", text: found.join(", ") })]
        : null,
    ),
    h("h4", { text: tr("detailTips") }),
    h("ol", { class: "tips" }, ...tips.map((/** @type {string} */ x) => h("li", { text: x }))),
  );
}

function humanSeconds(/** @type {number} */ s) {
  const unit = s >= 3600 ? "hour" : s >= 60 ? "minute" : "second";
  const v = unit === "hour" ? s / 3600 : unit === "minute" ? s / 60 : s;
  return new Intl.NumberFormat(locale(), {
    style: "unit",
    unit,
    unitDisplay: "long",
    maximumFractionDigits: 1,
  }).format(v);
}

async function diagnoseReply(/** @type {string} */ text) {
  renderDiagnosis({ pending: true });
  try {
    const d = await api("/v1/diagnose", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response: text, lang: "all" }),
    });
    renderDiagnosis({ diagnosis: d });
  } catch (e) {
    renderDiagnosis({ error: e });
  }
}

async function diagnoseFile(/** @type {File} */ file) {
  // The API's answer to an empty body speaks of request bodies and content types, not of files.
  if (!file.size) {
    renderDiagnosis({ empty: file.name });
    return;
  }
  renderDiagnosis({ pending: true });
  try {
    const r = await api("/v1/bounces?store=false&lang=all", {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: await file.arrayBuffer(),
    });
    renderDiagnosis({ report: r.report, fileName: file.name });
  } catch (e) {
    renderDiagnosis({ error: e });
  }
}

// ---------------------------------------------------------------- suppressions

async function loadSuppressions(/** @type {boolean} */ more = false) {
  const p = new URLSearchParams({ limit: "20" });
  if (state.supp.search) p.set("search", state.supp.search);
  if (more && state.supp.next) p.set("after", state.supp.next);
  try {
    const r = await api(`/v1/suppressions?${p}`);
    state.supp.items = more ? [...state.supp.items, ...r.items] : r.items;
    state.supp.next = r.next;
    renderSuppressions();
  } catch (e) {
    tell("supp-status", () => tr("failed", { message: said(e) }));
  }
}

function renderSuppressions() {
  const table = /** @type {HTMLTableElement} */ ($("supp-table"));
  /** @type {HTMLTableRowElement} */ (
    /** @type {HTMLTableSectionElement} */ (table.tHead).rows[0]
  ).replaceChildren(
    ...["address", "reason", "since", "expires", ""].map((k) =>
      h("th", { scope: "col", text: k ? tr(k) : "" }),
    ),
  );
  const body = /** @type {HTMLTableSectionElement} */ (table.tBodies[0]);
  const items = state.supp.items;
  body.replaceChildren(
    ...(items.length
      ? items.map((/** @type {any} */ s) =>
          h(
            "tr",
            { dataset: { address: s.address } },
            h("td", { class: "addr", text: s.address }),
            h(
              "td",
              {},
              s.category in CATEGORY_COLORS
                ? categoryName(s.category)
                : s.category === "complaint"
                  ? tr("complaints")
                  : s.category === "manual"
                    ? tr("manualEntry")
                    : s.category,
              h("div", { class: "muted code", text: s.reason }),
            ),
            h("td", {}, h("time", { datetime: s.createdAt, text: fmtDateTime(s.createdAt) })),
            h("td", { text: s.expiresAt ? fmtDate(s.expiresAt) : tr("never") }),
            h(
              "td",
              {},
              h("button", {
                type: "button",
                class: "danger small",
                "aria-label": tr("removeLabel", { address: s.address }),
                text: tr("remove"),
                onclick: () => confirmRemove(s.address),
              }),
            ),
          ),
        )
      : [h("tr", {}, h("td", { colspan: 5, class: "empty", text: tr("noSuppressions") }))]),
  );
  $("supp-more").hidden = !state.supp.next;
}

function confirmRemove(/** @type {string} */ address) {
  const dialog = /** @type {HTMLDialogElement} */ ($("confirm"));
  $("confirm-text").textContent = tr("confirmText", { address });
  dialog.dataset.address = address;
  dialog.showModal();
  $("confirm-cancel").focus();
}

async function removeConfirmed() {
  const dialog = /** @type {HTMLDialogElement} */ ($("confirm"));
  const address = dialog.dataset.address ?? "";
  dialog.close();
  try {
    await api(`/v1/suppressions/${encodeURIComponent(address)}`, { method: "DELETE" });
    state.supp.items = state.supp.items.filter((s) => s.address !== address);
    renderSuppressions();
    tell("supp-status", () => tr("removed", { address }));
    /** @type {HTMLElement} */ ($("supp-q")).focus();
  } catch (e) {
    tell("supp-status", () => tr("removeFailed", { address, message: said(e) }));
  }
}

// ---------------------------------------------------------------- sign-in

function showLogin(/** @type {(() => string) | null} */ error = null) {
  $("app").hidden = true;
  $("sections").hidden = true;
  $("signout").hidden = true;
  $("login").hidden = false;
  tell("login-error", error);
  main.dataset.state = "login";
  /** @type {HTMLInputElement} */ ($("api-key")).focus();
}

function signOut(/** @type {(() => string) | null} */ error = null) {
  state.key = null;
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {}
  state.seq++;
  showLogin(error);
}

async function start() {
  $("login").hidden = true;
  $("app").hidden = false;
  $("sections").hidden = false;
  $("signout").hidden = !state.key;
  main.dataset.state = "loading";
  // The menus' values may differ for another key: asked for again with the first figures.
  state.facets = null;
  state.meta = null;
  load();
  loadSuppressions();
}

async function init() {
  const saved = (() => {
    try {
      return localStorage.getItem(LANG_STORAGE);
    } catch {
      return null;
    }
  })();
  state.lang = saved === "en" || saved === "id" ? saved : browserLang();
  applyLang();
  readUrl();
  /** @type {HTMLSelectElement} */ ($("f-range")).value = state.range;

  $("lang").addEventListener("change", (e) =>
    setLang(/** @type {any} */ (e.target).value === "id" ? "id" : "en"),
  );
  $("login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($("api-key"));
    state.key = input.value.trim();
    tell("login-error", null);
    try {
      state.catalog = await api("/v1/catalog");
    } catch (e) {
      // A key refused (401): api() has shown the form again with why. Anything else is not the
      // key's fault: say what happened, keep the key typed in to try again.
      if (!(e instanceof ApiError && e.status === 401)) {
        state.key = null;
        tell("login-error", () => tr("signInFailed", { message: said(e) }));
      }
      return;
    }
    try {
      sessionStorage.setItem(KEY_STORAGE, state.key);
    } catch {}
    input.value = "";
    start();
  });
  $("signout").addEventListener("click", () => signOut());
  $("retry").addEventListener("click", () => load());
  $("filter-form").addEventListener("change", onFilterChange);
  $("filter-form").addEventListener("submit", (e) => e.preventDefault());
  $("f-reset").addEventListener("click", () => {
    state.filters = {};
    fillFilterMenus();
    onFilterChange();
  });
  window.addEventListener("popstate", () => {
    readUrl();
    fillFilterMenus();
    load();
  });
  $("detail").addEventListener("click", (e) => {
    const d = /** @type {HTMLDialogElement} */ ($("detail"));
    if (e.target === d || /** @type {HTMLElement} */ (e.target).closest("[data-close]")) d.close();
  });
  $("detail").addEventListener("close", () => {
    detailRow = null;
  });
  $("confirm-cancel").addEventListener("click", () =>
    /** @type {HTMLDialogElement} */ ($("confirm")).close(),
  );
  $("confirm-ok").addEventListener("click", removeConfirmed);
  $("supp-search").addEventListener("submit", (e) => {
    e.preventDefault();
    state.supp.search = /** @type {HTMLInputElement} */ ($("supp-q")).value.trim();
    loadSuppressions();
  });
  $("supp-more").addEventListener("click", () => loadSuppressions(true));
  $("diagnose-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = /** @type {HTMLTextAreaElement} */ ($("reply")).value.trim();
    if (text) diagnoseReply(text);
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const file = e.dataTransfer?.files?.[0];
    if (file) diagnoseFile(file);
  });
  $("eml").addEventListener("change", (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const file = input.files?.[0];
    if (file) diagnoseFile(file);
    input.value = "";
  });

  try {
    state.key = sessionStorage.getItem(KEY_STORAGE);
  } catch {
    state.key = null;
  }
  if (!state.key) {
    // A service run with --no-auth needs no key: ask only when the API says so.
    let r;
    try {
      r = await fetch("/v1/catalog", { credentials: "omit", cache: "no-store" });
    } catch {
      // No answer: whether a key is needed is unknown; the form says why and retries on submit.
      return showLogin(() => tr("signInFailed", { message: tr("unreachable") }));
    }
    if (r.status === 401) return showLogin();
  }
  start();
}

init();
