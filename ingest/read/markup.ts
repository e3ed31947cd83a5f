// Markdown and inline-HTML markers removed from the normalised text of text
// documents: headings' "#", emphasis "*x*" / "_x_", link syntax, horizontal
// rules, block quotes, HTML tags and comments, <script>/<style> blocks and
// numeric <sup> footnote references. The words themselves stay, mapped to
// their original offsets.

import { type MappedText, MappedTextBuilder, type Piece, mapReplace } from "./offset-map.js";

const DROP = (): Piece[] => [];

const HIDDEN_OPEN = /<(script|style|noscript|template)\b|<!--/gi;
// <sup>1</sup>, <sup>12, 13</sup>, <sup>*</sup>: footnote references
const FOOTNOTE_SUP = /<sup\b[^>]*>\s*[\d*†‡§,\s–-]{1,12}\s*<\/sup\s*>/gi;
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
// heading and quote markers are found by their literal and then checked to open a line
const HEADING = /#{1,6}[ \t]+/g;
const QUOTE_MARK = />[ \t]?/g;
const RULE = /^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/gm;
const LINK = /!?\[(?<label>[^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"\n]*")?\)/dg;
const FOOTNOTE_REF = /\[\^[^\]\s]{1,20}\](?!:)/g;
// *x*, **x**, ***x***, _x_, __x__ on one paragraph; "_" only at word boundaries
const STAR_EMPHASIS = /(?<![\\*])(?<mark>\*{1,3})(?=[^\s*])(?<inner>(?:(?!\n[ \t]*\n)[^*])+?)(?<=[^\s*\\])\k<mark>(?!\*)/dgu;
const UNDERSCORE_EMPHASIS =
  /(?<![\p{L}\p{N}_\\])(?<mark>_{1,3})(?=[^\s_])(?<inner>(?:(?!\n[ \t]*\n)[^_])+?)(?<=[^\s_\\])\k<mark>(?![\p{L}\p{N}_])/dgu;

/** Drops a match only when at most three spaces or tabs stand between it and the start of its line. */
function dropAtLineStart(text: string) {
  return (m: RegExpExecArray): Piece[] | null => {
    let i = m.index - 1;
    while (i >= 0 && m.index - i <= 4 && (text[i] === " " || text[i] === "\t")) i--;
    return (i < 0 || text[i] === "\n") && m.index - i <= 4 ? [] : null;
  };
}

function keepGroup(name: string) {
  return (m: RegExpExecArray): Piece[] => {
    const span = m.indices!.groups![name];
    return span ? [{ keep: [span[0] - m.index, span[1] - m.index] }] : [];
  };
}

/** Removes Markdown and inline-HTML markup, keeping the words. */
export function stripMarkup(mt: MappedText): MappedText {
  // each pass runs only when its marker character occurs at all (8 MiB texts stay fast);
  // a marker of several characters is looked for only when its first one occurs
  // (one character is found by a fast byte search, a longer string is not)
  const has = (c: string) => (c.length === 1 || out.text.includes(c[0]!)) && out.text.includes(c);
  let out = mt;
  if (has("<")) {
    out = dropHiddenBlocks(out);
    out = mapReplace(out, FOOTNOTE_SUP, DROP);
    out = mapReplace(out, TAG, DROP);
  }
  if (has("[^")) out = mapReplace(out, FOOTNOTE_REF, DROP);
  if (has("---") || has("***") || has("___") || has("- -") || has("* *") || has("_ _")) out = mapReplace(out, RULE, DROP);
  if (has("#")) out = mapReplace(out, HEADING, dropAtLineStart(out.text));
  if (has(">")) out = mapReplace(out, QUOTE_MARK, dropAtLineStart(out.text));
  if (has("](")) out = mapReplace(out, LINK, keepGroup("label"));
  for (let pass = 0; pass < 2; pass++) {
    if (has("*")) out = mapReplace(out, STAR_EMPHASIS, keepGroup("inner"));
    if (has("_")) out = mapReplace(out, UNDERSCORE_EMPHASIS, keepGroup("inner"));
  }
  return out;
}

/**
 * Drops <script>, <style>, <noscript>, <template> elements and comments with
 * their content; an unclosed one runs to the end. Linear time: each search
 * for a closing tag starts where the last one ended.
 */
export function dropHiddenBlocks(mt: MappedText): MappedText {
  // HIDDEN_OPEN ignores case, so it finds in the text what it finds in the lower-cased copy
  HIDDEN_OPEN.lastIndex = 0;
  if (!HIDDEN_OPEN.test(mt.text)) return mt;
  // ASCII-only lower case keeps every offset where it was
  const lower = mt.text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  const out = new MappedTextBuilder(mt);
  let copied = 0;
  HIDDEN_OPEN.lastIndex = 0;
  for (let m = HIDDEN_OPEN.exec(lower); m; m = HIDDEN_OPEN.exec(lower)) {
    const close = m[1] ? `</${m[1]}` : "-->";
    const found = lower.indexOf(close, m.index + m[0].length);
    let end = lower.length;
    if (found >= 0) {
      const gt = m[1] ? lower.indexOf(">", found) : found + 2;
      end = gt < 0 ? lower.length : gt + 1;
    }
    out.copy(copied, m.index);
    copied = end;
    HIDDEN_OPEN.lastIndex = end;
  }
  out.copy(copied, mt.text.length);
  return out.build();
}
