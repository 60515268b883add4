import type { FormatDecoder } from "./types.js";

/** exchange2003: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const EXCHANGE2003: FormatDecoder = {
  id: "exchange2003",
  detect: () => false,
  decode: () => [],
};
