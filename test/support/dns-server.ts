// A real authoritative DNS server (Knot DNS, installed by scripts/setup-dns.sh) on a free loopback
// port, serving the zones a test writes to a temp dir. Stop it with `stop()`.
import { type ChildProcess, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface DnsServer {
  port: number;
  /** `127.0.0.1:PORT`, for --dns-server and DnsOptions.servers. */
  address: string;
  stop(): Promise<void>;
}

/** A TXT value split into quoted strings of at most 255 octets. */
export function txt(value: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 200) parts.push(`"${value.slice(i, i + 200).replace(/"/g, '\\"')}"`);
  return `( ${parts.join(" ")} )`;
}

/** A loopback port free for both UDP and TCP at this moment (knotd binds both). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createSocket("udp4");
      s.on("error", reject);
      s.bind(0, "127.0.0.1", () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
    });
    const tcpFree = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (tcpFree) return port;
  }
}

export function knotd(): string | null {
  for (const p of ["/usr/sbin/knotd", "/usr/bin/knotd", "/usr/local/sbin/knotd"]) if (existsSync(p)) return p;
  return null;
}

/** Starts knotd with `zones` (origin → records, one per line, relative names allowed). */
export async function startDnsServer(zones: Record<string, string>): Promise<DnsServer> {
  const bin = knotd();
  if (!bin) throw new Error("knotd is not installed: run scripts/setup-dns.sh");
  // Another process (parallel test files) can take the port between the probe and knotd's bind:
  // try again on a fresh port then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(bin, zones, await freePort());
    } catch (e) {
      if (attempt >= 5 || !(e instanceof PortTaken)) throw e;
    }
  }
}

class PortTaken extends Error {}

async function launch(bin: string, zones: Record<string, string>, port: number): Promise<DnsServer> {
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-dns-"));
  const zoneConf: string[] = [];
  for (const [origin, records] of Object.entries(zones)) {
    const file = `${origin}.zone`;
    writeFileSync(
      join(dir, file),
      `$ORIGIN ${origin}.\n$TTL 60\n@ SOA ns.${origin}. hostmaster.${origin}. 1 3600 600 86400 60\n@ NS ns.${origin}.\nns A 127.0.0.1\n${records}\n`,
    );
    zoneConf.push(`  - domain: ${origin}\n    file: "${join(dir, file)}"`);
  }
  writeFileSync(
    join(dir, "knot.conf"),
    `server:\n  rundir: "${dir}"\n  listen: 127.0.0.1@${port}\n  pidfile: "${join(dir, "knot.pid")}"\n` +
      `database:\n  storage: "${join(dir, "db")}"\n` +
      `control:\n  listen: "${join(dir, "knot.sock")}"\n` +
      `log:\n  - target: stderr\n    any: error\n` +
      `template:\n  - id: default\n    storage: "${dir}"\n    zonefile-sync: -1\n    journal-content: none\n` +
      `zone:\n${zoneConf.join("\n")}\n`,
  );
  const child: ChildProcess = spawn(bin, ["-c", join(dir, "knot.conf")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const probe = new Resolver({ timeout: 200, tries: 1 });
  probe.setServers([`127.0.0.1:${port}`]);
  const first = Object.keys(zones)[0]!;
  for (let i = 0; ; i++) {
    try {
      await probe.resolveSoa(first);
      break;
    } catch {
      if (child.exitCode !== null || i > 100) {
        await stop();
        if (/address already in use/i.test(stderr))
          throw new PortTaken(`knotd: port ${port} taken: ${stderr}`);
        throw new Error(`knotd did not start: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { port, address: `127.0.0.1:${port}`, stop };
}
