// A long alternation of words as a pattern that shares their common
// prefixes: "chairperson|chairman|chair" becomes "chair(?:person|man|)". The
// engine then reads each shared prefix once instead of once per word (the
// role titles of persons.ts are tried at every word of the text).
//
// The factored pattern matches what the plain alternation matches, with the
// same preference: words are grouped by their first atom, and words whose first
// atoms differ can never both match at one place (different characters), so
// only the order within a group matters, and that is kept. A word that ends
// here (the empty rest) matches wherever the others do, so no word joins a
// group across it: "aba|a|ab" gives "a(?:ba||b)", not "a(?:b(?:a|)|)".

/**
 * The atoms of a word's pattern: "\s+" or one literal character, a lower-case
 * ASCII letter, a digit, a space, an apostrophe or a hyphen (different atoms
 * then never match one character, with or without the i flag). "\s+" must be
 * followed by a literal other than a space (so giving back spaces never helps).
 */
function atomsOf(word: string): string[] {
  const atoms: string[] = [];
  for (let i = 0; i < word.length; ) {
    if (word.startsWith("\\s+", i)) {
      atoms.push("\\s+");
      i += 3;
      if (i >= word.length || word[i] === " " || word[i] === "\\") throw new Error(`\\s+ not followed by a letter: ${word}`);
    } else if (/[a-z0-9 '’-]/.test(word[i]!)) atoms.push(word[i++]!);
    else throw new Error(`not a plain word: ${word}`);
  }
  return atoms;
}

/** The factored words as alternatives, in order of preference. */
function factor(words: string[][]): string[] {
  const groups: Array<{ head: string | undefined; rests: string[][] }> = [];
  for (const w of words) {
    const head = w[0];
    // Only groups after the last ended word can take this one (see the file comment).
    let group: (typeof groups)[number] | undefined;
    for (let k = groups.length - 1; head !== undefined && k >= 0 && groups[k]!.head !== undefined; k--) if (groups[k]!.head === head) group = groups[k];
    if (!group) groups.push((group = { head, rests: [] }));
    if (head !== undefined) group.rests.push(w.slice(1));
  }
  // "\s+" and a literal space at one place would both match a space: such words cannot be told apart.
  if (groups.some((g) => g.head === "\\s+") && groups.some((g) => g.head === " ")) throw new Error("a space and \\s+ at one place");
  return groups.map((g) => {
    if (g.head === undefined) return "";
    const rest = factor(g.rests);
    return g.head + (rest.length === 1 ? rest[0]! : `(?:${rest.join("|")})`);
  });
}

/**
 * A pattern source (a non-capturing group) that matches exactly what
 * `(?:w1|w2|…)` matches, preferring the same word where several match.
 * @param words the words in order of preference, each letters, digits,
 * spaces, apostrophes and hyphens, or "\s+" (nothing else)
 */
export function factoredAlternation(words: string[]): string {
  return `(?:${factor(words.map(atomsOf)).join("|")})`;
}
