// Unweighted shortest paths over a graphology graph, every relationship
// walkable both ways, with an edge filter (types, polarity, review). Returns
// node and edge key sequences; stores turn them into records with evidence.
import type Graph from "graphology";

export interface KeyPath {
  nodes: string[];
  edges: string[];
}

export interface ShortestPathsOptions {
  /** Which edges may be walked; all when absent. */
  edgeFilter?: (edge: string) => boolean;
  /** Every shortest path (up to `limit`) instead of one. */
  all?: boolean;
  /** Paths longer than this are not searched for. */
  maxHops?: number;
  limit?: number;
  /** Among parallel edges between two nodes, the one to walk (highest wins). */
  edgeScore?: (edge: string) => number;
}

/**
 * Breadth-first search from `from` to `to` (levels bounded by `maxHops`).
 * Returns [] when no path exists within the bound, [{nodes:[from],edges:[]}]
 * when from === to. Throws when either node is missing.
 */
export function shortestPaths(graph: Graph, from: string, to: string, options: ShortestPathsOptions = {}): KeyPath[] {
  if (!graph.hasNode(from)) throw new Error(`shortestPaths: unknown source node "${from}"`);
  if (!graph.hasNode(to)) throw new Error(`shortestPaths: unknown target node "${to}"`);
  const { edgeFilter = () => true, all = false, maxHops = 8, limit = 50, edgeScore = () => 0 } = options;
  if (from === to) return [{ nodes: [from], edges: [] }];

  // Level-by-level BFS recording every predecessor on a shortest route.
  const depth = new Map<string, number>([[from, 0]]);
  const preds = new Map<string, string[]>();
  let frontier = [from];
  let found = false;
  for (let level = 1; level <= maxHops && frontier.length && !found; level++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachEdge(node, (edge, _attrs, source, target) => {
        if (!edgeFilter(edge)) return;
        const other = source === node ? target : source;
        const seen = depth.get(other);
        if (seen === undefined) {
          depth.set(other, level);
          preds.set(other, [node]);
          next.push(other);
          if (other === to) found = true;
        } else if (seen === level && all) {
          const list = preds.get(other)!;
          if (!list.includes(node)) list.push(node);
        }
      });
    }
    frontier = next;
  }
  if (!found) return [];

  const bestEdge = (a: string, b: string): string => {
    let best: string | null = null;
    let bestScore = -Infinity;
    graph.forEachEdge(a, (edge, _attrs, source, target) => {
      if ((source === b || target === b) && edgeFilter(edge)) {
        const score = edgeScore(edge);
        if (score > bestScore || (score === bestScore && best !== null && edge < best)) {
          best = edge;
          bestScore = score;
        }
      }
    });
    return best!;
  };

  // Walk predecessors back from the target; sorted so the order is stable.
  const paths: KeyPath[] = [];
  const walk = (node: string, suffix: string[]) => {
    if (paths.length >= (all ? limit : 1)) return;
    if (node === from) {
      const nodes = [from, ...suffix];
      paths.push({ nodes, edges: nodes.slice(1).map((n, i) => bestEdge(nodes[i], n)) });
      return;
    }
    for (const p of [...(preds.get(node) ?? [])].sort()) walk(p, [node, ...suffix]);
  };
  walk(to, []);
  return paths;
}
