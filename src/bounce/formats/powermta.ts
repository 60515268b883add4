import type { FormatDecoder } from "./types.js";

/** powermta: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const POWERMTA: FormatDecoder = {
  id: "powermta",
  detect: () => false,
  decode: () => [],
};
