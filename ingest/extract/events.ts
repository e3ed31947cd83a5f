// Events: protests, demonstrations, conferences, summits, campaigns, disputes.
// A dated event noun ("In November 2004 ... protested", "a nationwide
// conference held in Fukuoka in 1996") becomes an Event node with date, place
// and head count; a later "the protest", "this conference", "action" refers
// back to the last event of its sort. New events are named in new-event.ts;
// their targets, organisers and participants are found in event-links.ts.
import type { EventKind } from "../../graph/schema.js";
import { remembered, slugOf as slugify } from "./memo.js";
import { isAsciiWordCode } from "./char-classes.js";
import { overlapsAny, type ExtractionContext, type Mention } from "./context.js";
import { findDate, findHeadCount, findPlace } from "./dates.js";
import { newEvent } from "./new-event.js";

const NOUNS = new Map<string, EventKind>(Object.entries({
  protest: "protest", protests: "protest", demonstration: "protest", demonstrations: "protest", rally: "protest", rallies: "protest",
  boycott: "protest", "sit-in": "protest", action: "protest", actions: "protest", protested: "protest", demonstrated: "protest", rallied: "protest",
  conference: "conference", conferences: "conference", meeting: "conference", symposium: "conference", congress: "conference",
  hearing: "conference", hearings: "conference", summit: "summit", campaign: "campaign", strike: "dispute", strikes: "dispute", dispute: "dispute",
} satisfies Record<string, EventKind>));
/**
 * The words of NOUNS as whole words, grouped by first letter (no word is another
 * one's prefix followed by a letter, so at most one can match at a place: the
 * grouping finds the same matches as a plain list, faster).
 */
const EVENT_WORD = /\b(p(?:rotest(?:s|ed)?)|d(?:emonstrat(?:ions?|ed)|ispute)|rall(?:y|ies|ied)|boycott|s(?:it-in|ymposium|ummit|trikes?)|actions?|c(?:onferences?|ongress|ampaign)|meeting|hearings?)\b/gi;
/**
 * EVENT_WORD without the case-insensitive flag, for the lower-case copy of a text. Without the
 * u flag, /i matches a letter of the pattern to ASCII letters only; lower-casing turns ASCII
 * letters into ASCII letters and every other character into a non-ASCII one, except "İ" (which
 * grows, so the copy is longer) and the Kelvin sign (which becomes "k"). In a text without
 * those, the copy has the same matches at the same offsets (the words in lower case).
 */
const EVENT_WORD_LOWER = new RegExp(EVENT_WORD.source, "g");
const DAY_MONTH = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d{2})/;
const YEAR = /\b(?:19|20)\d{2}\b/g;
/** Where the clause after an event noun ends (what split(...)[0] would cut at). */
const CLAUSE_END = /[;]|, (?:and|but|which|while)\b/g;
/** Categories that may refer to each other ("the demonstration" = the protest). */
const CATEGORY: Record<EventKind, string> = { protest: "protest", campaign: "protest", conference: "conference", summit: "summit", dispute: "dispute" };
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const GENERIC_BEFORE = /\b(?:such|these|those|many|various|other|similar|any|no)\s+(?:\w+\s+)?$/i;
const GENERIC_AFTER = /^\s+(?:and|or)\s+(?:[\w-]+\s+)?(?:protests|meetings|demonstrations|conferences|rallies|strikes|campaigns|summits|forums)\b/i;
const DEFINITE = /\b(?:the|this|that|same|its|their)\s+((?:[\w’'-]+\s+){0,3})$/i;
const AGAINST = /^\s+against\b/i;
const INDEFINITE = /\b(?:a|an)\s+(?:[\w-]+\s+)?$/i;
const APPOSITION = /^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+)?$/;
const SPACES = /\s+/;
const NO_WORDS: string[] = [];

/** What the events rule remembers between sentences. */
export interface EventMemory {
  last: Map<string, string>;
  /** Every event so far, oldest first (for "the Fukuoka conference" → the one in Fukuoka). */
  all: string[];
  /**
   * The last year the text named (for "May 9" without a year), as of the sentences in
   * `unread` (start, end pairs in `unreadText`), which lastYear reads when a year is asked for.
   */
  year?: number;
  unread?: number[];
  unreadText?: string;
  /** True when EVENT_WORD_LOWER may run on the lower-case copy of `lowerCopyText`. */
  lowerCopy?: boolean;
  lowerCopyText?: string;
  /**
   * Every match of the event pattern in the whole of `lowerCopyText` (or its lower-case copy), as
   * start, end pairs, and the first pair not before the current sentence (sentences come in order).
   */
  words?: number[];
  wordAt?: number;
  /** The event of the last few sentences ("Zenrokyo participated" means in it). */
  recent?: string;
  /** Sentences since an event was named. */
  age?: number;
  /** The ids in `all`, for a quick membership test. */
  seen?: Set<string>;
  /** Per event id: its lower-case "place name", kept while the entity's place and name stay. */
  labels?: Map<string, { entity: unknown; place: unknown; name: unknown; text: string }>;
}

/** The lower-case "place name" of an event, as the modifier search reads it. */
function eventLabel(ctx: ExtractionContext, memory: EventMemory, id: string): string {
  const entity = ctx.entities.get(id);
  const place = entity?.attributes.place;
  const name = entity?.attributes.name;
  const labels = (memory.labels ??= new Map());
  let known = labels.get(id);
  if (!known || known.entity !== entity || known.place !== place || known.name !== name) {
    known = { entity, place, name, text: `${place ?? ""} ${name ?? ""}`.toLowerCase() };
    labels.set(id, known);
  }
  return known.text;
}

/** True when one of the mentions stands for an Event. */
export function hasEventMention(ctx: ExtractionContext, mentions: Mention[]): boolean {
  for (let i = 0; i < mentions.length; i++) if (ctx.labelOf(mentions[i]!.id) === "Event") return true;
  return false;
}

/**
 * Event mentions in one sentence (new events or references to earlier ones).
 * @param taken mentions already in the sentence (events found by name are kept)
 * @param takenEvents hasEventMention(ctx, taken), when the caller has it (false skips the reads of taken's labels)
 */
export function detectEvents(ctx: ExtractionContext, span: { start: number; end: number }, taken: Mention[], memory: EventMemory, takenEvents = true): Mention[] {
  const sentence = ctx.text.slice(span.start, span.end);
  const out: Mention[] = [];
  if (takenEvents)
    for (const m of taken)
      if (ctx.labelOf(m.id) === "Event") {
        memory.last.set(CATEGORY[ctx.kindOf(m.id) as EventKind] ?? "conference", m.id);
        memory.recent = m.id;
      }
  let sentenceDate: string | undefined | null = null;
  let dayMonth: RegExpExecArray | null | undefined;
  if (memory.lowerCopyText !== ctx.text) {
    memory.lowerCopyText = ctx.text;
    memory.lowerCopy = ctx.lower.length === ctx.text.length && !ctx.text.includes("\u212a");
    memory.words = eventWords(memory.lowerCopy ? ctx.lower : ctx.text, memory.lowerCopy ? EVENT_WORD_LOWER : EVENT_WORD);
    memory.wordAt = 0;
  }
  const lowerCopy = memory.lowerCopy;
  const pattern = lowerCopy ? EVENT_WORD_LOWER : EVENT_WORD;
  const whole = lowerCopy ? ctx.lower : ctx.text;
  const words = memory.words!;
  let w = memory.wordAt!;
  while (w < words.length && words[w]! < span.start) w += 2;
  memory.wordAt = w;
  // With clean edges the sentence's own matches are the whole text's inside it: read from `words`; else
  // the pattern runs on the sentence alone.
  const direct = edgesClean(whole, span);
  const subject = direct ? "" : lowerCopy ? ctx.lower.slice(span.start, span.end) : sentence;
  pattern.lastIndex = 0;
  let k = w;
  for (;;) {
    let index: number;
    let matched: string;
    if (direct) {
      if (k >= words.length || words[k + 1]! > span.end) break;
      index = words[k]! - span.start;
      matched = whole.slice(words[k]!, words[k + 1]!);
      k += 2;
    } else {
      const m = pattern.exec(subject);
      if (!m) break;
      index = m.index;
      matched = m[1];
    }
    const word = lowerCopy ? matched : matched.toLowerCase();
    const kind = NOUNS.get(word)!;
    const start = span.start + index;
    const end = start + matched.length;
    if (overlapsAny(taken, start, end)) continue;
    const before = sentence.slice(Math.max(0, index - 40), index);
    const after = sentence.slice(index + matched.length, index + matched.length + 30);
    const verb = word.endsWith("ed");
    const plural = word.endsWith("s") && !word.endsWith("ss") && !verb;
    const generic = GENERIC_BEFORE.test(before) || (plural && GENERIC_AFTER.test(after));
    const definiteMatch = DEFINITE.exec(before);
    const definite = !!definiteMatch || (!verb && AGAINST.test(after));
    // A definite description names its referent by a modifier ("the Fukuoka national conference").
    const modifierText = definiteMatch?.[1];
    const modifiers = modifierText ? modifierText.toLowerCase().split(SPACES).filter((w) => w.length > 3) : NO_WORDS;
    const category = CATEGORY[kind];
    let byModifier: string | undefined;
    for (let k = memory.all.length - 1; k >= 0 && modifiers.length && byModifier === undefined; k--) {
      const id = memory.all[k]!;
      if (CATEGORY[ctx.kindOf(id) as EventKind] !== category) continue;
      const label = eventLabel(ctx, memory, id);
      for (const w of modifiers)
        if (label.includes(w)) {
          byModifier = id;
          break;
        }
    }
    const previous = byModifier ?? memory.last.get(category);
    if (word === "action" || word === "actions") {
      if (previous && !generic) out.push({ start, end, id: previous, via: "anaphor" });
      continue;
    }
    let apposed: Mention | undefined;
    if (takenEvents)
      for (const t of taken)
        if (ctx.labelOf(t.id) === "Event" && APPOSITION.test(ctx.text.slice(t.end, start))) {
          apposed = t;
          break;
        }
    if (apposed) {
      out.push({ start, end, id: apposed.id, via: "anaphor" });
      continue;
    }
    // A new event needs a date: the one nearest the noun, after it in the same clause, else before it, else a
    // bare "May 9" in the discourse year. Searched only for nouns that could be new (the searches read nothing
    // the loop changes).
    const blocked = generic || !!(definite && previous && !INDEFINITE.test(before) && word !== "protested");
    let date: string | undefined;
    if (!blocked) {
      const rest = sentence.slice(index);
      CLAUSE_END.lastIndex = 0;
      const cut = CLAUSE_END.exec(rest);
      const clauseAfter = cut ? rest.slice(0, cut.index) : rest;
      if (dayMonth === undefined) dayMonth = DAY_MONTH.exec(sentence);
      if (sentenceDate === null) sentenceDate = findDate(sentence);
      date = findDate(clauseAfter) ?? sentenceDate;
      if (!date && dayMonth && lastYear(memory)) date = `${memory.year}-${String(MONTHS.indexOf(dayMonth[1].toLowerCase()) + 1).padStart(2, "0")}-${dayMonth[2].padStart(2, "0")}`;
    }
    const precise = !!date && date.includes("-");
    const isNew = !blocked && !!date && (verb || !plural || precise);
    if (isNew) {
      const id = newEvent(ctx, kind, sentence, span, index, word, date!);
      memory.last.set(category, id);
      memory.recent = id;
      const seen = (memory.seen ??= new Set(memory.all));
      if (!seen.has(id)) {
        seen.add(id);
        memory.all.push(id);
      }
      out.push({ start, end, id, via: "event" });
    } else if (previous && !generic && (definite || verb || word.startsWith("action") || AGAINST.test(after))) {
      out.push({ start, end, id: previous, via: "anaphor" });
      memory.recent = previous;
      // The head count is read only when the event still lacks one.
      const event = ctx.entities.get(previous);
      if (event && event.attributes.participants === undefined) {
        const count = findHeadCount(sentence);
        if (count) event.attributes.participants = count;
      }
    }
  }
  // The sentence is read for years only when a later one asks (or when many are waiting).
  if (memory.unreadText !== ctx.text) {
    lastYear(memory);
    memory.unreadText = ctx.text;
  }
  const unread = (memory.unread ??= []);
  unread.push(span.start, span.end);
  if (unread.length >= 4096) lastYear(memory);
  return out;
}

/** Start, end pairs of every match of `pattern` (EVENT_WORD or its lower-case twin) in `text`. */
export function eventWords(text: string, pattern: RegExp = EVENT_WORD): number[] {
  const out: number[] = [];
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text))) out.push(m.index, m.index + m[1].length);
  return out;
}

/**
 * True when the character at `i` (outside a sentence, next to its edge) cannot be part of an event word
 * or of a word boundary test across the edge: no ASCII word character or hyphen (or no character at all).
 */
function cleanEdge(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return true;
  const c = text.charCodeAt(i);
  return !(isAsciiWordCode(c) || c === 0x2d);
}

/**
 * True when the sentence `span` of `text`, read on its own, holds exactly the event words the whole text
 * holds inside it (eventWords(text) restricted to the span, at the same offsets): no ASCII word character
 * or hyphen stands just outside either edge, so no word runs across one and every word boundary test
 * at an edge answers as it does at the end of the sentence alone.
 */
export function edgesClean(text: string, span: { start: number; end: number }): boolean {
  return cleanEdge(text, span.start - 1) && cleanEdge(text, span.end);
}

/**
 * The last year the text named before the current sentence: memory.year brought up to
 * date with the unread sentences, the latest first (the last year of the latest one that names one).
 */
function lastYear(memory: EventMemory): number | undefined {
  const unread = memory.unread;
  const text = memory.unreadText;
  if (unread && text !== undefined)
    for (let k = unread.length - 2; k >= 0; k -= 2) {
      const sentence = text.slice(unread[k], unread[k + 1]);
      YEAR.lastIndex = 0;
      let last: string | undefined;
      for (let y = YEAR.exec(sentence); y; y = YEAR.exec(sentence)) last = y[0];
      if (last !== undefined) {
        memory.year = Number(last);
        break;
      }
    }
  if (unread) unread.length = 0;
  return memory.year;
}

/** True for the name of a recurring forum ("World Social Forum"); asked for every object of a participation cue. */
const isForumName = remembered((name: string) => /\b(?:Forum|Summit|Conference|Congress|Meeting)$/.test(name));

/**
 * One dated occurrence of a recurring forum named as an organisation ("the World
 * Social Forum in Mumbai in January 2004"): an Event named after it, or undefined
 * when the organisation is not a forum or the sentence gives no date.
 */
export function forumOccurrence(ctx: ExtractionContext, orgId: string, sentence: string): string | undefined {
  const org = ctx.entities.get(orgId);
  if (!org || org.attributes.nodeLabel !== "Organization" || !isForumName(org.attributes.name)) return undefined;
  const date = findDate(sentence);
  if (!date) return undefined;
  const place = findPlace(sentence) ?? /\b(?:Forum|Summit|Conference|Congress|Meeting)\s+in\s+([\p{Lu}][\p{L}-]+)/u.exec(sentence)?.[1];
  const kind: EventKind = /Summit$/.test(org.attributes.name) ? "summit" : "conference";
  const name = `${org.attributes.name}${place ? ` in ${place}` : ""} (${date})`;
  return ctx.addEntity(name, kind, { date, ...(place ? { place } : {}), description: sentence.replace(/\s+/g, " ").slice(0, 300) }, slugify(`${org.attributes.name} ${place ?? ""} ${date}`)).id;
}
