import type { FormatDecoder } from "./types.js";

/** yandex: not yet decoded by a format of its own (the RFC 3464 reading and the text fallback apply). */
export const YANDEX: FormatDecoder = {
  id: "yandex",
  detect: () => false,
  decode: () => [],
};
