import type { FormatDecoder } from "./types.js";

/** office365: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const OFFICE365: FormatDecoder = {
  id: "office365",
  detect: () => false,
  decode: () => [],
};
