// Normalised betweenness centrality of an unweighted graph (graphology),
// exact on small graphs and estimated on large ones. Exact betweenness runs
// one breadth-first search from every node (Brandes), O(nodes x edges): 37 s
// on a 10k-node / 50k-relationship graph, hours on 100k / 1M, all of it on
// the thread that serves requests. Above `maxSources` nodes, the same
// accumulation runs from a seeded sample of that many sources and is scaled
// by nodes / sources (Brandes and Pich 2007, "Centrality estimation in large
// networks"): an unbiased estimate whose ranking of the most central nodes is
// what GET /api/stats reports. Up to `maxSources` nodes every node is a
// source, in index order, so the values are those of graphology-metrics'
// betweennessCentrality(graph, { getEdgeWeight: null, normalized: true }).
import type Graph from "graphology";
import { createUnweightedIndexedBrandes } from "graphology-shortest-path/indexed-brandes.js";
import { seededRandom } from "../figure/layout.js";

/** Betweenness by node key, and how many sources it was computed from (the node count when exact). */
export interface Betweenness {
  values: Record<string, number>;
  sources: number;
}

/** What one single-source search of graphology's indexed Brandes gives: the stack of visited nodes, predecessors and path counts. */
interface BrandesStack {
  items: ArrayLike<number>;
  size: number;
  pop(): number;
}
type IndexedBrandes = ((source: number) => [BrandesStack, number[][], Uint32Array]) & {
  index: { collect(values: Float64Array): Record<string, number> };
};

/** `k` distinct indices below `n`, drawn with a seeded shuffle, in ascending order. */
function sampleSources(n: number, k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return Array.from(pool.subarray(0, k)).sort((a, b) => a - b);
}

/**
 * Normalised betweenness of every node of `graph` (edge weights ignored).
 * @param maxSources most single-source searches run: exact up to this many nodes, estimated above
 * @param seed seed of the sample of sources
 */
export function betweennessOf(graph: Graph, maxSources: number, seed: number): Betweenness {
  const brandes = createUnweightedIndexedBrandes(graph) as unknown as IndexedBrandes;
  const n = graph.order;
  const sources = n <= maxSources ? Array.from({ length: n }, (_, i) => i) : sampleSources(n, Math.max(1, maxSources), seed);
  const delta = new Float64Array(n);
  const centralities = new Float64Array(n);
  for (const source of sources) {
    const [stack, predecessors, sigma] = brandes(source);
    for (let j = 0; j < stack.size; j++) delta[stack.items[j]] = 0;
    while (stack.size !== 0) {
      const w = stack.pop();
      const coefficient = (1 + delta[w]) / sigma[w];
      const before = predecessors[w];
      for (let j = 0; j < before.length; j++) delta[before[j]] += sigma[before[j]] * coefficient;
      if (w !== source) centralities[w] += delta[w];
    }
  }
  // graphology-metrics' normalisation (1 / ((n - 1)(n - 2)), none for n <= 2), times n / sources for a sample
  const scale = n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
  const factor = sources.length < n ? n / sources.length : 1;
  if (scale !== 1 || factor !== 1) for (let i = 0; i < n; i++) centralities[i] = centralities[i] * scale * factor;
  return { values: brandes.index.collect(centralities), sources: sources.length };
}
