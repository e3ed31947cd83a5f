// The worker pipeline of ingestPaths gives exactly what a one-at-a-time,
// in-process ingest gives: the same store (canonical fingerprint) and the same
// reports, in file order, whatever the timing.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { buildCodebook } from "../../ingest/codebook.js";
import { ingestPaths } from "../../ingest/index.js";
import { ingestPathsWithHooks } from "../../ingest/ingest.js";
import { codebookFromTransfer, codebookTransfer } from "../../ingest/pipeline/codebook-transfer.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { ingestInOrder } from "../../ingest/pipeline/ordered-ingest.js";
import { cpuSample, freeCoresSince, keepEagerWorkers, PARALLEL_DEFAULTS, planThreads, workersWorthwhile, type CpuSample } from "../../ingest/pipeline/plan.js";
import { workerBundle } from "../../ingest/pipeline/worker-bundle.js";
import { textPdf } from "../fixtures/hostile.js";
import { codebook } from "./helpers.js";
import { generatedCorpus, ingestFresh } from "./pipeline-helpers.js";

const SEEDS = "seeds";
/** The workers prepare every document (the main thread would otherwise take some while they start). */
const WORKERS_ONLY = { workersOnly: true };

/** A codebook built in memory, of two made-up organisations no project codebook holds. */
function zorblaxCodebook() {
  return buildCodebook({
    entities: [
      { id: "zorblax-dockers", name: "Zorblax Dockers Union", kind: "union", country: "JP" },
      { id: "quenford-miners", name: "Quenford Miners Federation", kind: "federation", country: "KR" },
    ],
  });
}

describe("ingestPaths with worker threads", () => {
  it("leaves the store identical to an in-process ingest of a generated corpus and the seeds", async () => {
    const corpus = generatedCorpus(codebook(), 6, 48 * 1024);
    const steps: number[] = [];
    const serial = await ingestFresh([corpus, SEEDS], { codebook: codebook(), workers: 1 });
    const parallel = await ingestFresh([corpus, SEEDS], { codebook: codebook(), workers: 3, onProgress: (done) => steps.push(done) }, WORKERS_ONLY);
    expect(serial.report.workers).toBe(1);
    expect(parallel.report.workers).toBe(3);
    expect(parallel.report.preparedInWorkers).toBe(9);
    expect(parallel.report.documents).toHaveLength(9);
    expect(parallel.report.failed).toBe(0);
    expect(parallel.fingerprint).toBe(serial.fingerprint);
    expect(parallel.report.documents).toEqual(serial.report.documents);
    expect(parallel.report.reviews).toEqual(serial.report.reviews);
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // again into the same store: every document unchanged, nothing written
    const again = await ingestPaths(parallel.store, [corpus, SEEDS], { codebook: codebook(), workers: 2 });
    expect(again.documents.map((d) => d.status)).toEqual(Array(9).fill("unchanged"));
    expect(graphFingerprint(await parallel.store.exportGraph())).toBe(serial.fingerprint);
  });

  it("keeps a small job such as the seeds on the calling thread by default", async () => {
    const run = await ingestFresh([SEEDS], { codebook: codebook() });
    expect(run.report.workers).toBe(1);
    expect(run.report.preparedInWorkers).toBe(0);
  });

  it("gives the same store when the main thread prepares some files while it waits for a worker", async () => {
    const corpus = generatedCorpus(codebook(), 10, 48 * 1024, 9);
    const serial = await ingestFresh([corpus], { codebook: codebook(), reviewFile: null, workers: 1 });
    const shared = await ingestFresh([corpus], { codebook: codebook(), reviewFile: null, workers: 2 });
    expect(shared.report.workers).toBe(2);
    expect(shared.report.documents).toEqual(serial.report.documents);
    expect(shared.fingerprint).toBe(serial.fingerprint);
  });

  it("commits two files with the same document id in file order, as an in-process ingest does", async () => {
    const root = mkdtempSync(join(tmpdir(), "unionties-pipeline-dup-"));
    const corpus = generatedCorpus(codebook(), 3, 16 * 1024, 11);
    for (const sub of ["a", "b", "c"]) mkdirSync(join(root, sub));
    copyFileSync(join(corpus, "doc-0.txt"), join(root, "a", "same.txt"));
    copyFileSync(join(corpus, "doc-0.txt"), join(root, "b", "same.txt")); // same bytes: unchanged
    copyFileSync(join(corpus, "doc-1.txt"), join(root, "c", "same.txt")); // other bytes: replaced
    const serial = await ingestFresh([root], { codebook: codebook(), reviewFile: null, workers: 1 });
    const parallel = await ingestFresh([root], { codebook: codebook(), reviewFile: null, workers: 3 }, WORKERS_ONLY);
    expect(serial.report.documents.map((d) => d.status)).toEqual(["created", "unchanged", "replaced"]);
    expect(parallel.report.documents).toEqual(serial.report.documents);
    expect(parallel.fingerprint).toBe(serial.fingerprint);

    // The store holds c's version. c is handed out as unchanged against it, but a
    // (committed first) replaces it, so c must be prepared again and replace it back.
    const order = [join(root, "a"), join(root, "c")];
    const options = { codebook: codebook(), reviewFile: null, workers: 3 };
    const serialAgain = await ingestPaths(serial.store, order, { ...options, workers: 1 });
    const parallelAgain = await ingestPathsWithHooks(parallel.store, order, options, WORKERS_ONLY);
    expect(serialAgain.documents.map((d) => d.status)).toEqual(["replaced", "replaced"]);
    expect(parallelAgain.documents).toEqual(serialAgain.documents);
    expect(graphFingerprint(await parallel.store.exportGraph())).toBe(graphFingerprint(await serial.store.exportGraph()));
  });

  it("extracts with the codebook object the caller passed, even one built in memory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unionties-pipeline-cb-"));
    const text = (i: number) => `The Zorblax Dockers Union has close ties with the Quenford Miners Federation since ${1990 + i}.\n\nThe Quenford Miners Federation is a member of the Zorblax Dockers Union.\n`;
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `z-${i}.txt`), text(i));
    const inline = zorblaxCodebook();
    const serial = await ingestFresh([dir], { codebook: inline, reviewFile: null, workers: 1 });
    const parallel = await ingestFresh([dir], { codebook: inline, reviewFile: null, workers: 2 }, WORKERS_ONLY);
    expect(parallel.report.preparedInWorkers).toBe(4);
    expect(Object.keys(parallel.report.documents[0].countsByType).length).toBeGreaterThan(0);
    expect(await parallel.store.getNode("zorblax-dockers")).not.toBeNull();
    expect(parallel.fingerprint).toBe(serial.fingerprint);
  });

  it("reads a PDF in a worker thread (the bundled worker finds the PDF reader's own worker) as on the main thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unionties-pipeline-pdf-"));
    const pdf = textPdf([["The Zorblax Dockers Union has close ties with the Quenford Miners Federation."]]);
    writeFileSync(join(dir, "a.pdf"), pdf);
    writeFileSync(join(dir, "b.txt"), "The Quenford Miners Federation is a member of the Zorblax Dockers Union.\n");
    const inline = zorblaxCodebook();
    const serial = await ingestFresh([dir], { codebook: inline, reviewFile: null, workers: 1 });
    const parallel = await ingestFresh([dir], { codebook: inline, reviewFile: null, workers: 2 }, WORKERS_ONLY);
    expect(parallel.report.preparedInWorkers).toBe(2);
    expect(parallel.report.documents.map((d) => d.status)).toEqual(["created", "created"]);
    expect(parallel.report.documents).toEqual(serial.report.documents);
    expect(parallel.fingerprint).toBe(serial.fingerprint);
  });

  it("bundles the worker once per process, each module keeping its own import.meta.url", async () => {
    const first = await workerBundle();
    expect(first).not.toBeNull();
    expect(await workerBundle()).toBe(first);
    const code = readFileSync(first!, "utf8");
    expect(code).not.toContain("import.meta.url");
    expect(code).toContain(JSON.stringify(new URL("../../ingest/read/pdf.ts", import.meta.url).href));
  });

  it("deletes the bundles of older sources once unused for a day and keeps a recent one", async () => {
    const dir = new URL("../../node_modules/.cache/unionties/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    const old = new URL("ingest-worker-0000000000000000.mjs", dir);
    const recent = new URL("ingest-worker-0000000000000001.mjs", dir);
    writeFileSync(old, "// stale");
    writeFileSync(recent, "// in use by another process");
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
    utimesSync(old, dayAgo, dayAgo);
    try {
      vi.resetModules();
      const fresh = await import("../../ingest/pipeline/worker-bundle.js");
      expect(await fresh.workerBundle()).not.toBeNull();
      expect(existsSync(old)).toBe(false);
      expect(existsSync(recent)).toBe(true);
    } finally {
      rmSync(old, { force: true });
      rmSync(recent, { force: true });
    }
  });

  it("rebuilds the project codebook in a worker with the same entries", () => {
    const transfer = structuredClone(codebookTransfer(codebook()));
    const rebuilt = codebookFromTransfer(transfer);
    expect(rebuilt.entries).toEqual(codebook().entries);
    expect(rebuilt.path).toBe(codebook().path);
  });
});

describe("planThreads and workersWorthwhile", () => {
  it("keeps a single file on the calling thread and obeys an explicit count up to one thread per file", () => {
    expect(planThreads(undefined, 1)).toEqual({ threads: 1, start: "now" });
    expect(planThreads(8, 3)).toEqual({ threads: 3, start: "now" });
    expect(planThreads(1, 10)).toEqual({ threads: 1, start: "now" });
  });

  it("by default allows one thread per core and starts the workers only when worthwhile", () => {
    expect(planThreads(undefined, 10)).toEqual({ threads: Math.min(availableParallelism(), 10), start: "when-worthwhile" });
    expect(planThreads(undefined, 10, PARALLEL_DEFAULTS.eagerBytes - 1).start).toBe("when-worthwhile");
  });

  it("starts the workers of a job of eagerBytes or more at once, where there is more than one core", () => {
    const big = PARALLEL_DEFAULTS.eagerBytes;
    expect(big).toBe(8 * 1024 * 1024);
    expect(planThreads(undefined, 10, big)).toEqual({ threads: Math.min(availableParallelism(), 10), start: availableParallelism() > 1 ? "eager" : "when-worthwhile" });
    expect(planThreads(undefined, 1, 10 * big)).toEqual({ threads: 1, start: "now" }); // one file: no worker
    expect(planThreads(2, 10, big)).toEqual({ threads: 2, start: "now" }); // an explicit count is obeyed as it is
  });

  it("keeps workers started at once only when the first CPU sample shows most of the cores free", () => {
    expect(keepEagerWorkers(PARALLEL_DEFAULTS.sampleMs - 1, 2)).toBe("not yet");
    expect(keepEagerWorkers(PARALLEL_DEFAULTS.sampleMs, 2)).toBe(true);
    expect(keepEagerWorkers(PARALLEL_DEFAULTS.sampleMs, 1.2)).toBe(false); // other work holds most of the second core
    expect(keepEagerWorkers(PARALLEL_DEFAULTS.sampleMs, 5.5)).toBe(true); // a big machine, partly busy
  });

  it("starts workers when the pace so far says the rest would take 6 s of CPU or more and a core is spare", () => {
    const MB = 1024 * 1024;
    const quiet = 2; // a quiet 2-core machine: both cores idle or ours
    expect(workersWorthwhile(MB, 100, 100 * MB, quiet)).toBe("not yet"); // too little seen to judge
    expect(workersWorthwhile(MB, 500, 14 * MB, quiet)).toBe(true); // 7 s left
    expect(workersWorthwhile(MB, 500, 10 * MB, quiet)).toBe(false); // 5 s left
    expect(workersWorthwhile(MB, 500, 100 * MB, 1.2)).toBe(false); // other work holds most of the second core
    expect(workersWorthwhile(MB, 500, 100 * MB, 5.5)).toBe(true); // a big machine, partly busy
    expect(PARALLEL_DEFAULTS.worthwhileMs).toBe(6000);
  });

  it("counts as free the cores that were idle or this process's own, over wall time", () => {
    const at = (ms: number, idleMs: number, ownMs: number) => ({ at: ms, idleMs, ownMs, cores: 2 });
    expect(freeCoresSince(at(0, 1000, 0), at(500, 1250, 500))).toBeCloseTo(1.5); // half a core idle, one ours
    expect(freeCoresSince(at(0, 1000, 0), at(500, 1000, 500))).toBeCloseTo(1); // other work holds the second core
    expect(freeCoresSince(at(0, 1000, 0), at(500, 1600, 700))).toBe(2); // never more than the cores
    expect(freeCoresSince(at(10, 1000, 0), at(10, 1200, 0))).toBe(0); // no time passed
    const start = cpuSample();
    const spin = performance.now();
    while (performance.now() - spin < 150); // this thread busy: it counts as free for us
    const end = cpuSample();
    const free = freeCoresSince(start, end);
    // However loaded the machine (how much of the wall time this thread ran is up to the scheduler),
    // the time it did run counts as free, on top of whatever the other cores left idle.
    const ownShare = (end.ownMs - start.ownMs) / (end.at - start.at);
    expect(ownShare).toBeGreaterThan(0);
    expect(free).toBeGreaterThanOrEqual(Math.min(ownShare, start.cores) * 0.99);
    expect(free).toBeLessThanOrEqual(start.cores);
  });

  /** A sampler whose later readings say `free` cores were idle or ours over 1 s of wall time (after 1 s of our CPU). */
  const sampler = (free: number) => {
    let calls = 0;
    return (): CpuSample => (calls++ === 0 ? { at: 0, idleMs: 0, ownMs: 0, cores: 2 } : { at: 1000, idleMs: (free - 1) * 1000, ownMs: 1000, cores: 2 });
  };
  const eagerRun = async (corpus: string, free: number, workersOnly = false) => {
    const store = new MemoryStore();
    await store.open();
    const files = Array.from({ length: 6 }, (_, i) => join(corpus, `doc-${i}.txt`));
    const statuses: string[] = [];
    const used = await ingestInOrder(store, files, {
      codebook: codebook(),
      threads: 2,
      start: "eager",
      sizes: files.map((f) => readFileSync(f).length),
      cpuSampler: sampler(free),
      workersOnly,
      onDocument: (_, report) => statuses.push(report.status),
    });
    return { used, statuses, fingerprint: graphFingerprint(await store.exportGraph()) };
  };

  it("stops handing files to workers started at once when the first sample shows other work holding a core", async () => {
    const corpus = generatedCorpus(codebook(), 6, 24 * 1024, 21);
    const serial = await ingestFresh([corpus], { codebook: codebook(), reviewFile: null, workers: 1 });
    const busy = await eagerRun(corpus, 1);
    expect(busy.used).toEqual({ threads: 1, preparedInWorkers: 0 });
    expect(busy.statuses).toEqual(Array(6).fill("created"));
    expect(busy.fingerprint).toBe(serial.fingerprint);
    // the same job on a machine with both cores free: the workers go on taking files
    const quiet = await eagerRun(corpus, 2, true);
    expect(quiet.used).toEqual({ threads: 2, preparedInWorkers: 6 });
    expect(quiet.fingerprint).toBe(serial.fingerprint);
  });

  it("refuses a worker count that is not a positive integer", () => {
    expect(() => planThreads(0, 2)).toThrow(RangeError);
    expect(() => planThreads(1.5, 2)).toThrow(RangeError);
  });
});
