// A folded copy of a text for name matching: lower case, diacritics removed,
// curly quotes plain, every space, line break, hyphen and dash one plain
// space, one character for one character, so an offset in the folded copy is
// the same offset in the text it came from.

// The fold of each UTF-16 code, filled in when first asked (normalising all 65536
// codes up front cost ~17 ms at every start, in every worker). 0 marks a code not
// yet folded: only NUL folds to 0, and it is filled in from the start.
const TABLE = new Uint16Array(0x10000);
for (let c = 0; c < 0x80; c++) TABLE[c] = fold(c);
for (const q of "\u2018\u2019\u201b\u02bc\u0060\u00b4") TABLE[q.charCodeAt(0)] = 39; // '
for (const q of "\u201c\u201d\u201e\u00ab\u00bb") TABLE[q.charCodeAt(0)] = 34; // "
for (const d of "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a\u2028\u2029") TABLE[d.charCodeAt(0)] = 32;

/** The fold of code `c` by its own rule: the first character of its NFD form, lower case. */
function fold(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c;
  const base = String.fromCharCode(c).normalize("NFD").charAt(0);
  const lower = base.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

/** TABLE[c], filled in on first use. */
function folded(c: number): number {
  const v = TABLE[c]!;
  if (v !== 0 || c === 0) return v;
  return (TABLE[c] = fold(c));
}

/** In the lowered text, the ASCII characters folded to a space and every non-ASCII one. */
const TO_FOLD = /[\t\n\r\f\v-]|[^\x00-\x7f]/g;
/** What foldMatch has seen since foldLoweredNoting reset them (see FoldNotes). */
let sawQuote = false;
let sawBreak = false;
const foldMatch = (ch: string): string => {
  const c = ch.charCodeAt(0);
  if (c < 0x80) {
    if (c === 13) sawBreak = true;
    return " ";
  }
  if (c === 0x2018 || c === 0x2019) sawQuote = true;
  else if (c === 0x2028 || c === 0x2029) sawBreak = true;
  return String.fromCharCode(folded(c));
};

/**
 * Characters of the lowered text that whole-text tests of the extraction ask
 * about, noted while folding: the replace stops at each of them anyway, so the
 * callers need no scan of their own (a /[‘’]/ test of the lowered 50 MB corpus
 * cost ~40 ms).
 */
export interface FoldNotes {
  /** The lowered text holds "‘" or "’". */
  quotes: boolean;
  /** The lowered text holds a line break other than "\n": "\r", U+2028 or U+2029. */
  breaks: boolean;
}

/** Texts up to this long are folded by foldShort. */
const SHORT = 200;

/** lower.replace(TO_FOLD, foldMatch) by a loop: unchanged runs copied as slices. */
function foldShort(lower: string): string {
  const n = lower.length;
  let out = "";
  let last = 0;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    if (c < 0x80) {
      if (!(c === 45 || (c >= 9 && c <= 13))) continue;
      out += lower.slice(last, i) + " ";
    } else out += lower.slice(last, i) + String.fromCharCode(folded(c));
    last = i + 1;
  }
  return last === 0 ? lower : out + lower.slice(last);
}

/**
 * Folds `text` character by character (same length, same offsets).
 * @param text any text
 * @returns the folded copy
 */
export function foldText(text: string): string {
  return foldLowered(text, text.toLowerCase());
}

/** Whether foldLowered folds by one replace of `lower` (foldMatch then sees every character it changes). */
function foldsByReplace(text: string, lower: string): boolean {
  return lower.length === text.length && lower.length > SHORT;
}

/**
 * foldText when the caller already has text.toLowerCase().
 * @param text any text
 * @param lower text.toLowerCase()
 */
export function foldLowered(text: string, lower: string): string {
  // Fast path: native lower-casing, then one replace for the ASCII line breaks and
  // hyphens (the table maps them to a space) and the few non-ASCII characters;
  // a short text (a name) by a loop doing the same, cheaper than a replace call.
  if (foldsByReplace(text, lower)) return lower.replace(TO_FOLD, foldMatch);
  if (lower.length === text.length) return foldShort(lower);
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = folded(text.charCodeAt(i));
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString("utf16le");
}

/**
 * foldLowered, and what FoldNotes records about `lower`.
 * @param text any text
 * @param lower text.toLowerCase()
 */
export function foldLoweredNoting(text: string, lower: string): { folded: string; notes: FoldNotes } {
  sawQuote = false;
  sawBreak = false;
  const folded = foldLowered(text, lower);
  // foldMatch saw every character of note only when foldLowered folded by the replace.
  if (foldsByReplace(text, lower)) return { folded, notes: { quotes: sawQuote, breaks: sawBreak } };
  return { folded, notes: { quotes: /[‘’]/.test(lower), breaks: /[\r\u2028\u2029]/.test(lower) } };
}

/** The folded form of one character code (see foldText). */
export function foldCode(code: number): number {
  return folded(code);
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
