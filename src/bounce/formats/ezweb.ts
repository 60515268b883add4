import type { FormatDecoder } from "./types.js";

/** ezweb: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const EZWEB: FormatDecoder = {
  id: "ezweb",
  detect: () => false,
  decode: () => [],
};
