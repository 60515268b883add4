import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from "smtp-server";
import { parseBounce } from "../bounce/parse.js";
import { bounceEvents } from "../ingest/bounce-events.js";
import type { AppContext } from "./app.js";

export interface SmtpOptions {
  /** Domains whose addresses receive bounces (the Return-Path domains of the sending platform). */
  domains: string[];
  maxBytes: number;
  hostname?: string;
}

/**
 * VERP: `bounces+jane=example.com@bounce.example.net` carries the original recipient
 * `jane@example.com`. Returns null for an address that does not encode one.
 */
export function decodeVerp(address: string): string | null {
  const m = /^[^+@]+\+(.+)=([^=@]+)@[^@]+$/.exec(address);
  return m ? `${m[1]}@${m[2]}` : null;
}

/**
 * The bounce-receiving SMTP endpoint: accepts mail only for the configured bounce domains (no
 * relaying), enforces the size limit, parses each message with parseBounce and stores its events
 * before answering 250, so an accepted bounce is never lost.
 */
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
      if (!domains.has(domain)) {
        const err = new Error(
          `5.7.1 <${address.address}>: relay access denied: this server accepts bounces for ${[...domains].join(", ") || "no domain"} only`,
        ) as Error & { responseCode?: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(
      stream: SMTPServerDataStream,
      session: SMTPServerSession,
      callback: (err?: Error | null, message?: string) => void,
    ) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (stream.sizeExceeded) {
          const err = new Error(`5.3.4 message too large: the limit is ${opts.maxBytes} bytes`) as Error & {
            responseCode?: number;
          };
          err.responseCode = 552;
          return callback(err);
        }
        try {
          const raw = Buffer.concat(chunks);
          const report = await parseBounce(raw, { maxBytes: opts.maxBytes });
          const verp =
            session.envelope.rcptTo.map((r) => decodeVerp(r.address)).find((a) => a !== null) ?? null;
          const events = bounceEvents(report, "smtp");
          // The VERP address names the recipient for certain; a report that could not be read still counts.
          if (verp) {
            if (events.length === 1) {
              events[0]!.recipient = verp;
              events[0]!.recipientDomain = verp.slice(verp.lastIndexOf("@") + 1).toLowerCase();
            }
          }
          const stored = await ctx.ingest(events);
          callback(null, `2.0.0 accepted: ${report.kind}, ${stored.inserted} event(s) stored`);
        } catch (e) {
          const err = new Error(
            `4.3.0 could not store the message, try again later (${(e as Error).message})`,
          ) as Error & { responseCode?: number };
          err.responseCode = 451;
          callback(err);
        }
      });
    },
  });
  server.on("error", () => {
    // Client protocol errors are answered by the library; nothing to do here.
  });
  return server;
}
