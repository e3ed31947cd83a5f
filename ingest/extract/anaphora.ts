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

const PATTERN = /\b(?:(its|it|they|their|them)|((?:the\s+)?state(?:\s+authorities)?|the\s+(?:national\s+)?government)(?![A-Za-z-])|(?:the\s+)?(organi[sz]ations)(?!\s+(?:in|abroad|within|all|overseas|with\s+salaried|such)\b)|(?:the|this|that|these)\s+(?:(?:trade\s+union|labou?r|national|main|oppositional|same|latter|former|japanese|korean|umbrella|regional)\s+)?(confederation|union|federation|centre|center|group|organi[sz]ation|network|association|council|movement|party|ministry|agency|government|institute|forum)(s)?)\b(?!\s+(?:is|was|seems|appears|would|will|should|may|might|must)\s+(?:to|not|possible|necessary|difficult|clear|likely|that)\b)/g;
/** The words before a mention that make it the object of a preposition. */
const PREPOSED = /\b(?:in|of|on|for|from|with|to|by|at|as|like|than|between|against|into|within|among|through|via|including|such as)\s+(?:(?:the|a|an|many|other|some|several|most|its|their)\s+)*$/i;
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
  // The folded copy (lower case, same offsets) lets the pattern run without the slow case-insensitive flag.
  const folded = ctx.folded.slice(span.start, span.end);
  PATTERN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PATTERN.exec(folded))) {
    const start = span.start + m.index;
    const end = start + m[0].length;
    if (taken.some((t) => t.start < end && start < t.end)) continue;
    // Entities named earlier in this sentence come first (not those after a preposition: "as many other X").
    // Computed only for the branches that need them (most matches are dropped before).
    let earlierMemo: Mention[] | undefined;
    const earlier = () => (earlierMemo ??= [...taken, ...out].filter((t) => t.end <= start).sort((a, b) => a.start - b.start));
    const inSentence = () => earlier().map((t) => t.id);
    const free = () => earlier().filter((t) => !PREPOSED.test(ctx.text.slice(Math.max(span.start, t.start - 24), t.start))).map((t) => t.id);
    let ids: string[] = [];
    // A bare "organizations" after a noun is a compound ("support organizations"), not a reference.
    if (m[2] && !m[1]) {
      // "the state", "state authorities", "the national government": the state of the document's country.
      if (/^state$/i.test(m[2])) continue;
      const gov = defaultGovernment();
      if (gov) out.push({ start, end, id: gov, ids: [gov], via: "anaphor" });
      continue;
    }
    if (m[3] && !m[1] && !/^the\s/i.test(m[0]) && /[\p{L}]\s$/u.test(sentence.slice(Math.max(0, m.index - 2), m.index)) && !/\b(?:while|whereas|that|and|but|because|although|if|when|nor|neither|both|most|many|some|all|these|those|between)\s$/i.test(sentence.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (m[3] && !m[1]) {
      // "the organizations": the class of organisations the text is about (the last collective named).
      const pool = [...memory.recent, ...inSentence()];
      const topic = memory.subject.find((id) => ctx.entities.get(id)?.attributes.collective && ["ngo", "union", "movement"].includes(ctx.kindOf(id) ?? ""));
      if (topic && memory.age <= 3) ids = [topic];
      else for (let i = pool.length - 1; i >= 0; i--) {
        const e = ctx.entities.get(pool[i]);
        if (e?.attributes.collective && ["ngo", "union", "movement"].includes(e.attributes.kind)) {
          ids = [pool[i]];
          break;
        }
      }
    } else if (m[1]) {
      const word = m[1].toLowerCase();
      if ((word === "it") && EXPLETIVE.test(sentence.slice(m.index + m[0].length))) continue;
      const orgs = (list: string[]) => list.filter((id) => ctx.labelOf(id) === "Organization");
      const own = orgs(free());
      const recent = memory.age <= 1 ? orgs(memory.subject) : [];
      const plural = (list: string[]) => list.length >= 2 || list.some((id) => ctx.entities.get(id)?.attributes.collective);
      if (word === "it" || word === "its") ids = own.length ? [own[0]] : recent.length === 1 && !plural(recent) ? recent : [];
      // A bare class noun before the pronoun ("For CSOs … where they …") is its antecedent: no entity.
      else if (!own.length && /\b(?:CSOs|NGOs|organi[sz]ations|groups|unions|movements|actors|states)\b/.test(sentence.slice(0, m.index))) ids = [];
      else ids = own.length ? [own[0]] : plural(recent) ? recent : [];
    } else {
      // "the main confederation of trade unions, the European Trade Union Confederation (ETUC)": the apposition names it.
      const rest = sentence.slice(m.index + m[0].length, m.index + m[0].length + 60);
      const appos = /^(?:\s+of\s+[\w\s'’-]{0,40}?)?\s*,\s*(?:the\s+)?/.exec(rest);
      if (appos && taken.some((t) => t.start === start + m![0].length + appos[0].length)) continue;
      const noun = m[4].toLowerCase();
      const kinds = NOUN_KINDS[noun] ?? ANY_ORG;
      const plural = !!m[5];
      const pool = [...memory.recent, ...inSentence()];
      const fits = (id: string) => {
        const kind = ctx.kindOf(id);
        const entity = ctx.entities.get(id);
        return !!kind && kinds.includes(kind) && (plural || !entity?.attributes.collective);
      };
      if (plural) {
        // "these confederations": the last subject list, or the class the text is about.
        const subjectFits = memory.age <= 3 ? memory.subject.filter(fits) : [];
        if (subjectFits.length >= 2) ids = subjectFits;
        else {
          for (let i = pool.length - 1; i >= 0; i--)
            if (fits(pool[i]) && ctx.entities.get(pool[i])?.attributes.collective) {
              ids = [pool[i]];
              break;
            }
        }
      } else {
        for (let i = pool.length - 1; i >= 0 && !ids.length; i--) if (fits(pool[i])) ids.push(pool[i]);
      }
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
  for (const id of mentions) memory.recent.push(id);
  if (memory.recent.length > 60) memory.recent.splice(0, memory.recent.length - 60);
  memory.age++;
  if (subject?.length) {
    memory.subject = subject;
    memory.age = 0;
  }
}
