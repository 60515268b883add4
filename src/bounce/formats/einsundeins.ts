import type { RecipientRecord } from "../types.js";
import { recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * 1&1 / IONOS (mailer-daemon@kundenserver.de), an Exim-derived bounce without Exim's
 * indentation, cut at "--- The header of the original message is following. ---":
 *
 *     The following address failed:
 *
 *     user@example.org
 *
 *     For the following reason:
 *
 *     Mail size limit exceeded. For explanation visit
 *     http://postmaster.1and1.com/en/error-messages?ip=%1s
 *
 * or "user@example.org:\nSMTP error from remote server for TEXT command, host: mx.example.fr
 * (192.0.2.1) reason: 550 5.2.0 Mail rejected."
 */
const START_RE = /^.*(?:The following address(?:\(es\))?\s+failed:|address(?:\(es\))?\s*\n?failed:)\s*$/im;

export const EINSUNDEINS: FormatDecoder = {
  id: "einsundeins",
  detect(msg) {
    const from = msg.from.toLowerCase();
    return (
      from.includes("@kundenserver.") ||
      (from.includes("mailer-daemon") && msg.text.includes("postmaster.1and1.com"))
    );
  },
  decode(msg, dsn) {
    let text = msg.text;
    const end = /^--- The header of the original message is following\. ---/m.exec(text);
    if (end) text = text.slice(0, end.index);
    const start = START_RE.exec(text);
    if (!start) return dsn;
    const lines = text
      .slice(start.index + start[0].length)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const records: RecipientRecord[] = [];
    let rcpt: string | null = null;
    let reason: string[] = [];
    const flush = () => {
      if (!rcpt) return;
      let diag = reason.join("\n");
      let command: string | undefined;
      let remoteMta: string | undefined;
      const smtp =
        /SMTP error from remote server for (\w+) command, host:\s*(\S+)[^\n]*?reason:\s*([\s\S]*)$/i.exec(
          diag,
        );
      if (smtp) {
        const c = smtp[1]!.toUpperCase();
        command =
          c === "TEXT" || c === "DATA" ? "DATA" : c === "RCPT" ? "RCPT" : c === "MAIL" ? "MAIL" : undefined;
        remoteMta = smtp[2]!.toLowerCase();
        diag = smtp[3]!;
      }
      // (?<!\s): the match starts where a run of white space starts, never again inside it
      // (quadratic on a long run); the match is the one \s* alone finds.
      diag = diag.replace(/(?<!\s)\s*For explanation visit\s*\S*/i, "").trim();
      records.push(recordFrom(rcpt, diag, { command, remoteMta }));
      rcpt = null;
      reason = [];
    };
    for (const line of lines) {
      const a = /^<?([^\s<>]+@[^\s<>:]+)>?:?$/.exec(line);
      if (a) {
        flush();
        rcpt = a[1]!;
        continue;
      }
      if (/^For the following reason:?$/i.test(line)) continue;
      if (rcpt) reason.push(line);
    }
    flush();
    return records.length ? records : dsn;
  },
};
