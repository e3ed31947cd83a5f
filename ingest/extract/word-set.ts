// A fixed set of words that turns most other words away before hashing them:
// a table of the (length, first code) pairs its words have. A token's text is
// a fresh string, so a plain Set lookup computes its hash first; the rules ask
// such sets about most tokens of most sentences, and most answers are no.

/** Words of this length or more, or starting above this code, skip the table (and are looked up). */
const MAX_LENGTH = 16;
const MAX_CODE = 128;

/** A set of words with Set's `has`, answering the same. */
export class WordSet {
  private readonly words: Set<string>;
  /** Per (length << 7 | first code) below the limits: 1 when a word of the set has that length and first code. */
  private readonly may = new Uint8Array(MAX_LENGTH << 7);

  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    for (const w of this.words) if (w.length < MAX_LENGTH && w.charCodeAt(0) < MAX_CODE) this.may[(w.length << 7) | w.charCodeAt(0)] = 1;
  }

  /** True when `w` is one of the words. */
  has(w: string): boolean {
    const n = w.length;
    const c = w.charCodeAt(0);
    if (n < MAX_LENGTH && c < MAX_CODE) return this.may[(n << 7) | c] === 1 && this.words.has(w);
    return this.words.has(w);
  }

  /** The words, in the order given. */
  keys(): IterableIterator<string> {
    return this.words.keys();
  }
}
