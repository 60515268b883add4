import { mergeWithDsn, recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * Active!Hunter (TransWARE's Japanese anti-spam gateway). Header X-AHMAILID, MIME boundary
 * "------=_Active!Hunter_…", subject "FAILURE NOTICE : …", and a sendmail-like body:
 *
 *       ----- The following addresses had permanent fatal errors -----
 *     >>> user@example.org <user@example.org>
 *       ----- Transcript of session follows -----
 *     550 sorry, no mailbox here by that name (#5.1.1 - chkusr)
 */
export const ACTIVEHUNTER: FormatDecoder = {
  id: "activehunter",
  detect(msg) {
    return msg.headers.has("x-ahmailid") || msg.contentType.includes("active!hunter");
  },
  decode(msg, dsn) {
    const text = msg.text;
    const start = text.indexOf("----- The following addresses had permanent fatal errors -----");
    if (start < 0) return dsn;
    const lines = text.slice(start).split(/\r?\n/).slice(1);
    const recipients: string[] = [];
    const transcript: string[] = [];
    let inTranscript = false;
    for (const line of lines) {
      if (/^\s*-{5} Transcript of session follows -{5}/.test(line)) {
        inTranscript = true;
        continue;
      }
      if (/^-{2,}=_|^\s*-{5}\s/.test(line)) break;
      if (!inTranscript) {
        const m = /^>>>\s*<?([^\s<>]+@[^\s<>]+)>?/.exec(line);
        if (m) recipients.push(m[1]!);
      } else if (line.trim()) transcript.push(line.trim());
    }
    if (!recipients.length) return dsn;
    const diagnostic = transcript.join("\n");
    return mergeWithDsn(
      dsn,
      recipients.map((r) => recordFrom(r, diagnostic)),
    );
  },
};
