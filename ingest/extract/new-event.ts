// A new Event node for an event noun with a date: its name is the noun phrase
// ("nationwide conference", "1995 Kyoto alternative summit") with its place
// and date, its id the kind, place (or modifiers) and date; the sentence gives
// the head count and the description.
import type { EventKind } from "../../graph/schema.js";
import type { ExtractionContext } from "./context.js";
import { findHeadCount, findPlace } from "./dates.js";
import { slugOf as slugify } from "./memo.js";
import { trailingRuns } from "./trailing-runs.js";

const SPACES = /\s+/;
/**
 * The determiner of the noun phrase that ends a lead, and the words after it. It spans a whole
 * run of non-space characters and then at most three more, so it reads only the lead's last four.
 */
const LEAD_DETERMINER = /(?:^|\s)(?:the|a|an|this|that|its|their|[\p{L})]+['’]s)\s+((?:[\w’'-]+\s+){0,3})$/iu;
/** Up to two capitalised words that end a lead (within its last two runs of non-space characters). */
const LEAD_CAPITALISED = /(?:(?:[\p{Lu}\d][\w’'-]*)\s+){0,2}$/u;
/** Spaces /\s+/g would change: a space other than " ", or two in a row. */
const SPACES_TO_COLLAPSE = /[^\S ]| {2}/;

/** Words that qualify an event noun: capitalised, numbers, adjectives ("nationwide", "alternative"). */
function isModifier(w: string): boolean {
  return /^[\p{Lu}\d]/u.test(w) || /(?:al|ic|ive|ary|ern|ese|an|wide|ist)$/.test(w) || /^(?:alternative|joint|mass|annual|parallel|general|public|solidarity|street|sit-in)$/.test(w);
}

/**
 * Registers the event a noun names and returns its id.
 * @param sentence the sentence text; `at` is the noun's offset in it
 * @param word the noun as matched, lower case
 * @param date the event's date (ISO, as precise as the text)
 */
export function newEvent(ctx: ExtractionContext, kind: EventKind, sentence: string, span: { start: number; end: number }, at: number, word: string, date: string): string {
  // The noun phrase: up to three modifiers before the noun ("nationwide conference", "1995 Kyoto alternative summit").
  // The modifiers of the noun: the words after its determiner ("the 1995 Kyoto alternative summit").
  const lead = sentence.slice(Math.max(0, at - 60), at);
  const det = LEAD_DETERMINER.exec(trailingRuns(lead, 4));
  const words = (det ? det[1] : (LEAD_CAPITALISED.exec(trailingRuns(lead, 2))?.[0] ?? "")).split(SPACES).filter(Boolean);
  let keep = words.length;
  while (keep > 0 && isModifier(words[keep - 1])) keep--;
  const mods = words.slice(keep);
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
    // (most sentences have no space to collapse: the replace is skipped, it would return the same text)
    description: (SPACES_TO_COLLAPSE.test(sentence) ? sentence.replace(/\s+/g, " ") : sentence).slice(0, 300),
  }, id);
  return id;
}
