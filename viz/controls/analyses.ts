// Paths and boomerangs: shortest path(s) between two organisations from the
// API, highlighted on the map (the rest dimmed) and listed hop by hop with
// their quotes; boomerang instances for a state or an organisation, drawn in
// Keck and Sikkink's arrangement in the side panel. In an overview, the
// organisations and relationships a path or the drawn boomerangs name come in
// first (Viewer.bringIn).
import { attachAutocomplete } from "../dom/autocomplete.js";
import { $ } from "../dom/element.js";
import { BOOMERANGS_DRAWN, buildBoomerangPanel, instanceNodes, instanceRelationships } from "../panels/boomerang-panel.js";
import { buildPathPanel } from "../panels/path-panel.js";
import type { Viewer } from "../viewer.js";
import { suggester } from "./selection.js";

/** Finds the shortest path(s) from `from` to `to`, highlights them and lists their hops. */
export async function findPath(viewer: Viewer, from: string, to: string, types: string[] | null, all: boolean): Promise<void> {
  try {
    const { paths } = await viewer.api.shortestPaths(from, to, { types, all });
    // In an overview, the path's organisations and hops the graph lacks come in first.
    const relationships = paths.flatMap((p) => p.hops.map((h) => h.relationship));
    if (relationships.some((r) => !viewer.graph.hasEdge(r.id))) viewer.bringIn(null, paths.flatMap((p) => p.nodes), relationships);
    viewer.highlight = {
      pathNodes: [...new Set(paths.flatMap((p) => p.nodes.map((n) => n.id)))],
      pathEdges: [...new Set(paths.flatMap((p) => p.hops.map((h) => h.relationship.id)))],
    };
    viewer.setState({ path: { from, to, types, all }, boomerang: null });
    viewer.fitCamera(viewer.highlight.pathNodes ?? []);
    const { graph } = viewer;
    const name = (id: string) => (graph.hasNode(id) ? String(graph.getNodeAttribute(id, "name")) : id);
    viewer.show($("panel-body"), buildPathPanel(name(from), name(to), paths, viewer.titles));
  } catch (error) {
    $("panel-body").textContent = `No path: ${(error as Error).message}`;
  }
}

/** Removes the path highlight. */
export function clearPath(viewer: Viewer): void {
  viewer.highlight = {};
  viewer.setState({ path: null });
}

/** Shows the boomerang instances for a state (country code) or an organisation. */
export async function findBoomerangs(viewer: Viewer, query: { state: string } | { org: string }): Promise<void> {
  try {
    const result = await viewer.api.boomerang(query);
    // In an overview, the drawn instances' organisations and legs the graph lacks come in first.
    const drawn = result.instances.slice(0, BOOMERANGS_DRAWN);
    const nodes = drawn.flatMap(instanceNodes);
    const relationships = drawn.flatMap(instanceRelationships);
    const { graph } = viewer;
    if (nodes.some((n) => !graph.hasNode(n.id)) || relationships.some((r) => !graph.hasEdge(r.id))) viewer.bringIn("org" in query ? query.org : null, nodes, relationships);
    viewer.setState({ boomerang: query });
    const label = "state" in query ? query.state : graph.hasNode(query.org) ? String(graph.getNodeAttribute(query.org, "name")) : query.org;
    viewer.show($("panel-body"), buildBoomerangPanel(label, result, viewer.titles));
  } catch (error) {
    $("panel-body").textContent = `Boomerang analysis failed: ${(error as Error).message}`;
  }
}

/** Wires the path and boomerang pickers (and fills the path pickers from a link's state). */
export function setupAnalyses(viewer: Viewer): void {
  const suggest = suggester(viewer);
  const from = $<HTMLInputElement>("path-from");
  const to = $<HTMLInputElement>("path-to");
  attachAutocomplete(from, $<HTMLUListElement>("path-from-results"), suggest, () => {});
  attachAutocomplete(to, $<HTMLUListElement>("path-to-results"), suggest, () => {});
  $("path-find").addEventListener("click", () => {
    const [a, b] = [from.dataset.id ?? from.value.trim(), to.dataset.id ?? to.value.trim()];
    if (!a || !b) return viewer.setStatus("Pick two organisations for a path.");
    const restrict = $<HTMLInputElement>("path-restrict").checked;
    void findPath(viewer, a, b, restrict ? viewer.state.types : null, $<HTMLInputElement>("path-all").checked);
  });
  $("path-clear").addEventListener("click", () => clearPath(viewer));
  const boom = $<HTMLInputElement>("boomerang-query");
  attachAutocomplete(boom, $<HTMLUListElement>("boomerang-results"), suggest, () => {});
  $("boomerang-find").addEventListener("click", () => {
    const raw = boom.value.trim();
    if (boom.dataset.id) return void findBoomerangs(viewer, { org: boom.dataset.id });
    if (/^[A-Za-z]{2}$/.test(raw)) return void findBoomerangs(viewer, { state: raw.toUpperCase() });
    if (raw) void findBoomerangs(viewer, { org: raw });
  });
  const path = viewer.state.path;
  if (path) {
    [from.value, from.dataset.id, to.value, to.dataset.id] = [path.from, path.from, path.to, path.to];
    $<HTMLInputElement>("path-all").checked = path.all;
  }
}
