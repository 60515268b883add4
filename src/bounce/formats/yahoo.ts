import type { FormatDecoder } from "./types.js";

/** yahoo: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const YAHOO: FormatDecoder = {
  id: "yahoo",
  detect: () => false,
  decode: () => [],
};
