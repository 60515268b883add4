import type { FormatDecoder } from "./types.js";

/** gmx: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const GMX: FormatDecoder = {
  id: "gmx",
  detect: () => false,
  decode: () => [],
};
