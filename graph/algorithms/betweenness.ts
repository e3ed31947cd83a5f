// Normalised betweenness centrality of an unweighted graph (graphology),
// exact on small graphs and estimated on large ones. Exact betweenness runs
// one breadth-first search from every node (Brandes), O(nodes x edges): hours
// on 100k / 1M. Above `maxSources` nodes, the same accumulation runs from a
// seeded sample of that many sources and is scaled by nodes / sources
// (Brandes and Pich 2007, "Centrality estimation in large networks"): an
// unbiased estimate whose ranking of the most central nodes is what GET
// /api/stats reports. Up to `maxSources` nodes every node is a source, in
// index order, so the values are those of graphology-metrics'
// betweennessCentrality(graph, { getEdgeWeight: null, normalized: true }).
//
// The searches run on the graph's adjacency as typed arrays (a
// CompressedGraph, built by the caller from its own edge list or here from a
// graphology graph), numbered and ordered as graphology's indexed Brandes
// numbers them, and find a node's
// predecessors as its neighbours one step nearer the source instead of
// keeping a list per node (graphology allocates one array per node for each
// source: 230 ms a source on 100k / 1M). Each node's dependency receives the
// same terms in the same order, so the values are the same numbers.
import type Graph from "graphology";
import { seededRandom } from "../figure/layout.js";
import { compressedGraphOf, type KeyedCompressedGraph } from "./compressed-graph.js";

/** Betweenness by node key, and how many sources it was computed from (the node count when exact). */
export interface Betweenness {
  values: Record<string, number>;
  sources: number;
}

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
 * Brandes' accumulation over a graph, one source at a time: `run(source)` adds
 * that source's dependencies, `result()` normalises what was added. The
 * sources are chosen at construction (all nodes, or a seeded sample).
 */
export class BetweennessRun {
  /** Node keys by index (graphology's node order). */
  readonly nodes: string[];
  /** The source indices, in the order to run them. */
  readonly sources: number[];
  private readonly starts: Int32Array;
  private readonly neighbours: Int32Array;
  private readonly distance: Int32Array;
  private readonly sigma: Float64Array;
  private readonly delta: Float64Array;
  private readonly queue: Int32Array;
  private readonly centralities: Float64Array;

  /**
   * @param graph an undirected simple graph: a graphology graph, or its
   *   compressed form with node keys (weights are ignored; the values are
   *   graphology-metrics' when its neighbours are in graphology's order, as
   *   compressedGraphFromEdges with keys and compressedGraphOf give them)
   * @param maxSources most single-source searches: exact up to this many nodes, estimated above
   * @param seed seed of the sample of sources
   */
  constructor(graph: Graph | KeyedCompressedGraph, maxSources: number, seed: number) {
    const compressed = "offsets" in graph ? graph : compressedGraphOf(graph, null);
    const n = compressed.order;
    this.nodes = compressed.keys;
    this.starts = compressed.offsets;
    this.neighbours = compressed.neighbours;
    this.distance = new Int32Array(n).fill(-1);
    this.sigma = new Float64Array(n);
    this.delta = new Float64Array(n);
    this.queue = new Int32Array(n);
    this.centralities = new Float64Array(n);
    this.sources = n <= maxSources ? Array.from({ length: n }, (_, i) => i) : sampleSources(n, Math.max(1, maxSources), seed);
  }

  /** Adds the dependencies of the shortest paths from `source` (one breadth-first search). */
  run(source: number): void {
    const { starts, neighbours, distance, sigma, delta, queue, centralities } = this;
    sigma[source] = 1;
    distance[source] = 0;
    queue[0] = source;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head];
      const next = distance[v] + 1;
      const paths = sigma[v];
      for (let j = starts[v], stop = starts[v + 1]; j < stop; j++) {
        const w = neighbours[j];
        if (distance[w] === -1) {
          distance[w] = next;
          queue[tail++] = w;
        }
        if (distance[w] === next) sigma[w] += paths;
      }
    }
    // The queue in reverse is the order of non-increasing distance: each node's dependency is complete when it is reached.
    for (let k = tail - 1; k >= 0; k--) {
      const w = queue[k];
      const coefficient = (1 + delta[w]) / sigma[w];
      const before = distance[w] - 1;
      for (let j = starts[w], stop = starts[w + 1]; j < stop; j++) {
        const v = neighbours[j];
        if (distance[v] === before) delta[v] += sigma[v] * coefficient;
      }
      if (w !== source) centralities[w] += delta[w];
    }
    for (let k = 0; k < tail; k++) {
      const w = queue[k];
      distance[w] = -1;
      sigma[w] = 0;
      delta[w] = 0;
    }
  }

  /** The normalised values by node index after every source has run. */
  valuesByIndex(): Float64Array {
    const n = this.nodes.length;
    // graphology-metrics' normalisation (1 / ((n - 1)(n - 2)), none for n <= 2), times n / sources for a sample
    const scale = n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
    const factor = this.sources.length < n ? n / this.sources.length : 1;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = scale !== 1 || factor !== 1 ? this.centralities[i] * scale * factor : this.centralities[i];
    return values;
  }

  /** The normalised values by node key after every source has run. */
  result(): Betweenness {
    const byIndex = this.valuesByIndex();
    const values: Record<string, number> = {};
    for (let i = 0; i < byIndex.length; i++) values[this.nodes[i]] = byIndex[i];
    return { values, sources: this.sources.length };
  }
}

/**
 * Normalised betweenness of every node of `graph` (edge weights ignored),
 * a graphology graph or its compressed form with keys.
 * @param maxSources most single-source searches run: exact up to this many nodes, estimated above
 * @param seed seed of the sample of sources
 */
export function betweennessOf(graph: Graph | KeyedCompressedGraph, maxSources: number, seed: number): Betweenness {
  const run = new BetweennessRun(graph, maxSources, seed);
  for (const source of run.sources) run.run(source);
  return run.result();
}
