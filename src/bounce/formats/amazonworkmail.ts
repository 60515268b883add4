import { dsnRecords, parseDsn } from "../dsn.js";
import { header } from "../message.js";
import type { RecipientRecord } from "../types.js";
import type { FormatDecoder } from "./types.js";

/**
 * Amazon WorkMail (sent through SES: From MAILER-DAEMON@…amazonses.com, X-Mailer: Amazon
 * WorkMail). A multipart/mixed message whose text part reads "An error occurred while trying to
 * deliver the mail to the following recipients:", the addresses, then "Technical report:" and
 * RFC 3464 fields written as plain text (Reporting-MTA, Action, Final-Recipient,
 * Diagnostic-Code, Status). An expiry wraps the last reply: "554 4.4.7 Message expired: unable
 * to deliver in 840 minutes.<421 4.4.2 Connection timed out>".
 */
export const AMAZONWORKMAIL: FormatDecoder = {
  id: "amazonworkmail",
  detect(msg) {
    const mailer = `${header(msg, "x-mailer") ?? ""} ${header(msg, "x-original-mailer") ?? ""}`;
    return mailer.includes("Amazon WorkMail");
  },
  decode(msg, dsn) {
    const at = msg.text.indexOf("Technical report:");
    if (at < 0) return dsn;
    // One group of fields per recipient, starting at Reporting-MTA; empty lines may separate
    // the fields of one group, so they are dropped and each group made one block.
    const report = msg.text
      .slice(at + "Technical report:".length)
      .replace(/\r?\n[ \t]*(?=\r?\n)/g, "")
      .replace(/\n(?=Reporting-MTA:)/gi, "\n\n");
    const records = dsnRecords(parseDsn(report));
    if (!records.length) return dsn;
    // The fields are separated by empty lines, so Action may sit in a block of its own.
    const failed = /^Action:\s*failed/im.test(msg.text.slice(at));
    return records.map((r) => lastReply(r.action || !failed ? r : { ...r, action: "failed" }));
  },
};

/** "…Message expired…<421 4.4.2 Connection timed out>": the inner reply tells why. */
function lastReply(r: RecipientRecord): RecipientRecord {
  const m = /<([245]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})\b[^<>]*>\s*$/.exec(r.diagnostic);
  if (!m) return r;
  return { ...r, replyCode: Number(m[1]), status: m[2]! };
}
