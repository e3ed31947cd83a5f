// An undo journal for the embedded store's writes: before a write changes a
// node or relationship it records how that element was, so a failed write is
// rolled back in time proportional to what it touched, not to the size of the
// graph (copying a large graph for every document was the embedded store's
// largest ingest cost). The store's writes replace a relationship's
// attributes with a new object and never change one in place, so the journal
// keeps that object itself; a node's attributes are changed in place
// (graphology's mergeNodeAttributes), so they are copied, shallowly: the
// values in them are replaced, never changed, but for one: a node's
// `documents` list, which a write may extend at its end (memory-writes.ts
// addMention), so its length is recorded too and the list cut back to it.
// (A persist relies on the same rule for relationships: it copies the text of
// a relationship whose attribute object it wrote before, memory-written-edges.ts.)
//
// Nodes are recorded once per write (the first state wins). Relationships,
// touched far more often, go to an append-only log replayed backwards, so the
// oldest state is restored last: no lookup per touch, and a relationship's
// ends are recorded only when the write may drop it.
import type { EdgeAttributes, NodeAttributes, Review, UnionGraph } from "./types.js";

interface NodeBefore {
  existed: boolean;
  attributes?: NodeAttributes;
  /** The length of attributes.documents when recorded (a write may extend that list in place). */
  documents?: number;
}

interface EdgeEnds {
  source: string;
  target: string;
  undirected: boolean;
}

/** Records the prior state of what a write touches; `rollback` restores it. */
export class WriteJournal {
  private nodes = new Map<string, NodeBefore>();
  /** Relationship log: key, attributes before (null: it did not exist), ends when it may be dropped. */
  private edgeKeys: string[] = [];
  private edgeAttrs: Array<EdgeAttributes | null> = [];
  private edgeEnds = new Map<number, EdgeEnds>();
  /** Reviews as they were before the write changed them (undefined: none). */
  private reviews = new Map<string, Review | undefined>();

  constructor(private readonly graph: UnionGraph, private readonly reviewMap?: Map<string, Review>) {}

  /** Call before changing, adding or dropping node `id` (dropping: call touchNodeAndEdges instead). */
  touchNode(id: string): void {
    if (this.nodes.has(id)) return;
    const g = this.graph;
    if (!g.hasNode(id)) {
      this.nodes.set(id, { existed: false });
      return;
    }
    const attributes = { ...g.getNodeAttributes(id) };
    this.nodes.set(id, { existed: true, attributes, documents: Array.isArray(attributes.documents) ? attributes.documents.length : undefined });
  }

  /**
   * Call before changing or adding relationship `key`, with `dropping` before
   * dropping it. Returns its current attributes (undefined when absent).
   */
  touchEdge(key: string, dropping = false): EdgeAttributes | undefined {
    const g = this.graph;
    const attrs = g.hasEdge(key) ? g.getEdgeAttributes(key) : undefined;
    const at = this.edgeKeys.push(key) - 1;
    this.edgeAttrs.push(attrs ?? null);
    if (attrs && dropping) this.edgeEnds.set(at, { source: g.source(key), target: g.target(key), undirected: g.isUndirected(key) });
    return attrs;
  }

  /** Call before dropping node `id`: records it and every relationship the drop removes with it. */
  touchNodeAndEdges(id: string): void {
    this.touchNode(id);
    if (this.graph.hasNode(id)) this.graph.forEachEdge(id, (edge) => void this.touchEdge(edge, true));
  }

  /** Call before setting or deleting the review of relationship `id`. */
  touchReview(id: string): void {
    if (this.reviewMap && !this.reviews.has(id)) this.reviews.set(id, this.reviewMap.get(id));
  }

  /** What the write touched: node ids and review ids in the order first touched, relationship keys likewise, each once. */
  touched(): { nodes: string[]; edges: string[]; reviews: string[] } {
    const edges = new Set<string>();
    for (const key of this.edgeKeys) edges.add(key);
    return { nodes: [...this.nodes.keys()], edges: [...edges], reviews: [...this.reviews.keys()] };
  }

  /** Puts every touched node, relationship and review back as it was when first touched. */
  rollback(): void {
    const g = this.graph;
    // Nodes that existed come back first, so relationships have their ends.
    for (const [id, before] of this.nodes) {
      if (!before.existed) continue;
      const documents = before.attributes!.documents;
      if (before.documents !== undefined && documents.length > before.documents) documents.length = before.documents;
      if (g.hasNode(id)) g.replaceNodeAttributes(id, before.attributes!);
      else g.addNode(id, before.attributes!);
    }
    // Backwards: each relationship ends in the state its first record holds. A record without
    // ends is never the one that re-adds a relationship: a later record (replayed earlier) did.
    for (let i = this.edgeKeys.length - 1; i >= 0; i--) {
      const key = this.edgeKeys[i];
      const before = this.edgeAttrs[i];
      if (!before) {
        if (g.hasEdge(key)) g.dropEdge(key);
        continue;
      }
      if (g.hasEdge(key)) g.replaceEdgeAttributes(key, before);
      else {
        const ends = this.edgeEnds.get(i);
        if (!ends) throw new Error(`WriteJournal: relationship ${key} was dropped without being recorded for it`);
        if (ends.undirected) g.addUndirectedEdgeWithKey(key, ends.source, ends.target, before);
        else g.addDirectedEdgeWithKey(key, ends.source, ends.target, before);
      }
    }
    for (const [id, before] of this.nodes) if (!before.existed && g.hasNode(id)) g.dropNode(id);
    if (this.reviewMap)
      for (const [id, review] of this.reviews) {
        if (review === undefined) this.reviewMap.delete(id);
        else this.reviewMap.set(id, review);
      }
  }
}
