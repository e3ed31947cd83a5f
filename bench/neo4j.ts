// `npm run bench:neo4j`: a generated scale-free graph of 100,000 organisations
// and ~1,000,000 relationships (bench/lib/graph-generator.ts, seeded) loaded
// into Neo4j (Neo4jStore.importGraph: UNWIND batches, one transaction each)
// and into the embedded store (MemoryStore.importGraph), rows/s for each;
// then 1,000 shortest-path queries on the same seeded random pairs against
// both, p50 and p99, and whether both found paths of the same length.
// Neo4j: NEO4J_URI when set (it is cleared first!), else a private local
// server from scripts/neo4j under bench/work/neo4j (stopped at the end).
// Environment: BENCH_NODES (default 100000), BENCH_M (default 10), BENCH_PAIRS (default 1000).
// Writes bench/results/neo4j.json and .md.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { graphFingerprint } from "../graph/canonical.js";
import { MemoryStore } from "../graph/memory-store.js";
import { Neo4jStore } from "../graph/neo4j-store.js";
import { generateScaleFree, nodeKey, randomPairs } from "./lib/graph-generator.js";
import { WORK_DIR } from "./lib/graph-files.js";
import { percentile, writeResult } from "./lib/report.js";

const NODES = Number(process.env.BENCH_NODES ?? 100_000);
const M = Number(process.env.BENCH_M ?? 10);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 1000);
const SEED = 8;
const PAIR_SEED = 4;
const SCRIPT = join(import.meta.dirname, "..", "scripts", "neo4j");
const log = (line: string) => process.stderr.write(`bench:neo4j ${line}\n`);

function localServer(): { uri: string; stop: () => void } {
  const env = { ...process.env, NEO4J_LOCAL_DIR: join(WORK_DIR, "neo4j"), NEO4J_HEAP: process.env.NEO4J_HEAP ?? "3g", NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? "2g" };
  const uri = execFileSync("bash", [SCRIPT, "start"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
  return { uri, stop: () => execFileSync("bash", [SCRIPT, "stop"], { env, stdio: "inherit" }) };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - t) / 1e6];
}

const server = process.env.NEO4J_URI ? null : localServer();
const uri = process.env.NEO4J_URI ?? server!.uri;
try {
  log(`generating ${NODES} organisations, m=${M}, seed ${SEED}`);
  const { graph } = generateScaleFree({ nodes: NODES, m: M, seed: SEED });
  const rows = graph.nodes.length + graph.edges.length;
  log(`${graph.nodes.length} nodes, ${graph.edges.length} relationships`);

  const memory = new MemoryStore();
  const [, memoryMs] = await timed(() => memory.importGraph(graph));
  log(`memory: loaded in ${(memoryMs / 1000).toFixed(1)} s`);

  const neo4j = new Neo4jStore({ uri, importBatch: 10_000, readTimeoutMs: 60_000, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD });
  await neo4j.open();
  const version = (await neo4j.health()).version;
  await neo4j.clear();
  let shown = 0;
  const [, neo4jMs] = await timed(() =>
    neo4j.importGraph(graph, {
      onProgress: (done, total) => {
        if (done - shown >= total / 10 || done === total) log(`neo4j: ${(shown = done)}/${total}`);
      },
    }),
  );
  log(`neo4j ${version}: loaded in ${(neo4jMs / 1000).toFixed(1)} s`);
  const [neoStats, memStats] = [await neo4j.stats(), await memory.stats()];

  const pairs = randomPairs(NODES, PAIRS, PAIR_SEED).map(([a, b]) => [nodeKey(a), nodeKey(b)] as const);
  const times = { memory: [] as number[], neo4j: [] as number[] };
  let sameLength = 0;
  let found = 0;
  for (const [a, b] of pairs) {
    const [m, tm] = await timed(() => memory.shortestPaths(a, b, { maxHops: 8 }));
    const [n, tn] = await timed(() => neo4j.shortestPaths(a, b, { maxHops: 8 }));
    times.memory.push(tm);
    times.neo4j.push(tn);
    const lm = m?.[0]?.hops.length ?? -1;
    if (lm === (n?.[0]?.hops.length ?? -1)) sameLength++;
    if (lm >= 0) found++;
  }
  // Parity on a slice is cheap; the whole 1M-edge export is checked too when small enough.
  const parity = graph.edges.length <= 200_000 ? graphFingerprint(await memory.exportGraph()) === graphFingerprint(await neo4j.exportGraph()) : null;
  await neo4j.close();

  const q = (xs: number[], p: number) => Math.round(percentile(xs, p) * 100) / 100;
  const results = {
    neo4jVersion: version,
    graph: { nodes: graph.nodes.length, relationships: graph.edges.length },
    load: {
      memory: { ms: Math.round(memoryMs), rowsPerSecond: Math.round(rows / (memoryMs / 1000)) },
      neo4j: { ms: Math.round(neo4jMs), rowsPerSecond: Math.round(rows / (neo4jMs / 1000)), batch: 10_000 },
    },
    counts: { memory: { nodes: memStats.nodes, relationships: memStats.relationships }, neo4j: { nodes: neoStats.nodes, relationships: neoStats.relationships } },
    shortestPath: {
      pairs: PAIRS,
      pathsFound: found,
      sameLength,
      memory: { p50: q(times.memory, 50), p99: q(times.memory, 99) },
      neo4j: { p50: q(times.neo4j, 50), p99: q(times.neo4j, 99) },
    },
    exportParity: parity,
  };
  const { json } = writeResult("neo4j", {
    params: { nodes: NODES, m: M, pairs: PAIRS, maxHops: 8, importBatch: 10_000, neo4j: server ? "local scripts/neo4j (embedded DBMS, Bolt on loopback)" : "NEO4J_URI" },
    seeds: { graph: SEED, pairs: PAIR_SEED },
    results,
    table: {
      title: `Neo4j ${version} vs the embedded store: ${graph.nodes.length.toLocaleString("en-US")} organisations, ${graph.edges.length.toLocaleString("en-US")} relationships`,
      headers: ["store", "load rows/s", "load s", "path p50 ms", "path p99 ms"],
      rows: [
        ["embedded (graphology)", results.load.memory.rowsPerSecond, memoryMs / 1000, results.shortestPath.memory.p50, results.shortestPath.memory.p99],
        ["Neo4j (Bolt, UNWIND batches)", results.load.neo4j.rowsPerSecond, neo4jMs / 1000, results.shortestPath.neo4j.p50, results.shortestPath.neo4j.p99],
      ],
      notes: [
        `${PAIRS} seeded random pairs, maxHops 8; paths found ${found}/${PAIRS}; same shortest length in both stores ${sameLength}/${PAIRS}`,
        "Neo4j, the bench and Node share the machine's cores (no pinning).",
      ],
    },
  });
  log(`wrote ${json}`);
  console.log(JSON.stringify(results, null, 2));
  if (sameLength !== PAIRS || neoStats.relationships !== memStats.relationships) process.exitCode = 1;
} finally {
  server?.stop();
}
