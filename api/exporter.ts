// Turns an exported graph into the bytes of one format (json, gexf, graphml,
// csv-nodes, csv-edges, svg, png), with its media type and file name, and
// gives every body a strong ETag (sha256 of the bytes) for conditional GETs.
import { createHash } from "node:crypto";
import { Resvg } from "@resvg/resvg-js";
import { renderFigureSvg } from "../graph/figure/index.js";
import { toCsv, toGexf, toGraphml } from "../graph/formats/index.js";
import type { DocumentSummary } from "../graph/store.js";
import type { SerializedGraph } from "../graph/types.js";
import type { ExportFormat } from "./schemas/graph.js";

export interface Rendered {
  body: Buffer;
  type: string;
  extension: string;
}

function withoutInternal<T extends Record<string, unknown>>(attributes: T): T {
  let copy: T | null = null;
  for (const key in attributes) {
    if (key.charCodeAt(0) !== 95 /* _ */) continue;
    copy ??= { ...attributes };
    delete copy[key];
  }
  return copy ?? attributes;
}

/** The graph without internal attributes (keys starting with "_"), which never leave the API. */
export function publicGraph(graph: SerializedGraph): SerializedGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({ ...n, attributes: withoutInternal(n.attributes) })),
    edges: graph.edges.map((e) => ({ ...e, attributes: withoutInternal(e.attributes) })),
  };
}

/** A strong ETag for a body. */
export function etagOf(body: Buffer | string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** True when If-None-Match names `etag` (or is "*"). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === etag || tag === "*";
  });
}

export interface FigureParams {
  title?: string;
  width?: number;
  height?: number;
  seed?: number;
  documents?: readonly DocumentSummary[];
}

/** Renders `graph` in `format`. */
export function renderExport(data: SerializedGraph, format: ExportFormat, figure: FigureParams = {}): Rendered {
  const graph = publicGraph(data);
  switch (format) {
    case "json":
      return { body: Buffer.from(JSON.stringify(graph)), type: "application/json; charset=utf-8", extension: "json" };
    case "gexf":
      return { body: Buffer.from(toGexf(graph)), type: "application/gexf+xml; charset=utf-8", extension: "gexf" };
    case "graphml":
      return { body: Buffer.from(toGraphml(graph)), type: "application/graphml+xml; charset=utf-8", extension: "graphml" };
    case "csv-nodes":
      return { body: Buffer.from(toCsv(graph).nodes), type: "text/csv; charset=utf-8", extension: "nodes.csv" };
    case "csv-edges":
      return { body: Buffer.from(toCsv(graph).edges), type: "text/csv; charset=utf-8", extension: "edges.csv" };
    case "svg":
    case "png": {
      const svg = renderFigureSvg(graph, { title: figure.title, width: figure.width, height: figure.height, seed: figure.seed, documents: figure.documents });
      if (format === "svg") return { body: Buffer.from(svg), type: "image/svg+xml; charset=utf-8", extension: "svg" };
      const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, fitTo: { mode: "zoom", value: 2 }, background: "#ffffff" })
        .render()
        .asPng();
      return { body: Buffer.from(png), type: "image/png", extension: "png" };
    }
  }
}
