// Sentence boundaries in one linear pass: a full stop, question or exclamation
// mark followed by space and a capital (or an opening quote or bracket) ends a
// sentence unless the word before it is a known abbreviation ("i. e.", "Prof.",
// "et al."); a blank line or a heading line always ends one.

import { isSpaceCode } from "./char-classes.js";

/** A sentence as offsets into the text. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  "e", "i", "g", "eg", "ie", "al", "etc", "cf", "vs", "prof", "dr", "mr", "mrs", "ms", "no", "nos", "vol", "pp", "p",
  "ed", "eds", "fig", "st", "co", "inc", "ltd", "jr", "sr", "u", "s", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
  "sep", "sept", "oct", "nov", "dec", "approx", "ca", "esp", "n.d", "d", "viz", "resp",
]);

// (The heading alternative reads "#" first and then checks that it opens its line:
// the same matches as (?<=^|\n)#{1,6}, found several times faster.)
// No capture groups (each would be a new string per match): the closing marks after a full stop are
// read back by hand (the longest run, as the greedy group took it).
const BOUNDARY = /[.!?]["'»”’)\]]*\s+(?=["'«“‘(\[]?[A-Z0-9*#\u00c0-\u00de\u0100-\u017f])|\n[ \t]*\n|#(?<=(?:^|\n)#)#{0,5}[ \t][^\n]*(?=\n|$)/g;

/** The closing quotes and brackets BOUNDARY allows between a full stop and the space after it. */
function isCloser(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0xbb || c === 0x201d || c === 0x2019 || c === 0x29 || c === 0x5d;
}

/**
 * Splits `text` into sentences (trimmed spans, empty ones dropped).
 * @param text normalised text
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(text))) {
    const mark = text.charCodeAt(m.index);
    if (mark === 0x2e || mark === 0x21 || mark === 0x3f) {
      if (mark === 0x2e && isAbbreviation(text, m.index)) continue;
      let end = m.index + 1;
      while (isCloser(text.charCodeAt(end))) end++;
      push(out, text, start, end);
      start = m.index + m[0].length;
    } else {
      // A blank line inside a sentence (a page break after "May", before "9th") does not end it.
      if (/[\p{Ll},]$/u.test(text.slice(Math.max(0, m.index - 1), m.index)) && /^[\p{Ll}\d]/u.test(text.slice(m.index + m[0].length).replace(/^\s+/, ""))) continue;
      push(out, text, start, m.index);
      start = m.index + m[0].length;
    }
  }
  push(out, text, start, text.length);
  return out;
}

/** ASCII letters (upper or lower case). */
function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * True when the full stop at `dot` ends a known abbreviation, a single letter
 * ("J.") or an initialism ("U.S."): the word is the run of letters and full
 * stops among the six characters before it. ASCII words are read by hand, any
 * other by the regular expressions.
 */
function isAbbreviation(text: string, dot: number): boolean {
  const from = Math.max(0, dot - 6);
  let k = dot;
  let upper = false;
  while (k > from) {
    const c = text.charCodeAt(k - 1);
    if (c >= 0x80) return isAbbreviationByRegex(text.slice(from, dot));
    if (!isAsciiLetter(c) && c !== 0x2e) break;
    if (c <= 0x5a && c >= 0x41) upper = true;
    k--;
  }
  const word = upper ? text.slice(k, dot).toLowerCase() : text.slice(k, dot);
  if (ABBREVIATIONS.has(word)) return true;
  const n = word.length;
  if (n === 1) return letterAt(word, 0);
  return n >= 3 && letterAt(word, n - 1) && word[n - 2] === "." && letterAt(word, n - 3) && (n === 3 || word[n - 4] === ".");
}

/** True when `word` has an ASCII letter at `i` (a module function: a closure made per call cost more than the test). */
function letterAt(word: string, i: number): boolean {
  return isAsciiLetter(word.charCodeAt(i));
}

function isAbbreviationByRegex(before: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? "";
  return ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /(^|\.)\p{L}\.\p{L}$/u.test(word);
}

/** Longest span handed to the relation rules; longer runs (tables, lists without full stops) are cut at spaces. */
export const MAX_SENTENCE = 3000;

function push(out: SentenceSpan[], text: string, start: number, end: number): void {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  while (end - start > MAX_SENTENCE) {
    const cut = text.lastIndexOf(" ", start + MAX_SENTENCE);
    const at = cut > start + MAX_SENTENCE / 2 ? cut : start + MAX_SENTENCE;
    out.push({ start, end: at });
    start = at;
    while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  }
  if (end > start) out.push({ start, end });
}
