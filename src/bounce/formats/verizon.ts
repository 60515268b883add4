import type { FormatDecoder } from "./types.js";

/** verizon: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const VERIZON: FormatDecoder = {
  id: "verizon",
  detect: () => false,
  decode: () => [],
};
