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

/** Collapses whitespace: a run with a blank line becomes "\n\n", any other run one space; trimmed at both ends. */
export function collapseWhitespace(mt: MappedText): MappedText {
  const n = mt.text.length;
  return mapReplace(mt, WHITESPACE_RUN, (m): Piece[] | null => {
    const run = m[0];
    if (m.index === 0 || m.index + run.length === n) return [];
    const paragraph = /\n[^\n\S]*\n|\f/.test(run.replace(/\r/g, ""));
    const replacement = paragraph ? "\n\n" : " ";
    if (run === replacement) return null;
    return [{ insert: replacement, over: [0, run.length] }];
  });
}
