// The CLI as users run it: a real process, in the C locale unless `env` says otherwise.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI_BIN = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, LANG: "C", LC_ALL: "", LC_MESSAGES: "", ...env };
}

export function runCli(args: string[], input?: string, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], { input, encoding: "utf8", env: cliEnv(env) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** As runCli, without blocking this process: runs can go at once, and a server in the test still answers. */
export function runCliAsync(
  args: string[],
  input?: string,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI_BIN, ...args], { env: cliEnv(env) });
    let out = "";
    let err = "";
    p.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
    });
    p.stderr.setEncoding("utf8").on("data", (d: string) => {
      err += d;
    });
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, out, err }));
    p.stdin.on("error", () => {});
    p.stdin.end(input ?? "");
  });
}
