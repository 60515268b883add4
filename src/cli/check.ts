import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import type { Lang } from "../catalog/types.js";
import {
  type CheckOptions,
  type CheckReport,
  checkDomain,
  checkEmailAddress,
  checkEmailMessage,
  checkIp,
  type DiagnosisChecks,
  Dns,
} from "../checks/index.js";
import type { Severity } from "../checks/types.js";
import { UsageError, writeOut } from "./io.js";
import { type Colors, colors } from "./render.js";

export interface CheckFlags {
  json: boolean;
  lang: Lang;
  color: boolean;
  dnsServers: string[];
  dkimSelectors: string[];
  bulk?: boolean;
}

/** The resolver of a CLI run: --dns-server values checked here, so that a bad one is a usage error. */
export function cliDns(servers: string[]): Dns {
  try {
    return new Dns({ servers });
  } catch (e) {
    throw new UsageError(`--dns-server: ${(e as Error).message}`);
  }
}

const USAGE =
  "usage: diagnosa check domain DOMAIN [--dkim-selector S]... | check ip ADDRESS | check address EMAIL | check message FILE.eml";

/** `diagnosa check domain|ip|address|message TARGET`: readable findings or --json. */
export async function checkCommand(args: string[], flags: CheckFlags): Promise<number> {
  const [what, target, ...rest] = args;
  if (!what || !target || rest.length) throw new UsageError(USAGE);
  const options: CheckOptions = {
    dns: cliDns(flags.dnsServers),
    dkimSelectors: flags.dkimSelectors,
    ...(flags.bulk !== undefined ? { bulk: flags.bulk } : {}),
  };
  let report: CheckReport;
  switch (what) {
    case "domain":
      if (!/^[^\s@/]+\.[^\s@/]+$/.test(target)) throw new UsageError(`not a domain name: "${target}"`);
      report = await checkDomain(target, options);
      break;
    case "ip":
      if (!isIP(target)) throw new UsageError(`not an IPv4 or IPv6 address: "${target}"`);
      report = await checkIp(target, options);
      break;
    case "address":
      report = await checkEmailAddress(target, options);
      break;
    case "message": {
      let raw: Buffer;
      try {
        raw = readFileSync(target === "-" ? 0 : target);
      } catch (e) {
        throw new UsageError(
          `cannot read ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
      report = await checkEmailMessage(raw, options, target);
      break;
    }
    default:
      throw new UsageError(USAGE);
  }
  if (flags.json) await writeOut(`${JSON.stringify(report, null, 2)}\n`);
  else await writeOut(renderReport(report, flags.lang, colors(flags.color)));
  return 0;
}

const MARK: Record<Severity, [string, keyof Colors]> = {
  error: ["✗ error  ", "red"],
  warning: ["! warning", "yellow"],
  info: ["i info   ", "cyan"],
  ok: ["✓ ok     ", "green"],
};

const WORDS = {
  en: {
    check: "Check",
    fix: "fix",
    summary: "errors, warnings, info, ok",
    incomplete: "incomplete: DNS failed",
  },
  id: {
    check: "Pemeriksaan",
    fix: "perbaikan",
    summary: "galat, peringatan, info, ok",
    incomplete: "tidak lengkap: DNS gagal",
  },
} as const;

/** A report as a person reads it: worst first, each finding with its fix. */
export function renderReport(r: CheckReport, lang: Lang, c: Colors): string {
  const W = WORDS[lang];
  const lines = [
    c.bold(`${W.check} ${r.kind}: ${r.target}`) + (r.complete ? "" : c.red(`  (${W.incomplete})`)),
  ];
  for (const f of r.findings) {
    const [label, color] = MARK[f.severity];
    const paint = c[color] as (s: string) => string;
    lines.push(`  ${paint(label)} ${c.dim(f.id)}  ${f.message}`);
    if (f.severity !== "ok") lines.push(`            ${c.dim(`${W.fix}:`)} ${f.fix}`);
  }
  const s = r.summary;
  lines.push(`  ${s.error}, ${s.warning}, ${s.info}, ${s.ok} (${W.summary})`);
  return `${lines.join("\n")}\n\n`;
}

/** The reports of `diagnosa "<reply>" --check`, after the diagnosis. */
export function renderDiagnosisChecks(c: DiagnosisChecks, lang: Lang, color: boolean): string {
  if (!c.reports.length)
    return lang === "id"
      ? `\nPemeriksaan (${c.checks.join(", ") || "-"}): tidak ada domain, IP atau alamat untuk diperiksa.\n`
      : `\nChecks (${c.checks.join(", ") || "none"}): no domain, IP or address to check.\n`;
  return `\n${c.reports.map((r) => renderReport(r, lang, colors(color))).join("")}`;
}
