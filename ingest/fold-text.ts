// A folded copy of a text for name matching: lower case, diacritics removed,
// curly quotes plain, every space, line break, hyphen and dash one plain
// space, one character for one character, so an offset in the folded copy is
// the same offset in the text it came from.

const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    table[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    const base = ch.normalize("NFD").charAt(0);
    const lower = base.toLowerCase();
    if (lower.length === 1) table[c] = lower.charCodeAt(0);
  }
  for (const q of "\u2018\u2019\u201b\u02bc\u0060\u00b4") table[q.charCodeAt(0)] = 39; // '
  for (const q of "\u201c\u201d\u201e\u00ab\u00bb") table[q.charCodeAt(0)] = 34; // "
  for (const d of "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a\u2028\u2029") table[d.charCodeAt(0)] = 32;
  return table;
}

const NON_ASCII = /[^\x00-\x7f]/g;
const ASCII_SPACES = /[\t\n\r\f\v-]/g;

/**
 * Folds `text` character by character (same length, same offsets).
 * @param text any text
 * @returns the folded copy
 */
export function foldText(text: string): string {
  return foldLowered(text, text.toLowerCase());
}

/**
 * foldText when the caller already has text.toLowerCase().
 * @param text any text
 * @param lower text.toLowerCase()
 */
export function foldLowered(text: string, lower: string): string {
  // Fast path: native lower-casing, ASCII line breaks and hyphens to spaces by a
  // plain replace (the table maps them to a space), then the few non-ASCII characters one by one.
  if (lower.length === text.length) return lower.replace(ASCII_SPACES, " ").replace(NON_ASCII, (ch) => String.fromCharCode(TABLE[ch.charCodeAt(0)]));
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = TABLE[text.charCodeAt(i)];
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString("utf16le");
}

/** The folded form of one character code (see foldText). */
export function foldCode(code: number): number {
  return TABLE[code];
}

/**
 * The key under which a name is looked up: folded, apostrophes dropped, every
 * run of spaces and hyphens one space. Two spellings of a name with the same
 * key are the same name ("Zentōitsu Workers' Union" = "Zentoitsu Workers Union").
 */
export function nameKey(name: string): string {
  return keyOfFolded(foldText(name));
}

/** nameKey of a text that is already folded (a slice of a folded copy). */
export function keyOfFolded(folded: string): string {
  let key = folded.includes("'") ? folded.replace(/'/g, "") : folded;
  if (needsSpaceFix(key)) key = key.replace(/\s+/g, " ").trim();
  return key;
}

/** True for the characters \s matches. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * What /\s\s|^\s|\s$|[^\S ]/.test(key) answers (whitespace other than single
 * inner spaces), by one loop instead of the pattern.
 */
export function needsSpaceFix(key: string): boolean {
  const n = key.length;
  let previous = false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (!isSpace(c)) {
      previous = false;
      continue;
    }
    if (c !== 32 || previous || i === 0 || i === n - 1) return true;
    previous = true;
  }
  return false;
}
