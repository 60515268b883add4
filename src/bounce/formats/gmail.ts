import type { FormatDecoder } from "./types.js";

/** gmail: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const GMAIL: FormatDecoder = {
  id: "gmail",
  detect: () => false,
  decode: () => [],
};
