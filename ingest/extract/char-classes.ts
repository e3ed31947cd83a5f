// Character classes the hand-written scanners of the extraction test by code
// unit, each exactly as the regular expression it replaces reads it: JS "\s",
// JS "\w" (ASCII), and the word characters of the tokenizer.

/** Per UTF-16 code above U+007F: 1 when /\s/ matches it (no-break and other Unicode spaces). */
const WIDE_SPACE = buildWideSpace();

function buildWideSpace(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const codes = new Array<number>(0x10000 - 0x80);
  for (let c = 0x80; c < 0x10000; c++) codes[c - 0x80] = c;
  const parts: string[] = [];
  for (let k = 0; k < codes.length; k += 4096) parts.push(String.fromCharCode(...codes.slice(k, k + 4096)));
  for (const m of parts.join("").matchAll(/\s/g)) table[0x80 + m.index!] = 1;
  return table;
}

/** True when /\s/ matches the code unit. */
export function isSpaceCode(c: number): boolean {
  return c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : WIDE_SPACE[c] === 1;
}

/** True when /\w/ (no u flag) matches the code unit. */
export function isAsciiWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** The tokenizer's word characters: [A-Za-z0-9\u00c0-\u024f]. */
export function isTokenWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0x24f);
}
