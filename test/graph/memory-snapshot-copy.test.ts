// A copied store (cp -r, a backup restored: new inode, new modification
// time) still opens from its snapshot when graph.json's bytes are the ones
// the snapshot was made from (their SHA-256), and never when they are not.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { expectSame, graphStore, writeReviewedStore } from "./snapshot-fixtures.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-snapshot-copy-");

async function opened(dir: string): Promise<MemoryStore> {
  const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
  await store.open();
  return store;
}

async function written(): Promise<string> {
  const dir = tempDir();
  await writeReviewedStore(dir, generateScaleFree({ nodes: 300, m: 3, seed: 11 }).graph, [bundleA(), bundleB()]);
  return dir;
}

describe("MemoryStore snapshot of a copied store", () => {
  it("opens a copy from its snapshot when graph.json's bytes are unchanged, with the same answers", async () => {
    const dir = await written();
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const store = await opened(copy);
    expect(store.fromSnapshot).toBe(true);
    const plain = await graphStore(copy);
    expectSame(await store.exportGraph(), await plain.exportGraph());
    expectSame(await store.getNode("kctu"), await plain.getNode("kctu"));
    // Its first write builds the graph and writes graph.json and the snapshot for the copy.
    await store.upsertDocument(bundleC());
    await store.close();
    const again = await opened(copy);
    expect(again.fromSnapshot).toBe(true);
    expect((await again.listDocuments()).map((d) => d.id)).toContain("doc-c");
  });

  it("reads graph.json whole when a copy's bytes differ, even at the same size", async () => {
    const dir = await written();
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const file = join(copy, "graph.json");
    const text = readFileSync(file, "utf8");
    // One node renamed in place: same length, other bytes.
    const edited = text.replace('"name":"KCTU"', '"name":"KCTX"');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    const store = await opened(copy);
    expect(store.fromSnapshot).toBe(false);
    expect((await store.getNode("kctu"))!.node.attributes.name).toBe("KCTX");
  });

  it("reads graph.json whole for a copy whose snapshot records no hash (written before hashes)", async () => {
    const dir = await written();
    const snapshot = readFileSync(join(dir, "graph.snapshot"));
    // The header is JSON after 12 bytes; blank the hash's value with spaces of the same length.
    const at = snapshot.indexOf('"contentHash":"');
    expect(at).toBeGreaterThan(0);
    snapshot.write(`"contentHash" :0${" ".repeat(64)}`, at, "latin1");
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    writeFileSync(join(copy, "graph.snapshot"), snapshot);
    const store = await opened(copy);
    expect(store.fromSnapshot).toBe(false);
  });
});
