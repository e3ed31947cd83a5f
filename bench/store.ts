// Benchmark: opening a persisted embedded store of a generated graph
// (default 100k nodes / 1M relationships) and answering the first shortest-
// path query, each case in a fresh child process so that time and peak
// memory (VmHWM) are its own: from the binary snapshot, from graph.json
// alone, graphology alone (parse + import, no query), a bare Node process,
// and NetworkX and python-igraph loading the same graph. Then writes to
// that store: the three seed papers ingested one at a time (as uploads to a
// server) into a copy of it, with each write appended to the change log
// (graph.log) and, as its peer, with each write rewriting graph.json and the
// snapshot; the time of each write, the longest stall of the event loop and
// the close (which folds the log in). Writes bench/results/store.{json,md}.
//
// Usage: tsx bench/store.ts [--size 10k|50k|100k]
import Graph from "graphology";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryStore } from "../graph/memory-store.js";
import { ingestPaths } from "../ingest/ingest.js";
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

interface WriteReport {
  case: string;
  openSeconds: number;
  /** Each paper's write (the first builds the in-memory graph). */
  writeSeconds: number[];
  closeSeconds: number;
  /** The longest the event loop waited during the writes (the close not counted). */
  maxStallSeconds: number;
  peakRssBytes: number;
}

const SEED_PAPERS = join(HERE, "..", "seeds");

/** Writes of the seed papers one at a time to a copy of the store, in the child process. */
async function writes(kind: string, dir: string): Promise<WriteReport> {
  const copy = mkdtempSync(join(tmpdir(), "unionties-bench-writes-"));
  try {
    cpSync(dir, copy, { recursive: true });
    const t0 = performance.now();
    const store = new MemoryStore({ dir: copy, logMinRelationships: kind === "writes-log" ? undefined : Infinity });
    await store.open();
    const openSeconds = (performance.now() - t0) / 1000;
    const papers = readdirSync(SEED_PAPERS).filter((f) => f.endsWith(".txt")).sort().map((f) => join(SEED_PAPERS, f));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const writeSeconds: number[] = [];
    for (const paper of papers) {
      const t = performance.now();
      const report = await ingestPaths(store, [paper], { reviewFile: null, workers: 1 });
      if (report.failed) throw new Error(`${paper}: ${report.documents[0]?.status}`);
      writeSeconds.push((performance.now() - t) / 1000);
      // lets the delay monitor see the stall the write caused
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    delay.disable();
    const c = performance.now();
    await store.close();
    const closeSeconds = (performance.now() - c) / 1000;
    return { case: kind, openSeconds, writeSeconds, closeSeconds, maxStallSeconds: delay.max / 1e9, peakRssBytes: peakRssBytes() };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
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
  const writeReports: WriteReport[] = [];
  for (const kind of ["writes-log", "writes-rewrite"]) {
    log(kind);
    writeReports.push(await runJson<WriteReport>(process.execPath, ["--import", "tsx", SELF, "--child", kind, "--dir", bench.dir], { cwd: join(HERE, "..") }));
  }
  const [logged, rewritten] = writeReports;
  const later = (r: WriteReport) => r.writeSeconds.slice(1).reduce((a, b) => a + b, 0) / Math.max(1, r.writeSeconds.length - 1);
  const writeLabel: Record<string, string> = {
    "writes-log": "each write appended to graph.log (the default on a graph this size)",
    "writes-rewrite": "each write rewriting graph.json and the snapshot (the peer)",
  };
  const writeTable = {
    title: "Writing the three seed papers one at a time (as uploads) to a copy of that store",
    headers: ["case", "open s", "paper 1 s (builds the graph)", "papers 2–3 s each", "longest event-loop stall during the writes s", "close s", "peak memory MB"],
    rows: writeReports.map((r) => [writeLabel[r.case], r.openSeconds, r.writeSeconds[0], later(r), r.maxStallSeconds, r.closeSeconds, mb(r.peakRssBytes)]),
    notes: [
      `a write after the first: ${formatNumber(later(logged))} s with the change log against ${formatNumber(later(rewritten))} s rewriting the files (${formatNumber(later(logged) / later(rewritten))}×); the log is folded into graph.json and the snapshot on close`,
      "each case in its own child process, on a copy of the store made with fs.cpSync (new inodes: the snapshot is checked by its SHA-256)",
    ],
  };
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
  const written = writeResult("store", { params: { size, graph: files.name, nodes: files.nodes, relationships: files.relationships, from, to }, seeds, results: { reports, writes: writeReports, import: bench }, table: [table, writeTable] });
  log(`wrote ${written.json} and ${written.md}`);
}

if (process.argv.includes("--child")) {
  const kind = arg("child");
  const report = kind.startsWith("writes-") ? await writes(kind, arg("dir")) : await child(kind, arg("dir"), arg("json"), arg("from"), arg("to"));
  process.stdout.write(JSON.stringify(report) + "\n");
} else await main();
