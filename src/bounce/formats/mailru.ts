import type { FormatDecoder } from "./types.js";

/** mailru: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const MAILRU: FormatDecoder = {
  id: "mailru",
  detect: () => false,
  decode: () => [],
};
