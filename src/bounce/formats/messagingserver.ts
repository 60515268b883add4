import type { FormatDecoder } from "./types.js";

/** messagingserver: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const MESSAGINGSERVER: FormatDecoder = {
  id: "messagingserver",
  detect: () => false,
  decode: () => [],
};
