// Counts of the embedded store answered from its snapshot (memory-
// snapshot.ts), for a store opened from one whose graphology graph is not
// built: the same answer as statsOf (memory-queries.ts) gives on the graph
// read from graph.json, in the same order, without building it. Relationship
// types and the reject flag come from the traversal index's bits, node kinds
// from the snapshot's node classes (or the node attributes when an older
// snapshot has none).
import { EDGE_REJECTED, walkFilter } from "./algorithms/traversal-index.js";
import type { OpenedSnapshot } from "./memory-snapshot.js";
import { REL_TYPES, type RelType } from "./schema.js";
import type { GraphStats } from "./store.js";

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
