import type { FormatDecoder } from "./types.js";

/** mxlogic: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const MXLOGIC: FormatDecoder = {
  id: "mxlogic",
  detect: () => false,
  decode: () => [],
};
