// A real HTTPS server on loopback for the MTA-STS tests: a throwaway CA and server certificates made
// at test time with the openssl CLI (Debian package openssl, installed by scripts/setup-openssl.sh),
// one https.createServer on 127.0.0.1 on a free port answering by Host header. Stop it with `stop()`.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSecureContext, type TLSSocket } from "node:tls";

/** What the server answers for one host name at /.well-known/mta-sts.txt. */
export interface Site {
  /** HTTP status (default 200). */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Take the request and never answer. */
  hang?: boolean;
  /** Present a certificate for the name signed by another CA, one the tests do not trust. */
  rogue?: boolean;
  /** Present the server's certificate, which does not name this host. */
  unnamed?: boolean;
}

export interface PolicyServer {
  port: number;
  /** The PEM of the CA that signed the server's certificate: what the tests trust (mtaStsCa). */
  ca: string;
  /** Each request's Host header (without port), SNI name and path, in order. */
  requests: { host: string; servername: string | null; path: string }[];
  stop(): Promise<void>;
}

export function openssl(): string | null {
  for (const p of ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"]) if (existsSync(p)) return p;
  return null;
}

function run(bin: string, dir: string, args: string[]): void {
  try {
    execFileSync(bin, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  } catch (e) {
    const err = (e as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`openssl ${args[0]} failed: ${err || (e as Error).message}`);
  }
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/** `name.key` and the self-signed CA certificate `name.pem`, valid for two days. */
function makeCa(bin: string, dir: string, name: string, cn: string): void {
  writeFileSync(
    join(dir, `${name}.cnf`),
    [
      "[req]",
      "distinguished_name = dn",
      "x509_extensions = ext",
      "prompt = no",
      "[dn]",
      `CN = ${cn}`,
      "[ext]",
      "basicConstraints = critical, CA:TRUE",
      "keyUsage = critical, keyCertSign, cRLSign",
      "subjectKeyIdentifier = hash",
      "",
    ].join("\n"),
  );
  run(bin, dir, [
    "req",
    "-x509",
    "-new",
    ...EC,
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-config",
    `${name}.cnf`,
  ]);
}

/** `name.key` and a server certificate `name.pem` for `names` (SAN entries), signed by CA `ca`. */
function makeServerCert(bin: string, dir: string, name: string, ca: string, names: string[]): void {
  writeFileSync(
    join(dir, `${name}.cnf`),
    [
      "[req]",
      "distinguished_name = dn",
      "prompt = no",
      "[dn]",
      `CN = ${names[0]}`,
      "[ext]",
      "basicConstraints = critical, CA:FALSE",
      "keyUsage = critical, digitalSignature",
      "extendedKeyUsage = serverAuth",
      `subjectAltName = ${names.map((n) => `DNS:${n}`).join(", ")}`,
      "subjectKeyIdentifier = hash",
      "authorityKeyIdentifier = keyid",
      "",
    ].join("\n"),
  );
  run(bin, dir, [
    "req",
    "-new",
    ...EC,
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.csr`,
    "-config",
    `${name}.cnf`,
  ]);
  run(bin, dir, [
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    `${ca}.pem`,
    "-CAkey",
    `${ca}.key`,
    "-set_serial",
    `0x${randomBytes(8).toString("hex")}`,
    "-days",
    "2",
    "-extfile",
    `${name}.cnf`,
    "-extensions",
    "ext",
    "-out",
    `${name}.pem`,
  ]);
}

/** Starts the policy server for `sites` (host name → answer); every other host gets a 404. */
export async function startPolicyServer(sites: Record<string, Site>): Promise<PolicyServer> {
  const bin = openssl();
  if (!bin) throw new Error("openssl is not installed: run scripts/setup-openssl.sh");
  const names = Object.keys(sites).filter((n) => !sites[n]!.rogue && !sites[n]!.unnamed);
  const rogueNames = Object.keys(sites).filter((n) => sites[n]!.rogue);
  const dir = mkdtempSync(join(tmpdir(), "diagnosa-mta-sts-"));
  const read = (f: string) => readFileSync(join(dir, f), "utf8");
  let pem: Record<"ca" | "key" | "cert" | "rogueKey" | "rogueCert", string>;
  try {
    makeCa(bin, dir, "ca", "diagnosa test CA");
    makeServerCert(bin, dir, "server", "ca", names);
    makeCa(bin, dir, "rogue-ca", "diagnosa rogue test CA");
    makeServerCert(bin, dir, "rogue", "rogue-ca", rogueNames.length ? rogueNames : ["rogue.test"]);
    pem = {
      ca: read("ca.pem"),
      key: read("server.key"),
      cert: read("server.pem"),
      rogueKey: read("rogue.key"),
      rogueCert: read("rogue.pem"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const main = createSecureContext({ key: pem.key, cert: pem.cert });
  const rogue = createSecureContext({ key: pem.rogueKey, cert: pem.rogueCert });
  const requests: PolicyServer["requests"] = [];
  const server = createServer(
    {
      key: pem.key,
      cert: pem.cert,
      SNICallback: (servername, cb) => cb(null, rogueNames.includes(servername.toLowerCase()) ? rogue : main),
    },
    (req, res) => {
      const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
      const servername = (req.socket as TLSSocket).servername || null;
      requests.push({ host, servername, path: req.url ?? "" });
      const site = sites[host];
      if (!site || req.url !== "/.well-known/mta-sts.txt") {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found\n");
        return;
      }
      if (site.hang) return;
      res.writeHead(site.status ?? 200, { "content-type": "text/plain", ...site.headers });
      res.end(site.body ?? "");
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return { port, ca: pem.ca, requests, stop };
}
