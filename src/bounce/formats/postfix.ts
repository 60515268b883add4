import type { FormatDecoder } from "./types.js";

/** postfix: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const POSTFIX: FormatDecoder = {
  id: "postfix",
  detect: () => false,
  decode: () => [],
};
