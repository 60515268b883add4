import type { FormatDecoder } from "./types.js";

/** mailmarshal: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const MAILMARSHAL: FormatDecoder = {
  id: "mailmarshal",
  detect: () => false,
  decode: () => [],
};
