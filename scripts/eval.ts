// npm run eval: accuracy of diagnosa over the shared corpus.

import { join } from "node:path";
import { corpusDir, loadResponses } from "./corpus.js";
import { evaluateBounces, printBouncesReport } from "./eval-bounces.js";
import { evaluateResponses, printResponsesReport } from "./eval-responses.js";

const dir = corpusDir();
if (!dir) {
  console.error("eval: ../shared/corpus not found (set DIAGNOSA_CORPUS to its path)");
  process.exit(2);
}
const worst = Number(process.argv.find((a) => a.startsWith("--worst="))?.slice(8) ?? 25);
const only = process.argv.find((a) => a.startsWith("--misses="))?.slice(9);
if (!process.argv.includes("--bounces")) printResponsesReport(evaluateResponses(loadResponses(dir)), worst);
if (!process.argv.includes("--responses")) {
  printBouncesReport(
    await evaluateBounces(join(dir, "sisimai")),
    only ? new Set(only.split(",")) : undefined,
  );
}
