// Compressed graphs (graph/algorithms/compressed-graph.ts): built from an
// edge list, they list each node's neighbours and weights exactly as the
// graphology graph of the same edges does, keys that are array indices
// included; an edge to a node that does not exist is refused.
import fc from "fast-check";
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import { compressedGraphFromEdges, compressedGraphOf } from "../../graph/algorithms/compressed-graph.js";

/** Random keys (some array indices, some look-alikes that are not) and edges between them, with weights. */
const edgeLists = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    keys: fc.uniqueArray(fc.oneof(fc.nat(60).map(String), fc.nat(60).map((i) => `n${i}`), fc.constantFrom("01", "-1", "4294967295", "4294967294")), { minLength: n, maxLength: n }),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 9 })), { maxLength: 100 }),
  }),
);

describe("compressedGraphFromEdges", () => {
  it("lists each node's neighbours and weights in graphology's order for the same nodes and edges", () => {
    fc.assert(
      fc.property(edgeLists, ({ keys, edges }) => {
        const g = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
        for (const key of keys) g.addNode(key);
        const [sources, targets, weights]: number[][] = [[], [], []];
        for (const [a, b, w] of edges)
          if (a !== b && !g.hasEdge(keys[a], keys[b])) {
            g.addEdge(keys[a], keys[b], { weight: w });
            sources.push(a);
            targets.push(b);
            weights.push(w);
          }
        const compressed = compressedGraphFromEdges(keys.length, sources.length, sources, targets, weights, keys);
        expect({ ...compressed, keys }).toEqual(compressedGraphOf(g));
      }),
      { numRuns: 300 },
    );
  });

  it("lists neighbours in the order of their edges without keys", () => {
    const c = compressedGraphFromEdges(4, 3, [0, 2, 0], [3, 0, 1], [5, 6, 7]);
    expect(Array.from(c.offsets)).toEqual([0, 3, 4, 5, 6]);
    expect(Array.from(c.neighbours)).toEqual([3, 2, 1, 0, 0, 0]);
    expect(Array.from(c.weights)).toEqual([5, 6, 7, 7, 6, 5]);
  });

  it("refuses an edge to a node outside the graph", () => {
    expect(() => compressedGraphFromEdges(2, 1, [0], [2], [1])).toThrow(RangeError);
  });
});
