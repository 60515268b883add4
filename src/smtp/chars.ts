/**
 * Character tests on UTF-16 code units, as the regular expressions of the rules see characters:
 * one definition for the hand-written readers of the reply text (the scan, the entity reader, the
 * code reader).
 */

/** What `\s` matches in a regular expression. */
export const WHITESPACE: readonly number[] = [
  9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && WHITESPACE.includes(c));
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What `\w` matches (no `u` flag): ASCII letters, digits and "_". */
export function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
