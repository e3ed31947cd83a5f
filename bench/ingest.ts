// `npm run bench:ingest`: generates a seeded corpus of at least 50 MB
// (bench/lib/corpus.ts, into bench/work/), ingests it end to end into an
// embedded store persisted in a temporary folder (texts, graph.json and the
// snapshot written as `unionties ingest` writes them), and in the same run scans the same text with one bare combined name
// regex, for MB/s, the ratio between the two, and peak memory.
// Environment: BENCH_INGEST_MB (default 50), BENCH_INGEST_SEED,
// BENCH_INGEST_WORKERS (threads preparing documents, the main thread included:
// IngestOptions.workers; default: the ingest's own choice; 1 = no worker threads).
// Then, each in a process of its own, the same for the seed papers copied to
// the same size (real text as PDF extraction gives it; BENCH_INGEST_PAPERS=0
// skips it) and for news-sized documents: the generated corpus's sentences in
// 8 KB files, 20 MB of them (BENCH_INGEST_NEWS_MB; 0 skips it), where what an
// ingest pays per document, not per byte, shows.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryStore } from "../graph/memory-store.js";
import type { Codebook } from "../ingest/codebook.js";
import { ingestPaths, loadCodebook } from "../ingest/index.js";
import { CORPUS_DEFAULTS, writeCorpus, writePaperCopies } from "./lib/corpus.js";
import { writeResult } from "./lib/report.js";

/** The corpus folder: bench/work/ingest-corpus/ for the default corpus, a folder of its own for any other (runs of other sizes beside it do not rewrite it). */
function corpusDir(options: typeof CORPUS_DEFAULTS): string {
  const own = options.bytes === CORPUS_DEFAULTS.bytes && options.seed === CORPUS_DEFAULTS.seed ? "" : `-${options.bytes / MB}mb-${options.seed}`;
  return fileURLToPath(new URL(`./work/ingest-corpus${own}/`, import.meta.url));
}
const MB = 1024 * 1024;
/** The seed papers (seeds/*.txt), copied for the second corpus. */
const SEEDS_DIR = fileURLToPath(new URL("../seeds/", import.meta.url));

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

/** One corpus ingested end to end into a fresh persisted store, then scanned bare: the raw figures. */
interface Measured {
  bytes: number; files: number; failed: number; workers: number; preparedInWorkers: number;
  relationships: number; nodes: number; byType: Record<string, number>;
  ingestMs: number; ingestCpuMs: number; mainCpuMs: number;
  scanMs: number; scanCpuMs: number; scanMatches: number;
  ingestMbps: number; ingestCpuMbps: number; scanMbps: number; scanCpuMbps: number; ratio: number;
}

async function measure(files: string[], folder: string, codebook: Codebook, workers: number | undefined): Promise<Measured> {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  process.stderr.write(`corpus: ${files.length} files, ${(bytes / MB).toFixed(1)} MB in ${folder}\n`);

  // 1. End to end: read, normalise, extract, build bundles, write to the store.
  //    The main thread's own CPU time is taken apart: it writes every document to the store
  //    (and overlaps each write with the next file's preparation) and prepares files itself
  //    when the workers are busy, so the store's share alone is not separable by timing calls.
  const dir = mkdtempSync(join(tmpdir(), "unionties-bench-ingest-"));
  const store = new MemoryStore({ dir });
  await store.open();
  let t = performance.now();
  let cpu = process.cpuUsage();
  const mainCpuAtStart = threadCpuMs();
  const step = Math.max(1, Math.round(files.length / 10));
  const report = await ingestPaths(store, [folder], {
    codebook,
    reviewFile: null,
    workers,
    onProgress: (done, total) => done % step === 0 && process.stderr.write(`ingest ${done}/${total}\n`),
  });
  const ingestMs = performance.now() - t;
  const ingestCpuMs = cpuMs(cpu);
  const mainCpuMs = threadCpuMs() - mainCpuAtStart;
  const stats = await store.stats();
  await store.close();
  rmSync(dir, { recursive: true, force: true });

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

  const mb = bytes / MB;
  const ingestMbps = mb / (ingestMs / 1000);
  const scanMbps = mb / (scanMs / 1000);
  return {
    bytes, files: files.length, failed: report.failed, workers: report.workers, preparedInWorkers: report.preparedInWorkers,
    relationships: stats.relationships, nodes: stats.nodes, byType: stats.byType,
    ingestMs: Math.round(ingestMs), ingestCpuMs: Math.round(ingestCpuMs), mainCpuMs: Math.round(mainCpuMs),
    scanMs: Math.round(scanMs), scanCpuMs: Math.round(scanCpuMs), scanMatches: matches,
    ingestMbps, ingestCpuMbps: mb / (ingestCpuMs / 1000),
    scanMbps, scanCpuMbps: mb / (scanCpuMs / 1000), ratio: ingestMbps / scanMbps,
  };
}

/** Marks the output line of a child process that measures one of the other corpora. */
const CORPUS_RESULT = "corpus-result ";

/** The news-sized corpus: documents of this size (a news item or a short report). */
const NEWS_DOCUMENT_BYTES = 8 * 1024;

/**
 * The paper or news corpus measured in a process of its own (like the
 * generated one, its threads start cold): its figures, or the reason it could not run.
 */
function measureApart(corpus: "papers" | "news"): Measured | { error: string } {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_INGEST_CORPUS: corpus },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout?.split("\n").find((l) => l.startsWith(CORPUS_RESULT));
  if (child.status !== 0 || !line) return { error: `the ${corpus}-corpus run exited with ${child.status ?? child.signal}` };
  return JSON.parse(line.slice(CORPUS_RESULT.length)) as Measured;
}

async function main(): Promise<void> {
  const megabytes = Number(process.env.BENCH_INGEST_MB ?? 50);
  const seed = Number(process.env.BENCH_INGEST_SEED ?? CORPUS_DEFAULTS.seed);
  const options = { ...CORPUS_DEFAULTS, bytes: megabytes * MB, seed };
  const workers = process.env.BENCH_INGEST_WORKERS ? Number(process.env.BENCH_INGEST_WORKERS) : undefined;
  const newsMegabytes = Number(process.env.BENCH_INGEST_NEWS_MB ?? 20);

  let t = performance.now();
  const codebook = loadCodebook();
  const codebookMs = performance.now() - t;

  if (process.env.BENCH_INGEST_CORPUS === "papers") {
    const folder = fileURLToPath(new URL(`./work/ingest-papers-${megabytes}mb/`, import.meta.url));
    const papers = readdirSync(SEEDS_DIR).filter((f) => f.endsWith(".txt")).sort().map((f) => join(SEEDS_DIR, f));
    const measured = await measure(writePaperCopies(folder, papers, megabytes * MB), folder, codebook, workers);
    process.stdout.write(`${CORPUS_RESULT}${JSON.stringify(measured)}\n`);
    return;
  }
  if (process.env.BENCH_INGEST_CORPUS === "news") {
    const news = { ...options, bytes: newsMegabytes * MB, documentBytes: NEWS_DOCUMENT_BYTES };
    const folder = fileURLToPath(new URL(`./work/ingest-news-${newsMegabytes}mb-${seed}/`, import.meta.url));
    const measured = await measure(writeCorpus(folder, codebook, news), folder, codebook, workers);
    process.stdout.write(`${CORPUS_RESULT}${JSON.stringify(measured)}\n`);
    return;
  }

  const WORK = corpusDir(options);
  const generated = await measure(writeCorpus(WORK, codebook, options), WORK, codebook, workers);
  const papers = process.env.BENCH_INGEST_PAPERS === "0" ? { error: "skipped (BENCH_INGEST_PAPERS=0)" } : measureApart("papers");
  const news = newsMegabytes === 0 ? { error: "skipped (BENCH_INGEST_NEWS_MB=0)" } : measureApart("news");

  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const mb = generated.bytes / MB;
  const { ingestMbps, ratio } = generated;
  const results = {
    ...generated,
    codebookMs: Math.round(codebookMs),
    maxRssMb,
    targets: { ingestMbps: 10, ratio: 0.2 },
    met: { ingestMbps: ingestMbps >= 10, ratio: ratio >= 0.2 },
    papers,
    news,
  };
  const paperRows = "error" in papers
    ? [["seed papers copied to the same size", papers.error]]
    : [
      ["seed papers copied to the same size (MB, files)", `${(papers.bytes / MB).toFixed(1)} MB, ${papers.files} files, ${papers.workers} threads (${papers.preparedInWorkers} prepared by worker threads)`],
      ["seed papers: ingest end to end (MB/s, wall; CPU time)", `${papers.ingestMbps.toFixed(2)}; ${papers.ingestCpuMbps.toFixed(2)}`],
      ["seed papers: bare name scan (MB/s, wall); ingest / bare scan", `${papers.scanMbps.toFixed(1)}; ${papers.ratio.toFixed(4)}`],
    ];
  const newsRows = "error" in news
    ? [["news-sized documents", news.error]]
    : [
      ["news-sized documents: the generated corpus's sentences in 8 KB files (MB, files)", `${(news.bytes / MB).toFixed(1)} MB, ${news.files} files, ${news.workers} threads (${news.preparedInWorkers} prepared by worker threads)`],
      ["news-sized: ingest end to end (MB/s, wall; CPU time)", `${news.ingestMbps.toFixed(2)}; ${news.ingestCpuMbps.toFixed(2)}`],
      ["news-sized: bare name scan (MB/s, wall); ingest / bare scan", `${news.scanMbps.toFixed(1)}; ${news.ratio.toFixed(4)}`],
    ];
  const { json, md } = writeResult("ingest", {
    params: { megabytes, documentBytes: options.documentBytes, store: "memory, persisted to disk", codebookEntries: codebook.entries.length, workersRequested: workers ?? "default" },
    seeds: { corpus: seed },
    results,
    table: {
      title: "Ingest throughput (generated corpus; the seed papers copied to the same size; news-sized documents; embedded store persisted to disk)",
      headers: ["measure", "value"],
      rows: [
        ["corpus (MB, files)", `${mb.toFixed(1)} MB, ${generated.files} files`],
        ["threads preparing documents (documents the worker threads prepared)", `${generated.workers} (${generated.preparedInWorkers} of ${generated.files})`],
        ["ingest end to end (MB/s, wall)", ingestMbps],
        ["ingest end to end (MB/s, CPU time)", generated.ingestCpuMbps],
        ["CPU time (s): main thread (every store write and graph.json, and the files it prepared itself); the rest (worker threads, GC and I/O helpers)", `${(generated.mainCpuMs / 1000).toFixed(2)}; ${((generated.ingestCpuMs - generated.mainCpuMs) / 1000).toFixed(2)}`],
        ["bare name scan (MB/s, wall)", generated.scanMbps],
        ["ingest / bare scan", ratio],
        ["peak memory (MB, maxRSS)", maxRssMb],
        ["relationships, nodes", `${generated.relationships}, ${generated.nodes}`],
        ...paperRows,
        ...newsRows,
      ],
      notes: [
        `targets: ≥ 10 MB/s end to end (${ingestMbps >= 10 ? "met" : "not met"}), ≥ 20% of the bare scan (${ratio >= 0.2 ? "met" : "not met"})`,
        "end to end = what `unionties ingest` does: every document read, extracted and written, its text saved, and graph.json and the snapshot written at the end",
        "the seed papers: their text as PDF extraction gives it (wrapped lines, page numbers, running headers, hyphenation), each copy a document of its own, measured in a process of its own after the generated corpus; the targets are the generated corpus's",
        "news-sized documents: the same generator with 8 KB documents (a news item or a short report), measured in a process of its own; what an ingest pays per document (reading a file, a store write, a text file synced) weighs more there than on 512 KB documents",
        "wall-clock figures depend on what else runs on the machine; the CPU-time figures are the process's own time, worker threads included",
      ],
    },
  });
  const paperLine = "error" in papers ? papers.error : `${papers.ingestMbps.toFixed(2)} MB/s (${(papers.ratio * 100).toFixed(1)}% of its scan)`;
  const newsLine = "error" in news ? news.error : `${news.ingestMbps.toFixed(2)} MB/s (${(news.ratio * 100).toFixed(1)}% of its scan)`;
  process.stdout.write(
    `ingest ${ingestMbps.toFixed(2)} MB/s (CPU ${generated.ingestCpuMbps.toFixed(2)} MB/s, ${generated.workers} threads, worker threads prepared ${generated.preparedInWorkers}/${generated.files}), bare scan ${generated.scanMbps.toFixed(1)} MB/s, ratio ${(ratio * 100).toFixed(1)}%, ` +
      `peak RSS ${maxRssMb.toFixed(0)} MB, ${generated.relationships} relationships; seed papers: ${paperLine}; news-sized: ${newsLine}\nwrote ${json} and ${md}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`bench:ingest failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
