// Pure helpers over the viewer's graphology graph: seeded start positions
// (so the same data and seed give the same picture) and the year range of
// the relationships (the time slider's bounds).
import type Graph from "graphology";

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

/**
 * Start positions for `nodes`: sorted by id, then placed by a generator
 * seeded with `seed`, so the order nodes arrive in does not matter.
 */
export function seededPositions(nodes: readonly string[], seed: number): Map<string, { x: number; y: number }> {
  const rng = seededRandom(seed);
  const scale = Math.sqrt(nodes.length) * 10;
  return new Map([...nodes].sort().map((n) => [n, { x: (rng() - 0.5) * scale, y: (rng() - 0.5) * scale }]));
}

/** [earliest, latest] year among relationships' since/until; the current year twice when none. */
export function yearRange(graph: Graph): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  graph.forEachEdge((_e, a) => {
    for (const y of [a.since, a.until]) if (typeof y === "number") [lo, hi] = [Math.min(lo, y), Math.max(hi, y)];
  });
  const now = new Date().getFullYear();
  return Number.isFinite(lo) ? [lo, hi] : [now, now];
}

/**
 * Places every node at its seeded start position and sizes it by degree
 * (relative to the largest degree), in one pass over the nodes.
 */
export function placeNodes(graph: Graph, seed: number, size: (degree: number, maxDegree: number) => number): void {
  let maxDegree = 1;
  graph.forEachNode((n) => void (maxDegree = Math.max(maxDegree, graph.degree(n))));
  const positions = seededPositions(graph.nodes(), seed);
  graph.updateEachNodeAttributes((n, a) => ({ ...a, ...positions.get(n)!, size: size(graph.degree(n), maxDegree) }));
}

/** The relationship types present in the graph, MENTIONS left out, sorted. */
export function presentTypes(graph: Graph): string[] {
  const types = new Set<string>();
  graph.forEachEdge((_e, a) => void types.add(String(a.type)));
  types.delete("MENTIONS");
  return [...types].sort();
}
