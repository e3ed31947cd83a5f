// GET /api/stats at scale (api/stats.ts): the network it measures is the one
// the plain construction gives, and a computation on a large graph leaves the
// event loop free for other requests between its steps.
import fc from "fast-check";
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import { betweennessSources, computeStats, networkGraph } from "../../api/stats.js";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { MemoryStore } from "../../graph/memory-store.js";
import type { SerializedGraph } from "../../graph/types.js";

/** The network graph built the plain way: look up each pair's edge and add one to its weight. */
function plainNetworkGraph(data: SerializedGraph): Graph {
  const g = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (const n of data.nodes) if (n.attributes.nodeLabel !== "Document") g.addNode(n.key, { name: n.attributes.name });
  for (const e of data.edges) {
    if (e.attributes.type === "MENTIONS" || e.attributes.polarity === "absent" || e.source === e.target) continue;
    if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    const existing = g.edge(e.source, e.target);
    if (existing) g.updateEdgeAttribute(existing, "weight", (w: number) => w + 1);
    else g.addEdge(e.source, e.target, { weight: 1 });
  }
  return g;
}

/** Nodes, then edges with their ends and weights, in the graph's own order. */
const shape = (g: Graph) => ({
  nodes: g.mapNodes((n, a) => [n, a.name]),
  edges: g.mapEdges((_e, a, s, t) => [s, t, a.weight]),
});

describe("networkGraph", () => {
  it("gives the plain construction's nodes, edges, edge order and weights on random exports", async () => {
    const labels = ["Organization", "Document", "Government"] as const;
    const exports = fc.record({
      labels: fc.array(fc.constantFrom(...labels), { minLength: 1, maxLength: 12 }),
      edges: fc.array(
        fc.record({ s: fc.nat(13), t: fc.nat(13), type: fc.constantFrom("TIE", "FUNDS", "MENTIONS", "MEMBER_OF"), absent: fc.boolean() }),
        { maxLength: 60 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(exports, async ({ labels: nodeLabels, edges }) => {
        // ends 12 and 13 may name no node (skipped as the plain construction skips them)
        const data = {
          options: { type: "mixed", multi: true, allowSelfLoops: true },
          attributes: {},
          nodes: nodeLabels.map((nodeLabel, i) => ({ key: `n${i}`, attributes: { nodeLabel, name: `Node ${i}` } })),
          edges: edges.map((e, i) => ({ key: `e${i}`, source: `n${e.s}`, target: `n${e.t}`, attributes: { type: e.type, polarity: e.absent ? "absent" : "present" } })),
        } as unknown as SerializedGraph;
        expect(shape(await networkGraph(data))).toEqual(shape(plainNetworkGraph(data)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("betweennessSources", () => {
  it("is every node up to 256 nodes, 256 sampled sources on 10k / 50k, and fewer, at least 32, as the graph grows", () => {
    expect(betweennessSources(184, 131)).toBe(184);
    expect(betweennessSources(256, 30_000)).toBe(256);
    expect(betweennessSources(257, 1_000)).toBe(256);
    expect(betweennessSources(10_000, 50_000)).toBe(256);
    expect(betweennessSources(100_000, 1_000_000)).toBe(32);
    expect(betweennessSources(50_000, 500_000)).toBe(Math.floor(2 ** 26 / 1_050_000));
    expect(betweennessSources(1_000_000, 10_000_000)).toBe(32);
  });
});

describe("computeStats", () => {
  it("lets timers run between its steps on a 10,000-node graph, and estimates betweenness from 256 sources", async () => {
    const store = new MemoryStore();
    await store.open();
    await store.importGraph(generateScaleFree({ nodes: 10_000, m: 5, seed: 3 }).graph);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    const stats = await computeStats(store, 5);
    clearInterval(timer);
    const ms = performance.now() - started;
    // Run in one piece, no timer could fire before it resolved: its awaits on the store resolve at once.
    expect(ticks, `timer callbacks during ${ms.toFixed(0)} ms`).toBeGreaterThanOrEqual(2);
    expect(stats.betweennessSources).toBe(256);
    expect(stats.counts.nodes).toBe(10_000);
    expect(stats.betweenness).toHaveLength(5);
    expect(stats.communities.groups.reduce((sum, c) => sum + c.size, 0)).toBe(10_000);
  }, 120_000);
});
