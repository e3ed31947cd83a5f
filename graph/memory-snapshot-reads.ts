// Counts and exports of the embedded store answered from its snapshot
// (memory-snapshot.ts), for a store opened from one whose graphology graph is
// not built: the same answers as statsOf and exportFrom (memory-queries.ts)
// give on the graph read from graph.json, in the same order, without building
// it. Relationship types and the reject and absent flags come from the
// traversal index's bits, node kinds from the snapshot's node classes (or the
// node attributes when an older snapshot has none), and exported attributes
// are parsed from graph.json piece by piece, only for what the filter may keep.
import { EDGE_ABSENT, EDGE_REJECTED, walkFilter } from "./algorithms/traversal-index.js";
import { exportPredicates } from "./filter.js";
import type { OpenedSnapshot } from "./memory-snapshot.js";
import { REL_TYPES, type RelType } from "./schema.js";
import type { ExportFilter, GraphStats } from "./store.js";
import type { SerializedGraph } from "./types.js";

/** Each relationship type by its bit in the index (see edgeBitsOf). */
const TYPE_BY_BIT = new Map<number, RelType>(REL_TYPES.map((t) => [walkFilter({ types: [t] }).mask, t]));
/** The bits of every relationship type. */
const TYPE_BITS = [...TYPE_BY_BIT.keys()].reduce((all, bit) => all | bit, 0);

/**
 * statsOf's answer for the graph the snapshot was made from: nodes by kind
 * and documents in graph.json's order, relationships by type (rejected ones
 * left out) in graph.json's order, so even the keys come in the same order.
 */
export function statsFromSnapshot(snap: OpenedSnapshot): GraphStats {
  const byKind: Record<string, number> = {};
  const byType: Record<string, number> = {};
  let documents = 0;
  const countNode = (kind: string, document: boolean) => {
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (document) documents++;
  };
  const nodeOrder = snap.nodeFileOrder();
  const classes = snap.nodeClasses;
  if (classes) {
    for (let k = 0; k < nodeOrder.length; k++) {
      const [kind, document] = classes.table[classes.codes[nodeOrder[k]]];
      countNode(kind, document);
    }
  } else snap.scanNodes(nodeOrder, (_i, a) => countNode(String(a.kind), a.nodeLabel === "Document"));
  const ix = snap.index;
  const edgeOrder = snap.edgeFileOrder();
  let relationships = 0;
  for (let k = 0; k < edgeOrder.length; k++) {
    const e = edgeOrder[k];
    const bits = ix.edgeBits[e];
    if (bits & EDGE_REJECTED) continue;
    // A type the index has no bit for (none in a valid store) is read from the attributes.
    const type = TYPE_BY_BIT.get(bits & TYPE_BITS) ?? snap.edgeAttributes(e).type;
    byType[type] = (byType[type] ?? 0) + 1;
    if (type !== "MENTIONS") relationships++;
  }
  return { nodes: nodeOrder.length - documents, relationships, documents, byKind, byType };
}

/**
 * exportFrom's answer for the graph the snapshot was made from: nodes and
 * relationships in graph.json's order, attributes as parsed from it. Only
 * nodes a filter by ids may keep are parsed, and only relationships whose
 * ends are kept and whose type, review and polarity (from the index) pass.
 */
export function exportFromSnapshot(snap: OpenedSnapshot, filter: ExportFilter = {}): SerializedGraph {
  const keep = exportPredicates(filter);
  const ix = snap.index;
  const keys = ix.nodeKeys;
  const out: SerializedGraph = { attributes: { ...snap.graphAttributes }, options: { type: "mixed", multi: true, allowSelfLoops: false }, nodes: [], edges: [] };
  let nodes: ArrayLike<number> = snap.nodeFileOrder();
  if (filter.nodeIds) {
    // With ids, only those nodes can be kept (documents never).
    const ids = new Set(filter.nodeIds);
    nodes = (nodes as Int32Array).filter((i) => ids.has(keys[i]));
  }
  const kept = new Uint8Array(ix.nodeCount);
  snap.scanNodes(nodes, (i, attributes) => {
    if (!keep.node(keys[i], attributes)) return;
    kept[i] = 1;
    out.nodes.push({ key: keys[i], attributes });
  });
  const typeMask = filter.types?.length ? walkFilter({ types: filter.types.filter((t) => REL_TYPES.includes(t)) }).mask : TYPE_BITS;
  const forbid = EDGE_REJECTED | (filter.includeAbsent === false ? EDGE_ABSENT : 0);
  const edgeOrder = snap.edgeFileOrder();
  const candidates: number[] = [];
  for (let k = 0; k < edgeOrder.length; k++) {
    const e = edgeOrder[k];
    if (!kept[ix.edgeSource[e]] || !kept[ix.edgeTarget[e]]) continue;
    const bits = ix.edgeBits[e];
    // Without a type bit, the type is tested on the attributes.
    if ((bits & forbid) !== 0 || ((bits & TYPE_BITS) !== 0 && (bits & typeMask) === 0)) continue;
    candidates.push(e);
  }
  snap.scanEdges(candidates, (e, attributes, undirected) => {
    if (!keep.edge(attributes)) return;
    const key = ix.edgeKey(e);
    const source = keys[ix.edgeSource[e]];
    const target = keys[ix.edgeTarget[e]];
    out.edges.push(undirected ? { key, source, target, undirected: true, attributes } : { key, source, target, attributes });
  });
  return out;
}
