import type { FormatDecoder } from "./types.js";

/** googlegroups: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const GOOGLEGROUPS: FormatDecoder = {
  id: "googlegroups",
  detect: () => false,
  decode: () => [],
};
