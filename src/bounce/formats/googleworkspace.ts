import type { FormatDecoder } from "./types.js";

/** googleworkspace: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const GOOGLEWORKSPACE: FormatDecoder = {
  id: "googleworkspace",
  detect: () => false,
  decode: () => [],
};
