// How far ahead the ingest hands out files and how many a worker holds: the
// same as before for large files, more for news-sized ones, and the store the
// same as a one-at-a-time ingest's whatever the depth.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { ingestPaths } from "../../ingest/index.js";
import { handOutLimit, HAND_OUT, workerDepth } from "../../ingest/pipeline/ordered-ingest.js";
import { codebook } from "./helpers.js";
import { generatedCorpus, ingestFresh } from "./pipeline-helpers.js";

const KB = 1024;

describe("handOutLimit", () => {
  it("hands out `window` files beyond the one committed when they are large", () => {
    const sizes = Array(100).fill(512 * KB);
    expect(handOutLimit(sizes, 0, 4)).toBe(4);
    expect(handOutLimit(sizes, 37, 4)).toBe(41);
    // never fewer than `window`, even when those alone pass the byte budget
    expect(handOutLimit(Array(100).fill(4096 * KB), 10, 4)).toBe(14);
  });

  it("hands out small files up to the byte budget, at most maxWindow of them", () => {
    const small = Array(1000).fill(10 * KB);
    const limit = handOutLimit(small, 0, 4);
    const ahead = small.slice(1, limit + 1).reduce((n, s) => n + s, 0);
    expect(ahead).toBeLessThanOrEqual(HAND_OUT.windowBytes);
    expect(ahead + 10 * KB).toBeGreaterThan(HAND_OUT.windowBytes);
    expect(handOutLimit(Array(5000).fill(1), 0, 4)).toBe(HAND_OUT.maxWindow);
  });

  it("counts the files actually ahead: a large one stops the run of small ones", () => {
    const sizes = [10 * KB, 10 * KB, 10 * KB, 10 * KB, 10 * KB, 3000 * KB, 10 * KB, 10 * KB];
    expect(handOutLimit(sizes, 0, 2)).toBe(4);
    // near the end of the list the limit may pass the last index: handOut stops at the last file
    expect(handOutLimit(sizes, 6, 4)).toBe(10);
  });
});

describe("workerDepth", () => {
  it("keeps two tasks per worker for large files and more, up to maxDepth, for small ones", () => {
    expect(workerDepth([])).toBe(2);
    expect(workerDepth(Array(10).fill(512 * KB))).toBe(2);
    expect(workerDepth(Array(10).fill(10 * KB))).toBe(Math.floor(HAND_OUT.depthBytes / (10 * KB)));
    expect(workerDepth(Array(10).fill(1))).toBe(HAND_OUT.maxDepth);
    // the median file decides: a few huge files among many small ones do not
    expect(workerDepth([...Array(9).fill(8 * KB), 50_000 * KB])).toBe(Math.floor(HAND_OUT.depthBytes / (8 * KB)));
  });
});

describe("an ingest of many small files with a worker", () => {
  it("leaves the store identical to an in-process ingest when a worker holds many small files at once", async () => {
    const corpus = generatedCorpus(codebook(), 80, 3 * KB, 11);
    const serial = await ingestFresh([corpus], { codebook: codebook(), workers: 1 });
    const parallel = await ingestFresh([corpus], { codebook: codebook(), workers: 2 });
    expect(serial.report.failed).toBe(0);
    expect(parallel.report.documents.map((d) => [d.id, d.status, d.countsByType])).toEqual(serial.report.documents.map((d) => [d.id, d.status, d.countsByType]));
    expect(serial.report.documents).toHaveLength(80);
    expect(parallel.fingerprint).toBe(serial.fingerprint);
    expect(parallel.report.workers).toBe(2);
    expect(parallel.report.preparedInWorkers).toBeGreaterThan(0);
  }, 120_000);

  it("into a store on disk: every document's text saved (staged ahead of its commit) and the store reopens as an in-process ingest left it", async () => {
    const corpus = generatedCorpus(codebook(), 60, 3 * KB, 12);
    const serial = await ingestFresh([corpus], { codebook: codebook(), workers: 1 });
    const dir = mkdtempSync(join(tmpdir(), "unionties-window-"));
    try {
      const store = new MemoryStore({ dir });
      await store.open();
      const report = await ingestPaths(store, [corpus], { codebook: codebook(), reviewFile: null, workers: 2 });
      await store.close();
      expect(report.failed).toBe(0);
      const reopened = new MemoryStore({ dir });
      await reopened.open();
      expect(graphFingerprint(await reopened.exportGraph())).toBe(serial.fingerprint);
      const ids = (await reopened.listDocuments()).map((d) => d.id);
      expect(ids).toHaveLength(60);
      for (const id of ids) expect(await reopened.documentText(id)).toBe(await serial.store.documentText(id));
      expect(readdirSync(join(dir, "texts"))).toHaveLength(60);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
