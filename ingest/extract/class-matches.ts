// Where the pattern of classes of actors ("local authorities", "organizations
// abroad", "other NGOs in Japan") matches the folded text, found from the last
// word of its nouns: the pattern itself, tried at every word, spends most of
// its time on the many words that start no class.
import { matchesAtStarts } from "./sticky-scan.js";

/** Classes of actors on the folded text: a prefix word, the noun, a place after it. */
export const CLASS = /\b(?:(other|foreign|overseas|domestic) +)?(migrant support organi[sz]ations|church organi[sz]ations|political parties|local authorities|national political actors|international organi[sz]ations|companies|(?:network +|civil +society +)?organi[sz]ations|groups|ngos|csos)(?: +(in +[a-z]+|abroad|overseas|within +[a-z]+|all +over +[a-z]+|in +(?:other +)?(?:states|countries)|in +asian +regions))?(?![a-z])/g;
const CLASS_AT_START = new RegExp(CLASS.source, "y");
/** The last word of every CLASS noun (organisations, groups, ngos, companies, parties, authorities, actors, csos), found by a rare letter in it. */
const LAST_WORDS = /g(?:(?<=org)ani[sz]ations|roups|(?<=ng)os)|p(?:(?<=comp)anies|arties)|u(?<=au)thorities|c(?:(?<=ac)tors|sos)/g;

/** The words CLASS holds before a noun's last word: a match can start no further back than these reach. */
const LEADING_WORDS = new Set(["other", "foreign", "overseas", "domestic", "migrant", "support", "church", "political", "local", "national", "international", "network", "civil", "society"]);

const isLower = (c: number) => c >= 0x61 && c <= 0x7a;

/**
 * The matches a global scan of CLASS finds in `text` (lower case). A match is
 * words of [a-z] one or more spaces apart, ending with its noun's last word
 * (or a place after it) and starting at most three words before that last
 * word, each a prefix or noun word: only those word starts are tried.
 */
export function classMatches(text: string): RegExpExecArray[] {
  const starts: number[] = [];
  LAST_WORDS.lastIndex = 0;
  let k: RegExpExecArray | null;
  while ((k = LAST_WORDS.exec(text))) {
    let at = k.index;
    while (at > 0 && isLower(text.charCodeAt(at - 1))) at--;
    starts.push(at);
    for (let words = 0; words < 3; words++) {
      let j = at;
      while (j > 0 && text.charCodeAt(j - 1) === 0x20) j--;
      if (j === at) break;
      let w = j;
      while (w > 0 && isLower(text.charCodeAt(w - 1))) w--;
      if (w === j || !LEADING_WORDS.has(text.slice(w, j))) break;
      starts.push(w);
      at = w;
    }
  }
  return matchesAtStarts(CLASS_AT_START, text, starts.sort((a, b) => a - b));
}
