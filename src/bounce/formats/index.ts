import type { FormatDecoder } from "./types.js";

/**
 * The non-standard formats, tried in order before the generic RFC 3464 reading. Each decoder's
 * `detect` is cheap; the first whose `decode` returns recipients wins.
 */
export const FORMATS: FormatDecoder[] = [];
