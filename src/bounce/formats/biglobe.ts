import { recordFrom } from "./reply-lines.js";
import type { FormatDecoder } from "./types.js";

/**
 * BIGLOBE (NEC's Japanese ISP; From postmaster@biglobe.ne.jp or a subdomain). A Japanese
 * notice and the English lines:
 *
 *        ----- The following addresses had delivery problems -----
 *     user@example.biglobe.ne.jp
 *
 *        ----- Non-delivered information -----
 *     The number of messages in recipient's mailbox exceeded the local limit.
 */
export const BIGLOBE: FormatDecoder = {
  id: "biglobe",
  detect(msg) {
    return /postmaster@(?:[\w-]+\.)*biglobe\.ne\.jp/i.test(msg.from);
  },
  decode(msg, dsn) {
    const text = msg.text;
    // \n[^\S\n]*-{5}, not \n\s*-{5}: from every line end of a run of blank lines, \s* would rescan
    // the rest of the run (quadratic). It ends the list at the last line end instead of the first:
    // the blank lines between are no address lines.
    const list =
      /-{5} The following addresses had delivery problems -{5}\s*\n([\s\S]*?)(?:\n[^\S\n]*-{5}|$)/.exec(text);
    if (!list) return dsn;
    const info = /-{5} Non-delivered information -{5}\s*\n([\s\S]*?)(?:\n\s*\n|\n-{2,}|$)/.exec(text);
    const diagnostic = info ? info[1]!.trim() : "";
    const records = [];
    for (const line of list[1]!.split(/\r?\n/)) {
      const m = /^\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$/.exec(line);
      if (m) records.push(recordFrom(m[1]!, diagnostic));
    }
    return records.length ? records : dsn;
  },
};
