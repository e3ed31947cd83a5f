// A fixed set of words that answers most other words without hashing them:
// its words sorted into short lists by (length, first code), compared one by
// one. A token's text is a fresh string, so a plain Set lookup computes its
// hash first; the rules ask such sets about most tokens of most sentences, and
// most answers are no.

/** Words of this length or more, or starting at or above this code, are looked up in the Set. */
const MAX_LENGTH = 16;
const MAX_CODE = 128;

/** A set of words with Set's `has`, answering the same. */
export class WordSet {
  private readonly words: Set<string>;
  /** Per (length << 7 | first code) below the limits: the words with that length and first code. */
  private readonly lists: Array<string[] | undefined> = new Array(MAX_LENGTH << 7).fill(undefined);

  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    for (const w of this.words)
      if (w.length < MAX_LENGTH && w.charCodeAt(0) < MAX_CODE) (this.lists[(w.length << 7) | w.charCodeAt(0)] ??= []).push(w);
  }

  /** True when `w` is one of the words. */
  has(w: string): boolean {
    const n = w.length;
    const c = w.charCodeAt(0);
    if (n >= MAX_LENGTH || !(c < MAX_CODE)) return this.words.has(w);
    const list = this.lists[(n << 7) | c];
    if (list === undefined) return false;
    for (let i = 0; i < list.length; i++) if (list[i] === w) return true;
    return false;
  }

  /** The words, in the order given. */
  keys(): IterableIterator<string> {
    return this.words.keys();
  }
}
