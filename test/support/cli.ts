// The CLI as users run it: a real process, in the C locale unless `env` says otherwise.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI_BIN = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

export function runCli(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, LANG: "C", LC_ALL: "", LC_MESSAGES: "", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
