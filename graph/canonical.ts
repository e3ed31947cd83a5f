// The canonical form of an export and its fingerprint: what the parity,
// idempotency and order-independence checks compare. Nodes are sorted by key,
// relationships by (type, source, target, key), evidence lists by document
// and offsets, object keys alphabetically; volatile fields are dropped.
import { createHash } from "node:crypto";
import { normalizeEvidence } from "./merge.js";
import type { EdgeAttributes, SerializedGraph } from "./types.js";

/** Attribute keys that say when something was written, not what: left out of the canonical form. */
export const VOLATILE_KEYS: readonly string[] = ["ingestedAt", "updatedAt", "createdAt", "writtenAt"];

export interface CanonicalGraph {
  nodes: Array<{ key: string; attributes: Record<string, unknown> }>;
  edges: Array<{ key: string; source: string; target: string; undirected: boolean; attributes: Record<string, unknown> }>;
}

/** The export in canonical order with volatile fields dropped; the input is not changed. */
export function exportCanonical(graph: SerializedGraph): CanonicalGraph {
  const nodes = graph.nodes
    .map((n) => ({ key: n.key, attributes: clean(n.attributes ?? {}) }))
    .sort((a, b) => compare(a.key, b.key));
  const edges = graph.edges
    .map((e) => {
      const attrs = (e.attributes ?? {}) as EdgeAttributes;
      return {
        key: e.key,
        source: e.source,
        target: e.target,
        undirected: !!e.undirected,
        attributes: clean({ ...attrs, ...(Array.isArray(attrs.evidence) ? { evidence: normalizeEvidence(attrs.evidence) } : {}) }),
      };
    })
    .sort((a, b) => compare(String(a.attributes.type), String(b.attributes.type)) || compare(a.source, b.source) || compare(a.target, b.target) || compare(a.key, b.key));
  return { nodes, edges };
}

/** JSON with object keys sorted at every depth (arrays keep their order). */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** SHA-256 (hex) of the canonical export: the graph fingerprint. */
export function graphFingerprint(graph: SerializedGraph): string {
  return createHash("sha256").update(stableStringify(exportCanonical(graph))).digest("hex");
}

function clean(attrs: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && !VOLATILE_KEYS.includes(k)) out[k] = v;
  return sortKeys(out) as Record<string, unknown>;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
