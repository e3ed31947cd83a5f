// Undoing line-break hyphenation: "organi-\nzations" becomes "organizations"
// while "Asia-\nPacific" stays "Asia-Pacific". When a word is split in lower
// case the document itself decides: if it spells the hyphenated compound
// elsewhere ("non-state") and never the closed word, the hyphen is kept.

import { type MappedText, type Piece, mapReplace } from "./offset-map.js";

// a hyphen right after a letter or digit, optional spaces, one line break,
// optional spaces, then a letter or digit (found without scanning whole words)
// (the literal "-" comes first so the engine can scan for it quickly)
const BREAK = /-(?<=[\p{L}\p{N}]-)[ \t]*\r?\n[ \t]*(?=[\p{L}\p{N}])/gu;
const LETTER = /\p{L}/u;

// Prefixes that, in English, almost always keep their hyphen.
const HYPHENATED_PREFIXES = new Set(["non", "self", "quasi", "cross", "ex"]);

/** Joins words split across lines by a hyphen, keeping real hyphens (and those of "1990-\n2000"). */
export function undoHyphenation(mt: MappedText): MappedText {
  const t = mt.text;
  // every word and hyphenated compound the document spells, built once on first need
  let spelled: Set<string> | null = null;
  const occurs = (word: string): boolean => {
    // Latin, Greek and Cyrillic words (scripts that hyphenate); split is faster than \p{L} matching
    spelled ??= new Set(t.toLowerCase().split(/[^a-z\u00C0-\u024F\u1E00-\u1EFF\u0370-\u03FF\u0400-\u04FF-]+/));
    return spelled.has(word);
  };

  return mapReplace(mt, BREAK, (m): Piece[] => {
    const left = wordAround(t, m.index - 1, -1);
    const right = wordAround(t, m.index + m[0].length, 1);
    const keepHyphen = !left || !right || hyphenIsReal(left, right, occurs);
    return keepHyphen ? [{ keep: [0, 1] }] : [];
  });
}

/** The run of letters ending (dir -1) or starting (dir 1) at `at`; "" when `at` is not a letter. */
function wordAround(t: string, at: number, dir: 1 | -1): string {
  let i = at;
  while (i >= 0 && i < t.length && i - at < 64 && at - i < 64 && LETTER.test(t[i]!)) i += dir;
  return dir === 1 ? t.slice(at, i) : t.slice(i + 1, at + 1);
}

function hyphenIsReal(left: string, right: string, occurs: (w: string) => boolean): boolean {
  const first = right[0]!;
  if (first !== first.toLowerCase()) return true; // "Asia-\nPacific", "anti-\nAmerican"
  const l = left.toLowerCase();
  const r = right.toLowerCase();
  if (HYPHENATED_PREFIXES.has(l)) return true;
  const closed = occurs(l + r);
  const open = occurs(`${l}-${r}`);
  return open && !closed;
}
