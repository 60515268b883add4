import type { FormatDecoder } from "./types.js";

/** notes: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const NOTES: FormatDecoder = {
  id: "notes",
  detect: () => false,
  decode: () => [],
};
