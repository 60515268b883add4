import type { FormatDecoder } from "./types.js";

/** domino: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const DOMINO: FormatDecoder = {
  id: "domino",
  detect: () => false,
  decode: () => [],
};
