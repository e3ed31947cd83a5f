// The order every store lists relationships in (a node's relationships, a
// neighbourhood, a relationship query), so that answers do not depend on
// insertion order or on the backend: type, then source, then target, then id,
// each compared by UTF-16 code units.

/** What byRelationship reads of a relationship. */
interface Ordered {
  id: string;
  source: string;
  target: string;
  attributes: { type: string };
}

/** Relationship order used by every read: type, source, target, id. */
export function byRelationship(a: Ordered, b: Ordered): number {
  return codeUnits(a.attributes.type, b.attributes.type) || codeUnits(a.source, b.source) || codeUnits(a.target, b.target) || codeUnits(a.id, b.id);
}

function codeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
