// When a worker thread of the ingest dies, only the document it was preparing
// fails, by name and with a reason; a worker that cannot start at all leaves
// the work to the main thread; an abort stops before the next document and
// leaves no worker thread behind. Nothing hangs.
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { liveWorkers } from "../../ingest/pipeline/pool.js";
import { codebook } from "./helpers.js";
import { generatedCorpus, ingestFresh } from "./pipeline-helpers.js";

const FAULTY = new URL("./pipeline-faulty-worker.mjs", import.meta.url);
const BROKEN = new URL("./pipeline-broken-worker.mjs", import.meta.url);

describe("ingest worker faults", () => {
  it("fails only the document whose worker exited, threw or ran out of memory, and ingests the others as without it", async () => {
    const corpus = generatedCorpus(codebook(), 5, 24 * 1024, 21);
    const clean = await ingestFresh([corpus], { codebook: codebook(), reviewFile: null, workers: 1 });
    copyFileSync(join(corpus, "doc-1.txt"), join(corpus, "doc-1-crash-exit.txt"));
    copyFileSync(join(corpus, "doc-3.txt"), join(corpus, "doc-3-crash-throw.txt"));
    copyFileSync(join(corpus, "doc-4.txt"), join(corpus, "doc-4-crash-oom.txt"));
    writeFileSync(join(corpus, "doc-2-empty.txt"), "");

    const hooks = { workerEntry: FAULTY, workersOnly: true, workerResourceLimits: { maxOldGenerationSizeMb: 96 } };
    const run = await ingestFresh([corpus], { codebook: codebook(), reviewFile: null, workers: 3 }, hooks);
    const byFile = new Map(run.report.documents.map((d) => [d.file, d]));
    expect(run.report.documents).toHaveLength(9);
    expect(run.report.failed).toBe(4);
    expect(byFile.get("doc-1-crash-exit.txt")).toMatchObject({ id: "doc-1-crash-exit", status: "failed" });
    expect(byFile.get("doc-1-crash-exit.txt")?.reason).toMatch(/ingest worker stopped while preparing this document \(exit code 7\)/);
    expect(byFile.get("doc-3-crash-throw.txt")?.reason).toMatch(/ingest worker stopped.*injected failure in the worker/);
    expect(byFile.get("doc-4-crash-oom.txt")?.reason).toMatch(/ingest worker stopped.*memory limit/);
    expect(byFile.get("doc-2-empty.txt")?.reason).toMatch(/empty/i); // an ordinary failure, reported by the worker
    expect(run.report.preparedInWorkers).toBe(9);
    expect(run.fingerprint).toBe(clean.fingerprint);
    expect(liveWorkers()).toBe(0);
  });

  it("prepares everything on the main thread when no worker can start", async () => {
    const corpus = generatedCorpus(codebook(), 4, 16 * 1024, 22);
    const clean = await ingestFresh([corpus], { codebook: codebook(), reviewFile: null, workers: 1 });
    const run = await ingestFresh([corpus], { codebook: codebook(), reviewFile: null, workers: 2 }, { workerEntry: BROKEN });
    expect(run.report.failed).toBe(0);
    expect(run.report.preparedInWorkers).toBe(0);
    expect(run.report.documents).toEqual(clean.report.documents);
    expect(run.fingerprint).toBe(clean.fingerprint);
    expect(liveWorkers()).toBe(0);
  });

  it("stops before the next document when aborted and terminates the workers", async () => {
    const corpus = generatedCorpus(codebook(), 8, 24 * 1024, 23);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = await ingestFresh(
      [corpus],
      {
        codebook: codebook(),
        reviewFile: null,
        workers: 3,
        signal: controller.signal,
        onProgress: (done) => {
          seen.push(done);
          if (done === 2) controller.abort();
        },
      },
      { workersOnly: true },
    );
    expect(seen).toEqual([1, 2]);
    expect(run.report.documents.map((d) => d.status)).toEqual(["created", "created"]);
    expect((await run.store.listDocuments()).map((d) => d.id).sort()).toEqual(["doc-0", "doc-1"]);
    expect(liveWorkers()).toBe(0);
  });
});
