// The viewer's shared state and the changes every control goes through: the
// graph, the URL-shareable view state, what is drawn (ViewModel), the path
// highlight, the Sigma renderer, hover, document titles. setState keeps the
// URL hash in step and recomputes the view; the reducers are swapped in one
// Sigma settings update (one re-index of the graph, not one per reducer).
// On a graph too large to draw whole the graph starts as an overview
// (overview.ts) and grows by what the user brings in; a filter changed then
// asks for the overview under it (onOverviewFilters, controls/overview-reload.ts).
import Graph from "graphology";
import type Sigma from "sigma";
import { ApiClient } from "./api-client.js";
import { $ } from "./dom/element.js";
import { renderVNode } from "./dom/render-vnode.js";
import { bringIn, filtersOverview, OVERVIEW_FILTERS, overviewNotice, type Overview } from "./overview.js";
import type { Action, VNode } from "./panels/vnode.js";
import { DETAIL_LIMIT, makeEdgeReducer, makeNodeReducer } from "./reducers.js";
import { decodeState, encodeState, updateState, type ViewState } from "./state.js";
import { nodeSize } from "./style.js";
import { computeView, visibleBBox, type Highlight, type ViewModel } from "./view-model.js";
import type { NodeRecord, RelationshipRecord } from "../graph/types.js";

/** State changes that change which part of the map is drawn, so the camera reframes. */
const REFRAMING: ReadonlyArray<keyof ViewState> = ["kinds", "countries", "focus", "showIsolated", "types"];

/** The viewer's state and renderer, shared by the controls. */
export class Viewer {
  readonly api = new ApiClient();
  readonly graph = new Graph({ multi: true, type: "mixed", allowSelfLoops: true });
  state: ViewState = decodeState(location.hash);
  view: ViewModel = computeView(this.graph, this.state);
  highlight: Highlight = {};
  sigma: Sigma | null = null;
  hoveredNode: string | null = null;
  hoveredEdge: string | null = null;
  /** Relationship types the graph holds, MENTIONS left out (set when the graph is loaded). */
  presentTypes: string[] = [];
  /** Document titles by id, for citations in the panels. */
  titles = new Map<string, string>();
  /** Set when the graph is an overview of a larger one (the API cut it). */
  overview: Overview | null = null;
  /** The overview's size asked of the API (`top`). */
  overviewLimit = 0;
  /** The nodes of the API's current overview answer that were not asked for by `include`. */
  overviewIds = new Set<string>();
  /** Nodes brought into the overview (searched for, a node's ties, a path, a boomerang, a focus). */
  readonly broughtIn = new Set<string>();
  /** Called when a filter of the overview changed (main.ts: ask the API for the overview under it). */
  onOverviewFilters: () => void = () => {};
  /** Relationship types drawn without direction (from GET /api/schema). */
  undirectedTypes = new Set<string>(["TIE"]);
  /** Handles the panels' actions (main.ts sets it). */
  dispatch: (action: Action) => void = () => {};
  /** Called after every view change (export links, status line). */
  onViewChange: () => void = () => {};

  /** Replaces `container`'s content with `tree` (text only; actions go to dispatch). */
  show(container: HTMLElement, tree: VNode): void {
    container.replaceChildren(renderVNode(tree, (action) => this.dispatch(action)));
    // The boomerang figures need room; other panels keep the graph wide.
    if (container.id === "panel-body") document.querySelector(".workspace")?.classList.toggle("wide-panel", tree.attrs?.class === "boomerang-detail");
  }

  /**
   * Adds the nodes and relationships the graph lacks (a node searched for,
   * its ties, a path's hops), redraws and updates the overview notice.
   * Returns the ids of the nodes added.
   */
  bringIn(anchor: string | null, nodes: readonly NodeRecord[], relationships: readonly RelationshipRecord[]): string[] {
    const added = bringIn(this.graph, anchor, nodes, relationships, { undirected: (type) => this.undirectedTypes.has(type), size: nodeSize });
    for (const id of added) this.broughtIn.add(id);
    this.showOverviewNotice();
    this.refreshView();
    return added;
  }

  /** Shows (or hides, for a whole graph) the notice that the graph is an overview. */
  showOverviewNotice(): void {
    const notice = $("overview-notice");
    notice.hidden = !this.overview;
    notice.textContent = this.overview ? overviewNotice(this.overview, this.broughtIn.size, filtersOverview(this.state)) : "";
  }

  /** The status line under the graph. */
  setStatus(text: string): void {
    $("status").textContent = text;
  }

  /** Applies `patch` to the state, writes the URL hash and redraws. */
  setState(patch: Partial<ViewState>, options: { refit?: boolean } = {}): void {
    const reframe = REFRAMING.some((k) => k in patch);
    const previous = this.state;
    this.state = updateState(this.state, patch);
    this.writeHash();
    this.refreshView();
    // In an overview the API's answer depends on the filters: ask for the one under the new filters.
    if (this.overview && OVERVIEW_FILTERS.some((k) => k in patch && JSON.stringify(previous[k]) !== JSON.stringify(this.state[k]))) this.onOverviewFilters();
    // Filters that change which part of the map is drawn reframe it; the time slider does not, so it does not jump.
    if (reframe) this.frameVisible();
    if (options.refit) this.sigma?.getCamera().animatedReset({ duration: 300 });
  }

  /** Writes the state into the URL hash (no history entry). */
  writeHash(): void {
    history.replaceState(null, "", `#${encodeState(this.state)}`);
  }

  /** Recomputes what is drawn from the state and highlight, and gives Sigma new reducers. */
  refreshView(): void {
    this.view = computeView(this.graph, this.state, this.highlight);
    this.sigma?.setSettings(this.reducers());
    this.onViewChange();
  }

  /** Sigma's node and edge reducers for the current view. */
  reducers() {
    return {
      nodeReducer: makeNodeReducer(this.view, this.state, () => this.hoveredNode),
      edgeReducer: makeEdgeReducer(this.view, () => this.hoveredEdge, this.graph.order <= DETAIL_LIMIT),
    };
  }

  /** Frames the camera's "whole graph" on the visible nodes (hidden outliers do not shrink the picture). */
  frameVisible(): void {
    if (!this.sigma) return;
    this.sigma.setCustomBBox(visibleBBox(this.graph, this.view));
    this.sigma.refresh();
  }

  /** Moves the camera so that `nodes` fill most of the stage. */
  fitCamera(nodes: readonly string[]): void {
    const sigma = this.sigma;
    if (!sigma || !nodes.length) return;
    sigma.refresh(); // display data are normalised by a render; read them after one
    const points = nodes.map((n) => sigma.getNodeDisplayData(n)).filter((d): d is NonNullable<typeof d> => !!d);
    if (!points.length) return;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const [x, y] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    sigma.getCamera().animate({ x, y, ratio: Math.min(1.1, Math.max(0.25, extent * 1.5)) }, { duration: 400 });
  }

  /** Moves the camera onto `id` (zooming in if far out). */
  centreOn(id: string): void {
    const sigma = this.sigma;
    if (!sigma || !this.graph.hasNode(id)) return;
    sigma.refresh(); // display data are normalised by a render; read them after one
    const pos = sigma.getNodeDisplayData(id);
    if (pos) sigma.getCamera().animate({ x: pos.x, y: pos.y, ratio: Math.min(sigma.getCamera().ratio, 0.6) }, { duration: 400 });
  }

  /** Keeps the camera position in the state (and the URL) once the camera rests. */
  rememberCamera(camera: { x: number; y: number; ratio: number }): void {
    this.state = updateState(this.state, { camera });
    this.writeHash();
  }
}
