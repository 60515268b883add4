import type { FormatDecoder } from "./types.js";

/** x3: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const X3: FormatDecoder = {
  id: "x3",
  detect: () => false,
  decode: () => [],
};
