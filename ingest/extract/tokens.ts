// A sentence as a row of tokens: entity tokens (a mention, resolved to one or
// more entity ids) and word tokens. The rules match cue patterns against the
// sentence's "skeleton" (lower-case words, each entity written ENT) and find
// subjects and objects by walking the tokens.
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
 * Tokenises the text of one sentence around its mentions (sorted, not overlapping).
 * @param text the document text
 * @param span the sentence
 * @param mentions the mentions inside the sentence, with their resolved ids
 */
export function tokenize(text: string, span: { start: number; end: number }, mentions: Array<{ start: number; end: number; ids: string[]; via: Mention["via"] }>): SentenceTokens {
  const tokens: Token[] = [];
  let pos = span.start;
  const words = (from: number, to: number) => {
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
  };
  for (const m of mentions) {
    if (m.start < pos) continue;
    words(pos, m.start);
    tokens.push({ kind: "E", ids: m.ids, start: m.start, end: m.end, via: m.via });
    pos = m.end;
  }
  words(pos, span.end);
  const offsets: number[] = [];
  let skeleton = "";
  for (const t of tokens) {
    if (skeleton) skeleton += " ";
    offsets.push(skeleton.length);
    skeleton += t.kind === "E" ? "ENT" : t.text;
  }
  return { start: span.start, end: span.end, tokens, skeleton, offsets, text };
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
