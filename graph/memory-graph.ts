// The embedded store's graphology graph. graphology keeps each node's
// neighbours in plain objects keyed by neighbour id; V8 gives every such
// object a hidden class per set of keys, so a graph of many nodes with
// distinct neighbours creates millions of hidden classes (the largest cost of
// building a big graph, most of it garbage collection). Here those objects
// start in V8's dictionary mode (a hash table), which they would reach anyway
// past a few dozen keys. Behaviour and iteration order are unchanged: only
// graphology's constructor of node records is wrapped.
import Graph from "graphology";
import type { EdgeAttributes, GraphAttributes, NodeAttributes, UnionGraph } from "./types.js";

type NodeData = { in: object; out: object; undirected: object; clear(): void };
type NodeDataClass = new (key: string, attributes: NodeAttributes) => NodeData;

/** Turns an empty object into a hash table (deleting a property that is not the last one added does this in V8). */
function hashMode(o: object): void {
  const x = o as Record<string, number>;
  x.__a = 0;
  x.__b = 0;
  delete x.__a;
  delete x.__b;
}

const wrapped = new WeakMap<NodeDataClass, NodeDataClass>();

function hashModeClass(Base: NodeDataClass): NodeDataClass {
  const known = wrapped.get(Base);
  if (known) return known;
  function HashModeNodeData(this: NodeData, key: string, attributes: NodeAttributes) {
    Base.call(this, key, attributes);
  }
  HashModeNodeData.prototype = Object.create(Base.prototype);
  HashModeNodeData.prototype.constructor = HashModeNodeData;
  HashModeNodeData.prototype.clear = function (this: NodeData) {
    Base.prototype.clear.call(this);
    hashMode(this.in);
    hashMode(this.out);
    hashMode(this.undirected);
  };
  const cls = HashModeNodeData as unknown as NodeDataClass;
  wrapped.set(Base, cls);
  return cls;
}

/** An empty store graph (mixed, multi, no self-loops) whose adjacency objects are hash tables. */
export function newUnionGraph(): UnionGraph {
  const graph = new Graph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: "mixed", multi: true, allowSelfLoops: false });
  const internal = graph as unknown as { NodeDataClass?: NodeDataClass };
  // Only when graphology's internals look as expected (0.25-0.26); otherwise the plain graph works the same, slower.
  if (typeof internal.NodeDataClass === "function" && typeof internal.NodeDataClass.prototype.clear === "function")
    internal.NodeDataClass = hashModeClass(internal.NodeDataClass);
  return graph;
}
