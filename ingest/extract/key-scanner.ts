// Which of many fixed strings occur in a text, in one pass: an Aho–Corasick
// automaton over the keys (a dense transition table per code unit class),
// built once. Each key stands for one or more groups (the cues it gates); a
// scan marks every group one of whose keys occurs anywhere in the text.

/** Finds the groups whose keys occur in a text. */
export class KeyScanner {
  /** Per UTF-16 code: its symbol (0 for a character no key holds). */
  private readonly symbol = new Uint16Array(0x10000);
  /**
   * The transitions, one row per state of one entry per symbol: an entry is 2 × the row offset of
   * the next state (its index × the symbol count), plus 1 when keys end there (the scan reads no second table
   * for the common case, and no multiplication).
   */
  private readonly delta: Int32Array;
  /** Per row offset of a state: where its groups start in `groups` and how many (every key that ends there, directly or as a suffix). */
  private readonly outStart: Int32Array;
  private readonly outCount: Int32Array;
  private readonly groups: Int32Array;

  /**
   * @param keys the strings to find (non-empty)
   * @param groupsOf for each key, the groups it stands for
   */
  constructor(keys: string[], groupsOf: (key: string) => number[]) {
    let symbols = 1;
    for (const k of keys) for (let i = 0; i < k.length; i++) if (!this.symbol[k.charCodeAt(i)]) this.symbol[k.charCodeAt(i)] = symbols++;
    // the trie
    const next: Array<Map<number, number>> = [new Map()];
    const ends: Array<Set<number>> = [new Set()];
    for (const k of keys) {
      let state = 0;
      for (let i = 0; i < k.length; i++) {
        const sym = this.symbol[k.charCodeAt(i)]!;
        let to = next[state]!.get(sym);
        if (to === undefined) {
          to = next.length;
          next.push(new Map());
          ends.push(new Set());
          next[state]!.set(sym, to);
        }
        state = to;
      }
      for (const g of groupsOf(k)) ends[state]!.add(g);
    }
    // failure links breadth first, folded into a full transition table
    const delta = new Int32Array(next.length * symbols);
    const fail = new Int32Array(next.length);
    const queue: number[] = [];
    for (let sym = 1; sym < symbols; sym++) {
      const to = next[0]!.get(sym);
      if (to !== undefined) {
        delta[sym] = to;
        queue.push(to);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q]!;
      for (const g of ends[fail[state]!]!) ends[state]!.add(g);
      for (let sym = 1; sym < symbols; sym++) {
        const to = next[state]!.get(sym);
        if (to === undefined) delta[state * symbols + sym] = delta[fail[state]! * symbols + sym]!;
        else {
          fail[to] = delta[fail[state]! * symbols + sym]!;
          delta[state * symbols + sym] = to;
          queue.push(to);
        }
      }
    }
    this.outStart = new Int32Array(ends.length * symbols);
    this.outCount = new Int32Array(ends.length * symbols);
    const flat: number[] = [];
    ends.forEach((s, state) => {
      this.outStart[state * symbols] = flat.length;
      this.outCount[state * symbols] = s.size;
      flat.push(...[...s].sort((a, b) => a - b));
    });
    this.groups = Int32Array.from(flat);
    for (let i = 0; i < delta.length; i++) {
      const to = delta[i]!;
      delta[i] = to * symbols * 2 + (ends[to]!.size ? 1 : 0);
    }
    this.delta = delta;
  }

  /**
   * Sets mark[g] = 1 for every group g one of whose keys occurs in `text`.
   * @returns true when any key occurs
   */
  scan(text: string, mark: Uint8Array): boolean {
    const { symbol, delta, outStart, outCount, groups } = this;
    let entry = 0;
    let any = false;
    for (let i = 0; i < text.length; i++) {
      // symbol 0 (a character no key holds) leads back to the root from every state
      entry = delta[(entry >> 1) + symbol[text.charCodeAt(i)]!]!;
      if ((entry & 1) !== 0) {
        any = true;
        const row = entry >> 1;
        for (let g = outStart[row]!, end = g + outCount[row]!; g < end; g++) mark[groups[g]!] = 1;
      }
    }
    return any;
  }
}
