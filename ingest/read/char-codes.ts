// Character classes of single UTF-16 code units, looked up by code instead
// of testing a one-character string against a regex. Each table is filled
// from the very regex it stands for (lazily, one code at a time), so a
// lookup answers exactly what `re.test(String.fromCharCode(c))` answers:
// a lone surrogate is never a letter, as with the u flag on one code unit.

/** A cached answer of `re` for every code unit: 0 not asked yet, 1 yes, 2 no. */
function unitClass(re: RegExp): (c: number) => boolean {
  const known = new Uint8Array(0x10000);
  return (c: number): boolean => {
    let k = known[c]!;
    if (k === 0) known[c] = k = re.test(String.fromCharCode(c)) ? 1 : 2;
    return k === 1;
  };
}

/** Every UTF-16 code unit once, in order (for filling tables with one regex scan). */
let allUnits: string | null = null;

/**
 * The code units a one-character regex (no u flag) matches, as a table:
 * one scan of a string holding every code unit instead of 65536 tests.
 */
export function unitTable(re: RegExp): Uint8Array {
  if (allUnits === null) {
    const chunks: string[] = [];
    const units = new Uint16Array(4096);
    for (let c = 0; c < 0x10000; c += 4096) {
      for (let k = 0; k < 4096; k++) units[k] = c + k;
      chunks.push(String.fromCharCode.apply(null, units as unknown as number[]));
    }
    allUnits = chunks.join("");
  }
  const table = new Uint8Array(0x10000);
  for (const m of allUnits.matchAll(new RegExp(re.source, `g${re.ignoreCase ? "i" : ""}`))) table[m.index!] = 1;
  return table;
}

/** /\s/ (the set String.prototype.trim removes) as a table, filled eagerly (hot on every line). */
const SPACE = unitTable(/\s/);

/** True when the code unit is /\s/ (also exactly what trim() removes). */
export function isSpaceUnit(c: number): boolean {
  return SPACE[c] === 1;
}

/** True for an ASCII digit (/\d/). */
export function isDigitUnit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** /\p{L}/u on one code unit. */
export const isLetterUnit = unitClass(/\p{L}/u);
/** /\p{Ll}/u on one code unit. */
export const isLowerUnit = unitClass(/\p{Ll}/u);
/** /\p{Lu}/u on one code unit. */
export const isUpperUnit = unitClass(/\p{Lu}/u);
/** /[\p{L}\p{N}]/u on one code unit. */
export const isLetterOrNumberUnit = unitClass(/[\p{L}\p{N}]/u);

const LOWER_POINT = /^\p{Ll}$/u;

/**
 * True when the code point starting at `i` of `t` is /\p{Ll}/u (what a u-flag
 * lookahead `(?=\p{Ll})` sees at `i`).
 */
export function lowerCodePointAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
    const d = t.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return LOWER_POINT.test(t.slice(i, i + 2));
  }
  return c === c && isLowerUnit(c);
}

/**
 * True when the code point ending just before `i` of `t` is /\p{Ll}/u (what a
 * u-flag lookbehind `(?<=\p{Ll})` sees at `i`).
 */
export function lowerCodePointBefore(t: string, i: number): boolean {
  if (i <= 0) return false;
  const c = t.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = t.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return LOWER_POINT.test(t.slice(i - 2, i));
  }
  return isLowerUnit(c);
}
