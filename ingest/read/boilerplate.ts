// Page furniture removal: bare page numbers and running headers or footers
// (a short line repeated at least three times, standing apart from the prose)
// are cut out of the normalised text. A sentence that runs across the removed
// block is rejoined by a single line break; otherwise a paragraph break stays.

import { isDigitUnit, isSpaceUnit, lowerCodePointAt, lowerCodePointBefore } from "./char-codes.js";
import { type MappedText, MappedTextBuilder } from "./offset-map.js";

/**
 * The lines of a text, as parallel arrays (no string per line): line i runs
 * [start, end) before its line break ("\r\n" or "\n"), its trimmed content is
 * [from, to), and `long` marks a line of over 200 characters with content,
 * prose that is never furniture and whose trimmed content counts as "".
 */
interface Lines {
  count: number;
  start: number[];
  end: number[];
  from: number[];
  to: number[];
  long: boolean[];
}

const PAGE_NUMBER = /^(?:(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))$/i;
const MIN_REPEATS = 3;
const HAS_LETTER = /\p{L}/u;

function splitLines(text: string): Lines {
  const lines: Lines = { count: 0, start: [], end: [], from: [], to: [], long: [] };
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf("\n", start);
    const stop = nl < 0 ? text.length : nl;
    const end = stop > start && text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop;
    let from = start;
    while (from < end && isSpaceUnit(text.charCodeAt(from))) from++;
    let to = end;
    while (to > from && isSpaceUnit(text.charCodeAt(to - 1))) to--;
    // only short lines can be furniture; a long one is never trimmed in full (a 1 MB line costs nothing)
    const long = end - start > 200 && to > from;
    lines.start.push(start);
    lines.end.push(end);
    lines.from.push(long ? start : from);
    lines.to.push(long ? start : to);
    lines.long.push(long);
    lines.count++;
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

function isBlank(lines: Lines, i: number): boolean {
  return !lines.long[i] && lines.from[i] === lines.to[i];
}

function trimmedOf(text: string, lines: Lines, i: number): string {
  return text.slice(lines.from[i], lines.to[i]);
}

/**
 * The keys of running headers or footers: repeated short lines that stand
 * apart from the prose. Keys are built only for lines whose key hash is seen
 * often enough (equal keys have equal hashes).
 */
function repeatedFurniture(text: string, lines: Lines, isPageNumber: boolean[]): Set<string> {
  const apart = (i: number): boolean => i < 0 || i >= lines.count || isBlank(lines, i) || isPageNumber[i]!;
  const candidates: number[] = [];
  const hashes: number[] = [];
  const hashCounts = new Map<number, number>();
  for (let i = 0; i < lines.count; i++) {
    const length = lines.to[i]! - lines.from[i]!;
    if (length < 3 || length > 100 || isPageNumber[i]) continue;
    if (!apart(i - 1) && !apart(i + 1)) continue;
    const h = keyHash(text, lines.from[i]!, lines.to[i]!);
    candidates.push(i);
    hashes.push(h);
    hashCounts.set(h, (hashCounts.get(h) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (let c = 0; c < candidates.length; c++) {
    if (hashCounts.get(hashes[c]!)! < MIN_REPEATS) continue;
    const t = trimmedOf(text, lines, candidates[c]!);
    if (!HAS_LETTER.test(t)) continue;
    const key = furnitureKey(t);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= MIN_REPEATS).map(([k]) => k));
}

/** Repeated-line key: page numbers inside a header ("12 Journal 53(1)") do not make lines differ. */
export function furnitureKey(line: string): string {
  return line.trim().replace(/\d+/g, "#").replace(/\s+/g, " ");
}

/** A hash of furnitureKey(text.slice(from, to)) for a trimmed span, computed without building the key. */
function keyHash(text: string, from: number, to: number): number {
  let h = 0;
  let previous = 0; // 1 after a digit, 2 after a space
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (isDigitUnit(c)) {
      if (previous !== 1) h = (Math.imul(h, 31) + 0x23) | 0;
      previous = 1;
    } else if (isSpaceUnit(c)) {
      if (previous !== 2) h = (Math.imul(h, 31) + 0x20) | 0;
      previous = 2;
    } else {
      h = (Math.imul(h, 31) + c) | 0;
      previous = 0;
    }
  }
  return h;
}

/**
 * Which lines are running headers or footers: those whose key is one of
 * `furniture`. A line is looked at only when its key could start like one
 * (the first key character) and be as short as one; the key itself is built
 * only when its hash matches.
 */
function furnitureLines(text: string, lines: Lines, furniture: Set<string>): boolean[] {
  const drop = new Array<boolean>(lines.count).fill(false);
  if (furniture.size === 0) return drop;
  const hashes = new Set<number>();
  const firsts = new Set<number>();
  let shortest = Infinity;
  for (const key of furniture) {
    hashes.add(keyHash(key, 0, key.length));
    firsts.add(key.charCodeAt(0));
    shortest = Math.min(shortest, key.length);
  }
  for (let i = 0; i < lines.count; i++) {
    const from = lines.from[i]!;
    const to = lines.to[i]!;
    if (to - from < shortest) continue;
    const c = text.charCodeAt(from);
    if (!firsts.has(isDigitUnit(c) ? 0x23 : c)) continue;
    if (!hashes.has(keyHash(text, from, to))) continue;
    drop[i] = furniture.has(furnitureKey(text.slice(from, to)));
  }
  return drop;
}

/**
 * Removes bare page-number lines and running headers/footers. Returns the
 * new mapped text and the header lines found (for metadata).
 */
export function dropPageFurniture(mt: MappedText): { text: MappedText; headers: string[] } {
  const text = mt.text;
  const lines = splitLines(text);
  const isPageNumber = new Array<boolean>(lines.count);
  for (let i = 0; i < lines.count; i++) {
    const length = lines.to[i]! - lines.from[i]!;
    isPageNumber[i] = length > 0 && length <= 16 && PAGE_NUMBER.test(trimmedOf(text, lines, i));
  }
  const furniture = repeatedFurniture(text, lines, isPageNumber);
  const drop = furnitureLines(text, lines, furniture);
  let any = false;
  const pages: number[] = [];
  for (let i = 0; i < lines.count; i++) {
    if (isPageNumber[i]) {
      drop[i] = true;
      pages.push(Number(/\d+/.exec(trimmedOf(text, lines, i))?.[0] ?? NaN));
    }
    if (drop[i]) any = true;
  }
  if (!any) return { text: mt, headers: [] };
  const removed = removeLines(mt, lines, drop, isPageNumber);
  return { text: joinWordsAroundPageNumbers(removed.text, pages), headers: removed.headers };
}

/**
 * Rejoins words that a page break split, leaving the page number glued to
 * the first half ("in300\n creasing" -> "increasing"). Only numbers within the
 * range of the document's own bare page numbers count, and only when at
 * least two such page numbers exist. What is cut is a match of
 *   /(?<=\p{Ll})(\d{1,4})[ \t]*\r?\n[ \t]*(?=\p{Ll})/gu
 * found from its line break: each match holds exactly one.
 */
function joinWordsAroundPageNumbers(mt: MappedText, pages: number[]): MappedText {
  const known = pages.filter((n) => Number.isFinite(n));
  if (known.length < 2) return mt;
  const lo = Math.min(...known) - 2;
  const hi = Math.max(...known) + 2;
  const t = mt.text;
  let out: MappedTextBuilder | null = null;
  let last = 0;
  for (let nl = t.indexOf("\n"); nl >= 0; nl = t.indexOf("\n", nl + 1)) {
    let j = nl;
    if (j > 0 && t.charCodeAt(j - 1) === 0x0d) j--;
    while (j > 0 && (t.charCodeAt(j - 1) === 0x20 || t.charCodeAt(j - 1) === 0x09)) j--;
    let d = j;
    while (d > 0 && j - d < 5 && isDigitUnit(t.charCodeAt(d - 1))) d--;
    if (d === j || j - d > 4 || !lowerCodePointBefore(t, d)) continue;
    let k = nl + 1;
    while (k < t.length && (t.charCodeAt(k) === 0x20 || t.charCodeAt(k) === 0x09)) k++;
    if (!lowerCodePointAt(t, k)) continue;
    const n = Number(t.slice(d, j));
    if (n < lo || n > hi) continue;
    out ??= new MappedTextBuilder(mt);
    out.copy(last, d);
    last = k;
  }
  if (!out) return mt;
  out.copy(last, t.length);
  return out.build();
}

/** Cuts the dropped lines out, with the blank lines around them (see continues()). */
function removeLines(
  mt: MappedText,
  lines: Lines,
  drop: boolean[],
  isPageNumber: boolean[],
): { text: MappedText; headers: string[] } {
  const headers = new Set<string>();
  const out = new MappedTextBuilder(mt);
  let copied = 0; // source offset up to which text has been emitted
  let i = 0;
  while (i < lines.count) {
    if (!drop[i]) {
      i++;
      continue;
    }
    // widen to the whole block of dropped and blank lines
    let first = i;
    while (first > 0 && isBlank(lines, first - 1) && lines.start[first - 1]! >= copied) first--;
    let last = i;
    while (last + 1 < lines.count && (drop[last + 1] || isBlank(lines, last + 1))) last++;
    for (let k = first; k <= last; k++) if (drop[k] && !isPageNumber[k]) headers.add(trimmedOf(mt.text, lines, k));

    // the block runs from the line break ending the previous content line to the next content line
    const blockStart = first === 0 ? 0 : Math.max(copied, lines.end[first - 1]!);
    const blockEnd = last + 1 < lines.count ? lines.start[last + 1]! : mt.text.length;
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
