// The viewer's entry point and, with its helpers in dom/, the only code that
// touches the DOM and WebGL: loads the schema and graph from the API, draws
// it with Sigma, runs the layout worker, wires search, filters, time slider,
// focus, paths, boomerangs and exports, renders the panels' VNode trees (as
// text only) and keeps the URL hash in step with the state so a link
// reproduces the view.
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeRectangleProgram } from "sigma/rendering";
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from "@sigma/edge-curve";
import { ApiClient, type ExportFormat, type SchemaInfo } from "./api-client.js";
import { EdgeDashedProgram } from "./edge-dashed-program.js";
import { attachAutocomplete, type Suggestion } from "./dom/autocomplete.js";
import { renderVNode } from "./dom/render-vnode.js";
import { LayoutClient } from "./layout-client.js";
import { buildBoomerangPanel } from "./panels/boomerang-panel.js";
import { buildDocumentView } from "./panels/document-panel.js";
import { buildLegend } from "./panels/legend.js";
import { buildNodePanel } from "./panels/node-panel.js";
import { buildPathPanel } from "./panels/path-panel.js";
import type { Action, VNode } from "./panels/vnode.js";
import { assignCurvatures, computeView, DETAIL_LIMIT, edgeProgram, makeEdgeReducer, makeNodeReducer, visibleBBox, type Highlight, type ViewModel } from "./reducers.js";
import { decodeState, encodeState, updateState, type ViewState } from "./state.js";
import { humanise, nodeSize, sigmaSettingsFor } from "./style.js";
import { seededPositions, yearRange } from "./graph-model.js";
import "./viewer.css";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const api = new ApiClient();
const graph = new Graph({ multi: true, type: "mixed", allowSelfLoops: true });
let state: ViewState = decodeState(location.hash);
let view: ViewModel = computeView(graph, state);
let highlight: Highlight = {};
let sigma: Sigma | null = null;
let hoveredNode: string | null = null;
let hoveredEdge: string | null = null;
let titles = new Map<string, string>();
let layoutDone: () => void = () => {};
const layoutFinished = new Promise<void>((resolve) => (layoutDone = resolve));

function show(container: HTMLElement, tree: VNode): void {
  container.replaceChildren(renderVNode(tree, (action) => void dispatch(action)));
  // The boomerang figures need room; other panels keep the graph wide.
  if (container.id === "panel-body") document.querySelector(".workspace")?.classList.toggle("wide-panel", tree.attrs?.class === "boomerang-detail");
}

/** Moves the camera so that `nodes` fill most of the stage. */
function fitCamera(nodes: readonly string[]): void {
  if (!sigma || !nodes.length) return;
  sigma.refresh(); // display data are normalised by a render; read them after one
  const points = nodes.map((n) => sigma!.getNodeDisplayData(n)).filter((d): d is NonNullable<typeof d> => !!d);
  if (!points.length) return;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x, y] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  sigma.getCamera().animate({ x, y, ratio: Math.min(1.1, Math.max(0.25, extent * 1.5)) }, { duration: 400 });
}

function setStatus(text: string): void {
  $("status").textContent = text;
}

// ---- state changes ----
function setState(patch: Partial<ViewState>, options: { refit?: boolean } = {}): void {
  const reframe = ["kinds", "countries", "focus", "showIsolated", "types"].some((k) => k in patch);
  state = updateState(state, patch);
  history.replaceState(null, "", `#${encodeState(state)}`);
  refreshView();
  // Filters that change which part of the map is drawn reframe it; the time slider does not, so it does not jump.
  if (reframe) frameVisible();
  if (options.refit) sigma?.getCamera().animatedReset({ duration: 300 });
}

/** Frames the camera's "whole graph" on the visible nodes (hidden outliers do not shrink the picture). */
function frameVisible(): void {
  if (!sigma) return;
  sigma.setCustomBBox(visibleBBox(graph, view));
  sigma.refresh();
}

function refreshView(): void {
  view = computeView(graph, state, highlight);
  if (sigma) {
    sigma.setSetting("nodeReducer", makeNodeReducer(view, state, () => hoveredNode));
    sigma.setSetting("edgeReducer", makeEdgeReducer(view, () => hoveredEdge, graph.order <= DETAIL_LIMIT));
  }
  updateExportLinks();
  setStatus(`${view.visibleNodes.size} nodes, ${view.visibleEdges.size} relationships shown`);
}

async function dispatch(action: Action): Promise<void> {
  if (action.type === "select") await selectNode(action.id, true);
  else if (action.type === "focus") {
    ($("focus-depth") as HTMLSelectElement).value = String(action.depth);
    setState({ focus: { node: action.id, depth: action.depth } }, { refit: true });
  } else if (action.type === "openQuote") await openDocument(action.document, action.start, action.end);
  else if (action.type === "closeDocument") closeDocument();
}

// ---- selection and panels ----
async function selectNode(id: string | null, moveCamera = false): Promise<void> {
  const depth = Number(($("focus-depth") as HTMLSelectElement).value);
  setState({ selected: id, focus: id && depth > 0 ? { node: id, depth } : null, boomerang: null });
  if (!id) return;
  if (moveCamera && sigma && graph.hasNode(id)) {
    sigma.refresh(); // display data are normalised by a render; read them after one
    const pos = sigma.getNodeDisplayData(id);
    if (pos) sigma.getCamera().animate({ x: pos.x, y: pos.y, ratio: Math.min(sigma.getCamera().ratio, 0.6) }, { duration: 400 });
  }
  try {
    const detail = await api.node(id);
    if (state.selected !== id) return;
    show($("panel-body"), buildNodePanel(detail, titles));
  } catch (error) {
    $("panel-body").textContent = `Could not load ${id}: ${(error as Error).message}`;
  }
}

async function openDocument(doc: string, start: number, end: number): Promise<void> {
  const box = $("document");
  try {
    const { text } = await api.documentText(doc);
    show(box, buildDocumentView(titles.get(doc) ?? doc, text, { start, end }));
    box.hidden = false;
    const mark = document.getElementById("highlight");
    mark?.scrollIntoView({ block: "center" });
    (box.querySelector("button.close") as HTMLButtonElement | null)?.focus({ preventScroll: true });
  } catch (error) {
    show(box, { tag: "p", text: `Could not open the document: ${(error as Error).message}` });
    box.hidden = false;
  }
}

function closeDocument(): void {
  $("document").hidden = true;
  $("document").replaceChildren();
}

/** Autocomplete over names and aliases of any node except documents. */
async function suggest(q: string): Promise<Suggestion[]> {
  const res = await api.search(q, 10);
  return res.items.filter((n) => n.attributes.nodeLabel !== "Document").map((n) => ({
    id: n.id,
    name: n.attributes.name,
    sub: [humanise(String(n.attributes.kind)), n.attributes.country].filter(Boolean).join(", "),
  }));
}

// ---- filters ----
function checkboxes(container: HTMLElement, values: string[], selected: string[] | null, label: (v: string) => string, onChange: (chosen: string[] | null) => void): void {
  const boxes = values.map((value) => {
    const wrap = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = value;
    box.checked = !selected || selected.includes(value);
    box.addEventListener("change", () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      onChange(chosen.length === values.length ? null : chosen);
    });
    wrap.append(box, ` ${label(value)}`);
    container.append(wrap);
    return box;
  });
}

function setupFilters(schema: SchemaInfo): void {
  const types = schema.relTypes.filter((t) => t !== "MENTIONS");
  const kinds = [...new Set(graph.mapNodes((_n, a) => String(a.kind)))].sort();
  const countries = [...new Set(graph.mapNodes((_n, a) => a.country as string | undefined).filter((c): c is string => !!c))].sort();
  checkboxes($("filter-types"), types, state.types, humanise, (chosen) => setState({ types: chosen }));
  checkboxes($("filter-kinds"), kinds, state.kinds, humanise, (chosen) => setState({ kinds: chosen }));
  checkboxes($("filter-countries"), countries, state.countries, (c) => c, (chosen) => setState({ countries: chosen }));
  const presentTypes = [...new Set(graph.mapEdges((_e, a) => String(a.type)))].filter((t) => t !== "MENTIONS").sort();
  show($("legend"), buildLegend(kinds, presentTypes, graph.someEdge((_e, a) => a.polarity === "absent")));

  const absent = $("show-absent") as HTMLInputElement;
  absent.checked = state.showAbsent;
  absent.addEventListener("change", () => setState({ showAbsent: absent.checked }));
  const isolated = $("show-isolated") as HTMLInputElement;
  isolated.checked = state.showIsolated;
  isolated.addEventListener("change", () => setState({ showIsolated: isolated.checked }));
  const conf = $("min-confidence") as HTMLInputElement;
  conf.value = String(state.minConfidence);
  $("min-confidence-value").textContent = String(state.minConfidence);
  conf.addEventListener("input", () => {
    $("min-confidence-value").textContent = conf.value;
    setState({ minConfidence: Number(conf.value) });
  });

  const [minYear, maxYear] = yearRange(graph);
  const from = $("from-year") as HTMLInputElement;
  const to = $("to-year") as HTMLInputElement;
  const slider = $("year-slider") as HTMLInputElement;
  slider.min = String(minYear);
  slider.max = String(maxYear);
  const paintYears = () => {
    from.value = state.fromYear === null ? "" : String(state.fromYear);
    to.value = state.toYear === null ? "" : String(state.toYear);
    slider.value = String(state.toYear ?? maxYear);
    $("year-value").textContent = state.toYear === null ? "all years" : String(state.toYear);
  };
  paintYears();
  const yearOf = (input: HTMLInputElement) => (input.value.trim() === "" || !Number.isFinite(Number(input.value)) ? null : Math.round(Number(input.value)));
  from.addEventListener("change", () => setState({ fromYear: yearOf(from) }));
  to.addEventListener("change", () => {
    setState({ toYear: yearOf(to) });
    paintYears();
  });
  slider.addEventListener("input", () => {
    setState({ toYear: Number(slider.value) });
    paintYears();
  });
  let playing: number | undefined;
  const play = $("year-play") as HTMLButtonElement;
  play.addEventListener("click", () => {
    if (playing !== undefined) {
      window.clearInterval(playing);
      playing = undefined;
      play.textContent = "Play years";
      return;
    }
    let year = state.toYear !== null && state.toYear < maxYear ? state.toYear : minYear;
    play.textContent = "Pause";
    playing = window.setInterval(() => {
      setState({ toYear: year });
      paintYears();
      if (++year > maxYear) {
        window.clearInterval(playing);
        playing = undefined;
        play.textContent = "Play years";
      }
    }, 700);
  });
  $("year-clear").addEventListener("click", () => {
    setState({ fromYear: null, toYear: null });
    paintYears();
  });

  const depth = $("focus-depth") as HTMLSelectElement;
  depth.value = String(state.focus?.depth ?? 0);
  depth.addEventListener("change", () => {
    const d = Number(depth.value);
    const centre = state.selected ?? state.focus?.node ?? null;
    setState({ focus: d > 0 && centre ? { node: centre, depth: d } : null }, { refit: true });
  });
}

// ---- paths and boomerangs ----
async function findPath(from: string, to: string, types: string[] | null, all: boolean): Promise<void> {
  try {
    const { paths } = await api.shortestPaths(from, to, { types, all });
    highlight = {
      pathNodes: [...new Set(paths.flatMap((p) => p.nodes.map((n) => n.id)))],
      pathEdges: [...new Set(paths.flatMap((p) => p.hops.map((h) => h.relationship.id)))],
    };
    setState({ path: { from, to, types, all }, boomerang: null });
    fitCamera(highlight.pathNodes ?? []);
    const name = (id: string) => (graph.hasNode(id) ? String(graph.getNodeAttribute(id, "name")) : id);
    show($("panel-body"), buildPathPanel(name(from), name(to), paths, titles));
  } catch (error) {
    $("panel-body").textContent = `No path: ${(error as Error).message}`;
  }
}

function clearPath(): void {
  highlight = {};
  setState({ path: null });
}

async function findBoomerangs(query: { state: string } | { org: string }): Promise<void> {
  try {
    const result = await api.boomerang(query);
    setState({ boomerang: query });
    const names = new Map(graph.mapNodes((n, a) => [n, String(a.name)] as [string, string]));
    const label = "state" in query ? query.state : names.get(query.org) ?? query.org;
    show($("panel-body"), buildBoomerangPanel(label, result, titles));
  } catch (error) {
    $("panel-body").textContent = `Boomerang analysis failed: ${(error as Error).message}`;
  }
}

function setupAnalyses(): void {
  const from = $("path-from") as HTMLInputElement;
  const to = $("path-to") as HTMLInputElement;
  attachAutocomplete(from, $("path-from-results") as HTMLUListElement, suggest, () => {});
  attachAutocomplete(to, $("path-to-results") as HTMLUListElement, suggest, () => {});
  $("path-find").addEventListener("click", () => {
    const [a, b] = [from.dataset.id ?? from.value.trim(), to.dataset.id ?? to.value.trim()];
    if (!a || !b) return setStatus("Pick two organisations for a path.");
    const restrict = ($("path-restrict") as HTMLInputElement).checked;
    void findPath(a, b, restrict ? state.types : null, ($("path-all") as HTMLInputElement).checked);
  });
  $("path-clear").addEventListener("click", clearPath);
  const boom = $("boomerang-query") as HTMLInputElement;
  attachAutocomplete(boom, $("boomerang-results") as HTMLUListElement, suggest, () => {});
  $("boomerang-find").addEventListener("click", () => {
    const raw = boom.value.trim();
    if (boom.dataset.id) return void findBoomerangs({ org: boom.dataset.id });
    if (/^[A-Za-z]{2}$/.test(raw)) return void findBoomerangs({ state: raw.toUpperCase() });
    if (raw) void findBoomerangs({ org: raw });
  });
  if (state.path) {
    from.value = state.path.from;
    from.dataset.id = state.path.from;
    to.value = state.path.to;
    to.dataset.id = state.path.to;
    ($("path-all") as HTMLInputElement).checked = state.path.all;
  }
}

// ---- exports ----
const EXPORTS: Array<[string, ExportFormat, string]> = [
  ["export-svg", "svg", "svg"], ["export-png", "png", "png"], ["export-gexf", "gexf", "gexf"], ["export-graphml", "graphml", "graphml"],
  ["export-csv-nodes", "csv-nodes", "nodes.csv"], ["export-csv-edges", "csv-edges", "edges.csv"], ["export-json", "json", "json"],
];

function updateExportLinks(): void {
  const title = ($("export-title") as HTMLInputElement | null)?.value.trim() || undefined;
  const nodes = [...view.visibleNodes].sort();
  for (const [id, format, ext] of EXPORTS) {
    const a = document.getElementById(id) as HTMLAnchorElement | null;
    if (!a) continue;
    a.href = api.exportUrl(format, {
      nodes,
      kinds: state.kinds,
      countries: state.countries,
      includeAbsent: state.showAbsent,
      types: state.types ?? [...new Set(graph.mapEdges((_e, attrs) => String(attrs.type)))].filter((t) => t !== "MENTIONS"),
      minConfidence: state.minConfidence,
      fromYear: state.fromYear,
      toYear: state.toYear,
      title,
    });
    a.setAttribute("download", `unionties-view.${ext}`);
  }
}

// ---- layout ----
const layout = new LayoutClient(graph, ({ done, planned, finished }) => {
  $("layout-status").textContent = finished ? "layout done" : `layout ${Math.round((100 * done) / planned)}%`;
  if (finished) {
    frameVisible();
    setLayoutRunning(false);
  }
});

function setLayoutRunning(running: boolean): void {
  const button = $("layout-toggle");
  button.textContent = running ? "Stop layout" : "Resume layout";
  button.setAttribute("aria-pressed", String(running));
  if (!running) layoutDone();
}

function toggleLayout(): void {
  if (layout.running) {
    layout.stop();
    $("layout-status").textContent = "layout stopped";
  } else layout.resume(100);
  setLayoutRunning(layout.running);
}

// ---- start ----
async function start(): Promise<void> {
  setStatus("Loading the graph…");
  const [schema, data, docs] = await Promise.all([api.schema(), api.graph({ withoutDocuments: true }), api.documents().catch(() => ({ items: [] }))]);
  performance.mark("unionties:data");
  titles = new Map(docs.items.map((d) => [d.id, String(d.attributes.title ?? d.attributes.name ?? d.id)]));
  graph.import(data as never);
  performance.mark("unionties:imported");
  // The graph comes without documents, so there are no MENTIONS among the degrees.
  let maxDegree = 1;
  graph.forEachNode((n) => void (maxDegree = Math.max(maxDegree, graph.degree(n))));
  const positions = seededPositions(graph.nodes(), state.seed);
  graph.updateEachNodeAttributes((n, a) => ({ ...a, ...positions.get(n)!, size: nodeSize(graph.degree(n), maxDegree) }));
  if (graph.order <= DETAIL_LIMIT) assignCurvatures(graph);
  view = computeView(graph, state, highlight);

  performance.mark("unionties:prepared");
  // Only the programs the data needs are compiled (shader compilation is slow in software WebGL).
  const detailed = graph.order <= DETAIL_LIMIT;
  const programs = { line: EdgeRectangleProgram, arrow: EdgeArrowProgram, curved: EdgeCurveProgram, curvedArrow: EdgeCurvedArrowProgram, dashed: EdgeDashedProgram };
  const used = new Set<keyof typeof programs>(["line"]);
  graph.forEachEdge((_e, a) => void used.add(edgeProgram(a, detailed)));
  sigma = new Sigma(graph, $("graph"), {
    ...sigmaSettingsFor(graph.order, graph.size),
    defaultEdgeType: "line",
    edgeProgramClasses: Object.fromEntries([...used].map((name) => [name, programs[name]])),
    nodeReducer: makeNodeReducer(view, state, () => hoveredNode),
    edgeReducer: makeEdgeReducer(view, () => hoveredEdge, detailed),
  });
  hook.firstFrameMs = performance.now(); // Sigma's constructor draws the first frame
  if (state.camera) sigma.getCamera().setState(state.camera);
  sigma.on("clickNode", ({ node }) => void selectNode(node));
  sigma.on("clickStage", () => {
    if (state.selected) void selectNode(null);
  });
  // Hover changes one node or edge: refresh only that part (big graphs would re-run every reducer).
  sigma.on("enterNode", ({ node }) => {
    hoveredNode = node;
    sigma!.refresh({ partialGraph: { nodes: [node] }, skipIndexation: true });
  });
  sigma.on("leaveNode", ({ node }) => {
    hoveredNode = null;
    sigma!.refresh({ partialGraph: { nodes: [node] }, skipIndexation: true });
  });
  sigma.on("enterEdge", ({ edge, event }) => showEdgeTooltip(edge, event.x, event.y));
  sigma.on("leaveEdge", ({ edge }) => {
    hoveredEdge = null;
    $("edge-tooltip").hidden = true;
    sigma!.refresh({ partialGraph: { edges: [edge] }, skipIndexation: true });
  });
  let camTimer: number | undefined;
  sigma.getCamera().on("updated", (cam) => {
    window.clearTimeout(camTimer);
    camTimer = window.setTimeout(() => {
      state = updateState(state, { camera: { x: cam.x, y: cam.y, ratio: cam.ratio } });
      history.replaceState(null, "", `#${encodeState(state)}`);
    }, 300);
  });

  setupFilters(schema);
  setupAnalyses();
  attachAutocomplete($("search-input") as HTMLInputElement, $("search-results") as HTMLUListElement, suggest, (id) => void selectNode(id, true));
  $("layout-toggle").addEventListener("click", toggleLayout);
  $("export-title").addEventListener("input", updateExportLinks);
  $("copy-link").addEventListener("click", () => void navigator.clipboard?.writeText(location.href).then(() => setStatus("Link copied."), () => setStatus(location.href)));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("document").hidden) closeDocument();
  });
  refreshView();
  if (state.selected) void selectNode(state.selected);
  if (state.path) void findPath(state.path.from, state.path.to, state.path.types, state.path.all);
  else if (state.boomerang) void findBoomerangs(state.boomerang);
  const noLayout = new URLSearchParams(location.search).get("layout") === "off";
  if (graph.order && !noLayout) {
    layout.start(graph.order < 200 ? 400 : graph.order < 2000 ? 200 : 60);
    setLayoutRunning(true);
  }
  else setLayoutRunning(false);
}

function showEdgeTooltip(edge: string, x: number, y: number): void {
  hoveredEdge = edge;
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
  sigma?.refresh({ partialGraph: { edges: [edge] }, skipIndexation: true });
}

/** Test and benchmark hook: counts of what is drawn, the state, layout control, first frame time. */
const hook = {
  firstFrameMs: null as number | null,
  visibleCounts: () => ({ nodes: view.visibleNodes.size, edges: view.visibleEdges.size }),
  visibleNodeIds: () => [...view.visibleNodes].sort(),
  state: () => state,
  stopLayout: () => {
    if (layout.running) toggleLayout();
  },
  layoutFinished: () => layoutFinished,
  sigma: () => sigma,
  ready: false,
};
(window as unknown as { __unionties: typeof hook }).__unionties = hook;

/** Puts the filter controls in step with the state (after a link changed it). */
function syncControls(): void {
  const sync = (fieldset: string, chosen: string[] | null) =>
    document.querySelectorAll<HTMLInputElement>(`#${fieldset} input[type="checkbox"]`).forEach((box) => (box.checked = !chosen || chosen.includes(box.value)));
  sync("filter-types", state.types);
  sync("filter-kinds", state.kinds);
  sync("filter-countries", state.countries);
  ($("show-absent") as HTMLInputElement).checked = state.showAbsent;
  ($("show-isolated") as HTMLInputElement).checked = state.showIsolated;
  ($("min-confidence") as HTMLInputElement).value = String(state.minConfidence);
  $("min-confidence-value").textContent = String(state.minConfidence);
  ($("from-year") as HTMLInputElement).value = state.fromYear === null ? "" : String(state.fromYear);
  ($("to-year") as HTMLInputElement).value = state.toYear === null ? "" : String(state.toYear);
  $("year-value").textContent = state.toYear === null ? "all years" : String(state.toYear);
  ($("focus-depth") as HTMLSelectElement).value = String(state.focus?.depth ?? 0);
}

// A link opened in a running viewer (hash changed by hand or by history) is applied like a fresh load.
window.addEventListener("hashchange", () => {
  const next = decodeState(location.hash);
  if (encodeState(next) === encodeState(state)) return;
  const prev = state;
  state = next;
  if (!next.path) highlight = {};
  syncControls();
  refreshView();
  if (next.camera) sigma?.getCamera().setState(next.camera);
  else sigma?.getCamera().animatedReset({ duration: 300 });
  if (next.path && JSON.stringify(next.path) !== JSON.stringify(prev.path)) void findPath(next.path.from, next.path.to, next.path.types, next.path.all);
  else if (next.boomerang && JSON.stringify(next.boomerang) !== JSON.stringify(prev.boomerang)) void findBoomerangs(next.boomerang);
  else if (next.selected && next.selected !== prev.selected) void selectNode(next.selected);
  else if (!next.selected && !next.path && !next.boomerang) show($("panel-body"), { tag: "p", attrs: { class: "hint" }, text: "Search or click an organisation to see its relationships and the quotes behind them." });
});

start().then(
  () => (hook.ready = true),
  (error) => setStatus(`The viewer could not load the graph: ${(error as Error).message}`),
);
