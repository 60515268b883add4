import type { FormatDecoder } from "./types.js";

/** sendgrid: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const SENDGRID: FormatDecoder = {
  id: "sendgrid",
  detect: () => false,
  decode: () => [],
};
