// The embedded store counts its graph once per state of it: stats() answers
// from the last count until a write (done or undone), a replayed change log
// or a new graph may have changed it, and hands out copies.
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import { bundleA, bundleB } from "./store-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-stats-cache-");

describe("the embedded store's counts", () => {
  it("follow every write, an undone one included, and are copies the caller may change", async () => {
    const store = new MemoryStore();
    await store.open();
    await store.upsertDocument(bundleA());
    const first = await store.stats();
    first.byKind.union = 999;
    first.nodes = -1;
    const again = await store.stats();
    expect(again.nodes).toBeGreaterThan(0);
    expect(again.byKind.union).not.toBe(999);
    await store.upsertDocument(bundleB());
    const after = await store.stats();
    expect(after.documents).toBe(again.documents + 1);
    await store.removeDocument("doc-b");
    expect(await store.stats()).toEqual(again);
    // A write that fails is undone: the counts are those before it.
    const broken = bundleB();
    broken.relationships[0].attributes.evidence[0].quote = "not in the text";
    await expect(store.upsertDocument(broken)).rejects.toThrow();
    expect(await store.stats()).toEqual(again);
  });

  it("follow the writes another store on the folder logged", async () => {
    const dir = tempDir();
    const options = { dir, logMinRelationships: 0 };
    const one = new MemoryStore(options);
    await one.open();
    await one.upsertDocument(bundleA());
    const two = new MemoryStore(options);
    await two.open();
    const before = await two.stats();
    await one.upsertDocument(bundleB());
    expect((await two.stats()).documents).toBe(before.documents + 1);
  });
});
