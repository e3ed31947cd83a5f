// Deterministic layout for figures: seeded random start, ForceAtlas2 for a
// fixed number of iterations, then noverlap. The same graph and seed always
// give the same positions, so a figure can be regenerated exactly.
import type Graph from "graphology";
import random from "graphology-layout/random.js";
import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FA2 iterations for a graph of `order` nodes: more for small graphs, fewer for big. */
export function layoutIterations(order: number): number {
  return order < 200 ? 600 : order < 2000 ? 200 : 60;
}

/**
 * Assigns `x` and `y` to every node of `graph` (mutates it). Nodes should
 * carry a `size` attribute, which noverlap keeps apart.
 * @param seed start positions come from this seed
 */
export function layoutFigure(graph: Graph, seed = 1): void {
  if (graph.order === 0) return;
  random.assign(graph, { rng: seededRandom(seed), scale: 100, center: 0 });
  if (graph.size > 0) {
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, {
      iterations: layoutIterations(graph.order),
      settings: { ...settings, barnesHutOptimize: graph.order > 2000, gravity: 1.5, scalingRatio: 10 },
      getEdgeWeight: null,
    });
  }
  noverlap.assign(graph, { maxIterations: 300, settings: { margin: 4, ratio: 1.2 } });
}
