import type { FormatDecoder } from "./types.js";

/** sendmail: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const SENDMAIL: FormatDecoder = {
  id: "sendmail",
  detect: () => false,
  decode: () => [],
};
