// Links around the event tokens of a sentence: TARGETS from "against X" / "in
// front of X" after the event, an organiser from "X's meeting", participants
// from "between A and B" and from the subject of "protested".
import { subjectBefore, groupAt, negatedIn } from "./clauses.js";
import type { ExtractionContext } from "./context.js";
import type { EntityToken, SentenceTokens, Token } from "./tokens.js";

/** The end of the words before a target: its marker, an article and a word (at most five tokens). */
const TARGET_MARKER = /\b(?:against|targeting|targeted at|directed at|in front of|outside)(?: the| a)?(?: [a-z]+)?$/;
const MARKER_TOKENS = 5;

/**
 * The lead of a target as the marker test reads it: the words (each entity as
 * ENT) of tokens [from, to) joined by spaces. Only the last MARKER_TOKENS are
 * joined: token texts hold no space, so a match of TARGET_MARKER lies within
 * them, and the space before them reads as the start of the text.
 */
function markerLead(s: SentenceTokens, from: number, to: number): string {
  let lead = "";
  for (let k = Math.max(from, to - MARKER_TOKENS); k < to; k++) {
    const x = s.tokens[k];
    lead += (lead ? " " : "") + (x.kind === "W" ? x.text : "ENT");
  }
  return lead;
}

/**
 * TARGETS, organisers and participants around the event tokens of a sentence.
 */
export function extractEventLinks(ctx: ExtractionContext, s: SentenceTokens): void {
  const span = { start: s.start, end: s.end };
  const tokens = s.tokens;
  // (a sentence without an event token finds no event below)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "E") continue;
    let event: string | undefined;
    for (const id of t.ids)
      if (ctx.labelOf(id) === "Event") {
        event = id;
        break;
      }
    if (!event) continue;
    // "against X", "in front of X", "targeting X": the list right after the marker, and further markers after it.
    let from = i + 1;
    for (let k = i + 1; k < Math.min(tokens.length, i + 14); k++) {
      const w = tokens[k];
      if (w.kind === "W") {
        if (w.text === "." || w.text === ";" || w.text === "which" || w.text === "but") break;
        continue;
      }
      if (!TARGET_MARKER.test(markerLead(s, from, k))) break;
      const group = groupAt(s, k);
      for (const target of group.ids) ctx.relate("TARGETS", event, target, span, { cue: "against", confidence: 0.8 });
      k = group.last;
      from = k + 1;
    }
    // "X's meeting" / "X's (IPSA) meeting": the possessor organised it.
    for (let d = 1; d <= 3; d++) {
      const p = tokens[i - d];
      const q = tokens[i - d - 1];
      if (p?.kind === "W" && p.text === "'s" && q?.kind === "E") {
        for (const org of (q as EntityToken).ids) ctx.relate("PARTICIPATED_IN", org, event, span, { cue: "'s event", confidence: 0.75, role: "organizer" });
        break;
      }
    }
    // "the hearing, i. e. the exchange between A and B, namely C, D": everyone named after "between" took part.
    let between = -1;
    for (let k = i + 1; k < tokens.length; k++) {
      const x = tokens[k];
      if (x.kind === "W" && x.text === "between") {
        between = k;
        break;
      }
    }
    if (between > 0 && !eventAmong(ctx, tokens, i + 1, between)) {
      for (let k = between + 1; k < tokens.length; k++) {
        const x = tokens[k];
        if (x.kind !== "E") continue;
        for (const id of x.ids) if (ctx.labelOf(id) === "Person" || ctx.labelOf(id) === "Organization") ctx.relate("PARTICIPATED_IN", id, event, span, { cue: "between", confidence: 0.65, role: "participant" });
      }
    }
    // "X protested": the subject took part.
    if (t.via === "event" && ctx.text.slice(t.start, t.end).endsWith("ed")) {
      const subject = subjectBefore(s, i, (g) => g.ids.some((id) => ctx.labelOf(id) === "Organization"));
      if (subject) {
        const negated = negatedIn(s, subject.group.last + 1, i);
        for (const org of subject.group.ids) ctx.relate("PARTICIPATED_IN", org, event, span, { cue: "protested", confidence: 0.85, role: "participant" }, negated ? "absent" : "present");
      }
    }
  }
}

/** True when an entity token in tokens [from, to) stands for an event. */
function eventAmong(ctx: ExtractionContext, tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const x = tokens[k];
    if (x.kind === "E") for (const id of x.ids) if (ctx.labelOf(id) === "Event") return true;
  }
  return false;
}
