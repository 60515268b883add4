import type { FormatDecoder } from "./types.js";

/** x4: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const X4: FormatDecoder = {
  id: "x4",
  detect: () => false,
  decode: () => [],
};
