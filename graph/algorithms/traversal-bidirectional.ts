// One shortest path by bidirectional breadth-first search over a
// TraversalIndex, laid out for the memory it touches per request: each side
// keeps its queue with, per entry, the queue position of its parent and the
// relationship it was reached by (three sequential writes instead of random
// writes into per-node arrays), visits are two bits per node (both sides'
// bits in one read of an array of n/4 bytes), and a level's work (the sum of its
// degrees, which decides the side to expand) is summed only as far as the
// comparison needs. Same levels, same order, same meeting node and same path
// as the plain version with per-node parents and eagerly summed work.
import type { TraversalIndex, WalkFilter } from "./traversal-index.js";
import type { IndexPath } from "./traversal-search.js";

/** One side of the search: its visit bit, its queue and the level being expanded (q[start..end)). */
interface Side {
  bit: number;
  q: Int32Array;
  /** Queue position of each entry's parent (-1 for the start). */
  qPar: Int32Array;
  /** Relationship each entry was reached by (-1 for the start). */
  qEdge: Int32Array;
  start: number;
  end: number;
  /** The level's work summed over q[start..workAt). */
  work: number;
  workAt: number;
}

/** The work of expanding the node at queue position `pos`: its degree, counted as the plain search counts it. */
function workOf(ix: TraversalIndex, side: Side, pos: number): number {
  const v = side.q[pos];
  const e = side.qEdge[pos];
  // Start nodes and nodes reached by a relationship added since the build count every relationship; others their row.
  if (e < 0 || e >= ix.rowEdges) return ix.degree(v);
  return v < ix.offsets.length - 1 ? ix.offsets[v + 1] - ix.offsets[v] : 1;
}

/** Whether a's level has no more work than b's, summing each only as far as needed. */
function noMoreWork(ix: TraversalIndex, a: Side, b: Side): boolean {
  for (;;) {
    if (a.workAt === a.end) {
      while (b.work < a.work && b.workAt < b.end) b.work += workOf(ix, b, b.workAt++);
      return a.work <= b.work;
    }
    if (b.workAt === b.end) {
      while (a.work <= b.work && a.workAt < a.end) a.work += workOf(ix, a, a.workAt++);
      return a.work <= b.work;
    }
    if (a.work <= b.work) a.work += workOf(ix, a, a.workAt++);
    else b.work += workOf(ix, b, b.workAt++);
  }
}

/** Expands one whole level of `side`; returns the meeting node and where it was found, or null. */
function expandLevel(ix: TraversalIndex, side: Side, seen: Uint8Array, filter: WalkFilter): { v: number; from: number; e: number } | null {
  const { offsets, adjNode, adjEdge, adjBits } = ix;
  const { bit, q, qPar, qEdge } = side;
  const rows = offsets.length - 1;
  const { mask, forbid } = filter;
  const extra = ix.hasExtra;
  let tail = side.end;
  let meet: { v: number; from: number; e: number } | null = null;
  for (let i = side.start; i < side.end && meet === null; i++) {
    const u = q[i];
    if (u < rows) {
      for (let k = offsets[u], stop = offsets[u + 1]; k < stop; k++) {
        const b = adjBits[k];
        if ((b & mask) === 0 || (b & forbid) !== 0) continue;
        const v = adjNode[k];
        const at = v >> 2;
        const shift = (v & 3) << 1;
        const flags = seen[at];
        const f = (flags >> shift) & 3;
        if ((f & bit) !== 0) continue;
        seen[at] = flags | (bit << shift);
        if (f !== 0) {
          meet = { v, from: i, e: adjEdge[k] };
          break;
        }
        q[tail] = v;
        qPar[tail] = i;
        qEdge[tail++] = adjEdge[k];
      }
    }
    if (extra && meet === null)
      ix.forEachNeighbour(u, filter, (v, e) => {
        const f = (seen[v >> 2] >> ((v & 3) << 1)) & 3;
        if (meet !== null || (f & bit) !== 0) return;
        seen[v >> 2] |= bit << ((v & 3) << 1);
        if (f !== 0) meet = { v, from: i, e };
        else {
          q[tail] = v;
          qPar[tail] = i;
          qEdge[tail++] = e;
        }
      });
  }
  side.start = side.end;
  side.end = tail;
  side.work = 0;
  side.workAt = side.start;
  return meet;
}

/** The nodes and relationships from the start of `side` to its queue entry `pos`, start first. */
function chain(side: Side, pos: number): IndexPath {
  const nodes: number[] = [];
  const edges: number[] = [];
  for (let p = pos; p > 0; p = side.qPar[p]) {
    nodes.push(side.q[p]);
    edges.push(side.qEdge[p]);
  }
  nodes.push(side.q[0]);
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}

/**
 * One shortest path from s to t by bidirectional BFS: each round expands, by
 * a whole level, the side whose level has the smaller total degree (forward
 * on ties), and stops at the first meeting, which is then on a shortest path.
 * Null when no path of at most `maxHops` exists. Every flagged node is in one
 * of the queues (the meeting node in the other side's), which clear the flags
 * at the end (whole bytes: every flag in them belongs to a queued node).
 */
export function bidirectionalPath(ix: TraversalIndex, s: number, t: number, filter: WalkFilter, maxHops = Infinity): IndexPath | null {
  if (s === t) return { nodes: [s], edges: [] };
  const { parF, parB, edgeF, edgeB, qF, qB, seen } = ix.scratch;
  seen[s >> 2] |= 1 << ((s & 3) << 1);
  seen[t >> 2] |= 2 << ((t & 3) << 1);
  qF[0] = s;
  qB[0] = t;
  parF[0] = parB[0] = edgeF[0] = edgeB[0] = -1;
  const fwd: Side = { bit: 1, q: qF, qPar: parF, qEdge: edgeF, start: 0, end: 1, work: 0, workAt: 0 };
  const bwd: Side = { bit: 2, q: qB, qPar: parB, qEdge: edgeB, start: 0, end: 1, work: 0, workAt: 0 };
  let depth = 0;
  let meet: { v: number; from: number; e: number } | null = null;
  let by = fwd;
  while (fwd.start < fwd.end && bwd.start < bwd.end && depth < maxHops && meet === null) {
    by = noMoreWork(ix, fwd, bwd) ? fwd : bwd;
    meet = expandLevel(ix, by, seen, filter);
    depth++;
  }
  for (let i = 0; i < fwd.end; i++) seen[qF[i] >> 2] = 0;
  for (let i = 0; i < bwd.end; i++) seen[qB[i] >> 2] = 0;
  if (meet === null) return null;
  // The side that met holds the meeting node's parent; the other side holds the node itself.
  const other = by === fwd ? bwd : fwd;
  let at = 0;
  while (other.q[at] !== meet.v) at++;
  const near = chain(by, meet.from);
  near.nodes.push(meet.v);
  near.edges.push(meet.e);
  const far = chain(other, at);
  const [head, tail] = by === fwd ? [near, far] : [far, near];
  // head runs s..meet, tail runs t..meet: append tail reversed, without its copy of meet.
  for (let i = tail.edges.length - 1; i >= 0; i--) {
    head.edges.push(tail.edges[i]);
    head.nodes.push(tail.nodes[i]);
  }
  return head;
}
