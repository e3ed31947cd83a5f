// What is drawn and how: from the graph and the view state, the set of
// visible nodes and edges (filters, time range, focus) and Sigma's node and
// edge reducers (colour by kind and type, dimming outside a path or
// selection, program choice: straight, arrow, curved, dashed). Pure: no DOM.
import type Graph from "graphology";
import type { Attributes } from "graphology-types";
import type { ViewState } from "./state.js";
import { DIM_COLOUR, DIM_LABEL_COLOUR, kindColour, PATH_COLOUR, typeColour } from "./style.js";

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

/** Nodes within `depth` hops of `centre` over the edges `usable` allows. */
export function neighbourhood(graph: Graph, centre: string, depth: number, usable: (edge: string) => boolean): Set<string> {
  const seen = new Set([centre]);
  let frontier = [centre];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const node of frontier)
      graph.forEachEdge(node, (edge, _a, s, t) => {
        const other = s === node ? t : s;
        if (usable(edge) && !seen.has(other)) {
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
  const nodeOk = (n: string, a: Attributes) =>
    (!state.kinds || state.kinds.includes(a.kind)) && (!state.countries || (a.country && state.countries.includes(a.country)));
  const candidates = new Set(graph.filterNodes(nodeOk));
  const edgeOk = (e: string) => {
    const [s, t] = graph.extremities(e);
    return candidates.has(s) && candidates.has(t) && edgePasses(graph.getEdgeAttributes(e), state);
  };
  let visibleNodes = candidates;
  if (state.focus && graph.hasNode(state.focus.node)) visibleNodes = neighbourhood(graph, state.focus.node, state.focus.depth, edgeOk);
  const visibleEdges = new Set(graph.filterEdges((e, _a, s, t) => visibleNodes.has(s) && visibleNodes.has(t) && edgeOk(e)));
  if (!state.showIsolated || state.fromYear !== null || state.toYear !== null) {
    const touched = new Set<string>();
    for (const e of visibleEdges) for (const n of graph.extremities(e)) touched.add(n);
    visibleNodes = new Set([...visibleNodes].filter((n) => touched.has(n) || n === state.selected || n === state.focus?.node));
  }
  let emphasisNodes: Set<string> | null = null;
  let emphasisEdges: Set<string> | null = null;
  if (highlight.pathNodes?.length) {
    emphasisNodes = new Set(highlight.pathNodes.filter((n) => graph.hasNode(n)));
    emphasisEdges = new Set(highlight.pathEdges?.filter((e) => graph.hasEdge(e)) ?? []);
    for (const n of emphasisNodes) visibleNodes.add(n);
    for (const e of emphasisEdges) visibleEdges.add(e);
  } else if (state.selected && visibleNodes.has(state.selected)) {
    emphasisNodes = new Set([state.selected]);
    emphasisEdges = new Set();
    graph.forEachEdge(state.selected, (e, _a, s, t) => {
      if (!visibleEdges.has(e)) return;
      emphasisEdges!.add(e);
      emphasisNodes!.add(s === state.selected ? t : s);
    });
  }
  const emphasis = highlight.pathNodes?.length ? "path" : emphasisNodes ? "selection" : null;
  return { visibleNodes, visibleEdges, emphasisNodes, emphasisEdges, emphasis };
}

/**
 * Sigma's node reducer for `view`: hidden, dimmed, highlighted, labelled by
 * name. It writes into `data`, which Sigma passes as a fresh shallow copy of
 * the node's attributes (no second copy per node per refresh on big graphs).
 */
export function makeNodeReducer(view: ViewModel, state: ViewState, hovered: () => string | null) {
  return (node: string, data: Attributes): Attributes => {
    data.label = data.name;
    data.color = kindColour(data.kind);
    if (!view.visibleNodes.has(node)) data.hidden = true;
    // Dimmed nodes keep a grey label (the grid decides which are drawn) so the map stays readable.
    else if (view.emphasisNodes && !view.emphasisNodes.has(node)) Object.assign(data, { color: DIM_COLOUR, labelColor: DIM_LABEL_COLOUR, zIndex: 0 });
    else if (node === state.selected || node === hovered()) Object.assign(data, { highlighted: true, forceLabel: true, zIndex: 2 });
    // Paths and small neighbourhoods are labelled in full; a big neighbourhood leaves it to the label grid.
    else if (view.emphasisNodes) Object.assign(data, { forceLabel: view.emphasis === "path" || view.emphasisNodes.size <= 15, zIndex: 1 });
    return data;
  };
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

/** Graphs above this many nodes draw plain lines: arrowheads and curves are unreadable there and cost frames. */
export const DETAIL_LIMIT = 500;

/** Which Sigma edge program draws an edge (see main.ts's program table); `detailed` false gives lines only. */
export function edgeProgram(a: Attributes, detailed = true): "line" | "arrow" | "curved" | "curvedArrow" | "dashed" {
  if (a.polarity === "absent") return "dashed";
  if (!detailed) return "line";
  const directed = a.type !== "TIE";
  if (a.curvature) return directed ? "curvedArrow" : "curved";
  return directed ? "arrow" : "line";
}

/**
 * Sigma's edge reducer for `view`: colour by type, dashed when absent, dimmed
 * or emphasised. Like the node reducer it writes into Sigma's fresh copy;
 * the relationship type moves to `relType` (Sigma's `type` is the program).
 */
export function makeEdgeReducer(view: ViewModel, hoveredEdge: () => string | null, detailed = true) {
  return (edge: string, data: Attributes): Attributes => {
    const program = edgeProgram(data, detailed);
    data.relType = data.type;
    data.color = typeColour(data.type);
    data.type = program;
    // Thin edges on big graphs: in software WebGL every extra pixel of fill costs frames.
    data.size = detailed ? 3 : 1;
    data.label = null;
    if (!view.visibleEdges.has(edge)) data.hidden = true;
    else if (edge === hoveredEdge()) Object.assign(data, { size: 5, zIndex: 2 });
    else if (view.emphasisEdges && !view.emphasisEdges.has(edge)) Object.assign(data, { color: DIM_COLOUR, size: 1, zIndex: 0 });
    else if (view.emphasisEdges) Object.assign(data, { size: 4, zIndex: 1 }, view.emphasis === "path" ? { color: PATH_COLOUR, size: 5 } : {});
    return data;
  };
}

/**
 * Curvature for parallel edges: each group of edges between the same two
 * nodes is spread symmetrically (0 for a lone edge). Sets `curvature` on edges.
 */
export function assignCurvatures(graph: Graph, step = 0.3): void {
  const groups = new Map<string, string[]>();
  graph.forEachEdge((e, a, s, t) => {
    if (a.type === "MENTIONS") return;
    const key = s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  });
  for (const edges of groups.values()) {
    if (edges.length < 2) continue; // lone edges stay straight (no curvature attribute)
    edges.sort();
    edges.forEach((e, i) => {
      const [s, t] = graph.extremities(e);
      // Bends are measured from source to target, so flip them for edges drawn the other way.
      graph.setEdgeAttribute(e, "curvature", (i - (edges.length - 1) / 2) * step * (s < t ? 1 : -1));
    });
  }
}
