// Undoing line-break hyphenation: "organi-\nzations" becomes "organizations"
// while "Asia-\nPacific" stays "Asia-Pacific". When a word is split in lower
// case the document itself decides: if it spells the hyphenated compound
// elsewhere ("non-state") and never the closed word, the hyphen is kept.

import { type MappedText, type Piece, mapReplace } from "./offset-map.js";

// letters, a hyphen, optional spaces, one line break, optional spaces, letters
const BREAK = /(?<left>\p{L}+)-[ \t]*\r?\n[ \t]*(?<right>\p{L}+)/dgu;
// A broken number or symbol range: "1990-\n2000".
const OTHER_BREAK = /(?<=[\p{N}\p{L}])-[ \t]*\r?\n[ \t]*(?=[\p{N}])/dgu;

// Prefixes that, in English, almost always keep their hyphen.
const HYPHENATED_PREFIXES = new Set(["non", "self", "quasi", "cross", "ex", "co-op"]);

/** Joins words split across lines by a hyphen, keeping real hyphens. */
export function undoHyphenation(mt: MappedText): MappedText {
  // every word and hyphenated compound the document spells, for the decision below (linear, once)
  const spelled = new Set(mt.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []);
  const occurs = (word: string): boolean => spelled.has(word);

  const joined = mapReplace(mt, BREAK, (m) => {
    const left = m.groups!.left!;
    const right = m.groups!.right!;
    const leftEnd = left.length; // the match starts at the left fragment
    const rightStart = m.indices!.groups!.right![0] - m.index;
    const pieces: Piece[] = [{ keep: [0, hyphenIsReal(left, right, occurs) ? leftEnd + 1 : leftEnd] }];
    pieces.push({ keep: [rightStart, rightStart + right.length] });
    return pieces;
  });
  // keep the hyphen of broken numeric ranges, drop the line break
  return mapReplace(joined, OTHER_BREAK, () => [{ keep: [0, 1] }]);
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
