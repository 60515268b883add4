import type { FormatDecoder } from "./types.js";

/** exim: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const EXIM: FormatDecoder = {
  id: "exim",
  detect: () => false,
  decode: () => [],
};
