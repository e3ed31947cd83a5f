// Reference across sentences: "it", "its", "they", "the confederation", "this
// trade union", "the group", "the government" resolve to the most recent
// compatible entity, so that the sentences after "Zenrokyo is …" attach to
// Zenrokyo. Pronouns follow the discourse subject; descriptions follow the
// most recent entity whose kind fits the noun.
import type { NodeKind } from "../../graph/schema.js";
import { overlapsAny, type ExtractionContext, type Mention } from "./context.js";

/** What reference resolution remembers between sentences. */
export interface DiscourseMemory {
  /** Subject group of the last sentence that had one. */
  subject: string[];
  /** Sentences since that subject was set (pronouns reach back at most two). */
  age: number;
  /** Recent entity mentions, oldest first. */
  recent: string[];
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

/** The mentions among `a` then `b` that end by `start`, stably sorted by start. */
function mentionsBefore(a: Mention[], b: Mention[], start: number): Mention[] {
  const list: Mention[] = [];
  for (const t of a) if (t.end <= start) list.push(t);
  for (const t of b) if (t.end <= start) list.push(t);
  return list.sort(byStart);
}

function byStart(a: Mention, b: Mention): number {
  return a.start - b.start;
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
  const sentence = ctx.text.slice(span.start, span.end);
  const out: Array<Mention & { ids: string[] }> = [];
  // The folded copy (lower case, same offsets) lets the pattern run without the slow case-insensitive flag.
  const folded = ctx.folded.slice(span.start, span.end);
  PATTERN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PATTERN.exec(folded))) {
    const start = span.start + m.index;
    const end = start + m[0].length;
    if (overlapsAny(taken, start, end)) continue;
    // Entities named earlier in this sentence come first (not those after a preposition: "as many other X").
    // Computed only for the branches that need them (most matches are dropped before).
    let ids: string[] = [];
    // A bare "organizations" after a noun is a compound ("support organizations"), not a reference.
    if (m[2] && !m[1]) {
      // "the state", "state authorities", "the national government": the state of the document's country.
      if (STATE.test(m[2])) continue;
      const gov = defaultGovernment();
      if (gov) out.push({ start, end, id: gov, ids: [gov], via: "anaphor" });
      continue;
    }
    if (m[3] && !m[1] && !THE.test(m[0]) && AFTER_LETTER.test(sentence.slice(Math.max(0, m.index - 2), m.index)) && !FREE_BEFORE.test(sentence.slice(Math.max(0, m.index - 12), m.index))) continue;
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
      if (word === "it" && EXPLETIVE.test(sentence.slice(m.index + m[0].length))) continue;
      const own: string[] = [];
      for (const t of mentionsBefore(taken, out, start))
        if (!PREPOSED.test(ctx.text.slice(Math.max(span.start, t.start - 24), t.start)) && ctx.labelOf(t.id) === "Organization") own.push(t.id);
      const recent = memory.age <= 1 ? organisations(ctx, memory.subject) : [];
      if (word === "it" || word === "its") ids = own.length ? [own[0]] : recent.length === 1 && !isPlural(ctx, recent) ? recent : [];
      // A bare class noun before the pronoun ("For CSOs … where they …") is its antecedent: no entity.
      else if (!own.length && CLASS_NOUN.test(sentence.slice(0, m.index))) ids = [];
      else ids = own.length ? [own[0]] : isPlural(ctx, recent) ? recent : [];
    } else {
      // "the main confederation of trade unions, the European Trade Union Confederation (ETUC)": the apposition names it.
      const rest = sentence.slice(m.index + m[0].length, m.index + m[0].length + 60);
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
        for (let i = size - 1; i >= 0 && !ids.length; i--) if (fits(poolAt(i))) ids.push(poolAt(i));
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
