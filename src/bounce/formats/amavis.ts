import type { FormatDecoder } from "./types.js";

/** amavis: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const AMAVIS: FormatDecoder = {
  id: "amavis",
  detect: () => false,
  decode: () => [],
};
