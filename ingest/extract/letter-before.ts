// A pattern's leading "(?<![\p{L}])" (no letter before the match), tested in
// code instead: the engine tries a Unicode lookbehind at every position of the
// text, while most positions cannot start the rest of the pattern at all. The
// pattern without the lookbehind finds a match; one that follows a letter is
// dropped and the search goes on one character later, which gives the very
// matches the pattern with the lookbehind finds.

const LETTER = /^\p{L}$/u;

/** True when the code point ending at `at` is a letter, as (?<![\p{L}]) reads it with the u flag (a surrogate pair as one). */
export function letterBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  const c = text.charCodeAt(at - 1);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) {
    const h = text.charCodeAt(at - 2);
    if (h >= 0xd800 && h <= 0xdbff) return LETTER.test(text.slice(at - 2, at));
  }
  return LETTER.test(text[at - 1]!);
}

/**
 * The first match of `re` at or after `from` that no letter precedes: what a
 * global scan from `from` of "(?<![\p{L}])" + re.source would find.
 * @param re a global ("g") pattern with the u flag that never matches the empty string
 */
export function execNotAfterLetter(re: RegExp, text: string, from: number): RegExpExecArray | null {
  for (;;) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m || !letterBefore(text, m.index)) return m;
    // The next start: one code point on.
    const c = text.charCodeAt(m.index);
    const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(m.index + 1) & 0xfc00) === 0xdc00;
    from = m.index + (pair ? 2 : 1);
  }
}
