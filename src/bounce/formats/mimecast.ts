import { squash } from "./smtptext.js";
import { addressesIn, explanation } from "./text.js";
import type { FormatDecoder } from "./types.js";

/**
 * Mimecast ("[Postmaster] Email Delivery Failure", X-MC-System / X-Mimecast-* headers): "An email
 * that you attempted to send to the following address could not be delivered:", "-- user@example.com",
 * "The problem appears to be :", "-- <summary>", "Additional information follows :", "-- <the
 * remote reply>", then how many attempts were made.
 */
function after(text: string, marker: RegExp): string | null {
  const m = marker.exec(text);
  if (!m) return null;
  // The first line starting with "--", or the "--" ending the marker's own line. [ \t]*, not \s*:
  // a line-start \s* crosses line ends (quadratic on blank lines).
  const d = /^[ \t]*--\s*(.+)$/m.exec(text.slice(m.index + m[0].length));
  return d ? squash(d[1]!) : null;
}

export const MIMECAST: FormatDecoder = {
  id: "mimecast",
  detect: (msg) => msg.headers.has("x-mc-system") || msg.headers.has("x-mimecast-originator"),
  decode(msg, dsn) {
    const text = explanation(msg.text);
    const problem = after(text, /The problem appears to be\s*:/i);
    const info = after(text, /Additional information follows\s*:/i);
    const diagnostic = squash([info, problem].filter(Boolean).join(". "));
    if (dsn.length) {
      const good = dsn.filter((r) => r.diagnostic.trim() && !/^--/.test(r.diagnostic));
      if (good.length === dsn.length) return dsn;
      // The text's one explanation stands in for the records that have none of their own.
      return dsn.map((r) => (diagnostic && !good.includes(r) ? { ...r, diagnostic } : r));
    }
    const to = after(text, /following address(?:es)? could not be delivered:/i);
    const recipients = to ? addressesIn(to) : [];
    return recipients.map((recipient) => ({ recipient, action: "failed", diagnostic }));
  },
};
