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
// words, which needs no change. The scan below finds exactly these matches by
// hand (the regex tries its alternatives at every character, ten times slower).
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

/**
 * Collapses whitespace: a run with a blank line (or ending a heading line)
 * becomes "\n\n", any other run one space; trimmed at both ends.
 */
export function collapseWhitespace(mt: MappedText): MappedText {
  const t = mt.text;
  const n = t.length;
  let out: MappedTextBuilder | null = null;
  let last = 0;
  for (let i = 0; i < n; ) {
    const c = t.charCodeAt(i);
    if (!inRun(c)) {
      i++;
      continue;
    }
    let end: number;
    if (i + 1 < n && inRun(t.charCodeAt(i + 1))) {
      end = i + 2;
      while (end < n && inRun(t.charCodeAt(end))) end++;
    } else if (c !== 0x20 || i === 0 || i === n - 1) {
      // one character: a space other than " " (/[^\S ]/), an ASCII control, or a space at either end
      end = i + 1;
    } else {
      i++;
      continue;
    }
    const replacement = rewriteRun(t, i, end);
    if (replacement !== null) {
      out ??= new MappedTextBuilder(mt);
      out.copy(last, i);
      if (replacement) out.insert(replacement, i, end);
      last = end;
    }
    i = end;
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
