import type { FormatDecoder } from "./types.js";

/** trendmicro: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const TRENDMICRO: FormatDecoder = {
  id: "trendmicro",
  detect: () => false,
  decode: () => [],
};
