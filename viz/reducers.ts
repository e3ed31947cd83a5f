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
 * What Sigma draws of a node or edge. Reducers return a new object of this
 * fixed shape, with every field Sigma would otherwise add: filling in Sigma's
 * copy of the attributes grew each copy property by property, which made
 * the first frame of a 5,000-node graph cost 3 times bare Sigma's per edge.
 */
interface NodeDisplay {
  x: number;
  y: number;
  size: number;
  label: string;
  color: string;
  labelColor: string | undefined;
  type: string;
  hidden: boolean;
  forceLabel: boolean;
  highlighted: boolean;
  zIndex: number;
}

interface EdgeDisplay {
  type: string;
  color: string;
  size: number;
  curvature: number;
  label: string;
  hidden: boolean;
  forceLabel: boolean;
  zIndex: number;
}

/** Sigma's node reducer for `view`: hidden, dimmed, highlighted, labelled by name, coloured by kind. */
export function makeNodeReducer(view: ViewModel, state: ViewState, hovered: () => string | null) {
  return (node: string, data: Attributes): NodeDisplay => {
    const d: NodeDisplay = {
      x: data.x, y: data.y, size: data.size, label: data.name, color: kindColour(data.kind), labelColor: undefined,
      type: "circle", hidden: false, forceLabel: false, highlighted: false, zIndex: 0,
    };
    if (!view.visibleNodes.has(node)) d.hidden = true;
    // Dimmed nodes keep a grey label (the grid decides which are drawn) so the map stays readable.
    else if (view.emphasisNodes && !view.emphasisNodes.has(node)) [d.color, d.labelColor] = [DIM_COLOUR, DIM_LABEL_COLOUR];
    else if (node === state.selected || node === hovered()) [d.highlighted, d.forceLabel, d.zIndex] = [true, true, 2];
    // Paths and small neighbourhoods are labelled in full; a big neighbourhood leaves it to the label grid.
    else if (view.emphasisNodes) [d.forceLabel, d.zIndex] = [view.emphasis === "path" || view.emphasisNodes.size <= 15, 1];
    return d;
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
 * Sigma's edge reducer for `view`: colour by type, program by direction,
 * curvature and polarity (dashed when absent), hidden, dimmed or emphasised.
 * The relationship type stays in the graph's `type`; Sigma's `type` is the program.
 */
export function makeEdgeReducer(view: ViewModel, hoveredEdge: () => string | null, detailed = true) {
  return (edge: string, data: Attributes): EdgeDisplay => {
    const d: EdgeDisplay = {
      type: edgeProgram(data, detailed), color: typeColour(data.type),
      // Thin edges on big graphs: in software WebGL every extra pixel of fill costs frames.
      size: detailed ? 3 : 1,
      curvature: data.curvature ?? 0, label: "", hidden: false, forceLabel: false, zIndex: 0,
    };
    if (!view.visibleEdges.has(edge)) d.hidden = true;
    else if (edge === hoveredEdge()) [d.size, d.zIndex] = [5, 2];
    else if (view.emphasisEdges && !view.emphasisEdges.has(edge)) [d.color, d.size] = [DIM_COLOUR, 1];
    else if (view.emphasisEdges) [d.color, d.size, d.zIndex] = view.emphasis === "path" ? [PATH_COLOUR, 5, 1] : [d.color, 4, 1];
    return d;
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
