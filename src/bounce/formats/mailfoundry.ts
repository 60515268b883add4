import type { FormatDecoder } from "./types.js";

/** mailfoundry: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const MAILFOUNDRY: FormatDecoder = {
  id: "mailfoundry",
  detect: () => false,
  decode: () => [],
};
