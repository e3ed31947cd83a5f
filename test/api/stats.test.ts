// GET /api/stats at scale (api/stats.ts): the network it measures is the one
// the plain graphology construction gives (same nodes, neighbours in the same
// order, same weights), its rankings are graphology-metrics' on that graph,
// its communities cover every node with the modularity it reports, and a
// computation on a large graph leaves the event loop free for other requests
// between its steps.
import fc from "fast-check";
import Graph from "graphology";
import betweennessCentrality from "graphology-metrics/centrality/betweenness.js";
import { degreeCentrality } from "graphology-metrics/centrality/degree.js";
import modularity from "graphology-metrics/graph/modularity.js";
import { describe, expect, it } from "vitest";
import { betweennessSources, computeStats, networkOf } from "../../api/stats.js";
import { compressedGraphOf } from "../../graph/algorithms/compressed-graph.js";
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

/** Random exports: nodes of three labels (keys n0.. or array indices), relationships of four types, some absent, some to no node. */
const exports = fc
  .record({
    labels: fc.array(fc.constantFrom("Organization", "Document", "Government"), { minLength: 1, maxLength: 12 }),
    numericKeys: fc.boolean(),
    edges: fc.array(fc.record({ s: fc.nat(13), t: fc.nat(13), type: fc.constantFrom("TIE", "FUNDS", "MENTIONS", "MEMBER_OF"), absent: fc.boolean() }), { maxLength: 60 }),
  })
  .map(({ labels, numericKeys, edges }) => {
    // ends 12 and 13 may name no node (skipped as the plain construction skips them); numeric keys are listed first by graphology
    const key = (i: number) => (numericKeys ? String(20 - i) : `n${i}`);
    return {
      options: { type: "mixed", multi: true, allowSelfLoops: true },
      attributes: {},
      nodes: labels.map((nodeLabel, i) => ({ key: key(i), attributes: { nodeLabel, name: `Node ${i}` } })),
      edges: edges.map((e, i) => ({ key: `e${i}`, source: key(e.s), target: key(e.t), attributes: { type: e.type, polarity: e.absent ? "absent" : "present" } })),
    } as unknown as SerializedGraph;
  });

describe("networkOf", () => {
  it("gives the plain construction's nodes, names, neighbours in graphology's order and weights on random exports", async () => {
    await fc.assert(
      fc.asyncProperty(exports, async (data) => {
        const plain = plainNetworkGraph(data);
        const network = await networkOf(data);
        const { names, size, ...compressed } = network;
        expect(compressed).toEqual(compressedGraphOf(plain));
        expect(size).toBe(plain.size);
        expect(names).toEqual(plain.mapNodes((_n, a) => a.name));
      }),
      { numRuns: 300 },
    );
  });
});

describe("computeStats on random graphs", () => {
  it("ranks as graphology-metrics does on the plain network graph, its communities hold every node once with the modularity it reports, and a shorter top N is the head of the same lists", async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const store = new MemoryStore();
      await store.open();
      await store.importGraph(generateScaleFree({ nodes: 60 + seed * 30, m: 1 + (seed % 3), seed }).graph);
      const data = await store.exportGraph({ withoutDocuments: true });
      const plain = plainNetworkGraph(data);
      const stats = await computeStats(store, 1000);
      const ranked = (values: Record<string, number>) =>
        Object.entries(values)
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .map(([id, value]) => ({ id, name: String(plain.getNodeAttribute(id, "name")), value: Math.round(value * 1e6) / 1e6 }));
      expect(stats.degree).toEqual(ranked(degreeCentrality(plain)));
      expect(stats.betweenness).toEqual(ranked(betweennessCentrality(plain, { getEdgeWeight: null, normalized: true })));
      const community = new Map<string, number>();
      for (const group of stats.communities.groups) for (const id of group.members) community.set(id, group.id);
      expect(community.size).toBe(plain.order);
      expect(stats.communities.groups.reduce((sum, g) => sum + g.size, 0)).toBe(plain.order);
      expect(stats.communities.count).toBe(stats.communities.groups.length);
      const q = modularity(plain, { getNodeCommunity: (node: string) => community.get(node)!, getEdgeWeight: "weight" });
      expect(Math.abs(stats.communities.modularity - q)).toBeLessThanOrEqual(5e-7);
      // a shorter top N is the head of each full list (ties at its edge included)
      const short = await computeStats(store, 3);
      expect(short.degree).toEqual(stats.degree.slice(0, 3));
      expect(short.betweenness).toEqual(stats.betweenness.slice(0, 3));
      expect(short.communities.groups).toEqual(stats.communities.groups.map((g) => ({ ...g, members: g.members.slice(0, 3) })));
      await store.close();
    }
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
