import { Resolver } from "node:dns/promises";
import { isIP } from "node:net";

/** How the checks reach DNS: the system's resolvers, or the given servers (`HOST[:PORT]`). */
export interface DnsOptions {
  /** `1.2.3.4`, `1.2.3.4:5353`, `::1`, `[::1]:5353`. Empty or absent: the system's resolvers. */
  servers?: readonly string[];
  /** Time per try, in milliseconds (default 2500). */
  timeoutMs?: number;
  /** Tries per query before giving up (default 2). */
  tries?: number;
}

export type RrType = "A" | "AAAA" | "MX" | "TXT" | "PTR" | "NS" | "CNAME";

export interface MxRecord {
  exchange: string;
  priority: number;
}

/** The outcome of one query: records, a name that does not exist, a name without this type, or a failure. */
export type DnsAnswer<T> =
  | { status: "ok"; records: T[] }
  | { status: "nxdomain" }
  | { status: "nodata" }
  | { status: "error"; code: string };

type RecordOf<K extends RrType> = K extends "MX" ? MxRecord : string;

/** A query that failed (timeout, SERVFAIL, refused, unreachable server): kept for the report. */
export interface DnsFailure {
  name: string;
  type: RrType;
  code: string;
}

/** Parses `HOST[:PORT]` into what `Resolver.setServers` takes; throws on anything else. */
export function parseDnsServer(spec: string): string {
  const s = spec.trim();
  if (isIP(s)) return s;
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(s);
  if (v6 && isIP(v6[1]!) === 6) return v6[2] ? `[${v6[1]}]:${port(v6[2])}` : v6[1]!;
  const v4 = /^([0-9.]+):(\d{1,5})$/.exec(s);
  if (v4 && isIP(v4[1]!) === 4) return `${v4[1]}:${port(v4[2]!)}`;
  throw new Error(`not a DNS server address: "${spec}" (use an IP address, with :PORT if needed)`);
}

function port(p: string): number {
  const n = Number(p);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`not a port number: ${p}`);
  return n;
}

/**
 * A resolver with a per-run cache: each (name, type) is asked once, however many checks need it.
 * Answers are values (`DnsAnswer`), never exceptions; failures are also collected in `failures`.
 */
export class Dns {
  readonly servers: string[];
  readonly failures: DnsFailure[] = [];
  private readonly resolver: Resolver;
  private readonly cache = new Map<string, Promise<DnsAnswer<unknown>>>();

  constructor(options: DnsOptions = {}) {
    this.resolver = new Resolver({ timeout: options.timeoutMs ?? 2500, tries: options.tries ?? 2 });
    if (options.servers?.length) this.resolver.setServers(options.servers.map(parseDnsServer));
    this.servers = this.resolver.getServers();
  }

  query<K extends RrType>(name: string, type: K): Promise<DnsAnswer<RecordOf<K>>> {
    const key = `${type} ${name.toLowerCase().replace(/\.$/, "")}`;
    let p = this.cache.get(key) as Promise<DnsAnswer<RecordOf<K>>> | undefined;
    if (!p) {
      p = this.ask(name, type);
      this.cache.set(key, p);
    }
    return p;
  }

  /** TXT records with their strings joined, as SPF, DKIM and DMARC read them. */
  txt(name: string): Promise<DnsAnswer<string>> {
    return this.query(name, "TXT");
  }

  /** Addresses of a host, IPv4 and IPv6 together. */
  async addresses(name: string): Promise<DnsAnswer<string>> {
    const [a, aaaa] = await Promise.all([this.query(name, "A"), this.query(name, "AAAA")]);
    const records = [...(a.status === "ok" ? a.records : []), ...(aaaa.status === "ok" ? aaaa.records : [])];
    if (records.length) return { status: "ok", records };
    if (a.status === "error") return a;
    if (aaaa.status === "error") return aaaa;
    return a.status === "nxdomain" ? a : { status: "nodata" };
  }

  /** A resolver function for mailauth (throws as node's dns does; uses this cache). */
  readonly forMailauth = async (name: string, type: string): Promise<string[][] | string[]> => {
    const t = type.toUpperCase() as RrType;
    if (t === "TXT") {
      const r = await this.query(name, "TXT");
      if (r.status === "ok") return r.records.map((s) => [s]);
      throw dnsError(r, name);
    }
    const r = await this.query(name, t);
    if (r.status === "ok") return r.records as unknown as string[];
    throw dnsError(r, name);
  };

  private async ask<K extends RrType>(name: string, type: K): Promise<DnsAnswer<RecordOf<K>>> {
    try {
      let records: unknown[];
      switch (type) {
        case "TXT":
          records = (await this.resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
          break;
        case "MX":
          records = await this.resolver.resolveMx(name);
          break;
        case "PTR":
          records = await this.resolver.resolvePtr(name);
          break;
        case "NS":
          records = await this.resolver.resolveNs(name);
          break;
        case "CNAME":
          records = await this.resolver.resolveCname(name);
          break;
        case "AAAA":
          records = await this.resolver.resolve6(name);
          break;
        default:
          records = await this.resolver.resolve4(name);
      }
      return records.length ? { status: "ok", records: records as RecordOf<K>[] } : { status: "nodata" };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "EUNKNOWN";
      if (code === "ENOTFOUND") return { status: "nxdomain" };
      if (code === "ENODATA") return { status: "nodata" };
      this.failures.push({ name, type, code });
      return { status: "error", code };
    }
  }
}

function dnsError(r: DnsAnswer<unknown>, name: string): Error {
  const code =
    r.status === "nxdomain" ? "ENOTFOUND" : r.status === "nodata" ? "ENODATA" : (r as { code: string }).code;
  return Object.assign(new Error(`${code} ${name}`), { code });
}

/** What a failure code means, in words: English, or Indonesian with `lang` "id". */
export function describeDnsError(code: string, lang: "en" | "id" = "en"): string {
  const id = lang === "id";
  switch (code) {
    case "ETIMEOUT":
      return id ? "server DNS tidak menjawab tepat waktu" : "the DNS server did not answer in time";
    case "ESERVFAIL":
      return id ? "server DNS gagal menjawab (SERVFAIL)" : "the DNS server failed to answer (SERVFAIL)";
    case "EREFUSED":
      return id ? "server DNS menolak kueri" : "the DNS server refused the query";
    case "ECONNREFUSED":
      return id
        ? "server DNS tidak dapat dihubungi (koneksi ditolak)"
        : "the DNS server could not be reached (connection refused)";
    default:
      return id ? `kesalahan DNS ${code}` : `DNS error ${code}`;
  }
}

/**
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, `::ffff:c000:201`) as the IPv4 address it
 * carries; any other address as it is. Blocklists and the reverse tree know such a host by its IPv4.
 */
export function unmapIpv4(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const g = expandIpv6(ip).split(":");
  if (g.slice(0, 5).some((x) => x !== "0000") || g[5] !== "ffff") return ip;
  const [hi, lo] = [Number.parseInt(g[6]!, 16), Number.parseInt(g[7]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** The name to query for an IP in a DNS blocklist or the reverse tree: reversed octets or nibbles. */
export function reverseName(address: string): string {
  const ip = unmapIpv4(address);
  if (isIP(ip) === 4) return ip.split(".").reverse().join(".");
  if (isIP(ip) === 6) return expandIpv6(ip).replace(/:/g, "").split("").reverse().join(".");
  throw new Error(`not an IP address: ${ip}`);
}

/** `2001:db8::1` → `2001:0db8:0000:0000:0000:0000:0000:0001`. */
export function expandIpv6(ip: string): string {
  let s = ip.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const o = v4[1]!.split(".").map(Number);
    s =
      s.slice(0, -v4[1]!.length) +
      `${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
  const fill = tail !== undefined ? Array(8 - h.length - t.length).fill("0") : [];
  return [...h, ...fill, ...t].map((g) => g.padStart(4, "0")).join(":");
}

/** `1.2.3.4` → `4.3.2.1.in-addr.arpa`, IPv6 → nibbles under `ip6.arpa`. */
export function ptrName(ip: string): string {
  return `${reverseName(ip)}.${isIP(unmapIpv4(ip)) === 4 ? "in-addr.arpa" : "ip6.arpa"}`;
}
