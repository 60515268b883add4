import type { FormatDecoder } from "./types.js";

/** receivingses: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const RECEIVINGSES: FormatDecoder = {
  id: "receivingses",
  detect: () => false,
  decode: () => [],
};
