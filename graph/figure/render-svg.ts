// Server-side figures: a serialised graph drawn as a standalone SVG fit for a
// journal, with a deterministic seeded layout, nodes coloured by kind and
// sized by degree, relationships coloured by type (absent ones dashed),
// labels that avoid each other, a legend, a title and a caption citing the
// source documents. Used by GET /api/export and `unionties export`.
import Graph from "graphology";
import type { SerializedGraph } from "../types.js";
import { citedDocuments, sourcesSentence, type CitedDocument } from "./citation.js";
import { layoutFigure } from "./layout.js";
import { legendHeight, legendWidth, renderLegend, type LegendContent } from "./legend.js";
import { kindColour, typeColour } from "./palette.js";
import { placeLabels } from "./labels.js";
import { escapeXml, FONT_FAMILY, truncate, wrapText } from "./svg-text.js";

/** Options of renderFigureSvg. */
export interface FigureOptions {
  title?: string;
  /** Text placed before the generated list of sources. */
  caption?: string;
  width?: number;
  height?: number;
  /** Layout seed; the same graph and seed give the same figure. */
  seed?: number;
  /** Draw the legend (default true). */
  legend?: boolean;
  /** Bibliographic data of documents the graph cites but does not contain as nodes. */
  documents?: readonly CitedDocument[];
}

/** Defaults of FigureOptions. */
export const FIGURE_DEFAULTS = { width: 1600, height: 1000, seed: 1, legend: true } as const;

/** Node positions and radii in figure pixels, by node id. */
interface Placed { x: number; y: number; r: number; name: string; kind: string }

/**
 * Renders `data` as an SVG document string. Document nodes and MENTIONS are
 * not drawn (documents appear in the caption). Deterministic for a given
 * graph and options. Throws nothing for an empty graph (it draws a note).
 */
export function renderFigureSvg(data: SerializedGraph, options: FigureOptions = {}): string {
  const width = options.width ?? FIGURE_DEFAULTS.width;
  const height = options.height ?? FIGURE_DEFAULTS.height;
  const graph = new Graph({ multi: true, type: "mixed", allowSelfLoops: true });
  for (const n of data.nodes) if (n.attributes.nodeLabel !== "Document") graph.addNode(n.key, { name: n.attributes.name ?? n.key, kind: n.attributes.kind });
  const edges = data.edges.filter((e) => e.attributes.type !== "MENTIONS" && graph.hasNode(e.source) && graph.hasNode(e.target) && e.source !== e.target);
  for (const e of edges) graph.addEdgeWithKey(e.key, e.source, e.target);
  const maxDegree = Math.max(1, ...graph.mapNodes((n) => graph.degree(n)));
  graph.forEachNode((n) => graph.setNodeAttribute(n, "size", 5 + 13 * Math.sqrt(graph.degree(n) / maxDegree)));
  layoutFigure(graph, options.seed ?? FIGURE_DEFAULTS.seed);

  const legend: LegendContent = {
    kinds: [...new Set(graph.mapNodes((_n, a) => String(a.kind)))].sort(),
    types: [...new Set(edges.map((e) => e.attributes.type))].sort(),
    hasAbsent: edges.some((e) => e.attributes.polarity === "absent"),
  };
  const showLegend = (options.legend ?? FIGURE_DEFAULTS.legend) && graph.order > 0;
  const legendW = showLegend ? legendWidth(legend) : 0;

  // Caption: the caller's words, what dashes mean, then the sources.
  const docs = citedDocuments(data, new Set(graph.nodes()), new Set(edges.map((e) => e.key)), options.documents);
  const captionText = [
    options.caption?.trim(),
    legend.hasAbsent ? "Dashed lines: relationships a source states do not exist." : "",
    sourcesSentence(docs),
  ].filter(Boolean).join(" ");
  const captionLines = wrapText(captionText, width - 60, 15);
  const top = options.title ? 64 : 24;
  const bottom = height - 24 - captionLines.length * 20;
  const plot = { x0: 30, y0: top, x1: width - 30 - (legendW ? legendW + 20 : 0), y1: bottom - 10 };

  const placed = fitToBox(graph, plot);
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(options.title ?? "unionties figure")}</title>`,
    `<desc>${escapeXml(captionText)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    arrowMarkers(legend.types),
  ];
  if (options.title) parts.push(`<text class="title" x="30" y="42" font-family="${FONT_FAMILY}" font-size="26" font-weight="bold" fill="#111">${escapeXml(truncate(options.title, 120))}</text>`);
  parts.push(renderEdges(data, edges, placed));
  parts.push(`<g class="nodes">`);
  for (const [id, p] of placed) {
    parts.push(`<g class="node" data-id="${escapeXml(id)}"><title>${escapeXml(p.name)}</title><circle cx="${f(p.x)}" cy="${f(p.y)}" r="${f(p.r)}" fill="${kindColour(p.kind)}" stroke="#333" stroke-width="1"/></g>`);
  }
  parts.push(`</g>`, placeLabels([...placed.values()], { width, height }));
  if (!graph.order) parts.push(`<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="18" fill="#555">Nothing to draw: no node matches.</text>`);
  if (showLegend) parts.push(renderLegend(legend, width - 30 - legendW, Math.max(top, (top + bottom) / 2 - legendHeight(legend) / 2)));
  parts.push(`<g class="caption" font-family="${FONT_FAMILY}" font-size="15" fill="#333">`);
  captionLines.forEach((line, i) => parts.push(`<text x="30" y="${bottom + 16 + i * 20}">${escapeXml(line)}</text>`));
  parts.push(`</g>`, `</svg>`);
  return parts.join("\n") + "\n";
}

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** Scales the layout into `box`, keeping the aspect ratio and leaving room for node radii. */
function fitToBox(graph: Graph, box: { x0: number; y0: number; x1: number; y1: number }): Map<string, Placed> {
  const xs = graph.mapNodes((_n, a) => a.x as number);
  const ys = graph.mapNodes((_n, a) => a.y as number);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = 30;
  const scale = Math.min((box.x1 - box.x0 - 2 * pad) / Math.max(1e-9, maxX - minX), (box.y1 - box.y0 - 2 * pad) / Math.max(1e-9, maxY - minY));
  const s = Number.isFinite(scale) && scale > 0 ? Math.min(scale, 50) : 1;
  const cx = (box.x0 + box.x1) / 2 - ((minX + maxX) / 2) * s;
  const cy = (box.y0 + box.y1) / 2 + ((minY + maxY) / 2) * s;
  const out = new Map<string, Placed>();
  graph.forEachNode((n, a) => out.set(n, { x: cx + a.x * s, y: cy - a.y * s, r: a.size, name: a.name, kind: a.kind }));
  return out;
}

function arrowMarkers(types: string[]): string {
  const markers = types.map((t) => `<marker id="arrow-${t}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${typeColour(t)}"/></marker>`);
  return `<defs>${markers.join("")}</defs>`;
}

/** Edges as paths; parallel edges between one pair bend apart, directed ones get arrowheads. */
function renderEdges(data: SerializedGraph, edges: SerializedGraph["edges"], placed: Map<string, Placed>): string {
  const groups = new Map<string, SerializedGraph["edges"]>();
  for (const e of edges) {
    const pair = [e.source, e.target].sort().join("\u0000");
    groups.set(pair, [...(groups.get(pair) ?? []), e]);
  }
  const out = [`<g class="edges" fill="none">`];
  for (const group of groups.values()) {
    group.sort((a, b) => a.key.localeCompare(b.key));
    group.forEach((e, i) => {
      const s = placed.get(e.source)!;
      const t = placed.get(e.target)!;
      const bend = (i - (group.length - 1) / 2) * 28 * (e.source < e.target ? 1 : -1);
      const [mx, my] = [(s.x + t.x) / 2, (s.y + t.y) / 2];
      const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
      const [qx, qy] = [mx - ((t.y - s.y) / len) * bend, my + ((t.x - s.x) / len) * bend];
      // Stop at the target's rim so the arrowhead stays visible.
      const dl = Math.hypot(t.x - qx, t.y - qy) || 1;
      const [ex, ey] = [t.x - ((t.x - qx) / dl) * (t.r + 2), t.y - ((t.y - qy) / dl) * (t.r + 2)];
      const a = e.attributes;
      const directed = a.type !== "TIE" && !e.undirected;
      const dash = a.polarity === "absent" ? ` stroke-dasharray="7 5"` : "";
      const evidence = a.evidence?.[0]?.quote ? `: ${truncate(a.evidence[0].quote.replace(/\s+/g, " "), 200)}` : "";
      out.push(
        `<path class="edge" data-id="${escapeXml(e.key)}" d="M${f(s.x)},${f(s.y)} Q${f(qx)},${f(qy)} ${f(ex)},${f(ey)}" stroke="${typeColour(a.type)}" stroke-width="${a.polarity === "absent" ? 1.6 : 2}" stroke-opacity="0.85"${dash}${directed ? ` marker-end="url(#arrow-${a.type})"` : ""}><title>${escapeXml(`${a.type}${a.polarity === "absent" ? " (absent)" : ""}${evidence}`)}</title></path>`,
      );
    });
  }
  out.push(`</g>`);
  void data;
  return out.join("\n");
}
