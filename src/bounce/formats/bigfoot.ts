import type { FormatDecoder } from "./types.js";

/** bigfoot: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const BIGFOOT: FormatDecoder = {
  id: "bigfoot",
  detect: () => false,
  decode: () => [],
};
