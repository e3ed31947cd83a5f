// Modularity of a partition of a weighted undirected graph in compressed
// sparse rows, with resolution γ: Q = Σ_c [ in_c / 2m − γ (tot_c / 2m)² ],
// where in_c sums the weights of the ordered pairs of nodes inside community
// c (each internal edge twice), tot_c the weighted degrees of c's nodes and
// 2m all weighted degrees (graphology-metrics' modularity, on typed arrays).
import type { CompressedGraph } from "./compressed-graph.js";

/**
 * Modularity of a partition of `graph` (resolution γ, default 1): the
 * formula in the banner. `communities` holds each node's community, numbered
 * from 0. 0 when the graph has no edges.
 */
export function modularityOf(graph: CompressedGraph, communities: ArrayLike<number>, resolution = 1): number {
  const { offsets, neighbours, weights, order: n } = graph;
  let count = 0;
  for (let i = 0; i < n; i++) count = Math.max(count, communities[i] + 1);
  const tot = new Float64Array(count);
  let total = 0;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const c = communities[i];
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const w = weights[e];
      total += w;
      tot[c] += w;
      if (communities[neighbours[e]] === c) inside += w;
    }
  }
  if (total === 0) return 0;
  let expected = 0;
  for (let c = 0; c < count; c++) expected += (tot[c] / total) * (tot[c] / total);
  return inside / total - resolution * expected;
}
