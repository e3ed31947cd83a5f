// How things are drawn: Sigma's node and edge reducers over a ViewModel
// (view-model.ts): colour by kind and type, hidden, dimmed outside a path or
// selection, and the edge program (straight, arrow, curved, dashed), plus
// the curvature of parallel edges. Pure: no DOM.
import type Graph from "graphology";
import type { Attributes } from "graphology-types";
import type { ViewState } from "./state.js";
import type { ViewModel } from "./view-model.js";
import { DIM_COLOUR, DIM_LABEL_COLOUR, kindColour, PATH_COLOUR, typeColour } from "./style.js";

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
