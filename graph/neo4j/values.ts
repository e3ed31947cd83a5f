// The boundary between Neo4j values and unionties records: integers become
// JS numbers (never {low, high}), JSON property strings become attribute
// objects, and attribute objects become the properties the queries store.
import neo4j from "neo4j-driver";
import { foldName } from "../text.js";
import type { EdgeAttributes, NodeAttributes, NodeRecord, RelationshipRecord } from "../types.js";

/** Converts driver values to plain JS: Integer -> number, nested lists and maps included. */
export function toPlain(value: unknown): unknown {
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

/** A whole number for LIMIT/SKIP parameters (neo4j Integer, never a float). */
export function intParam(n: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(Math.trunc(n));
}

const DERIVED = new Set(["documents", "mentions"]);

/** Node properties for storage: indexed columns plus the JSON of every other attribute. */
export function nodeProps(id: string, attrs: NodeAttributes): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) if (!DERIVED.has(k) && v !== undefined) rest[k] = v;
  const aliases = (attrs.aliases ?? []).map(String);
  const folded = [...new Set([attrs.name, id, ...aliases].map((s) => foldName(String(s))))];
  return {
    id,
    nodeLabel: attrs.nodeLabel,
    kind: attrs.kind,
    name: attrs.name,
    origin: attrs.origin ?? null,
    country: attrs.country ?? null,
    sha256: attrs.sha256 ?? null,
    folded,
    // A separator no folded name contains, so CONTAINS never matches across two names.
    searchText: folded.join("\n"),
    aliasesText: aliases.join("\n"),
    attrs: JSON.stringify(rest),
    documents: attrs.documents ?? [],
    mentions: intParam(attrs.mentions ?? 0),
  };
}

/** A stored node row (id, attrs JSON, documents, mentions) as a NodeRecord. */
export function nodeRecord(row: { id: unknown; attrs: unknown; documents: unknown; mentions: unknown }): NodeRecord {
  const attributes = JSON.parse(String(row.attrs)) as NodeAttributes;
  attributes.documents = ((toPlain(row.documents) as string[] | null) ?? []).slice();
  attributes.mentions = Number(toPlain(row.mentions) ?? 0);
  return { id: String(row.id), attributes };
}

/** Relationship properties for storage: filter columns plus the JSON of the attributes. */
export function relationshipProps(id: string, attrs: EdgeAttributes): Record<string, unknown> {
  return {
    id,
    polarity: attrs.polarity,
    confidence: attrs.confidence,
    origin: attrs.origin,
    rejected: attrs.review?.decision === "reject",
    docs: [...new Set(attrs.evidence.map((e) => e.document))].sort(),
    count: attrs.count === undefined ? null : intParam(attrs.count),
    attrs: JSON.stringify(attrs),
  };
}

/** A stored relationship row (id, source, target, attrs JSON) as a RelationshipRecord. */
export function relationshipRecord(row: { id: unknown; source: unknown; target: unknown; attrs: unknown }): RelationshipRecord {
  return { id: String(row.id), source: String(row.source), target: String(row.target), attributes: JSON.parse(String(row.attrs)) as EdgeAttributes };
}

