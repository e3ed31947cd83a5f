// Filters a graph for export by the ExportFilter options: node kinds,
// countries, ids, relationship types, confidence, years, and the overview of
// the best-connected nodes (top). Rejected relationships never leave the
// store through an export. The predicates are shared by the serialised-graph
// filter (Neo4j) and the embedded store, which applies them before
// serialising so a filtered export of a large graph does not copy the whole
// graph first.
//
// `top` (an overview): the nodes the other filters keep, Document nodes never
// (a document is not an organisation: MENTIONS, its only relationships, are
// never counted), ranked by degree = the number of relationships the other
// filters keep between two such nodes, each counted once at each end (two
// relationships between the same pair count twice, as they are two ties);
// the first `top` by degree, ties by id ascending (code-unit order, as `<`
// compares strings), and the relationships among them. Nodes and
// relationships come in the order they would without `top`. top <= 0 keeps
// nothing; a non-integer is rounded down. `include` adds nodes the other
// filters keep to those `top` (or `nodeIds`) keeps, with the relationships
// among all of them (nodes brought into an overview). `withoutIsolated`
// then leaves out the nodes no kept relationship touches (withoutIsolatedNodes).
import { isRejected } from "./merge.js";
import type { ExportFilter } from "./store.js";
import type { EdgeAttributes, NodeAttributes, SerializedGraph } from "./types.js";

export interface ExportPredicates {
  node: (key: string, attributes: NodeAttributes) => boolean;
  edge: (attributes: EdgeAttributes) => boolean;
}

/**
 * The node and relationship tests of a filter (`top` aside: documents are
 * left out with it, the ranking is topByValue's). Relationships must also
 * have both ends kept (the caller checks that). Absent-polarity relationships
 * are kept unless `includeAbsent` is false (the interchange graph carries them).
 */
export function exportPredicates(filter: ExportFilter = {}): ExportPredicates {
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : null;
  const countries = filter.countries?.length ? new Set(filter.countries) : null;
  const ids = filter.nodeIds ? new Set([...filter.nodeIds, ...(filter.include ?? [])]) : null;
  const types = filter.types?.length ? new Set<string>(filter.types) : null;
  const documents = !filter.withoutDocuments && !kinds && !countries && !ids && filter.top === undefined;
  return {
    node: (key, a) => {
      if (a.nodeLabel === "Document") return documents;
      if (kinds && !kinds.has(a.kind)) return false;
      if (countries && !(a.country && countries.has(a.country))) return false;
      return !ids || ids.has(key);
    },
    edge: (a) => {
      if (isRejected(a)) return false;
      if (types && !types.has(a.type)) return false;
      if (filter.includeAbsent === false && a.polarity === "absent") return false;
      if (filter.minConfidence !== undefined && a.confidence < filter.minConfidence) return false;
      if (filter.fromYear !== undefined && (a.until ?? a.since ?? Infinity) < filter.fromYear) return false;
      if (filter.toYear !== undefined && (a.since ?? -Infinity) > filter.toYear) return false;
      return true;
    },
  };
}

/**
 * The `top` of `items` (node numbers) with the highest value (the overview's
 * degree; GET /api/stats' centralities), ties by key ascending; in no
 * particular order. One pass to find the k-th value, and only the nodes tied
 * at it are sorted (by key).
 */
export function topByValue(items: ArrayLike<number>, valueOf: (i: number) => number, keyOf: (i: number) => string, top: number): number[] {
  const k = top >= 0 ? Math.floor(top) : 0; // NaN: none
  if (items.length <= k) return Array.from(items);
  if (k === 0) return [];
  const values = new Float64Array(items.length);
  for (let j = 0; j < items.length; j++) values[j] = valueOf(items[j]);
  // The k-th largest value: every node above it is kept, ties at it by key.
  const threshold = values.slice().sort()[items.length - k];
  const chosen: number[] = [];
  const tied: number[] = [];
  for (let j = 0; j < items.length; j++) {
    if (values[j] > threshold) chosen.push(items[j]);
    else if (values[j] === threshold) tied.push(items[j]);
  }
  const keyed = tied.map((i) => [keyOf(i), i] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  for (let j = 0; chosen.length < k; j++) chosen.push(keyed[j][1]);
  return chosen;
}

/** `graph` without the nodes none of its relationships touches, when `apply` (the same object when not, or when none is left out). */
export function withoutIsolatedNodes(graph: SerializedGraph, apply: boolean | undefined): SerializedGraph {
  if (!apply) return graph;
  const touched = new Set<string>();
  for (const e of graph.edges) touched.add(e.source).add(e.target);
  if (touched.size === graph.nodes.length) return graph;
  return { ...graph, nodes: graph.nodes.filter((n) => touched.has(n.key)) };
}

/** Returns a new serialised graph holding what `filter` keeps; relationships only when both ends are kept. */
export function filterSerializedGraph(data: SerializedGraph, filter: ExportFilter = {}): SerializedGraph {
  const keep = exportPredicates(filter);
  let nodes = data.nodes.filter(({ key, attributes }) => keep.node(key, attributes));
  let kept = new Set(nodes.map((n) => n.key));
  let edges = data.edges.filter(({ source, target, attributes }) => kept.has(source) && kept.has(target) && keep.edge(attributes));
  if (filter.top !== undefined) {
    const number = new Map(nodes.map((n, i) => [n.key, i]));
    const degree = new Int32Array(nodes.length);
    for (const e of edges) {
      degree[number.get(e.source)!]++;
      degree[number.get(e.target)!]++;
    }
    const all = Int32Array.from(nodes, (_n, i) => i);
    kept = new Set(topByValue(all, (i) => degree[i], (i) => nodes[i].key, filter.top).map((i) => nodes[i].key));
    for (const id of filter.include ?? []) if (number.has(id)) kept.add(id);
    nodes = nodes.filter((n) => kept.has(n.key));
    edges = edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  }
  return withoutIsolatedNodes({ attributes: { ...data.attributes }, options: { ...data.options }, nodes, edges }, filter.withoutIsolated);
}
