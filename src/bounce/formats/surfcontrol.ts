import type { FormatDecoder } from "./types.js";

/** surfcontrol: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const SURFCONTROL: FormatDecoder = {
  id: "surfcontrol",
  detect: () => false,
  decode: () => [],
};
