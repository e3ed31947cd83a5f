// The normalised text extraction reads: page furniture dropped, markup
// removed, characters folded, footnote markers and line-break hyphenation
// undone, whitespace collapsed (paragraph breaks kept as "\n\n"). Each step
// maps characters back to the decoded text, so toOriginal is exact.

import { dropPageFurniture } from "./boilerplate.js";
import { composeCombining, dropFootnoteMarkers, foldCharacters } from "./fold.js";
import { undoHyphenation } from "./hyphenation.js";
import { stripMarkup } from "./markup.js";
import { type MappedText, type Piece, identityMap, mapReplace } from "./offset-map.js";

/** What the normaliser produced: the mapped text and the running headers it removed. */
export interface NormalizedText {
  mapped: MappedText;
  headers: string[];
}

/** Options of normalizeText. */
export interface NormalizeOptions {
  /** Remove Markdown/inline-HTML markup (text and Markdown documents). */
  markup: boolean;
}

/**
 * Normalises decoded text for extraction. Pure; never throws for any string.
 * @param text the decoded text (the one evidence offsets index)
 * @returns the normalised text with a per-character map back to `text`
 */
export function normalizeText(text: string, options: NormalizeOptions): NormalizedText {
  const { text: withoutFurniture, headers } = dropPageFurniture(identityMap(text));
  let mt = withoutFurniture;
  if (options.markup) mt = stripMarkup(mt);
  mt = foldCharacters(mt);
  mt = composeCombining(mt);
  mt = dropFootnoteMarkers(mt);
  mt = undoHyphenation(mt);
  mt = collapseWhitespace(mt);
  return { mapped: mt, headers };
}

// any run of whitespace (ASCII controls included) except a single plain space
// between words, which needs no change (skipping those keeps big texts fast)
const WHITESPACE_RUN = /[\s\u0000-\u0008\u000E-\u001F\u007F]{2,}|[^\S ]|[\u0000-\u0008\u000E-\u001F\u007F]|^ | $/g;

/**
 * Collapses whitespace: a run with a blank line (or ending a heading line)
 * becomes "\n\n", any other run one space; trimmed at both ends.
 */
export function collapseWhitespace(mt: MappedText): MappedText {
  const t = mt.text;
  const n = t.length;
  return mapReplace(mt, WHITESPACE_RUN, (m): Piece[] | null => {
    const run = m[0];
    if (m.index === 0 || m.index + run.length === n) return [];
    const paragraph = /\n[^\n\S]*\n|\f/.test(run.replace(/\r/g, "")) || endsHeading(t, m.index, m.index + run.length);
    const replacement = paragraph ? "\n\n" : " ";
    if (run === replacement) return null;
    return [{ insert: replacement, over: [0, run.length] }];
  });
}

/**
 * True when the line ending at `at` is a heading standing on its own ("1
 * INTRODUCTION", "Abstract") although no blank line follows it: short, not
 * ending like a sentence or a broken line, after a blank line or the start,
 * and followed by a line that starts with a capital or a digit.
 */
function endsHeading(t: string, at: number, next: number): boolean {
  if (!t.slice(at, next).includes("\n") || !/^[\p{Lu}\d]/u.test(t[next] ?? "")) return false;
  const lineStart = t.lastIndexOf("\n", at - 1) + 1;
  if (at - lineStart > 80) return false;
  const line = t.slice(lineStart, at).trim();
  if (!/^[\p{Lu}\d]/u.test(line) || /[.,;:!?\-–—(]$/.test(line) || !/\p{L}{2}/u.test(line)) return false;
  let k = lineStart - 2; // skip the line break before the line, then spaces
  while (k >= 0 && (t[k] === " " || t[k] === "\t" || t[k] === "\r")) k--;
  return k < 0 || t[k] === "\n";
}
