// The tail of a short text that holds its last few runs of non-space
// characters. A pattern anchored at the end that can only span that many
// runs (and the spaces between them) matches the tail exactly as it matches
// the whole text, and reads far fewer characters doing so.
import { isSpaceCode } from "./char-classes.js";

/**
 * `text` from the space before its last `runs` runs of non-space characters
 * (space as /\s/ reads it), or all of `text` when it has no more runs than that.
 * @param runs how many runs to keep (at least 1)
 */
export function trailingRuns(text: string, runs: number): string {
  let i = text.length;
  for (let n = 0; n < runs; n++) {
    while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
    while (i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) i--;
    if (i === 0) return text;
  }
  // text[i - 1] is the space before the run that starts at i.
  return text.slice(i - 1);
}
