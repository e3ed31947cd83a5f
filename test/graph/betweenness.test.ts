// Betweenness for GET /api/stats: exact (graphology-metrics' values) up to
// the source limit, a seeded estimate from a sample of sources above it; the
// same values from a graphology graph and from the compressed graph of the
// same edges.
import fc from "fast-check";
import Graph from "graphology";
import betweennessCentrality from "graphology-metrics/centrality/betweenness.js";
import { describe, expect, it } from "vitest";
import { betweennessOf, BetweennessRun } from "../../graph/algorithms/betweenness.js";
import { compressedGraphFromEdges } from "../../graph/algorithms/compressed-graph.js";

/** A simple undirected graph on `n` nodes with the given edges (self-loops and repeats skipped). */
function graphOf(n: number, edges: Array<[number, number]>): Graph {
  const g = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (let i = 0; i < n; i++) g.addNode(`n${i}`);
  for (const [a, b] of edges) if (a !== b && !g.hasEdge(`n${a}`, `n${b}`)) g.addEdge(`n${a}`, `n${b}`, { weight: 1 });
  return g;
}

/** A star: node 0 joined to each of the `leaves` others. */
const star = (leaves: number) => graphOf(leaves + 1, Array.from({ length: leaves }, (_, i) => [0, i + 1] as [number, number]));

describe("betweennessOf", () => {
  it("gives graphology-metrics' exact values whenever the graph has no more nodes than the source limit", () => {
    const graphs = fc.integer({ min: 1, max: 40 }).chain((n) =>
      fc.record({ n: fc.constant(n), edges: fc.array(fc.tuple(fc.nat(Math.max(0, n - 1)), fc.nat(Math.max(0, n - 1))), { maxLength: 120 }) }),
    );
    fc.assert(
      fc.property(graphs, ({ n, edges }) => {
        const g = graphOf(n, edges);
        const exact = betweennessCentrality(g, { getEdgeWeight: null, normalized: true });
        const ours = betweennessOf(g, 40, 7);
        expect(ours.sources).toBe(n);
        expect(ours.values).toEqual(exact);
      }),
      { numRuns: 300 },
    );
  });

  it("gives graphology-metrics' values from the compressed graph of an edge list with keys, keys that are array indices included", () => {
    // graphology lists the neighbours keyed "0", "7", … first and in numeric order: the compressed graph must too for the same sums
    const graphs = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.record({
        keys: fc.uniqueArray(fc.oneof(fc.nat(60).map(String), fc.nat(60).map((i) => `n${i}`), fc.constantFrom("01", "-1", "4294967295")), { minLength: n, maxLength: n }),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 100 }),
      }),
    );
    fc.assert(
      fc.property(graphs, ({ keys, edges }) => {
        const g = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
        for (const key of keys) g.addNode(key);
        const sources: number[] = [];
        const targets: number[] = [];
        for (const [a, b] of edges)
          if (a !== b && !g.hasEdge(keys[a], keys[b])) {
            g.addEdge(keys[a], keys[b]);
            sources.push(a);
            targets.push(b);
          }
        const compressed = compressedGraphFromEdges(keys.length, sources.length, sources, targets, new Float64Array(sources.length).fill(1), keys);
        const run = new BetweennessRun({ ...compressed, keys }, keys.length, 7);
        for (const source of run.sources) run.run(source);
        expect(run.result().values).toEqual(betweennessCentrality(g, { getEdgeWeight: null, normalized: true }));
      }),
      { numRuns: 300 },
    );
  });

  it("estimates from the limit's number of sources on a larger graph, the same answer for the same seed", () => {
    const g = star(999);
    const a = betweennessOf(g, 64, 42);
    expect(a.sources).toBe(64);
    expect(betweennessOf(g, 64, 42)).toEqual(a);
    // the centre carries every shortest path between two leaves: exactly 1 normalised, about 1 estimated
    expect(a.values.n0).toBeGreaterThan(0.95);
    expect(a.values.n0).toBeLessThan(1.05);
    for (let i = 1; i < 1000; i++) expect(a.values[`n${i}`]).toBe(0);
  });

  it("ranks the bridge between two dense groups first from a sample, as the exact values do", () => {
    // two cliques of 40 joined by the path 0 - 80 - 81 - 40: those four carry every path between the groups
    const edges: Array<[number, number]> = [];
    for (const base of [0, 40]) for (let i = 0; i < 40; i++) for (let j = i + 1; j < 40; j++) edges.push([base + i, base + j]);
    edges.push([0, 80], [80, 81], [81, 40]);
    const g = graphOf(82, edges);
    const exact = betweennessCentrality(g, { getEdgeWeight: null, normalized: true });
    const sampled = betweennessOf(g, 30, 3).values;
    const topFour = (values: Record<string, number>) => Object.entries(values).sort((x, y) => y[1] - x[1]).slice(0, 4).map(([id]) => id).sort();
    expect(topFour(exact)).toEqual(["n0", "n40", "n80", "n81"]);
    expect(topFour(sampled)).toEqual(["n0", "n40", "n80", "n81"]);
  });
});
