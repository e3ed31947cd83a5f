// Which nodes play which part in a boomerang chain: the first state's bodies,
// organisations across the border, what a partner may press, and what counts
// as the first state (its bodies or its agreements). Pure predicates.
import type { NodeRecord, RelationshipRecord } from "../types.js";

/** Relationship types that carry a domestic organisation across the border. */
export const REACH_TYPES = ["TIE", "MEMBER_OF"] as const;
/** Relationship types by which a partner takes part in an Event (organising is taking part). */
export const PARTICIPATION_TYPES = ["PARTICIPATED_IN", "FOUNDED"] as const;

/** A government body (ministry, parliament, the collective state node) of this state. */
export function isStateBody(node: NodeRecord, state: string): boolean {
  const a = node.attributes;
  return a.nodeLabel === "Organization" && a.kind === "government" && a.country === state;
}

/**
 * A partner across the border: an organisation of another country or an
 * international body (a global union, an intergovernmental body, or an
 * organisation with no country). Government bodies are not partners: they
 * are what partners press.
 */
export function isAcrossBorder(node: NodeRecord, state: string): boolean {
  const a = node.attributes;
  if (a.nodeLabel !== "Organization" || a.kind === "government") return false;
  return a.kind === "global_union" || a.kind === "igo" || !a.country || a.country !== state;
}

/**
 * What a partner may press for the pressure to come back: its own state's
 * bodies (any other state's when the partner has no country), or an
 * intergovernmental body. Never the first state.
 */
export function isPressurable(node: NodeRecord, partner: NodeRecord, state: string): boolean {
  const a = node.attributes;
  if (a.nodeLabel !== "Organization") return false;
  if (a.kind === "igo") return true;
  if (a.kind !== "government" || !a.country || a.country === state) return false;
  return !partner.attributes.country || partner.attributes.country === a.country;
}

/** The first state itself: one of its bodies, or an Agreement it is a party to. */
export function isStateTarget(node: NodeRecord, state: string): boolean {
  const a = node.attributes;
  if (a.nodeLabel === "Agreement") return (a.parties ?? []).includes(state);
  return isStateBody(node, state);
}

/** Directed relationship leaving `id` (for TIE, either end). */
export function leaves(rel: RelationshipRecord, id: string): boolean {
  return rel.attributes.type === "TIE" ? rel.source === id || rel.target === id : rel.source === id;
}

/** True when the relationship is stated as present. */
export function isPresent(rel: RelationshipRecord): boolean {
  return rel.attributes.polarity !== "absent";
}

/** Lowest confidence of a sequence of relationships (1 for an empty one). */
export function weakest(rels: readonly RelationshipRecord[]): number {
  return rels.reduce((m, r) => Math.min(m, r.attributes.confidence ?? 0), 1);
}

/** Highest confidence among relationships (0 for none). */
export function strongest(rels: readonly RelationshipRecord[]): number {
  return rels.reduce((m, r) => Math.max(m, r.attributes.confidence ?? 0), 0);
}

/** A node's display name with its country, e.g. "KCTU (KR)". */
export function describe(node: NodeRecord): string {
  const c = node.attributes.country;
  return c ? `${node.attributes.name} (${c})` : node.attributes.name;
}
