// Network statistics for GET /api/stats: counts by kind and type from the
// store, and on the graph without Documents and MENTIONS (collapsed to a
// simple undirected graph, parallel relationships summed as weights): degree
// centrality (graphology-metrics), betweenness centrality (exact up to
// BETWEENNESS_SOURCES nodes, estimated from a seeded sample of that many
// sources above: graph/algorithms/betweenness.ts) and Louvain communities
// with a fixed random seed, so the same graph gives the same answer.
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import { degreeCentrality } from "graphology-metrics/centrality/degree.js";
import type { GraphStore } from "../graph/store.js";
import type { SerializedGraph } from "../graph/types.js";
import type { Stats } from "./schemas/graph.js";
import { betweennessOf } from "../graph/algorithms/betweenness.js";
import { seededRandom } from "../graph/figure/layout.js";

/** Seed of the Louvain random source (and of the betweenness sample). */
export const LOUVAIN_SEED = 42;
/**
 * Betweenness is exact up to this many nodes and estimated from this many
 * sampled sources above (each source is one breadth-first search over the
 * whole graph, on the thread that serves requests).
 */
export const BETWEENNESS_SOURCES = 256;

/** The network part of an export as a simple undirected weighted graph. */
export function networkGraph(data: SerializedGraph): Graph {
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

function top(g: Graph, values: Record<string, number>, n: number) {
  return Object.entries(values)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([id, value]) => ({ id, name: String(g.getNodeAttribute(id, "name") ?? id), value: Math.round(value * 1e6) / 1e6 }));
}

/** Computes the statistics; `topN` bounds the ranked lists and each community's member list. */
export async function computeStats(store: GraphStore, topN = 20): Promise<Stats> {
  const [counts, data] = await Promise.all([store.stats(), store.exportGraph({ withoutDocuments: true })]);
  const g = networkGraph(data);
  const degree = g.order > 1 ? degreeCentrality(g) : {};
  const between = g.order > 2 ? betweennessOf(g, BETWEENNESS_SOURCES, LOUVAIN_SEED) : { values: {}, sources: g.order };
  let communities: Stats["communities"] = { count: 0, modularity: 0, groups: [] };
  if (g.size > 0) {
    const result = louvain.detailed(g, { rng: seededRandom(LOUVAIN_SEED), getEdgeWeight: "weight" });
    const members = new Map<number, string[]>();
    for (const [node, c] of Object.entries(result.communities)) members.set(c, [...(members.get(c) ?? []), node]);
    const groups = [...members.entries()]
      .map(([id, ids]) => ({ id, size: ids.length, members: ids.sort((a, b) => g.degree(b) - g.degree(a) || (a < b ? -1 : 1)).slice(0, topN) }))
      .sort((a, b) => b.size - a.size || a.id - b.id);
    communities = { count: result.count, modularity: Math.round(result.modularity * 1e6) / 1e6, groups };
  }
  return { counts, degree: top(g, degree, topN), betweenness: top(g, between.values, topN), betweennessSources: between.sources, communities };
}
