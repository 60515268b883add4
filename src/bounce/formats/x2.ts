import type { FormatDecoder } from "./types.js";

/** x2: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const X2: FormatDecoder = {
  id: "x2",
  detect: () => false,
  decode: () => [],
};
