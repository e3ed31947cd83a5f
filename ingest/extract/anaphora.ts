// Reference across sentences: "it", "its", "they", "the confederation", "this
// trade union", "the group", "the government" resolve to the most recent
// compatible entity, so that the sentences after "Zenrokyo is …" attach to
// Zenrokyo. Pronouns follow the discourse subject; descriptions follow the
// most recent entity whose kind fits the noun.
import type { NodeKind } from "../../graph/schema.js";
import { overlapsAny, type ExtractionContext, type Mention } from "./context.js";
import { isAsciiWordCode, isSpaceCode } from "./char-classes.js";

/** What reference resolution remembers between sentences. */
export interface DiscourseMemory {
  /** Subject group of the last sentence that had one. */
  subject: string[];
  /** Sentences since that subject was set (pronouns reach back at most two). */
  age: number;
  /** Recent entity mentions, oldest first. */
  recent: string[];
  /**
   * The reference pattern's matches in the whole folded text `matchText`, those that start before
   * `matchStop` (the end of the last sentence), and the first one not before the current sentence
   * (sentences come in order): a sentence with clean edges takes its matches from them (readsAlone).
   */
  matches?: RegExpExecArray[];
  matchText?: string;
  matchStop?: number;
  matchAt?: number;
  /**
   * Per sentence of `edgeSentences` (ctx.sentences when the matches were found): 1 when its edges in the folded
   * text pass readsAlone's character tests, and the index of the current sentence.
   */
  edges?: Uint8Array;
  edgeSentences?: ReadonlyArray<{ start: number; end: number }>;
  edgeAt?: number;
}

const ANY_ORG: NodeKind[] = ["union", "federation", "confederation", "global_union", "ngo", "movement", "business", "party", "research"];
const NOUN_KINDS: Record<string, NodeKind[]> = {
  confederation: ["confederation", "federation"],
  union: ["union", "federation", "confederation"],
  federation: ["federation", "confederation"],
  centre: ["confederation", "ngo"],
  center: ["confederation", "ngo"],
  group: ANY_ORG,
  organization: ANY_ORG,
  organisation: ANY_ORG,
  network: ["ngo", "movement", "global_union"],
  association: ["ngo", "business", "research"],
  council: ANY_ORG,
  movement: ["movement", "ngo"],
  party: ["party"],
  ministry: ["government"],
  agency: ["government"],
  government: ["government"],
  institute: ["research"],
  forum: ["igo", "movement"],
};

const PATTERN = /\b(?:(its|it|they|their|them)|((?:the\s+)?state(?:\s+authorities)?|the\s+(?:national\s+)?government)(?![A-Za-z-])|(?:the\s+)?(organi[sz]ations)(?!\s+(?:in|abroad|within|all|overseas|with\s+salaried|such)\b)|(?:the|this|that|these)\s+(?:(?:trade\s+union|labou?r|national|main|oppositional|same|latter|former|japanese|korean|umbrella|regional)\s+)?(confederation|union|federation|centre|center|group|organi[sz]ation|network|association|council|movement|party|ministry|agency|government|institute|forum)(s)?)\b(?!\s+(?:is|was|seems|appears|would|will|should|may|might|must)\s+(?:to|not|possible|necessary|difficult|clear|likely|that)\b)/g;
/** The words before a mention that make it the object of a preposition. */
const PREPOSED = /\b(?:in|of|on|for|from|with|to|by|at|as|like|than|between|against|into|within|among|through|via|including|such as)\s+(?:(?:the|a|an|many|other|some|several|most|its|their)\s+)*$/i;
const EXPLETIVE = /^\s+(?:is|was|seems|appears|has been|had been|would be|will be|may be|might be|must be)\b/i;
/** Before a bare "organizations": a letter and a space (a compound such as "support organizations")… */
const AFTER_LETTER = /[\p{L}]\s$/u;
/** …unless the word is one that may stand before a noun phrase. */
const FREE_BEFORE = /\b(?:while|whereas|that|and|but|because|although|if|when|nor|neither|both|most|many|some|all|these|those|between)\s$/i;
const THE = /^the\s/i;
const STATE = /^state$/i;
/** A class noun before a plural pronoun (its antecedent, so no entity). */
const CLASS_NOUN = /\b(?:CSOs|NGOs|organi[sz]ations|groups|unions|movements|actors|states)\b/;
/** After a description: "of …" and a comma, before an apposition. */
const APPOSITION = /^(?:\s+of\s+[\w\s'’-]{0,40}?)?\s*,\s*(?:the\s+)?/;
/** Kinds of the collectives "the organizations" stands for. */
const COLLECTIVE_KINDS = ["ngo", "union", "movement"];

/**
 * The mentions among `a` then `b` that end by `start`, as a stable sort of them by start
 * would order them: both lists are sorted by start, so they are merged (ties to `a`).
 */
function mentionsBefore(a: Mention[], b: Mention[], start: number): Mention[] {
  const list: Mention[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a[i]!.end > start) i++;
    while (j < b.length && b[j]!.end > start) j++;
    if (i === a.length) {
      if (j === b.length) return list;
      list.push(b[j++]!);
    } else if (j === b.length || a[i]!.start <= b[j]!.start) list.push(a[i++]!);
    else list.push(b[j++]!);
  }
}

/** The ids of `list` that stand for organisations. */
function organisations(ctx: ExtractionContext, list: string[]): string[] {
  const out: string[] = [];
  for (const id of list) if (ctx.labelOf(id) === "Organization") out.push(id);
  return out;
}

/** True when the ids are several, or one collective. */
function isPlural(ctx: ExtractionContext, list: string[]): boolean {
  if (list.length >= 2) return true;
  for (const id of list) if (ctx.entities.get(id)?.attributes.collective) return true;
  return false;
}

/** No ids (shared: never added to). */
const NO_IDS: string[] = [];
/** What findReferences gives a sentence without references (callers only read it). */
const NO_REFERENCES: Array<Mention & { ids: string[] }> = [];

/** The reference pattern's matches in `text` (a folded text) that start before `stop`, in order. */
export function referenceMatches(text: string, stop = text.length): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  PATTERN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PATTERN.exec(text)) && m.index < stop) out.push(m);
  return out;
}

/**
 * True when PATTERN run on the sentence `span` of the folded `text` alone finds exactly the matches the
 * whole text's run finds inside it (at the same offsets, with the same groups). PATTERN consumes only
 * ASCII lower-case letters and white space, and looks back only by \b. So when the character before the
 * sentence is no word character, its last character neither a letter nor a space (nothing after it is
 * ever read, by the sentence alone or by the whole text), and no match of the whole text (`before`: the
 * last one starting before the sentence, `lastInside`: the last one starting inside it) runs across an
 * edge, both runs try the same places with the same answers.
 */
export function readsAlone(text: string, span: { start: number; end: number }, before: RegExpExecArray | undefined, lastInside: RegExpExecArray | undefined): boolean {
  return edgesAlone(text, span) && matchesInside(span, before, lastInside);
}

/** readsAlone's tests of the characters at the sentence's edges. */
function edgesAlone(text: string, span: { start: number; end: number }): boolean {
  if (span.end <= span.start) return false;
  if (span.start > 0 && isAsciiWordCode(text.charCodeAt(span.start - 1))) return false;
  const c = text.charCodeAt(span.end - 1);
  return !(isAsciiWordCode(c) || c === 0x2d || isSpaceCode(c));
}

/** readsAlone's tests of the matches: none runs across an edge. */
function matchesInside(span: { start: number; end: number }, before: RegExpExecArray | undefined, lastInside: RegExpExecArray | undefined): boolean {
  if (before && before.index + before[0].length > span.start) return false;
  return !lastInside || lastInside.index + lastInside[0].length <= span.end;
}

/**
 * edgesAlone for every sentence, in one loop when the document is first read: sentence by sentence, each
 * sentence's edge characters were the first bytes of the folded text read in a while (a cache miss each,
 * ~70 ms per 50 MB); in one loop the reads overlap.
 */
function edgesOfSentences(text: string, sentences: ReadonlyArray<{ start: number; end: number }>): Uint8Array {
  const out = new Uint8Array(sentences.length);
  for (let i = 0; i < sentences.length; i++) if (edgesAlone(text, sentences[i]!)) out[i] = 1;
  return out;
}

/**
 * Reference mentions in one sentence, resolved.
 * @param taken the sentence's other mentions (references never overlap them)
 * @param sentenceSubject ids of the sentence's own subject, if one precedes
 * @param defaultGovernment the state of the document's main country
 */
export function findReferences(
  ctx: ExtractionContext,
  span: { start: number; end: number },
  taken: Mention[],
  memory: DiscourseMemory,
  defaultGovernment: () => string | undefined,
): Array<Mention & { ids: string[] }> {
  // The folded copy (lower case, same offsets) lets the pattern run without the slow case-insensitive flag.
  const whole = ctx.folded;
  if (memory.matchText !== whole) {
    memory.matchText = whole;
    const last = ctx.sentences[ctx.sentences.length - 1];
    memory.matchStop = last ? last.end : 0;
    memory.matches = referenceMatches(whole, memory.matchStop);
    memory.matchAt = 0;
    memory.edgeSentences = undefined;
  }
  // The edge tests of this sentence, from the per-document table when it is one of ctx.sentences (they come in order).
  const sentences = ctx.sentences;
  if (memory.edgeSentences !== sentences) {
    memory.edgeSentences = sentences;
    memory.edges = edgesOfSentences(whole, sentences);
    memory.edgeAt = 0;
  }
  let e = memory.edgeAt!;
  if (sentences[e] !== span && sentences[e + 1] === span) e++;
  let edges: boolean;
  if (sentences[e] === span && e < memory.edges!.length) {
    memory.edgeAt = e;
    edges = memory.edges![e] === 1;
  } else edges = edgesAlone(whole, span);
  const matches = memory.matches!;
  let first = memory.matchAt!;
  // (a sentence out of order starts the search over)
  if (first > 0 && matches[first - 1]!.index >= span.start) first = 0;
  while (first < matches.length && matches[first]!.index < span.start) first++;
  memory.matchAt = first;
  let stop = first;
  while (stop < matches.length && matches[stop]!.index < span.end) stop++;
  const direct = span.end <= memory.matchStop! && edges && matchesInside(span, first > 0 ? matches[first - 1] : undefined, stop > first ? matches[stop - 1] : undefined);
  if (direct && stop === first) return NO_REFERENCES;
  const sentence = ctx.text.slice(span.start, span.end);
  const out: Array<Mention & { ids: string[] }> = [];
  const folded = direct ? "" : whole.slice(span.start, span.end);
  PATTERN.lastIndex = 0;
  let k = first;
  for (;;) {
    // `at`: the match's offset in the sentence
    let m: RegExpExecArray | null;
    let at: number;
    if (direct) {
      if (k === stop) break;
      m = matches[k++]!;
      at = m.index - span.start;
    } else {
      m = PATTERN.exec(folded);
      if (!m) break;
      at = m.index;
    }
    const start = span.start + at;
    const end = start + m[0].length;
    if (overlapsAny(taken, start, end)) continue;
    // Entities named earlier in this sentence come first (not those after a preposition: "as many other X").
    // Computed only for the branches that need them (most matches are dropped before).
    // (a new list wherever ids are found; most matches find none)
    let ids: string[] = NO_IDS;
    // A bare "organizations" after a noun is a compound ("support organizations"), not a reference.
    if (m[2] && !m[1]) {
      // "the state", "state authorities", "the national government": the state of the document's country.
      if (STATE.test(m[2])) continue;
      const gov = defaultGovernment();
      if (gov) out.push({ start, end, id: gov, ids: [gov], via: "anaphor" });
      continue;
    }
    if (m[3] && !m[1] && !THE.test(m[0]) && AFTER_LETTER.test(sentence.slice(Math.max(0, at - 2), at)) && !FREE_BEFORE.test(sentence.slice(Math.max(0, at - 12), at))) continue;
    if (m[3] && !m[1]) {
      // "the organizations": the class of organisations the text is about (the last collective named).
      let topic: string | undefined;
      for (const id of memory.subject)
        if (ctx.entities.get(id)?.attributes.collective && COLLECTIVE_KINDS.includes(ctx.kindOf(id) ?? "")) {
          topic = id;
          break;
        }
      if (topic && memory.age <= 3) ids = [topic];
      else {
        // The pool is the remembered mentions, then this sentence's: searched from its end.
        const here = mentionsBefore(taken, out, start);
        const recent = memory.recent;
        for (let i = recent.length + here.length - 1; i >= 0; i--) {
          const id = i >= recent.length ? here[i - recent.length].id : recent[i];
          const e = ctx.entities.get(id);
          if (e?.attributes.collective && COLLECTIVE_KINDS.includes(e.attributes.kind)) {
            ids = [id];
            break;
          }
        }
      }
    } else if (m[1]) {
      // (the folded copy is lower case: the pronoun as matched)
      const word = m[1];
      if (word === "it" && EXPLETIVE.test(sentence.slice(at + m[0].length))) continue;
      const own: string[] = [];
      for (const t of mentionsBefore(taken, out, start))
        if (ctx.labelOf(t.id) === "Organization" && !PREPOSED.test(ctx.text.slice(Math.max(span.start, t.start - 24), t.start))) own.push(t.id);
      const recent = memory.age <= 1 ? organisations(ctx, memory.subject) : [];
      if (word === "it" || word === "its") ids = own.length ? [own[0]] : recent.length === 1 && !isPlural(ctx, recent) ? recent : [];
      // A bare class noun before the pronoun ("For CSOs … where they …") is its antecedent: no entity.
      else if (!own.length && CLASS_NOUN.test(sentence.slice(0, at))) ids = [];
      else ids = own.length ? [own[0]] : isPlural(ctx, recent) ? recent : [];
    } else {
      // "the main confederation of trade unions, the European Trade Union Confederation (ETUC)": the apposition names it.
      const rest = sentence.slice(at + m[0].length, at + m[0].length + 60);
      const appos = APPOSITION.exec(rest);
      if (appos) {
        const named = start + m[0].length + appos[0].length;
        let apposed = false;
        for (const t of taken)
          if (t.start === named) {
            apposed = true;
            break;
          }
        if (apposed) continue;
      }
      // (the folded copy is lower case: the noun as matched)
      const noun = m[4];
      const kinds = NOUN_KINDS[noun] ?? ANY_ORG;
      const plural = !!m[5];
      const fits = (id: string) => {
        const kind = ctx.kindOf(id);
        const entity = ctx.entities.get(id);
        return !!kind && kinds.includes(kind) && (plural || !entity?.attributes.collective);
      };
      // The pool is the remembered mentions, then this sentence's, searched from its end.
      const here = mentionsBefore(taken, out, start);
      const recent = memory.recent;
      const size = recent.length + here.length;
      const poolAt = (i: number) => (i >= recent.length ? here[i - recent.length].id : recent[i]);
      if (plural) {
        // "these confederations": the last subject list, or the class the text is about.
        const subjectFits = memory.age <= 3 ? memory.subject.filter(fits) : [];
        if (subjectFits.length >= 2) ids = subjectFits;
        else {
          for (let i = size - 1; i >= 0; i--) {
            const id = poolAt(i);
            if (fits(id) && ctx.entities.get(id)?.attributes.collective) {
              ids = [id];
              break;
            }
          }
        }
      } else {
        for (let i = size - 1; i >= 0; i--)
          if (fits(poolAt(i))) {
            ids = [poolAt(i)];
            break;
          }
      }
      if (noun === "government") {
        // "the (national) government" is the state, not the last ministry named.
        let state = defaultGovernment();
        if (state === undefined || state === null)
          for (let i = size - 1; i >= 0; i--) {
            const id = poolAt(i);
            if (id.startsWith("government-")) {
              state = id;
              break;
            }
          }
        ids = state ? [state] : [];
      }
    }
    if (ids.length) out.push({ start, end, id: ids[0], ids, via: "anaphor" });
  }
  return out;
}

/** Remembers a sentence's mentions (and its subject) for the next ones. */
export function rememberSentence(memory: DiscourseMemory, mentions: string[], subject: string[] | undefined): void {
  for (const id of mentions) memory.recent.push(id);
  if (memory.recent.length > 60) memory.recent.splice(0, memory.recent.length - 60);
  memory.age++;
  if (subject?.length) {
    memory.subject = subject;
    memory.age = 0;
  }
}
