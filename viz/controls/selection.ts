// Selecting a node and reading its evidence: the node panel (loaded from
// the API on selection, with every relationship's quotes), the document view
// a quote opens (scrolled to the highlighted span), the panels' actions, and
// the autocomplete suggestions the search boxes share.
import type { NodeDetail } from "../../graph/store.js";
import type { Suggestion } from "../dom/autocomplete.js";
import { $ } from "../dom/element.js";
import { buildDocumentView } from "../panels/document-panel.js";
import { buildNodePanel } from "../panels/node-panel.js";
import type { Action } from "../panels/vnode.js";
import { humanise } from "../style.js";
import type { Viewer } from "../viewer.js";

/** The panel's text when nothing is selected. */
export const HINT = "Search or click an organisation to see its relationships and the quotes behind them.";

/**
 * Selects `id` (or clears the selection), shows its panel and, if asked,
 * moves the camera onto it. A node the graph lacks (outside an overview) is
 * brought in first, with its relationships and their other ends.
 */
export async function selectNode(viewer: Viewer, id: string | null, moveCamera = false): Promise<void> {
  const depth = Number($<HTMLSelectElement>("focus-depth").value);
  const select = () => viewer.setState({ selected: id, focus: id && depth > 0 ? { node: id, depth } : null, boomerang: null });
  const drawn = !id || viewer.graph.hasNode(id);
  if (drawn) select();
  if (!id) return;
  if (drawn && moveCamera) viewer.centreOn(id);
  try {
    const detail = await viewer.api.node(id);
    if (!drawn) {
      viewer.bringIn(id, [detail.node, ...detail.neighbours], detail.relationships);
      select();
      viewer.centreOn(id);
    } else if (viewer.state.selected !== id) return;
    viewer.show($("panel-body"), buildNodePanel(detail, viewer.titles, notDrawn(viewer, detail)));
  } catch (error) {
    $("panel-body").textContent = `Could not load ${id}: ${(error as Error).message}`;
  }
}

/** How many of a node's relationships the graph lacks. */
function notDrawn(viewer: Viewer, detail: NodeDetail): number {
  return detail.relationships.reduce((n, r) => n + (viewer.graph.hasEdge(r.id) ? 0 : 1), 0);
}

/** Brings in every relationship of `id` and their other ends (the node panel's offer in an overview). */
export async function expandNode(viewer: Viewer, id: string): Promise<void> {
  try {
    const detail = await viewer.api.node(id);
    const added = viewer.bringIn(id, [detail.node, ...detail.neighbours], detail.relationships);
    viewer.setStatus(`${added.length.toLocaleString("en")} organisations brought in around ${detail.node.attributes.name}.`);
    if (viewer.state.selected === id) viewer.show($("panel-body"), buildNodePanel(detail, viewer.titles, notDrawn(viewer, detail)));
  } catch (error) {
    viewer.setStatus(`Could not bring in the ties of ${id}: ${(error as Error).message}`);
  }
}

/**
 * Brings in what the graph lacks of `id`'s neighbourhood within `depth` hops
 * (a shared link's focus on an organisation outside the overview), then
 * frames the focus.
 */
export async function bringInFocus(viewer: Viewer, id: string, depth: number): Promise<void> {
  try {
    const { nodes, relationships } = await viewer.api.neighbourhood(id, depth);
    const added = viewer.bringIn(id, nodes, relationships);
    if (added.length) viewer.setStatus(`${added.length.toLocaleString("en")} organisations brought in around ${nodes.find((n) => n.id === id)?.attributes.name ?? id}.`);
    viewer.frameVisible();
  } catch (error) {
    viewer.setStatus(`Could not bring in the neighbourhood of ${id}: ${(error as Error).message}`);
  }
}

/** Shows `nodes` and `edges` on the map as a path is shown (the rest dimmed) and frames them. */
export function highlightOnMap(viewer: Viewer, nodes: string[], edges: string[]): void {
  viewer.highlight = { pathNodes: nodes, pathEdges: edges };
  viewer.refreshView();
  viewer.fitCamera(nodes.filter((n) => viewer.graph.hasNode(n)));
}

/** Opens document `doc` with [start, end) highlighted and scrolled into view. */
export async function openDocument(viewer: Viewer, doc: string, start: number, end: number): Promise<void> {
  const box = $("document");
  try {
    const { text } = await viewer.api.documentText(doc);
    viewer.show(box, buildDocumentView(viewer.titles.get(doc) ?? doc, text, { start, end }));
    box.hidden = false;
    document.getElementById("highlight")?.scrollIntoView({ block: "center" });
    box.querySelector<HTMLButtonElement>("button.close")?.focus({ preventScroll: true });
  } catch (error) {
    viewer.show(box, { tag: "p", text: `Could not open the document: ${(error as Error).message}` });
    box.hidden = false;
  }
}

/** Closes the document view. */
export function closeDocument(): void {
  $("document").hidden = true;
  $("document").replaceChildren();
}

/** Carries out an action of the panels (select, focus, bring in, highlight, open a quote, close the document). */
export async function runAction(viewer: Viewer, action: Action): Promise<void> {
  if (action.type === "select") await selectNode(viewer, action.id, true);
  else if (action.type === "focus") {
    $<HTMLSelectElement>("focus-depth").value = String(action.depth);
    viewer.setState({ focus: { node: action.id, depth: action.depth } }, { refit: true });
  } else if (action.type === "expand") await expandNode(viewer, action.id);
  else if (action.type === "highlight") highlightOnMap(viewer, action.nodes, action.edges);
  else if (action.type === "openQuote") await openDocument(viewer, action.document, action.start, action.end);
  else if (action.type === "closeDocument") closeDocument();
}

/** Autocomplete suggestions over names and aliases of any node except documents. */
export function suggester(viewer: Viewer): (q: string) => Promise<Suggestion[]> {
  return async (q) => {
    const res = await viewer.api.search(q, 10);
    return res.items.filter((n) => n.attributes.nodeLabel !== "Document").map((n) => ({
      id: n.id,
      name: n.attributes.name,
      sub: [humanise(String(n.attributes.kind)), n.attributes.country].filter(Boolean).join(", "),
    }));
  };
}
