// npm run bench:load — RELIABILITY.md B8 in its long mode: the plan's load
// lines (search, neighbourhood depth 2, shortest path over random pairs incl.
// disconnected ones, boomerang, export) at the plan's rates for 30 s each
// after a 10 s warm-up (-c 5), then the closed-loop capacity of search, on
// synth-10k (bench/lib/load-lines.ts). The server runs in its own process
// pinned to CPU 0 (the real app, rate limits off), autocannon in this one
// pinned to CPU 1. Reports req/s, p50/p90/p99/max, errors, timeouts, non-2xx
// and the server's RSS before and after each line to bench/results/load.{json,md};
// exits 1 on any error, timeout or non-2xx, or export RSS growth ≥ 64 MiB.
//
// Environment: LOAD_DURATION (seconds per line, default 30), LOAD_WARMUP
// (seconds, default 10), LOAD_ONLY (comma list of line names), LOAD_CAPACITY=0
// skips the capacity line. The mixed 10-minute soak of the plan is not run.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../api/app.js";
import { MemoryStore } from "../graph/memory-store.js";
import { EXPORT_RSS_BUDGET_MIB, LOAD_LINES, linePaths, loadTargets, runLine, startLoadServer, synth10k, waitUntilIdle, type LineResult } from "./lib/load-lines.js";
import { mb } from "./lib/measure.js";
import { writeResult } from "./lib/report.js";

const DURATION = Number(process.env.LOAD_DURATION ?? 30);
const WARMUP = Number(process.env.LOAD_WARMUP ?? 10);
const ONLY = process.env.LOAD_ONLY?.split(",").map((s) => s.trim());
const CAPACITY = process.env.LOAD_CAPACITY !== "0";

/** Server mode: synth-10k in an embedded store behind the real app; prints one JSON line once listening. */
async function serve(seed: number): Promise<void> {
  const t0 = performance.now();
  const { graph, islands } = synth10k(seed);
  const store = new MemoryStore();
  await store.open();
  await store.importGraph(graph, { mode: "replace" });
  store.traversalIndex();
  const stats = await store.stats();
  const targets = loadTargets(graph, islands);
  const app = await buildApp({ store, rateLimit: false, logger: false, auth: { keys: [] }, env: {}, viewerDir: mkdtempSync(join(tmpdir(), "unionties-load-noviewer-")) });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as { port: number }).port;
  process.stdout.write(JSON.stringify({ port, nodes: stats.nodes, relationships: stats.relationships, loadMs: performance.now() - t0, targets }) + "\n");
  process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
  // SIGUSR2: collect garbage (the server runs with --expose-gc), then print the memory still held: JS heap, external and array buffers
  process.on("SIGUSR2", () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.stdout.write(`gc ${m.heapUsed + m.external}\n`);
  });
}

type Row = LineResult & { budgetMs: number; rssBefore: number; rssAfter: number };

async function main(): Promise<number> {
  const twoCores = cpus().length >= 2;
  if (twoCores) spawnSync("taskset", ["-p", "-c", "1", String(process.pid)], { stdio: "ignore" });
  const loadBefore = loadavg();
  console.log("starting the synth-10k server ...");
  const server = await startLoadServer({ pin: twoCores });
  console.log(`synth-10k: ${server.nodes} nodes, ${server.relationships} relationships, ready in ${(server.loadMs / 1000).toFixed(1)} s`);
  const rows: Row[] = [];
  try {
    const lines = LOAD_LINES.filter((l) => !ONLY || ONLY.includes(l.name));
    const runs = lines.map((line) => ({ line, closedLoop: false }));
    if (CAPACITY && (!ONLY || ONLY.includes("capacity"))) runs.push({ line: { ...LOAD_LINES[0], route: "search, closed loop" }, closedLoop: true });
    for (const { line, closedLoop } of runs) {
      await waitUntilIdle(server.base);
      const rssBefore = server.rss();
      const r = await runLine(server.base, line, linePaths(line, server.targets), { seconds: DURATION, warmup: { connections: 5, seconds: WARMUP }, closedLoop });
      const row: Row = { ...r, line: closedLoop ? "capacity (search, closed loop)" : r.line, budgetMs: closedLoop ? NaN : line.p99BudgetMs, rssBefore, rssAfter: server.rss() };
      rows.push(row);
      console.log(`${row.line.padEnd(30)} c=${row.connections} R=${row.rate || "-"} ${row.requests}/${row.sent} answered ${row.reqPerSec.toFixed(1)} req/s  p50 ${row.p50} p90 ${row.p90} p99 ${row.p99} max ${row.max} ms  errors ${row.errors} timeouts ${row.timeouts} non-2xx ${row.non2xx}  RSS ${mb(rssBefore)} -> ${mb(row.rssAfter)} MB`);
    }
  } finally {
    await server.stop();
  }
  const failed = rows.filter((r) => r.errors || r.timeouts || r.non2xx || r.requests === 0);
  const exportRow = rows.find((r) => r.line === "export");
  const exportGrowth = exportRow ? (exportRow.rssAfter - exportRow.rssBefore) / 2 ** 20 : NaN;
  const overBudget = rows.filter((r) => r.p99 > r.budgetMs);
  const notes = [
    `open model (autocannon overallRate = the plan's -R), ${DURATION} s per line after a ${WARMUP} s warm-up at -c 5 (not counted); capacity: closed loop on search, -c 50; timeout 10 s per request`,
    `server (real app, rate limits off, embedded store) pinned to CPU 0, autocannon to CPU 1 (${cpus().length} cores); load average (1/5/15 min) at start ${loadBefore.map((x) => x.toFixed(1)).join(" / ")}, at end ${loadavg().map((x) => x.toFixed(1)).join(" / ")}: other processes share the CPUs when it is above ~1`,
    `synth-10k: ${server.nodes.toLocaleString("en-US")} nodes, ${server.relationships.toLocaleString("en-US")} relationships with 1–3 evidence items each, built and loaded in ${(server.loadMs / 1000).toFixed(1)} s; shortest-path pairs: ${server.targets.pairs.length} seeded, ${server.targets.disconnected.length} of them with one end on an island (200 with paths: [], the API's answer when no path exists)`,
    `p99 budgets (graphology) from RELIABILITY.md B8: ${overBudget.length ? `over budget: ${overBudget.map((r) => `${r.line} (${r.p99} > ${r.budgetMs} ms)`).join(", ")}` : "every line within budget"}`,
    exportRow ? `export RSS growth ${exportGrowth.toFixed(1)} MiB (budget < ${EXPORT_RSS_BUDGET_MIB} MiB): ${exportGrowth < EXPORT_RSS_BUDGET_MIB ? "met" : "NOT met"}` : "export line not run",
    failed.length ? `ERRORS: ${failed.map((r) => r.line).join(", ")}` : "errors, timeouts and non-2xx: 0 on every line",
  ];
  const { md } = writeResult("load", {
    params: { durationSeconds: DURATION, warmupSeconds: WARMUP, lines: LOAD_LINES, only: ONLY ?? null, capacity: CAPACITY },
    seeds: { graph: 10, targets: 12 },
    results: { rows, server: { nodes: server.nodes, relationships: server.relationships, loadMs: Math.round(server.loadMs) }, exportRssGrowthMiB: exportGrowth },
    table: {
      title: "B8 load lines on synth-10k (autocannon, loopback, embedded store)",
      headers: ["line", "c", "rate req/s", "sent", "answered", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "p99 budget ms", "errors", "timeouts", "non-2xx", "RSS before MB", "RSS after MB"],
      rows: rows.map((r) => [r.line, r.connections, r.rate || "closed loop", r.sent, r.requests, Math.round(r.reqPerSec * 10) / 10, r.p50, r.p90, r.p99, r.max, Number.isNaN(r.budgetMs) ? "—" : r.budgetMs, r.errors, r.timeouts, r.non2xx, mb(r.rssBefore), mb(r.rssAfter)]),
      notes,
    },
  });
  console.log(notes.join("\n"));
  console.log(`wrote ${md}`);
  return failed.length || exportGrowth >= EXPORT_RSS_BUDGET_MIB ? 1 : 0;
}

if (process.argv.includes("--serve")) await serve(Number(process.argv[process.argv.indexOf("--serve") + 1] ?? 10));
else process.exitCode = await main();
