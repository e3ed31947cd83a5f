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
  const [a, b] = REL_SPECS[type].directed ? [source, target] : [source, target].sort();
  return `${type}:${a}:${b}${polarity === "absent" ? ":absent" : ""}`;
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
  const byKey = new Map<string, Evidence>();
  for (const e of items) byKey.set(evidenceKey(e), e);
  return [...byKey.values()].sort(
    (x, y) => (x.document < y.document ? -1 : x.document > y.document ? 1 : x.start - y.start || x.end - y.end),
  );
}

const rank = (order: readonly string[], value: string | undefined) => {
  const i = value === undefined ? -1 : order.indexOf(value);
  return i < 0 ? order.length : i;
};

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
  const items = normalizeEvidence(evidence);
  const attrs: EdgeAttributes = {
    ...extra,
    type,
    polarity,
    confidence: round3(
      items.some((e) => e.confidence !== undefined)
        ? Math.max(...items.map((e) => e.confidence ?? 0))
        : (extra.confidence ?? (items.length ? 0.5 : 1)),
    ),
    origin: extra.origin ?? "extracted",
    evidence: items,
  };
  const years = (key: "since" | "until") => items.map((e) => e[key]).filter((y): y is number => typeof y === "number");
  const since = years("since");
  if (since.length) attrs.since = Math.min(...since);
  const until = years("until");
  if (until.length) attrs.until = Math.max(...until);
  if (type === "TIE") {
    const strengths = items.map((e) => e.strength).filter((s) => s !== undefined && s !== "unspecified");
    attrs.strength = strengths.length
      ? strengths.reduce((best, s) => (rank(TIE_STRENGTHS, s) < rank(TIE_STRENGTHS, best) ? s : best))
      : (attrs.strength ?? "unspecified");
  }
  const roles = items.map((e) => e.role).filter((r): r is string => !!r);
  if (roles.length) {
    attrs.role =
      type === "PARTICIPATED_IN"
        ? roles.reduce((best, r) => (rank(PARTICIPATION_ROLES, r) < rank(PARTICIPATION_ROLES, best) ? r : best))
        : [...new Set(roles)].join("; ");
  }
  for (const key of ["share", "amount", "date"] as const) {
    const value = items.find((e) => e[key])?.[key];
    if (value) attrs[key] = value;
  }
  if (review) {
    attrs.review = review;
    if (review.decision === "accept" || review.decision === "correct") attrs.origin = "reviewed";
    if (review.decision === "correct" && review.changes) Object.assign(attrs, review.changes);
  }
  return attrs;
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
  if (!existing) return { ...incoming, aliases: sortedUnion([], incoming.aliases ?? []) };
  const merged: NodeAttributes = { ...existing };
  const incomingWins = standing(incoming.origin) > standing(existing.origin);
  for (const [key, value] of Object.entries(incoming)) {
    if (DERIVED_NODE_KEYS.has(key) || key === "aliases" || value === undefined) continue;
    const current = (existing as Record<string, unknown>)[key];
    if (current === undefined || (incomingWins && key !== "origin")) (merged as Record<string, unknown>)[key] = value;
    else if (!incomingWins && standing(incoming.origin) === standing(existing.origin) && JSON.stringify(value) < JSON.stringify(current))
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
