import type { FormatDecoder } from "./types.js";

/** barracuda: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const BARRACUDA: FormatDecoder = {
  id: "barracuda",
  detect: () => false,
  decode: () => [],
};
