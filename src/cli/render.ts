import pc from "picocolors";
import { CATEGORIES } from "../catalog/categories.js";
import { enhancedStatusMeaning } from "../catalog/enhanced-status.js";
import { REASONS } from "../catalog/reasons.js";
import type { Category, Lang } from "../catalog/types.js";
import type { Diagnosis } from "../classify/diagnosis.js";
import { ACTION_NAMES, formatDuration, KIND_NAMES, LABELS, PERMANENCE_NAMES } from "./i18n.js";

export type Colors = ReturnType<typeof pc.createColors>;

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

const CATEGORY_COLOR: Record<Category, keyof Colors> = {
  blocked: "red",
  dmarc: "magenta",
  invalid_address: "red",
  inbox: "yellow",
  inbox_full: "yellow",
  rate_limit: "cyan",
  recipient_error: "yellow",
  rejection: "red",
  sender_reputation: "magenta",
  unknown: "gray",
};

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `value` with every string in it made safe for a terminal: control characters (an escape sequence
 * in a bounce or a message could retitle the window, clear the screen, fake lines) shown as \u…
 * escapes. Line feeds and tabs stay. For readable output only; JSON escapes them itself.
 */
export function terminalSafe<T>(value: T): T {
  if (typeof value === "string")
    return value.replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) as T;
  if (Array.isArray(value)) return value.map(terminalSafe) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terminalSafe(v)])) as T;
  return value;
}

function paint(c: Colors, name: keyof Colors, text: string): string {
  const f = c[name];
  return typeof f === "function" ? (f as (s: string) => string)(text) : text;
}

/** A diagnosis as a person reads it, every word in `lang`. */
export function renderDiagnosis(
  given: Diagnosis,
  lang: Lang,
  c: Colors,
  options: { tips?: boolean } = {},
): string {
  const d = terminalSafe(given);
  const L = LABELS[lang];
  const info = CATEGORIES[d.category];
  const reason = REASONS.get(d.reason);
  const lines: string[] = [];
  // A success has no failure category to explain, no permanence and no tips: the reply is the news.
  const delivered = d.kind === "delivered";
  const head = delivered ? KIND_NAMES[lang][d.kind] : `${KIND_NAMES[lang][d.kind]}: ${info.name[lang]}`;
  lines.push(
    `${paint(c, CATEGORY_COLOR[d.category], c.bold(head))}${reason && !delivered ? ` — ${reason.name[lang]}` : ""}`,
  );
  const row = (label: string, value: string) => lines.push(`  ${c.dim(label.padEnd(13))}${value}`);

  if (d.errorCode !== null || d.statusCode !== null) {
    const meaning = d.statusCode ? enhancedStatusMeaning(d.statusCode)?.meaning?.[lang] : undefined;
    row(
      L.reply,
      [d.errorCode ?? "", d.statusCode ?? ""].join(" ").trim() + (meaning ? c.dim(`  (${meaning})`) : ""),
    );
  }
  if (!delivered) row(L.permanence, PERMANENCE_NAMES[lang][d.permanence]);
  let action = ACTION_NAMES[lang][d.action.type];
  if (d.action.retryAfterSeconds !== null) {
    action += `; ${L.retryIn} ${formatDuration(d.action.retryAfterSeconds, lang)}`;
    if (d.action.retryAfterSource === "text") action += ` (${L.statedByServer})`;
  }
  row(L.action, action);
  if (d.provider) row(L.provider, d.provider);
  if (d.command) row(L.stage, d.command);
  if (d.remoteHost) row(L.host, d.remoteHost);
  const ev = d.evidence;
  if (!(delivered && !ev.ruleId))
    row(
      L.evidence,
      ev.ruleId
        ? `${L.rule} ${ev.ruleId} (${L.levels[ev.level]}, ${L.confidence} ${ev.confidence.toFixed(2)})${ev.matched ? `: "${ev.matched}"` : ""}`
        : L.noEvidence,
    );
  const found = (Object.keys(L.entities) as (keyof typeof L.entities)[])
    .filter((k) => d.entities[k].length)
    .map((k) => `${L.entities[k]}: ${d.entities[k].slice(0, 5).join(", ")}`);
  if (found.length) row(L.found, found.join("; "));

  if (delivered) return lines.join("\n");
  lines.push("", `  ${c.bold(L.meaning)}`, `    ${info.definition[lang]}`);
  if (options.tips !== false) {
    lines.push("", `  ${c.bold(L.todo)}`);
    info.tips[lang].forEach((tip, i) => {
      lines.push(`    ${i + 1}. ${tip}`);
    });
  }
  return lines.join("\n");
}
