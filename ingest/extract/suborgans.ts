// Bodies inside a named organisation, written in lower case after it: "the
// Upper House's juridical consulting committee", "the Upper House juridical
// consulting committees", "MOJ's in-house commission". Each becomes a node
// named after its parent and is MEMBER_OF the parent. Also coordinated names
// that share a head ("Japan's Lower and Upper Houses" = Lower House + Upper House).
import type { NameMatch } from "../name-matcher.js";
import { isSpaceCode } from "./char-classes.js";
import type { ExtractionContext, Mention } from "./context.js";
import type { SentenceSpan } from "./sentences.js";
import { matchesAtStarts } from "./sticky-scan.js";

const ORGAN = /^(['’]s)?\s+((?:(?!(?:of|and|or|the|in|on|for|as|a|an|is|was|are|were|with|by|at|to|from|that|which|its|their|own|new|this|working|acting|serving|other)\b)[a-z][a-z-]*\s+){1,3}?)(committees?|commissions?|councils?|subcommittees?|working groups?|secretariats?)\b/;
/** What every ORGAN match holds (in lower case, as ORGAN reads it): a cheap first test. */
const ORGAN_WORD = /committee|commission|council|working group|secretariat/;
const COORDINATED = /\b([A-Z][a-z]+) and ([A-Z][a-z]+) ([A-Z][a-z]+?)s\b/y;
/** What every COORDINATED match holds right after its first word. */
const AND_CAPITAL = / and [A-Z]/g;

/**
 * The matches a global scan of COORDINATED finds in `text`, found from the
 * " and X" each must hold: the literal is searched (far faster than trying the
 * pattern at every capital), and the pattern is tried only where its first
 * word, a capital and lower-case letters, would end right before it.
 */
export function coordinatedNames(text: string): RegExpExecArray[] {
  return matchesAtStarts(COORDINATED, text, coordinatedStarts(text));
}

/** Where a COORDINATED match can start in `text`, ascending. */
function* coordinatedStarts(text: string): Generator<number> {
  AND_CAPITAL.lastIndex = 0;
  let a: RegExpExecArray | null;
  while ((a = AND_CAPITAL.exec(text))) {
    // The first word: the one capital before the run of [a-z] that ends at the " and ".
    let p = a.index;
    while (p > 0 && text.charCodeAt(p - 1) >= 0x61 && text.charCodeAt(p - 1) <= 0x7a) p--;
    if (p === a.index || p === 0 || text.charCodeAt(p - 1) < 0x41 || text.charCodeAt(p - 1) > 0x5a) continue;
    yield p - 1;
  }
}

/**
 * Finds sub-organs after named organisations and coordinated names.
 * @param named the mentions found so far (sorted); sub-organ mentions cover the parent's span
 * @returns new mentions; drafts MEMBER_OF child → parent for each sub-organ
 */
export function findSubOrgans(ctx: ExtractionContext, limit: number, named: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of named) {
    if (m.end >= limit || ctx.labelOf(m.id) !== "Organization") continue;
    // ORGAN reads on from "'s", "’s" or a space: most mentions are followed by neither.
    const next = ctx.text.charCodeAt(m.end);
    if (next !== 0x27 && next !== 0x2019 && !isSpaceCode(next)) continue;
    const after = ctx.text.slice(m.end, m.end + 80);
    if (!ORGAN_WORD.test(after)) continue;
    const o = ORGAN.exec(after);
    if (!o) continue;
    const parent = ctx.entities.get(m.id) ?? ctx.useCodebook(m.id);
    if (!parent) continue;
    const phrase = o[2].trim().replace(/\s+/g, " ");
    const head = o[3].replace(/s$/, "").replace(/(ie)$/, "y");
    const body = `${phrase} ${head}`;
    const parentName = parent.attributes.name;
    const names = [parentName, ...parent.attributes.aliases.filter((a) => a.length > 3)];
    const entity = ctx.addEntity(`${parentName} ${body}`, parent.attributes.kind, {
      ...(parent.attributes.country ? { country: parent.attributes.country } : {}),
      aliases: [...names.flatMap((n) => [`${n} ${body}`, `${body} of the ${n}`, `${n}'s ${body}`]), ...names.map((n) => `${n} ${head}`)].filter((a) => a !== `${parentName} ${body}`),
    });
    const end = m.end + o[0].length;
    out.push({ start: m.start, end, id: entity.id, via: "discovered" });
    ctx.relate("MEMBER_OF", entity.id, parent.id, sentenceAround(ctx, m.start), { cue: "part of", confidence: 0.8 });
  }
  // Once introduced, the body is named by its phrase alone ("the respective juridical consulting committees").
  const bodies = new Map<string, string>();
  for (const o of out) {
    const e = ctx.entities.get(o.id);
    const phrase = e?.attributes.aliases.find((a) => /^[a-z]/.test(a) && / of the /.test(a))?.split(" of the ")[0];
    if (phrase && phrase.split(" ").length >= 2) bodies.set(phrase, o.id);
  }
  for (const [phrase, id] of bodies) {
    const re = new RegExp(`\\b${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/y$/, "(?:y|ies)").replace(/([^y)])$/, "$1s?")}\\b`, "g");
    const text = ctx.text.slice(0, limit);
    let b: RegExpExecArray | null;
    while ((b = re.exec(text))) out.push({ start: b.index, end: b.index + b[0].length, id, via: "discovered" });
  }
  const text = ctx.text.slice(0, limit);
  for (const c of coordinatedNames(text)) {
    const ids = [c[1], c[2]].map((w) => {
      const name = `${w} ${c![3]}`;
      return ctx.codebook.matcher.matchWhole(name);
    });
    if (ids.some((id) => !id)) continue;
    for (const id of ids) {
      ctx.useCodebook(id!);
      out.push({ start: c.index, end: c.index + c[0].length, id: id!, via: "name" });
    }
  }
  return out;
}

/** The sentence-like span around an offset (to the nearest full stops). */
function sentenceAround(ctx: ExtractionContext, at: number): { start: number; end: number } {
  const text = ctx.text;
  let start = text.lastIndexOf(". ", at);
  start = start < 0 ? 0 : start + 2;
  let end = text.indexOf(". ", at);
  end = end < 0 ? text.length : end + 1;
  while (/\s/.test(text[start] ?? "") && start < end) start++;
  return { start, end };
}

const PARENT_IN_NAME = [/^(?:the\s+)?(.+?)['’]s\s+\S/i, /\s+of\s+the\s+(.+)$/i];

/**
 * Names that say whose part they are: where the text names an organisation
 * as "the ICFTU's Asian Regional Organization" or "the Asia Pacific Regional
 * Organization of the ITUC", the name itself states that it belongs to the
 * organisation it names inside it (MEMBER_OF child → parent).
 * @param named mentions matched from the codebook (ctx.sentences already split)
 */
export function findParentsInNames(ctx: ExtractionContext, named: Mention[]): void {
  // The codebook's matches in each inner name, found once (names repeat).
  const hitsOf = new Map<string, NameMatch[]>();
  for (const m of named) {
    if (ctx.labelOf(m.id) !== "Organization") continue;
    const surface = ctx.text.slice(m.start, m.end);
    for (const pattern of PARENT_IN_NAME) {
      const inner = pattern.exec(surface)?.[1];
      if (!inner) continue;
      let hits = hitsOf.get(inner);
      if (!hits) hitsOf.set(inner, (hits = ctx.codebook.matcher.findAll(inner)));
      const whole = hits.find((h) => h.start === 0 && h.end === inner.length && h.id !== m.id);
      if (!whole || ctx.useCodebook(whole.id)?.attributes.nodeLabel !== "Organization") continue;
      const sentence = sentenceHolding(ctx.sentences, m);
      if (sentence) ctx.relate("MEMBER_OF", m.id, whole.id, sentence, { cue: "part of (named so)", confidence: 0.75 });
      break;
    }
  }
}

/** The sentence holding a span (sentences sorted and apart: the last one starting at or before it). */
function sentenceHolding(sentences: SentenceSpan[], span: { start: number; end: number }): SentenceSpan | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.start <= span.start) lo = mid;
    else hi = mid - 1;
  }
  const s = sentences[lo];
  return s && s.start <= span.start && span.end <= s.end ? s : undefined;
}
