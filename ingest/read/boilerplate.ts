// Page furniture removal: bare page numbers and running headers or footers
// (a short line repeated at least three times, standing apart from the prose)
// are cut out of the normalised text. A sentence that runs across the removed
// block is rejoined by a single line break; otherwise a paragraph break stays.

import { type MappedText, MappedTextBuilder, mapReplace } from "./offset-map.js";

interface Line {
  start: number; // offset of the first char
  end: number; // offset after the last char, before the line break
  next: number; // offset of the next line
  trimmed: string; // "" for blank and for long lines
  long: boolean; // over 200 chars with content: prose, never furniture
}

const PAGE_NUMBER = /^(?:(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))$/i;
const MIN_REPEATS = 3;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf("\n", start);
    const stop = nl < 0 ? text.length : nl;
    const end = stop > start && text[stop - 1] === "\r" ? stop - 1 : stop;
    // only short lines can be furniture; a long one is never trimmed in full (a 1 MB line costs nothing)
    const long = end - start > 200 && /\S/.test(text.slice(start, end));
    const trimmed = long ? "" : text.slice(start, end).trim();
    lines.push({ start, end, next: nl < 0 ? text.length + 1 : nl + 1, trimmed, long });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

function isBlank(line: Line): boolean {
  return !line.long && line.trimmed === "";
}

/** The keys of running headers or footers: repeated short lines that stand apart from the prose. */
function repeatedFurniture(lines: Line[], isPageNumber: boolean[]): Set<string> {
  const counts = new Map<string, number>();
  const apart = (i: number): boolean =>
    i < 0 || i >= lines.length || isBlank(lines[i]!) || isPageNumber[i]!;
  lines.forEach((line, i) => {
    const t = line.trimmed;
    if (t.length < 3 || t.length > 100 || !/\p{L}/u.test(t) || isPageNumber[i]) return;
    if (!apart(i - 1) && !apart(i + 1)) return;
    const key = furnitureKey(t);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return new Set([...counts].filter(([, n]) => n >= MIN_REPEATS).map(([k]) => k));
}

/** Repeated-line key: page numbers inside a header ("12 Journal 53(1)") do not make lines differ. */
export function furnitureKey(line: string): string {
  return line.trim().replace(/\d+/g, "#").replace(/\s+/g, " ");
}

/**
 * Removes bare page-number lines and running headers/footers. Returns the
 * new mapped text and the header lines found (for metadata).
 */
export function dropPageFurniture(mt: MappedText): { text: MappedText; headers: string[] } {
  const lines = splitLines(mt.text);
  const isPageNumber = lines.map((l) => l.trimmed.length <= 16 && PAGE_NUMBER.test(l.trimmed));
  const furniture = repeatedFurniture(lines, isPageNumber);
  const drop = lines.map((l, i) => isPageNumber[i]! || (l.trimmed !== "" && furniture.has(furnitureKey(l.trimmed))));
  if (!drop.some(Boolean)) return { text: mt, headers: [] };
  const pages = lines.filter((_, i) => isPageNumber[i]).map((l) => Number(/\d+/.exec(l.trimmed)?.[0] ?? NaN));
  const removed = removeLines(mt, lines, drop, isPageNumber);
  return { text: joinWordsAroundPageNumbers(removed.text, pages), headers: removed.headers };
}

// "process of in300\n creasing": a page number glued into a word split by a page break
const GLUED_PAGE_NUMBER = /(?<=\p{Ll})(\d{1,4})[ \t]*\r?\n[ \t]*(?=\p{Ll})/gu;

/**
 * Rejoins words that a page break split, leaving the page number glued to
 * the first half ("in300\n creasing" -> "increasing"). Only numbers within the
 * range of the document's own bare page numbers count, and only when at
 * least two such page numbers exist.
 */
function joinWordsAroundPageNumbers(mt: MappedText, pages: number[]): MappedText {
  const known = pages.filter((n) => Number.isFinite(n));
  if (known.length < 2) return mt;
  const lo = Math.min(...known) - 2;
  const hi = Math.max(...known) + 2;
  return mapReplace(mt, GLUED_PAGE_NUMBER, (m) => {
    const n = Number(m[1]);
    return n >= lo && n <= hi ? [] : null;
  });
}

/** Cuts the dropped lines out, with the blank lines around them (see continues()). */
function removeLines(
  mt: MappedText,
  lines: Line[],
  drop: boolean[],
  isPageNumber: boolean[],
): { text: MappedText; headers: string[] } {
  const headers = new Set<string>();
  const out = new MappedTextBuilder(mt);
  let copied = 0; // source offset up to which text has been emitted
  let i = 0;
  while (i < lines.length) {
    if (!drop[i]) {
      i++;
      continue;
    }
    // widen to the whole block of dropped and blank lines
    let first = i;
    while (first > 0 && isBlank(lines[first - 1]!) && lines[first - 1]!.start >= copied) first--;
    let last = i;
    while (last + 1 < lines.length && (drop[last + 1] || isBlank(lines[last + 1]!))) last++;
    for (let k = first; k <= last; k++) if (drop[k] && !isPageNumber[k]) headers.add(lines[k]!.trimmed);

    // the block runs from the line break ending the previous content line to the next content line
    const blockStart = first === 0 ? 0 : Math.max(copied, lines[first - 1]!.end);
    const blockEnd = last + 1 < lines.length ? lines[last + 1]!.start : mt.text.length;
    out.copy(copied, blockStart);
    if (blockStart > 0 && blockEnd < mt.text.length && blockEnd > blockStart) {
      const before = mt.text.slice(Math.max(0, blockStart - 3), blockStart);
      const after = mt.text.slice(blockEnd, blockEnd + 2);
      out.insert(continues(before, after) ? "\n" : "\n\n", blockStart, blockEnd);
    }
    copied = blockEnd;
    i = last + 1;
  }
  out.copy(copied, mt.text.length);
  return { text: out.build(), headers: [...headers] };
}

/** True when the prose before the removed block goes on after it ("prior to the | summit"). */
function continues(before: string, after: string): boolean {
  const b = before.trimEnd();
  if (b.endsWith("-")) return true;
  if (/[.!?:]["'”’»)]?$/u.test(b)) return false;
  return /^\p{Ll}/u.test(after.trimStart());
}
