// A graph import into an empty embedded store, prepared as plain arrays in
// one pass: each node's and relationship's stored attributes computed exactly
// as a one-by-one import into graphology would compute them (same merges,
// same derivation, same order), every broken relationship end found before
// anything is written. The prepared graph then either becomes a graphology
// graph or, for a large store on disk, is written straight to graph.json and
// the snapshot without building graphology at all (the store then answers
// from the snapshot, as after opening a large store). A merge into a store
// that holds data goes element by element (mergeIntoGraph).
import { InvalidDataError, type FieldProblem } from "./errors.js";
import { copyOf, deriveFromNormalized, mergeEvidence, mergeNodeAttributes, relationshipId } from "./merge.js";
import { newUnionGraph } from "./memory-graph.js";
import { addRelationship } from "./memory-writes.js";
import { REL_SPECS, isRelType, type Polarity } from "./schema.js";
import type { EdgeAttributes, Evidence, GraphAttributes, NodeAttributes, Review, SerializedGraph, UnionGraph } from "./types.js";

/** Keys of an imported relationship's attributes that are not kept as they are. */
const DERIVED_FROM = ["evidence", "type", "polarity"];

/** A graph ready to store: nodes and relationships in graphology's order, attributes final. */
export class PreparedGraph {
  readonly nodeKeys: string[] = [];
  readonly nodeAttrs: NodeAttributes[] = [];
  readonly edgeKeys: string[] = [];
  readonly edgeSource: string[] = [];
  readonly edgeTarget: string[] = [];
  readonly edgeAttrs: EdgeAttributes[] = [];
  readonly nodeIndex = new Map<string, number>();

  constructor(readonly attributes: GraphAttributes) {}

  /** Number of relationships (graphology's `size`). */
  get size(): number {
    return this.edgeKeys.length;
  }

  /** Whether relationship i is undirected. */
  undirected(i: number): boolean {
    return !REL_SPECS[this.edgeAttrs[i].type].directed;
  }

  /** Adds everything to `graph` (empty, or with listeners that should see the additions). */
  addTo(graph: UnionGraph): UnionGraph {
    for (let i = 0; i < this.nodeKeys.length; i++) graph.addNode(this.nodeKeys[i], this.nodeAttrs[i]);
    for (let i = 0; i < this.edgeKeys.length; i++) {
      if (this.undirected(i)) graph.addUndirectedEdgeWithKey(this.edgeKeys[i], this.edgeSource[i], this.edgeTarget[i], this.edgeAttrs[i]);
      else graph.addDirectedEdgeWithKey(this.edgeKeys[i], this.edgeSource[i], this.edgeTarget[i], this.edgeAttrs[i]);
    }
    return graph;
  }

  /** A new store graph holding the prepared graph. */
  toGraph(): UnionGraph {
    const graph = newUnionGraph();
    graph.replaceAttributes({ ...this.attributes });
    return this.addTo(graph);
  }

  /**
   * The three calls of graphology's API that building the traversal index
   * makes (TraversalIndex.fromGraph: nodes, size, forEachEdge), so the index
   * is built from the arrays. A test compares it with the index of the graph.
   */
  asIndexSource(): UnionGraph {
    const self = this;
    const source = {
      nodes: () => self.nodeKeys.slice(),
      get size() {
        return self.size;
      },
      forEachEdge(callback: (key: string, attrs: EdgeAttributes, source: string, target: string) => void) {
        for (let i = 0; i < self.edgeKeys.length; i++) callback(self.edgeKeys[i], self.edgeAttrs[i], self.edgeSource[i], self.edgeTarget[i]);
      },
    };
    return source as unknown as UnionGraph;
  }
}

/** An imported node's attributes, copied, with the lists and counts a stored node always has. */
function incomingNode(attributes: SerializedGraph["nodes"][number]["attributes"]): NodeAttributes {
  const incoming = copyOf(attributes) as NodeAttributes;
  incoming.documents ??= [];
  incoming.mentions ??= 0;
  incoming.aliases ??= [];
  return incoming;
}

/** An imported relationship's attributes merged with the evidence already stored under its id (`before`). */
function mergedEdge(a: EdgeAttributes, polarity: Polarity, before: Evidence[], review: Review | undefined): EdgeAttributes {
  return deriveFromNormalized(a.type, polarity, mergeEvidence(before, a.evidence ?? []), copyOf(a, DERIVED_FROM), review);
}

/**
 * Prepares `data` for an empty store: what `graph.mergeNode` / edge merges
 * one by one would store. Throws InvalidDataError before anything is written
 * when a relationship has an unknown type, a missing end or two equal ends
 * (listing every such problem).
 * @param reviews the store's reviews (a reviewed relationship keeps its review)
 */
export function prepareImport(
  data: SerializedGraph,
  attributes: GraphAttributes,
  reviews: Map<string, Review>,
  onProgress?: (done: number, total: number) => void,
): PreparedGraph {
  const out = new PreparedGraph(attributes);
  const total = data.nodes.length + data.edges.length;
  let done = 0;
  for (const n of data.nodes) {
    const incoming = incomingNode(n.attributes);
    const at = out.nodeIndex.get(n.key);
    if (at === undefined) {
      out.nodeIndex.set(n.key, out.nodeKeys.length);
      out.nodeKeys.push(n.key);
      out.nodeAttrs.push(mergeNodeAttributes(undefined, incoming));
    } else out.nodeAttrs[at] = mergeNodeAttributes(out.nodeAttrs[at], incoming);
    if (++done % 50_000 === 0) onProgress?.(done, total);
  }
  const edgeIndex = new Map<string, number>();
  const problems: FieldProblem[] = [];
  data.edges.forEach((e, i) => {
    const a = e.attributes;
    if (!isRelType(a.type)) {
      problems.push({ path: `edges[${i}].type`, message: `edge ${e.key} has unknown type ${String(a.type)}` });
      return;
    }
    if (!out.nodeIndex.has(e.source)) problems.push({ path: `edges[${i}].source`, message: `node "${e.source}" does not exist` });
    if (!out.nodeIndex.has(e.target)) problems.push({ path: `edges[${i}].target`, message: `node "${e.target}" does not exist` });
    if (e.source === e.target) problems.push({ path: `edges[${i}]`, message: `a relationship needs two different ends ("${e.source}")` });
    if (problems.length) return;
    const polarity = a.polarity ?? "present";
    const key = relationshipId(a.type, e.source, e.target, polarity);
    const at = edgeIndex.get(key);
    const before: Evidence[] = at === undefined ? [] : out.edgeAttrs[at].evidence;
    const attrs = mergedEdge(a, polarity, before, reviews.get(key));
    if (at !== undefined) out.edgeAttrs[at] = attrs;
    else {
      edgeIndex.set(key, out.edgeKeys.length);
      out.edgeKeys.push(key);
      const swap = !REL_SPECS[a.type].directed && e.target < e.source;
      out.edgeSource.push(swap ? e.target : e.source);
      out.edgeTarget.push(swap ? e.source : e.target);
      out.edgeAttrs.push(attrs);
    }
    if (++done % 50_000 === 0) onProgress?.(done, total);
  });
  if (problems.length) throw new InvalidDataError(`import: ${problems.length} relationship(s) cannot be stored`, problems);
  onProgress?.(total, total);
  return out;
}

/**
 * Merges a serialised graph into a graph that already holds data, one element
 * at a time (same attributes as an import into an empty store would give).
 * Not atomic: the caller keeps a copy to restore on failure.
 */
export function mergeIntoGraph(g: UnionGraph, data: SerializedGraph, reviews: Map<string, Review>, onProgress?: (done: number, total: number) => void): void {
  const total = data.nodes.length + data.edges.length;
  let done = 0;
  for (const n of data.nodes) {
    const incoming = incomingNode(n.attributes);
    const existing = g.hasNode(n.key) ? g.getNodeAttributes(n.key) : undefined;
    const merged = mergeNodeAttributes(existing, incoming);
    if (existing) g.replaceNodeAttributes(n.key, merged);
    else g.addNode(n.key, merged);
    if (++done % 50_000 === 0) onProgress?.(done, total);
  }
  for (const e of data.edges) {
    const a = e.attributes;
    if (!isRelType(a.type)) throw new InvalidDataError(`import: edge ${e.key} has unknown type ${String(a.type)}`);
    const polarity = a.polarity ?? "present";
    const key = relationshipId(a.type, e.source, e.target, polarity);
    const old = g.hasEdge(key) ? g.getEdgeAttributes(key) : undefined;
    const attrs = mergedEdge(a, polarity, old?.evidence ?? [], reviews.get(key));
    if (old) g.replaceEdgeAttributes(key, attrs);
    else addRelationship(g, key, e.source, e.target, attrs);
    if (++done % 50_000 === 0) onProgress?.(done, total);
  }
  onProgress?.(total, total);
}
