import type { FormatDecoder } from "./types.js";

/** einsundeins: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const EINSUNDEINS: FormatDecoder = {
  id: "einsundeins",
  detect: () => false,
  decode: () => [],
};
