import type { FormatDecoder } from "./types.js";

/** fml: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const FML: FormatDecoder = {
  id: "fml",
  detect: () => false,
  decode: () => [],
};
