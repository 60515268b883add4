import { dsnWithText, squash } from "./smtptext.js";
import { addressesIn, explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Trend Micro InterScan Messaging Security Suite / InterScan MSS ("InterScan MSS" or "InterScan
 * Notification" postmaster): a framed notice "Message from InterScan Messaging Security Suite" with
 * "Unable to deliver message to <user@example.com> (and other recipients in the same domain)."
 * or a transcript "Sent <<< RCPT TO:<…>" / "Received >>> 550 5.1.1 …", sometimes with "Reason:".
 */
export const TRENDMICRO: FormatDecoder = {
  id: "trendmicro",
  detect: (msg) =>
    /InterScan/i.test(msg.from) || msg.text.includes("Message from InterScan Messaging Security"),
  decode(msg, dsn) {
    const text = explanation(msg.text);
    if (dsn.length) return dsnWithText(dsn, text);
    const own = new Set(addressesIn(msg.from));
    const recipients = addressesIn(text).filter((a) => !own.has(a));
    const received = /Received\s*>>>\s*([^\n]+)/i.exec(text);
    const sent = /Sent\s*<<<\s*(\w+)/i.exec(text);
    // The first line naming each address, found in one pass: a search of the whole text for each
    // recipient was quadratic on a text of many addresses.
    const lineOf = new Map<string, string>();
    for (const line of text.split("\n")) {
      for (const a of addressesIn(line)) if (!lineOf.has(a.toLowerCase())) lineOf.set(a.toLowerCase(), line);
    }
    return recipients.map((recipient) => {
      const line = lineOf.get(recipient.toLowerCase()) ?? "";
      return {
        recipient,
        action: "failed",
        diagnostic: squash(received ? received[1]! : line.replace(/^\s*Reason:\s*/i, "")),
        command: sent ? sent[1]!.toUpperCase() : null,
      };
    });
  },
};
