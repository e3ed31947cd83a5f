// `unionties bench [name|all]`: runs the benchmark scripts in bench/ (each in
// its own process, beside its reference tools) and writes
// bench/results/<name>.json|md and bench/results/SUMMARY.md.
import { listBenchmarks, runBenchmarks } from "../../bench/lib/run-benchmarks.js";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../main.js";

export const command: Command = {
  summary: "run the benchmarks (bench/*.ts) and write bench/results/SUMMARY.md",
  usage: `usage: unionties bench [NAME ...|all] [--list] [-- ARGS for each benchmark]

Runs each named benchmark (default: all) in its own process and then writes
bench/results/SUMMARY.md from every benchmark's latest table. Benchmarks
generate their inputs under bench/work/ (the 100k/1M graph and its store take
minutes the first time). Example: unionties bench path store -- --size 10k
Exit code 1 when any benchmark failed.`,
  async run(argv) {
    const split = argv.indexOf("--");
    const own = split >= 0 ? argv.slice(0, split) : argv;
    const extra = split >= 0 ? argv.slice(split + 1) : [];
    const args = parseArgs(own, { list: "boolean", help: "boolean" });
    if (args.flags.list) {
      process.stdout.write(listBenchmarks().join("\n") + "\n");
      return 0;
    }
    const names = args.positionals.filter((n) => n !== "all");
    const available = listBenchmarks();
    const unknown = names.filter((n) => !available.includes(n));
    if (unknown.length) throw new UsageError(`unknown benchmark(s): ${unknown.join(", ")}; available: ${available.join(", ")}`);
    const outcomes = await runBenchmarks(names.length ? names : "all", extra, (line) => process.stderr.write(`unionties bench: ${line}\n`));
    return outcomes.some((o) => o.exitCode !== 0) ? 1 : 0;
  },
};
