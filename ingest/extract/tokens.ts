// A sentence as a row of tokens: entity tokens (a mention, resolved to one or
// more entity ids) and word tokens. The rules match cue patterns against the
// sentence's "skeleton" (lower-case words, each entity written ENT) and find
// subjects and objects by walking the tokens.
import { isAsciiWordCode, isSpaceCode, isTokenWordCode } from "./char-classes.js";
import type { Mention } from "./context.js";

/** A word or punctuation mark. */
export interface WordToken {
  kind: "W";
  text: string;
  start: number;
  end: number;
}

/** An entity mention (ids: one, or several for "they" and lists resolved as a group). */
export interface EntityToken {
  kind: "E";
  ids: string[];
  start: number;
  end: number;
  via: Mention["via"];
}

export type Token = WordToken | EntityToken;

/** One sentence ready for the relation rules. */
export interface SentenceTokens {
  start: number;
  end: number;
  tokens: Token[];
  /** Lower-case words and ENT separated by single spaces. */
  skeleton: string;
  /** Skeleton offset where each token starts. */
  offsets: number[];
  /** The document text (token offsets index it). */
  text: string;
}

const WORD = /[A-Za-z0-9\u00c0-\u024f]+(?:['’\-][A-Za-z0-9\u00c0-\u024f]+)*|['’]s\b|[^\sA-Za-z0-9\u00c0-\u024f]/g;

/**
 * The lower-case copy of a document the tokenizer slices word texts from
 * ("’" as "'"), or undefined when slices of it would not equal the lower case
 * of each slice: a letter that grows ("İ") or a capital sigma (its lower case
 * depends on the next letter, which a mention may cut off). `quotes` says
 * whether `lowerCase` holds "‘" or "’" when the caller knows (FoldNotes).
 */
export function lowerForTokens(text: string, lowerCase: string = text.toLowerCase(), quotes?: boolean): string | undefined {
  if (text.includes("\u03a3")) return undefined;
  const lower = lowerCase;
  if (lower.length !== text.length) return undefined;
  return (quotes ?? QUOTES.test(lower)) ? lower.replace(/’/g, "'") : lower;
}

/**
 * A test for "’" that reads a two-byte text far faster than includes("’"),
 * which looks for the code's high byte 0x20, a space, at every space; a "‘"
 * alone makes the replace above run for nothing, never change its answer.
 */
const QUOTES = /[‘’]/;

/** Per UTF-16 code: 1 for the tokenizer's word characters (isTokenWordCode, as a table). */
const WORD_CODE = new Uint8Array(0x10000);
for (let c = 0; c < 0x250; c++) if (isTokenWordCode(c)) WORD_CODE[c] = 1;

/**
 * The tokens of WORD in text[from, to), read by hand exactly as the regex
 * reads that slice on its own: a run of word characters joined by ' ’ or -,
 * "'s" before a non-word character or the end, any other character but a space.
 */
function scanWords(tokens: Token[], text: string, lower: string, from: number, to: number): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (WORD_CODE[c] === 1) {
      let j = i + 1;
      while (j < to && WORD_CODE[text.charCodeAt(j)] === 1) j++;
      while (j + 1 < to) {
        const d = text.charCodeAt(j);
        if ((d !== 0x27 && d !== 0x2019 && d !== 0x2d) || WORD_CODE[text.charCodeAt(j + 1)] !== 1) break;
        j += 2;
        while (j < to && WORD_CODE[text.charCodeAt(j)] === 1) j++;
      }
      tokens.push({ kind: "W", text: lower.slice(i, j), start: i, end: j });
      i = j;
    } else if ((c === 0x27 || c === 0x2019) && i + 1 < to && text.charCodeAt(i + 1) === 0x73 && (i + 2 === to || !isAsciiWordCode(text.charCodeAt(i + 2)))) {
      tokens.push({ kind: "W", text: lower.slice(i, i + 2), start: i, end: i + 2 });
      i += 2;
    } else {
      if (!isSpaceCode(c)) tokens.push({ kind: "W", text: lower.slice(i, i + 1), start: i, end: i + 1 });
      i++;
    }
  }
}

/** The tokens of WORD in text[from, to), by the regex (when no lower-case copy of the text keeps its offsets). */
function matchWords(tokens: Token[], text: string, from: number, to: number): void {
  WORD.lastIndex = 0;
  const chunk = text.slice(from, to);
  // Lower-cased once per chunk when that keeps every offset (it does unless a letter like "İ" grows).
  let lower = chunk.toLowerCase();
  if (lower.includes("’")) lower = lower.replace(/’/g, "'");
  const aligned = lower.length === chunk.length;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(chunk))) {
    const end = m.index + m[0].length;
    tokens.push({ kind: "W", text: aligned ? lower.slice(m.index, end) : m[0].toLowerCase().replace(/’/g, "'"), start: from + m.index, end: from + end });
  }
}

/** True for a mention that is already an entity token (kept as the token: one object less per mention). */
function isEntityToken(m: { start: number; end: number; ids: string[]; via: Mention["via"]; kind?: string }): m is EntityToken {
  return m.kind === "E";
}

/**
 * Tokenises the text of one sentence around its mentions (sorted, not overlapping).
 * @param text the document text
 * @param span the sentence
 * @param mentions the mentions inside the sentence, with their resolved ids
 * @param lower lowerForTokens(text), when the caller has it (faster)
 */
export function tokenize(text: string, span: { start: number; end: number }, mentions: Array<{ start: number; end: number; ids: string[]; via: Mention["via"]; kind?: string }>, lower?: string): SentenceTokens {
  const tokens: Token[] = [];
  let pos = span.start;
  for (const m of mentions) {
    if (m.start < pos) continue;
    if (lower !== undefined) scanWords(tokens, text, lower, pos, m.start);
    else matchWords(tokens, text, pos, m.start);
    tokens.push(isEntityToken(m) ? m : { kind: "E", ids: m.ids, start: m.start, end: m.end, via: m.via });
    pos = m.end;
  }
  if (lower !== undefined) scanWords(tokens, text, lower, pos, span.end);
  else matchWords(tokens, text, pos, span.end);
  // Joined once (a flat string: the gate scan and the cue patterns read it character by character).
  const offsets: number[] = new Array(tokens.length);
  const parts: string[] = [];
  let length = 0;
  // Word tokens one space apart in the text are one slice of `lower` in the skeleton (fewer, longer parts to join).
  let runStart = -1;
  let runEnd = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i > 0 && length > 0) length++;
    offsets[i] = length;
    if (t.kind === "E") {
      if (runStart >= 0) parts.push(lower!.slice(runStart, runEnd));
      runStart = -1;
      parts.push("ENT");
      length += 3;
      continue;
    }
    length += t.text.length;
    if (lower === undefined) parts.push(t.text);
    else if (runStart >= 0 && t.start === runEnd + 1 && text.charCodeAt(runEnd) === 0x20) runEnd = t.end;
    else {
      if (runStart >= 0) parts.push(lower.slice(runStart, runEnd));
      runStart = t.start;
      runEnd = t.end;
    }
  }
  if (runStart >= 0) parts.push(lower!.slice(runStart, runEnd));
  return { start: span.start, end: span.end, tokens, skeleton: parts.join(" "), offsets, text };
}

/** The index of the token that starts at or covers skeleton offset `at`. */
export function tokenAt(s: SentenceTokens, at: number): number {
  let lo = 0;
  let hi = s.offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.offsets[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The token index just after the skeleton range ending at `end`. */
export function tokenAfter(s: SentenceTokens, end: number): number {
  let i = tokenAt(s, Math.max(0, end - 1));
  return i + 1;
}
