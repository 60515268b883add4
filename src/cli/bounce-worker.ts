// A worker thread of `diagnosa bounce`: parses the messages it is sent, answers with the reports.
import { parentPort } from "node:worker_threads";
import { parseBounce } from "../bounce/parse.js";
import type { ParseBounceOptions } from "../bounce/types.js";
import { workerFailure } from "./bounce.js";

parentPort!.on("message", async (job: { id: number; data: Uint8Array; options: ParseBounceOptions }) => {
  try {
    const report = await parseBounce(job.data, job.options);
    parentPort!.postMessage({ id: job.id, report });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: workerFailure(e) });
  }
});
