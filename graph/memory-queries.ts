// The embedded store's reads that work on the graphology graph alone: search,
// a node with its relationships, relationship queries, export and counts.
// Every list comes back in a fixed order (see byRelationship), so answers do
// not depend on insertion order. Paths and neighbourhoods run on the
// traversal index instead (memory-store.ts).
import { exportPredicates, topByValue, withoutIsolatedNodes } from "./filter.js";
import { hasEvidenceFrom, isRejected } from "./merge.js";
import { REL_SPECS, type RelType } from "./schema.js";
import type { DocumentSummary, ExportFilter, GraphStats, NodeDetail, RelationshipQuery, SearchQuery, SearchResult } from "./store.js";
import { NameIndex } from "./name-index.js";
import { byRelationship } from "./relationship-order.js";
import { foldName } from "./text.js";
import type { EdgeAttributes, NodeAttributes, NodeRecord, RelationshipRecord, SerializedGraph, UnionGraph } from "./types.js";

/** The search index of each graph searched, following its changes. */
const nameIndexes = new WeakMap<UnionGraph, NameIndex>();
/** The default locale's collation, as String#localeCompare without arguments uses it. */
const collator = new Intl.Collator();

export { byRelationship };

/** A node as stores return it. */
export function nodeRecord(g: UnionGraph, id: string): NodeRecord {
  return { id, attributes: g.getNodeAttributes(id) };
}

/** A relationship as stores return it. */
export function edgeRecord(g: UnionGraph, edge: string): RelationshipRecord {
  return { id: edge, source: g.source(edge), target: g.target(edge), attributes: g.getEdgeAttributes(edge) };
}

/** The stored documents, by id. */
export function listDocumentsOf(g: UnionGraph): DocumentSummary[] {
  return g
    .filterNodes((_n, a) => a.nodeLabel === "Document")
    .sort()
    .map((id) => ({ id, attributes: g.getNodeAttributes(id) }));
}

/** What a search reads: the name index, each node's attributes, and every node (for an empty query). */
export interface SearchSource {
  index: NameIndex;
  attributes(id: string): NodeAttributes;
  forEachNode(visit: (id: string, a: NodeAttributes) => void): void;
}

/** Nodes whose name, id or an alias matches the query (case- and accent-blind), best first. */
export function searchGraph(g: UnionGraph, query: SearchQuery): SearchResult {
  let index = nameIndexes.get(g);
  if (!index) nameIndexes.set(g, (index = NameIndex.ofGraph(g)));
  return searchIn({ index, attributes: (id) => g.getNodeAttributes(id), forEachNode: (visit) => g.forEachNode(visit) }, query);
}

/** searchGraph over any SearchSource (the embedded store's snapshot gives one). */
export function searchIn(source: SearchSource, query: SearchQuery): SearchResult {
  const q = foldName(query.q ?? "");
  const accept = (a: NodeAttributes) =>
    (query.label ? a.nodeLabel === query.label : a.nodeLabel !== "Document") && (!query.kind || a.kind === query.kind) && (!query.country || a.country === query.country);
  const hits: Hit[] = [];
  if (q) {
    for (const { id, rank } of source.index.match(q, (id) => accept(source.attributes(id)))) hits.push({ id, rank, a: source.attributes(id) });
  } else {
    // An empty query matches every node (matchRank 1).
    source.forEachNode((id, a) => {
      if (accept(a)) hits.push({ id, rank: 1, a });
    });
  }
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  return { total: hits.length, items: firstInOrder(hits, offset + limit, byRank).slice(offset).map((h) => ({ id: h.id, attributes: h.a })) };
}

interface Hit {
  id: string;
  rank: number;
  a: NodeAttributes;
}

/** Search order: rank, then mentions, then name (collated), then id. */
function byRank(x: Hit, y: Hit): number {
  return y.rank - x.rank || (y.a.mentions ?? 0) - (x.a.mentions ?? 0) || collator.compare(x.a.name, y.a.name) || (x.id < y.id ? -1 : 1);
}

/** The first `k` items of `items` in `order` (a total order), without sorting the rest. */
export function firstInOrder<T>(items: T[], k: number, order: (x: T, y: T) => number): T[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return items.sort(order).slice(0, k);
  const top: T[] = [];
  for (const item of items) {
    if (top.length === k && order(item, top[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(item, top[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}

/** A node, its relationships (not MENTIONS, not rejected) and its neighbours; null when absent. */
export function nodeDetail(g: UnionGraph, id: string): NodeDetail | null {
  if (!g.hasNode(id)) return null;
  const relationships: RelationshipRecord[] = [];
  const neighbours = new Set<string>();
  g.forEachEdge(id, (edge, attrs, source, target) => {
    if (attrs.type === "MENTIONS" || isRejected(attrs)) return;
    relationships.push(edgeRecord(g, edge));
    neighbours.add(source === id ? target : source);
  });
  relationships.sort(byRelationship);
  return { node: nodeRecord(g, id), relationships, neighbours: [...neighbours].sort().map((n) => nodeRecord(g, n)) };
}

/** Relationships matching a query (types, polarity, ends; undirected ones match either way round). */
export function findRelationshipsIn(g: UnionGraph, query: RelationshipQuery): RelationshipRecord[] {
  const test = relationshipTest(query);
  const out: RelationshipRecord[] = [];
  const consider = (edge: string) => {
    if (test(g.getEdgeAttributes(edge), g.source(edge), g.target(edge))) out.push(edgeRecord(g, edge));
  };
  const anchor = query.source ?? query.target;
  if (anchor) {
    if (g.hasNode(anchor)) g.forEachEdge(anchor, (edge) => consider(edge));
  } else g.forEachEdge((edge) => consider(edge));
  return out.sort(byRelationship);
}

/**
 * Whether a relationship (its attributes and stored ends) answers `query`:
 * of one of its types and its polarity, not rejected, with evidence from the
 * document it names, with the ends it names
 * (either way round for an undirected type). Shared by the graph's query and
 * the snapshot's (memory-snapshot-reads.ts).
 */
export function relationshipTest(query: RelationshipQuery): (a: EdgeAttributes, source: string, target: string) => boolean {
  const types = query.types ? new Set<RelType>(query.types) : null;
  const ends = (source: string, target: string, s?: string, t?: string) => (!s || source === s) && (!t || target === t);
  return (a, source, target) => {
    if (types && !types.has(a.type)) return false;
    if (query.polarity && a.polarity !== query.polarity) return false;
    if (isRejected(a)) return false;
    if (query.document !== undefined && !hasEvidenceFrom(a, query.document)) return false;
    return ends(source, target, query.source, query.target) || (!REL_SPECS[a.type].directed && ends(source, target, query.target, query.source));
  };
}

/**
 * A node's attributes as an export holds them: a copy, its `documents` list
 * too (a later write may extend the stored list in place: memory-writes.ts).
 */
function exportedNode(attributes: NodeAttributes): NodeAttributes {
  const out = { ...attributes };
  if (Array.isArray(out.documents)) out.documents = out.documents.slice();
  return out;
}

/**
 * The graph in the interchange format, filtered while serialising (a filtered
 * export copies only what it keeps); with `top`, an overview (overviewFrom).
 */
export function exportFrom(g: UnionGraph, filter: ExportFilter = {}): SerializedGraph {
  if (filter.top !== undefined) return overviewFrom(g, filter, filter.top);
  const keep = exportPredicates(filter);
  const out = emptyExport(g);
  const kept = new Set<string>();
  g.forEachNode((key, attributes) => {
    if (!keep.node(key, attributes)) return;
    kept.add(key);
    out.nodes.push({ key, attributes: exportedNode(attributes) });
  });
  g.forEachEdge((key, attributes, source, target, _sa, _ta, undirected) => {
    if (!kept.has(source) || !kept.has(target) || !keep.edge(attributes)) return;
    out.edges.push(undirected ? { key, source, target, undirected: true, attributes: { ...attributes } } : { key, source, target, attributes: { ...attributes } });
  });
  return withoutIsolatedNodes(out, filter.withoutIsolated);
}

/**
 * exportFrom with `top` (graph/filter.ts): one pass over the relationships
 * counts the degrees and notes, in graph order, those the filter keeps; only
 * the chosen nodes and the relationships among them are then copied.
 */
function overviewFrom(g: UnionGraph, filter: ExportFilter, top: number): SerializedGraph {
  const keep = exportPredicates(filter);
  const keys: string[] = [];
  const number = new Map<string, number>();
  g.forEachNode((key, attributes) => {
    if (!keep.node(key, attributes)) return;
    number.set(key, keys.length);
    keys.push(key);
  });
  const degree = new Int32Array(keys.length);
  const edgeKeys: string[] = [];
  let ends: Int32Array = new Int32Array(1024);
  g.forEachEdge((key, attributes, source, target) => {
    const s = number.get(source);
    const t = number.get(target);
    if (s === undefined || t === undefined || !keep.edge(attributes)) return;
    degree[s]++;
    degree[t]++;
    if (2 * edgeKeys.length + 2 > ends.length) ends = grow(ends);
    ends[2 * edgeKeys.length] = s;
    ends[2 * edgeKeys.length + 1] = t;
    edgeKeys.push(key);
  });
  const all = Int32Array.from(keys, (_k, i) => i);
  const chosen = new Uint8Array(keys.length);
  for (const i of topByValue(all, (i) => degree[i], (i) => keys[i], top)) chosen[i] = 1;
  for (const id of filter.include ?? []) {
    const i = number.get(id);
    if (i !== undefined) chosen[i] = 1;
  }
  const out = emptyExport(g);
  for (let i = 0; i < keys.length; i++) if (chosen[i]) out.nodes.push({ key: keys[i], attributes: exportedNode(g.getNodeAttributes(keys[i])) });
  for (let k = 0; k < edgeKeys.length; k++) {
    if (!chosen[ends[2 * k]] || !chosen[ends[2 * k + 1]]) continue;
    const key = edgeKeys[k];
    const [source, target] = [keys[ends[2 * k]], keys[ends[2 * k + 1]]];
    const attributes = { ...g.getEdgeAttributes(key) };
    out.edges.push(g.isUndirected(key) ? { key, source, target, undirected: true, attributes } : { key, source, target, attributes });
  }
  return withoutIsolatedNodes(out, filter.withoutIsolated);
}

/** A copy of `a` twice as long. */
function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** An export with the graph's attributes and no nodes or relationships yet. */
function emptyExport(g: UnionGraph): SerializedGraph {
  return { attributes: { ...g.getAttributes() }, options: { type: "mixed", multi: true, allowSelfLoops: false }, nodes: [], edges: [] };
}

/** Counts by node kind, relationship type (rejected relationships left out) and country. */
export function statsOf(g: UnionGraph): GraphStats {
  const byKind: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const byCountry: Record<string, number> = {};
  let documents = 0;
  g.forEachNode((_n, a) => {
    byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
    if (a.nodeLabel === "Document") documents++;
    else if (a.country) byCountry[a.country] = (byCountry[a.country] ?? 0) + 1;
  });
  let relationships = 0;
  g.forEachEdge((_e, a) => {
    if (isRejected(a)) return;
    byType[a.type] = (byType[a.type] ?? 0) + 1;
    if (a.type !== "MENTIONS") relationships++;
  });
  return { nodes: g.order - documents, relationships, documents, byKind, byType, byCountry };
}
