// The normaliser written the plain way, as it stood before the read path was
// made to scan char codes (9c00b5a): one regex pass per rule through
// mapReplace, a string per line, a Set of every word. The equivalence test
// checks that the fast steps give exactly what this gives: same text, same
// map back to the original, same headers. Markup stripping is shared (its
// passes were not rewritten); the offset map itself is checked against a
// per-character map in read-offset-runs.test.ts.

import { composeCombining } from "../../ingest/read/fold.js";
import { stripMarkup } from "../../ingest/read/markup.js";
import { type MappedText, MappedTextBuilder, type Piece, identityMap, mapReplace } from "../../ingest/read/offset-map.js";

/** The reference normalizeText: the result and the running headers removed. */
export function referenceNormalize(text: string, markup: boolean): { mapped: MappedText; headers: string[] } {
  const { text: withoutFurniture, headers } = dropPageFurniture(identityMap(text));
  let mt = withoutFurniture;
  if (markup) mt = stripMarkup(mt);
  mt = foldCharacters(mt);
  mt = composeCombining(mt);
  mt = dropFootnoteMarkers(mt);
  mt = undoHyphenation(mt);
  mt = collapseWhitespace(mt);
  return { mapped: mt, headers };
}

// ---- page furniture ----

interface Line {
  start: number;
  end: number;
  trimmed: string;
  long: boolean;
}

const PAGE_NUMBER = /^(?:(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))$/i;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const stop = nl < 0 ? text.length : nl;
    const end = stop > start && text[stop - 1] === "\r" ? stop - 1 : stop;
    const long = end - start > 200 && /\S/.test(text.slice(start, end));
    lines.push({ start, end, trimmed: long ? "" : text.slice(start, end).trim(), long });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

const isBlank = (line: Line) => !line.long && line.trimmed === "";
const furnitureKey = (line: string) => line.trim().replace(/\d+/g, "#").replace(/\s+/g, " ");

function dropPageFurniture(mt: MappedText): { text: MappedText; headers: string[] } {
  const lines = splitLines(mt.text);
  const isPageNumber = lines.map((l) => l.trimmed.length <= 16 && PAGE_NUMBER.test(l.trimmed));
  const apart = (i: number) => i < 0 || i >= lines.length || isBlank(lines[i]!) || isPageNumber[i]!;
  const counts = new Map<string, number>();
  lines.forEach((line, i) => {
    const t = line.trimmed;
    if (t.length < 3 || t.length > 100 || !/\p{L}/u.test(t) || isPageNumber[i] || (!apart(i - 1) && !apart(i + 1))) return;
    counts.set(furnitureKey(t), (counts.get(furnitureKey(t)) ?? 0) + 1);
  });
  const furniture = new Set([...counts].filter(([, n]) => n >= 3).map(([k]) => k));
  const drop = lines.map((l, i) => isPageNumber[i]! || (l.trimmed !== "" && furniture.has(furnitureKey(l.trimmed))));
  if (!drop.some(Boolean)) return { text: mt, headers: [] };
  const pages = lines.filter((_, i) => isPageNumber[i]).map((l) => Number(/\d+/.exec(l.trimmed)?.[0] ?? NaN));

  const headers = new Set<string>();
  const out = new MappedTextBuilder(mt);
  let copied = 0;
  for (let i = 0; i < lines.length; ) {
    if (!drop[i]) {
      i++;
      continue;
    }
    let first = i;
    while (first > 0 && isBlank(lines[first - 1]!) && lines[first - 1]!.start >= copied) first--;
    let last = i;
    while (last + 1 < lines.length && (drop[last + 1] || isBlank(lines[last + 1]!))) last++;
    for (let k = first; k <= last; k++) if (drop[k] && !isPageNumber[k]) headers.add(lines[k]!.trimmed);
    const blockStart = first === 0 ? 0 : Math.max(copied, lines[first - 1]!.end);
    const blockEnd = last + 1 < lines.length ? lines[last + 1]!.start : mt.text.length;
    out.copy(copied, blockStart);
    if (blockStart > 0 && blockEnd < mt.text.length && blockEnd > blockStart) {
      const before = mt.text.slice(Math.max(0, blockStart - 3), blockStart).trimEnd();
      const after = mt.text.slice(blockEnd, blockEnd + 2).trimStart();
      const goesOn = before.endsWith("-") || (!/[.!?:]["'”’»)]?$/u.test(before) && /^\p{Ll}/u.test(after));
      out.insert(goesOn ? "\n" : "\n\n", blockStart, blockEnd);
    }
    copied = blockEnd;
    i = last + 1;
  }
  out.copy(copied, mt.text.length);
  const known = pages.filter((n) => Number.isFinite(n));
  const removed = out.build();
  if (known.length < 2) return { text: removed, headers: [...headers] };
  const lo = Math.min(...known) - 2;
  const hi = Math.max(...known) + 2;
  const joined = mapReplace(removed, /(?<=\p{Ll})(\d{1,4})[ \t]*\r?\n[ \t]*(?=\p{Ll})/gu, (m) => (Number(m[1]) >= lo && Number(m[1]) <= hi ? [] : null));
  return { text: joined, headers: [...headers] };
}

// ---- folding and footnote markers ----

const SWAPS: Record<string, string> = {
  "\uFB00": "ff", "\uFB01": "fi", "\uFB02": "fl", "\uFB03": "ffi", "\uFB04": "ffl", "\uFB05": "st", "\uFB06": "st",
  "\u0132": "IJ", "\u0133": "ij", "\u0152": "OE", "\u0153": "oe",
  "\u2018": "'", "\u2019": "'", "\u201A": "'", "\u201B": "'", "\u2032": "'",
  "\u201C": '"', "\u201D": '"', "\u201E": '"', "\u201F": '"', "\u2033": '"', "\u00AB": '"', "\u00BB": '"', "\u2010": "-", "\u2011": "-",
};
const FOLDABLE = new RegExp(`[${Object.keys(SWAPS).join("")}\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]`, "g");

function foldCharacters(mt: MappedText): MappedText {
  return mapReplace(mt, FOLDABLE, (m) => {
    const to = SWAPS[m[0]];
    if (to !== undefined) return [{ insert: to, over: [0, 1] }];
    return /[\u00AD\u200B-\u200D\u2060\uFEFF]/.test(m[0]) ? [] : [{ insert: " ", over: [0, 1] }];
  });
}

function dropFootnoteMarkers(mt: MappedText): MappedText {
  const t = mt.text;
  const lower = (i: number) => /\p{Ll}/u.test(t[i]!);
  const letter = (i: number) => /\p{L}/u.test(t[i]!);
  const toWord = (at: number) => {
    if (at >= 3 && lower(at - 1) && lower(at - 2) && lower(at - 3)) return true;
    let i = at;
    while (i > 0 && /\p{Lu}/u.test(t[i - 1]!)) i--;
    if (i > 0 && /[\p{L}\p{N}]/u.test(t[i - 1]!)) return false;
    return /^\p{Lu}{4,}\d \p{Ll}/u.test(t.slice(i, at + 3));
  };
  const toPunctuation = (at: number) => {
    let i = at - 1;
    if (i >= 0 && /["'”’]/.test(t[i]!)) i--;
    if (i < 0 || !/[.,;:!?)"'”’]/.test(t[i]!)) return false;
    i--;
    if (i >= 0 && t[i] === ")") return true;
    return i >= 2 && letter(i) && letter(i - 1) && letter(i - 2);
  };
  return mapReplace(mt, /[^\s\d]\d+/g, (m) => {
    const at = m.index + 1;
    const end = m.index + m[0].length;
    const next = t[end];
    if (end - at > 3 || (next !== undefined && !/[\s,;:.)\]]/.test(next))) return null;
    return toWord(at) || (toPunctuation(at) && (next === undefined || /\s/.test(next))) ? [{ keep: [0, 1] }] : null;
  });
}

// ---- hyphenation ----

function undoHyphenation(mt: MappedText): MappedText {
  const t = mt.text;
  let spelled: Set<string> | null = null;
  const occurs = (word: string) => (spelled ??= new Set(t.toLowerCase().split(/[^a-z\u00C0-\u024F\u1E00-\u1EFF\u0370-\u03FF\u0400-\u04FF-]+/))).has(word);
  const wordAround = (at: number, dir: 1 | -1) => {
    let i = at;
    while (i >= 0 && i < t.length && Math.abs(i - at) < 64 && /\p{L}/u.test(t[i]!)) i += dir;
    return dir === 1 ? t.slice(at, i) : t.slice(i + 1, at + 1);
  };
  return mapReplace(mt, /-(?<=[\p{L}\p{N}]-)[ \t]*\r?\n[ \t]*(?=[\p{L}\p{N}])/gu, (m): Piece[] => {
    const left = wordAround(m.index - 1, -1);
    const right = wordAround(m.index + m[0].length, 1);
    let keep = !left || !right || right[0] !== right[0]!.toLowerCase();
    if (!keep) {
      const l = left.toLowerCase();
      const r = right.toLowerCase();
      keep = ["non", "self", "quasi", "cross", "ex"].includes(l) || (occurs(`${l}-${r}`) && !occurs(l + r));
    }
    return keep ? [{ keep: [0, 1] }] : [];
  });
}

// ---- whitespace ----

function collapseWhitespace(mt: MappedText): MappedText {
  const t = mt.text;
  return mapReplace(mt, /[\s\u0000-\u0008\u000E-\u001F\u007F]{2,}|[^\S ]|[\u0000-\u0008\u000E-\u001F\u007F]|^ | $/g, (m) => {
    const run = m[0];
    const end = m.index + run.length;
    if (m.index === 0 || end === t.length) return [];
    const paragraph = /\n[^\n\S]*\n|\f/.test(run.replace(/\r/g, "")) || endsHeading(t, m.index, end);
    const replacement = paragraph ? "\n\n" : " ";
    return run === replacement ? null : [{ insert: replacement, over: [0, run.length] }];
  });
}

function endsHeading(t: string, at: number, next: number): boolean {
  if (!t.slice(at, next).includes("\n") || !/^[\p{Lu}\d]/u.test(t[next] ?? "")) return false;
  const lineStart = t.lastIndexOf("\n", at - 1) + 1;
  if (at - lineStart > 80) return false;
  const line = t.slice(lineStart, at).trim();
  if (!/^[\p{Lu}\d]/u.test(line) || /[.,;:!?\-–—(]$/.test(line) || !/\p{L}{2}/u.test(line)) return false;
  let k = lineStart - 2;
  while (k >= 0 && (t[k] === " " || t[k] === "\t" || t[k] === "\r")) k--;
  return k < 0 || t[k] === "\n";
}
