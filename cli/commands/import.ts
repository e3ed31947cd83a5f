// `unionties import FILE`: networks people already have (the JSON
// interchange format, GEXF, GraphML, or a CSV edge list with a node list) into
// either store, checked against the schema first with every problem listed.
// The benchmarks load their generated graphs through `importGraphFile`.
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { InvalidDataError } from "../../graph/errors.js";
import { fromCsv, fromGexf, fromGraphml, fromJson, validateSerializedGraph } from "../../graph/formats/index.js";
import { LABEL_OF_KIND, isNodeKind, isRelType, type NodeKind, type RelType } from "../../graph/schema.js";
import type { GraphStore } from "../../graph/store.js";
import type { SerializedGraph } from "../../graph/types.js";
import { COMMON_FLAGS, parseArgs, str, UsageError } from "../args.js";
import { makeContext } from "../context.js";
import type { Command } from "../main.js";

/** The formats `import` reads. */
export const IMPORT_FORMATS = ["json", "gexf", "graphml", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const FLAGS = {
  ...COMMON_FLAGS, format: "string", nodes: "string", replace: "boolean", yes: "boolean",
  "dry-run": "boolean", "default-kind": "string", "default-type": "string",
} as const;

/** What fills gaps in files from other tools before validation. */
export interface ImportDefaults {
  /** Kind of nodes that have none (their label follows from it). */
  kind?: NodeKind;
  /** Type of relationships that have none. */
  type?: RelType;
}

/** The format of a file from its extension, or null. */
export function formatOf(file: string): ImportFormat | null {
  const ext = extname(file).slice(1).toLowerCase();
  return (IMPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ImportFormat) : ext === "xml" ? "graphml" : null;
}

/**
 * Reads a graph file into the interchange format.
 * @param nodesFile for CSV: the node list (default: FILE's `-nodes.csv` sibling of a `-edges.csv`, when it exists)
 * @throws InvalidDataError when the file cannot be parsed
 */
export function readGraphFile(file: string, format: ImportFormat, nodesFile?: string): SerializedGraph {
  const text = readFileSync(file, "utf8");
  switch (format) {
    case "json":
      return fromJson(text);
    case "gexf":
      return fromGexf(text);
    case "graphml":
      return fromGraphml(text);
    case "csv": {
      const sibling = file.replace(/-edges\.csv$/i, "-nodes.csv");
      const nodes = nodesFile ?? (sibling !== file && existsSync(sibling) ? sibling : undefined);
      return fromCsv(nodes ? readFileSync(nodes, "utf8") : "", text);
    }
  }
}

/**
 * Fills what files from other tools often leave out: `nodeLabel` from a known
 * kind, `name` from the id, origin `imported`/`manual`, polarity `present`,
 * empty lists; and, when given, a default kind and relationship type.
 * Changes the graph in place and returns it.
 */
export function fillDefaults(g: SerializedGraph, defaults: ImportDefaults = {}): SerializedGraph {
  for (const n of g.nodes) {
    const a = n.attributes as unknown as Record<string, unknown>;
    if (a.kind === undefined && defaults.kind) a.kind = defaults.kind;
    if (a.nodeLabel === undefined && isNodeKind(a.kind)) a.nodeLabel = LABEL_OF_KIND[a.kind];
    if (a.name === undefined || a.name === "") a.name = n.key;
    a.origin ??= "imported";
    a.aliases ??= [];
  }
  for (const e of g.edges) {
    const a = e.attributes as unknown as Record<string, unknown>;
    if (a.type === undefined && defaults.type) a.type = defaults.type;
    a.polarity ??= "present";
    a.origin ??= "manual";
    a.evidence ??= [];
  }
  return g;
}

/**
 * Reads, completes, validates and imports a graph file into a store.
 * @throws InvalidDataError listing every problem (nothing is written then)
 * @returns counts written, or only counted with `dryRun`
 */
export async function importGraphFile(
  store: GraphStore,
  file: string,
  options: { format?: ImportFormat; nodesFile?: string; mode?: "merge" | "replace"; defaults?: ImportDefaults; dryRun?: boolean; progress?: (line: string) => void } = {},
): Promise<{ nodes: number; relationships: number }> {
  const format = options.format ?? formatOf(file);
  if (!format) throw new InvalidDataError(`import: cannot tell the format of ${file}; pass --format`);
  const say = options.progress ?? (() => undefined);
  say(`reading ${file} as ${format}`);
  const graph = fillDefaults(readGraphFile(file, format, options.nodesFile), options.defaults);
  say(`validating ${graph.nodes.length.toLocaleString("en-US")} nodes and ${graph.edges.length.toLocaleString("en-US")} relationships`);
  const problems = validateSerializedGraph(graph);
  if (problems.length) throw new InvalidDataError(`import: ${file} breaks the schema in ${problems.length} place(s)`, problems);
  if (options.dryRun) return { nodes: graph.nodes.length, relationships: graph.edges.length };
  return store.importGraph(graph, {
    mode: options.mode ?? "merge",
    onProgress: (done, total) => say(`imported ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} items`),
  });
}

export const command: Command = {
  summary: "load a network file (json, gexf, graphml, csv) into the store, validated first",
  usage: `usage: unionties import FILE [--format json|gexf|graphml|csv] [--nodes NODES.csv]
                        [--default-kind KIND] [--default-type TYPE] [--dry-run] [--replace --yes]

The format follows the file's ending unless --format is given. For CSV, FILE
is the edge list (columns source,target[,type,...]) and --nodes the node list
(column id[,name,kind,...]); a FILE named X-edges.csv finds X-nodes.csv itself.
Every node needs a kind and every relationship a type from the schema
(--default-kind / --default-type fill the gaps). Nothing is written when any
problem is found: each one is printed and the exit code is 1. The import
merges into the stored graph; --replace --yes replaces it.`,
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length !== 1) throw new UsageError("import needs exactly one FILE");
    const [file] = args.positionals;
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const format = (str(args, "format")?.toLowerCase() ?? formatOf(file)) as ImportFormat | null;
    if (!format || !IMPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(", ")}`);
    if (args.flags.replace && !args.flags.yes) throw new UsageError("--replace deletes the stored graph first; add --yes to confirm");
    const kind = str(args, "default-kind");
    if (kind !== undefined && !isNodeKind(kind)) throw new UsageError(`unknown node kind "${kind}"`);
    const type = str(args, "default-type")?.toUpperCase();
    if (type !== undefined && !isRelType(type)) throw new UsageError(`unknown relationship type "${type}"`);
    const ctx = makeContext(args);
    const started = performance.now();
    const store = await ctx.openStore();
    try {
      const counts = await importGraphFile(store, file, {
        format,
        nodesFile: str(args, "nodes"),
        mode: args.flags.replace ? "replace" : "merge",
        defaults: { kind: kind as NodeKind | undefined, type: type as RelType | undefined },
        dryRun: args.flags["dry-run"] === true,
        progress: (line) => ctx.err(`import: ${line}`),
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      ctx.out(`${args.flags["dry-run"] ? "checked" : "imported"} ${counts.nodes} nodes and ${counts.relationships} relationships from ${file} in ${seconds} s`);
      return 0;
    } catch (error) {
      if (error instanceof InvalidDataError && error.problems.length) {
        ctx.err(`unionties import: ${file} was not imported; ${error.problems.length} problem(s):`);
        for (const p of error.problems) ctx.err(`  ${p.path}: ${p.message}`);
        return 1;
      }
      throw error;
    } finally {
      await store.close();
    }
  },
};
