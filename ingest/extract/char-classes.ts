// Character classes the hand-written scanners of the extraction test by code
// unit, each exactly as the regular expression it replaces reads it: JS "\s",
// JS "\w" (ASCII), and the word characters of the tokenizer.
import { isSpaceUnit } from "../read/char-codes.js";

/** True when /\s/ matches the code unit (the read path's table: one built per process, not two). */
export const isSpaceCode: (c: number) => boolean = isSpaceUnit;

/** True when /\w/ (no u flag) matches the code unit. */
export function isAsciiWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** The tokenizer's word characters: [A-Za-z0-9\u00c0-\u024f]. */
export function isTokenWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0x24f);
}
