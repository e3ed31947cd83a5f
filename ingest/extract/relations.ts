// Relationships from cue patterns over a sentence's structure: for each cue
// (cues.ts) the subject is found before it and the object list after it, one
// relationship per member of each list, with polarity from negation, TIE
// strength from the cue's adjectives, years for since, shares for FUNDS.
import type { RelType } from "../../graph/schema.js";
import { isAsciiWordCode } from "./char-classes.js";
import { CUES, STRENGTH_WORDS, type Cue } from "./cues.js";
import { PREPOSITIONS, clauseEnd, clauseStart, groupsIn, idsIn, negatedIn, nearestBefore, objectsAfter, subjectBefore, type EntityGroup, type IndexSet } from "./clauses.js";
import type { EvidenceAttrs, ExtractionContext } from "./context.js";
import { findSince } from "./dates.js";
import { countryOf } from "./nationality.js";
import { forumOccurrence } from "./events.js";
import { KeyScanner } from "./key-scanner.js";
import { remembered } from "./memo.js";
import { tokenAfter, tokenAt, type SentenceTokens } from "./tokens.js";

/** A cue found in one sentence, in token indices ([a, b)). */
export interface CueHit {
  cue: Cue;
  a: number;
  b: number;
  text: string;
}

/**
 * One scan of the skeleton for every cue's gate keys: a cue is tried when one
 * of its keys occurs anywhere in the skeleton, and one of its `also` keys when
 * it has any. Group i stands for cue i's keys, group N + i for its `also` keys.
 */
const N = CUES.length;
const KEYS = [...new Set(CUES.flatMap((c) => [...c.keys, ...(c.also ?? [])]))];
const GATES = new KeyScanner(KEYS, (k) => CUES.flatMap((c, i) => [...(c.keys.includes(k) ? [i] : []), ...(c.also?.includes(k) ? [N + i] : [])]));
/** Gate marks of the current sentence (reused). */
const active = new Uint8Array(2 * N);
/** Per cue: 1 when it has `also` keys. */
const NEEDS_ALSO = Uint8Array.from(CUES, (c) => (c.also ? 1 : 0));

/** Cue hits of a sentence, left to right, overlapping ones dropped (longest wins). */
export function findCues(s: SentenceTokens): CueHit[] {
  const hits: CueHit[] = [];
  const { tokens, skeleton } = s;
  let entity = false;
  for (let i = 0; i < tokens.length; i++)
    if (tokens[i]!.kind === "E") {
      entity = true;
      break;
    }
  if (!entity) return hits;
  active.fill(0);
  if (!GATES.scan(skeleton, active)) return hits;
  for (let i = 0; i < N; i++) {
    if (!active[i] || (NEEDS_ALSO[i] && !active[N + i])) continue;
    const cue = CUES[i]!;
    const re = cue.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(skeleton))) {
      if (!m[0]) {
        re.lastIndex++;
        continue;
      }
      hits.push({ cue, a: tokenAt(s, m.index), b: tokenAfter(s, m.index + m[0].length), text: m[0] });
    }
  }
  if (hits.length < 2) return hits;
  // By start, longer first: an insertion sort (stable, as Array.prototype.sort; a sentence has a few hits).
  for (let i = 1; i < hits.length; i++) {
    const h = hits[i]!;
    let j = i - 1;
    while (j >= 0 && (hits[j]!.a > h.a || (hits[j]!.a === h.a && hits[j]!.b - hits[j]!.a < h.b - h.a))) {
      hits[j + 1] = hits[j]!;
      j--;
    }
    hits[j + 1] = h;
  }
  // Sorted by start, so the kept hits stay in start order.
  const kept: CueHit[] = [];
  for (const h of hits) {
    let overlaps = false;
    for (let k = 0; k < kept.length; k++)
      if (h.a < kept[k]!.b && kept[k]!.a < h.b) {
        overlaps = true;
        break;
      }
    if (!overlaps) kept.push(h);
  }
  return kept;
}

/** The tie strength a cue's words express. */
export const strengthOf = remembered((text: string): EvidenceAttrs["strength"] => {
  for (const [re, strength] of STRENGTH_WORDS) if (re.test(text)) return strength;
  return undefined;
});

/**
 * Applies every cue of one sentence and drafts the relationships.
 * @param ctx the document
 * @param s the sentence's tokens
 * @param hits the sentence's cues (findCues)
 * @param defaultGovernment the state that blocks when a passive names no agent
 */
export function extractRelations(
  ctx: ExtractionContext,
  s: SentenceTokens,
  hits: CueHit[],
  defaultGovernment: (ids: string[], country?: string) => string | undefined,
  recentEvent: () => string | undefined = () => undefined,
): void {
  const stops = new CueStarts(hits);
  // (the sentence's text is sliced when a rule reads it: most hits never do)
  let sentence: string | undefined;
  const span = { start: s.start, end: s.end };
  // The tests below read the sentence and the document from here (module functions, not closures made per hit).
  current.ctx = ctx;
  current.s = s;
  for (const hit of hits) {
    const { cue } = hit;
    let sources: string[] = [];
    let targets: string[] = [];
    let confidence = cue.confidence;
    let negFrom = clauseStart(s, hit.a);
    // "X's opposition to Y": the possessor right before a nominal cue is its subject.
    const possessor = hit.a >= 2 && s.tokens[hit.a - 1].kind === "W" && (s.tokens[hit.a - 1] as { text: string }).text === "'s" && s.tokens[hit.a - 2].kind === "E" ? groupsIn(s, hit.a - 2, hit.a - 1)[0] : undefined;
    let subject = possessor ? { group: possessor, carried: false } : subjectBefore(s, hit.a, isSubjectActor);
    if (!subject && cue.dir === "reverse") {
      // "60% of ETUC revenues come from X": the actor named just before the cue.
      const near = nearestBefore(s, hit.a, isActor);
      if (near && near.last >= hit.a - 2) subject = { group: near, carried: false };
    }
    if (cue.dir === "by") {
      let agent = objectsAfter(s, hit.b, stops, 3)?.group.ids;
      // "bound by Japan's … structure", "blocked by the state": the country's state is the agent.
      if (!agent) {
        const next = s.tokens.slice(hit.b, hit.b + 3).map((x) => (x.kind === "W" ? x.text : "ENT")).join(" ");
        const country = /^(?:the )?([a-z]+)'s\b/.exec(next)?.[1];
        const code = country ? countryOf(country) : /^(?:the )?(?:state|government)\b/.test(next) ? "" : undefined;
        const gov = code !== undefined ? defaultGovernment(code ? [] : subject?.group.ids ?? [], code || undefined) : undefined;
        if (gov) agent = [gov];
      }
      // The patient: the nearest actor before the cue, unless it is only a comparison ("as many other X").
      const near = nearestBefore(s, hit.a, isPatient);
      const patient = near ?? subject?.group ?? null;
      if (!agent || !patient) continue;
      sources = agent;
      targets = patient.ids;
      negFrom = patient.last + 1;
    } else if (cue.sentenceObject) {
      // "thus linking X to …": X is inside the cue, the other end is what follows or the sentence's other organisation.
      const inside = idsIn(s, hit.a, hit.b);
      const after = objectsAfter(s, hit.b, stops)?.group.ids ?? [];
      sources = inside;
      targets = after.length ? after : idsIn(s, 0, hit.a).filter((id) => !inside.includes(id) && ctx.labelOf(id) === "Organization");
    } else if (cue.dir === "inside" && cue.agentless) {
      // "direct lobbying access for X is limited": X's own state limits it.
      targets = idsIn(s, hit.a, hit.b);
      const agent = defaultGovernment(targets);
      if (!agent) continue;
      sources = [agent];
      negFrom = hit.a;
    } else if (cue.dir === "inside") {
      if (!subject) continue;
      sources = subject.group.ids;
      targets = idsIn(s, hit.a, hit.b);
      negFrom = subject.group.last + 1;
    } else if (cue.dir === "mutual") {
      if (!subject || subject.group.ids.length < 2) continue;
      emitPairs(ctx, cue, subject.group.ids, span, attrsFor(cue, hit, confidence, s), negatedIn(s, subject.group.last + 1, hit.b));
      continue;
    } else if (cue.dir === "between") {
      const list = objectsAfter(s, hit.b, stops, 3);
      if (!list) continue;
      if (list.group.ids.length >= 2) {
        emitPairs(ctx, cue, list.group.ids, span, attrsFor(cue, hit, confidence, s), negatedIn(s, Math.max(negFrom, hit.a - 4), hit.b) || !!cue.negative);
        continue;
      }
      if (!subject) continue;
      sources = subject.group.ids;
      targets = list.group.ids;
    } else {
      const objects = objectsAfter(s, hit.b, stops);
      if (cue.agentless && subject) {
        // "X were excluded (from Y)": Y or the clause's gatekeeper blocks X, else X's own state.
        const end = clauseEnd(s, hit.b);
        const gate = groupsIn(s, clauseStart(s, hit.a), end)
          .filter((g) => g !== subject.group && g.first !== subject.group.first)
          .flatMap((g) => g.ids)
          .find((id) => ["government", "igo"].includes(ctx.kindOf(id) ?? ""));
        const agent = gate ?? defaultGovernment(subject.group.ids);
        if (!agent) continue;
        sources = [agent];
        targets = subject.group.ids;
        confidence *= gate ? 1 : 0.85;
        negFrom = subject.group.last + 1;
      } else {
        if (!subject) continue;
        // A participle ("those belonging to", "groups working with") describes the word before it, not the clause's subject.
        if (startsWithIng(hit.text) && !/^(?:lobbying|according|linking|connecting)\b/.test(hit.text) && subject.group.last < hit.a - 2) {
          const progressive = s.tokens.slice(subject.group.last + 1, hit.a).some((x) => x.kind === "W" && /^(?:is|are|was|were|been|be)$/.test(x.text));
          const gerund = hit.a > 0 && s.tokens[hit.a - 1].kind === "W" && /^(?:by|in|of|for|through)$/.test((s.tokens[hit.a - 1] as { text: string }).text);
          if (!progressive && !gerund) continue;
        }
        let objectIds = objects?.group.ids ?? [];
        if (cue.name === "pressure on") {
          // "pressure on X, not so much on Y but on Z and on W": every "on" of the sentence names a target.
          for (let k = hit.b; k < s.tokens.length; k++) {
            const t = s.tokens[k];
            if (t.kind !== "E") continue;
            const lead = s.tokens.slice(Math.max(hit.b, k - 7), k).map((x) => (x.kind === "W" ? x.text : "ENT")).join(" ");
            if (/\bon\b(?: (?:the|members|member|of|[a-z'-]+|ENT)){0,6}$/.test(lead) && !/\bon\b.*\b(?:with|from|by|to)\b/.test(lead.slice(lead.lastIndexOf(" on ")))) for (const id of t.ids) if (!objectIds.includes(id)) objectIds = [...objectIds, id];
          }
        }
        // "could not participate in it": a pronoun after a participation cue is the event just told of.
        const first = objects ? s.tokens[objects.group.first]! : undefined;
        const pronoun = first !== undefined && first.kind === "E" && (first.end - first.start === 2 || first.end - first.start === 4) && /^(?:it|this|that)$/i.test(s.text.slice(first.start, first.end));
        if (pronoun && cue.types.includes("PARTICIPATED_IN")) objectIds = [];
        if (!objectIds.length && cue.types.includes("PARTICIPATED_IN") && /\bparticipat|\bpart\b|\battend/.test(hit.text)) {
          // "Zenrokyo participated because …": in the event just told of.
          const event = recentEvent();
          const next = s.tokens[hit.b];
          if (event && (pronoun || !(next?.kind === "W" && next.text === "in"))) objectIds = [event];
        }
        if (cue.types.includes("PARTICIPATED_IN") && cue.role !== "organizer") {
          // "took part in the World Social Forum in Mumbai in January 2004": that year's forum, an event.
          // (a copy only when an id changes: most objects are no forum)
          let mapped: string[] | undefined;
          for (let k = 0; k < objectIds.length; k++) {
            const occurrence = forumOccurrence(ctx, objectIds[k]!, (sentence ??= ctx.text.slice(s.start, s.end)));
            if (occurrence !== undefined && occurrence !== objectIds[k]) (mapped ??= objectIds.slice())[k] = occurrence;
          }
          objectIds = mapped ?? objectIds;
        }
        if (!objectIds.length && cue.sentenceObject) {
          objectIds = idsIn(s, 0, s.tokens.length).filter((id) => !subject.group.ids.includes(id) && ctx.labelOf(id) === "Organization");
        }
        if (!objectIds.length) continue;
        if (objects && objects.skipped > 4) confidence *= 0.9;
        [sources, targets] = cue.dir === "reverse" ? [objectIds, subject.group.ids] : [subject.group.ids, objectIds];
        negFrom = subject.group.last + 1;
      }
      if (subject?.carried) confidence *= 0.9;
      if (subject?.group.anaphoric) confidence *= 0.9;
    }
    // The negation and the attributes are read at the first pair whose type fits (many hits have none).
    let negated = false;
    let attrs: EvidenceAttrs | undefined;
    // One attribute object per type of this hit (no one changes a draft's attributes).
    let lastType: RelType | undefined;
    let lastAttrs: EvidenceAttrs | undefined;
    for (const source of sources)
      for (const target of targets) {
        const type = chooseType(ctx, cue.types, source, target);
        if (!type) continue;
        if (attrs === undefined) {
          // Negation between subject and cue, or on the subject's quantifier ("Hardly any of them").
          negated = !!cue.negative || negatedIn(s, Math.max(negFrom, hit.a - 6), cue.negationInside ? hit.a : hit.b) || (!!subject && cue.dir !== "by" && negatedIn(s, Math.max(clauseStart(s, hit.a), subject.group.first - 3), subject.group.first));
          attrs = attrsFor(cue, hit, confidence, s);
        }
        const a = type === lastType ? lastAttrs! : (lastAttrs = attrsOfType(attrs, (lastType = type)));
        ctx.relate(type, source, target, span, a, negated ? "absent" : "present");
        if (cue.symmetric) ctx.relate(type, target, source, span, a, negated ? "absent" : "present");
      }
  }
  current.ctx = undefined;
  current.s = undefined;
}

/** The document and sentence extractRelations is reading, for the tests below. */
const current: { ctx: ExtractionContext | undefined; s: SentenceTokens | undefined } = { ctx: undefined, s: undefined };

/** True when the group names an organisation or a person. */
function isActor(g: EntityGroup): boolean {
  const ctx = current.ctx!;
  for (const id of g.ids) {
    const label = ctx.labelOf(id);
    if (label === "Organization" || label === "Person") return true;
  }
  return false;
}

/** A subject: an actor that is not the possessor of others ("Japanese ICFTU's affiliates"). */
function isSubjectActor(g: EntityGroup): boolean {
  return isActor(g) && !possessorOfOthers(current.s!, g);
}

/** A passive's patient: not only a comparison ("as many other X"). */
function isPatient(g: EntityGroup): boolean {
  const w = prevWord(current.s!, g.first);
  return !/^(?:as|like|unlike|including|such)$/.test(w) && (w === "by" || !PREPOSITIONS.has(w));
}

/** The start tokens of a sentence's cues, as the stops of its object searches (a few hits: a loop beats building a Set). */
class CueStarts implements IndexSet {
  constructor(private readonly hits: CueHit[]) {}

  has(i: number): boolean {
    const hits = this.hits;
    for (let k = 0; k < hits.length; k++) if (hits[k]!.a === i) return true;
    return false;
  }
}

/** True when the text starts with a word ending in "ing", as /^\w+ing\b/ reads it (the word's ASCII word characters, at least four). */
function startsWithIng(text: string): boolean {
  let n = 0;
  while (n < text.length && isAsciiWordCode(text.charCodeAt(n))) n++;
  return n >= 4 && text.charCodeAt(n - 3) === 0x69 && text.charCodeAt(n - 2) === 0x6e && text.charCodeAt(n - 1) === 0x67;
}

/**
 * The cue's attributes that apply to `type` (strength to TIE, role to PARTICIPATED_IN, share to FUNDS), in attrsFor's key order:
 * `attrs` itself when every one of them applies (the same keys and values in the same order).
 */
function attrsOfType(attrs: EvidenceAttrs, type: RelType): EvidenceAttrs {
  if ((attrs.strength === undefined || type === "TIE") && (attrs.role === undefined || type === "PARTICIPATED_IN") && (attrs.share === undefined || type === "FUNDS")) return attrs;
  const a: EvidenceAttrs = { cue: attrs.cue, confidence: attrs.confidence };
  if (type === "TIE" && attrs.strength !== undefined) a.strength = attrs.strength;
  if (type === "PARTICIPATED_IN" && attrs.role !== undefined) a.role = attrs.role;
  if (attrs.since !== undefined) a.since = attrs.since;
  if (type === "FUNDS" && attrs.share !== undefined) a.share = attrs.share;
  return a;
}

/** "Japanese ICFTU's affiliates took part": the possessor of affiliates is not the actor. */
function possessorOfOthers(s: SentenceTokens, g: EntityGroup): boolean {
  const a = s.tokens[g.last + 1];
  const b = s.tokens[g.last + 2];
  return a?.kind === "W" && a.text === "'s" && b?.kind === "W" && /^(?:affiliates?|unions|branches|counterparts|partners|members|member|federations|subsidiaries|opponents|rivals)$/.test(b.text);
}

function prevWord(s: SentenceTokens, i: number): string {
  for (let j = i - 1; j >= 0; j--) {
    const t = s.tokens[j];
    if (t.kind === "E") return "";
    if (/^(?:the|a|an|many|other|some|several|all|most)$/.test(t.text)) continue;
    return t.text;
  }
  return "";
}

function emitPairs(ctx: ExtractionContext, cue: Cue, ids: string[], span: { start: number; end: number }, attrs: EvidenceAttrs, negated: boolean): void {
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      if (cue.types[0] === "FUNDS") {
        // Money between the state and others flows from the state.
        const state = (id: string) => ["government", "igo"].includes(ctx.kindOf(id) ?? "");
        const [from, to] = state(ids[i]) && !state(ids[j]) ? [ids[i], ids[j]] : state(ids[j]) && !state(ids[i]) ? [ids[j], ids[i]] : [];
        if (from && to) ctx.relate("FUNDS", from, to, span, attrs, negated ? "absent" : "present");
        continue;
      }
      const type = chooseType(ctx, cue.types, ids[i], ids[j]);
      if (!type) continue;
      ctx.relate(type, ids[i], ids[j], span, attrs, negated ? "absent" : "present");
      if (cue.symmetric) ctx.relate(type, ids[j], ids[i], span, attrs, negated ? "absent" : "present");
    }
}

/** The first of `types` whose endpoint labels fit source and target. */
function chooseType(ctx: ExtractionContext, types: RelType[], source: string, target: string): RelType | undefined {
  const to = ctx.labelOf(target);
  const from = ctx.labelOf(source);
  for (const t of types) {
    if (t === "PARTICIPATED_IN") {
      if (to === "Event" && (from === "Organization" || from === "Person")) return t;
    } else if (t === "FOUNDED") {
      if (from === "Organization" && to === "Organization") return t;
    } else if (from === "Organization" && (to === "Organization" || (to === "Agreement" && (t === "PRESSURES" || t === "OPPOSES" || t === "TARGETS")) || (to === "Event" && t === "FUNDS"))) return t;
  }
  return undefined;
}

/** The sentence-wide attributes (since, share), read once per sentence: the last sentence's are kept. */
let lastSentence: SentenceTokens | undefined;
let lastShared: { since?: number; share?: string } | undefined;

function attrsFor(cue: Cue, hit: CueHit, confidence: number, s: SentenceTokens): EvidenceAttrs {
  const attrs: EvidenceAttrs = { cue: cue.name, confidence: Math.round(confidence * 1000) / 1000 };
  if (cue.types.includes("TIE")) attrs.strength = cue.strength ?? strengthOf(hit.text) ?? "unspecified";
  if (cue.role) attrs.role = cue.role;
  let shared = s === lastSentence ? lastShared : undefined;
  if (!shared) {
    const sentence = s.text.slice(s.start, s.end);
    // Both readings of "since" need a year: a sentence without "19dd" or "20dd" has none (most have none).
    const since = !/(?:19|20)\d\d/.test(sentence) ? undefined : findSince(sentence) ?? (/\b(?:joined|affiliated|founded|established|set up|since)\b/i.test(sentence) ? Number(/\bin ((?:19|20)\d{2})\b/.exec(sentence)?.[1]) || undefined : undefined);
    // A share needs a "%": most sentences have none, and the pattern would try every digit.
    shared = { since, share: sentence.includes("%") ? /(\d+(?:\s*(?:–|-|to)\s*\d+)?\s*%)/.exec(sentence)?.[1]?.replace(/\s+/g, " ") : undefined };
    lastSentence = s;
    lastShared = shared;
  }
  if (shared.since) attrs.since = shared.since;
  if (shared.share && cue.types.includes("FUNDS")) attrs.share = shared.share;
  return attrs;
}

