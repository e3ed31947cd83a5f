// `npm run bench`: runs every benchmark script in bench/ (each in its own
// process) and writes bench/results/SUMMARY.md. Arguments after the names go
// to every benchmark, e.g. `npm run bench -- path store -- --size 10k`.
import { runBenchmarks } from "./lib/run-benchmarks.js";

const argv = process.argv.slice(2);
const split = argv.indexOf("--");
const names = split >= 0 ? argv.slice(0, split) : argv;
const extra = split >= 0 ? argv.slice(split + 1) : [];
const outcomes = await runBenchmarks(names.length && !names.includes("all") ? names : "all", extra, (line) => process.stderr.write(`bench: ${line}\n`));
process.exitCode = outcomes.some((o) => o.exitCode !== 0) ? 1 : 0;
