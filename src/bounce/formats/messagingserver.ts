import type { RecipientRecord } from "../types.js";
import { squash } from "./smtptext.js";
import { cleanAddress, firstByAddress } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Oracle (Sun ONE, iPlanet; formerly Netscape/PMDF) Communications Messaging Server:
 * "Delivery Notification: Delivery has failed" (or "has been delayed") with a MIME boundary named
 * "Boundary_(ID_…)". The body says "This report relates to a message you sent with the following
 * header fields:", then per recipient "Recipient address: …", "Reason: …", and sometimes
 * "Diagnostic code: smtp; 550 …" and "Remote system: dns; …", then a delivery attempt history.
 * A delivery-status part follows; its Final-recipient may be an internal source route
 * ("@smtp.example.net:user@server"), where the Original-recipient is the real address.
 */
interface Block {
  recipient: string;
  reason: string;
  diagnostic: string;
  remote: string;
}

function blocksOf(text: string): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(Recipient address|Original address|Reason|Diagnostic code|Remote system):\s*(.*)$/i.exec(
      raw,
    );
    if (!m) continue;
    const field = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (field === "recipient address") {
      const a = cleanAddress(value);
      cur = a ? { recipient: a, reason: "", diagnostic: "", remote: "" } : null;
      if (cur) out.push(cur);
    } else if (cur && field === "reason") cur.reason = value;
    else if (cur && field === "diagnostic code") cur.diagnostic = value.replace(/^\w+;\s*/, "");
    else if (cur && field === "remote system") cur.remote = value.replace(/^\w+;\s*/, "");
  }
  return out;
}

/**
 * The words after the last "Error:" (on the next line when it ends its line), as
 * /Error:\s*([^\n]+)\s*(?:\n|$)(?![\s\S]*Error:)/ reads them, without its lookahead: that scans to
 * the end of the text from every "Error:" (quadratic on a text of many).
 */
function lastError(text: string): string | null {
  const last = text.lastIndexOf("Error:");
  if (last < 0) return null;
  const lineStart = text.lastIndexOf("\n", last) + 1;
  // An "Error:" ending the last line before this one (blank lines between) reads this line.
  const before = text.slice(0, lineStart).trimEnd();
  const from = before.endsWith("Error:") ? before.length : text.indexOf("Error:", lineStart) + 6;
  // From the first visible character after it (maybe on a later line) to the end of that line.
  const skip = text.slice(from).search(/\S/);
  if (skip < 0) return "";
  const eol = text.indexOf("\n", from + skip);
  return squash(text.slice(from + skip, eol < 0 ? undefined : eol));
}

function realAddress(r: RecipientRecord): string {
  const odd = /^@|:|@[^.]+$/.test(r.recipient);
  return odd && r.originalRecipient ? r.originalRecipient : r.recipient;
}

function diagnosticOf(b: Block | undefined, history: string | null): string {
  if (!b) return history ?? "";
  if (b.diagnostic) return b.diagnostic;
  return squash([b.reason, history].filter(Boolean).join(". "));
}

export const MESSAGINGSERVER: FormatDecoder = {
  id: "messagingserver",
  detect: (msg) =>
    /^\s*Delivery Notification: Delivery has (?:failed|been delayed)/i.test(msg.subject) ||
    /boundary="?boundary_\(id_/i.test(msg.contentType),
  decode(msg, dsn) {
    const text = msg.text;
    const blocks = blocksOf(text);
    const history = lastError(text);
    const find = firstByAddress(blocks, (b) => b.recipient);
    if (dsn.length) {
      return dsn.map((r) => {
        const recipient = realAddress(r);
        if (r.diagnostic.trim()) return { ...r, recipient };
        const d = diagnosticOf(find(recipient), history);
        return { ...r, recipient, diagnostic: d };
      });
    }
    const delayed = /has been delayed|enqueued and undeliverable/i.test(msg.subject + text.slice(0, 1000));
    return blocks.map((b) => ({
      recipient: b.recipient,
      action: delayed ? "delayed" : "failed",
      diagnostic: diagnosticOf(b, history),
      remoteMta: b.remote || null,
    }));
  },
};
