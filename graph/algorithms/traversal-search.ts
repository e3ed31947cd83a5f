// Searches over a TraversalIndex: bidirectional breadth-first search for one
// shortest path, level-by-level search for every shortest path, and the
// neighbourhood of a node. They work on node and relationship numbers; the
// stores turn them into records.
import type { TraversalIndex, WalkFilter } from "./traversal-index.js";

/** A path as node numbers and the relationship numbers between them. */
export interface IndexPath {
  nodes: number[];
  edges: number[];
}

function nextStamp(ix: TraversalIndex): number {
  const s = ix.scratch;
  if (s.stamp >= 0x7ffffff0) {
    s.markF.fill(0);
    s.markB.fill(0);
    s.stamp = 0;
  }
  return ++s.stamp;
}

/**
 * One side of a bidirectional search: its bit in the shared `seen` flags,
 * parents and queue (the current level is q[start..end)).
 */
interface Side {
  bit: number;
  par: Int32Array;
  edge: Int32Array;
  q: Int32Array;
  start: number;
  end: number;
  /** Sum of the degrees of the current level: the work of expanding it. */
  work: number;
}

/** Expands one whole level of `side`; returns the meeting node, or -1. */
function expandLevel(ix: TraversalIndex, side: Side, seen: Uint8Array, filter: WalkFilter): number {
  const { offsets, adjNode, adjEdge, adjBits } = ix;
  const { bit, par, edge, q } = side;
  const rows = offsets.length - 1;
  const { mask, forbid } = filter;
  const extra = ix.hasExtra;
  let tail = side.end;
  let work = 0;
  let meet = -1;
  for (let i = side.start; i < side.end && meet < 0; i++) {
    const u = q[i];
    if (u < rows) {
      for (let k = offsets[u], stop = offsets[u + 1]; k < stop; k++) {
        const b = adjBits[k];
        if ((b & mask) === 0 || (b & forbid) !== 0) continue;
        const v = adjNode[k];
        const f = seen[v];
        if ((f & bit) !== 0) continue;
        seen[v] = f | bit;
        par[v] = u;
        edge[v] = adjEdge[k];
        if (f !== 0) {
          meet = v;
          break;
        }
        q[tail++] = v;
        work += v < rows ? offsets[v + 1] - offsets[v] : 1;
      }
    }
    if (extra && meet < 0)
      ix.forEachNeighbour(u, filter, (v, e) => {
        const f = seen[v];
        if (meet >= 0 || (f & bit) !== 0) return;
        seen[v] = f | bit;
        par[v] = u;
        edge[v] = e;
        if (f !== 0) meet = v;
        else {
          q[tail++] = v;
          work += ix.degree(v);
        }
      });
  }
  side.start = side.end;
  side.end = tail;
  side.work = work;
  return meet;
}

/**
 * One shortest path from s to t by bidirectional BFS: each round expands, by
 * a whole level, the side whose level has the smaller total degree, and stops
 * at the first meeting, which is then on a shortest path. Null when no path
 * of at most `maxHops` exists.
 *
 * The visited flags are one byte per node (bit 1 forward, bit 2 backward, both
 * sides in one read; a fraction of the size of stamped Int32 marks, so the random reads stay in cache);
 * every flagged node is in one of the queues, which clear them at the end.
 */
export function bidirectionalPath(ix: TraversalIndex, s: number, t: number, filter: WalkFilter, maxHops = Infinity): IndexPath | null {
  if (s === t) return { nodes: [s], edges: [] };
  const { parF, parB, edgeF, edgeB, qF, qB, seen } = ix.scratch;
  seen[s] = 1;
  parF[s] = -1;
  seen[t] = 2;
  parB[t] = -1;
  qF[0] = s;
  qB[0] = t;
  const fwd: Side = { bit: 1, par: parF, edge: edgeF, q: qF, start: 0, end: 1, work: ix.degree(s) };
  const bwd: Side = { bit: 2, par: parB, edge: edgeB, q: qB, start: 0, end: 1, work: ix.degree(t) };
  let depth = 0;
  let meet = -1;
  while (fwd.start < fwd.end && bwd.start < bwd.end && depth < maxHops && meet < 0) {
    meet = expandLevel(ix, fwd.work <= bwd.work ? fwd : bwd, seen, filter);
    depth++;
  }
  // A node is flagged only when queued on its side, or as the meeting node, already queued on the other.
  for (let i = 0; i < fwd.end; i++) seen[qF[i]] = 0;
  for (let i = 0; i < bwd.end; i++) seen[qB[i]] = 0;
  if (meet < 0) return null;
  const head: number[] = [];
  const headEdges: number[] = [];
  for (let v = meet; v !== s; v = parF[v]) {
    head.push(v);
    headEdges.push(edgeF[v]);
  }
  head.push(s);
  const nodes = head.reverse();
  const edges = headEdges.reverse();
  for (let v = meet; v !== t; v = parB[v]) {
    edges.push(edgeB[v]);
    nodes.push(parB[v]);
  }
  return { nodes, edges };
}

/**
 * Every shortest path from s to t (up to `limit`), in a stable order: walking
 * back from t, predecessors by ascending node key. [] when none within `maxHops`.
 */
export function allShortestPaths(ix: TraversalIndex, s: number, t: number, filter: WalkFilter, maxHops = Infinity, limit = 50): IndexPath[] {
  if (s === t) return [{ nodes: [s], edges: [] }];
  const stamp = nextStamp(ix);
  const { markF: mark, parF: level, qF: q } = ix.scratch;
  mark[s] = stamp;
  level[s] = 0;
  q[0] = s;
  let start = 0, end = 1, depth = 0, found = false;
  while (start < end && depth < maxHops && !found) {
    depth++;
    let tail = end;
    for (let i = start; i < end; i++)
      ix.forEachNeighbour(q[i], filter, (v) => {
        if (mark[v] === stamp) return;
        mark[v] = stamp;
        level[v] = depth;
        q[tail++] = v;
        if (v === t) found = true;
      });
    [start, end] = [end, tail];
  }
  if (!found) return [];
  const keys = ix.nodeKeys;
  const preds = (x: number): number[] => {
    const want = level[x] - 1;
    const out = new Set<number>();
    ix.forEachNeighbour(x, filter, (v) => {
      if (mark[v] === stamp && level[v] === want) out.add(v);
    });
    return [...out].sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  };
  const paths: IndexPath[] = [];
  const walk = (x: number, suffix: number[]) => {
    if (paths.length >= limit) return;
    if (x === s) {
      const nodes = [s, ...suffix];
      paths.push({ nodes, edges: nodes.slice(1).map((v, i) => bestEdgeBetween(ix, nodes[i], v, filter)) });
      return;
    }
    for (const p of preds(x)) walk(p, [x, ...suffix]);
  };
  walk(t, []);
  return paths;
}

/**
 * Among the walkable relationships between u and v, the one with the highest
 * confidence (ties: the smallest key); -1 when there is none.
 */
export function bestEdgeBetween(ix: TraversalIndex, u: number, v: number, filter: WalkFilter): number {
  const [from, to] = ix.degree(u) <= ix.degree(v) ? [u, v] : [v, u];
  let best = -1;
  ix.forEachEdgeBetween(from, to, filter, (e) => {
    if (best < 0 || ix.edgeConf[e] > ix.edgeConf[best] || (ix.edgeConf[e] === ix.edgeConf[best] && ix.edgeKey(e) < ix.edgeKey(best))) best = e;
  });
  return best;
}

/**
 * The nodes within `depth` hops of `centre` (breadth first, at most `limit`
 * nodes, each level visited in node-key order) and every walkable
 * relationship among them.
 */
export function neighbourhoodOf(ix: TraversalIndex, centre: number, filter: WalkFilter, depth: number, limit: number): { nodes: number[]; edges: number[] } {
  const stamp = nextStamp(ix);
  const { markF: mark } = ix.scratch;
  const keys = ix.nodeKeys;
  const byKey = (a: number, b: number) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0);
  mark[centre] = stamp;
  const seen = [centre];
  let frontier = [centre];
  for (let level = 0; level < depth && frontier.length && seen.length < limit; level++) {
    const next: number[] = [];
    for (const u of frontier)
      ix.forEachNeighbour(u, filter, (v) => {
        if (mark[v] === stamp || seen.length >= limit) return;
        mark[v] = stamp;
        seen.push(v);
        next.push(v);
      });
    frontier = next.sort(byKey);
  }
  const edges: number[] = [];
  for (const u of seen)
    ix.forEachNeighbour(u, filter, (v, e) => {
      if (mark[v] === stamp && ix.edgeSource[e] === u) edges.push(e);
    });
  return { nodes: seen, edges };
}
