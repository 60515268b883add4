import type { FormatDecoder } from "./types.js";

/** mimecast: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const MIMECAST: FormatDecoder = {
  id: "mimecast",
  detect: () => false,
  decode: () => [],
};
