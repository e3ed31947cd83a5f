// The normalised text extraction reads: page furniture dropped, markup
// removed, characters folded, footnote markers and line-break hyphenation
// undone, whitespace collapsed (paragraph breaks kept as "\n\n"). Each step
// maps characters back to the decoded text, so toOriginal is exact.

import { dropPageFurniture } from "./boilerplate.js";
import { composeCombining, dropFootnoteMarkers, foldCharacters } from "./fold.js";
import { undoHyphenation } from "./hyphenation.js";
import { stripMarkup } from "./markup.js";
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
  mt = foldCharacters(mt);
  mt = composeCombining(mt);
  mt = dropFootnoteMarkers(mt);
  mt = undoHyphenation(mt);
  mt = collapseWhitespace(mt);
  return { mapped: mt, headers };
}

// The matches of this regex are what collapseWhitespace rewrites: any run of
// whitespace (ASCII controls included) except a single plain space between
// words, which needs no change. They are exactly the maximal runs of run
// characters that hold a character other than " ", or two spaces in a row,
// or touch either end; collapseWhitespace finds them through those two
// markers (a one-class regex and indexOf, each a single fast pass, where
// trying the alternatives at every character is ten times slower).
//   /[\s\u0000-\u0008\u000E-\u001F\u007F]{2,}|[^\S ]|[\u0000-\u0008\u000E-\u001F\u007F]|^ | $/g

/** Per UTF-16 code above U+007F: 1 when /\s/ matches it (no-break and other Unicode spaces). */
const WIDE_SPACE = buildWideSpace();

function buildWideSpace(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const all: string[] = [];
  for (let c = 0x80; c < 0x10000; c += 4096) all.push(String.fromCharCode(...Array.from({ length: Math.min(4096, 0x10000 - c) }, (_, k) => c + k)));
  const text = all.join("");
  for (const m of text.matchAll(/\s/g)) table[0x80 + m.index!] = 1;
  return table;
}

/** In the run class: /\s/ or an ASCII control. */
function inRun(c: number): boolean {
  return c <= 0x20 || c === 0x7f || (c > 0x7f && WIDE_SPACE[c] === 1);
}

/** One character class: every run character but the plain space (built from inRun, so the two agree). */
const OTHER_RUN = buildOtherRun();

function buildOtherRun(): RegExp {
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, "0")}`;
  let cls = "";
  for (let c = 0; c < 0x10000; c++) {
    if (c === 0x20 || !inRun(c)) continue;
    let end = c;
    while (end + 1 < 0x10000 && end + 1 !== 0x20 && inRun(end + 1)) end++;
    cls += end > c ? `${hex(c)}-${hex(end)}` : hex(c);
    c = end;
  }
  return new RegExp(`[${cls}]`, "g");
}

/**
 * Collapses whitespace: a run with a blank line (or ending a heading line)
 * becomes "\n\n", any other run one space; trimmed at both ends.
 */
export function collapseWhitespace(mt: MappedText): MappedText {
  const t = mt.text;
  const n = t.length;
  if (n === 0) return mt;
  let out: MappedTextBuilder | null = null;
  let last = 0;
  // the next character other than " " in the run class, and the next two spaces, at or after `from`
  let other = -2;
  let double = -2;
  const nextOther = (from: number) => {
    OTHER_RUN.lastIndex = from;
    return OTHER_RUN.exec(t)?.index ?? -1;
  };
  let from = 0;
  for (;;) {
    if (other !== -1 && other < from) other = nextOther(from);
    if (double !== -1 && double < from) double = t.indexOf("  ", from);
    let at = other < 0 ? double : double < 0 ? other : Math.min(other, double);
    // a run touching either end is rewritten whatever it holds
    if (from === 0 && inRun(t.charCodeAt(0))) at = 0;
    if (at < 0 && inRun(t.charCodeAt(n - 1))) at = n - 1;
    if (at < 0) break;
    let start = at;
    while (start > from && inRun(t.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < n && inRun(t.charCodeAt(end))) end++;
    const replacement = rewriteRun(t, start, end);
    if (replacement !== null) {
      out ??= new MappedTextBuilder(mt);
      out.copy(last, start);
      if (replacement) out.insert(replacement, start, end);
      last = end;
    }
    if (end >= n) break;
    from = end;
  }
  if (!out) return mt;
  out.copy(last, n);
  return out.build();
}

/** What the run [at, end) of `t` becomes ("" dropped, null kept as it is). */
function rewriteRun(t: string, at: number, end: number): string | null {
  const run = t.slice(at, end);
  if (at === 0 || end === t.length) return "";
  const paragraph = /\n[^\n\S]*\n|\f/.test(run.replace(/\r/g, "")) || endsHeading(t, at, end);
  const replacement = paragraph ? "\n\n" : " ";
  return run === replacement ? null : replacement;
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
