import type { FormatDecoder } from "./types.js";

/** mcafee: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const MCAFEE: FormatDecoder = {
  id: "mcafee",
  detect: () => false,
  decode: () => [],
};
