// The normalised text extraction reads: page furniture dropped, markup
// removed, characters folded, footnote markers and line-break hyphenation
// undone, whitespace collapsed (paragraph breaks kept as "\n\n"). Each step
// maps characters back to the decoded text, so toOriginal is exact.

import { dropPageFurniture } from "./boilerplate.js";
import { composeCombining, dropFootnoteMarkers, foldNotingMarks } from "./fold.js";
import { undoHyphenation } from "./hyphenation.js";
import { stripMarkup } from "./markup.js";
import { isDigitUnit, isSpaceUnit, isUpperUnit } from "./char-codes.js";
import { type MappedText, MappedTextBuilder, identityMap } from "./offset-map.js";

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
  const folded = foldNotingMarks(mt);
  mt = composeCombining(folded.text, folded.mayHaveMark);
  mt = dropFootnoteMarkers(mt);
  mt = undoHyphenation(mt);
  mt = collapseWhitespace(mt);
  return { mapped: mt, headers };
}

// The matches of this regex are what collapseWhitespace rewrites: any run of
// whitespace (ASCII controls included) except a single plain space between
// words, which needs no change. They are exactly the maximal runs of run
// characters that hold a character other than " ", or two spaces in a row,
// or touch either end; collapseWhitespace finds them through three markers:
// line feeds and double spaces by indexOf, any other such character by a
// one-class regex (each a single fast pass, where trying the alternatives at
// every character is ten times slower; PDF text has a line feed every line,
// which indexOf finds far more cheaply than a regex call per line).
//   /[\s\u0000-\u0008\u000E-\u001F\u007F]{2,}|[^\S ]|[\u0000-\u0008\u000E-\u001F\u007F]|^ | $/g

/** In the run class: /\s/ or an ASCII control. */
function inRun(c: number): boolean {
  return c <= 0x20 || c === 0x7f || (c > 0x7f && isSpaceUnit(c));
}

/** One character class: every run character but the plain space and the line feed (built from inRun, so the two agree). */
const OTHER_RUN = buildOtherRun();

function buildOtherRun(): RegExp {
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, "0")}`;
  let cls = "";
  const wanted = (c: number) => c !== 0x20 && c !== 0x0a && inRun(c);
  for (let c = 0; c < 0x10000; c++) {
    if (!wanted(c)) continue;
    let end = c;
    while (end + 1 < 0x10000 && wanted(end + 1)) end++;
    cls += end > c ? `${hex(c)}-${hex(end)}` : hex(c);
    c = end;
  }
  return new RegExp(`[${cls}]`, "g");
}

/** Every run character but the plain space: what a one-character run turns into " " (built from inRun). */
const NOT_PLAIN_SPACE = new RegExp(`${OTHER_RUN.source.slice(0, -1)}\\n]`, "g");

/**
 * Collapses whitespace: a run with a blank line (or ending a heading line)
 * becomes "\n\n", any other run one space; trimmed at both ends.
 */
export function collapseWhitespace(mt: MappedText): MappedText {
  const t = mt.text;
  const n = t.length;
  if (n === 0) return mt;
  let out: MappedTextBuilder | null = null;
  // Most runs are one character (a line break inside a paragraph) that
  // becomes " ": a one-for-one substitution that maps like a copy. Those are
  // left inside the stretch copied from `last`, which is copied with them
  // replaced (`spaced`: it holds one) from `plain` on (before `plain` it
  // holds a run kept as it is, "\n\n", and no such one-character run).
  let last = 0;
  let plain = 0;
  let spaced = false;
  let spacedOther = false; // one of them is not a line feed
  // the next line feed, the next other run character but " ", and the next two spaces, at or after `from`
  let feed = -2;
  let other = -2;
  let double = -2;
  let from = 0;
  for (;;) {
    if (feed !== -1 && feed < from) feed = t.indexOf("\n", from);
    if (other !== -1 && other < from) {
      OTHER_RUN.lastIndex = from;
      other = OTHER_RUN.exec(t)?.index ?? -1;
    }
    if (double !== -1 && double < from) double = t.indexOf("  ", from);
    let at = feed;
    if (other >= 0 && (at < 0 || other < at)) at = other;
    if (double >= 0 && (at < 0 || double < at)) at = double;
    // a run touching either end is rewritten whatever it holds
    if (from === 0 && inRun(t.charCodeAt(0))) at = 0;
    if (at < 0 && inRun(t.charCodeAt(n - 1))) at = n - 1;
    if (at < 0) break;
    let start = at;
    while (start > from && inRun(t.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < n && inRun(t.charCodeAt(end))) end++;
    const replacement = rewriteRun(t, start, end);
    if (replacement === " " && end - start === 1) {
      spaced = true;
      if (t.charCodeAt(start) !== 0x0a) spacedOther = true;
    }
    else if (replacement === null) {
      // a run kept as it is must not be substituted with the stretch it ends up in
      if (!spaced) plain = end;
      else {
        out ??= new MappedTextBuilder(mt);
        copyStretch(out, t, last, plain, start, spacedOther);
        out.copy(start, end);
        spaced = spacedOther = false;
        last = plain = end;
      }
    } else {
      out ??= new MappedTextBuilder(mt);
      if (spaced) copyStretch(out, t, last, plain, start, spacedOther);
      else out.copy(last, start);
      spaced = spacedOther = false;
      if (replacement) out.insert(replacement, start, end);
      last = plain = end;
    }
    if (end >= n) break;
    from = end;
  }
  if (!out && !spaced) return mt;
  out ??= new MappedTextBuilder(mt);
  if (spaced) copyStretch(out, t, last, plain, n, spacedOther);
  else out.copy(last, n);
  return out.build();
}

/**
 * Copies [from, to) of `t`: [from, plain) as it is, then [plain, to) with
 * every run character made " " (each is a one-character run; `other`: not
 * all of them are line feeds).
 */
function copyStretch(out: MappedTextBuilder, t: string, from: number, plain: number, to: number, other: boolean): void {
  out.copy(from, plain);
  const stretch = t.slice(plain, to);
  out.copyAs(plain, to, other ? stretch.replace(NOT_PLAIN_SPACE, " ") : stretch.replaceAll("\n", " "));
}

/**
 * What the run [at, end) of `t` becomes ("" dropped, null kept as it is): a
 * paragraph break when, with "\r" left out, it holds /\n[^\n\S]*\n|\f/ or
 * ends a heading line, else one space.
 */
function rewriteRun(t: string, at: number, end: number): string | null {
  if (at === 0 || end === t.length) return "";
  let paragraph = false;
  let feeds = 0;
  let afterFeed = false; // a line feed seen and since then only whitespace other than a line feed
  for (let k = at; k < end && !paragraph; k++) {
    const c = t.charCodeAt(k);
    if (c === 0x0d) continue;
    if (c === 0x0c) paragraph = true;
    else if (c === 0x0a) {
      feeds++;
      if (afterFeed) paragraph = true;
      afterFeed = true;
    } else if (!isSpaceUnit(c)) afterFeed = false;
  }
  if (!paragraph && feeds > 0) paragraph = endsHeading(t, at, end);
  if (paragraph) return end - at === 2 && t.charCodeAt(at) === 0x0a && t.charCodeAt(at + 1) === 0x0a ? null : "\n\n";
  return end - at === 1 && t.charCodeAt(at) === 0x20 ? null : " ";
}

/**
 * True when the line ending at `at` is a heading standing on its own ("1
 * INTRODUCTION", "Abstract") although no blank line follows it: short, not
 * ending like a sentence or a broken line, after a blank line or the start,
 * and followed by a line that starts with a capital or a digit. (The run
 * [at, next) holds a line break.)
 */
function endsHeading(t: string, at: number, next: number): boolean {
  const c = t.charCodeAt(next);
  if (!(isDigitUnit(c) || isUpperUnit(c))) return false;
  const lineStart = t.lastIndexOf("\n", at - 1) + 1;
  if (at - lineStart > 80) return false;
  const line = t.slice(lineStart, at).trim();
  if (!/^[\p{Lu}\d]/u.test(line) || /[.,;:!?\-–—(]$/.test(line) || !/\p{L}{2}/u.test(line)) return false;
  let k = lineStart - 2; // skip the line break before the line, then spaces
  while (k >= 0 && (t[k] === " " || t[k] === "\t" || t[k] === "\r")) k--;
  return k < 0 || t[k] === "\n";
}
