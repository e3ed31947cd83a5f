// A global scan of a pattern that tries it only where a match can start: the
// callers find those places cheaply (a rare letter, a literal every match
// holds) and this tries a sticky copy of the pattern there, skipping places
// inside the previous match, as the global scan would.

/**
 * The matches a global scan of `re` finds in `text`, given every place a
 * match can start.
 * @param re the pattern with the sticky flag (`y`)
 * @param starts the places to try, ascending (repeats and negative values are skipped)
 */
export function matchesAtStarts(re: RegExp, text: string, starts: Iterable<number>): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let reach = 0; // where the global scan would go on
  for (const start of starts) {
    if (start < reach || start < 0) continue;
    re.lastIndex = start;
    const m = re.exec(text);
    if (!m) continue;
    out.push(m);
    reach = start + m[0].length;
  }
  return out;
}
