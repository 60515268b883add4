import type { FormatDecoder } from "./types.js";

/** x1: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const X1: FormatDecoder = {
  id: "x1",
  detect: () => false,
  decode: () => [],
};
