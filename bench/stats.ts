// Benchmark: the network statistics of GET /api/stats (api/stats.ts
// computeStats: betweenness from a seeded sample of sources, Louvain
// communities) on a generated graph (default 100k nodes / 1M relationships),
// beside NetworkX and python-igraph on the same edge list in the same run.
// Ours runs in fresh child processes on the persisted bench store: the whole
// computeStats (with the longest event-loop stall a 5 ms timer saw), then, in
// another process, its parts timed one by one (export, networkOf: the
// network in typed arrays, BetweennessRun, louvain). The
// references get the same number of betweenness sources and a time limit
// each; a reference stopped at its limit keeps the parts it finished. When
// NetworkX's Louvain does not finish on the graph, it runs on the 10k graph
// beside ours there. Writes bench/results/stats.{json,md}.
//
// Usage: tsx bench/stats.ts [--size 10k|50k|100k] [--timeout <minutes per reference, default 20>]
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { betweennessSources, computeStats, LOUVAIN_SEED, networkOf } from "../api/stats.js";
import { BetweennessRun } from "../graph/algorithms/betweenness.js";
import { louvain } from "../graph/algorithms/louvain.js";
import { MemoryStore } from "../graph/memory-store.js";
import { ensureBenchStore } from "./lib/bench-store.js";
import { ensureGraphFiles, type GraphFiles } from "./lib/graph-files.js";
import { nodeKey, type GraphSize } from "./lib/graph-generator.js";
import { runJsonLines } from "./lib/json-lines.js";
import { mb, peakRssBytes, runJson } from "./lib/measure.js";
import { formatNumber, writeResult } from "./lib/report.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const PYTHON = "/usr/bin/python3";
const TOP = 10;

/** What the child process measures of our statistics. */
interface OursReport {
  nodes: number;
  edges: number;
  openSeconds: number;
  statsSeconds: number;
  longestStallMs: number;
  stallsOver200Ms: number;
  /** Gaps of the 5 ms timer over 200 ms: [ms after computeStats started when the gap began, gap ms]. */
  stalls: Array<[number, number]>;
  /** VmHWM right after computeStats (open + computeStats). */
  peakRssBytes: number;
  sources: number;
  communities: number;
  modularity: number;
  top: Array<[string, number]>;
  parts: { exportSeconds: number; networkSeconds: number; betweennessSeconds: number; betweennessSetupSeconds: number; louvainSeconds: number; communities: number; modularity: number; top: string[] };
}

/** One line of a Python reference (bench/reference/*_stats.py). */
interface PythonPart {
  part: "load" | "betweenness" | "communities" | "exact-betweenness";
  tool: string;
  version: string;
  seconds: number;
  peak_rss_bytes: number;
  sources?: number;
  count?: number;
  modularity?: number;
  top?: Array<[number, number]>;
}

/** A reference run: its parts by name, and whether its time limit stopped it. */
interface Reference {
  parts: Partial<Record<PythonPart["part"], PythonPart>>;
  timedOut: boolean;
  exitCode: number | null;
  seconds: number;
  stderr: string;
  graph: string;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const log = (line: string) => process.stderr.write(`bench stats: ${line}\n`);

/** Opens the store in `dir`: the store and the seconds it took. */
async function openStore(dir: string): Promise<{ store: MemoryStore; openSeconds: number }> {
  const t0 = performance.now();
  const store = new MemoryStore({ dir });
  await store.open();
  return { store, openSeconds: seconds(t0) };
}

/** computeStats on the store in `dir` as GET /api/stats runs it, with a 5 ms timer watching the event loop (child process). */
async function statsChild(dir: string): Promise<Omit<OursReport, "parts">> {
  const { store, openSeconds } = await openStore(dir);
  let last = performance.now();
  let longest = 0;
  const stalls: Array<[number, number]> = [];
  const s0 = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    if (now - last > 200) stalls.push([Math.round(last - s0), Math.round(now - last)]);
    last = now;
  }, 5);
  const stats = await computeStats(store, 20);
  const statsSeconds = seconds(s0);
  clearInterval(timer);
  const peak = peakRssBytes();
  await store.close();
  return {
    nodes: stats.counts.nodes, edges: -1, openSeconds, statsSeconds, longestStallMs: longest, stallsOver200Ms: stalls.length, stalls, peakRssBytes: peak,
    sources: stats.betweennessSources, communities: stats.communities.count, modularity: stats.communities.modularity,
    top: stats.betweenness.slice(0, TOP).map((b) => [b.id, b.value]),
  };
}

/** computeStats' steps each timed alone, minus counts, degree and member lists (another child process). */
async function partsChild(dir: string): Promise<OursReport["parts"] & { nodes: number; edges: number }> {
  const { store } = await openStore(dir);
  let t = performance.now();
  const data = await store.exportGraph({ withoutDocuments: true });
  const exportSeconds = seconds(t);
  t = performance.now();
  const network = await networkOf(data);
  const networkSeconds = seconds(t);
  t = performance.now();
  const run = new BetweennessRun(network, betweennessSources(network.order, network.size), LOUVAIN_SEED);
  const betweennessSetupSeconds = seconds(t);
  for (const source of run.sources) run.run(source);
  const between = run.result();
  const betweennessSeconds = seconds(t);
  t = performance.now();
  const result = await louvain(network, { seed: LOUVAIN_SEED });
  const louvainSeconds = seconds(t);
  await store.close();
  const top = Object.entries(between.values).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP).map(([id]) => id);
  return { nodes: network.order, edges: network.size, exportSeconds, networkSeconds, betweennessSeconds, betweennessSetupSeconds, louvainSeconds, communities: result.count, modularity: result.modularity, top };
}

/** Ours in two fresh child processes: computeStats whole, then its parts. */
async function runOurs(dir: string): Promise<OursReport> {
  const child = <T>(kind: string) => runJson<T>(process.execPath, ["--import", "tsx", SELF, "--child", kind, "--dir", dir], { cwd: join(HERE, "..") });
  const stats = await child<Omit<OursReport, "parts">>("stats");
  const { nodes, edges, ...parts } = await child<OursReport["parts"] & { nodes: number; edges: number }>("parts");
  return { ...stats, nodes, edges, parts };
}

async function runReference(script: string, files: GraphFiles, extra: string[], timeoutMs: number): Promise<Reference> {
  const run = await runJsonLines<PythonPart>(PYTHON, [join(HERE, "reference", script), "--edges", files.edges, "--nodes", String(files.nodes), "--top", String(TOP), ...extra], { timeoutMs });
  const parts: Reference["parts"] = {};
  for (const line of run.lines) parts[line.part] = line;
  if (!run.timedOut && run.exitCode !== 0) log(`${script} exited with ${run.exitCode}: ${run.stderr}`);
  return { parts, timedOut: run.timedOut, exitCode: run.exitCode, seconds: run.seconds, stderr: run.stderr.slice(-500), graph: files.name };
}

async function main(): Promise<void> {
  const size = arg("size", "100k") as GraphSize;
  const timeoutMs = Number(arg("timeout", "20")) * 60_000;
  const seeds = { graph: 8, louvain: LOUVAIN_SEED, betweennessSample: LOUVAIN_SEED };
  const files = ensureGraphFiles(size, seeds.graph);
  log(`graph ${files.name}; store (import or reuse)`);
  const bench = await ensureBenchStore(files, { log });
  log("ours (computeStats, then its parts, each in a fresh child process)");
  const ours = await runOurs(bench.dir);
  log(`ours: ${formatNumber(ours.statsSeconds)} s, ${ours.sources} sources; NetworkX`);
  const nx = await runReference("networkx_stats.py", files, ["--sources", String(ours.sources), "--seed", String(seeds.betweennessSample)], timeoutMs);
  log("python-igraph");
  const ig = await runReference("igraph_stats.py", files, ["--seed", String(seeds.louvain), "--exact-max-nodes", "10000"], timeoutMs);
  // NetworkX's Louvain did not finish here: compare on the 10k graph instead.
  let small: { files: GraphFiles; ours: OursReport; nx: Reference } | null = null;
  if (!nx.parts.communities && files.nodes > 10_000) {
    const smallFiles = ensureGraphFiles("10k", seeds.graph);
    log(`NetworkX Louvain did not finish on ${files.name}; ours and NetworkX on ${smallFiles.name}`);
    const smallStore = await ensureBenchStore(smallFiles, { log });
    small = { files: smallFiles, ours: await runOurs(smallStore.dir), nx: await runReference("networkx_stats.py", smallFiles, ["--sources", "0", "--parts", "communities"], timeoutMs) };
  }
  const written = writeResult("stats", { params: { size, graph: files.name, nodes: files.nodes, relationships: files.relationships, timeoutMinutes: timeoutMs / 60_000, top: TOP }, seeds, results: { ours, networkx: nx, igraph: ig, small, import: bench }, table: table(files, ours, nx, ig, small, timeoutMs) });
  log(`wrote ${written.json} and ${written.md}`);
}

/** The Markdown table and its notes. */
function table(files: GraphFiles, ours: OursReport, nx: Reference, ig: Reference, small: { files: GraphFiles; ours: OursReport; nx: Reference } | null, timeoutMs: number) {
  const f = formatNumber;
  const stopped = (r: Reference) => (r.timedOut ? `timed out (${f(timeoutMs / 60_000)} min)` : `failed (exit ${r.exitCode})`);
  const part = (r: Reference, name: PythonPart["part"]) => r.parts[name];
  const cell = (r: Reference, name: PythonPart["part"], detail: (p: PythonPart) => string) => {
    const p = part(r, name);
    return p ? `${f(p.seconds)} (${detail(p)})` : stopped(r);
  };
  const communities = (count: number, modularity: number) => `${count}, Q ${modularity.toFixed(3)}`;
  const peak = (r: Reference) => Math.max(0, ...Object.values(r.parts).map((p) => p?.peak_rss_bytes ?? 0));
  const oursLoad = ours.openSeconds + ours.parts.exportSeconds + ours.parts.networkSeconds;
  const nxTotal = ["load", "betweenness", "communities"].every((n) => part(nx, n as PythonPart["part"])) ? part(nx, "load")!.seconds + part(nx, "betweenness")!.seconds + part(nx, "communities")!.seconds : null;
  const igLC = part(ig, "load") && part(ig, "communities") ? part(ig, "load")!.seconds + part(ig, "communities")!.seconds : null;
  const rows: Array<Array<string | number>> = [
    ["unionties computeStats (GET /api/stats), child process on the persisted store", oursLoad, `${f(ours.parts.betweennessSeconds)} (${ours.sources})`, `${f(ours.parts.louvainSeconds)} (${communities(ours.parts.communities, ours.parts.modularity)})`, ours.openSeconds + ours.statsSeconds, mb(ours.peakRssBytes)],
    [`NetworkX ${part(nx, "load")?.version ?? ""} (edge list)`, part(nx, "load")?.seconds ?? stopped(nx), cell(nx, "betweenness", (p) => String(p.sources)), cell(nx, "communities", (p) => communities(p.count!, p.modularity!)), nxTotal ?? stopped(nx), mb(peak(nx))],
    [`python-igraph ${part(ig, "load")?.version ?? ""} (edge list)`, part(ig, "load")?.seconds ?? stopped(ig), "n/a (no sampled betweenness in 0.10.2)", cell(ig, "communities", (p) => communities(p.count!, p.modularity!)), igLC === null ? stopped(ig) : `${f(igLC)} (load + communities)`, mb(peak(ig))],
  ];
  const ratio = (a: number, b: number | undefined) => (b ? `${f(a / b)}×` : "n/a");
  const nxB = part(nx, "betweenness");
  const oursTop = ours.top.map(([id]) => id);
  const overlap = (ids: number[] | undefined) => (ids ? ids.map(nodeKey).filter((id) => oursTop.includes(id)).length : null);
  const nxTop = nxB?.top?.map(([id]) => id);
  const igExact = part(ig, "exact-betweenness");
  const notes = [
    `ratios (below 1: ours faster): ours / NetworkX: load ${ratio(oursLoad, part(nx, "load")?.seconds)}, betweenness ${ratio(ours.parts.betweennessSeconds, nxB?.seconds)}, communities ${ratio(ours.parts.louvainSeconds, part(nx, "communities")?.seconds)}, total ${ratio(ours.openSeconds + ours.statsSeconds, nxTotal ?? undefined)}; ours / igraph: load ${ratio(oursLoad, part(ig, "load")?.seconds)}, communities ${ratio(ours.parts.louvainSeconds, part(ig, "communities")?.seconds)}`,
    `ours: open the store ${f(ours.openSeconds)} s, then computeStats ${f(ours.statsSeconds)} s with the longest event-loop stall ${f(ours.longestStallMs)} ms (5 ms timer; ${ours.stallsOver200Ms} gaps over 200 ms${ours.stalls?.length ? `; the longest ${Math.min(5, ours.stalls.length)} began ${[...ours.stalls].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([at, ms]) => `${f(at / 1000)} s (${f(ms / 1000)} s)`).join(", ")} after computeStats started` : ""}); its parts timed one by one in another fresh process: export ${f(ours.parts.exportSeconds)} s, networkOf (the network in typed arrays) ${f(ours.parts.networkSeconds)} s (${f(ours.nodes)} nodes, ${f(ours.edges)} edges), BetweennessRun ${f(ours.parts.betweennessSeconds)} s${ours.parts.betweennessSetupSeconds === undefined ? "" : ` (of which ${f(ours.parts.betweennessSetupSeconds)} s setting up)`}, louvain (graph/algorithms/louvain.ts) ${f(ours.parts.louvainSeconds)} s; load = open + export + networkOf; total = open + computeStats (also counts, degree, member lists); peak = VmHWM after computeStats`,
    `betweenness per source: ours ${f((ours.parts.betweennessSeconds / ours.sources) * 1000)} ms${ours.parts.betweennessSetupSeconds === undefined ? "" : ` (${f(((ours.parts.betweennessSeconds - ours.parts.betweennessSetupSeconds) / ours.sources) * 1000)} ms searching)`}${nxB ? `, NetworkX ${f((nxB.seconds / nxB.sources!) * 1000)} ms` : ""}${igExact ? `, igraph exact (all ${f(igExact.sources!)} nodes as sources) ${f((igExact.seconds / igExact.sources!) * 1000)} ms: ours (searching) / igraph per source ${ratio((ours.parts.betweennessSeconds - (ours.parts.betweennessSetupSeconds ?? 0)) / ours.sources, igExact.seconds / igExact.sources!)}` : ", igraph n/a (exact only: every node a source, not run above 10k nodes)"}`,
    `top-${TOP} betweenness overlap with NetworkX: ${overlap(nxTop) ?? "n/a"} of ${TOP} (different seeded samples of ${ours.sources} sources; information, not a check); top 5 ours ${oursTop.slice(0, 5).join(" ")}, NetworkX ${nxTop ? nxTop.slice(0, 5).map(nodeKey).join(" ") : "n/a"}${igExact ? `; overlap with igraph's exact top ${TOP}: ${overlap(igExact.top!.map(([id]) => id))} of ${TOP}` : ""}`,
    `the same seeds: Louvain 42 (ours seed 42, NetworkX seed=42, igraph via Python's random.seed(42)), betweenness sample 42 (each tool draws its own sample); computeStats and the separately timed parts agree: ${ours.communities === ours.parts.communities && oursTop.join() === ours.parts.top.join() ? "yes" : "NO"}`,
  ];
  if (small) {
    const s = part(small.nx, "communities");
    notes.push(`NetworkX's Louvain did not finish on ${files.name} (${stopped(nx)}); on ${small.files.name} (${f(small.files.nodes)} nodes): ours ${f(small.ours.parts.louvainSeconds)} s (${communities(small.ours.parts.communities, small.ours.parts.modularity)}), NetworkX ${s ? `${f(s.seconds)} s (${communities(s.count!, s.modularity!)}): ours / NetworkX ${ratio(small.ours.parts.louvainSeconds, s.seconds)}` : stopped(small.nx)}`);
  }
  notes.push("each tool runs alone, one after another, on the same graph (ours from the store imported from the interchange JSON, the Python tools from its edge list); peak memory of the Python tools is their process's ru_maxrss");
  return { title: `Network statistics (betweenness, Louvain), ${files.nodes.toLocaleString("en-US")} nodes / ${files.relationships.toLocaleString("en-US")} relationships`, headers: ["tool", "load s", "betweenness s (sources)", "communities s (count, modularity)", "total s", "peak memory MB"], rows, notes };
}

if (process.argv.includes("--child")) {
  const dir = arg("dir", "");
  process.stdout.write(JSON.stringify(arg("child", "") === "parts" ? await partsChild(dir) : await statsChild(dir)) + "\n");
}
else await main();
