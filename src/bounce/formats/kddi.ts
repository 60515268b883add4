import type { FormatDecoder } from "./types.js";

/** kddi: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const KDDI: FormatDecoder = {
  id: "kddi",
  detect: () => false,
  decode: () => [],
};
