import type { FormatDecoder } from "./types.js";

/** zoho: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const ZOHO: FormatDecoder = {
  id: "zoho",
  detect: () => false,
  decode: () => [],
};
