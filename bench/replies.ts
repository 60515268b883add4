// npm run bench: replies diagnosed per second on one thread, over the corpus replies, after warm-up.
// Prints figures; asserts nothing. The baseline in the same run is the same rule set tried one rule
// at a time (no prefilter), so the ratio shows what the compiled automaton buys.

import { corpusDir, loadResponses } from "../scripts/corpus.js";
import type { ReplyInput } from "../src/classify/diagnosis.js";
import { defaultEngine, diagnose } from "../src/index.js";
import { PROVIDER_DEFS, RULE_TABLES } from "../src/rules/index.js";
import { normalizeReplyText } from "../src/smtp/reply.js";

const dir = corpusDir();
if (!dir) {
  console.error("bench: ../shared/corpus not found (set DIAGNOSA_CORPUS)");
  process.exit(2);
}
const inputs: ReplyInput[] = loadResponses(dir).map((c) => ({
  response: c.response,
  errorCode: c.errorCode,
  statusCode: c.statusCode,
  command: c.command,
  remoteHost: c.remoteHost,
}));
const seconds = Number(process.env.BENCH_SECONDS ?? 3);

/**
 * Rate of `fn` after a warm-up, measured in rounds: the median round is the figure (a shared
 * machine's speed drifts from one second to the next), the best and worst show the spread.
 */
function measure(name: string, fn: (i: number) => unknown): number {
  // Warm-up: let the JIT settle before timing.
  const warmEnd = performance.now() + 1500;
  let i = 0;
  while (performance.now() < warmEnd) fn(i++);
  const rounds = Math.max(3, Math.round(seconds * 2));
  const rates: number[] = [];
  let total = 0;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const start = performance.now();
    const end = start + (seconds * 1000) / rounds;
    while (performance.now() < end) {
      for (let k = 0; k < 1000; k++) {
        if (fn(total + n++)) sink++;
      }
    }
    total += n;
    rates.push(n / ((performance.now() - start) / 1000));
  }
  // Keep the results observable so the work cannot be optimised away.
  (globalThis as { benchSink?: number }).benchSink = sink;
  rates.sort((a, b) => a - b);
  const median = rates[rates.length >> 1]!;
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(
    `  ${name.padEnd(44)} ${fmt(median).padStart(12)} /s   (median of ${rounds} rounds; best ${fmt(rates[rates.length - 1]!)}, worst ${fmt(rates[0]!)})`,
  );
  return median;
}

const engine = defaultEngine();
const size = engine.size;
const avgLen = Math.round(inputs.reduce((s, x) => s + x.response.length, 0) / inputs.length);
console.log(
  `diagnosa reply benchmark: ${inputs.length} corpus replies (mean ${avgLen} chars), ${size.rules} rules, ${size.keywords} keywords, ${size.states} automaton states, ${seconds} s each, Node ${process.version}`,
);

measure("diagnose() without tips", (i) => diagnose(inputs[i % inputs.length]!, { lang: "none" }).category);
measure("diagnose() with tips (en, id)", (i) => diagnose(inputs[i % inputs.length]!).category);
measure(
  "diagnose() without tips, again",
  (i) => diagnose(inputs[i % inputs.length]!, { lang: "none" }).category,
);
const texts = inputs.map((x) => normalizeReplyText(x.response));
const matchOnly = measure(
  "rule matching only (automaton + regex gates)",
  (i) => engine.matches(texts[i % texts.length]!).length,
);

// Baseline: every rule tried on every reply, as a rule list without a prefilter would.
const escapeRe = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const baselineRules: RegExp[] = [];
for (const table of [...RULE_TABLES, ...PROVIDER_DEFS.map((p) => ({ rules: p.rules }))]) {
  for (const spec of table.rules) {
    if (spec.match instanceof RegExp) baselineRules.push(new RegExp(spec.match.source, "i"));
    else {
      const list = typeof spec.match === "string" ? [spec.match] : spec.match;
      baselineRules.push(new RegExp(`(?:${list.map(escapeRe).join("|")})`, "i"));
    }
  }
}
const baseline = measure("baseline: every rule tried in turn", (i) => {
  const t = texts[i % texts.length]!;
  let hits = 0;
  for (const re of baselineRules) if (re.test(t)) hits++;
  return hits;
});
console.log(`  ratio rule matching / baseline: ${(matchOnly / baseline).toFixed(1)}x`);
console.log(`  peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
