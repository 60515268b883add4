import { readFileSync } from "node:fs";
import type { CheckId, Lang, Localized } from "../catalog/types.js";
import { parseDnsServer } from "../checks/dns.js";
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
import { domainNameProblem, isDkimSelector, isIpAddress, messageProblem } from "../checks/targets.js";
import type { CheckKind, Finding, Severity } from "../checks/types.js";
import { checkStdin, fileProblem, stripBomBytes, UsageError, writeOut } from "./io.js";
import { type Colors, colors, terminalSafe } from "./render.js";

export interface CheckFlags {
  json: boolean;
  lang: Lang;
  color: boolean;
  dnsServers: string[];
  dkimSelectors: string[];
  bulk?: boolean;
}

/** DNS server addresses given as `setting` (an option or a variable), checked: a bad one is a usage error. */
export function checkDnsServers(setting: string, servers: readonly string[]): void {
  for (const server of servers) {
    try {
      parseDnsServer(server);
    } catch {
      throw new UsageError({
        en: `${setting}: not a DNS server address: "${server}" (use an IP address, with :PORT from 1 to 65535 if needed)`,
        id: `${setting}: bukan alamat server DNS: "${server}" (gunakan alamat IP, dengan :PORT dari 1 sampai 65535 bila perlu)`,
      });
    }
  }
}

/** The resolver of a CLI run: --dns-server values checked here, so that a bad one is a usage error. */
export function cliDns(servers: string[]): Dns {
  checkDnsServers("--dns-server", servers);
  return new Dns({ servers });
}

/** After this long, a check waiting on DNS says so on stderr (a terminal only). */
const WAITING_NOTE_MS = 2000;

/**
 * The result of `work`; when it takes over ~2 s and stderr is a terminal, a note there says the
 * run is waiting on DNS (piped or redirected stderr gets nothing).
 */
export async function waitingNote<T>(work: Promise<T>, lang: Lang): Promise<T> {
  if (!process.stderr.isTTY) return work;
  const timer = setTimeout(() => {
    process.stderr.write(
      lang === "id"
        ? "diagnosa: menunggu jawaban DNS (server lambat atau tidak menjawab)…\n"
        : "diagnosa: waiting for DNS answers (a slow or silent server)…\n",
    );
  }, WAITING_NOTE_MS);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}

const USAGE: Localized = {
  en: "usage: diagnosa check domain DOMAIN [--dkim-selector S]... | check ip ADDRESS | check address EMAIL | check message FILE.eml",
  id: "penggunaan: diagnosa check domain DOMAIN [--dkim-selector S]... | check ip ALAMAT | check address EMAIL | check message BERKAS.eml",
};

/** `diagnosa check domain|ip|address|message TARGET`: readable findings or --json. */
export async function checkCommand(args: string[], flags: CheckFlags): Promise<number> {
  const [what, target, ...rest] = args;
  if (!what || !target || rest.length) throw new UsageError(USAGE);
  // An option of another target is refused, never ignored.
  if (flags.dkimSelectors.length && what !== "domain")
    throw otherTargetOption("--dkim-selector", "domain", what);
  if (flags.bulk !== undefined && what !== "message") throw otherTargetOption("--bulk", "message", what);
  const selector = flags.dkimSelectors.find((s) => !isDkimSelector(s));
  if (selector !== undefined)
    throw new UsageError({
      en: `--dkim-selector: not a DKIM selector: ${JSON.stringify(selector)} (dot-separated labels of 1-63 letters, digits, "_" or "-")`,
      id: `--dkim-selector: bukan selektor DKIM: ${JSON.stringify(selector)} (label yang dipisahkan titik, masing-masing 1-63 huruf, angka, "_", atau "-")`,
    });
  const options: CheckOptions = {
    dns: cliDns(flags.dnsServers),
    dkimSelectors: flags.dkimSelectors,
    ...(flags.bulk !== undefined ? { bulk: flags.bulk } : {}),
  };
  let report: CheckReport;
  switch (what) {
    case "domain": {
      const problem = domainNameProblem(target);
      if (problem)
        throw new UsageError({
          en: `not a domain name: ${JSON.stringify(target)} (${problem.en})`,
          id: `bukan nama domain: ${JSON.stringify(target)} (${problem.id})`,
        });
      report = await waitingNote(checkDomain(target, options), flags.lang);
      break;
    }
    case "ip":
      if (!isIpAddress(target))
        throw new UsageError({
          en: `not an IPv4 or IPv6 address (without a zone id): ${JSON.stringify(target)}`,
          id: `bukan alamat IPv4 atau IPv6 (tanpa zone id): ${JSON.stringify(target)}`,
        });
      report = await waitingNote(checkIp(target, options), flags.lang);
      break;
    case "address":
      report = await waitingNote(checkEmailAddress(target, options), flags.lang);
      break;
    case "message": {
      let raw: Buffer;
      if (target === "-") checkStdin();
      try {
        raw = stripBomBytes(readFileSync(target === "-" ? 0 : target));
      } catch (e) {
        const why = fileProblem(e);
        throw new UsageError({
          en: `cannot read ${target}: ${why.en}`,
          id: `tidak dapat membaca ${target}: ${why.id}`,
        });
      }
      const problem = messageProblem(raw);
      const source = target === "-" ? "stdin" : target;
      if (problem)
        throw new UsageError({
          en: `not an email message: ${source} (${problem.en})`,
          id: `bukan pesan email: ${source} (${problem.id})`,
        });
      report = await waitingNote(checkEmailMessage(raw, options, target), flags.lang);
      break;
    }
    default:
      throw new UsageError(USAGE);
  }
  if (flags.json) await writeOut(`${JSON.stringify(report, null, 2)}\n`);
  else await writeOut(renderReport(report, flags.lang, colors(flags.color)));
  return 0;
}

/** `diagnosa check ip 1.2.3.4 --bulk`: an option of another target, refused rather than ignored. */
function otherTargetOption(option: string, target: string, given: string): UsageError {
  return new UsageError({
    en: `${option} is an option of check ${target}, not of check ${given}`,
    id: `${option} adalah opsi check ${target}, bukan opsi check ${given}`,
  });
}

const MARK: Record<Severity, [string, keyof Colors]> = {
  error: ["✗", "red"],
  warning: ["!", "yellow"],
  info: ["i", "cyan"],
  ok: ["✓", "green"],
};

const WORDS: Record<
  Lang,
  {
    check: string;
    kinds: Record<CheckKind, string>;
    severities: Record<Severity, string>;
    fix: string;
    summary: string;
    incomplete: string;
  }
> = {
  en: {
    check: "Check",
    kinds: { domain: "domain", ip: "ip", address: "address", message: "message" },
    severities: { error: "error", warning: "warning", info: "info", ok: "ok" },
    fix: "fix",
    summary: "errors, warnings, info, ok",
    incomplete: "incomplete: DNS failed",
  },
  id: {
    check: "Pemeriksaan",
    kinds: { domain: "domain", ip: "IP", address: "alamat", message: "pesan" },
    severities: { error: "galat", warning: "peringatan", info: "info", ok: "ok" },
    fix: "perbaikan",
    summary: "galat, peringatan, info, ok",
    incomplete: "tidak lengkap: DNS gagal",
  },
};

/** A finding's message and fix in `lang`; English where a finding has no text in that language. */
export function findingText(f: Finding, lang: Lang): { message: string; fix: string } {
  const t = lang === "en" ? undefined : f.localized?.[lang];
  return { message: t?.message || f.message, fix: t?.fix || f.fix };
}

/** A report as a person reads it: worst first, each finding with its fix, in `lang`. */
export function renderReport(given: CheckReport, lang: Lang, c: Colors): string {
  const r = terminalSafe(given);
  const W = WORDS[lang];
  // Severity labels padded to the longest of the language, the fix lines indented under the text.
  const width = Math.max(...Object.values(W.severities).map((s) => s.length));
  const indent = " ".repeat(2 + 2 + width + 1);
  const lines = [
    c.bold(`${W.check} ${W.kinds[r.kind]}: ${r.target}`) + (r.complete ? "" : c.red(`  (${W.incomplete})`)),
  ];
  for (const f of r.findings) {
    const [mark, color] = MARK[f.severity];
    const paint = c[color] as (s: string) => string;
    const { message, fix } = findingText(f, lang);
    lines.push(`  ${paint(`${mark} ${W.severities[f.severity].padEnd(width)}`)} ${c.dim(f.id)}  ${message}`);
    if (f.severity !== "ok") lines.push(`${indent}${c.dim(`${W.fix}:`)} ${fix}`);
  }
  const s = r.summary;
  lines.push(`  ${s.error}, ${s.warning}, ${s.info}, ${s.ok} (${W.summary})`);
  return `${lines.join("\n")}\n\n`;
}

/** The reports of `diagnosa "<reply>" --check`, after the diagnosis. */
/** The checks a category calls for, as the readable output names them. */
const CHECK_NAMES: Record<Lang, Record<CheckId, string>> = {
  en: {
    blocklist: "blocklists",
    rdns: "reverse DNS",
    authentication: "SPF, DKIM and DMARC",
    address: "the address",
    mx: "the recipient domain's MX",
    content: "content",
  },
  id: {
    blocklist: "daftar hitam",
    rdns: "reverse DNS",
    authentication: "SPF, DKIM, dan DMARC",
    address: "alamat",
    mx: "MX domain penerima",
    content: "konten",
  },
};

export function renderDiagnosisChecks(c: DiagnosisChecks, lang: Lang, color: boolean): string {
  if (!c.checks.length)
    return lang === "id"
      ? "\nPemeriksaan: kategori ini tidak memerlukan pemeriksaan DNS di pihak Anda.\n"
      : "\nChecks: this category calls for no DNS checks on your side.\n";
  if (!c.reports.length) {
    const names = c.checks.map((k) => CHECK_NAMES[lang][k]).join(", ");
    return lang === "id"
      ? `\nPemeriksaan (${names}): balasan ini tidak menyebut domain, IP, atau alamat untuk diperiksa.\n`
      : `\nChecks (${names}): the reply names no domain, IP or address to check.\n`;
  }
  return `\n${c.reports.map((r) => renderReport(r, lang, colors(color))).join("")}`;
}
