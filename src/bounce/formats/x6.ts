import type { FormatDecoder } from "./types.js";

/** x6: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const X6: FormatDecoder = {
  id: "x6",
  detect: () => false,
  decode: () => [],
};
