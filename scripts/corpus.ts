// Locates the shared evaluation corpus (never copied into the project).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export interface ResponseCase {
  id: string;
  response: string;
  errorCode: string | null;
  statusCode: string | null;
  command: string | null;
  remoteHost: string | null;
  category: string | null;
  also: string[];
}

/** `../shared/corpus` beside the checkout, or DIAGNOSA_CORPUS. */
export function corpusDir(): string | null {
  const candidates = [process.env.DIAGNOSA_CORPUS, resolve(process.cwd(), "../shared/corpus")];
  let dir = process.cwd();
  for (let i = 0; i < 4; i++) {
    candidates.push(join(dir, "../shared/corpus"));
    dir = dirname(dir);
  }
  for (const c of candidates) if (c && existsSync(join(c, "responses.jsonl"))) return c;
  return null;
}

export function loadResponses(dir: string): ResponseCase[] {
  return readFileSync(join(dir, "responses.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ResponseCase);
}
