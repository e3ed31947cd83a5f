// Name folding shared by search (both stores) and entity matching: one
// spelling for "Zentōitsu", "Zentoitsu" and "ZENTOITSU".

/**
 * Folds a name for comparison: NFKD, diacritics removed, lower case,
 * apostrophes dropped, every other run of non-alphanumerics one space.
 */
export function foldName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A slug for ids: folded, words joined by hyphens, at most 80 characters. */
export function slugify(s: string): string {
  return foldName(s).replace(/ /g, "-").slice(0, 80).replace(/-+$/, "") || "x";
}

/**
 * How well `query` (folded) matches `candidate` (folded): 4 exact, 3 prefix,
 * 2 a word starts with it, 1 substring, 0 none.
 */
export function matchRank(query: string, candidate: string): number {
  if (!query) return 1;
  if (candidate === query) return 4;
  if (candidate.startsWith(query)) return 3;
  if (candidate.includes(" " + query)) return 2;
  return candidate.includes(query) ? 1 : 0;
}
