// A byte order mark an editor puts before a file's text is no part of it: every reader of user
// input (CLI files and stdin, HTTP bodies, the library) drops it the same way.

/** Removes a byte order mark (U+FEFF) at the start of a text. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Removes a UTF-8 byte order mark (EF BB BF) at the start of bytes, without copying. */
export function stripBomBytes(data: Buffer): Buffer {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf
    ? data.subarray(3)
    : data;
}
