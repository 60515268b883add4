import { header } from "../message.js";
import { recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * fml (a Japanese mailing-list manager; X-MLServer: fml [fml 4.0.3 …], From <list>-admin@…).
 * Its notices are not SMTP bounces but refusals by the list itself, the subject says what:
 * "You user@example.org are not member (list ML)" (body "You are not a member of this mailing
 * list <list@example.org>."), "Loop Alert: Duplicated Message-ID (list ML)" (body "Duplicated
 * Message-ID in <list@example.org>."). The address named in the body is the recipient.
 */
export const FML: FormatDecoder = {
  id: "fml",
  detect(msg) {
    return (
      (header(msg, "x-mlserver") ?? "").startsWith("fml ") ||
      (header(msg, "x-mlserver") ?? "").startsWith("fml[")
    );
  },
  decode(msg, dsn) {
    const text = msg.text;
    const first = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => /<[^<>\s]+@[^<>\s]+>/.test(l));
    if (!first) return dsn;
    const rcpt = /<([^<>\s]+@[^<>\s]+)>/.exec(first)![1]!;
    // (?<!\s): start only where a run of white space starts (a leading \s* is tried again from
    // every space of a long run otherwise: quadratic); the match is the same.
    const subject = msg.subject.replace(/(?<!\s)\s*\([^()]*\bML\)\s*$/, "").trim();
    return [recordFrom(rcpt, `${subject}: ${first}`)];
  },
};
