// Sigma on the viewer's graph: only the edge programs the data needs
// (shader compilation is slow in software WebGL), the size-dependent
// settings of style.ts, the view's reducers, and the pointer events: click
// to select, hover to highlight a node or show an edge's type and quote,
// camera moves remembered in the URL.
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeRectangleProgram } from "sigma/rendering";
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from "@sigma/edge-curve";
import { $ } from "./dom/element.js";
import { EdgeDashedProgram } from "./edge-dashed-program.js";
import { DETAIL_LIMIT, edgeProgram } from "./reducers.js";
import { humanise, sigmaSettingsFor } from "./style.js";
import type { Viewer } from "./viewer.js";

const PROGRAMS = { line: EdgeRectangleProgram, arrow: EdgeArrowProgram, curved: EdgeCurveProgram, curvedArrow: EdgeCurvedArrowProgram, dashed: EdgeDashedProgram };

/** What the renderer asks of the rest of the viewer. */
export interface RendererEvents {
  select(node: string | null): void;
}

/** Creates Sigma on `container` (its constructor draws the first frame) and wires its events. */
export function createRenderer(viewer: Viewer, container: HTMLElement, events: RendererEvents): Sigma {
  const { graph } = viewer;
  const detailed = graph.order <= DETAIL_LIMIT;
  const used = new Set<keyof typeof PROGRAMS>(["line"]);
  graph.forEachEdge((_e, a) => void used.add(edgeProgram(a, detailed)));
  // An overview grows by what is brought in: every program its edges may come to need (the graph only grows).
  if (viewer.overview) for (const name of detailed ? Object.keys(PROGRAMS) : ["line", "dashed"]) used.add(name as keyof typeof PROGRAMS);
  const sigma = new Sigma(graph, container, {
    ...sigmaSettingsFor(graph.order, graph.size),
    defaultEdgeType: "line",
    edgeProgramClasses: Object.fromEntries([...used].map((name) => [name, PROGRAMS[name]])),
    ...viewer.reducers(),
  });
  viewer.sigma = sigma;
  performance.mark("unionties:sigma"); // the constructor renders once
  if (viewer.state.camera) sigma.getCamera().setState(viewer.state.camera);
  sigma.on("clickNode", ({ node }) => events.select(node));
  sigma.on("clickStage", () => {
    if (viewer.state.selected) events.select(null);
  });
  // Hover changes one node or edge: refresh only that part (big graphs would re-run every reducer).
  sigma.on("enterNode", ({ node }) => {
    viewer.hoveredNode = node;
    sigma.refresh({ partialGraph: { nodes: [node] }, skipIndexation: true });
  });
  sigma.on("leaveNode", ({ node }) => {
    viewer.hoveredNode = null;
    sigma.refresh({ partialGraph: { nodes: [node] }, skipIndexation: true });
  });
  sigma.on("enterEdge", ({ edge, event }) => showEdgeTooltip(viewer, edge, event.x, event.y));
  sigma.on("leaveEdge", ({ edge }) => {
    viewer.hoveredEdge = null;
    $("edge-tooltip").hidden = true;
    sigma.refresh({ partialGraph: { edges: [edge] }, skipIndexation: true });
  });
  let camTimer: number | undefined;
  sigma.getCamera().on("updated", (cam) => {
    window.clearTimeout(camTimer);
    camTimer = window.setTimeout(() => viewer.rememberCamera({ x: cam.x, y: cam.y, ratio: cam.ratio }), 300);
  });
  return sigma;
}

/** Shows the hovered edge's type, ends and first quote next to the pointer, and draws it wider. */
function showEdgeTooltip(viewer: Viewer, edge: string, x: number, y: number): void {
  const { graph } = viewer;
  viewer.hoveredEdge = edge;
  const a = graph.getEdgeAttributes(edge);
  const tip = $("edge-tooltip");
  const head = document.createElement("strong");
  const name = (n: string) => String(graph.getNodeAttribute(n, "name"));
  const arrow = a.type === "TIE" ? "—" : "→";
  head.textContent = `${a.polarity === "absent" ? "no " : ""}${humanise(String(a.type))}: ${name(graph.source(edge))} ${arrow} ${name(graph.target(edge))}`;
  const quote = document.createElement("span");
  quote.textContent = a.evidence?.[0]?.quote ? `“${String(a.evidence[0].quote).replace(/\s+/g, " ").trim()}”` : "";
  tip.replaceChildren(head, quote);
  tip.style.left = `${x + 12}px`;
  tip.style.top = `${y + 12}px`;
  tip.hidden = false;
  viewer.sigma?.refresh({ partialGraph: { edges: [edge] }, skipIndexation: true });
}
