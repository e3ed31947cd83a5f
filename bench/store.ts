// Benchmark: opening a persisted embedded store of a generated graph
// (default 100k nodes / 1M relationships) and answering the first shortest-
// path query, each case in a fresh child process so that time and peak
// memory (VmHWM) are its own: from the binary snapshot, from graph.json
// alone, graphology alone (parse + import, no query), a bare Node process,
// and NetworkX and python-igraph loading the same graph. Writes
// bench/results/store.{json,md}.
//
// Usage: tsx bench/store.ts [--size 10k|50k|100k]
import Graph from "graphology";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryStore } from "../graph/memory-store.js";
import { ensureBenchStore } from "./lib/bench-store.js";
import { ensureGraphFiles, ensurePairsFile } from "./lib/graph-files.js";
import { nodeKey, type GraphSize } from "./lib/graph-generator.js";
import { mb, peakRssBytes, rssBytes, runJson } from "./lib/measure.js";
import { formatNumber, writeResult } from "./lib/report.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);

interface ChildReport {
  case: string;
  openSeconds: number;
  firstQuerySeconds: number | null;
  totalSeconds: number;
  pathLength: number | null;
  peakRssBytes: number;
  rssBytes: number;
}

function arg(name: string, fallback = ""): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** One case, run inside the child process. */
async function child(kind: string, dir: string, json: string, from: string, to: string): Promise<ChildReport> {
  const t0 = performance.now();
  let open = 0;
  let query: number | null = null;
  let length: number | null = null;
  if (kind === "snapshot" || kind === "graph.json") {
    const store = new MemoryStore({ dir, snapshotMinRelationships: kind === "snapshot" ? undefined : Infinity });
    await store.open();
    open = (performance.now() - t0) / 1000;
    const q0 = performance.now();
    const paths = await store.shortestPaths(from, to);
    query = (performance.now() - q0) / 1000;
    length = paths?.[0]?.hops.length ?? null;
  } else if (kind === "graphology") {
    const data = JSON.parse(readFileSync(json, "utf8"));
    const graph = new Graph({ type: "mixed", multi: true, allowSelfLoops: false });
    graph.import(data);
    open = (performance.now() - t0) / 1000;
    if (graph.order === 0) throw new Error("empty graph");
  }
  return { case: kind, openSeconds: open, firstQuerySeconds: query, totalSeconds: (performance.now() - t0) / 1000, pathLength: length, peakRssBytes: peakRssBytes(), rssBytes: rssBytes() };
}

const log = (line: string) => process.stderr.write(`bench store: ${line}\n`);

async function main(): Promise<void> {
  const size = arg("size", "100k") as GraphSize;
  const seeds = { graph: 8, pairs: 3 };
  const files = ensureGraphFiles(size, seeds.graph);
  const { file: pairFile, pairs } = ensurePairsFile(files, 1, seeds.pairs);
  const [from, to] = pairs[0].map(nodeKey);
  log(`graph ${files.name}; store (import or reuse)`);
  const bench = await ensureBenchStore(files, { log });
  const runChild = (kind: string) =>
    runJson<ChildReport>(process.execPath, ["--import", "tsx", SELF, "--child", kind, "--dir", bench.dir, "--json", files.json, "--from", from, "--to", to], { cwd: join(HERE, "..") });
  const reports: ChildReport[] = [];
  for (const kind of ["bare", "snapshot", "graph.json", "graphology"]) {
    log(kind);
    reports.push(await runChild(kind));
  }
  const python = async (script: string, name: string) => {
    log(name);
    const r = await runJson<{ version: string; load_s: number; peak_rss_bytes: number; rss_after_load_bytes: number; lengths: number[] }>("/usr/bin/python3", [join(HERE, "reference", script), "--edges", files.edges, "--pairs", pairFile, "--nodes", String(files.nodes)]);
    return { case: `${name} ${r.version} (edge list)`, openSeconds: r.load_s, firstQuerySeconds: null, totalSeconds: r.load_s, pathLength: r.lengths[0], peakRssBytes: r.peak_rss_bytes, rssBytes: r.rss_after_load_bytes } satisfies ChildReport;
  };
  reports.push(await python("networkx_paths.py", "NetworkX"), await python("igraph_paths.py", "python-igraph"));
  const snapshot = reports[1];
  const graphology = reports[3];
  const label: Record<string, string> = {
    bare: "bare Node + tsx (baseline)",
    snapshot: "unionties store, opened from graph.snapshot",
    "graph.json": "unionties store, opened from graph.json (no snapshot)",
    graphology: "graphology alone: JSON.parse + import (no query)",
  };
  const table = {
    title: `Opening a persisted ${files.nodes.toLocaleString("en-US")} / ${files.relationships.toLocaleString("en-US")} store and answering the first query`,
    headers: ["case", "open s", "first query s", "open + query s", "peak memory MB", "memory after MB", "path length"],
    rows: reports.map((r) => [label[r.case] ?? r.case, r.openSeconds, r.firstQuerySeconds ?? "—", r.totalSeconds, mb(r.peakRssBytes), mb(r.rssBytes), r.pathLength ?? "—"]),
    notes: [
      `target: open + first query ≤ 2 s from the snapshot → ${formatNumber(snapshot.totalSeconds)} s (${snapshot.totalSeconds <= 2 ? "met" : "NOT met"}); peak memory ${formatNumber(mb(snapshot.peakRssBytes))} MB against graphology alone ${formatNumber(mb(graphology.peakRssBytes))} MB`,
      "each case runs in its own child process; peak memory is VmHWM of that process (Node cases include the tsx loader, see the baseline row)",
      `query: ${from} → ${to}; store imported with \`unionties import\`'s function in ${formatNumber(bench.importSeconds)} s${bench.reused ? ` (reused, imported at ${bench.importedAtCommit})` : ""}`,
    ],
  };
  const written = writeResult("store", { params: { size, graph: files.name, nodes: files.nodes, relationships: files.relationships, from, to }, seeds, results: { reports, import: bench }, table });
  log(`wrote ${written.json} and ${written.md}`);
}

if (process.argv.includes("--child")) {
  const report = await child(arg("child"), arg("dir"), arg("json"), arg("from"), arg("to"));
  process.stdout.write(JSON.stringify(report) + "\n");
} else await main();
