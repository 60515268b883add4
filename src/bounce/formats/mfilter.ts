import { blockAfter, headerHas, originalRecipients, squash } from "./smtptext.js";
import { addressesIn } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * m-FILTER (Digital Arts), X-Mailer: m-FILTER. A Japanese notice listing the failed addresses after
 * 「以下のメールアドレスへの送信に失敗しました。」, then "-------server message" with the remote reply
 * and "-------SMTP command" with the command it answered, then "-------original message".
 */
export const MFILTER: FormatDecoder = {
  id: "mfilter",
  detect: (msg) =>
    headerHas(msg, "x-mailer", /^\s*m-FILTER/i) ||
    (msg.subject === "failure notice" && msg.text.includes("-------server message")),
  decode(msg, dsn) {
    const text = msg.text;
    const list = blockAfter(text, /以下のメールアドレスへの送信に失敗しました/) ?? "";
    let recipients = addressesIn(list);
    if (!recipients.length) recipients = dsn.map((r) => r.recipient);
    if (!recipients.length) recipients = originalRecipients(msg);
    if (!recipients.length) return [];
    const reply = squash(blockAfter(text, /^-+\s*server message/im, /^-{5,}/) ?? "");
    const command = squash(blockAfter(text, /^-+\s*SMTP command/im, /^-{5,}/) ?? "");
    const cmd =
      /^(?:EHLO|HELO|MAIL|RCPT|DATA|QUIT|RSET|CONNECT)\b/i.exec(command)?.[0]?.toUpperCase() ?? null;
    return recipients.map((recipient) => ({
      recipient,
      action: "failed",
      diagnostic: reply,
      command: cmd,
    }));
  },
};
