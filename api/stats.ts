// Network statistics for GET /api/stats: counts by kind and type from the
// store, and on the graph without Documents and MENTIONS (collapsed to a
// simple undirected graph, parallel relationships summed as weights): degree
// centrality (as graphology-metrics computes it), betweenness centrality
// (exact up to BETWEENNESS_SOURCES nodes, estimated from a seeded sample of
// sources above: graph/algorithms/betweenness.ts) and Louvain communities
// with a fixed random seed (graph/algorithms/louvain.ts), so the same graph
// gives the same answer. The network is built straight into typed arrays
// (graph/algorithms/compressed-graph.ts), never as a graphology graph (11 s
// for 1M relationships). The long steps run in slices of about 50 ms with
// other requests answered in between.
import type { GraphStore } from "../graph/store.js";
import type { SerializedGraph } from "../graph/types.js";
import type { Stats } from "./schemas/graph.js";
import { BetweennessRun } from "../graph/algorithms/betweenness.js";
import { compressedGraphFromEdges, type KeyedCompressedGraph } from "../graph/algorithms/compressed-graph.js";
import { louvain } from "../graph/algorithms/louvain.js";
import { topByValue } from "../graph/filter.js";
import { slicePauses, yieldToEvents } from "../graph/algorithms/time-slices.js";

/** Seed of the Louvain random source (and of the betweenness sample). */
export const LOUVAIN_SEED = 42;
/**
 * Betweenness is exact up to this many nodes and estimated from at most this
 * many sampled sources above (each source is one breadth-first search over
 * the whole graph).
 */
export const BETWEENNESS_SOURCES = 256;
/**
 * Nodes and adjacency entries the sampled searches may visit in all (each
 * visits every node and both ends of every edge once): fewer sources on a
 * large graph, never fewer than MIN_SAMPLED_SOURCES. 256 on 10k / 50k, 32 on
 * 100k / 1M (about a second of searches there).
 */
export const BETWEENNESS_VISITS = 2 ** 26;
export const MIN_SAMPLED_SOURCES = 32;

/** How many sources betweenness runs from on a graph of `nodes` and `edges` (all of them up to BETWEENNESS_SOURCES nodes). */
export function betweennessSources(nodes: number, edges: number): number {
  if (nodes <= BETWEENNESS_SOURCES) return nodes;
  return Math.min(BETWEENNESS_SOURCES, Math.max(MIN_SAMPLED_SOURCES, Math.floor(BETWEENNESS_VISITS / (nodes + 2 * edges))));
}

/**
 * Counts of unordered pairs of node indices (open addressing in typed arrays:
 * a Map keyed by a number per pair allocated a heap number per pair and cost
 * as much as building the graph on 1M relationships). The pairs sit in dense
 * arrays in first-insertion order, ready to become the edge list.
 */
class PairCounts {
  /** Lower and higher index of each pair, and how many times it was added, by pair number. */
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly counts: Float64Array;
  size = 0;
  /** The pair number in each slot of the hash table (-1 when empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(maxPairs: number) {
    let capacity = 16;
    while (capacity < maxPairs * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    this.first = new Int32Array(maxPairs);
    this.second = new Int32Array(maxPairs);
    this.counts = new Float64Array(maxPairs);
  }

  /** Adds one to the pair {x, y}. */
  add(x: number, y: number): void {
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    let slot = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) & this.mask;
    for (;;) {
      const pair = this.slots[slot];
      if (pair === -1) {
        const n = this.size++;
        this.slots[slot] = n;
        this.first[n] = lo;
        this.second[n] = hi;
        this.counts[n] = 1;
        return;
      }
      if (this.first[pair] === lo && this.second[pair] === hi) {
        this.counts[pair]++;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * The network part of an export, a simple undirected weighted graph in
 * compressed sparse rows, with node names beside the keys.
 */
export interface Network extends KeyedCompressedGraph {
  /** Node names by index (the key when a node has none). */
  names: string[];
  /** Number of edges (pairs of nodes tied by one or more relationships). */
  size: number;
}

/**
 * The network part of an export: the nodes other than Documents, in the
 * export's order, and each pair of them tied by one or more relationships
 * (not MENTIONS, not absent, not a node to itself) as one edge, weighted by
 * how many relationships tie it. Edges are numbered where the pair first
 * occurs, and each node's neighbours are in the order graphology would list
 * them for the same edges added in that order (compressed-graph.ts), so
 * betweenness gives graphology-metrics' values. Other work runs about every
 * `sliceMs`.
 */
export async function networkOf(data: SerializedGraph, sliceMs = 50): Promise<Network> {
  const pause = slicePauses(sliceMs);
  const index = new Map<string, number>();
  const keys: string[] = [];
  const names: string[] = [];
  for (const n of data.nodes)
    if (n.attributes.nodeLabel !== "Document" && !index.has(n.key)) {
      index.set(n.key, keys.length);
      keys.push(n.key);
      names.push(String(n.attributes.name ?? n.key));
    }
  const pairs = new PairCounts(data.edges.length);
  // in batches of a plain function: V8 runs the loop of an async function several times slower
  for (let from = 0; from < data.edges.length; from += 16_384) {
    countPairs(data.edges, from, Math.min(data.edges.length, from + 16_384), index, pairs);
    await pause();
  }
  const graph = compressedGraphFromEdges(keys.length, pairs.size, pairs.first, pairs.second, pairs.counts, keys);
  return { ...graph, keys, names, size: pairs.size };
}

/** Counts the pairs of network nodes that edges[from .. to) tie (not MENTIONS, not absent, not a node to itself). */
function countPairs(edges: SerializedGraph["edges"], from: number, to: number, index: Map<string, number>, pairs: PairCounts): void {
  for (let i = from; i < to; i++) {
    const e = edges[i];
    if (e.attributes.type === "MENTIONS" || e.attributes.polarity === "absent" || e.source === e.target) continue;
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a !== undefined && b !== undefined) pairs.add(a, b);
  }
}

/** The `n` of `candidates` (node indices) of highest value, highest first, ties by key. */
function topIndices(candidates: ArrayLike<number>, values: ArrayLike<number>, keys: string[], n: number): number[] {
  return topByValue(candidates, (i) => values[i], (i) => keys[i], n).sort((a, b) => values[b] - values[a] || (keys[a] < keys[b] ? -1 : 1));
}

/** The `n` nodes of highest value (ties by id), with names and values rounded to 6 decimals. */
function top(network: Network, values: ArrayLike<number>, n: number) {
  const all = new Int32Array(network.order);
  for (let i = 0; i < all.length; i++) all[i] = i;
  return topIndices(all, values, network.keys, n).map((i) => ({ id: network.keys[i], name: network.names[i], value: Math.round(values[i] * 1e6) / 1e6 }));
}

/** Each node's number of neighbours. */
function degreesOf(network: Network): Float64Array {
  const values = new Float64Array(network.order);
  for (let i = 0; i < network.order; i++) values[i] = network.offsets[i + 1] - network.offsets[i];
  return values;
}

/** Degree centrality, graphology-metrics' definition: neighbours / (nodes − 1). */
function degreeCentrality(network: Network): Float64Array {
  const values = degreesOf(network);
  for (let i = 0; i < network.order; i++) values[i] /= network.order - 1;
  return values;
}

/**
 * Betweenness, one search after another, letting other work run about every
 * `sliceMs` (on 100k / 1M each search takes about 90 ms).
 */
async function betweennessBetweenEvents(network: Network, sliceMs = 50) {
  const run = new BetweennessRun(network, betweennessSources(network.order, network.size), LOUVAIN_SEED);
  const pause = slicePauses(sliceMs);
  for (const source of run.sources) {
    run.run(source);
    await pause();
  }
  return { values: run.valuesByIndex(), sources: run.sources.length };
}

/** The Louvain communities, largest first (ties by number), each with its `topN` best-connected members (degree, then id). */
async function communitiesOf(network: Network, topN: number): Promise<Stats["communities"]> {
  if (network.size === 0) return { count: 0, modularity: 0, groups: [] };
  const result = await louvain(network, { seed: LOUVAIN_SEED });
  const members: number[][] = Array.from({ length: result.count }, () => []);
  for (let i = 0; i < network.order; i++) members[result.communities[i]].push(i);
  const { keys } = network;
  const degree = degreesOf(network);
  const groups = members
    .map((ids, id) => ({ id, size: ids.length, members: topIndices(ids, degree, keys, topN).map((i) => keys[i]) }))
    .sort((a, b) => b.size - a.size || a.id - b.id);
  return { count: result.count, modularity: Math.round(result.modularity * 1e6) / 1e6, groups };
}

/** Computes the statistics; `topN` bounds the ranked lists and each community's member list. */
export async function computeStats(store: GraphStore, topN = 20): Promise<Stats> {
  // (the export is not kept: it is garbage once the network is built)
  const [counts, network] = await Promise.all([store.stats(), store.exportGraph({ withoutDocuments: true }).then(async (data) => {
    await yieldToEvents();
    return networkOf(data);
  })]);
  const degree = network.order > 1 ? top(network, degreeCentrality(network), topN) : [];
  const between = network.order > 2 ? await betweennessBetweenEvents(network) : null;
  return {
    counts,
    degree,
    betweenness: between ? top(network, between.values, topN) : [],
    betweennessSources: between ? between.sources : network.order,
    communities: await communitiesOf(network, topN),
  };
}
