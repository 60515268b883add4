import type { FormatDecoder } from "./types.js";

/** x5: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const X5: FormatDecoder = {
  id: "x5",
  detect: () => false,
  decode: () => [],
};
