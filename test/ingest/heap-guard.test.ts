// An ingest that nears the process's heap limit stops between documents,
// like an interrupted run: the documents before the stop are written and
// saved, the report says where it stopped and how to go on, and re-running
// with a larger heap finishes the job. Without the guard the process died of
// V8's "JavaScript heap out of memory" (exit 134), losing every document since
// the last checkpoint and leaving the folder's lock behind. A server near the
// limit refuses uploads, saying why, instead of dying of the next one.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { generateDocument } from "../../bench/lib/corpus.js";
import { seededRandom } from "../../bench/lib/random.js";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { ingestBytes, ingestPaths, loadCodebook } from "../../ingest/index.js";

const BIN = fileURLToPath(new URL("../../bin/unionties.js", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "unionties-heap-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
});

/** A folder of `count` generated reports of `bytes` each (seeded: the same every run). */
function corpus(name: string, count: number, bytes: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  const random = seededRandom(8);
  const codebook = loadCodebook();
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `report-${String(i).padStart(2, "0")}.txt`), generateDocument(random, codebook, bytes));
  return dir;
}

async function storedDocuments(data: string): Promise<string[]> {
  const store = new MemoryStore({ dir: data });
  await store.open();
  const ids = (await store.listDocuments()).map((d) => d.id).sort();
  await store.close();
  return ids;
}

describe("an ingest near the heap limit", () => {
  it("stops before the next document once the heap passes its share, the documents before saved, and says how to go on", async () => {
    const docs = corpus("five", 5, 4 * 1024);
    const data = join(root, "five-data");
    const store = new MemoryStore({ dir: data });
    await store.open();
    // The heap reads as full from the third look on: the guard looks once before each document.
    let looks = 0;
    const real = v8.getHeapStatistics.bind(v8);
    vi.spyOn(v8, "getHeapStatistics").mockImplementation(() => {
      const stats = real();
      return { ...stats, heap_size_limit: 4096 * 2 ** 20, used_heap_size: ++looks >= 3 ? 4000 * 2 ** 20 : 100 * 2 ** 20 };
    });
    const report = await ingestPaths(store, [docs], { reviewFile: null, workers: 1 });
    await store.close();
    expect(report.documents.map((d) => d.status)).toEqual(["created", "created"]);
    expect(report.stopped).toMatch(/^stopped before report-02\.txt, 3 of 5 document\(s\) not read: this process's heap holds 3\.9 GB of Node's 4\.0 GB limit/);
    expect(report.stopped).toContain("The 2 document(s) before it are written and saved");
    expect(report.stopped).toMatch(/NODE_OPTIONS=--max-old-space-size=\d+/);
    expect(await storedDocuments(data)).toEqual(["report-00", "report-01"]);
  });

  it("refuses an upload to a server whose heap is past its share, saying why, and writes nothing", async () => {
    const store = new MemoryStore({});
    await store.open();
    const text = generateDocument(seededRandom(3), loadCodebook(), 4 * 1024);
    const real = v8.getHeapStatistics.bind(v8);
    vi.spyOn(v8, "getHeapStatistics").mockImplementation(() => ({ ...real(), heap_size_limit: 2048 * 2 ** 20, used_heap_size: 2000 * 2 ** 20 }));
    const report = await ingestBytes(store, { name: "upload.txt", bytes: new TextEncoder().encode(text) }, { reviewFile: null });
    expect(report.status).toBe("failed");
    expect(report.reason).toMatch(/^the server's heap holds 2\.0 GB of Node's 2\.0 GB limit .* so it takes no more documents; .*NODE_OPTIONS=--max-old-space-size=\d+/);
    expect(await store.listDocuments()).toEqual([]);
    vi.restoreAllMocks();
    expect((await ingestBytes(store, { name: "upload.txt", bytes: new TextEncoder().encode(text) }, { reviewFile: null })).status).toBe("created");
  });

  it("reads every document when the heap has room (the guard reads the real heap)", async () => {
    const docs = corpus("three", 3, 4 * 1024);
    const store = new MemoryStore({});
    await store.open();
    const report = await ingestPaths(store, [docs], { reviewFile: null, workers: 1 });
    expect(report.stopped).toBeUndefined();
    expect(report.documents).toHaveLength(3);
  });

  it("in a process with a small heap: the CLI exits 1 with the message, leaves no lock, and a re-run with a larger heap ends as one run does", async () => {
    const docs = corpus("large", 24, 256 * 1024);
    const golden = join(root, "golden");
    const full = spawnSync(process.execPath, [BIN, "ingest", docs, "--data", golden, "--no-review", "--quiet", "--workers", "1"], { encoding: "utf8" });
    expect(full.status, full.stderr).toBe(0);

    const data = join(root, "small-heap");
    const small = spawnSync(process.execPath, ["--max-old-space-size=100", BIN, "ingest", docs, "--data", data, "--no-review", "--quiet", "--workers", "1"], { encoding: "utf8" });
    expect(small.stderr).not.toContain("heap out of memory");
    expect(small.status, small.stderr).toBe(1);
    expect(small.stderr).toMatch(/unionties ingest: stopped before report-\d\d\.txt, \d+ of 24 document\(s\) not read/);
    const saved = await storedDocuments(data);
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(24);
    expect(existsSync(join(data, "graph.lock"))).toBe(false);

    const rerun = spawnSync(process.execPath, [BIN, "ingest", docs, "--data", data, "--no-review", "--quiet", "--workers", "1"], { encoding: "utf8" });
    expect(rerun.status, rerun.stderr).toBe(0);
    const exportOf = async (dir: string) => {
      const store = new MemoryStore({ dir });
      await store.open();
      const graph = await store.exportGraph();
      await store.close();
      return graph;
    };
    expect(graphFingerprint(await exportOf(data))).toBe(graphFingerprint(await exportOf(golden)));
  }, 120_000);
});
