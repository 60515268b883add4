import type { FormatDecoder } from "./types.js";

/** mfilter: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const MFILTER: FormatDecoder = {
  id: "mfilter",
  detect: () => false,
  decode: () => [],
};
