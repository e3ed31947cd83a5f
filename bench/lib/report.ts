// What every benchmark writes: bench/results/<name>.json (machine facts,
// commit, parameters, seeds, raw numbers) and bench/results/<name>.md (a
// Markdown table the README and SUMMARY.md include).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, platform, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The default results folder, bench/results. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "results");

/** Folder the results go to: BENCH_RESULTS when set (read at each call), else bench/results. */
export function resultsDir(): string {
  return process.env.BENCH_RESULTS ?? RESULTS_DIR;
}

/** Facts about the machine and checkout a figure depends on. */
export interface MachineFacts {
  nproc: number;
  cpuModel: string;
  memoryBytes: number;
  freeMemoryBytes: number;
  platform: string;
  node: string;
  commit: string;
  dirty: boolean;
  date: string;
  /** 1, 5 and 15 minute load averages when the result was written (other work on the machine skews timings). */
  loadAverage: number[];
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

/** Collects machine facts (cores, CPU model, memory, Node version, git commit). Never throws. */
export function machineFacts(): MachineFacts {
  const cpu = cpus();
  return {
    nproc: cpu.length,
    cpuModel: cpu[0]?.model?.trim() ?? "unknown",
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    platform: `${platform()} ${release()}`,
    node: process.version,
    commit: git(["rev-parse", "--short=12", "HEAD"]) || "unknown",
    dirty: git(["status", "--porcelain", "--untracked-files=no"]) !== "",
    date: new Date().toISOString(),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** A Markdown table: a title line, headers and rows of cells. */
export interface ResultTable {
  title: string;
  headers: string[];
  rows: Array<Array<string | number>>;
  /** Lines printed under the table (verdicts, notes). */
  notes?: string[];
}

/** What one benchmark reports. */
export interface BenchResult {
  params: Record<string, unknown>;
  seeds: Record<string, number> | number[];
  results: unknown;
  /** The table, or several (the machine line is printed under the first). */
  table: ResultTable | ResultTable[];
}

/** Renders a table as Markdown (numbers formatted with up to 3 significant decimals). */
export function markdownTable(table: ResultTable, machine?: MachineFacts): string {
  const fmt = (v: string | number) => (typeof v === "number" ? formatNumber(v) : v.replace(/\|/g, "\\|"));
  const lines = [`### ${table.title}`, ""];
  if (machine) lines.push(`_${machine.nproc} × ${machine.cpuModel}, ${(machine.memoryBytes / 2 ** 30).toFixed(0)} GB, Node ${machine.node}, commit ${machine.commit}${machine.dirty ? " (dirty)" : ""}, ${machine.date.slice(0, 16)}Z, load average ${machine.loadAverage.join(" / ")}_`, "");
  lines.push(`| ${table.headers.join(" | ")} |`, `| ${table.headers.map(() => "---").join(" | ")} |`);
  for (const row of table.rows) lines.push(`| ${row.map(fmt).join(" | ")} |`);
  if (table.notes?.length) lines.push("", ...table.notes.map((n) => `- ${n}`));
  return lines.join("\n") + "\n";
}

/** A number for a table: integers with thousands separators, others with 3 significant digits after the point. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  const abs = Math.abs(x);
  return abs >= 100 ? x.toFixed(1) : abs >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

/**
 * Writes bench/results/<name>.json and <name>.md (creating the folder).
 * @param name the benchmark's name (file stem), e.g. "path"
 * @returns the two paths written
 */
export function writeResult(name: string, result: BenchResult): { json: string; md: string } {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`writeResult: "${name}" is not a valid benchmark name`);
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const machine = machineFacts();
  const json = join(dir, `${name}.json`);
  const md = join(dir, `${name}.md`);
  writeFileSync(json, JSON.stringify({ name, machine, ...result }, null, 2) + "\n");
  const tables = Array.isArray(result.table) ? result.table : [result.table];
  writeFileSync(md, tables.map((table, i) => markdownTable(table, i === 0 ? machine : undefined)).join("\n"));
  return { json, md };
}

/** Percentile (0..100) of a list of numbers by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
