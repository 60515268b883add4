import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isComplaint } from "../src/bounce/arf.js";
import { parseBounce } from "../src/bounce/parse.js";
import type { BounceReport } from "../src/bounce/types.js";

interface Label {
  file: string;
  index: number;
  recipient: string;
  kind: string;
  category: string | null;
  also: string[];
  errorCode: string | null;
  statusCode: string | null;
}

export interface BounceMiss {
  file: string;
  index: number;
  field: "missing" | "kind" | "recipient" | "category" | "status" | "reply";
  expected: string;
  got: string;
}

export interface BouncesReport {
  labels: number;
  scoredCategory: number;
  categoryAlso: number;
  categoryPrimary: number;
  recipient: number;
  status: number;
  statusStrict: number;
  reply: number;
  kind: Map<string, { expected: number; got: number; byDesign?: number }>;
  notBounce: { total: number; ok: number };
  misses: BounceMiss[];
  files: number;
}

// Sisimai writes x.0.9xx when a message states no status code: its own marker, not an RFC 3463
// code. diagnosa reports null there (the taxonomy's rule), so those count as equal to null.
const PSEUDO_STATUS = /^[245]\.0\.9\d\d$/;

export async function evaluateBounces(dir: string): Promise<BouncesReport> {
  const labels = readFileSync(join(dir, "labels.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Label);
  const byFile = new Map<string, Label[]>();
  for (const l of labels) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  const r: BouncesReport = {
    labels: labels.length,
    scoredCategory: 0,
    categoryAlso: 0,
    categoryPrimary: 0,
    recipient: 0,
    status: 0,
    statusStrict: 0,
    reply: 0,
    kind: new Map(),
    notBounce: { total: 0, ok: 0 },
    misses: [],
    files: 0,
  };
  const bsd = join(dir, "maildir/bsd");
  for (const file of readdirSync(bsd).sort()) {
    const expected = byFile.get(file) ?? [];
    let report: BounceReport;
    try {
      report = await parseBounce(readFileSync(join(bsd, file)));
    } catch (e) {
      for (const l of expected)
        r.misses.push({ file, index: l.index, field: "missing", expected: l.recipient, got: String(e) });
      continue;
    }
    r.files++;
    for (const l of expected) {
      const k = r.kind.get(l.kind) ?? { expected: 0, got: 0 };
      k.expected++;
      r.kind.set(l.kind, k);
      const got = report.recipients[l.index - 1];
      if (!got) {
        r.misses.push({
          file,
          index: l.index,
          field: "missing",
          expected: l.recipient,
          got: `${report.kind}/${report.decoder}/${report.recipients.length}`,
        });
        continue;
      }
      const kind = report.kind === "delay" ? "bounce" : report.kind;
      if (kind === l.kind) k.got++;
      else if (l.kind === "complaint" && report.feedback && !isComplaint(report.feedback.feedbackType)) {
        // The corpus files every feedback report as a complaint; a not-spam or auth-failure report is
        // none by design (docs/bounce.md, "Feedback reports"): counted apart, not as a miss.
        k.byDesign = (k.byDesign ?? 0) + 1;
      } else r.misses.push({ file, index: l.index, field: "kind", expected: l.kind, got: report.kind });
      if (got.recipient.toLowerCase() === (l.recipient ?? "").toLowerCase()) r.recipient++;
      else
        r.misses.push({
          file,
          index: l.index,
          field: "recipient",
          expected: l.recipient,
          got: got.recipient,
        });
      const d = got.diagnosis;
      if (l.category) {
        r.scoredCategory++;
        if (d.category === l.category) r.categoryPrimary++;
        if (d.category === l.category || l.also.includes(d.category)) r.categoryAlso++;
        else
          r.misses.push({
            file,
            index: l.index,
            field: "category",
            expected: `${l.category}${l.also.length ? ` (also ${l.also.join(",")})` : ""}`,
            got: `${d.category} by ${d.evidence.ruleId} [${got.decoder}]: ${got.diagnosticText.slice(0, 160)}`,
          });
      }
      const want = l.statusCode || null;
      if (d.statusCode === want) r.statusStrict++;
      if (d.statusCode === want || (want && PSEUDO_STATUS.test(want) && d.statusCode === null)) r.status++;
      else
        r.misses.push({
          file,
          index: l.index,
          field: "status",
          expected: String(want),
          got: String(d.statusCode),
        });
      const wantReply = l.errorCode ? Number(l.errorCode) : null;
      if (d.errorCode === wantReply) r.reply++;
      else
        r.misses.push({
          file,
          index: l.index,
          field: "reply",
          expected: String(wantReply),
          got: String(d.errorCode),
        });
    }
  }
  const not = join(dir, "maildir/not");
  for (const file of readdirSync(not).sort()) {
    r.notBounce.total++;
    try {
      const report = await parseBounce(readFileSync(join(not, file)));
      if (report.kind === "not_bounce") r.notBounce.ok++;
      else
        r.misses.push({
          file: `not/${file}`,
          index: 0,
          field: "kind",
          expected: "not_bounce",
          got: report.kind,
        });
    } catch (e) {
      r.misses.push({ file: `not/${file}`, index: 0, field: "kind", expected: "not_bounce", got: String(e) });
    }
  }
  return r;
}

const pct = (n: number, d: number): string => `${d ? ((100 * n) / d).toFixed(1) : "0.0"}%`;

export function printBouncesReport(r: BouncesReport, fields?: Set<string>): void {
  console.log(`\nsisimai corpus: ${r.files} emails read, ${r.labels} labelled recipients`);
  console.log(
    `  category (counting also)  ${pct(r.categoryAlso, r.scoredCategory)}  (${r.categoryAlso}/${r.scoredCategory})`,
  );
  console.log(
    `  category (primary)        ${pct(r.categoryPrimary, r.scoredCategory)}  (${r.categoryPrimary}/${r.scoredCategory})`,
  );
  console.log(`  recipient address         ${pct(r.recipient, r.labels)}  (${r.recipient}/${r.labels})`);
  console.log(
    `  status code               ${pct(r.status, r.labels)}  (${r.status}/${r.labels}; strict, Sisimai's x.0.9xx markers as codes: ${pct(r.statusStrict, r.labels)})`,
  );
  console.log(`  reply code                ${pct(r.reply, r.labels)}  (${r.reply}/${r.labels})`);
  for (const [k, v] of r.kind)
    console.log(
      `  kind ${k.padEnd(20)} ${v.got}/${v.expected} recognised${v.byDesign ? ` (${v.byDesign} more are feedback reports of type auth-failure or not-spam: no complaint, by design)` : ""}`,
    );
  console.log(`  maildir/not               ${r.notBounce.ok}/${r.notBounce.total} not_bounce`);
  const shown = r.misses.filter((m) => !fields || fields.has(m.field));
  console.log(`\n  misses (${r.misses.length} in all${fields ? `, ${shown.length} shown` : ""}):`);
  for (const m of shown)
    console.log(`  - ${m.file}#${m.index} ${m.field}: expected ${m.expected}, got ${m.got}`);
}
