// The boomerang reads on the embedded store's traversal index: a node's
// relationships of the asked types come from its adjacency row (a type mask,
// rejected and dropped relationships left out by their bits), not from a copy
// of every relationship and neighbour of the node sorted for a NodeDetail.
// The records hold the graph's own attribute objects, as the store's reads
// do, so the answer is the same as through the generic source.
import type { RelType } from "../schema.js";
import type { NodeRecord, RelationshipRecord, UnionGraph } from "../types.js";
import type { Adjacent, BoomerangSource } from "./boomerang-source.js";
import { walkFilter, type TraversalIndex } from "./traversal-index.js";

/** A store with a traversal index over a graphology graph (MemoryStore). */
export interface IndexedGraphStore {
  traversalIndex(): TraversalIndex;
  readonly graph: UnionGraph;
}

/** True when the store keeps a traversal index beside its graph. */
export function isIndexedGraphStore(store: object): store is IndexedGraphStore {
  return typeof (store as Partial<IndexedGraphStore>).traversalIndex === "function" && "graph" in store;
}

/**
 * A BoomerangSource over an IndexedGraphStore. Each read takes the store's
 * current graph and index (a write between two reads is seen by the next one);
 * records are made once per source (one analysis) for each node and relationship.
 */
export function indexBoomerangSource(store: IndexedGraphStore): BoomerangSource {
  let seenIndex: TraversalIndex | null = null;
  let seenGraph: UnionGraph | null = null;
  const nodeRecords = new Map<string, NodeRecord>();
  /** By number in the index: the other ends and relationships adjacent() meets. */
  const nodeAt = new Map<number, NodeRecord>();
  const relRecords = new Map<number, RelationshipRecord>();

  /** The graph and an index built from it (reading the graph first may rebuild the index). */
  const current = (): { g: UnionGraph; ix: TraversalIndex } => {
    store.traversalIndex();
    const g = store.graph;
    const ix = store.traversalIndex();
    if (ix !== seenIndex || g !== seenGraph) {
      // Another graph or a rebuilt index: records made before may be out of date.
      nodeRecords.clear();
      nodeAt.clear();
      relRecords.clear();
      seenIndex = ix;
      seenGraph = g;
    }
    return { g, ix };
  };

  const nodeRecord = (g: UnionGraph, id: string): NodeRecord => {
    let record = nodeRecords.get(id);
    if (!record) nodeRecords.set(id, (record = { id, attributes: g.getNodeAttributes(id) }));
    return record;
  };

  const organizations = (state: string, keep: (kind: string) => boolean): NodeRecord[] => {
    const { g } = current();
    const out: NodeRecord[] = [];
    g.forEachNode((id, a) => {
      if (a.nodeLabel === "Organization" && a.country === state && keep(a.kind)) out.push(nodeRecord(g, id));
    });
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };

  return {
    async nodes(ids) {
      const { g } = current();
      return ids.filter((id) => g.hasNode(id)).map((id) => nodeRecord(g, id));
    },
    async stateBodies(state) {
      return organizations(state, (kind) => kind === "government");
    },
    async domesticOrganizations(state) {
      return organizations(state, (kind) => kind !== "government" && kind !== "igo");
    },
    async adjacent(ids, types: readonly RelType[]) {
      const { g, ix } = current();
      // Either polarity; rejected and dropped relationships never.
      const filter = walkFilter({ types, includeAbsent: true });
      const out = new Map<string, Adjacent[]>();
      for (const id of ids) {
        const list: Adjacent[] = [];
        const u = ix.indexOf(id);
        if (u >= 0)
          ix.forEachNeighbour(u, filter, (v, e) => {
            let relationship = relRecords.get(e);
            if (!relationship) {
              const key = ix.edgeKey(e);
              relationship = { id: key, source: ix.nodeKeys[ix.edgeSource[e]], target: ix.nodeKeys[ix.edgeTarget[e]], attributes: g.getEdgeAttributes(key) };
              relRecords.set(e, relationship);
            }
            let other = nodeAt.get(v);
            if (!other) nodeAt.set(v, (other = nodeRecord(g, ix.nodeKeys[v])));
            list.push({ relationship, other });
          });
        out.set(id, list);
      }
      return out;
    },
  };
}
