import type { FormatDecoder } from "./types.js";

/** courier: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const COURIER: FormatDecoder = {
  id: "courier",
  detect: () => false,
  decode: () => [],
};
