import type { FormatDecoder } from "./types.js";

/** amazonses: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const AMAZONSES: FormatDecoder = {
  id: "amazonses",
  detect: () => false,
  decode: () => [],
};
