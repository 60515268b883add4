import type { FormatDecoder } from "./types.js";

/** imailserver: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const IMAILSERVER: FormatDecoder = {
  id: "imailserver",
  detect: () => false,
  decode: () => [],
};
