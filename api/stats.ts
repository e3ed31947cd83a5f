// Network statistics for GET /api/stats: counts by kind and type from the
// store, and on the graph without Documents and MENTIONS (collapsed to a
// simple undirected graph, parallel relationships summed as weights): degree
// centrality (graphology-metrics), betweenness centrality (exact up to
// BETWEENNESS_SOURCES nodes, estimated from a seeded sample of sources above:
// graph/algorithms/betweenness.ts) and Louvain communities with a fixed
// random seed, so the same graph gives the same answer. The betweenness
// searches run one at a time with other requests answered in between.
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import { degreeCentrality } from "graphology-metrics/centrality/degree.js";
import type { GraphStore } from "../graph/store.js";
import type { SerializedGraph } from "../graph/types.js";
import type { Stats } from "./schemas/graph.js";
import { BetweennessRun } from "../graph/algorithms/betweenness.js";
import { seededRandom } from "../graph/figure/layout.js";

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
 * as much as building the graph on 1M relationships).
 */
class PairCounts {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  readonly counts: Int32Array;
  /** The slot of each pair, in first-insertion order. */
  readonly order: Int32Array;
  size = 0;
  private readonly mask: number;

  constructor(maxPairs: number) {
    let capacity = 16;
    while (capacity < maxPairs * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.a = new Int32Array(capacity).fill(-1);
    this.b = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
    this.order = new Int32Array(maxPairs);
  }

  /** Adds one to the pair {x, y}; true when it is new. */
  add(x: number, y: number): boolean {
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    let slot = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) & this.mask;
    for (;;) {
      const at = this.a[slot];
      if (at === -1) {
        this.a[slot] = lo;
        this.b[slot] = hi;
        this.counts[slot] = 1;
        this.order[this.size++] = slot;
        return true;
      }
      if (at === lo && this.b[slot] === hi) {
        this.counts[slot]++;
        return false;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Gives the event loop a turn (other requests are answered between two steps of a long computation). */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A pause to await between steps of a long computation: it gives the event loop a turn once `sliceMs` have passed since the last. */
function slicePauses(sliceMs: number): () => Promise<void> {
  let slice = performance.now();
  return async () => {
    if (performance.now() - slice <= sliceMs) return;
    await yieldToEvents();
    slice = performance.now();
  };
}

/**
 * The network part of an export as a simple undirected weighted graph: each
 * pair of nodes tied by one or more relationships is one edge, added where
 * the pair first occurs, weighted by how many relationships tie it. Other
 * work runs about every `sliceMs` while the edges are added (graphology
 * takes about 10 s for 1M of them here).
 */
export async function networkGraph(data: SerializedGraph, sliceMs = 50): Promise<Graph> {
  const g = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  const index = new Map<string, number>();
  for (const n of data.nodes)
    if (n.attributes.nodeLabel !== "Document") {
      index.set(n.key, index.size);
      g.addNode(n.key, { name: n.attributes.name });
    }
  const pairs = new PairCounts(data.edges.length);
  const ends: Array<[string, string]> = [];
  for (const e of data.edges) {
    if (e.attributes.type === "MENTIONS" || e.attributes.polarity === "absent" || e.source === e.target) continue;
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined) continue;
    if (pairs.add(a, b)) ends.push([e.source, e.target]);
  }
  // Edge keys are the pairs' numbers (graphology would make a longer one for each).
  const pause = slicePauses(sliceMs);
  for (let i = 0; i < ends.length; i++) {
    g.addEdgeWithKey(String(i), ends[i][0], ends[i][1], { weight: pairs.counts[pairs.order[i]] });
    if ((i & 4095) === 4095) await pause();
  }
  return g;
}

function top(g: Graph, values: Record<string, number>, n: number) {
  return Object.entries(values)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([id, value]) => ({ id, name: String(g.getNodeAttribute(id, "name") ?? id), value: Math.round(value * 1e6) / 1e6 }));
}

/**
 * Betweenness, one search after another, letting other work run about every
 * `sliceMs` (on 100k / 1M each search takes about 40 ms).
 */
async function betweennessBetweenEvents(g: Graph, sliceMs = 50) {
  const run = new BetweennessRun(g, betweennessSources(g.order, g.size), LOUVAIN_SEED);
  const pause = slicePauses(sliceMs);
  for (const source of run.sources) {
    run.run(source);
    await pause();
  }
  return run.result();
}

/** Computes the statistics; `topN` bounds the ranked lists and each community's member list. */
export async function computeStats(store: GraphStore, topN = 20): Promise<Stats> {
  const [counts, data] = await Promise.all([store.stats(), store.exportGraph({ withoutDocuments: true })]);
  await yieldToEvents();
  const g = await networkGraph(data);
  const degree = g.order > 1 ? degreeCentrality(g) : {};
  const between = g.order > 2 ? await betweennessBetweenEvents(g) : { values: {}, sources: g.order };
  let communities: Stats["communities"] = { count: 0, modularity: 0, groups: [] };
  if (g.size > 0) {
    const result = louvain.detailed(g, { rng: seededRandom(LOUVAIN_SEED), getEdgeWeight: "weight" });
    const members = new Map<number, string[]>();
    for (const [node, c] of Object.entries(result.communities)) {
      const list = members.get(c);
      if (list) list.push(node);
      else members.set(c, [node]);
    }
    const groups = [...members.entries()]
      .map(([id, ids]) => ({ id, size: ids.length, members: ids.sort((a, b) => g.degree(b) - g.degree(a) || (a < b ? -1 : 1)).slice(0, topN) }))
      .sort((a, b) => b.size - a.size || a.id - b.id);
    communities = { count: result.count, modularity: Math.round(result.modularity * 1e6) / 1e6, groups };
  }
  return { counts, degree: top(g, degree, topN), betweenness: top(g, between.values, topN), betweennessSources: between.sources, communities };
}
