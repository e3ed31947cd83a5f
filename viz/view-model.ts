// What is drawn: from the graph and the view state, the set of visible nodes
// and edges (filters, time range, focus, isolated nodes) and what is
// emphasised (a path or a selection's neighbourhood). One pass over the
// nodes and one over the edges, reading each edge's ends and attributes from
// graphology's iterator (no per-edge lookups or arrays: on 250,000 edges
// those showed in the first frame). Pure: no DOM.
import type Graph from "graphology";
import type { Attributes } from "graphology-types";
import type { ViewState } from "./state.js";

/** The outcome of filtering: what is drawn, and what is emphasised. */
export interface ViewModel {
  visibleNodes: Set<string>;
  visibleEdges: Set<string>;
  /** When set, everything else is dimmed (a path, or a selection's neighbourhood). */
  emphasisNodes: Set<string> | null;
  emphasisEdges: Set<string> | null;
  /** Why things are emphasised: a path (drawn in the path colour) or a selection. */
  emphasis: "path" | "selection" | null;
}

/** What the view highlights besides the filters (a path found by the API). */
export interface Highlight {
  pathNodes?: readonly string[];
  pathEdges?: readonly string[];
}

/** True when a relationship's years overlap [from, to] (open ends match everything). */
export function overlapsYears(a: Attributes, from: number | null, to: number | null): boolean {
  const since = typeof a.since === "number" ? a.since : null;
  const until = typeof a.until === "number" ? a.until : since;
  if (from !== null && until !== null && until < from) return false;
  if (to !== null && since !== null && since > to) return false;
  // With a year range, undated relationships are kept (the text gives no time).
  return true;
}

/** True when an edge passes the relationship filters of `state`. */
export function edgePasses(a: Attributes, state: ViewState): boolean {
  if (a.type === "MENTIONS") return false;
  if (state.types && !state.types.includes(a.type)) return false;
  if (a.polarity === "absent" && !state.showAbsent) return false;
  if ((a.confidence ?? 1) < state.minConfidence) return false;
  return overlapsYears(a, state.fromYear, state.toYear);
}

/** Decides whether an edge may be walked or drawn, from its attributes and ends. */
export type EdgeTest = (a: Attributes, source: string, target: string) => boolean;

/** Nodes within `depth` hops of `centre` over the edges `usable` allows. */
export function neighbourhood(graph: Graph, centre: string, depth: number, usable: EdgeTest): Set<string> {
  const seen = new Set([centre]);
  let frontier = [centre];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const node of frontier)
      graph.forEachEdge(node, (_edge, a, s, t) => {
        const other = s === node ? t : s;
        if (!seen.has(other) && usable(a, s, t)) {
          seen.add(other);
          next.push(other);
        }
      });
    frontier = next;
  }
  return seen;
}

/**
 * Computes what is drawn. Nodes pass the kind and country filters; edges pass
 * the relationship filters and join two passing nodes. Nodes without a drawn
 * edge are hidden unless `showIsolated` is set, and always when a year range
 * is set, so the network grows as the time slider moves. The selected node
 * stays. A focus keeps its 1–3-hop neighbourhood.
 */
export function computeView(graph: Graph, state: ViewState, highlight: Highlight = {}): ViewModel {
  if (!graph.order) return { visibleNodes: new Set(), visibleEdges: new Set(), emphasisNodes: null, emphasisEdges: null, emphasis: null };
  const { kinds, countries } = state;
  const candidates = new Set<string>();
  graph.forEachNode((n, a) => {
    if ((!kinds || kinds.includes(a.kind)) && (!countries || (a.country && countries.includes(a.country)))) candidates.add(n);
  });
  let visibleNodes = candidates;
  if (state.focus && graph.hasNode(state.focus.node)) {
    const usable: EdgeTest = (a, s, t) => candidates.has(s) && candidates.has(t) && edgePasses(a, state);
    visibleNodes = neighbourhood(graph, state.focus.node, state.focus.depth, usable);
  }
  const dropLoners = !state.showIsolated || state.fromYear !== null || state.toYear !== null;
  const touched = dropLoners ? new Set<string>() : null;
  const visibleEdges = new Set<string>();
  graph.forEachEdge((e, a, s, t) => {
    if (!visibleNodes.has(s) || !visibleNodes.has(t) || !edgePasses(a, state)) return;
    visibleEdges.add(e);
    touched?.add(s).add(t);
  });
  if (touched) {
    // Every node an edge touches is visible already, so the touched set is the answer (plus the kept centre).
    for (const keep of [state.selected, state.focus?.node]) if (keep && visibleNodes.has(keep)) touched.add(keep);
    visibleNodes = touched;
  }
  let emphasisNodes: Set<string> | null = null;
  let emphasisEdges: Set<string> | null = null;
  if (highlight.pathNodes?.length) {
    emphasisNodes = new Set(highlight.pathNodes.filter((n) => graph.hasNode(n)));
    emphasisEdges = new Set(highlight.pathEdges?.filter((e) => graph.hasEdge(e)) ?? []);
    for (const n of emphasisNodes) visibleNodes.add(n);
    for (const e of emphasisEdges) visibleEdges.add(e);
  } else if (state.selected && visibleNodes.has(state.selected)) {
    const centre = state.selected;
    const nodes = new Set([centre]);
    const edges = new Set<string>();
    graph.forEachEdge(centre, (e, _a, s, t) => {
      if (!visibleEdges.has(e)) return;
      edges.add(e);
      nodes.add(s === centre ? t : s);
    });
    [emphasisNodes, emphasisEdges] = [nodes, edges];
  }
  const emphasis = highlight.pathNodes?.length ? "path" : emphasisNodes ? "selection" : null;
  return { visibleNodes, visibleEdges, emphasisNodes, emphasisEdges, emphasis };
}

/**
 * Bounding box (graph coordinates) of the visible nodes, for Sigma's camera
 * framing; null when nothing is visible.
 */
export function visibleBBox(graph: Graph, view: ViewModel): { x: [number, number]; y: [number, number] } | null {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const n of view.visibleNodes) {
    const { x, y } = graph.getNodeAttributes(n);
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  if (!Number.isFinite(x0)) return null;
  // A single node (or a line) still needs an extent to frame.
  const pad = Math.max(1, (x1 - x0) * 0.02, (y1 - y0) * 0.02);
  return { x: [x0 - pad, x1 + pad], y: [y0 - pad, y1 + pad] };
}
