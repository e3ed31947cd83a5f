// The embedded store's files written off the main thread's path: a batch's
// end syncs graph.json in the thread pool while it writes the snapshot, and a
// document's text is written in the thread pool before the graph changes.
// What lands on disk must be what the synchronous writes gave: a snapshot a
// fresh store opens from with the same answers, every text on disk when its
// document is reported written, and a document whose text cannot be written
// not written at all.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import type { DocumentBundle } from "../../graph/types.js";
import { bundleA, bundleAShort, bundleB, bundleC } from "./store-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-persist-");

function withSha(bundle: DocumentBundle, sha256: string): DocumentBundle {
  return { ...bundle, document: { ...bundle.document, attributes: { ...bundle.document.attributes, sha256 } } };
}

/**
 * A store folder so deep that the temporary file a text is first written to
 * passes the system's path limit (PATH_MAX, 4,096 bytes with its terminator)
 * while graph.json's, the lock's and the text's own names do not: saving a
 * text fails, in the thread pool, with ENAMETOOLONG. The texts of `present`
 * are put in place beforehand (texts are stored by content, and a store does
 * not write one it has), so only the others fail.
 */
function tooDeepForTexts(base: string, ...present: DocumentBundle[]): string {
  // texts/<64 hex>.txt adds 75 bytes, its temporary name 22 or more (".tmp-<pid>-<ms>-<n>")
  const length = 4095 - 75;
  let dir = base;
  while (length - dir.length - 1 > 255) dir = join(dir, "d".repeat(200));
  dir = join(dir, "d".repeat(length - dir.length - 1));
  mkdirSync(join(dir, "texts"), { recursive: true });
  for (const b of present) writeFileSync(join(dir, "texts", `${b.document.attributes.sha256}.txt`), b.text);
  return dir;
}

describe("the end of a batch", () => {
  test("writes graph.json and a snapshot that a new store opens from, answering as the store that wrote them", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await store.open();
    await store.bulk(async () => {
      for (const b of [bundleA(), bundleB(), bundleC()]) await store.upsertDocument(b);
    });
    const written = await store.exportGraph();
    const reopened = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await reopened.open();
    expect(reopened.fromSnapshot).toBe(true);
    const ids = written.nodes.map((n) => n.key);
    expect(await reopened.getNodes(ids)).toEqual(await store.getNodes(ids));
    // graph.json alone (the snapshot ignored) holds the same graph.
    const plain = new MemoryStore({ dir, snapshotMinRelationships: Infinity });
    await plain.open();
    expect(graphFingerprint(await plain.exportGraph())).toBe(graphFingerprint(written));
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  test("leaves no snapshot when the graph is below the snapshot size", async () => {
    const dir = tempDir();
    const big = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await big.open();
    await big.bulk(async () => void (await big.upsertDocument(bundleA())));
    expect(existsSync(join(dir, "graph.snapshot"))).toBe(true);
    const small = new MemoryStore({ dir, snapshotMinRelationships: 1_000_000 });
    await small.open();
    await small.bulk(async () => void (await small.upsertDocument(bundleB())));
    expect(existsSync(join(dir, "graph.snapshot"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "graph.json"), "utf8")).graph.nodes.map((n: { key: string }) => n.key)).toContain(bundleB().document.id);
  });
});

describe("a batch's checkpoints", () => {
  test("take at most a tenth of its time: after a rewrite of the file that took P ms, the next waits until 10 P after it began", async () => {
    const dir = tempDir();
    // Checkpoints asked for at every write, on a graph whose file takes tens of ms to write (20,000 relationships).
    const store = new MemoryStore({ dir, checkpointMs: 0, logMinRelationships: Infinity, snapshotMinRelationships: Infinity });
    await store.open();
    await store.importGraph(generateScaleFree({ nodes: 10_000, m: 2, seed: 5 }).graph);
    const file = join(dir, "graph.json");
    const stamp = () => {
      const s = statSync(file);
      return `${s.ino}:${s.mtimeMs}:${s.size}`;
    };
    // Seven small writes, a few ms in all: the import's own write was the last, moments ago, so none is due.
    // (At a fixed period of 0 ms, each write rewrote the file: seven stamps.)
    const stamps = new Set([stamp()]);
    await store.bulk(async () => {
      for (const b of [bundleA(), bundleB(), bundleC(), bundleAShort(), bundleA(), bundleAShort(), bundleA()]) {
        await store.upsertDocument(b);
        stamps.add(stamp());
      }
    });
    expect(stamps.size).toBeLessThanOrEqual(2);
    // The end of the batch wrote it all.
    const reopened = new MemoryStore({ dir });
    await reopened.open();
    expect(graphFingerprint(await reopened.exportGraph())).toBe(graphFingerprint(await store.exportGraph()));
    expect((await reopened.listDocuments()).map((d) => d.id).sort()).toEqual([bundleA(), bundleB(), bundleC()].map((b) => b.document.id).sort());
  });
});

describe("a document's text", () => {
  test("is on disk, whole, when its write is reported, in a batch or not", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir });
    await store.open();
    const a = withSha(bundleA(), "a".repeat(64));
    await store.upsertDocument(a);
    expect(readFileSync(join(dir, "texts", `${"a".repeat(64)}.txt`), "utf8")).toBe(a.text);
    await store.bulk(async () => {
      const b = withSha(bundleB(), "b".repeat(64));
      await store.upsertDocument(b);
      expect(readFileSync(join(dir, "texts", `${"b".repeat(64)}.txt`), "utf8")).toBe(b.text);
    });
    expect(readdirSync(join(dir, "texts")).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  test("that cannot be written leaves the store as it was, and the next document goes in", async () => {
    const dir = tooDeepForTexts(tempDir(), bundleA(), bundleC());
    const store = new MemoryStore({ dir });
    await store.open();
    await store.upsertDocument(bundleA());
    const before = graphFingerprint(await store.exportGraph());
    await expect(store.upsertDocument(bundleB())).rejects.toThrow(/ENAMETOOLONG/);
    expect(graphFingerprint(await store.exportGraph())).toBe(before);
    expect((await store.listDocuments()).map((d) => d.id)).not.toContain(bundleB().document.id);
    await store.upsertDocument(bundleC());
    expect((await store.listDocuments()).map((d) => d.id)).toContain(bundleC().document.id);
  });

  test("that cannot be written in a batch undoes its document (written while the text was), and the batch goes on", async () => {
    const dir = tooDeepForTexts(tempDir(), bundleA(), bundleC());
    const store = new MemoryStore({ dir });
    await store.open();
    await store.upsertDocument(bundleA());
    const before = graphFingerprint(await store.exportGraph());
    await store.bulk(async () => {
      await expect(store.upsertDocument(bundleB())).rejects.toThrow(/ENAMETOOLONG/);
      expect(graphFingerprint(await store.exportGraph())).toBe(before);
      await store.upsertDocument(bundleC());
    });
    const reopened = new MemoryStore({ dir });
    await reopened.open();
    const ids = (await reopened.listDocuments()).map((d) => d.id);
    expect(ids).toContain(bundleC().document.id);
    expect(ids).not.toContain(bundleB().document.id);
    expect(readdirSync(join(dir, "texts")).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  test("is read from texts/ alone: a sha256 that is a path (graph.json edited, or written by another tool) names no file", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir });
    await store.open();
    await store.upsertDocument(bundleA());
    await store.close();
    const file = join(dir, "graph.json");
    const stored = JSON.parse(readFileSync(file, "utf8"));
    stored.graph.nodes.find((n: { key: string }) => n.key === bundleA().document.id).attributes.sha256 = "../outside";
    writeFileSync(file, JSON.stringify(stored));
    // texts/../outside.txt
    writeFileSync(join(dir, "outside.txt"), "not a document's text");
    const reopened = new MemoryStore({ dir });
    await reopened.open();
    expect((await reopened.listDocuments()).map((d) => d.id)).toContain(bundleA().document.id);
    expect(await reopened.documentText(bundleA().document.id)).toBeNull();
    await reopened.close();
  });
});

describe("a text staged ahead of its document (stageText)", () => {
  test("is saved before the write and names nothing until the write, which then finds it", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir });
    await store.open();
    const b = withSha(bundleB(), "c".repeat(64));
    const file = join(dir, "texts", `${"c".repeat(64)}.txt`);
    store.stageText(b);
    await expect.poll(() => existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(b.text);
    expect(await store.listDocuments()).toEqual([]);
    expect(existsSync(join(dir, "graph.json"))).toBe(false);
    expect((await store.upsertDocument(b)).status).toBe("created");
    expect(await store.documentText(b.document.id)).toBe(b.text);
    expect(readdirSync(join(dir, "texts")).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  test("that cannot be saved throws nothing; the write that needs it fails and changes nothing", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir });
    await store.open();
    await store.upsertDocument(bundleA());
    const before = graphFingerprint(await store.exportGraph());
    // texts/ cannot be made: a file holds its name
    rmSync(join(dir, "texts"), { recursive: true, force: true });
    writeFileSync(join(dir, "texts"), "not a folder");
    const b = withSha(bundleB(), "d".repeat(64));
    expect(() => store.stageText(b)).not.toThrow();
    await expect(store.upsertDocument(b)).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(graphFingerprint(await store.exportGraph())).toBe(before);
  });

  test("is skipped, not thrown, for a bundle without a well-formed sha256 or text", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir });
    await store.open();
    expect(() => store.stageText(withSha(bundleB(), "../../outside"))).not.toThrow();
    expect(() => store.stageText({ ...withSha(bundleB(), "e".repeat(64)), text: undefined as unknown as string })).not.toThrow();
    expect(existsSync(join(dir, "texts"))).toBe(false);
  });
});
