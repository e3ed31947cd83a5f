// Louvain community detection (Blondel, Guillaume, Lambiotte and Lefebvre
// 2008) on a weighted undirected graph in compressed sparse rows: local
// moving (each node, in a seeded random order, joins the neighbouring
// community that raises modularity most; the neighbours of a node that moved
// are visited again, until no move raises it),
// then aggregation (each community becomes one node, the weights between
// communities summed and those inside kept as the node's self-loop),
// repeated on the aggregated graph until a level moves nothing.
//
// Modularity with resolution γ: Q = Σ_c [ in_c / 2m − γ (tot_c / 2m)² ],
// where in_c sums the weights of the ordered pairs of nodes inside c (each
// internal edge twice), tot_c the weighted degrees of c's nodes and 2m all
// weighted degrees. A self-loop of an aggregated node carries the internal
// weight in that same ordered-pair count (twice each internal edge), so it
// belongs both to the node's weighted degree and to in_c. Moving node i
// from its community to c changes Q by (k_i,c − k_i,d)/m − γ k_i (tot_c −
// tot_d)/(2m²), with k_i,c the weight from i to c and tot_c, tot_d without
// i: the move goes to the community with the largest k_i,c − γ tot_c k_i/2m,
// the node's own community winning ties. The reported modularity is computed
// afresh from the final partition on the input graph.
//
// Its partitions are not graphology-communities-louvain's (that one visits
// nodes in another order and moves them through a queue), but their
// modularity is comparable (test/graph/louvain.test.ts).
import { seededRandom } from "../figure/layout.js";
import type { CompressedGraph } from "./compressed-graph.js";
import { aggregate, moveNodes, numberByFirstNode, strengths, type Level } from "./louvain-levels.js";
import { modularityOf } from "./modularity.js";
import { slicePauses } from "./time-slices.js";

/** Options of louvain. */
export interface LouvainOptions {
  /** Seed of the random node order (default LOUVAIN_DEFAULTS.seed); the same seed gives the same answer. */
  seed?: number;
  /** Resolution γ (default 1): above 1 favours smaller communities. */
  resolution?: number;
  /** The event loop gets a turn about this often, in milliseconds (default 50; Infinity never). */
  sliceMs?: number;
}

/** Defaults of louvain's options. */
export const LOUVAIN_DEFAULTS: Required<LouvainOptions> = { seed: 42, resolution: 1, sliceMs: 50 };

/** A partition found by louvain. */
export interface LouvainResult {
  /**
   * Community of each node, numbered 0 .. count − 1 in the order of their
   * lowest node index (node 0 is in community 0; the next community to appear
   * walking up the indices is 1, and so on).
   */
  communities: Int32Array;
  count: number;
  /** Modularity of `communities` on the input graph (0 for a graph without edges). */
  modularity: number;
  /** Levels (local moving then aggregation) that moved at least one node. */
  levels: number;
}

/** Validates the options and fills in the defaults. */
function resolveOptions(options: LouvainOptions): Required<LouvainOptions> {
  const resolved = { ...LOUVAIN_DEFAULTS, ...options };
  if (!(resolved.resolution > 0)) throw new RangeError(`louvain: resolution ${resolved.resolution}, expected a positive number`);
  if (!Number.isInteger(resolved.seed)) throw new RangeError(`louvain: seed ${resolved.seed}, expected an integer`);
  return resolved;
}

/**
 * Louvain communities of `graph` (weights must be positive; self-loops are
 * not part of CompressedGraph). Every node gets a community; a node without
 * edges stays alone in its own. Awaits other work about every `sliceMs`.
 * @throws RangeError on a non-positive resolution or a non-integer seed
 */
export async function louvain(graph: CompressedGraph, options: LouvainOptions = {}): Promise<LouvainResult> {
  const { seed, resolution, sliceMs } = resolveOptions(options);
  const pause = slicePauses(sliceMs);
  const random = seededRandom(seed);
  const n = graph.order;
  // the community of each input node in the current level's graph
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) assignment[i] = i;
  let total = 0;
  for (let k = 0; k < graph.weights.length; k++) total += graph.weights[k];
  let levels = 0;
  if (total > 0) {
    let level: Level = { graph, loops: new Float64Array(n), strength: strengths(graph, new Float64Array(n)) };
    for (;;) {
      const { community, count } = await moveNodes(level, total, resolution, random, pause);
      if (count === level.graph.order) break;
      levels++;
      for (let i = 0; i < n; i++) assignment[i] = community[assignment[i]];
      if (count === 1) break;
      level = await aggregate(level, community, count, pause);
    }
  }
  const { community: communities, count } = numberByFirstNode(assignment);
  return { communities, count, modularity: total > 0 ? modularityOf(graph, communities, resolution) : 0, levels };
}
