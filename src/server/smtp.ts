import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from "smtp-server";
import { BounceError, parseBounce } from "../bounce/parse.js";
import type { BounceReport } from "../bounce/types.js";
import { decodeVerp } from "../bounce/verp.js";
import { bounceEvents } from "../ingest/bounce-events.js";
import type { AppContext } from "./app.js";

export interface SmtpOptions {
  /** Domains whose addresses receive bounces (the Return-Path domains of the sending platform). */
  domains: string[];
  maxBytes: number;
  /** Time budget of one message's decoding in ms (parseBounce's default when absent). */
  timeoutMs?: number | undefined;
  /**
   * With a secret, only signed VERP addresses (`verpAddress`) are taken: a bounce speaks only for the
   * recipient its address names, so a forged one cannot name another.
   */
  verpSecret?: string | undefined;
  hostname?: string;
}

/**
 * A signed address vouches for its own recipient only: the report keeps the record about that
 * recipient (by final or original recipient; else its first record), under the signed address's
 * name, and drops the others, which the bounce names on its own word.
 */
function onlyFor(report: BounceReport, recipient: string): void {
  const named = recipient.toLowerCase();
  const about =
    report.recipients.find(
      (r) => r.recipient.toLowerCase() === named || r.originalRecipient?.toLowerCase() === named,
    ) ?? report.recipients[0];
  report.recipients = about ? [{ ...about, recipient }] : [];
}

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
      const postmaster = address.address.toLowerCase() === "postmaster";
      if (!domains.has(domain) && !postmaster) {
        return callback(
          smtpError(
            550,
            `5.7.1 <${address.address}>: relay access denied: this server accepts bounces for ${[...domains].join(", ") || "no domain"} only`,
          ),
        );
      }
      // Postmaster is always accepted (RFC 5321 4.5.1) and whoever writes to it names no one.
      if (opts.verpSecret && !postmaster && !address.address.toLowerCase().startsWith("postmaster@")) {
        if (decodeVerp(address.address, opts.verpSecret) === null)
          return callback(
            smtpError(550, `5.7.1 <${address.address}>: not a bounce address this platform signed`),
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
        // The VERP address names the recipient for certain, even when the report cannot be read.
        const recipient =
          session.envelope.rcptTo
            .map((r) => decodeVerp(r.address, opts.verpSecret))
            .find((a) => a !== null) ?? undefined;
        // With signed addresses, only a bounce to one of them is stored: mail to postmaster is
        // taken (as it must be) and speaks for no one.
        if (opts.verpSecret && !recipient)
          return callback(null, "2.0.0 accepted, not stored: not sent to a signed bounce address");
        let report: Awaited<ReturnType<typeof parseBounce>>;
        try {
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
          if (opts.verpSecret && recipient) onlyFor(report, recipient);
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
