// Text that remembers where each of its characters came from. Every
// normalisation step turns one MappedText into another; composing the steps
// keeps, for each character of the result, the span of the original decoded
// text it was made from, so evidence found in normalised text can be quoted
// exactly from the original.

/** A string plus, per UTF-16 code unit, the [start, end) span of the original text it came from. */
export interface MappedText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

/** One piece of a replacement: keep a slice of the match, or insert new text standing for a slice. */
export type Piece = { keep: [number, number] } | { insert: string; over: [number, number] };

/** The identity mapping: each character of `text` stands for itself. */
export function identityMap(text: string): MappedText {
  const n = text.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = i;
    ends[i] = i + 1;
  }
  return { text, starts, ends };
}

/** Accumulates a new MappedText from slices of a source and inserted strings. */
export class MappedTextBuilder {
  private parts: string[] = [];
  private length = 0;
  private starts: Int32Array;
  private ends: Int32Array;

  constructor(private readonly source: MappedText) {
    this.starts = new Int32Array(Math.max(16, source.text.length + 16));
    this.ends = new Int32Array(this.starts.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.starts.length) return;
    const size = Math.max(this.starts.length * 2, this.length + extra);
    const s = new Int32Array(size);
    const e = new Int32Array(size);
    s.set(this.starts.subarray(0, this.length));
    e.set(this.ends.subarray(0, this.length));
    this.starts = s;
    this.ends = e;
  }

  /** Copies source characters [from, to) with their mapping. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.reserve(to - from);
    this.parts.push(this.source.text.slice(from, to));
    this.starts.set(this.source.starts.subarray(from, to), this.length);
    this.ends.set(this.source.ends.subarray(from, to), this.length);
    this.length += to - from;
  }

  /** Appends `text`, every character of which stands for source characters [from, to). */
  insert(text: string, from: number, to: number): void {
    if (!text) return;
    if (to <= from) throw new RangeError(`MappedTextBuilder.insert: empty source span [${from}, ${to})`);
    this.reserve(text.length);
    const a = this.source.starts[from]!;
    const b = this.source.ends[to - 1]!;
    for (let i = 0; i < text.length; i++) {
      this.starts[this.length + i] = a;
      this.ends[this.length + i] = b;
    }
    this.parts.push(text);
    this.length += text.length;
  }

  /** The text and mapping built so far. */
  build(): MappedText {
    return {
      text: this.parts.join(""),
      starts: this.starts.slice(0, this.length),
      ends: this.ends.slice(0, this.length),
    };
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
    const at = start < n ? mt.starts[start]! : n > 0 ? mt.ends[n - 1]! : originalLength;
    return [at, at];
  }
  return [mt.starts[start]!, mt.ends[end - 1]!];
}
