// The viewer's entry point: loads the schema and graph from the API, draws
// it with Sigma (renderer.ts), then wires the controls (controls/), starts
// the layout worker and applies a link's state (the URL hash) as a fresh
// load does. On a store larger than the overview limit (GET /api/facets
// says) it asks for the overview under the link's filters, lists the whole
// store's kinds and countries, asks again when a filter changes
// (controls/overview-reload.ts) and brings in a focus the overview lacks. The shared state lives in viewer.ts; window.__unionties is the
// hook tests and bench/viz.ts read.
import { attachAutocomplete } from "./dom/autocomplete.js";
import { $ } from "./dom/element.js";
import { findBoomerangs, findPath, setupAnalyses } from "./controls/analyses.js";
import { updateExportLinks } from "./controls/exports.js";
import { setupFilters, syncControls } from "./controls/filters.js";
import { LayoutControl } from "./controls/layout.js";
import { OverviewReload } from "./controls/overview-reload.js";
import { bringInFocus, closeDocument, HINT, runAction, selectNode, suggester } from "./controls/selection.js";
import { firstFrameDrawn, reportFirstFrame } from "./first-frame.js";
import { graphQueryString } from "./api-client.js";
import { OVERVIEW_FILTERS, overviewLimit, overviewOf, overviewQuery, PRELOADED_OVERVIEW } from "./overview.js";
import { placeNodes, presentTypes } from "./graph-model.js";
import { assignCurvatures, DETAIL_LIMIT } from "./reducers.js";
import { createRenderer } from "./renderer.js";
import { decodeState, encodeState } from "./state.js";
import { nodeSize } from "./style.js";
import { computeView } from "./view-model.js";
import { Viewer } from "./viewer.js";
import "./viewer.css";

const viewer = new Viewer();
const layout = new LayoutControl(viewer);
// A new overview with many new nodes is laid out anew; a few settle where they were placed.
const reload = new OverviewReload(viewer, (added) => {
  if (added > viewer.graph.order / 10) layout.restart();
});
viewer.onOverviewFilters = () => reload.schedule();
viewer.dispatch = (action) => void runAction(viewer, action);
viewer.onViewChange = () => {
  updateExportLinks(viewer);
  viewer.setStatus(`${viewer.view.visibleNodes.size} nodes, ${viewer.view.visibleEdges.size} relationships shown`);
};

/** Test and benchmark hook: counts of what is drawn, the state, layout control, first frame time. */
const hook = {
  firstFrameMs: null as number | null,
  visibleCounts: () => ({ nodes: viewer.view.visibleNodes.size, edges: viewer.view.visibleEdges.size }),
  visibleNodeIds: () => [...viewer.view.visibleNodes].sort(),
  /** The nodes emphasised (a path, a boomerang shown on the map, a selection's neighbourhood), sorted; empty when none. */
  emphasisNodeIds: () => [...(viewer.view.emphasisNodes ?? [])].sort(),
  /** Null for a whole graph; else what the overview shows of what total. */
  overview: () => viewer.overview,
  /** Overviews drawn after the first (a filter changed in an overview). */
  overviewLoads: () => reload.loads,
  graphOrder: () => viewer.graph.order,
  state: () => viewer.state,
  stopLayout: () => {
    if (layout.running) layout.toggle();
  },
  layoutFinished: () => layout.finished,
  sigma: () => viewer.sigma,
  ready: false,
};
(window as unknown as { __unionties: typeof hook }).__unionties = hook;

/** Shows the panel a changed state asks for: a new path, boomerangs or selection (or the hint when none). */
function openPanels(previous: Viewer["state"]): void {
  const { state } = viewer;
  const changed = (key: "path" | "boomerang") => JSON.stringify(state[key]) !== JSON.stringify(previous[key]);
  if (state.path && changed("path")) void findPath(viewer, state.path.from, state.path.to, state.path.types, state.path.all);
  else if (state.boomerang && changed("boomerang")) void findBoomerangs(viewer, state.boomerang);
  else if (state.selected && state.selected !== previous.selected) void selectNode(viewer, state.selected);
  else if (!state.selected && !state.path && !state.boomerang) viewer.show($("panel-body"), { tag: "p", attrs: { class: "hint" }, text: HINT });
}

async function start(): Promise<void> {
  viewer.setStatus("Loading the graph…");
  const { api, graph } = viewer;
  // An overview of the best-connected organisations (all of them on a graph up to the limit); ?top=N sets the limit.
  const limit = (viewer.overviewLimit = overviewLimit(location.search));
  // GET /api/facets says whether the store is larger than the limit: then the overview under the link's filters (index.html
  // preloads the one a link without filters asks for, taken up at once), else the whole graph (its absent ties too; the
  // filters apply on screen).
  const query = overviewQuery(viewer.state, limit);
  const early = graphQueryString(query).toString() === PRELOADED_OVERVIEW ? api.graphWithTotals(query) : null;
  early?.catch(() => {});
  const docsLoaded = api.documents().catch(() => ({ items: [] }));
  const [facets, schema] = await Promise.all([api.facets().catch(() => null), api.schema()]);
  const large = !!facets && facets.nodes > limit;
  const { graph: data, totals } = large ? await (early ?? api.graphWithTotals(query)) : await api.graphWithTotals({ withoutDocuments: true, top: limit });
  performance.mark("unionties:data");
  // Without facets (an older API) an answer cut by `top` still shows as an overview, by its totals.
  viewer.overview = large || !facets ? overviewOf(data.nodes.length, totals) : null;
  if (viewer.overview) viewer.overviewIds = new Set(data.nodes.map((n) => n.key));
  viewer.undirectedTypes = new Set(Object.entries(schema.relSpecs).filter(([, spec]) => !spec.directed).map(([type]) => type));

  graph.import(data as never);
  performance.mark("unionties:imported");
  // The graph comes without documents, so there are no MENTIONS among the degrees.
  placeNodes(graph, viewer.state.seed, nodeSize);
  if (graph.order <= DETAIL_LIMIT) assignCurvatures(graph);
  viewer.presentTypes = presentTypes(graph);
  viewer.view = computeView(graph, viewer.state, viewer.highlight);
  performance.mark("unionties:prepared");

  viewer.showOverviewNotice();
  const sigma = createRenderer(viewer, $("graph"), { select: (node) => void selectNode(viewer, node) });
  hook.firstFrameMs = firstFrameDrawn(sigma);
  await reportFirstFrame(hook.firstFrameMs);
  const docs = await docsLoaded;
  viewer.titles = new Map(docs.items.map((d) => [d.id, String(d.attributes.title ?? d.attributes.name ?? d.id)]));

  setupFilters(viewer, schema.relTypes, viewer.overview ? facets : null);
  setupAnalyses(viewer);
  attachAutocomplete($<HTMLInputElement>("search-input"), $<HTMLUListElement>("search-results"), suggester(viewer), (id) => void selectNode(viewer, id, true));
  $("export-title").addEventListener("input", () => updateExportLinks(viewer));
  $("copy-link").addEventListener("click", () => void navigator.clipboard?.writeText(location.href).then(() => viewer.setStatus("Link copied."), () => viewer.setStatus(location.href)));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("document").hidden) closeDocument();
  });
  // Sigma already has this view's reducers: only the links and the status line follow it.
  viewer.onViewChange();
  const { selected, path, boomerang, focus } = viewer.state;
  if (selected) void selectNode(viewer, selected);
  if (path) void findPath(viewer, path.from, path.to, path.types, path.all);
  else if (boomerang) void findBoomerangs(viewer, boomerang);
  // A link's focus on an organisation the overview lacks (or only part of its neighbourhood) brings it in.
  if (focus && viewer.overview) void bringInFocus(viewer, focus.node, focus.depth);
  layout.start(new URLSearchParams(location.search).get("layout") !== "off");
}

// A link opened in a running viewer (hash changed by hand or by history) is applied like a fresh load.
window.addEventListener("hashchange", () => {
  const next = decodeState(location.hash);
  if (encodeState(next) === encodeState(viewer.state)) return;
  const previous = viewer.state;
  viewer.state = next;
  if (!next.path) viewer.highlight = {};
  syncControls(viewer);
  viewer.refreshView();
  if (viewer.overview) {
    if (OVERVIEW_FILTERS.some((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]))) reload.schedule();
    if (next.focus && JSON.stringify(next.focus) !== JSON.stringify(previous.focus)) void bringInFocus(viewer, next.focus.node, next.focus.depth);
  }
  if (next.camera) viewer.sigma?.getCamera().setState(next.camera);
  else viewer.sigma?.getCamera().animatedReset({ duration: 300 });
  openPanels(previous);
});

start().then(
  () => (hook.ready = true),
  (error) => viewer.setStatus(`The viewer could not load the graph: ${(error as Error).message}`),
);
