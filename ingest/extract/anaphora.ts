// Reference across sentences: "it", "its", "they", "the confederation", "this
// trade union", "the group", "the government" resolve to the most recent
// compatible entity, so that the sentences after "Zenrokyo is …" attach to
// Zenrokyo. Pronouns follow the discourse subject; descriptions follow the
// most recent entity whose kind fits the noun.
import type { NodeKind } from "../../graph/schema.js";
import type { ExtractionContext, Mention } from "./context.js";

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

const PATTERN = /\b(?:(its|it|they|their|them)|(?:the|this|that|these)\s+(?:(?:trade\s+union|labou?r|national|main|oppositional|same|latter|former|japanese|korean|umbrella|regional)\s+)?(confederation|union|federation|centre|center|group|organi[sz]ation|network|association|council|movement|party|ministry|agency|government|institute|forum)(s)?)\b(?!\s+(?:is|was|seems|appears|would|will|should|may|might|must)\s+(?:to|not|possible|necessary|difficult|clear|likely|that)\b)/gi;
const EXPLETIVE = /^\s+(?:is|was|seems|appears|has been|had been|would be|will be|may be|might be|must be)\b/i;

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
  PATTERN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PATTERN.exec(sentence))) {
    const start = span.start + m.index;
    const end = start + m[0].length;
    if (taken.some((t) => t.start < end && start < t.end)) continue;
    // Entities named earlier in this sentence come first.
    const inSentence = taken.filter((t) => t.end <= start).map((t) => t.id);
    let ids: string[] = [];
    if (m[1]) {
      const word = m[1].toLowerCase();
      if ((word === "it") && EXPLETIVE.test(sentence.slice(m.index + m[0].length))) continue;
      const orgs = (list: string[]) => list.filter((id) => ctx.labelOf(id) === "Organization");
      const own = orgs(inSentence);
      const initial = !/[\p{L}]/u.test(sentence.slice(0, m.index).replace(/^\W*/, "")) ;
      const recent = memory.age <= (initial ? 1 : 0) ? orgs(memory.subject) : [];
      const plural = (list: string[]) => list.length >= 2 || list.some((id) => ctx.entities.get(id)?.attributes.collective);
      if (word === "it" || word === "its") ids = own.length ? [own[0]] : recent.length === 1 && !plural(recent) ? recent : [];
      else ids = own.length && plural(own) ? own : plural(recent) ? recent : [];
    } else {
      const noun = m[2].toLowerCase();
      const kinds = NOUN_KINDS[noun] ?? ANY_ORG;
      const plural = !!m[3];
      const pool = [...memory.recent, ...inSentence];
      const fits = (id: string) => {
        const kind = ctx.kindOf(id);
        const entity = ctx.entities.get(id);
        return !!kind && kinds.includes(kind) && (plural || !entity?.attributes.collective);
      };
      for (let i = pool.length - 1; i >= 0 && ids.length < (plural ? 4 : 1); i--) if (fits(pool[i]) && !ids.includes(pool[i])) ids.push(pool[i]);
      if (noun === "government") {
        // "the (national) government" is the state, not the last ministry named.
        const state = defaultGovernment() ?? pool.filter((id) => id.startsWith("government-")).pop();
        ids = state ? [state] : [];
      }
    }
    if (ids.length) out.push({ start, end, id: ids[0], ids, via: "anaphor" });
  }
  return out;
}

/** Remembers a sentence's mentions (and its subject) for the next ones. */
export function rememberSentence(memory: DiscourseMemory, mentions: string[], subject: string[] | undefined): void {
  memory.recent.push(...mentions);
  if (memory.recent.length > 60) memory.recent.splice(0, memory.recent.length - 60);
  memory.age++;
  if (subject?.length) {
    memory.subject = subject;
    memory.age = 0;
  }
}
