import type { FormatDecoder } from "./types.js";

/** dragonfly: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const DRAGONFLY: FormatDecoder = {
  id: "dragonfly",
  detect: () => false,
  decode: () => [],
};
