// The rules both stores share for combining what several documents say: stable
// relationship ids, node attributes merged so that order never matters, and a
// relationship's attributes derived from its evidence alone. Because every
// attribute is a function of the evidence set, writes are idempotent (a retried
// transaction writes the same values) and ingest order cannot change the graph.
import { PARTICIPATION_ROLES, REL_SPECS, TIE_STRENGTHS, type Polarity, type RelType } from "./schema.js";
import type { EdgeAttributes, Evidence, NodeAttributes, Review } from "./types.js";

/**
 * The stable id of a relationship: type, ends (sorted for undirected TIE) and
 * polarity. The same statement from two documents lands on the same id.
 */
export function relationshipId(type: RelType, source: string, target: string, polarity: Polarity = "present"): string {
  const swap = !REL_SPECS[type].directed && target < source;
  return `${type}:${swap ? target : source}:${swap ? source : target}${polarity === "absent" ? ":absent" : ""}`;
}

/** Ends of an undirected relationship in canonical order; directed ones unchanged. */
export function canonicalEnds(type: RelType, source: string, target: string): [string, string] {
  return REL_SPECS[type].directed || source <= target ? [source, target] : [target, source];
}

/** Key identifying one evidence span, for de-duplication and idempotent writes. */
export function evidenceKey(e: Pick<Evidence, "document" | "start" | "end">): string {
  return `${e.document}@${e.start}-${e.end}`;
}

/** Evidence sorted by document then offsets, one item per span (the later duplicate wins). */
export function normalizeEvidence(items: Evidence[]): Evidence[] {
  // Lists the store wrote are already in order: a check instead of a sort.
  if (isNormalized(items)) return items.slice();
  const byKey = new Map<string, Evidence>();
  for (const e of items) byKey.set(evidenceKey(e), e);
  return [...byKey.values()].sort(
    (x, y) => (x.document < y.document ? -1 : x.document > y.document ? 1 : x.start - y.start || x.end - y.end),
  );
}

/**
 * `normalizeEvidence([...before, ...added])` without the sort when both lists
 * are already normalized: one linear merge (on the same span, `added` wins).
 */
export function mergeEvidence(before: Evidence[], added: Evidence[]): Evidence[] {
  if (before.length === 0) return normalizeEvidence(added);
  if (!isNormalized(before) || !isNormalized(added)) return normalizeEvidence([...before, ...added]);
  if (added.length && compareSpans(before[before.length - 1], added[0]) < 0) {
    // The usual case (documents ingested in id order): the new items go after the stored ones,
    // and the stored list's summary extends over them instead of being made again.
    const out = before.concat(added);
    const known = summaries.get(before);
    if (known) summaries.set(out, summarize(added, known));
    return out;
  }
  const out: Evidence[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < added.length) {
    const c = compareSpans(before[i], added[j]);
    if (c < 0) out.push(before[i++]);
    else if (c > 0) out.push(added[j++]);
    else {
      out.push(added[j++]);
      i++;
    }
  }
  while (i < before.length) out.push(before[i++]);
  while (j < added.length) out.push(added[j++]);
  return out;
}

/** Order of two well-formed spans (string document, finite offsets); 0 for the same span. */
function compareSpans(x: Evidence, y: Evidence): number {
  return x.document < y.document ? -1 : x.document > y.document ? 1 : x.start - y.start || x.end - y.end;
}

/** True when every item is well formed and the list is strictly in span order (so it has no duplicate spans). */
function isNormalized(items: Evidence[]): boolean {
  return summaries.has(items) || inSpanOrder(items);
}

/** isNormalized by looking at the items alone: for a bundle's list, never in the summaries table (no lookup). */
function inSpanOrder(items: Evidence[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const e = items[i];
    if (typeof e.document !== "string" || !Number.isFinite(e.start) || !Number.isFinite(e.end)) return false;
    if (i > 0 && compareSpans(items[i - 1], e) >= 0) return false;
  }
  return true;
}

const rank = (order: readonly string[], value: string | undefined) => {
  const i = value === undefined ? -1 : order.indexOf(value);
  return i < 0 ? order.length : i;
};

/** What an evidence list says, folded in list order: the inputs of deriveFromNormalized. */
export class EvidenceSummary {
  anyConfidence = false;
  confidence = -Infinity;
  since: number | undefined = undefined;
  until: number | undefined = undefined;
  /** The TIE strength of best rank (the first among equals), for any type. */
  strength: string | undefined = undefined;
  strengthRank = 0;
  hasStrength = false;
  /** Roles in list order (null: none). */
  roles: string[] | null = null;
  share: Evidence["share"] = undefined;
  amount: Evidence["amount"] = undefined;
  date: Evidence["date"] = undefined;
}

/**
 * Summaries of the evidence lists relationships store. A list with a summary
 * is normalized and never changed: stores replace a relationship's list,
 * they never edit it in place.
 */
const summaries = new WeakMap<Evidence[], EvidenceSummary>();

/** Folds `items` into a copy of `base` (or a new summary): the same values as one pass over base's list followed by items. */
function summarize(items: Evidence[], base: EvidenceSummary | null): EvidenceSummary {
  const s = new EvidenceSummary();
  if (base) {
    s.anyConfidence = base.anyConfidence;
    s.confidence = base.confidence;
    s.since = base.since;
    s.until = base.until;
    s.strength = base.strength;
    s.strengthRank = base.strengthRank;
    s.hasStrength = base.hasStrength;
    s.roles = base.roles;
    s.share = base.share;
    s.amount = base.amount;
    s.date = base.date;
  }
  return fold(s, items, false);
}

/** Folds `items` into `s` itself (its roles list its own): summarize without the copy. */
function summarizeInto(s: EvidenceSummary, items: Evidence[]): EvidenceSummary {
  return fold(s, items, true);
}

/** Folds `items` into `s`; `ownRoles`: whether s.roles may be changed in place (else copied before the first change). */
function fold(s: EvidenceSummary, items: Evidence[], ownRoles: boolean): EvidenceSummary {
  for (let i = 0; i < items.length; i++) {
    const e = items[i];
    if (e.confidence !== undefined) s.anyConfidence = true;
    s.confidence = Math.max(s.confidence, e.confidence ?? 0);
    if (typeof e.since === "number") s.since = s.since === undefined ? e.since : Math.min(s.since, e.since);
    if (typeof e.until === "number") s.until = s.until === undefined ? e.until : Math.max(s.until, e.until);
    if (e.strength !== undefined && e.strength !== "unspecified") {
      const r = rank(TIE_STRENGTHS, e.strength);
      if (!s.hasStrength || r < s.strengthRank) {
        s.strength = e.strength;
        s.strengthRank = r;
        s.hasStrength = true;
      }
    }
    if (e.role) {
      // A base's list is shared with its own summary: copied before the first change.
      if (!s.roles) s.roles = [];
      else if (!ownRoles) s.roles = s.roles.slice();
      ownRoles = true;
      s.roles.push(e.role);
    }
    if (s.share === undefined && e.share) s.share = e.share;
    if (s.amount === undefined && e.amount) s.amount = e.amount;
    if (s.date === undefined && e.date) s.date = e.date;
  }
  return s;
}

/**
 * A relationship's attributes from its evidence (and a person's review, which
 * wins over what the text says). Pure: the same inputs give the same output.
 *
 * @param type relationship type
 * @param polarity present or absent
 * @param evidence all evidence items, any order
 * @param extra other attributes (origin, MENTIONS count, imported values); a value the evidence supports replaces them
 */
export function deriveEdgeAttributes(
  type: RelType,
  polarity: Polarity,
  evidence: Evidence[],
  extra: Partial<EdgeAttributes> = {},
  review?: Review,
): EdgeAttributes {
  return deriveFromNormalized(type, polarity, normalizeEvidence(evidence), extra, review);
}

/**
 * deriveEdgeAttributes for evidence that is already normalized (see
 * normalizeEvidence, mergeEvidence); `items` becomes the relationship's list.
 * One pass over the items, values identical to the definition above.
 */
export function deriveFromNormalized(type: RelType, polarity: Polarity, items: Evidence[], extra: Partial<EdgeAttributes>, review?: Review): EdgeAttributes {
  let summary = summaries.get(items);
  if (!summary) {
    summary = summarize(items, null);
    // Kept for the list the relationship stores, so the next document's evidence extends it (empty lists need none).
    if (items.length) summaries.set(items, summary);
  }
  return deriveWith(type, polarity, items, summary, extra, review);
}

/** Where a store keeps a relationship's evidence summary beside its list (see mergeAndDerive); empty at first. */
export interface SummaryCell {
  list: Evidence[] | null;
  summary: EvidenceSummary | null;
}

/**
 * `deriveFromNormalized(type, polarity, mergeEvidence(before, added), extra, review)`
 * (the same values) with `before`'s summary read from `cell` when the cell
 * holds it for that very list, else computed; the cell is left holding the
 * new list's. The summary is extended in place: nothing but the cell holds
 * it, and a cell whose list is not the relationship's (after an undo) is
 * simply not used. Saves the summaries table one entry per write, whose
 * growth cost more than the rest of the merge.
 *
 * @param omit keys of `extra` to leave out (never `confidence` or
 *   `origin`): the same as passing copyOf(extra, omit), without the copy
 */
export function mergeAndDerive(
  type: RelType,
  polarity: Polarity,
  before: Evidence[],
  added: Evidence[],
  extra: Partial<EdgeAttributes>,
  review: Review | undefined,
  cell: SummaryCell,
  omit?: readonly string[],
): EdgeAttributes {
  const known = before.length > 0 && cell.list === before ? cell.summary : null;
  let items: Evidence[];
  let summary: EvidenceSummary;
  // The cell's list is one this function made: normalized.
  if (known && added.length && inSpanOrder(added) && compareSpans(before[before.length - 1], added[0]) < 0) {
    items = before.concat(added);
    summary = summarizeInto(known, added);
  } else {
    items = mergeEvidence(before, added);
    summary = summarize(items, null);
  }
  cell.list = items;
  cell.summary = summary;
  return deriveWith(type, polarity, items, summary, extra, review, omit);
}

/**
 * The attributes of deriveFromNormalized from the list's summary; with
 * `omit`, as if `extra` were copyOf(extra, omit) (which must leave
 * `confidence` and `origin` in).
 */
function deriveWith(type: RelType, polarity: Polarity, items: Evidence[], summary: EvidenceSummary, extra: Partial<EdgeAttributes>, review?: Review, omit?: readonly string[]): EdgeAttributes {
  const { anyConfidence, confidence, since, until, hasStrength, strength, roles, share, amount, date } = summary;
  const tie = type === "TIE";
  // Built key by key: the same keys in the same order as `{...extra, type, polarity, confidence, origin, evidence}`,
  // which V8 runs an order of magnitude slower (a spread followed by more keys).
  const attrs = copyOf(extra, omit) as EdgeAttributes;
  attrs.type = type;
  attrs.polarity = polarity;
  attrs.confidence = round3(anyConfidence ? confidence : (extra.confidence ?? (items.length ? 0.5 : 1)));
  attrs.origin = extra.origin ?? "extracted";
  attrs.evidence = items;
  if (since !== undefined) attrs.since = since;
  if (until !== undefined) attrs.until = until;
  if (tie) attrs.strength = hasStrength ? (strength as EdgeAttributes["strength"]) : (attrs.strength ?? "unspecified");
  if (roles) {
    attrs.role =
      type === "PARTICIPATED_IN"
        ? roles.reduce((best, r) => (rank(PARTICIPATION_ROLES, r) < rank(PARTICIPATION_ROLES, best) ? r : best))
        : [...new Set(roles)].join("; ");
  }
  if (share) attrs.share = share;
  if (amount) attrs.amount = amount;
  if (date) attrs.date = date;
  if (review) {
    attrs.review = review;
    if (review.decision === "accept" || review.decision === "correct") attrs.origin = "reviewed";
    if (review.decision === "correct" && review.changes) Object.assign(attrs, review.changes);
  }
  return attrs;
}

/**
 * A shallow copy of an object's own enumerable keys, in order, leaving out
 * `omit`: what `const { a, b, ...rest } = source` gives, at a fraction of the
 * cost when more keys are added to the copy later.
 */
export function copyOf<T extends object>(source: T, omit?: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (omit && omit.includes(key)) continue;
    const value = (source as Record<string, unknown>)[key];
    if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out as Partial<T>;
}

/** Whether any of a relationship's evidence comes from document `id`. */
export function hasEvidenceFrom(a: EdgeAttributes, id: string): boolean {
  for (const e of a.evidence) if (e.document === id) return true;
  return false;
}

/** True when a person rejected the relationship: stores keep it but exports and queries leave it out. */
export function isRejected(attrs: Pick<EdgeAttributes, "review">): boolean {
  return attrs.review?.decision === "reject";
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const DERIVED_NODE_KEYS = new Set(["documents", "mentions"]);

/**
 * Merges what a document says about a node into what the store holds, in a way
 * that does not depend on order: aliases are a sorted union; for any other
 * attribute a codebook value wins over an extracted one, and between two values
 * of the same standing the smaller (by JSON text) wins. `documents` and
 * `mentions` are derived by the store from MENTIONS and left as they are.
 */
export function mergeNodeAttributes(existing: NodeAttributes | undefined, incoming: NodeAttributes): NodeAttributes {
  if (!existing) {
    // Key by key: the same object as `{ ...incoming, aliases: … }`, much faster in V8.
    const out = copyOf(incoming) as NodeAttributes;
    out.aliases = sortedUnion([], incoming.aliases ?? []);
    return out;
  }
  const merged: NodeAttributes = { ...existing };
  const incomingWins = standing(incoming.origin) > standing(existing.origin);
  for (const [key, value] of Object.entries(incoming)) {
    if (DERIVED_NODE_KEYS.has(key) || key === "aliases" || value === undefined) continue;
    const current = (existing as Record<string, unknown>)[key];
    if (current === undefined || (incomingWins && key !== "origin")) (merged as Record<string, unknown>)[key] = value;
    // (An equal primitive is never smaller: the JSON comparison is skipped.)
    else if (!incomingWins && value !== current && standing(incoming.origin) === standing(existing.origin) && JSON.stringify(value) < JSON.stringify(current))
      (merged as Record<string, unknown>)[key] = value;
  }
  if (incomingWins) merged.origin = incoming.origin;
  merged.aliases = sortedUnion(existing.aliases ?? [], incoming.aliases ?? []).filter((a) => a !== merged.name);
  return merged;
}

function standing(origin: NodeAttributes["origin"]): number {
  return origin === "manual" ? 3 : origin === "codebook" ? 2 : origin === "imported" ? 1 : 0;
}

function sortedUnion(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/**
 * Attributes that deriveEdgeAttributes recomputes from evidence, removed before
 * it runs again so that values of removed evidence do not linger. Kept when
 * the relationship has no evidence (imported or manual relationships).
 */
export function stripDerived(extra: Partial<EdgeAttributes>, hasEvidence = true): Partial<EdgeAttributes> {
  const { confidence, since, until, strength, role, share, amount, date, review, ...rest } = extra;
  return hasEvidence ? rest : { ...rest, confidence, since, until, strength, role, share, amount, date };
}
