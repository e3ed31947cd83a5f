// Events: protests, demonstrations, conferences, summits, campaigns, disputes.
// A dated event noun ("In November 2004 ... protested", "a nationwide
// conference held in Fukuoka in 1996") becomes an Event node with date, place
// and head count; a later "the protest", "this conference", "action" refers
// back to the last event of its sort. TARGETS come from "against X" / "in
// front of X" after the event; "X's meeting" makes X its organiser, and the
// subject of "protested" a participant.
import type { EventKind } from "../../graph/schema.js";
import { slugify } from "../../graph/text.js";
import { subjectBefore, groupAt, negatedIn } from "./clauses.js";
import type { ExtractionContext, Mention } from "./context.js";
import { findDate, findHeadCount, findPlace } from "./dates.js";
import type { EntityToken, SentenceTokens } from "./tokens.js";

const NOUNS: Record<string, EventKind> = {
  protest: "protest", protests: "protest", demonstration: "protest", demonstrations: "protest", rally: "protest", rallies: "protest",
  march: "protest", boycott: "protest", "sit-in": "protest", action: "protest", actions: "protest", protested: "protest", demonstrated: "protest", rallied: "protest",
  conference: "conference", conferences: "conference", meeting: "conference", symposium: "conference", congress: "conference",
  summit: "summit", campaign: "campaign", strike: "dispute", strikes: "dispute", dispute: "dispute",
};
const EVENT_WORD = /\b(protests?|protested|demonstrations?|demonstrated|rall(?:y|ies|ied)|march|boycott|sit-in|actions?|conferences?|meeting|symposium|congress|summit|campaign|strikes?|dispute)\b/gi;
/** Categories that may refer to each other ("the demonstration" = the protest). */
const CATEGORY: Record<EventKind, string> = { protest: "protest", campaign: "protest", conference: "conference", summit: "summit", dispute: "dispute" };

/** What the events rule remembers between sentences. */
export interface EventMemory {
  last: Map<string, string>;
}

/**
 * Event mentions in one sentence (new events or references to earlier ones).
 * @param taken mentions already in the sentence (events found by name are kept)
 */
export function detectEvents(ctx: ExtractionContext, span: { start: number; end: number }, taken: Mention[], memory: EventMemory): Mention[] {
  const sentence = ctx.text.slice(span.start, span.end);
  const out: Mention[] = [];
  for (const m of taken) if (ctx.labelOf(m.id) === "Event") memory.last.set(CATEGORY[ctx.kindOf(m.id) as EventKind] ?? "conference", m.id);
  const date = findDate(sentence);
  EVENT_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EVENT_WORD.exec(sentence))) {
    const word = m[1].toLowerCase();
    const kind = NOUNS[word];
    const start = span.start + m.index;
    const end = start + m[1].length;
    if (taken.some((t) => t.start < end && start < t.end)) continue;
    const before = sentence.slice(Math.max(0, m.index - 40), m.index);
    const after = sentence.slice(m.index + m[1].length, m.index + m[1].length + 30);
    const plural = /s$/.test(word) && !/ss$/.test(word) && !/ed$/.test(word);
    const generic = /\b(?:such|these|those|many|various|other|similar|of|any|no)\s+(?:\w+\s+)?$/i.test(before) || /^\s+(?:of|and|or)\b/.test(after) && plural;
    const definite = /\b(?:the|this|that|same|its|their)\s+(?:[\w-]+\s+)?$/i.test(before) || /^\s+against\b/i.test(after);
    const previous = memory.last.get(CATEGORY[kind]);
    const verb = /ed$/.test(word);
    const precise = !!date && /-/.test(date);
    const isNew = !!date && !generic && (verb || !plural || precise) && !(definite && previous && !/\b(?:a|an)\s+(?:[\w-]+\s+)?$/i.test(before) && word !== "protested");
    if (isNew) {
      const id = newEvent(ctx, kind, sentence, span, m.index, word, date!);
      memory.last.set(CATEGORY[kind], id);
      out.push({ start, end, id, via: "event" });
    } else if (previous && !generic && (definite || verb || word.startsWith("action") || /^\s+against\b/i.test(after))) {
      out.push({ start, end, id: previous, via: "anaphor" });
      const count = findHeadCount(sentence);
      const event = ctx.entities.get(previous);
      if (count && event && event.attributes.participants === undefined) event.attributes.participants = count;
    }
  }
  return out;
}

function newEvent(ctx: ExtractionContext, kind: EventKind, sentence: string, span: { start: number; end: number }, at: number, word: string, date: string): string {
  // The noun phrase: up to three modifiers before the noun ("nationwide conference", "1995 Kyoto alternative summit").
  const head = /(?:(?:[\w’'-]+)\s+){0,3}$/.exec(sentence.slice(Math.max(0, at - 60), at))?.[0] ?? "";
  const mods = head.split(/\s+/).filter(Boolean).filter((w) => !/^(?:the|a|an|this|that|in|of|and|at|on|by|to|with|for|its|their|[A-Z][a-z]+'s|\(?\w+\)?'s|took|part|took|held|organized|initiated|launched)$/i.test(w));
  const noun = /ed$/.test(word) ? (kind === "protest" ? "protest" : word) : word;
  const front = /\bin front of\s+(?:the\s+)?([^,.;]+?)(?:\s+against\b|[,.;]|$)/.exec(sentence)?.[1];
  const place = front ?? findPlace(sentence);
  const phrase = [...mods.slice(-3), noun].join(" ");
  const name = `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}${place ? `${front ? " in front of the" : " in"} ${place}` : ""} (${date})`;
  const id = slugify(`${kind} ${place ?? mods.join(" ")} ${date}`);
  const participants = findHeadCount(sentence);
  ctx.addEntity(name, kind, {
    date,
    ...(place ? { place } : {}),
    ...(participants ? { participants } : {}),
    description: sentence.replace(/\s+/g, " ").slice(0, 300),
  }, id);
  return id;
}

/**
 * TARGETS, organisers and participants around the event tokens of a sentence.
 */
export function extractEventLinks(ctx: ExtractionContext, s: SentenceTokens): void {
  const span = { start: s.start, end: s.end };
  const isEvent = (id: string) => ctx.labelOf(id) === "Event";
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.kind !== "E") continue;
    const event = t.ids.find(isEvent);
    if (!event) continue;
    // "against X", "in front of X", "targeting X" within a few words after the event.
    for (let k = i + 1; k < Math.min(s.tokens.length, i + 10); k++) {
      const w = s.tokens[k];
      if (w.kind === "E") {
        const between = s.tokens.slice(i + 1, k).map((x) => (x.kind === "W" ? x.text : "ENT")).join(" ");
        if (/\b(?:against|targeting|targeted at|directed at|in front of|outside|at)\b(?: the)?$/.test(between) || /\bagainst\b/.test(between)) {
          const group = groupAt(s, k);
          for (const target of group.ids) ctx.relate("TARGETS", event, target, span, { cue: "against", confidence: 0.8 });
          i = Math.max(i, i);
        }
        if (!/\b(?:in front of|against)\b/.test(between)) break;
        continue;
      }
      if (w.text === "." || w.text === ";" || w.text === "which" || w.text === "but") break;
    }
    const prev = s.tokens[i - 1];
    const prev2 = s.tokens[i - 2];
    // "X's meeting" / "X's (IPSA) meeting": the possessor organised it.
    for (const [p, q] of [[prev, prev2], [s.tokens[i - 2], s.tokens[i - 3]], [s.tokens[i - 3], s.tokens[i - 4]]] as const) {
      if (p?.kind === "W" && p.text === "'s" && q?.kind === "E") {
        for (const org of (q as EntityToken).ids) ctx.relate("PARTICIPATED_IN", org, event, span, { cue: "'s event", confidence: 0.75, role: "organizer" });
        break;
      }
      if (p?.kind === "W" && p.text === ")" && q?.kind === "E") continue;
    }
    // "X protested": the subject took part.
    if (t.via === "event" && /ed$/.test(ctx.text.slice(t.start, t.end))) {
      const subject = subjectBefore(s, i, (g) => g.ids.some((id) => ctx.labelOf(id) === "Organization"));
      if (subject) {
        const negated = negatedIn(s, subject.group.last + 1, i);
        for (const org of subject.group.ids) ctx.relate("PARTICIPATED_IN", org, event, span, { cue: "protested", confidence: 0.85, role: "participant" }, negated ? "absent" : "present");
      }
    }
  }
}
