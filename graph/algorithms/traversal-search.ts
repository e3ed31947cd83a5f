// Searches over a TraversalIndex: bidirectional breadth-first search for one
// shortest path (in traversal-bidirectional.ts), level-by-level search for
// every shortest path, and the neighbourhood of a node. They work on node and
// relationship numbers; the stores turn them into records.
import type { TraversalIndex, WalkFilter } from "./traversal-index.js";

export { bidirectionalPath } from "./traversal-bidirectional.js";

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
