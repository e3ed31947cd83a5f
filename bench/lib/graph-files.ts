// Generated benchmark inputs on disk, made once per size and seed and reused:
// bench/work/graphs/<name>.json (the interchange format, what `unionties
// import` reads), <name>.edges (a plain "u v" edge list of node numbers for
// NetworkX and igraph, walkable edges only) and <name>.pairs-<count>-<seed>
// (query pairs, "s t" per line, the same for every tool).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GRAPH_SIZES, generateScaleFree, randomPairs, type GraphSize } from "./graph-generator.js";

/** Where generated inputs live (gitignored); BENCH_WORK overrides. */
export const WORK_DIR = process.env.BENCH_WORK ?? join(dirname(fileURLToPath(import.meta.url)), "..", "work");

/** Paths and facts of one generated graph. */
export interface GraphFiles {
  name: string;
  nodes: number;
  m: number;
  seed: number;
  /** Interchange JSON. */
  json: string;
  /** "u v" lines, node numbers; node number i is node key `o<i>`. */
  edges: string;
  /** Number of relationships in the JSON. */
  relationships: number;
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * Generates (or reuses) the files of one benchmark graph.
 * @param size "10k" (10k nodes, 50k edges), "50k" (50k/250k) or "100k" (100k/1M)
 * @param seed generator seed
 */
export function ensureGraphFiles(size: GraphSize, seed = 8): GraphFiles {
  const { nodes, m } = GRAPH_SIZES[size];
  const name = `ba-${nodes}-${m}-${seed}`;
  const dir = join(WORK_DIR, "graphs");
  const files = { json: join(dir, `${name}.json`), edges: join(dir, `${name}.edges`), meta: join(dir, `${name}.meta.json`) };
  if (!existsSync(files.meta)) {
    const { graph, edgeList } = generateScaleFree({ nodes, m, seed });
    const lines: string[] = [];
    for (let i = 0; i < graph.edges.length; i++)
      if (graph.edges[i].attributes.polarity !== "absent") lines.push(`${edgeList[2 * i]} ${edgeList[2 * i + 1]}`);
    writeAtomic(files.json, JSON.stringify(graph));
    writeAtomic(files.edges, lines.join("\n") + "\n");
    writeAtomic(files.meta, JSON.stringify({ name, nodes, m, seed, relationships: graph.edges.length }));
  }
  const meta = JSON.parse(readFileSync(files.meta, "utf8")) as { relationships: number };
  return { name, nodes, m, seed, json: files.json, edges: files.edges, relationships: meta.relationships };
}

/**
 * Writes (or reuses) a pairs file for a graph: `count` seeded random pairs of
 * distinct nodes, "s t" per line.
 * @returns the file path and the pairs
 */
export function ensurePairsFile(graph: GraphFiles, count: number, seed: number): { file: string; pairs: Array<[number, number]> } {
  const file = join(WORK_DIR, "graphs", `${graph.name}.pairs-${count}-${seed}`);
  const pairs = randomPairs(graph.nodes, count, seed);
  if (!existsSync(file)) writeAtomic(file, pairs.map(([a, b]) => `${a} ${b}`).join("\n") + "\n");
  return { file, pairs };
}
