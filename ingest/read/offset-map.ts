// Text that remembers where each of its characters came from. Every
// normalisation step turns one MappedText into another; composing the steps
// keeps, for each character of the result, the span of the original decoded
// text it was made from, so evidence found in normalised text can be quoted
// exactly from the original. The map is stored as runs, not per character:
// a "linear" run copies original characters one for one, a "constant" run is
// inserted text whose every character stands for one original span. A text
// that no step changed is a single run, so big clean texts cost no memory.

/**
 * How the characters of a MappedText map back: run r covers characters
 * [pos[r], pos[r + 1]) (the last run reaches the end of the text). In a
 * linear run (b[r] === -1) character pos[r] + k stands for the original
 * character a[r] + k; in a constant run every character stands for [a[r], b[r]).
 */
export interface RunMap {
  pos: number[];
  a: number[];
  b: number[];
}

/** A string plus, per UTF-16 code unit, the [start, end) span of the original text it came from. */
export interface MappedText {
  text: string;
  runs: RunMap;
}

/** One piece of a replacement: keep a slice of the match, or insert new text standing for a slice. */
export type Piece = { keep: [number, number] } | { insert: string; over: [number, number] };

/** The identity mapping: each character of `text` stands for itself. */
export function identityMap(text: string): MappedText {
  return { text, runs: text.length ? { pos: [0], a: [0], b: [-1] } : { pos: [], a: [], b: [] } };
}

/** The index of the run holding character `i` (0 <= i < text length). */
function runAt(runs: RunMap, i: number): number {
  const pos = runs.pos;
  let lo = 0;
  let hi = pos.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pos[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Original start of character `i` of a mapped text. */
export function originalStart(mt: MappedText, i: number): number {
  const r = runAt(mt.runs, i);
  return mt.runs.b[r] === -1 ? mt.runs.a[r]! + (i - mt.runs.pos[r]!) : mt.runs.a[r]!;
}

/** Original end of character `i` of a mapped text. */
export function originalEnd(mt: MappedText, i: number): number {
  const r = runAt(mt.runs, i);
  const b = mt.runs.b[r]!;
  return b === -1 ? mt.runs.a[r]! + (i - mt.runs.pos[r]!) + 1 : b;
}

/** Accumulates a new MappedText from slices of a source and inserted strings. */
export class MappedTextBuilder {
  private parts: string[] = [];
  private length = 0;
  private readonly pos: number[] = [];
  private readonly a: number[] = [];
  private readonly b: number[] = [];
  /** The source run looked up last: calls mostly move forward, so the next lookup starts there. */
  private cursor = 0;

  constructor(private readonly source: MappedText) {}

  /** Appends a run of `n` characters, joining it to the last run when the mapping continues. */
  private push(n: number, a: number, b: number): void {
    const last = this.pos.length - 1;
    if (last >= 0) {
      const lb = this.b[last]!;
      const joins = b === -1 ? lb === -1 && this.a[last]! + (this.length - this.pos[last]!) === a : lb === b && this.a[last] === a;
      if (joins) {
        this.length += n;
        return;
      }
    }
    this.pos.push(this.length);
    this.a.push(a);
    this.b.push(b);
    this.length += n;
  }

  /** The index of the source run holding character `i`, searched from the last one found. */
  private runOf(i: number): number {
    const pos = this.source.runs.pos;
    const count = pos.length;
    let r = this.cursor;
    if (r >= count || pos[r]! > i) r = runAt(this.source.runs, i);
    else if (r + 1 < count && pos[r + 1]! <= i) {
      r++;
      if (r + 1 < count && pos[r + 1]! <= i) {
        // far ahead: binary search in [r, count)
        let lo = r;
        let hi = count - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (pos[mid]! <= i) lo = mid;
          else hi = mid - 1;
        }
        r = lo;
      }
    }
    this.cursor = r;
    return r;
  }

  /** Copies source characters [from, to) with their mapping. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(this.source.text.slice(from, to));
    this.mapSpan(from, to);
  }

  /**
   * Appends `text` in place of source characters [from, to), character for
   * character: `text` has the same length and each of its characters maps
   * where the source character it replaces does (a one-for-one substitution).
   */
  copyAs(from: number, to: number, text: string): void {
    if (text.length !== to - from) throw new RangeError(`MappedTextBuilder.copyAs: ${text.length} characters in place of ${to - from}`);
    if (to <= from) return;
    this.parts.push(text);
    this.mapSpan(from, to);
  }

  /** Appends the mapping of source characters [from, to) (from < to). */
  private mapSpan(from: number, to: number): void {
    const { pos, a, b } = this.source.runs;
    const count = pos.length;
    let r = this.runOf(from);
    let at = from;
    while (at < to) {
      const runEnd = r + 1 < count ? pos[r + 1]! : this.source.text.length;
      const stop = runEnd < to ? runEnd : to;
      if (b[r] === -1) this.push(stop - at, a[r]! + (at - pos[r]!), -1);
      else this.push(stop - at, a[r]!, b[r]!);
      at = stop;
      if (at < to) r++;
    }
    this.cursor = r;
  }

  /**
   * Appends `text`, every character of which stands for source characters
   * [from, to). One character standing for one original character maps like
   * a copied one, so it is stored as such and joins the runs around it.
   */
  insert(text: string, from: number, to: number): void {
    if (!text) return;
    if (to <= from) throw new RangeError(`MappedTextBuilder.insert: empty source span [${from}, ${to})`);
    const { pos, a, b } = this.source.runs;
    let r = this.runOf(from);
    const start = b[r] === -1 ? a[r]! + (from - pos[r]!) : a[r]!;
    r = this.runOf(to - 1);
    const end = b[r] === -1 ? a[r]! + (to - 1 - pos[r]!) + 1 : b[r]!;
    if (text.length === 1 && end === start + 1) this.push(1, start, -1);
    else this.push(text.length, start, end);
    this.parts.push(text);
  }

  /** The text and mapping built so far. */
  build(): MappedText {
    return { text: this.parts.join(""), runs: { pos: this.pos, a: this.a, b: this.b } };
  }
}

/**
 * Rewrites every match of the global regex `re` by the pieces `rewrite`
 * returns, relative to the match start; `null` keeps the match unchanged.
 * Text between matches is copied. Returns `source` itself when nothing
 * changed. (Give `re` the `d` flag only when `rewrite` reads group indices.)
 */
export function mapReplace(
  source: MappedText,
  re: RegExp,
  rewrite: (m: RegExpExecArray) => Piece[] | null,
): MappedText {
  if (!re.global) throw new TypeError(`mapReplace: regex ${re} needs the g flag`);
  let out: MappedTextBuilder | null = null;
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(source.text); m; m = re.exec(source.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const pieces = rewrite(m);
    if (!pieces) continue;
    out ??= new MappedTextBuilder(source);
    out.copy(last, m.index);
    for (const p of pieces) {
      if ("keep" in p) out.copy(m.index + p.keep[0], m.index + p.keep[1]);
      else out.insert(p.insert, m.index + p.over[0], m.index + p.over[1]);
    }
    last = m.index + m[0].length;
  }
  if (!out) return source;
  out.copy(last, source.text.length);
  return out.build();
}

/**
 * Maps the span [start, end) of a mapped text to the span of the original
 * text it came from. An empty span maps to an empty span at the matching
 * original position. Throws RangeError for spans outside the text.
 */
export function spanToOriginal(mt: MappedText, start: number, end: number, originalLength: number): [number, number] {
  const n = mt.text.length;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > n) {
    throw new RangeError(`toOriginal: span [${start}, ${end}) is outside the normalised text (length ${n})`);
  }
  if (start === end) {
    const at = start < n ? originalStart(mt, start) : n > 0 ? originalEnd(mt, n - 1) : originalLength;
    return [at, at];
  }
  return [originalStart(mt, start), originalEnd(mt, end - 1)];
}
