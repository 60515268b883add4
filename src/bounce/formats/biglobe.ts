import type { FormatDecoder } from "./types.js";

/** biglobe: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const BIGLOBE: FormatDecoder = {
  id: "biglobe",
  detect: () => false,
  decode: () => [],
};
