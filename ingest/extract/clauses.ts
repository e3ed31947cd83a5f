// Walking a sentence's tokens: clause starts, entity groups (lists such as
// "A, B and C" are one group), the subject before a cue and the objects after
// it, and negation in between. Shared by the relation, role and event rules.
import type { ExtractionContext } from "./context.js";
import { NATIONALITIES } from "./nationality.js";
import type { EntityToken, SentenceTokens, Token } from "./tokens.js";
import { WordSet } from "./word-set.js";

/** Words that end a clause for subject search. */
const HARD = new Set([";", ":"]);
const SOFT = new Set(["but", "whereas", "although", "though", "while", "because", "neither", "due", "owing", "thanks"]);
/** Clauses of cause: their subject is their own, never carried ("…, due to the inability of these unions to influence …"). */
const NO_CARRY = new Set(["due", "owing", "thanks", "because"]);
/** Quantifiers that make "of" partitive ("any of them" is a subject, not a prepositional object). */
const QUANTIFIERS = new WordSet(["any", "some", "most", "many", "none", "all", "few", "each", "one", "both", "several", "majority", "half", "two", "three", "either", "neither"]);
/** Words after which an entity is the object of a preposition, not a subject. */
export const PREPOSITIONS = new WordSet([
  "in", "of", "on", "for", "from", "with", "to", "by", "at", "about", "regarding", "like", "unlike", "than", "between",
  "against", "towards", "toward", "into", "within", "under", "after", "before", "during", "among", "through", "via",
  "including", "such", "as", "despite", "except", "besides", "beyond", "over", "concerning", "behind", "upon", "onto",
]);
const DETERMINERS = new WordSet(["the", "a", "an", "its", "their", "this", "these", "that", "those", "other", "both", "fellow", "some", "many", "several", "all", "most", "main", "major", "more", "radical", "oppositional", "also", "and"]);
/** Words allowed between the members of a list. */
const GLUE = new WordSet([",", "and", "or", "mainly", "especially", "notably", "primarily", "chiefly", "as", "well", "the", "a", "an", "both", "its", "their", "other", "also", "nor", "either", "neither", "(", ")", "with", "fellow", "various", "several", "'s", "/", "-", "then", "»", "«", "\"", "“", "”", "‘", "’"]);
/** Words that stop the search for an object. */
const STOP = new WordSet([".", ";", ":", "due", "owing", "thanks", "which", "who", "whom", "whose", "because", "but", "while", "although", "whereas", "when", "where", "so", "thus", "hence", "if", "unless", "however", "instead", "?", "!"]);
const NEGATIONS = new WordSet(["not", "no", "never", "neither", "nor", "without", "cannot", "lack", "lacked", "lacks", "lacking", "absence", "failed", "fail", "unable", "n't", "none", "hardly", "barely"]);

const POSSESSIVE = /^(?:its|their)$/i;

/** True when an entity token reads "its" or "their" (any case): only a token of 3 or 5 characters is sliced and tested. */
function isPossessive(s: SentenceTokens, t: EntityToken): boolean {
  const n = t.end - t.start;
  return (n === 3 || n === 5) && POSSESSIVE.test(s.text.slice(t.start, t.end));
}
/** Place adjectives inside a list ("and the South Korean FKTU", "the Thailand-based Focus"): a whole word of the set, or /^\w+-based$/. */
const ADJECTIVE_WORDS = new WordSet(["south", "north", "east", "west", ...Object.keys(NATIONALITIES)]);
const BASED = /^\w+-based$/;

function isAdjective(word: string): boolean {
  return ADJECTIVE_WORDS.has(word) || (word.endsWith("-based") && BASED.test(word));
}

/** Token indices that a list or an object search must not cross (a Set, or any lookup like it). */
export interface IndexSet {
  has(i: number): boolean;
}

/** A run of entity tokens forming one list; `ids` in order, de-duplicated. */
export interface EntityGroup {
  first: number;
  last: number;
  ids: string[];
  anaphoric: boolean;
}

const RELATIVE = new Set(["which", "who", "whom", "where", "whereby"]);

/** True when an entity token of the sentence stands for an entity with this label. */
export function hasLabel(ctx: ExtractionContext, s: SentenceTokens, label: string): boolean {
  for (const t of s.tokens) {
    if (t.kind !== "E") continue;
    for (const id of t.ids) if (ctx.labelOf(id) === label) return true;
  }
  return false;
}

/** Index of the first token of the clause containing token `i`. */
export function clauseStart(s: SentenceTokens, i: number): number {
  return clauseBoundary(s, i).start;
}

/**
 * The clause containing token `i`, and whether it is a relative clause that
 * token `i` stands inside ("the process by which a CSO intensifies its
 * pressure": no comma between "which" and the cue).
 */
export function clauseBoundary(s: SentenceTokens, i: number): { start: number; relative: boolean } {
  if (s !== memoSentence) {
    memoSentence = s;
    memo = allClauseBoundaries(s);
  }
  return (memo[i] ??= findClauseBoundary(s, i));
}

/**
 * The answers of the last sentence asked about (the rules finish one sentence before the next). Kept here, not
 * on the sentence: a property added to some sentences gives them a second shape, and every rule's reads of
 * `tokens` then check two.
 */
let memoSentence: SentenceTokens | undefined;
let memo: Array<{ start: number; relative: boolean } | undefined> = [];

/** What a word means to clause boundaries (the sets are disjoint): one lookup instead of one per set. */
const COMMA = 1;
const HARD_WORD = 2;
const SOFT_WORD = 3;
const RELATIVE_WORD = 4;
const BOUNDARY_WORDS = new Map<string, number>([[",", COMMA], ...[...HARD].map((w) => [w, HARD_WORD] as const), ...[...SOFT].map((w) => [w, SOFT_WORD] as const), ...[...RELATIVE].map((w) => [w, RELATIVE_WORD] as const)]);

const SENTENCE_START = { start: 0, relative: false };

/** The words of BOUNDARY_WORDS, to turn the others away cheaply (most words are none of them). */
const BOUNDARY_SET = new WordSet(BOUNDARY_WORDS.keys());

/** BOUNDARY_WORDS.get(w) (the comma, the commonest, first). */
function boundaryRole(w: string): number | undefined {
  if (w === ",") return COMMA;
  return BOUNDARY_SET.has(w) ? BOUNDARY_WORDS.get(w) : undefined;
}

/**
 * findClauseBoundary's answer for every token index 0..n in one pass from the
 * left (tokens with the same answer share one object): the answer for i is the
 * last boundary before i, a relative word counting only when no comma follows it.
 */
function allClauseBoundaries(s: SentenceTokens): Array<{ start: number; relative: boolean }> {
  const tokens = s.tokens;
  const out: Array<{ start: number; relative: boolean }> = new Array(tokens.length + 1);
  let boundary = -1;
  let boundaryAnswer = SENTENCE_START;
  let relative = -1;
  let relativeAnswer = SENTENCE_START;
  let comma = -1;
  for (let i = 0; ; i++) {
    out[i] = relative > boundary && relative > comma ? relativeAnswer : boundaryAnswer;
    if (i === tokens.length) return out;
    const t = tokens[i]!;
    if (t.kind !== "W") continue;
    const role = boundaryRole(t.text);
    if (role === undefined) continue;
    if (role === COMMA) comma = i;
    else if (role === HARD_WORD) {
      boundary = i;
      boundaryAnswer = { start: i + 1, relative: false };
    } else if (role === SOFT_WORD) {
      if (i > 0 && tokens[i - 1]!.kind === "W" && (tokens[i - 1] as { text: string }).text === ",") {
        boundary = i;
        boundaryAnswer = { start: i, relative: false };
      }
    } else {
      relative = i;
      relativeAnswer = { start: i + 1, relative: true };
    }
  }
}

function findClauseBoundary(s: SentenceTokens, i: number): { start: number; relative: boolean } {
  const tokens = s.tokens;
  let comma = false;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind !== "W") continue;
    const role = boundaryRole(t.text);
    if (role === undefined) continue;
    if (role === COMMA) comma = true;
    else if (role === HARD_WORD) return { start: j + 1, relative: false };
    // A coordinated clause starts at its conjunction (kept inside, so "neither" can negate it).
    else if (role === SOFT_WORD) {
      if (j > 0 && tokens[j - 1]!.kind === "W" && (tokens[j - 1] as { text: string }).text === ",") return { start: j, relative: false };
    } else if (!comma) return { start: j + 1, relative: true };
  }
  return { start: 0, relative: false };
}

/** The index one past the end of the clause containing token `i`. */
export function clauseEnd(s: SentenceTokens, i: number): number {
  for (let j = i; j < s.tokens.length; j++) {
    const t = s.tokens[j];
    if (t.kind === "W" && (HARD.has(t.text) || t.text === ".")) return j;
  }
  return s.tokens.length;
}

/**
 * The list that starts at entity token `i`: entities joined by commas, "and",
 * "or", "as well as", articles, parentheses ("X (ACRONYM)"), up to `limit`.
 */
export function groupAt(s: SentenceTokens, i: number, limit = s.tokens.length, stops?: IndexSet): EntityGroup {
  const first = i;
  let last = i;
  // The token's own list until a second token joins (no rule changes a group's ids, nor a token's).
  let ids = (s.tokens[i] as EntityToken).ids;
  let own = true;
  let anaphoric = (s.tokens[i] as EntityToken).via === "anaphor";
  let j = i + 1;
  while (j < limit) {
    let k = j;
    let separated = false;
    while (k < limit && s.tokens[k].kind === "W" && (GLUE.has((s.tokens[k] as { text: string }).text) || isAdjective((s.tokens[k] as { text: string }).text)) && !stops?.has(k)) {
      const w = (s.tokens[k] as { text: string }).text;
      if (w === "," || w === "and" || w === "or" || w === "nor" || w === "(" || w === "/") separated = true;
      k++;
    }
    // "… and government agencies (mainly the Ministry of Justice)": the named example stands for the class.
    if (separated && k < limit && s.tokens[k].kind === "W") {
      let w = k;
      while (w < limit && w < k + 3 && s.tokens[w].kind === "W" && /^[a-z-]+$/.test((s.tokens[w] as { text: string }).text)) w++;
      const open = s.tokens[w];
      const hint = s.tokens[w + 1];
      if (w > k && open?.kind === "W" && open.text === "(" && hint?.kind === "W" && /^(?:mainly|especially|notably|primarily|chiefly|including|e\.g|namely)$/.test(hint.text)) {
        k = w + 2;
        while (k < limit && s.tokens[k].kind === "W" && GLUE.has((s.tokens[k] as { text: string }).text)) k++;
      }
    }
    if (k < limit && s.tokens[k].kind === "E" && !stops?.has(k) && (separated || k === j)) {
      const t = s.tokens[k] as EntityToken;
      for (const id of t.ids)
        if (!ids.includes(id)) {
          if (own) {
            ids = ids.slice();
            own = false;
          }
          ids.push(id);
        }
      anaphoric ||= t.via === "anaphor";
      last = k;
      j = k + 1;
    } else break;
  }
  return { first, last, ids, anaphoric };
}

/** True when entity token `i` is governed by a preposition ("of X", "with the X"). */
export function afterPreposition(s: SentenceTokens, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const t = s.tokens[j];
    if (t.kind === "E") return false;
    if (DETERMINERS.has(t.text) || t.text.endsWith("-based") || (nationalEnding(t.text) && /^[a-z]+(?:an|ese|ish|ino|ai)$/.test(t.text))) continue;
    if (t.text === "of" && j > 0 && s.tokens[j - 1].kind === "W" && QUANTIFIERS.has((s.tokens[j - 1] as { text: string }).text)) return false;
    if ((t.text === "like" || (t.text === "as" && wordAt(s, j - 1) === "such")) && exampleOfSubject(s, t.text === "as" ? j - 1 : j)) return false;
    return PREPOSITIONS.has(t.text);
  }
  return false;
}

/** True when a word ends as /(?:an|ese|ish|ino|ai)$/ does (a cheap test before the whole pattern). */
function nationalEnding(w: string): boolean {
  const n = w.length;
  if (n < 3) return false;
  const last = w.charCodeAt(n - 1);
  if (last === 0x6e) return w.charCodeAt(n - 2) === 0x61; // an
  if (last === 0x65) return w.endsWith("ese");
  if (last === 0x68) return w.endsWith("ish");
  if (last === 0x6f) return w.endsWith("ino");
  if (last === 0x69) return w.charCodeAt(n - 2) === 0x61; // ai
  return false;
}

/** Entity groups in [from, to), left to right. */
export function groupsIn(s: SentenceTokens, from: number, to: number): EntityGroup[] {
  const out: EntityGroup[] = [];
  for (let i = from; i < to; i++) {
    if (s.tokens[i].kind !== "E") continue;
    const g = groupAt(s, i, to);
    out.push(g);
    i = g.last;
  }
  return out;
}

/** The ids of the entity groups in [from, to), in order (groupsIn's ids, flattened). */
export function idsIn(s: SentenceTokens, from: number, to: number): string[] {
  const ids: string[] = [];
  for (const g of groupsIn(s, from, to)) for (const id of g.ids) ids.push(id);
  return ids;
}

/**
 * The subject of a cue starting at token `a`: the first entity group of its
 * clause that is not governed by a preposition; else the first such group
 * earlier in the sentence (the subject carries across "and" clauses).
 */
export function subjectBefore(s: SentenceTokens, a: number, accept: (g: EntityGroup) => boolean = () => true): { group: EntityGroup; carried: boolean } | null {
  const { start, relative } = clauseBoundary(s, a);
  const free = firstFreeGroup(s, start, a, accept);
  if (free) return { group: free, carried: false };
  // The subject carries into a clause joined by a conjunction ("…, but could not participate"), not across ";".
  const opener = s.tokens[start];
  if (relative || (opener?.kind === "W" && NO_CARRY.has(opener.text)) || (start > 0 && s.tokens[start - 1]?.kind === "W" && HARD.has((s.tokens[start - 1] as { text: string }).text))) return null;
  const earlier = firstFreeGroup(s, 0, start, accept);
  if (earlier) return { group: earlier, carried: true };
  return null;
}

/** The first group of groupsIn(s, from, to) that `accept`s and is not governed by a preposition (groups after it are not built). */
export function firstFreeGroup(s: SentenceTokens, from: number, to: number, accept: (g: EntityGroup) => boolean): EntityGroup | undefined {
  for (let i = from; i < to; i++) {
    if (s.tokens[i]!.kind !== "E") continue;
    const g = groupAt(s, i, to);
    if (accept(g) && !afterPreposition(s, g.first)) return g;
    i = g.last;
  }
  return undefined;
}

/** The entity group closest before token `a` in its clause (for passive patients); possessive pronouns are not patients. */
export function nearestBefore(s: SentenceTokens, a: number, accept: (g: EntityGroup) => boolean = () => true): EntityGroup | null {
  const groups = groupsIn(s, clauseStart(s, a), a).filter((g) => {
    const t = s.tokens[g.first];
    return accept(g) && !(t.kind === "E" && t.via === "anaphor" && isPossessive(s, t));
  });
  return groups.length ? groups[groups.length - 1] : null;
}

/**
 * The object list after token `b`: the first entity group within `window`
 * words, not crossing a clause stop or another cue (`stops`).
 */
export function objectsAfter(s: SentenceTokens, b: number, stops: IndexSet, window = 7): { group: EntityGroup; skipped: number } | null {
  let skipped = 0;
  for (let i = b; i < s.tokens.length; i++) {
    const t: Token = s.tokens[i];
    // A possessive pronoun ("their networking activities") is a determiner, not an object.
    if (t.kind === "E" && t.via === "anaphor" && isPossessive(s, t)) continue;
    if (t.kind === "E") return { group: groupAt(s, i, s.tokens.length, stops), skipped };
    if (STOP.has(t.text) || stops.has(i)) return null;
    if (t.text !== "," && ++skipped > window) return null;
  }
  return null;
}

/** True when a negation word stands in tokens [from, to) ("not only" excepted). */
export function negatedIn(s: SentenceTokens, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < to; i++) {
    const t = s.tokens[i];
    if (t.kind !== "W" || !NEGATIONS.has(t.text)) continue;
    const next = s.tokens[i + 1];
    if (t.text === "not" && next?.kind === "W" && (next.text === "only" || next.text === "necessarily" || next.text === "just")) continue;
    return true;
  }
  return false;
}

function wordAt(s: SentenceTokens, i: number): string | undefined {
  const t = s.tokens[i];
  return t?.kind === "W" ? t.text : undefined;
}

/**
 * "More radical trade union organizations like Zenrokyo and Zenroren were
 * excluded": the examples after "like" / "such as" stand for a plural class
 * noun that opens its clause, so they are its subject. `j` is the index of
 * "like" or "such".
 */
function exampleOfSubject(s: SentenceTokens, j: number): boolean {
  const head = wordAt(s, j - 1);
  if (!head || !/^[a-z-]{3,}s$/.test(head) || PREPOSITIONS.has(head)) return false;
  for (let k = j - 2, n = 0; ; k--, n++) {
    const w = k >= 0 ? wordAt(s, k) : ",";
    if (w === undefined) return false;
    if (w === "," || HARD.has(w) || SOFT.has(w) || (k < 0)) return true;
    if (n >= 5 || PREPOSITIONS.has(w) || !/^[a-z-]+$/.test(w) || /^(?:is|are|was|were|be|been|has|have|had|do|does|did)$/.test(w)) return false;
  }
}
