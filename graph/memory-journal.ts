// An undo journal for the embedded store's writes: before a write changes a
// node or relationship it records how that element was, once per write, so a
// failed write is rolled back in time proportional to what it touched, not to
// the size of the graph (copying a large graph for every document was the
// embedded store's largest ingest cost). Shallow copies suffice: the store's
// writes replace attribute values (new arrays, new objects), never change
// them in place.
import type { EdgeAttributes, NodeAttributes, UnionGraph } from "./types.js";

interface NodeBefore {
  existed: boolean;
  attributes?: NodeAttributes;
}

interface EdgeBefore {
  existed: boolean;
  source?: string;
  target?: string;
  undirected?: boolean;
  attributes?: EdgeAttributes;
}

/** Records the prior state of what a write touches; `rollback` restores it. */
export class WriteJournal {
  private nodes = new Map<string, NodeBefore>();
  private edges = new Map<string, EdgeBefore>();

  constructor(private readonly graph: UnionGraph) {}

  /** Call before changing, adding or dropping node `id` (dropping: call touchNodeEdges first). */
  touchNode(id: string): void {
    if (this.nodes.has(id)) return;
    const g = this.graph;
    this.nodes.set(id, g.hasNode(id) ? { existed: true, attributes: { ...g.getNodeAttributes(id) } } : { existed: false });
  }

  /** Call before changing, adding or dropping relationship `key`. */
  touchEdge(key: string): void {
    if (this.edges.has(key)) return;
    const g = this.graph;
    this.edges.set(
      key,
      g.hasEdge(key)
        ? {
            existed: true,
            source: g.source(key),
            target: g.target(key),
            undirected: g.isUndirected(key),
            attributes: { ...g.getEdgeAttributes(key) },
          }
        : { existed: false },
    );
  }

  /** Call before dropping node `id`: records it and every relationship the drop removes with it. */
  touchNodeAndEdges(id: string): void {
    this.touchNode(id);
    if (this.graph.hasNode(id)) this.graph.forEachEdge(id, (edge) => this.touchEdge(edge));
  }

  /** Puts every touched node and relationship back as it was when first touched. */
  rollback(): void {
    const g = this.graph;
    // Nodes that existed come back first, so relationships have their ends.
    for (const [id, before] of this.nodes) {
      if (!before.existed) continue;
      if (g.hasNode(id)) g.replaceNodeAttributes(id, before.attributes!);
      else g.addNode(id, before.attributes!);
    }
    for (const [key, before] of this.edges) {
      if (!before.existed) {
        if (g.hasEdge(key)) g.dropEdge(key);
        continue;
      }
      if (g.hasEdge(key)) g.replaceEdgeAttributes(key, before.attributes!);
      else if (before.undirected) g.addUndirectedEdgeWithKey(key, before.source!, before.target!, before.attributes!);
      else g.addDirectedEdgeWithKey(key, before.source!, before.target!, before.attributes!);
    }
    for (const [id, before] of this.nodes) if (!before.existed && g.hasNode(id)) g.dropNode(id);
  }
}
