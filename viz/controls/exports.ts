// The export links: each format's URL on GET /api/export carries the
// current view (its nodes, or its filters when the view is too big to list)
// and the figure title, so a download is the picture on screen. An overview
// too big to list is exported as the same overview query the graph came
// from (overview.ts overviewQuery) with the nodes on screen outside it (brought
// in, kept through a filter change) as `include`. Organisations the screen
// hides for having no drawn tie are left out of a view exported by filters
// (`withoutIsolated`), as they are on screen.
import { MAX_EXPORT_IDS, type ExportFormat, type GraphQuery } from "../api-client.js";
import { $ } from "../dom/element.js";
import { overviewQuery } from "../overview.js";
import type { Viewer } from "../viewer.js";
import { includeList } from "./overview-reload.js";

const EXPORTS: Array<[string, ExportFormat, string]> = [
  ["export-svg", "svg", "svg"], ["export-png", "png", "png"], ["export-gexf", "gexf", "gexf"], ["export-graphml", "graphml", "graphml"],
  ["export-csv-nodes", "csv-nodes", "nodes.csv"], ["export-csv-edges", "csv-edges", "edges.csv"], ["export-json", "json", "json"],
];

/** The export query of the current view, and how many drawn nodes it cannot carry (0 normally). */
export function exportQuery(viewer: Viewer): { query: GraphQuery; left: number } {
  const { state, view } = viewer;
  // A bigger view is exported by its filters (the URL would be too long), so its ids need no sorting.
  const nodes = view.visibleNodes.size <= MAX_EXPORT_IDS ? [...view.visibleNodes].sort() : [];
  // view-model.ts hides them without "show isolated", and always within a year range.
  const withoutIsolated = !nodes.length && (!state.showIsolated || state.fromYear !== null || state.toYear !== null) ? true : undefined;
  if (!nodes.length && viewer.overview) {
    const outside = [...view.visibleNodes].filter((id) => !viewer.overviewIds.has(id));
    const include = includeList(outside);
    return { query: { ...overviewQuery(state, viewer.overviewLimit, include.ids), withoutIsolated }, left: include.left };
  }
  const query: GraphQuery = {
    nodes,
    kinds: state.kinds,
    countries: state.countries,
    includeAbsent: state.showAbsent,
    types: state.types ?? viewer.presentTypes,
    minConfidence: state.minConfidence,
    fromYear: state.fromYear,
    toYear: state.toYear,
    withoutIsolated,
  };
  return { query, left: 0 };
}

/** Points every export link at the current view. */
export function updateExportLinks(viewer: Viewer): void {
  const title = $<HTMLInputElement>("export-title").value.trim() || undefined;
  const { query, left } = exportQuery(viewer);
  for (const [id, format, ext] of EXPORTS) {
    const a = $<HTMLAnchorElement>(id);
    a.href = viewer.api.exportUrl(format, { ...query, title });
    a.setAttribute("download", `unionties-view.${ext}`);
    if (left) a.title = `${left.toLocaleString("en")} organisations brought in are left out: more than an export link can list`;
    else a.removeAttribute("title");
  }
}
