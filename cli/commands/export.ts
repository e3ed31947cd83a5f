// `unionties export`: the graph, or a filtered part of it, as a file: the
// interchange JSON, GEXF, GraphML, CSV (nodes and edges), or a journal figure
// as SVG or PNG drawn without a browser (graph/figure, then resvg for PNG).
import { writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { renderFigureSvg } from "../../graph/figure/index.js";
import { toCsv, toGexf, toGraphml, toJson } from "../../graph/formats/index.js";
import { NotFoundError } from "../../graph/errors.js";
import { isNodeKind, isRelType, type NodeKind, type RelType } from "../../graph/schema.js";
import type { ExportFilter, GraphStore } from "../../graph/store.js";
import { COMMON_FLAGS, int, parseArgs, str, UsageError, type ParsedArgs } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";

const FORMATS = ["json", "gexf", "graphml", "csv", "svg", "png"] as const;
type Format = (typeof FORMATS)[number];

const FLAGS = {
  ...COMMON_FLAGS, format: "string", out: "string", title: "string", caption: "string",
  types: "string", kinds: "string", countries: "string", "min-confidence": "string",
  "from-year": "string", "to-year": "string", node: "string", depth: "string",
  width: "string", height: "string", seed: "string", scale: "string", "include-absent": "boolean",
} as const;

export const command: Command = {
  summary: "write the graph (or a filtered part) as json, gexf, graphml, csv, or an svg/png figure",
  usage: `usage: unionties export --format json|gexf|graphml|csv|svg|png --out FILE [options]

filters:   --types TIE,MEMBER_OF  --kinds union,ngo  --countries JP,KR
           --min-confidence 0.5  --from-year 1990  --to-year 2010
           --node ID --depth 1..3   (only the neighbourhood of one node)
figures:   --title TEXT  --caption TEXT  --width 1600 --height 1000 --seed 1
           --scale 2 (png pixels per svg unit)
csv writes two files: --out net.csv gives net-nodes.csv and net-edges.csv
(without a .csv ending, FILE-nodes.csv and FILE-edges.csv).
Figures leave out Document nodes and MENTIONS and cite the documents in the caption.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    const format = (str(args, "format") ?? "json").toLowerCase() as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
    const out = str(args, "out");
    if (!out) throw new UsageError("--out FILE is required");
    const filter = readFilter(args, format);
    const ctx = makeContext(args);
    const store = await ctx.openStore();
    try {
      const written = await exportTo(store, format, out, filter, args);
      ctx.out(`wrote ${written.join(", ")}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** The filter flags as an ExportFilter (figures always leave out documents). */
function readFilter(args: ParsedArgs, format: Format): ExportFilter & { node?: string; depth?: number } {
  const list = (name: string) => str(args, name)?.split(",").map((s) => s.trim()).filter(Boolean);
  const types = list("types")?.map((t) => t.toUpperCase());
  const badTypes = types?.filter((t) => !isRelType(t));
  if (badTypes?.length) throw new UsageError(`unknown relationship type(s): ${badTypes.join(", ")}`);
  const kinds = list("kinds");
  const badKinds = kinds?.filter((k) => !isNodeKind(k));
  if (badKinds?.length) throw new UsageError(`unknown node kind(s): ${badKinds.join(", ")}`);
  const conf = str(args, "min-confidence");
  const minConfidence = conf === undefined ? undefined : Number(conf);
  if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) throw new UsageError("--min-confidence must be a number from 0 to 1");
  const year = (name: string) => (str(args, name) === undefined ? undefined : int(args, name, 0, -10000, 10000));
  return {
    types: types as RelType[] | undefined,
    kinds: kinds as NodeKind[] | undefined,
    countries: list("countries")?.map((c) => c.toUpperCase()),
    minConfidence,
    fromYear: year("from-year"),
    toYear: year("to-year"),
    withoutDocuments: format === "svg" || format === "png" ? false : undefined,
    node: str(args, "node"),
    depth: str(args, "node") ? int(args, "depth", 1, 1, 3) : undefined,
  };
}

/** Writes the export; returns the paths written. */
async function exportTo(store: GraphStore, format: Format, out: string, filter: ExportFilter & { node?: string; depth?: number }, args: ParsedArgs): Promise<string[]> {
  const { node, depth, ...rest } = filter;
  let nodeIds: string[] | undefined;
  if (node) {
    const hood = await store.neighbourhood(node, { depth, types: rest.types });
    if (!hood) throw new NotFoundError("node", node);
    nodeIds = hood.nodes.map((n) => n.id);
  }
  const graph = await store.exportGraph({ ...rest, ...(nodeIds ? { nodeIds } : {}) });
  if (format === "json") return write(out, toJson(graph));
  if (format === "gexf") return write(out, toGexf(graph));
  if (format === "graphml") return write(out, toGraphml(graph));
  if (format === "csv") {
    const { nodes, edges } = toCsv(graph);
    const base = out.replace(/\.csv$/i, "");
    return [...write(`${base}-nodes.csv`, nodes), ...write(`${base}-edges.csv`, edges)];
  }
  // Figures cite documents even when a filter dropped their nodes.
  const documents = nodeIds || rest.kinds || rest.countries ? (await store.listDocuments()) : [];
  const svg = renderFigureSvg(graph, {
    title: str(args, "title"),
    caption: str(args, "caption"),
    width: int(args, "width", 1600, 200, 10000),
    height: int(args, "height", 1000, 200, 10000),
    seed: int(args, "seed", 1, 0, 2 ** 31),
    documents,
  });
  if (format === "svg") return write(out, svg);
  return write(out, svgToPng(svg, Number(str(args, "scale") ?? 2)));
}

/**
 * Rasterises a figure with resvg and the system fonts (DejaVu Sans on Debian).
 * @param scale output pixels per SVG unit (2 gives 3200x2000 for the default size)
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  if (!(scale > 0 && scale <= 8)) throw new UsageError("--scale must be a number above 0 and at most 8");
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
  });
  return resvg.render().asPng();
}

function write(path: string, content: string | Buffer): string[] {
  writeFileSync(path, content);
  return [path];
}
