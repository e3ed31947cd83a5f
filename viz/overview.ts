// The viewer on a graph too large to draw whole: it asks the API for an
// overview (GET /api/graph?top=N, the N best-connected organisations and the
// relationships among them; X-Total-Nodes says what the whole holds), says
// so in a notice, and brings in the nodes and relationships the user reaches
// (a node searched for, a node's ties, a path, a boomerang's organisations)
// as the API gives them. A filter changed in an overview asks for the
// overview under that filter (overviewQuery: the API's `top` counts what the
// filters keep, as the screen does) and the graph becomes that answer plus
// what was brought in (replaceOverview), so an export of the same query with
// `include` holds the nodes on screen. Pure helpers over the graphology
// graph, tested in node.
import type Graph from "graphology";
import type { NodeRecord, RelationshipRecord, SerializedGraph } from "../graph/types.js";
import type { GraphQuery } from "./api-client.js";
import type { ViewState } from "./state.js";

/** Organisations the viewer asks for at most: about what the viz bench's 5k-node / 25k-edge size draws (3,000 of a scale-free graph bring ~28,000 relationships). */
export const OVERVIEW_LIMIT = 3000;
/** The API's largest `top`. */
export const MAX_OVERVIEW_LIMIT = 100_000;

/** What was asked and what the whole holds, when the answer was cut. */
export interface Overview {
  shown: number;
  totalNodes: number;
  totalRelationships: number | null;
}

/** The overview size a page's query string asks for (`?top=N`, 1..100000), else OVERVIEW_LIMIT. */
export function overviewLimit(search: string): number {
  const raw = new URLSearchParams(search).get("top");
  const n = raw !== null && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return n >= 1 && n <= MAX_OVERVIEW_LIMIT ? n : OVERVIEW_LIMIT;
}

/** The overview, when fewer nodes came than the whole holds (null: the whole graph is drawn). */
export function overviewOf(received: number, totals: { nodes: number; relationships: number | null } | null): Overview | null {
  if (!totals || totals.nodes <= received) return null;
  return { shown: received, totalNodes: totals.nodes, totalRelationships: totals.relationships };
}

const count = (n: number) => n.toLocaleString("en");

/** The notice over the graph: what is shown and how to reach the rest (`filtered`: under the filters chosen). */
export function overviewNotice(overview: Overview, added = 0, filtered = false): string {
  const more = added ? ` (and ${count(added)} brought in)` : "";
  const shown = filtered
    ? `the ${count(overview.shown)} best-connected organisations the filters keep, of ${count(overview.totalNodes)} in all`
    : `the ${count(overview.shown)} best-connected of ${count(overview.totalNodes)} organisations`;
  return `Overview: ${shown}${more}. Search or open a node to see its ties.`;
}

/** The query of the overview a link without filters asks for (overviewQuery at OVERVIEW_LIMIT): index.html preloads `/api/graph?` + this. */
export const PRELOADED_OVERVIEW = "withoutDocuments=true&includeAbsent=false&top=3000";

/** The state's settings that are filters of the API's overview: changing one asks for a new overview. */
export const OVERVIEW_FILTERS = ["types", "kinds", "countries", "minConfidence", "fromYear", "toYear", "showAbsent"] as const;

const year = (y: number | null) => (y === null ? undefined : Math.min(3000, Math.max(1000, y)));

/**
 * The API query for the overview of `state`: the `limit` organisations with
 * the most relationships the state's filters keep (absent ones only when
 * shown), the relationships among them, and the `include`d nodes.
 */
export function overviewQuery(state: ViewState, limit: number, include: readonly string[] = []): GraphQuery {
  return {
    withoutDocuments: true,
    top: limit,
    types: state.types,
    kinds: state.kinds,
    countries: state.countries,
    minConfidence: state.minConfidence || undefined,
    fromYear: year(state.fromYear),
    toYear: year(state.toYear),
    includeAbsent: state.showAbsent ? undefined : false,
    include: include.length ? [...include] : undefined,
  };
}

/** True when `state` filters the overview (so the notice says so). */
export function filtersOverview(state: ViewState): boolean {
  return !!(state.types || state.kinds || state.countries || state.minConfidence || state.fromYear !== null || state.toYear !== null);
}

/** A number in [0, 1) from a string (FNV-1a), so a node brought in lands at the same place every time. */
function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4294967296;
}

/** Spread of the graph's positions (the larger side of their bounding box), at least 1. */
function extentOf(graph: Graph): number {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  graph.forEachNode((_n, a) => {
    [x0, x1, y0, y1] = [Math.min(x0, a.x), Math.max(x1, a.x), Math.min(y0, a.y), Math.max(y1, a.y)];
  });
  return Number.isFinite(x0) ? Math.max(1, x1 - x0, y1 - y0) : 1;
}

/** The mean position of those of `nodes` the graph holds; the origin when none. */
function meanPosition(graph: Graph, nodes: readonly NodeRecord[]): { x: number; y: number } {
  let [x, y, k] = [0, 0, 0];
  for (const n of nodes) {
    if (!graph.hasNode(n.id)) continue;
    const a = graph.getNodeAttributes(n.id);
    [x, y, k] = [x + a.x, y + a.y, k + 1];
  }
  return k ? { x: x / k, y: y / k } : { x: 0, y: 0 };
}

/** What bringIn needs besides the records: whether a type is undirected, the size of a node of a degree. */
export interface BringInOptions {
  undirected: (type: string) => boolean;
  size: (degree: number, maxDegree: number) => number;
}

/**
 * Adds the nodes and relationships the graph lacks: `anchor`, when new, among
 * those of `nodes` already drawn, and the other new nodes on a ring around
 * it, at an angle from their id; relationships whose ends are both in the graph.
 * Sizes follow the degree at insertion. Returns the ids of the nodes added.
 */
export function bringIn(graph: Graph, anchor: string | null, nodes: readonly NodeRecord[], relationships: readonly RelationshipRecord[], options: BringInOptions): string[] {
  const added: string[] = [];
  const extent = extentOf(graph);
  const fresh = nodes.filter((n) => !graph.hasNode(n.id));
  const centre = anchor && graph.hasNode(anchor) ? graph.getNodeAttributes(anchor) : meanPosition(graph, nodes);
  const radius = extent * (0.03 + 0.002 * Math.sqrt(fresh.length));
  for (const n of fresh) {
    if (graph.hasNode(n.id)) continue;
    const angle = 2 * Math.PI * unitHash(n.id);
    const r = n.id === anchor ? 0 : radius * (0.7 + 0.6 * unitHash(`${n.id}~r`));
    graph.addNode(n.id, { ...n.attributes, x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle), size: 1 });
    added.push(n.id);
  }
  for (const rel of relationships) {
    if (graph.hasEdge(rel.id) || !graph.hasNode(rel.source) || !graph.hasNode(rel.target)) continue;
    if (options.undirected(rel.attributes.type)) graph.addUndirectedEdgeWithKey(rel.id, rel.source, rel.target, { ...rel.attributes });
    else graph.addDirectedEdgeWithKey(rel.id, rel.source, rel.target, { ...rel.attributes });
  }
  if (added.length) {
    let maxDegree = 1;
    graph.forEachNode((n) => void (maxDegree = Math.max(maxDegree, graph.degree(n))));
    for (const n of added) graph.setNodeAttribute(n, "size", options.size(graph.degree(n), maxDegree));
  }
  return added;
}

/** The bounding box of `points` (at least a tenth of its extent on each side), or null when there are none. */
function boxOf(points: ReadonlyArray<{ x: number; y: number }>): { x: number; y: number; w: number; h: number } | null {
  if (!points.length) return null;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const a of points) [x0, x1, y0, y1] = [Math.min(x0, a.x), Math.max(x1, a.x), Math.min(y0, a.y), Math.max(y1, a.y)];
  const extent = Math.max(1, x1 - x0, y1 - y0);
  return { x: x0, y: y0, w: Math.max(x1 - x0, extent * 0.1), h: Math.max(y1 - y0, extent * 0.1) };
}

/**
 * Makes the graph the API's new overview `answer` plus the nodes in `keep`
 * (brought in, selected, on a path): other nodes go (with their
 * relationships), the answer's new nodes come near their drawn neighbours
 * (else at a place in the drawing from their id), then its relationships,
 * and every node is sized by its degree. The graph is cleared and filled
 * again rather than dropped from node by node: Sigma re-indexes every node
 * and edge on each node or edge dropped (thousands of drops hung the page on
 * the 100k store), and once on a clear. Returns the ids added and the number
 * of nodes dropped.
 */
export function replaceOverview(graph: Graph, answer: SerializedGraph, keep: ReadonlySet<string>, options: BringInOptions): { added: string[]; dropped: number } {
  const incoming = new Set(answer.nodes.map((n) => n.key));
  const stays = (id: string) => incoming.has(id) || keep.has(id);
  const before = graph.export();
  const nodes = before.nodes.filter((n) => stays(n.key));
  const dropped = before.nodes.length - nodes.length;
  const edges = before.edges.filter((e) => stays(e.source) && stays(e.target));
  const at = new Map(nodes.map((n) => [n.key, n.attributes as { x: number; y: number }]));
  const box = boxOf(nodes.map((n) => n.attributes as { x: number; y: number }));
  const fresh = answer.nodes.filter((n) => !at.has(n.key));
  const near = new Map<string, { x: number; y: number; k: number }>();
  for (const e of answer.edges) {
    for (const [node, other] of [[e.source, e.target], [e.target, e.source]]) {
      const p = at.get(other);
      if (at.has(node) || !p) continue;
      const sum = near.get(node) ?? { x: 0, y: 0, k: 0 };
      near.set(node, { x: sum.x + p.x, y: sum.y + p.y, k: sum.k + 1 });
    }
  }
  const spread = box ? Math.max(box.w, box.h) : Math.sqrt(fresh.length) * 10;
  const added: string[] = [];
  for (const n of fresh) {
    const sum = near.get(n.key);
    const [u, v] = [unitHash(n.key), unitHash(`${n.key}~r`)];
    const angle = 2 * Math.PI * u;
    const place = sum
      ? { x: sum.x / sum.k + spread * 0.03 * Math.cos(angle), y: sum.y / sum.k + spread * 0.03 * Math.sin(angle) }
      : box
        ? { x: box.x + u * box.w, y: box.y + v * box.h }
        : { x: (u - 0.5) * spread, y: (v - 0.5) * spread };
    nodes.push({ key: n.key, attributes: { ...n.attributes, ...place, size: 1 } });
    added.push(n.key);
  }
  const known = new Set(edges.map((e) => e.key));
  for (const e of answer.edges) {
    if (known.has(e.key) || !stays(e.source) || !stays(e.target)) continue;
    edges.push({ key: e.key, source: e.source, target: e.target, attributes: { ...e.attributes }, undirected: e.undirected ?? options.undirected(e.attributes.type) });
  }
  // Sizes from the degrees before the nodes go in: an update of every node afterwards made Sigma repaint nodes it had not indexed yet.
  const degree = new Map<string, number>();
  for (const e of edges) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const maxDegree = Math.max(1, ...degree.values());
  graph.clear();
  for (const n of nodes) graph.addNode(n.key, { ...n.attributes, size: options.size(degree.get(n.key) ?? 0, maxDegree) });
  for (const e of edges) {
    if (e.undirected) graph.addUndirectedEdgeWithKey(e.key, e.source, e.target, e.attributes);
    else graph.addDirectedEdgeWithKey(e.key, e.source, e.target, e.attributes);
  }
  return { added, dropped };
}
