import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from "smtp-server";
import { BounceError, parseBounce } from "../bounce/parse.js";
import { bounceEvents } from "../ingest/bounce-events.js";
import { isRecipientAddress } from "../ingest/event.js";
import type { AppContext } from "./app.js";

export interface SmtpOptions {
  /** Domains whose addresses receive bounces (the Return-Path domains of the sending platform). */
  domains: string[];
  maxBytes: number;
  /** Time budget of one message's decoding in ms (parseBounce's default when absent). */
  timeoutMs?: number | undefined;
  hostname?: string;
}

/**
 * VERP: `bounces+jane=example.com@bounce.example.net` carries the original recipient
 * `jane@example.com`. Returns null for an address that does not encode one.
 */
export function decodeVerp(address: string): string | null {
  const m = /^[^+@]+\+(.+)=([^=@]+)@[^@]+$/.exec(address);
  const decoded = m ? `${m[1]}@${m[2]}` : null;
  // It replaces what the report says: only a full address (a domain with a dot) may.
  return isRecipientAddress(decoded) && VERP_DOMAIN_RE.test(m![2]!) ? decoded : null;
}

const VERP_DOMAIN_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/** An error the SMTP library answers with `code` and `text`. */
function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * The bounce-receiving SMTP endpoint: accepts mail only for the configured bounce domains (no
 * relaying), enforces the size limit, parses each message with parseBounce and stores its events
 * before answering 250, so an accepted bounce is never lost.
 */
function logFailure(what: string, e: unknown): void {
  process.stderr.write(`diagnosa smtp: ${what}: ${(e as Error)?.message ?? String(e)}\n`);
}

export function createSmtpServer(ctx: AppContext, opts: SmtpOptions): SMTPServer {
  const domains = new Set(opts.domains.map((d) => d.toLowerCase()));
  const server = new SMTPServer({
    name: opts.hostname ?? "diagnosa",
    banner: "diagnosa bounce receiver",
    size: opts.maxBytes,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    hideSTARTTLS: true,
    logger: false,
    maxClients: 100,
    socketTimeout: 60_000,
    onRcptTo(
      address: SMTPServerAddress,
      _session: SMTPServerSession,
      callback: (err?: Error | null) => void,
    ) {
      const domain = address.address.slice(address.address.lastIndexOf("@") + 1).toLowerCase();
      // RFC 5321 4.5.1: "postmaster" without a domain is always accepted.
      if (!domains.has(domain) && address.address.toLowerCase() !== "postmaster") {
        return callback(
          smtpError(
            550,
            `5.7.1 <${address.address}>: relay access denied: this server accepts bounces for ${[...domains].join(", ") || "no domain"} only`,
          ),
        );
      }
      callback();
    },
    onData(
      stream: SMTPServerDataStream,
      session: SMTPServerSession,
      callback: (err?: Error | null, message?: string) => void,
    ) {
      // Past the limit the rest is read and dropped, not kept: the answer is 552 either way.
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= opts.maxBytes) chunks.push(c);
      });
      stream.on("end", async () => {
        if (stream.sizeExceeded || size > opts.maxBytes)
          return callback(smtpError(552, `5.3.4 message too large: the limit is ${opts.maxBytes} bytes`));
        let report: Awaited<ReturnType<typeof parseBounce>>;
        try {
          // The VERP address names the recipient for certain, even when the report cannot be read.
          const recipient =
            session.envelope.rcptTo.map((r) => decodeVerp(r.address)).find((a) => a !== null) ?? undefined;
          report = await parseBounce(Buffer.concat(chunks), {
            maxBytes: opts.maxBytes,
            recipient,
            timeoutMs: opts.timeoutMs,
          });
        } catch (e) {
          // A message that cannot be read will not be read on a retry either: refused for good.
          if (e instanceof BounceError)
            return callback(
              smtpError(e.limit === "size" ? 552 : 554, `5.6.0 message not read: ${e.message}`),
            );
          // Anyone may connect: the reason goes to the log, not to the sender.
          logFailure("could not read a message", e);
          return callback(smtpError(451, "4.3.0 could not read the message, try again later"));
        }
        try {
          const stored = await ctx.ingest(bounceEvents(report, "smtp"));
          callback(null, `2.0.0 accepted: ${report.kind}, ${stored.inserted} event(s) stored`);
        } catch (e) {
          // The database is the one that failed: the sender keeps the message and tries again.
          logFailure("could not store a bounce", e);
          callback(smtpError(451, "4.3.0 could not store the message, try again later"));
        }
      });
    },
  });
  server.on("error", () => {
    // Client protocol errors are answered by the library; nothing to do here.
  });
  return server;
}
