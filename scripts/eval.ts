// npm run eval: accuracy of diagnosa over the shared corpus.
import { corpusDir, loadResponses } from "./corpus.js";
import { evaluateResponses, printResponsesReport } from "./eval-responses.js";

const dir = corpusDir();
if (!dir) {
  console.error("eval: ../shared/corpus not found (set DIAGNOSA_CORPUS to its path)");
  process.exit(2);
}
const worst = Number(process.argv.find((a) => a.startsWith("--worst="))?.slice(8) ?? 25);
printResponsesReport(evaluateResponses(loadResponses(dir)), worst);
