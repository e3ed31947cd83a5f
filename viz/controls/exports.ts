// The export links: each format's URL on GET /api/export carries the
// current view (its nodes, or its filters when the view is too big to list)
// and the figure title, so a download is the picture on screen.
import { MAX_EXPORT_IDS, type ExportFormat } from "../api-client.js";
import { $ } from "../dom/element.js";
import type { Viewer } from "../viewer.js";

const EXPORTS: Array<[string, ExportFormat, string]> = [
  ["export-svg", "svg", "svg"], ["export-png", "png", "png"], ["export-gexf", "gexf", "gexf"], ["export-graphml", "graphml", "graphml"],
  ["export-csv-nodes", "csv-nodes", "nodes.csv"], ["export-csv-edges", "csv-edges", "edges.csv"], ["export-json", "json", "json"],
];

/** Points every export link at the current view. */
export function updateExportLinks(viewer: Viewer): void {
  const { state, view } = viewer;
  const title = $<HTMLInputElement>("export-title").value.trim() || undefined;
  // A bigger view is exported by its filters (the URL would be too long), so its ids need no sorting.
  const nodes = view.visibleNodes.size <= MAX_EXPORT_IDS ? [...view.visibleNodes].sort() : [];
  const types = state.types ?? viewer.presentTypes;
  for (const [id, format, ext] of EXPORTS) {
    const a = $<HTMLAnchorElement>(id);
    a.href = viewer.api.exportUrl(format, {
      nodes,
      kinds: state.kinds,
      countries: state.countries,
      includeAbsent: state.showAbsent,
      types,
      minConfidence: state.minConfidence,
      fromYear: state.fromYear,
      toYear: state.toYear,
      // An overview too big to list is exported as the same overview, not the whole store.
      top: !nodes.length && viewer.overview ? viewer.overview.shown : undefined,
      title,
    });
    a.setAttribute("download", `unionties-view.${ext}`);
  }
}
