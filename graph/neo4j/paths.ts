// Shortest paths on Neo4j chosen exactly as the memory store chooses them:
// Cypher's allShortestPaths finds every shortest route (capped), then the
// routes are ordered the way allShortestPaths in graph/algorithms/traversal-search.ts walks its
// predecessors (sorted, from the target back) and each hop takes the most
// confident walkable relationship (ties: the smallest id).
import type { RelationshipRecord } from "../types.js";

/** One row of the path query: node ids and the relationships crossed. */
export interface PathRow {
  nodes: string[];
  rels: RelationshipRecord[];
}

/** A chosen path: node ids and, per hop, the relationship walked. */
export interface ChosenPath {
  nodes: string[];
  rels: RelationshipRecord[];
}

/**
 * Picks up to `limit` distinct node sequences from the rows, in the memory
 * store's order, each hop on its best relationship among all rows.
 */
export function choosePaths(rows: readonly PathRow[], limit: number): ChosenPath[] {
  // Every walkable relationship seen between two consecutive nodes.
  const between = new Map<string, RelationshipRecord[]>();
  const sequences = new Map<string, string[]>();
  for (const row of rows) {
    sequences.set(row.nodes.join("\u0000"), row.nodes);
    row.rels.forEach((rel, i) => {
      const key = pairKey(row.nodes[i], row.nodes[i + 1]);
      const list = between.get(key) ?? [];
      if (!list.some((r) => r.id === rel.id)) list.push(rel);
      between.set(key, list);
    });
  }
  const ordered = [...sequences.values()].sort((a, b) => compareReversed(a, b));
  return ordered.slice(0, limit).map((nodes) => ({
    nodes,
    rels: nodes.slice(1).map((n, i) => best(between.get(pairKey(nodes[i], n)) ?? [])),
  }));
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function compareReversed(a: readonly string[], b: readonly string[]): number {
  for (let i = a.length - 1; i >= 0; i--) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

function best(list: readonly RelationshipRecord[]): RelationshipRecord {
  return list.reduce((x, y) => {
    const cx = x.attributes.confidence;
    const cy = y.attributes.confidence;
    return cy > cx || (cy === cx && y.id < x.id) ? y : x;
  });
}
