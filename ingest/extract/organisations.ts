// New organisations named without a definition: capitalised names headed by
// Union, Confederation, Federation, Network, Center/Centre, Council, Ministry,
// Forum, Movement, Association, Committee … ("Kanagawa City Union", "the
// Center of Indian Trade Unions"). The kind comes from the head noun, the
// country from a nationality word in the name or a "Thailand-based" before it.
import type { ExtractionContext, Mention } from "./context.js";
import { HAS_HEAD_WORD, isHeadWord, kindFromHead } from "./heads.js";
import { countryOf, COUNTRY_SOURCE, NATIONALITY_SOURCE } from "./nationality.js";

const CAP = "(?:[A-Z\\u00c0-\\u00de][A-Za-z0-9\\u00c0-\\u024f'’&]*(?:-[A-Za-z0-9\\u00c0-\\u024f'’]+)*|\\d+(?:st|nd|rd|th)?)";
const LINK = "(?:of|for|and|on|in|to|against|the|&)";
// The first word as CAP with the "no letter or digit before" check moved behind its first
// character: the same matches as (?<![A-Za-z0-9\u00c0-\u024f])CAP, but the engine can look
// for the first character instead of trying the lookbehind at every position (twice as fast).
const FIRST_CAP = "(?:[A-Z\\u00c0-\\u00de](?<![A-Za-z0-9\\u00c0-\\u024f].)[A-Za-z0-9\\u00c0-\\u024f'’&]*(?:-[A-Za-z0-9\\u00c0-\\u024f'’]+)*|\\d(?<![A-Za-z0-9\\u00c0-\\u024f].)\\d*(?:st|nd|rd|th)?)";
/** A run of two or more capitalised words (with up to two link words between them): a name candidate. */
export const CANDIDATE = new RegExp(`${FIRST_CAP}(?:[ \\t]+(?:${LINK}[ \\t]+){0,2}${CAP}){1,10}`, "g");
const NAT = new RegExp(`(?<![\\p{L}])(${NATIONALITY_SOURCE}|${COUNTRY_SOURCE})(?![\\p{L}])`, "u");
const BASED_BEFORE = new RegExp(`(${COUNTRY_SOURCE}|${NATIONALITY_SOURCE})-based\\s+(?:the\\s+)?$`, "u");
/** Capitalised words that start sentences or name things that are not organisations. */
const NOT_A_START = new Set(["The", "In", "On", "At", "By", "For", "From", "With", "And", "But", "Since", "While", "This", "These", "That", "Its", "Their", "A", "An", "Both", "As", "After", "Before", "During", "Under", "Unlike", "Like", "Although", "Whereas", "When", "Figure", "Table", "Section", "Chapter", "Source", "Note", "Notes", "Director", "Secretary", "President", "Chairman", "Chairperson", "Head", "Minister", "Former", "Professor", "Prof", "Dr", "Mr", "Ms"]);
const GENERIC = /^(?:(?:Trade|Labou?r|Workers'?)\s+)?(?:Unions?|Union Confederation|Federation|Confederation|Council|Network|Cent(?:er|re)|Ministry|Forum|Movement|Association|Committee|Organi[sz]ation)$/u;
/** Unions of states, not of workers. */
const STATES = /^(?:Soviet Union|European Union|African Union|Eurasian Economic Union|Union of Soviet Socialist Republics)$/;
const SUBUNIT = /^(?:International|Economic|Foreign|Asia|North America|Legal|Political)?\s*(?:Department|Bureau|Division|Section)\b/;

/** The word without a final "'s", "’s", "'" or "’" (what .replace(/['’]s?$/, "") gives). */
function withoutPossessive(w: string): string {
  const n = w.length;
  const last = w.charCodeAt(n - 1);
  if (last === 0x27 || last === 0x2019) return w.slice(0, n - 1);
  if (last === 0x73 && n >= 2 && (w.charCodeAt(n - 2) === 0x27 || w.charCodeAt(n - 2) === 0x2019)) return w.slice(0, n - 2);
  return w;
}

/** Words the name does not start with: link words. */
const LINK_WORD = /^(?:of|for|and|on|in|to|against|the|&)$/;

/**
 * Where the first word of a candidate that is neither a sentence-start word
 * nor a link word starts (text offset), or -1 when there is none: where the
 * name the candidate gives starts.
 */
function firstNameWord(run: string, at: number): number {
  let i = 0;
  while (i < run.length) {
    while (i < run.length && (run.charCodeAt(i) === 0x20 || run.charCodeAt(i) === 0x09)) i++;
    if (i >= run.length) break;
    const s = i;
    while (i < run.length && run.charCodeAt(i) !== 0x20 && run.charCodeAt(i) !== 0x09) i++;
    const w = run.slice(s, i);
    if (!NOT_A_START.has(w) && !LINK_WORD.test(w)) return at + s;
  }
  return -1;
}

/** The words of a candidate (runs of CAP and LINK characters between spaces and tabs) with their offsets. */
function splitWords(run: string, at: number): Array<{ w: string; s: number; e: number }> {
  const words: Array<{ w: string; s: number; e: number }> = [];
  let i = 0;
  while (i < run.length) {
    while (i < run.length && (run[i] === " " || run[i] === "\t")) i++;
    if (i >= run.length) break;
    const s = i;
    while (i < run.length && run[i] !== " " && run[i] !== "\t") i++;
    words.push({ w: run.slice(s, i), s: at + s, e: at + i });
  }
  return words;
}

/**
 * Finds headed organisation names not already covered by `taken` mentions,
 * registers each as an extracted entity and returns their mentions.
 * @param ctx the document
 * @param limit text offset where the body ends (references excluded)
 * @param taken mentions found by earlier rules, sorted by start
 */
export function findOrganisations(ctx: ExtractionContext, limit: number, taken: Mention[]): Mention[] {
  const out: Mention[] = [];
  const text = ctx.text.slice(0, limit);
  let t = 0;
  const heads = new Map<string, boolean>();
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text))) {
    // A run inside one taken mention: whatever name it yields overlaps that mention (skipped below).
    const runEnd = m.index + m[0].length;
    while (t < taken.length && taken[t].end <= m.index) t++;
    if (t < taken.length && taken[t].start <= m.index && taken[t].end >= runEnd) continue;
    // The name would start after the sentence-start and link words: where that is inside a taken
    // mention ("The" + a codebook name), the name overlaps it (skipped below) whatever its end.
    const nameStart = firstNameWord(m[0], m.index);
    if (nameStart < 0) continue;
    while (t < taken.length && taken[t].end <= nameStart) t++;
    if (t < taken.length && taken[t].start <= nameStart) continue;
    // Most capitalised runs ("In November", "The KCTU") hold no head noun: skip them before splitting.
    if (!HAS_HEAD_WORD.test(m[0])) continue;
    let words = splitWords(m[0], m.index);
    // Drop sentence-start words and trailing link words.
    while (words.length && (NOT_A_START.has(words[0].w) || /^(?:of|for|and|on|in|to|against|the|&)$/.test(words[0].w))) words = words.slice(1);
    while (words.length && /^(?:of|for|and|on|in|to|against|the|&)$/.test(words[words.length - 1].w)) words.pop();
    if (words.length < 2) continue;
    // The name ends at its last head noun, or at the end of an "X of Y" phrase.
    let last = -1;
    for (let i = 0; i < words.length; i++) {
      // Names repeat: each word's answer is asked once per document.
      let head = heads.get(words[i].w);
      if (head === undefined) heads.set(words[i].w, (head = isHeadWord(withoutPossessive(words[i].w))));
      if (head) last = i;
    }
    if (last < 0) continue;
    const ofAfter = words.findIndex((w, i) => i > last && w.w === "of");
    words = words.slice(0, ofAfter > last ? words.length : last + 1);
    const start = words[0].s;
    const lastWord = words[words.length - 1];
    const possessive = /['’]s$/.test(lastWord.w);
    const end = lastWord.e - (possessive ? 2 : 0);
    // A candidate holds no whitespace but spaces and tabs: single spaces need no rewrite.
    const raw = text.slice(start, end);
    const name = raw.includes("\t") || raw.includes("  ") ? raw.replace(/\s+/g, " ") : raw;
    if (GENERIC.test(name) || SUBUNIT.test(name) || STATES.test(name) || words.length < 2) continue;
    // Skip names a codebook or definition mention already covers.
    while (t < taken.length && taken[t].end <= start) t++;
    if (t < taken.length && taken[t].start < end) continue;
    const kind = kindFromHead(name);
    if (!kind) continue;
    const based = BASED_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
    const nat = NAT.exec(name);
    const country = based ? countryOf(based[1]) : nat ? countryOf(nat[1]) : undefined;
    const entity = ctx.addEntity(name, kind, country ? { country } : {});
    out.push({ start, end, id: entity.id, via: "discovered" });
  }
  return out;
}
