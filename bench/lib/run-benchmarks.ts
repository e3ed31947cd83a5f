// Runs benchmark scripts (bench/<name>.ts) one after another, each in its own
// Node process, and combines their Markdown tables into
// bench/results/SUMMARY.md. Used by `npm run bench` (bench/run-all.ts) and
// `unionties bench`.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatNumber, machineFacts, resultsDir } from "./report.js";

/** The bench/ folder. */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Preferred order in the summary; other benchmarks follow alphabetically. */
const ORDER = ["path", "store", "api", "stats", "ingest", "neo4j", "boomerang", "viz"];

/** How one benchmark run ended. */
export interface BenchOutcome {
  name: string;
  exitCode: number;
  seconds: number;
}

/** The benchmark scripts that exist: bench/*.ts except run-all, in summary order. */
export function listBenchmarks(): string[] {
  const names = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".ts") && f !== "run-all.ts")
    .map((f) => f.slice(0, -3));
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Runs one benchmark script as a child process (stdout and stderr passed through). */
export function runBenchmark(name: string, extraArgs: string[] = []): Promise<BenchOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(BENCH_DIR, `${name}.ts`), ...extraArgs], { cwd: join(BENCH_DIR, ".."), stdio: ["ignore", "inherit", "inherit"] });
    const done = (exitCode: number) => resolve({ name, exitCode, seconds: (performance.now() - started) / 1000 });
    child.on("error", () => done(127));
    child.on("exit", (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Writes bench/results/SUMMARY.md: machine facts, how each benchmark of this
 * run ended, then every benchmark's latest table (results from earlier runs
 * are marked with their own date line, which each table carries).
 * @returns the path written
 */
export function writeSummary(outcomes: BenchOutcome[]): string {
  const machine = machineFacts();
  const lines = [
    "# Benchmark summary",
    "",
    `Written by \`npm run bench\` / \`unionties bench\` on ${machine.date.slice(0, 16)}Z: ${machine.nproc} × ${machine.cpuModel}, ${(machine.memoryBytes / 2 ** 30).toFixed(0)} GB, Node ${machine.node}, commit ${machine.commit}${machine.dirty ? " (dirty)" : ""}, load average ${machine.loadAverage.join(" / ")}.`,
    "",
  ];
  if (outcomes.length) {
    lines.push("| benchmark | result | time s |", "| --- | --- | --- |");
    for (const o of outcomes) lines.push(`| ${o.name} | ${o.exitCode === 0 ? "ok" : `failed (exit ${o.exitCode})`} | ${formatNumber(o.seconds)} |`);
    lines.push("");
  }
  for (const name of listBenchmarks()) {
    const md = join(resultsDir(), `${name}.md`);
    if (!existsSync(md)) {
      lines.push(`### ${name}`, "", "_no result yet_", "");
      continue;
    }
    lines.push(readFileSync(md, "utf8").trim().replace(/^### /, `### ${name}: `), "");
  }
  const file = join(resultsDir(), "SUMMARY.md");
  writeFileSync(file, lines.join("\n"));
  return file;
}

/**
 * Runs the named benchmarks (or all) and writes the summary.
 * @returns the outcomes; any non-zero exit code means a benchmark failed
 */
export async function runBenchmarks(names: string[] | "all", extraArgs: string[] = [], log: (line: string) => void = () => undefined): Promise<BenchOutcome[]> {
  const available = listBenchmarks();
  const chosen = names === "all" ? available : names;
  const unknown = chosen.filter((n) => !available.includes(n));
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(", ")} (available: ${available.join(", ")})`);
  const outcomes: BenchOutcome[] = [];
  for (const name of chosen) {
    log(`running bench/${name}.ts`);
    const outcome = await runBenchmark(name, extraArgs);
    log(`bench/${name}.ts ${outcome.exitCode === 0 ? "finished" : `failed with exit code ${outcome.exitCode}`} in ${formatNumber(outcome.seconds)} s`);
    outcomes.push(outcome);
  }
  log(`wrote ${writeSummary(outcomes)}`);
  return outcomes;
}
