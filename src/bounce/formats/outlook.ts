import type { FormatDecoder } from "./types.js";

/** outlook: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const OUTLOOK: FormatDecoder = {
  id: "outlook",
  detect: () => false,
  decode: () => [],
};
