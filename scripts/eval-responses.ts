import type { Category } from "../src/catalog/types.js";
import { CATEGORY_IDS } from "../src/catalog/types.js";
import type { Diagnosis } from "../src/classify/diagnosis.js";
import { diagnose } from "../src/index.js";
import type { ResponseCase } from "./corpus.js";

export interface Miss {
  id: string;
  expected: string;
  also: string[];
  got: Category;
  ruleId: string | null;
  response: string;
}

export interface ResponsesReport {
  total: number;
  scored: number;
  primary: number;
  withAlso: number;
  unknown: number;
  confusion: Map<string, Map<string, number>>;
  perCategory: Map<string, { tp: number; fp: number; fn: number }>;
  misses: Miss[];
}

/** Scores the classifier over responses.jsonl: the numbers the accuracy gate checks. */
export function evaluateResponses(cases: readonly ResponseCase[]): ResponsesReport {
  const confusion = new Map<string, Map<string, number>>();
  const perCategory = new Map<string, { tp: number; fp: number; fn: number }>();
  for (const c of CATEGORY_IDS) perCategory.set(c, { tp: 0, fp: 0, fn: 0 });
  let scored = 0;
  let primary = 0;
  let withAlso = 0;
  let unknown = 0;
  const misses: Miss[] = [];
  for (const c of cases) {
    if (!c.category) continue;
    scored++;
    const d: Diagnosis = diagnose(
      {
        response: c.response,
        errorCode: c.errorCode,
        statusCode: c.statusCode,
        command: c.command,
        remoteHost: c.remoteHost,
      },
      { lang: "none" },
    );
    const got = d.category;
    if (got === "unknown") unknown++;
    const row = confusion.get(c.category) ?? new Map<string, number>();
    row.set(got, (row.get(got) ?? 0) + 1);
    confusion.set(c.category, row);
    const ok = got === c.category;
    const okAlso = ok || c.also.includes(got);
    if (ok) primary++;
    if (okAlso) withAlso++;
    if (ok) perCategory.get(got)!.tp++;
    else {
      perCategory.get(c.category)!.fn++;
      perCategory.get(got)!.fp++;
    }
    if (!okAlso) {
      misses.push({
        id: c.id,
        expected: c.category,
        also: c.also,
        got,
        ruleId: d.evidence.ruleId,
        response: c.response,
      });
    }
  }
  return { total: cases.length, scored, primary, withAlso, unknown, confusion, perCategory, misses };
}

const pct = (n: number, d: number): string => `${d ? ((100 * n) / d).toFixed(1) : "0.0"}%`;

export function printResponsesReport(r: ResponsesReport, worst = 25): void {
  console.log(`responses.jsonl: ${r.scored} scored of ${r.total}`);
  console.log(`  accuracy (primary)       ${pct(r.primary, r.scored)}  (${r.primary}/${r.scored})`);
  console.log(`  accuracy (counting also) ${pct(r.withAlso, r.scored)}  (${r.withAlso}/${r.scored})`);
  console.log(`  unknown rate             ${pct(r.unknown, r.scored)}  (${r.unknown})`);
  console.log("\n  per category              precision  recall   support");
  for (const [cat, s] of r.perCategory) {
    const support = s.tp + s.fn;
    if (!support && !s.fp) continue;
    console.log(
      `  ${cat.padEnd(24)} ${pct(s.tp, s.tp + s.fp).padStart(9)} ${pct(s.tp, support).padStart(8)} ${String(support).padStart(8)}`,
    );
  }
  const cats = CATEGORY_IDS.filter(
    (c) => r.perCategory.get(c)!.tp + r.perCategory.get(c)!.fn + r.perCategory.get(c)!.fp > 0,
  );
  const short = (c: string) =>
    c
      .replace("invalid_address", "invalid")
      .replace("recipient_error", "rcpt_err")
      .replace("sender_reputation", "reputation")
      .slice(0, 10);
  console.log("\n  confusion (rows: expected, columns: got)");
  console.log(`  ${"".padEnd(12)}${cats.map((c) => short(c).padStart(11)).join("")}`);
  for (const e of cats) {
    const row = r.confusion.get(e);
    if (!row) continue;
    console.log(`  ${short(e).padEnd(12)}${cats.map((g) => String(row.get(g) ?? "").padStart(11)).join("")}`);
  }
  console.log(`\n  worst misses (${r.misses.length} in all, ${Math.min(worst, r.misses.length)} shown):`);
  for (const m of r.misses.slice(0, worst)) {
    console.log(
      `  - ${m.id}: expected ${m.expected}${m.also.length ? ` (also ${m.also.join(",")})` : ""}, got ${m.got} by ${m.ruleId ?? "-"}`,
    );
    console.log(`      ${m.response.slice(0, 200).replace(/\s+/g, " ")}`);
  }
}
