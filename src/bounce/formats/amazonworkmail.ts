import type { FormatDecoder } from "./types.js";

/** amazonworkmail: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const AMAZONWORKMAIL: FormatDecoder = {
  id: "amazonworkmail",
  detect: () => false,
  decode: () => [],
};
