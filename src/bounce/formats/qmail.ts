import type { FormatDecoder } from "./types.js";

/** qmail: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const QMAIL: FormatDecoder = {
  id: "qmail",
  detect: () => false,
  decode: () => [],
};
