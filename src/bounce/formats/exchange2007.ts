import type { FormatDecoder } from "./types.js";

/** exchange2007: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const EXCHANGE2007: FormatDecoder = {
  id: "exchange2007",
  detect: () => false,
  decode: () => [],
};
