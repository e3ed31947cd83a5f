// The two steps of one Louvain level (louvain.ts): local moving, which
// moves nodes between communities while modularity rises, and aggregation,
// which makes each community one node of the next level's graph. Both run on
// typed arrays and pause between slices of work for other events.
import type { CompressedGraph } from "./compressed-graph.js";

/** A level's graph: the compressed adjacency, each node's self-loop (ordered-pair weight) and weighted degree. */
export interface Level {
  graph: CompressedGraph;
  loops: Float64Array;
  strength: Float64Array;
}

/**
 * A node moves only when the gain beats staying by more than this times its
 * weighted degree k: well above the rounding of the gains (about 1e-16 k),
 * which could otherwise move nodes back and forth for ever, and below the
 * smallest real gain with integer weights (1 / 2m) whenever k · 2m < 1e13.
 */
const MIN_RELATIVE_GAIN = 1e-13;

/** Adjacency entries local moving reads between two checks of the time slice (a few milliseconds). */
const BATCH_ENTRIES = 1 << 17;

/** Each node's weighted degree plus its self-loop. */
export function strengths(graph: CompressedGraph, loops: Float64Array): Float64Array {
  const strength = new Float64Array(graph.order);
  for (let i = 0; i < graph.order; i++) {
    let s = loops[i];
    for (let k = graph.offsets[i]; k < graph.offsets[i + 1]; k++) s += graph.weights[k];
    strength[i] = s;
  }
  return strength;
}

/** The state of local moving on one level (see moveNodes). */
interface Moving {
  graph: CompressedGraph;
  strength: Float64Array;
  /** resolution / 2m */
  scale: number;
  community: Int32Array;
  /** Weighted degree of each community (without the node being moved). */
  tot: Float64Array;
  /** Ring buffer of the nodes to visit, each at most once (queued marks them). */
  queue: Int32Array;
  queued: Uint8Array;
  head: number;
  size: number;
  /** Weight from the node being moved to each neighbouring community; seen stamps the entries of this visit, touched lists them. */
  toCommunity: Float64Array;
  seen: Float64Array;
  touched: Int32Array;
  visits: number;
}

/**
 * Local moving on one level, with a queue (Traag's fast local moving, as
 * graphology-communities-louvain's fastLocalMoves): every node once in a
 * seeded random order, then, after each move, the moved node's neighbours
 * outside its new community, until the queue is empty. Each move raises
 * modularity, so the queue empties. Returns each node's community,
 * renumbered 0 .. count − 1 by lowest node index.
 */
export async function moveNodes(level: Level, total: number, resolution: number, random: () => number, pause: () => Promise<void>) {
  const n = level.graph.order;
  const state: Moving = {
    graph: level.graph,
    strength: level.strength,
    scale: resolution / total,
    community: new Int32Array(n),
    tot: Float64Array.from(level.strength),
    queue: new Int32Array(n),
    queued: new Uint8Array(n).fill(1),
    head: 0,
    size: n,
    toCommunity: new Float64Array(n),
    seen: new Float64Array(n).fill(-1),
    touched: new Int32Array(n),
    visits: 0,
  };
  const { community, queue } = state;
  for (let i = 0; i < n; i++) {
    community[i] = i;
    queue[i] = i;
  }
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = queue[i];
    queue[i] = queue[j];
    queue[j] = t;
  }
  // batches in a plain function (V8 optimises its loop; an async function's loop ran several times slower)
  while (state.size > 0) {
    visitQueued(state, BATCH_ENTRIES);
    await pause();
  }
  return numberByFirstNode(community);
}

/** Visits queued nodes, moving each to its best community, until their adjacency entries reach `limit` (a hub has thousands). */
function visitQueued(state: Moving, limit: number): void {
  const { offsets, neighbours, weights } = state.graph;
  const { strength, scale, community, tot, queue, queued, toCommunity, seen, touched } = state;
  const n = state.graph.order;
  let { head, size, visits } = state;
  for (let work = 0; size > 0 && work < limit; visits++) {
    const i = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    size--;
    queued[i] = 0;
    const k = strength[i];
    const own = community[i];
    let count = 0;
    work += offsets[i + 1] - offsets[i] + 1;
    for (let e = offsets[i], end = offsets[i + 1]; e < end; e++) {
      const c = community[neighbours[e]];
      if (seen[c] !== visits) {
        seen[c] = visits;
        toCommunity[c] = 0;
        touched[count++] = c;
      }
      toCommunity[c] += weights[e];
    }
    tot[own] -= k;
    const ownGain = (seen[own] === visits ? toCommunity[own] : 0) - tot[own] * k * scale;
    let best = own;
    // a move must gain more than rounding could make up (weights in sums of about k)
    let bestGain = ownGain + MIN_RELATIVE_GAIN * k;
    for (let t = 0; t < count; t++) {
      const c = touched[t];
      const g = toCommunity[c] - tot[c] * k * scale;
      if (g > bestGain) {
        best = c;
        bestGain = g;
      }
    }
    tot[best] += k;
    if (best === own) continue;
    community[i] = best;
    for (let e = offsets[i], end = offsets[i + 1]; e < end; e++) {
      const j = neighbours[e];
      if (queued[j] === 1 || community[j] === best) continue;
      queued[j] = 1;
      let at = head + size;
      if (at >= n) at -= n;
      queue[at] = j;
      size++;
    }
  }
  state.head = head;
  state.size = size;
  state.visits = visits;
}

/** Renumbers community labels 0 .. count − 1 in the order of their lowest node index. */
export function numberByFirstNode(labels: Int32Array): { community: Int32Array; count: number } {
  const map = new Int32Array(labels.length).fill(-1);
  const out = new Int32Array(labels.length);
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (map[l] === -1) map[l] = count++;
    out[i] = map[l];
  }
  return { community: out, count };
}

/**
 * The community graph of a level: one node per community, the weights
 * between two communities summed, the weight inside each (ordered pairs,
 * plus its nodes' own self-loops) as its self-loop.
 */
export async function aggregate(level: Level, community: Int32Array, count: number, pause: () => Promise<void>): Promise<Level> {
  const { offsets, neighbours, weights, order: n } = level.graph;
  // the nodes of each community together (counting sort)
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) start[community[i] + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const fill = start.slice(0, count);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[community[i]]++] = i;
  const loops = new Float64Array(count);
  const newOffsets = new Int32Array(count + 1);
  const newNeighbours = new Int32Array(neighbours.length);
  const newWeights = new Float64Array(neighbours.length);
  const sum = new Float64Array(count);
  const seen = new Int32Array(count).fill(-1);
  const touched = new Int32Array(count);
  let at = 0;
  for (let c = 0; c < count; c++) {
    if ((c & 1023) === 1023) await pause();
    newOffsets[c] = at;
    let touchedCount = 0;
    let loop = 0;
    for (let m = start[c]; m < start[c + 1]; m++) {
      const i = members[m];
      loop += level.loops[i];
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const d = community[neighbours[e]];
        if (d === c) loop += weights[e];
        else {
          if (seen[d] !== c) {
            seen[d] = c;
            sum[d] = 0;
            touched[touchedCount++] = d;
          }
          sum[d] += weights[e];
        }
      }
    }
    loops[c] = loop;
    for (let t = 0; t < touchedCount; t++) {
      newNeighbours[at] = touched[t];
      newWeights[at++] = sum[touched[t]];
    }
  }
  newOffsets[count] = at;
  const graph = { order: count, offsets: newOffsets, neighbours: newNeighbours.slice(0, at), weights: newWeights.slice(0, at) };
  return { graph, loops, strength: strengths(graph, loops) };
}
