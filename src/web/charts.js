// Inline SVG charts drawn by hand: a stacked bar chart of failures over time per category and a
// horizontal bar chart of the provider mix. No library, nothing loaded from elsewhere.

const NS = "http://www.w3.org/2000/svg";

/** One colour per category (readable on white; the legend and titles carry the meaning). */
export const CATEGORY_COLORS = {
  blocked: "#b3261e",
  dmarc: "#7b3fa0",
  invalid_address: "#0b5cad",
  inbox: "#2f7d8c",
  inbox_full: "#5f8f2f",
  rate_limit: "#c0620a",
  recipient_error: "#8a6d00",
  rejection: "#a3336b",
  sender_reputation: "#4b4f9c",
  unknown: "#6b7280",
};

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [title]
 */
function el(tag, attrs = {}, title) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (title) {
    const t = document.createElementNS(NS, "title");
    t.textContent = title;
    n.append(t);
  }
  return n;
}

/**
 * A round axis maximum and tick step for counts up to max. Counts are whole: the step is a whole
 * number (no "0.25" failures on an hour with one, no 2.5 between 0 and 5).
 */
function niceScale(max, ticks = 4) {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw && s >= 1 && Number.isInteger(s)) ??
    Math.max(1, 10 * mag);
  return { max: Math.ceil(max / step) * step, step };
}

/**
 * Failures per time bucket, stacked by category. `formatBucket` names a bucket in the bars' titles,
 * `formatAxis` (by default the same) along the axis.
 * @param {{
 *   buckets: number[],
 *   series: { id: string, label: string, values: number[] }[],
 *   formatNumber: (n: number) => string,
 *   formatBucket: (ms: number) => string,
 *   formatAxis?: (ms: number) => string,
 *   label: string,
 * }} o
 */
export function stackedBars(o) {
  const W = 720;
  const H = 240;
  const left = 48;
  const right = 8;
  const top = 10;
  const bottom = 28;
  const svg = el("svg", {
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    "aria-label": o.label,
    class: "chart",
    preserveAspectRatio: "xMidYMid meet",
  });
  const totals = o.buckets.map((_, i) => o.series.reduce((s, c) => s + (c.values[i] ?? 0), 0));
  const { max, step } = niceScale(Math.max(0, ...totals));
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const y = (v) => top + plotH - (v / max) * plotH;
  for (let v = 0; v <= max + step / 2; v += step) {
    svg.append(el("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), class: "grid" }));
    const t = el("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" });
    t.textContent = o.formatNumber(v);
    svg.append(t);
  }
  const n = Math.max(1, o.buckets.length);
  const slot = plotW / n;
  const barW = Math.max(1, slot * 0.8);
  const g = el("g");
  o.buckets.forEach((b, i) => {
    let acc = 0;
    const x = left + i * slot + (slot - barW) / 2;
    for (const s of o.series) {
      const v = s.values[i] ?? 0;
      if (!v) continue;
      const y1 = y(acc + v);
      const h = y(acc) - y1;
      acc += v;
      g.append(
        el(
          "rect",
          {
            x: x.toFixed(2),
            y: y1.toFixed(2),
            width: barW.toFixed(2),
            height: Math.max(0.5, h).toFixed(2),
            fill: CATEGORY_COLORS[s.id] ?? "#6b7280",
          },
          `${o.formatBucket(b)} · ${s.label}: ${o.formatNumber(v)}`,
        ),
      );
    }
  });
  svg.append(g);
  // A few dates along the axis: first, last and some between.
  const labels = Math.min(n, 6);
  for (let k = 0; k < labels; k++) {
    const i = labels === 1 ? 0 : Math.round((k * (n - 1)) / (labels - 1));
    const b = o.buckets[i];
    if (b === undefined) continue;
    const t = el("text", {
      x: left + i * slot + slot / 2,
      y: H - 8,
      "text-anchor": k === 0 ? "start" : k === labels - 1 ? "end" : "middle",
      class: "axis",
    });
    t.textContent = (o.formatAxis ?? o.formatBucket)(b);
    svg.append(t);
  }
  svg.append(el("line", { x1: left, x2: W - right, y1: y(0), y2: y(0), class: "baseline" }));
  return svg;
}

/**
 * Horizontal bars: one per item, with its label, count and share written out.
 * @param {{
 *   items: { label: string, value: number, share: number }[],
 *   formatNumber: (n: number) => string,
 *   formatShare: (n: number) => string,
 *   label: string,
 * }} o
 */
export function horizontalBars(o) {
  const W = 420;
  const row = 26;
  // As wide as the longest name needs (about 6.8 units a character at 12px), within bounds: the
  // Indonesian "lainnya / tidak diketahui" is whole, the bars keep room.
  const longest = Math.max(0, ...o.items.map((i) => i.label.length));
  const labelW = Math.min(200, Math.max(90, Math.ceil(longest * 6.8) + 12));
  const maxChars = Math.floor((labelW - 12) / 6.8);
  const valueW = 110;
  const H = Math.max(row, o.items.length * row) + 4;
  const svg = el("svg", {
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    "aria-label": o.label,
    class: "chart bars",
  });
  const max = Math.max(1, ...o.items.map((i) => i.value));
  const barMax = W - labelW - valueW;
  o.items.forEach((it, i) => {
    const yTop = i * row + 4;
    const name = el("text", { x: labelW - 8, y: yTop + 15, "text-anchor": "end", class: "label" });
    name.textContent = it.label.length > maxChars ? `${it.label.slice(0, maxChars - 1)}…` : it.label;
    svg.append(name);
    svg.append(
      el(
        "rect",
        {
          x: labelW,
          y: yTop + 3,
          width: Math.max(1, (it.value / max) * barMax).toFixed(2),
          height: row - 10,
          class: "bar",
        },
        `${it.label}: ${o.formatNumber(it.value)} (${o.formatShare(it.share)})`,
      ),
    );
    const v = el("text", { x: W - 4, y: yTop + 15, "text-anchor": "end", class: "value" });
    v.textContent = `${o.formatNumber(it.value)} · ${o.formatShare(it.share)}`;
    svg.append(v);
  });
  return svg;
}
