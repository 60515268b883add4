import type { FormatDecoder } from "./types.js";

/** apachejames: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const APACHEJAMES: FormatDecoder = {
  id: "apachejames",
  detect: () => false,
  decode: () => [],
};
