// An undirected weighted graph in compressed sparse rows (typed arrays), the
// form the statistics algorithms (betweenness.ts, louvain.ts) run on: node i's
// neighbours are neighbours[offsets[i] .. offsets[i + 1]), each edge listed at
// both of its ends with its weight beside it. Building it from an edge list
// costs two passes over the edges and no object per edge (a graphology graph
// of 1M edges took 11 s to build, most of it allocation and GC).
//
// Neighbours are listed in the order graphology's forEachNeighbor gives them
// for the same nodes and edges added in the same order, so an algorithm whose
// floating-point sums depend on that order (Brandes' betweenness) gives the
// same numbers on both: each node's edges in the order they were added, but
// neighbours whose key is an array index ("0", "17") first, in ascending
// numeric order, as a JavaScript object (graphology's adjacency) lists them.
import type Graph from "graphology";

/** An undirected graph in compressed sparse rows; no self-loops (algorithms that make them keep them aside). */
export interface CompressedGraph {
  /** Number of nodes (indices 0 .. order - 1). */
  order: number;
  /** Start of each node's neighbours in `neighbours`, and their end at `offsets[order]` (length order + 1). */
  offsets: Int32Array;
  /** Neighbour indices, each edge at both ends. */
  neighbours: Int32Array;
  /** Weight of the edge at the same position in `neighbours` (positive). */
  weights: Float64Array;
}

/** A compressed graph with its node keys by index. */
export interface KeyedCompressedGraph extends CompressedGraph {
  keys: string[];
}

/** The array index a property key is (a canonical integer below 2^32 - 1), or -1. */
function arrayIndexOf(key: string): number {
  if (!/^(?:0|[1-9]\d{0,9})$/.test(key)) return -1;
  const value = Number(key);
  return value < 4294967295 ? value : -1;
}

/** Reorders each node's neighbours as an object keyed by neighbour key iterates: array indices first, ascending, then the rest in order. */
function objectKeyOrder(graph: CompressedGraph, keys: string[]): void {
  const index = new Float64Array(graph.order);
  let any = false;
  for (let i = 0; i < graph.order; i++) {
    index[i] = arrayIndexOf(keys[i]);
    if (index[i] >= 0) any = true;
  }
  if (!any) return;
  const { offsets, neighbours, weights } = graph;
  for (let i = 0; i < graph.order; i++) {
    const start = offsets[i];
    const stop = offsets[i + 1];
    const entries: Array<[number, number]> = [];
    for (let k = start; k < stop; k++) entries.push([neighbours[k], weights[k]]);
    const numeric = entries.filter(([j]) => index[j] >= 0).sort((a, b) => index[a[0]] - index[b[0]]);
    if (!numeric.length) continue;
    const rest = entries.filter(([j]) => index[j] < 0);
    let k = start;
    for (const [j, w] of [...numeric, ...rest]) {
      neighbours[k] = j;
      weights[k++] = w;
    }
  }
}

/**
 * The compressed graph of `edges` simple undirected edges between `order`
 * nodes: edge e joins sources[e] and targets[e] (distinct, each pair once)
 * with weight weights[e]. With `keys`, neighbours are ordered as graphology
 * orders them for nodes of those keys (see the banner).
 * @throws RangeError when an end is outside 0 .. order - 1
 */
export function compressedGraphFromEdges(
  order: number,
  edges: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights: ArrayLike<number>,
  keys?: string[],
): CompressedGraph {
  const offsets = new Int32Array(order + 1);
  for (let e = 0; e < edges; e++) {
    const s = sources[e];
    const t = targets[e];
    if (!(s >= 0 && s < order && t >= 0 && t < order)) throw new RangeError(`compressedGraphFromEdges: edge ${e} joins ${s} and ${t}, expected nodes 0 to ${order - 1}`);
    offsets[s + 1]++;
    offsets[t + 1]++;
  }
  for (let i = 0; i < order; i++) offsets[i + 1] += offsets[i];
  const next = offsets.slice(0, order);
  const neighbours = new Int32Array(2 * edges);
  const weightsOut = new Float64Array(2 * edges);
  for (let e = 0; e < edges; e++) {
    const s = sources[e];
    const t = targets[e];
    const w = weights[e];
    let k = next[s]++;
    neighbours[k] = t;
    weightsOut[k] = w;
    k = next[t]++;
    neighbours[k] = s;
    weightsOut[k] = w;
  }
  const graph = { order, offsets, neighbours, weights: weightsOut };
  if (keys) objectKeyOrder(graph, keys);
  return graph;
}

/**
 * The compressed form of a simple undirected graphology graph: nodes in the
 * graph's order, neighbours in its forEachNeighbor order, weights from the
 * `weight` attribute of each edge (1 when absent or null).
 */
export function compressedGraphOf(graph: Graph, weight: string | null = "weight"): KeyedCompressedGraph {
  const keys = graph.nodes();
  const index = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) index.set(keys[i], i);
  const offsets = new Int32Array(keys.length + 1);
  const neighbours: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    offsets[i] = neighbours.length;
    graph.forEachNeighbor(keys[i], (other) => {
      neighbours.push(index.get(other)!);
      const value = weight === null ? 1 : graph.getEdgeAttribute(keys[i], other, weight);
      weights.push(typeof value === "number" ? value : 1);
    });
  }
  offsets[keys.length] = neighbours.length;
  return { order: keys.length, offsets, neighbours: Int32Array.from(neighbours), weights: Float64Array.from(weights), keys };
}
