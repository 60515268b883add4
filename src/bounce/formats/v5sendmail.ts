import type { FormatDecoder } from "./types.js";

/** v5sendmail: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const V5SENDMAIL: FormatDecoder = {
  id: "v5sendmail",
  detect: () => false,
  decode: () => [],
};
