// Undoing line-break hyphenation: "organi-\nzations" becomes "organizations"
// while "Asia-\nPacific" stays "Asia-Pacific". When a word is split in lower
// case the document itself decides: if it spells the hyphenated compound
// elsewhere ("non-state") and never the closed word, the hyphen is kept.

import { isLetterUnit } from "./char-codes.js";
import { type MappedText, MappedTextBuilder } from "./offset-map.js";

// a hyphen right after a letter or digit, optional spaces, one line break,
// optional spaces, then a letter or digit (found without scanning whole words)
// (the literal "-" comes first so the engine can scan for it quickly)
const BREAK = /-(?<=[\p{L}\p{N}]-)[ \t]*\r?\n[ \t]*(?=[\p{L}\p{N}])/gu;

// Prefixes that, in English, almost always keep their hyphen.
const HYPHENATED_PREFIXES = new Set(["non", "self", "quasi", "cross", "ex"]);

/** A break the document itself must decide: its span, and the two lower-cased halves. */
interface Pending {
  at: number;
  end: number;
  left: string;
  right: string;
}

/** Joins words split across lines by a hyphen, keeping real hyphens (and those of "1990-\n2000"). */
export function undoHyphenation(mt: MappedText): MappedText {
  const t = mt.text;
  // each break: [start, end, 1 keep the hyphen | 0 drop it | -1 ask the document]
  const breaks: number[] = [];
  const pending: Pending[] = [];
  BREAK.lastIndex = 0;
  for (let m = BREAK.exec(t); m; m = BREAK.exec(t)) {
    const at = m.index;
    const end = at + m[0].length;
    const left = wordAround(t, at - 1, -1);
    const right = wordAround(t, end, 1);
    let verdict = 1;
    if (left && right) {
      const first = right[0]!;
      const l = left.toLowerCase();
      // "Asia-\nPacific", "anti-\nAmerican"; prefixes that keep their hyphen
      if (first === first.toLowerCase() && !HYPHENATED_PREFIXES.has(l)) {
        verdict = -1;
        pending.push({ at, end, left: l, right: right.toLowerCase() });
      }
    }
    breaks.push(at, end, verdict);
  }
  if (breaks.length === 0) return mt;
  const open = pending.length ? spelledWithHyphen(t, pending) : null;
  // the closed spellings matter only where the hyphenated one occurs (rare)
  const closed = open?.size ? spelledClosed(t, pending.filter(({ left, right }) => open.has(`${left}-${right}`))) : null;

  const out = new MappedTextBuilder(mt);
  let last = 0;
  let p = 0;
  for (let k = 0; k < breaks.length; k += 3) {
    const at = breaks[k]!;
    let keep = breaks[k + 2] === 1;
    if (breaks[k + 2] === -1) {
      const { left, right } = pending[p++]!;
      keep = open!.has(`${left}-${right}`) && !closed!.has(left + right);
    }
    out.copy(last, keep ? at + 1 : at);
    last = breaks[k + 1]!;
  }
  out.copy(last, t.length);
  return out.build();
}

// The document's words, as the hyphenation decisions see them: the pieces of
// its lower-cased text cut at every run of characters other than Latin,
// Greek and Cyrillic letters (scripts that hyphenate) and the hyphen.
const NOT_WORD = /[^a-z\u00C0-\u024F\u1E00-\u1EFF\u0370-\u03FF\u0400-\u04FF-]+/;

function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || c === 0x2d || (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x370 && c <= 0x4ff);
}

function isWordOnly(word: string): boolean {
  for (let k = 0; k < word.length; k++) if (!isWordCode(word.charCodeAt(k))) return false;
  return true;
}

/** Tab, line feed, vertical tab, form feed, carriage return, space: neither cased nor case-ignorable. */
function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * Which of the hyphenated spellings `left-right` the pending breaks ask about
 * are words of the document (of t.toLowerCase() split at NOT_WORD). Such a
 * word holds a hyphen, which lower-casing neither makes nor removes, so only
 * the stretches of `t` between ASCII spaces that hold a hyphen are lower-cased
 * and split: a space is neither cased nor case-ignorable, so lower-casing a
 * stretch alone gives what lower-casing the whole text gives there (the final
 * sigma rule looks no further than the nearest such character), and it is no
 * word character, so the stretch's words are the text's words.
 */
function spelledWithHyphen(t: string, pending: { left: string; right: string }[]): Set<string> {
  const asked = new Set<string>();
  for (const { left, right } of pending) asked.add(`${left}-${right}`);
  const found = new Set<string>();
  const n = t.length;
  for (let h = t.indexOf("-"); h >= 0; ) {
    let start = h;
    while (start > 0 && !isAsciiSpace(t.charCodeAt(start - 1))) start--;
    let end = h + 1;
    while (end < n && !isAsciiSpace(t.charCodeAt(end))) end++;
    for (const word of t.slice(start, end).toLowerCase().split(NOT_WORD)) if (asked.has(word)) found.add(word);
    h = end < n ? t.indexOf("-", end) : -1;
  }
  return found;
}

/**
 * Which of the closed spellings `leftright` of the given breaks are words of
 * the document: an occurrence in the lower-cased text with no word character
 * on either side.
 */
function spelledClosed(t: string, pending: Pending[]): Set<string> {
  const lower = t.toLowerCase();
  const found = new Set<string>();
  for (const { left, right } of pending) {
    const word = left + right;
    if (found.has(word) || !isWordOnly(word)) continue; // a word never holds a character outside the class
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      if ((at === 0 || !isWordCode(lower.charCodeAt(at - 1))) && !isWordCode(lower.charCodeAt(at + word.length))) {
        found.add(word);
        break;
      }
    }
  }
  return found;
}

/** The run of letters ending (dir -1) or starting (dir 1) at `at`; "" when `at` is not a letter. */
function wordAround(t: string, at: number, dir: 1 | -1): string {
  let i = at;
  while (i >= 0 && i < t.length && i - at < 64 && at - i < 64 && isLetterUnit(t.charCodeAt(i))) i += dir;
  return dir === 1 ? t.slice(at, i) : t.slice(i + 1, at + 1);
}
