// Character folding for the normalised text: ligatures spelled out, curly
// quotes straightened, odd spaces made plain, invisible characters dropped,
// combining sequences composed (NFC), and footnote markers glued to words
// removed. Every step writes through a MappedTextBuilder (copies, inserts, or
// one-for-one substitutions) so offsets stay exact.

import { isLetterOrNumberUnit, isLetterUnit, isLowerUnit, isSpaceUnit, isUpperUnit, unitTable } from "./char-codes.js";
import { type MappedText, MappedTextBuilder, mapReplace } from "./offset-map.js";

const LIGATURES: Record<string, string> = {
  "\uFB00": "ff",
  "\uFB01": "fi",
  "\uFB02": "fl",
  "\uFB03": "ffi",
  "\uFB04": "ffl",
  "\uFB05": "st",
  "\uFB06": "st",
  "\u0132": "IJ",
  "\u0133": "ij",
  "\u0152": "OE",
  "\u0153": "oe",
};

const QUOTES: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u2010": "-",
  "\u2011": "-",
};

const FOLDABLE = new RegExp(
  `[${Object.keys(LIGATURES).join("")}${Object.keys(QUOTES).join("")}\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]`,
  "g",
);

// FOLDABLE, or any code unit outside U+0000-U+02FF and U+2000-U+206F (where no mark lies)
const FOLDABLE_OR_BEYOND = new RegExp(`${FOLDABLE.source.slice(0, -1)}\\u0300-\\u1fff\\u2070-\\uffff]`, "g");
const IS_FOLDABLE = unitTable(FOLDABLE);

/**
 * Folds ligatures, quotes, odd spaces and invisible characters (soft
 * hyphen, zero-width, BOM) and, in the same scan, tells whether the result
 * may hold a combining mark: `mayHaveMark` is false only when no character
 * left after folding is a mark or a surrogate (the few non-Latin characters
 * are looked at one by one, as hasMark does; more than 256 of them, or one
 * that may be a mark, leave the answer to hasMark).
 */
export function foldNotingMarks(mt: MappedText): { text: MappedText; mayHaveMark: boolean } {
  const t = mt.text;
  let out: MappedTextBuilder | null = null;
  let last = 0;
  let mayHaveMark = false;
  let beyond = 0;
  let re = FOLDABLE_OR_BEYOND;
  re.lastIndex = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const at = m.index;
    const c = m[0];
    const code = c.charCodeAt(0);
    if (IS_FOLDABLE[code] === 0) {
      // not folded: a character that may be a mark
      if (++beyond > 256 || markOrSurrogate(code)) {
        mayHaveMark = true;
        FOLDABLE.lastIndex = at + 1;
        re = FOLDABLE;
      }
      continue;
    }
    out ??= new MappedTextBuilder(mt);
    out.copy(last, at);
    last = at + 1;
    const to = LIGATURES[c] ?? QUOTES[c];
    if (to !== undefined) out.insert(to, at, at + 1);
    else if (!isInvisible(code)) out.insert(" ", at, at + 1);
  }
  if (!out) return { text: mt, mayHaveMark };
  out.copy(last, t.length);
  return { text: out.build(), mayHaveMark };
}

/** /[\u00AD\u200B-\u200D\u2060\uFEFF]/: dropped outright. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

const MARK = /\p{M}/u;
// no mark lies below U+0300 nor among the general punctuation (dashes, quotes, bullets) of U+2000-U+206F
const BEYOND_LATIN = /[^\u0000-\u02ff\u2000-\u206f]/g;
/** Per UTF-16 code: 0 not looked at yet, 1 a mark (or a surrogate, which may start one), 2 not a mark. */
const MARK_CODES = new Int8Array(0x10000);

/**
 * True when `text` holds a combining mark. No mark lies below U+0300 or in
 * U+2000-U+206F, so only the other characters are looked at, each code once (a text full of them
 * falls back to the plain regex test).
 */
function hasMark(text: string): boolean {
  BEYOND_LATIN.lastIndex = 0;
  for (let seen = 0, m = BEYOND_LATIN.exec(text); m; m = BEYOND_LATIN.exec(text)) {
    if (++seen > 256) return MARK.test(text);
    if (markOrSurrogate(text.charCodeAt(m.index))) return MARK.test(text.slice(m.index));
  }
  return false;
}

/** True for a code unit that is a mark, or a surrogate (which may start one). */
function markOrSurrogate(c: number): boolean {
  let k = MARK_CODES[c]!;
  if (k === 0) MARK_CODES[c] = k = (c >= 0xd800 && c <= 0xdfff) || MARK.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/**
 * Composes base + combining marks into NFC form (e.g. "o" + U+0304 -> "ō"), each result char mapped to the whole cluster.
 * @param mayHaveMark false when the caller knows the text holds no mark (foldNotingMarks)
 */
export function composeCombining(mt: MappedText, mayHaveMark = true): MappedText {
  if (!mayHaveMark || !hasMark(mt.text)) return mt;
  return mapReplace(mt, /\P{M}\p{M}+/gu, (m) => {
    const nfc = m[0].normalize("NFC");
    if (nfc === m[0]) return null;
    return [{ insert: nfc, over: [0, m[0].length] }];
  });
}

// "Asia1 gained", "countries10 as": 1-3 digits glued to a lower-case word of
// 3+ letters (or one digit to an acronym, "NAFTA2 and"), followed by a space,
// punctuation or the end. "programs.5
// Whether", "policy.12", "(Calder 1997, 3–11).2 Rivalries": 1-3 digits after
// sentence punctuation (and a closing quote) that follows a word of 3+
// letters or a closing parenthesis, then whitespace or the end. The regex
// finds digit runs glued to the character before them (a marker always is;
// the many numbers after a space are never looked at), the context is
// checked by hand.
const GLUED_DIGITS = /[^\s\d]\d+/g;
const ACRONYM_MARK = /^\p{Lu}{4,}\d \p{Ll}/u;

/** Removes footnote reference numbers glued to words or to sentence punctuation. */
export function dropFootnoteMarkers(mt: MappedText): MappedText {
  const t = mt.text;
  let out: MappedTextBuilder | null = null;
  let last = 0;
  // the match is the glued character and the digits: the character stays
  GLUED_DIGITS.lastIndex = 0;
  for (let m = GLUED_DIGITS.exec(t); m; m = GLUED_DIGITS.exec(t)) {
    const at = m.index + 1;
    const end = m.index + m[0].length;
    if (end - at > 3) continue;
    const next = t.charCodeAt(end); // NaN at the end
    if (end < t.length && !isAfterMarker(next)) continue;
    if (!gluedToWord(t, at) && !(gluedToPunctuation(t, at) && (end === t.length || isSpaceUnit(next)))) continue;
    out ??= new MappedTextBuilder(mt);
    out.copy(last, at);
    last = end;
  }
  if (!out) return mt;
  out.copy(last, t.length);
  return out.build();
}

/** /[\s,;:.)\]]/ */
function isAfterMarker(c: number): boolean {
  return c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2e || c === 0x29 || c === 0x5d || isSpaceUnit(c);
}

/** /["'”’]/ */
function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201d || c === 0x2019;
}

/** /[.,;:!?)"'”’]/ */
function isPunct(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f || c === 0x29 || isQuote(c);
}

function gluedToWord(t: string, at: number): boolean {
  if (at >= 3 && isLowerUnit(t.charCodeAt(at - 1)) && isLowerUnit(t.charCodeAt(at - 2)) && isLowerUnit(t.charCodeAt(at - 3))) return true;
  return gluedToAcronym(t, at);
}

// "NAFTA2 and": one digit after an acronym of 4+ capitals, then a lower-case
// word; "G7", "G20", "C87" and "ASEAN+3" stay as they are (ACRONYM_MARK).
function gluedToAcronym(t: string, at: number): boolean {
  // the mark needs 4+ capitals right before the digit
  if (!isUpperUnit(t.charCodeAt(at - 1))) return false;
  let i = at;
  while (i > 0 && isUpperUnit(t.charCodeAt(i - 1))) i--;
  if (i > 0 && isLetterOrNumberUnit(t.charCodeAt(i - 1))) return false;
  return ACRONYM_MARK.test(t.slice(i, at + 3));
}

function gluedToPunctuation(t: string, at: number): boolean {
  let i = at - 1;
  if (i >= 0 && isQuote(t.charCodeAt(i))) i--; // a closing quote after the punctuation
  if (i < 0 || !isPunct(t.charCodeAt(i))) return false;
  i--;
  if (i >= 0 && t.charCodeAt(i) === 0x29) return true;
  return i >= 2 && isLetterUnit(t.charCodeAt(i)) && isLetterUnit(t.charCodeAt(i - 1)) && isLetterUnit(t.charCodeAt(i - 2));
}
