// The boomerang reads on the embedded store's traversal index: a node's
// relationships of the asked types come from its adjacency row (a type mask,
// rejected and dropped relationships left out by their bits), not from a copy
// of every relationship and neighbour of the node sorted for a NodeDetail.
// The records hold the graph's own attribute objects, as the store's reads
// do, so the answer is the same as through the generic source.
//
// The records (nodes, relationships, and each relationship seen from each of
// its ends) are kept per graph and index between analyses: a state query
// meets most of a graph, and making ~80,000 small objects per query was most
// of its reading time and garbage. Any change graphology reports on the graph
// (attributes of a node, a relationship or the graph, anything added, dropped
// or cleared) drops them all, as does a new index (a rebuild renumbers).
// The same goes for the answers analyzeBoomerang keeps (BoomerangSource.answers):
// a state asked again on an unchanged graph is answered from them.
import type { RelType } from "../schema.js";
import type { BoomerangResult } from "./boomerang-types.js";
import type { NodeRecord, RelationshipRecord, UnionGraph } from "../types.js";
import type { Adjacent, BoomerangSource } from "./boomerang-source.js";
import { walkFilter, type TraversalIndex } from "./traversal-index.js";

/** A store with a traversal index over a graphology graph (MemoryStore). */
export interface IndexedGraphStore {
  traversalIndex(): TraversalIndex;
  readonly graph: UnionGraph;
}

/** Records of one graph under one index, by number; emptied by any change of the graph. */
interface RecordCache {
  ix: TraversalIndex | null;
  byId: Map<string, NodeRecord>;
  nodes: Map<number, NodeRecord>;
  /** Relationship e seen from its source at 2e, from its target at 2e + 1. */
  ends: Map<number, Adjacent>;
  relationships: Map<number, RelationshipRecord>;
  /** Answers kept by analyzeBoomerang; replaced (not cleared) on a change, so an analysis under way can tell. */
  answers: Map<string, BoomerangResult>;
}

const GRAPH_EVENTS = [
  "nodeAdded", "edgeAdded", "nodeDropped", "edgeDropped", "cleared", "edgesCleared", "attributesUpdated",
  "nodeAttributesUpdated", "edgeAttributesUpdated", "eachNodeAttributesUpdated", "eachEdgeAttributesUpdated",
] as const;

const caches = new WeakMap<UnionGraph, RecordCache>();

function emptied(cache: RecordCache, ix: TraversalIndex | null): void {
  cache.ix = ix;
  cache.byId.clear();
  cache.nodes.clear();
  cache.ends.clear();
  cache.relationships.clear();
  cache.answers = new Map();
}

/** The graph's record cache for this index (made, and hooked to the graph's events, on first use). */
function cacheFor(g: UnionGraph, ix: TraversalIndex): RecordCache {
  let cache = caches.get(g);
  if (!cache) {
    const made: RecordCache = { ix, byId: new Map(), nodes: new Map(), ends: new Map(), relationships: new Map(), answers: new Map() };
    const drop = () => emptied(made, null);
    const emitter = g as unknown as { on(name: string, listener: () => void): void };
    for (const name of GRAPH_EVENTS) emitter.on(name, drop);
    caches.set(g, (cache = made));
  }
  if (cache.ix !== ix) emptied(cache, ix);
  return cache;
}

/**
 * A BoomerangSource over an IndexedGraphStore. Each read takes the store's
 * current graph and index, so a write between two reads is seen by the next one.
 */
export function indexBoomerangSource(store: IndexedGraphStore): BoomerangSource {
  /** The graph, an index built from it (reading the graph first may rebuild the index), and their records. */
  const current = (): { g: UnionGraph; ix: TraversalIndex; cache: RecordCache } => {
    store.traversalIndex();
    const g = store.graph;
    const ix = store.traversalIndex();
    return { g, ix, cache: cacheFor(g, ix) };
  };

  const nodeRecord = (g: UnionGraph, cache: RecordCache, id: string): NodeRecord => {
    let record = cache.byId.get(id);
    if (!record) cache.byId.set(id, (record = { id, attributes: g.getNodeAttributes(id) }));
    return record;
  };

  const organizations = (state: string, keep: (kind: string) => boolean): NodeRecord[] => {
    const { g, cache } = current();
    const out: NodeRecord[] = [];
    g.forEachNode((id, a) => {
      if (a.nodeLabel === "Organization" && a.country === state && keep(a.kind)) out.push(nodeRecord(g, cache, id));
    });
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };

  return {
    answers: () => current().cache.answers,
    async nodes(ids) {
      const { g, cache } = current();
      return ids.filter((id) => g.hasNode(id)).map((id) => nodeRecord(g, cache, id));
    },
    async stateBodies(state) {
      return organizations(state, (kind) => kind === "government");
    },
    async domesticOrganizations(state) {
      return organizations(state, (kind) => kind !== "government" && kind !== "igo");
    },
    async adjacent(ids, types: readonly RelType[]) {
      const { g, ix, cache } = current();
      // Either polarity; rejected and dropped relationships never.
      const filter = walkFilter({ types, includeAbsent: true });
      const out = new Map<string, Adjacent[]>();
      for (const id of ids) {
        const list: Adjacent[] = [];
        const u = ix.indexOf(id);
        if (u >= 0)
          ix.forEachNeighbour(u, filter, (v, e) => {
            const end = 2 * e + (ix.edgeSource[e] === u ? 0 : 1);
            let adjacent = cache.ends.get(end);
            if (!adjacent) {
              let relationship = cache.relationships.get(e);
              if (!relationship) {
                const key = ix.edgeKey(e);
                relationship = { id: key, source: ix.nodeKeys[ix.edgeSource[e]], target: ix.nodeKeys[ix.edgeTarget[e]], attributes: g.getEdgeAttributes(key) };
                cache.relationships.set(e, relationship);
              }
              let other = cache.nodes.get(v);
              if (!other) cache.nodes.set(v, (other = nodeRecord(g, cache, ix.nodeKeys[v])));
              cache.ends.set(end, (adjacent = { relationship, other }));
            }
            list.push(adjacent);
          });
        out.set(id, list);
      }
      return out;
    },
  };
}
