import type { FormatDecoder } from "./types.js";

/** opensmtpd: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const OPENSMTPD: FormatDecoder = {
  id: "opensmtpd",
  detect: () => false,
  decode: () => [],
};
