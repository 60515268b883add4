import type { FormatDecoder } from "./types.js";

/** activehunter: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const ACTIVEHUNTER: FormatDecoder = {
  id: "activehunter",
  detect: () => false,
  decode: () => [],
};
