// `npm run bench:ingest`: generates a seeded corpus of at least 50 MB
// (bench/lib/corpus.ts, into bench/work/), ingests it end to end into an
// embedded store persisted in a temporary folder (texts, graph.json and the
// snapshot written as `unionties ingest` writes them), and in the same run scans the same text with one bare combined name
// regex, for MB/s, the ratio between the two, and peak memory.
// Environment: BENCH_INGEST_MB (default 50), BENCH_INGEST_SEED,
// BENCH_INGEST_WORKERS (threads preparing documents, the main thread included:
// IngestOptions.workers; default: the ingest's own choice; 1 = no worker threads).
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryStore } from "../graph/memory-store.js";
import { ingestPaths, loadCodebook } from "../ingest/index.js";
import { CORPUS_DEFAULTS, writeCorpus } from "./lib/corpus.js";
import { writeResult } from "./lib/report.js";

/** The corpus folder: bench/work/ingest-corpus/ for the default corpus, a folder of its own for any other (runs of other sizes beside it do not rewrite it). */
function corpusDir(options: typeof CORPUS_DEFAULTS): string {
  const own = options.bytes === CORPUS_DEFAULTS.bytes && options.seed === CORPUS_DEFAULTS.seed ? "" : `-${options.bytes / MB}mb-${options.seed}`;
  return fileURLToPath(new URL(`./work/ingest-corpus${own}/`, import.meta.url));
}
const MB = 1024 * 1024;

function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

/**
 * CPU time of the calling thread alone, in ms (worker threads run beside the
 * store's writes): process.threadCpuUsage where Node has it, else Linux's
 * /proc/thread-self/stat (10 ms ticks), else the whole process.
 */
function threadCpuMs(): number {
  const own = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
  if (own) {
    const u = own.call(process);
    return (u.user + u.system) / 1000;
  }
  try {
    const fields = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return cpuMs({ user: 0, system: 0 });
  }
}

async function main(): Promise<void> {
  const megabytes = Number(process.env.BENCH_INGEST_MB ?? 50);
  const seed = Number(process.env.BENCH_INGEST_SEED ?? CORPUS_DEFAULTS.seed);
  const options = { ...CORPUS_DEFAULTS, bytes: megabytes * MB, seed };
  const workers = process.env.BENCH_INGEST_WORKERS ? Number(process.env.BENCH_INGEST_WORKERS) : undefined;

  let t = performance.now();
  const codebook = loadCodebook();
  const codebookMs = performance.now() - t;
  const WORK = corpusDir(options);
  const files = writeCorpus(WORK, codebook, options);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  process.stderr.write(`corpus: ${files.length} files, ${(bytes / MB).toFixed(1)} MB in ${WORK}\n`);

  // 1. End to end: read, normalise, extract, build bundles, write to the store.
  //    The store's own share (upsertDocument) is timed apart, through a wrapper.
  const dir = mkdtempSync(join(tmpdir(), "unionties-bench-ingest-"));
  const memory = new MemoryStore({ dir });
  await memory.open();
  let storeMs = 0;
  let storeCpuMs = 0;
  const store = new Proxy(memory, {
    get(target, key, receiver) {
      if (key !== "upsertDocument") return Reflect.get(target, key, receiver);
      return async (bundle: Parameters<MemoryStore["upsertDocument"]>[0]) => {
        const w = performance.now();
        const c = threadCpuMs();
        try {
          return await target.upsertDocument(bundle);
        } finally {
          storeMs += performance.now() - w;
          storeCpuMs += threadCpuMs() - c;
        }
      };
    },
  });
  t = performance.now();
  let cpu = process.cpuUsage();
  const report = await ingestPaths(store, [WORK], {
    codebook,
    reviewFile: null,
    workers,
    onProgress: (done, total) => done % 10 === 0 && process.stderr.write(`ingest ${done}/${total}\n`),
  });
  const ingestMs = performance.now() - t;
  const ingestCpuMs = cpuMs(cpu);
  const stats = await memory.stats();

  // 2. Bare scan: one combined regex of every codebook name over the same text.
  const names = codebook.entries.flatMap((e) => [e.name, ...e.aliases]).sort((a, b) => b.length - a.length);
  const bare = new RegExp(`\\b(?:${names.map((n) => n.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|")})\\b`, "gi");
  let matches = 0;
  t = performance.now();
  cpu = process.cpuUsage();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    bare.lastIndex = 0;
    while (bare.exec(text)) matches++;
  }
  const scanMs = performance.now() - t;
  const scanCpuMs = cpuMs(cpu);

  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const mb = bytes / MB;
  const ingestMbps = mb / (ingestMs / 1000);
  const scanMbps = mb / (scanMs / 1000);
  const ingestCpuMbps = mb / (ingestCpuMs / 1000);
  const scanCpuMbps = mb / (scanCpuMs / 1000);
  const ratio = ingestMbps / scanMbps;
  const results = {
    bytes, files: files.length, failed: report.failed, workers: report.workers, preparedInWorkers: report.preparedInWorkers,
    relationships: stats.relationships, nodes: stats.nodes, byType: stats.byType,
    codebookMs: Math.round(codebookMs), ingestMs: Math.round(ingestMs), ingestCpuMs: Math.round(ingestCpuMs),
    scanMs: Math.round(scanMs), scanCpuMs: Math.round(scanCpuMs), scanMatches: matches,
    storeMs: Math.round(storeMs), storeCpuMs: Math.round(storeCpuMs),
    extractCpuMbps: mb / ((ingestCpuMs - storeCpuMs) / 1000),
    ingestMbps, scanMbps, ingestCpuMbps, scanCpuMbps, ratio, maxRssMb,
    targets: { ingestMbps: 10, ratio: 0.2 },
    met: { ingestMbps: ingestMbps >= 10, ratio: ratio >= 0.2 },
  };
  const { json, md } = writeResult("ingest", {
    params: { megabytes, documentBytes: options.documentBytes, store: "memory, persisted to disk", codebookEntries: codebook.entries.length, workersRequested: workers ?? "default" },
    seeds: { corpus: seed },
    results,
    table: {
      title: "Ingest throughput (generated corpus, embedded store persisted to disk)",
      headers: ["measure", "value"],
      rows: [
        ["corpus (MB, files)", `${mb.toFixed(1)} MB, ${files.length} files`],
        ["threads preparing documents (documents the worker threads prepared)", `${report.workers} (${report.preparedInWorkers} of ${files.length})`],
        ["ingest end to end (MB/s, wall)", ingestMbps],
        ["ingest end to end (MB/s, CPU time)", ingestCpuMbps],
        ["read + extract + bundle, without the store's writes (MB/s, CPU time of all threads)", mb / ((ingestCpuMs - storeCpuMs) / 1000)],
        ["store writes (upsertDocument with its text file, s CPU of the main thread)", storeCpuMs / 1000],
        ["bare name scan (MB/s, wall)", scanMbps],
        ["ingest / bare scan", ratio],
        ["peak memory (MB, maxRSS)", maxRssMb],
        ["relationships, nodes", `${stats.relationships}, ${stats.nodes}`],
      ],
      notes: [
        `targets: ≥ 10 MB/s end to end (${ingestMbps >= 10 ? "met" : "not met"}), ≥ 20% of the bare scan (${ratio >= 0.2 ? "met" : "not met"})`,
        "end to end = what `unionties ingest` does: every document read, extracted and written, its text saved, and graph.json and the snapshot written at the end",
        "wall-clock figures depend on what else runs on the machine; the CPU-time figures are the process's own time, worker threads included",
      ],
    },
  });
  process.stdout.write(
    `ingest ${ingestMbps.toFixed(2)} MB/s (CPU ${ingestCpuMbps.toFixed(2)} MB/s, ${report.workers} threads, worker threads prepared ${report.preparedInWorkers}/${files.length}), bare scan ${scanMbps.toFixed(1)} MB/s, ratio ${(ratio * 100).toFixed(1)}%, ` +
      `peak RSS ${maxRssMb.toFixed(0)} MB, ${stats.relationships} relationships\nwrote ${json} and ${md}\n`,
  );
  await memory.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(`bench:ingest failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
