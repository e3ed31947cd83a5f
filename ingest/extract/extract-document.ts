// Extraction of one document: entities (codebook names, definitions, headed
// names, collective actors, people, events, references), then per sentence the
// relationship rules. Offsets are those of the text given (the normalised text);
// ingest/bundle.ts maps them back to the original.
import type { Codebook } from "../codebook.js";
import { NameMatcher } from "../name-matcher.js";
import { rememberSentence, findReferences, type DiscourseMemory } from "./anaphora.js";
import { firstFreeGroup } from "./clauses.js";
import { collectiveEntity } from "./collectives.js";
import { findClasses, findCollectives } from "./collectives.js";
import { isSpaceCode } from "./char-classes.js";
import { ExtractionContext, type Mention } from "./context.js";
import { findDefinitions } from "./definitions.js";
import { extractEventLinks } from "./event-links.js";
import { detectEvents, hasEventMention, type EventMemory } from "./events.js";
import { adjectiveOf } from "./nationality.js";
import { findOrganisations } from "./organisations.js";
import { extractRoles, findPersons } from "./persons.js";
import { extractRelations, findCues } from "./relations.js";
import { splitSentences } from "./sentences.js";
import { matchesAtStarts } from "./sticky-scan.js";
import { findParentsInNames, findSubOrgans } from "./suborgans.js";
import { lowerForTokens, tokenize, type EntityToken } from "./tokens.js";


/** What the rules found in one text. */
export interface Extraction {
  ctx: ExtractionContext;
  /** Named mentions per entity id (references not counted). */
  mentionCounts: Map<string, number>;
}

const REFERENCES = /^[#\s]*(?:\d+\s+)?(?:References|Bibliography|Works Cited|Literature Cited|Literature)\s*$/im;
/**
 * Whether REFERENCES can match a text at or after `from`, from its lower-case copy: without the u flag,
 * /i matches a letter of the pattern to ASCII letters only, which lower-case to the pattern's words in
 * lower case (a far cheaper search than the pattern's, which stops at every line start). A match starts
 * at or before its word, and lower-casing never moves a word to an earlier offset.
 */
function mayHaveReferences(lower: string, from: number): boolean {
  return lower.includes("references", from) || lower.includes("bibliography", from) || lower.includes("works cited", from) || lower.includes("literature", from);
}

/** How each heading of REFERENCES ends, in lower case ("Works Cited" and "Literature Cited" end in "cited"). */
const HEADING_ENDS = ["references", "bibliography", "cited", "literature"];

/**
 * mayHaveReferences, or a weaker test (true more often, never false where it is true) read at line ends
 * only. A match of REFERENCES ends its heading word, then \s*, then a line end: a "\n" or the end of the
 * text when `breaks` says the text has no other line break. So walking back over spaces from the first
 * "\n" after the word (or the end) lands on the word's last letter. The four searches of the last two
 * thirds cost ~80 ms per 50 MB; the few thousand line ends of a document are read in a fraction of that.
 * @param breaks FoldNotes.breaks: the lowered text holds "\r", U+2028 or U+2029
 */
export function mayHaveReferencesAtLineEnds(text: string, lower: string, from: number, breaks: boolean): boolean {
  if (breaks || lower.length !== text.length) return mayHaveReferences(lower, from);
  // (a word ending at `floor` or before either starts before `from` or was read from the line end before)
  let floor = from;
  for (let end = text.indexOf("\n", from); ; end = text.indexOf("\n", end + 1)) {
    const last = end < 0 ? text.length : end;
    let p = last;
    while (p > floor && isSpaceCode(text.charCodeAt(p - 1))) p--;
    if (p > floor)
      for (const word of HEADING_ENDS) if (p - word.length >= from && lower.startsWith(word, p - word.length)) return true;
    if (end < 0) return false;
    floor = end + 1;
  }
}
/**
 * A citation: "(interview …)", "(see …)". Every match starts at a "(", so it is tried only there (as
 * a global scan would find them: the pattern tried at every place cost ~30 ms per 50 MB, this ~6 ms).
 */
const CITATION = /\((?:interview|interviews|see|cf\.|e\.g\.,?\s+see)\b[^()]{0,160}\)/iy;

/** Where each "(" of `text` is, ascending. */
function* openings(text: string): Generator<number> {
  for (let i = text.indexOf("("); i >= 0; i = text.indexOf("(", i + 1)) yield i;
}

const NO_MENTIONS: Mention[] = [];
/** The mentions of codebook names and of defined names, made by the matcher (one object per match, not two). */
function nameMention(start: number, end: number, id: string): Mention {
  return { start, end, id, via: "name" };
}
function definitionMention(start: number, end: number, id: string): Mention {
  return { start, end, id, via: "definition" };
}
const PRIORITY: Record<Mention["via"], number> = { name: 0, definition: 1, person: 2, collective: 3, discovered: 4, event: 5, anaphor: 6 };

/** Mention order: by start, longer first, then by rule priority. */
function byPosition(a: Mention, b: Mention): number {
  return a.start - b.start || b.end - b.start - (a.end - a.start) || PRIORITY[a.via] - PRIORITY[b.via];
}

/**
 * The lists as one, in the order a stable sort of their concatenation gives:
 * each list sorted (most already are), then merged with ties to the earlier list.
 */
function mergeSorted(lists: Mention[][]): Mention[] {
  let all: Mention[] = [];
  for (let list of lists) {
    if (!list.length) continue;
    for (let i = 1; i < list.length; i++)
      if (byPosition(list[i - 1], list[i]) > 0) {
        list = list.slice().sort(byPosition);
        break;
      }
    if (!all.length) {
      all = list;
      continue;
    }
    const out: Mention[] = new Array(all.length + list.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < all.length && j < list.length) out[k++] = byPosition(list[j], all[i]) < 0 ? list[j++] : all[i++];
    while (i < all.length) out[k++] = all[i++];
    while (j < list.length) out[k++] = list[j++];
    all = out;
  }
  return all;
}

/** Mentions without overlaps: longer first, then by rule priority; equal spans kept together. */
export function mergeMentions(...lists: Mention[][]): Mention[] {
  const all = mergeSorted(lists);
  const out: Mention[] = [];
  let reach = -1;
  let lastStart = -1;
  let lastEnd = -1;
  for (const m of all) {
    if (m.start === lastStart && m.end === lastEnd) {
      // Only the tail of `out` can share this span.
      let dup = false;
      for (let i = out.length - 1; i >= 0 && out[i].start === m.start && out[i].end === m.end; i--) if (out[i].id === m.id) dup = true;
      if (!dup) out.push(m);
      continue;
    }
    if (m.start < reach) continue;
    out.push(m);
    reach = m.end;
    lastStart = m.start;
    lastEnd = m.end;
  }
  return out;
}

/**
 * Runs every rule over `text`.
 * @param text the normalised document text
 * @param codebook the loaded codebook
 */
export function extractDocument(text: string, codebook: Codebook): Extraction {
  const ctx = new ExtractionContext(text, codebook);
  // Only a heading after the first third cuts the text, and the first match is the one that counts: when no
  // heading word of the pattern ends a line in the last two thirds, every match (if any) starts in the first.
  const ref = mayHaveReferencesAtLineEnds(text, ctx.lower, Math.floor(text.length / 3), ctx.notes.breaks) ? REFERENCES.exec(text) : null;
  const limit = ref && ref.index > text.length / 3 ? ref.index : text.length;

  const named: Mention[] = codebook.matcher.findEach(text, ctx.folded, limit, nameMention);
  for (const m of named) ctx.useCodebook(m.id);
  const defined = findDefinitions(ctx, limit);
  const definedMentions = defined.length
    ? new NameMatcher(defined).findEach(text, ctx.folded, limit, definitionMention)
    : [];
  let mentions = mergeMentions(named, definedMentions);
  mentions = mergeMentions(mentions, findPersons(ctx, limit), findCollectives(ctx, limit), findClasses(ctx, limit));
  mentions = mergeMentions(mentions, findOrganisations(ctx, limit, mentions));
  mentions = mergeMentions(mentions, findSubOrgans(ctx, limit, mentions));
  // Mentions inside citations ("(interview Rengo International)") are sources, not actors.
  const citations = matchesAtStarts(CITATION, text, openings(text)).map((c) => [c.index, c.index + c[0].length] as const);
  if (citations.length) {
    // Both lists are sorted by start: one sweep.
    let c = 0;
    mentions = mentions.filter((m) => {
      while (c < citations.length && citations[c][1] <= m.start) c++;
      return !(c < citations.length && m.start >= citations[c][0] && m.end <= citations[c][1]);
    });
  }
  ctx.mentions = mentions;

  const mentionCounts = new Map<string, number>();
  for (const m of mentions) mentionCounts.set(m.id, (mentionCounts.get(m.id) ?? 0) + 1);
  // Mentions per country, added up per entity: the ids come in order of first mention, so each
  // country comes in at its first mention, as counting mention by mention would put it (ties keep that order).
  const countries = new Map<string, number>();
  for (const [id, n] of mentionCounts) {
    const c = ctx.entities.get(id)?.attributes.country;
    if (c) countries.set(c, (countries.get(c) ?? 0) + n);
  }
  const governmentOf = (code: string | undefined) => {
    if (!code) return undefined;
    const id = `government-${code.toLowerCase()}`;
    return ctx.useCodebook(id)?.id ?? collectiveEntity(ctx, adjectiveOf(code), "government")?.id;
  };
  let main: string | undefined | null = null;
  const mainCountry = () => (main === null ? (main = [...countries.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]) : main);
  const defaultGovernment = (ids: string[], country?: string) => governmentOf(country ?? ids.map((id) => ctx.entities.get(id)?.attributes.country).find(Boolean) ?? mainCountry());

  const discourse: DiscourseMemory = { subject: [], recent: [], age: 0 };
  const events: EventMemory = { last: new Map(), all: [] };
  ctx.sentences = splitSentences(text.slice(0, limit));
  findParentsInNames(ctx, named);
  const isOrganisation = (id: string) => ctx.labelOf(id) === "Organization";
  const hasOrganisation = (g: { ids: string[] }) => g.ids.some(isOrganisation);
  const lower = lowerForTokens(text, ctx.lower, ctx.notes.quotes);
  // (made once per document, not once per sentence)
  const mainGovernment = () => governmentOf(mainCountry());
  const recentEvent = () => events.recent;
  // Every mention's entity is registered by now: when none is an Event, no sentence's own mentions name one.
  let eventNamed = false;
  for (const e of ctx.entities.values())
    if (e.attributes.nodeLabel === "Event") {
      eventNamed = true;
      break;
    }
  let p = 0;
  for (const span of ctx.sentences) {
    while (p < mentions.length && mentions[p].start < span.start) p++;
    let q = p;
    while (q < mentions.length && mentions[q].end <= span.end) q++;
    // (no rule changes `own`: a sentence without mentions shares one empty list)
    const own = q > p ? mentions.slice(p, q) : NO_MENTIONS;
    // (the labels of `own` stay as they are: its entities are registered)
    const ownEvent = eventNamed && own.length > 0 && hasEventMention(ctx, own);
    const eventMentions = detectEvents(ctx, span, own, events, ownEvent);
    events.age = (events.age ?? 0) + 1;
    if (eventMentions.length || ownEvent) events.age = 0;
    if ((events.age ?? 0) > 3) events.recent = undefined;
    for (const m of eventMentions) if (m.via === "event") mentionCounts.set(m.id, (mentionCounts.get(m.id) ?? 0) + 1);
    // `own` is a slice of the merged list: already sorted and without overlaps.
    const base = eventMentions.length ? mergeMentions(own, eventMentions) : own;
    const refs = findReferences(ctx, span, base, discourse, mainGovernment);
    if (!base.length && !refs.length) {
      rememberSentence(discourse, [], undefined);
      continue;
    }
    const grouped = groupBySpan(base, refs);
    const tokens = tokenize(text, span, grouped, lower);
    const hits = findCues(tokens);
    if (hits.length) extractRelations(ctx, tokens, hits, defaultGovernment, recentEvent);
    // One look at the sentence's ids: the role rule acts only on a person, the event links only on an event.
    const ids: string[] = [];
    let person = false;
    let event = false;
    for (const g of grouped)
      for (const id of g.ids) {
        ids.push(id);
        const label = ctx.labelOf(id);
        if (label === "Person") person = true;
        else if (label === "Event") event = true;
      }
    if (person) extractRoles(ctx, tokens);
    if (event) extractEventLinks(ctx, tokens);
    const subject = firstFreeGroup(tokens, 0, tokens.tokens.length, hasOrganisation)?.ids.filter(isOrganisation);
    rememberSentence(discourse, ids, subject);
  }
  return { ctx, mentionCounts };
}

/**
 * The sentence's mentions with equal spans joined (ids in order) and overlaps
 * dropped, as the entity tokens of the sentence (tokenize takes them as they
 * are). `base` is sorted by start, longer first; the references (in order,
 * starts increasing) are merged in as a stable sort of base then references
 * by start, longer first, would place them: ties go to `base`.
 */
function groupBySpan(base: Mention[], refs: Array<Mention & { ids: string[] }>): EntityToken[] {
  const out: EntityToken[] = [];
  let i = 0;
  let j = 0;
  while (i < base.length || j < refs.length) {
    let m: Mention & { ids?: string[] };
    if (j === refs.length) m = base[i++]!;
    else if (i === base.length) m = refs[j++]!;
    else {
      const a = base[i]!;
      const b = refs[j]!;
      // (b before a only when the comparator puts it strictly first)
      if (b.start < a.start || (b.start === a.start && b.end > a.end)) {
        m = b;
        j++;
      } else {
        m = a;
        i++;
      }
    }
    // (out[-1] of an empty list is a property look-up off the fast path: ~25 ms per 50 MB, once per sentence)
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    if (last && last.start === m.start && last.end === m.end) {
      if (m.ids === undefined) {
        if (!last.ids.includes(m.id)) last.ids.push(m.id);
      } else for (const id of m.ids) if (!last.ids.includes(id)) last.ids.push(id);
    } else if (!last || m.start >= last.end) out.push({ kind: "E", ids: m.ids ? [...m.ids] : [m.id], start: m.start, end: m.end, via: m.via });
  }
  return out;
}
