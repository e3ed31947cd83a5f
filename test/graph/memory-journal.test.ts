// The embedded store's write path: a write that fails halfway is undone
// element by element (no copy of the graph), and bulk() writes the file once
// at the end of a batch while every document stays whole.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { bundleA, bundleAShort, bundleB, bundleC } from "./store-fixtures.js";

/** Makes the graph throw on the n-th relationship added or changed, once. */
function failOnNthEdgeWrite(store: MemoryStore, n: number): void {
  const g = store.graph as unknown as Record<string, (...args: unknown[]) => unknown>;
  let calls = 0;
  for (const method of ["addDirectedEdgeWithKey", "addUndirectedEdgeWithKey", "replaceEdgeAttributes", "mergeDirectedEdgeWithKey"]) {
    const original = g[method].bind(g);
    g[method] = (...args: unknown[]) => {
      if (++calls === n) throw new Error("injected fault");
      return original(...args);
    };
  }
}

describe("a failed write in the embedded store", () => {
  test.each([1, 3, 6, 9])("leaves the graph exactly as before when the fault hits write %i of a new document", async (n) => {
    const store = new MemoryStore();
    await store.upsertDocument(bundleA());
    const before = graphFingerprint(await store.exportGraph());
    failOnNthEdgeWrite(store, n);
    await expect(store.upsertDocument(bundleB())).rejects.toThrow("injected fault");
    expect(graphFingerprint(await store.exportGraph())).toBe(before);
    // The store still works: the same document goes in on the next try.
    await store.upsertDocument(bundleB());
    expect((await store.listDocuments()).map((d) => d.id)).toContain(bundleB().document.id);
  });

  test("keeps the old version of a document whose replacement fails halfway", async () => {
    const store = new MemoryStore();
    await store.upsertDocument(bundleA());
    await store.upsertDocument(bundleC());
    const before = graphFingerprint(await store.exportGraph());
    failOnNthEdgeWrite(store, 2);
    await expect(store.upsertDocument(bundleAShort())).rejects.toThrow("injected fault");
    expect(graphFingerprint(await store.exportGraph())).toBe(before);
  });
});

describe("a failed review in the embedded store", () => {
  test("leaves the relationship and the stored reviews as before when the file cannot be written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unionties-review-"));
    const store = new MemoryStore({ dir });
    await store.open();
    await store.upsertDocument(bundleA());
    const [first, second] = await store.findRelationships({ types: ["TIE", "MEMBER_OF"] });
    await store.reviewRelationship(first.id, { decision: "accept", by: "ana", at: "2026-01-01" });
    const before = graphFingerprint(await store.exportGraph());
    // Point the store at a folder that cannot be made (a file stands in the way): persisting the next write fails.
    writeFileSync(join(dir, "blocker"), "");
    (store.options as { dir?: string }).dir = join(dir, "blocker", "store");
    await expect(store.reviewRelationship(second.id, { decision: "reject", by: "ana", at: "2026-01-02" })).rejects.toThrow();
    await expect(store.reviewRelationship(first.id, { decision: "correct", by: "ana", at: "2026-01-03", changes: { strength: "weak" } })).rejects.toThrow();
    expect(graphFingerprint(await store.exportGraph())).toBe(before);
    expect((await store.getRelationship(second.id))!.attributes.review).toBeUndefined();
    expect((await store.getRelationship(first.id))!.attributes.review).toMatchObject({ decision: "accept" });
    // The reviews map itself was restored: a re-ingest derives the old review again.
    (store.options as { dir?: string }).dir = dir;
    await store.upsertDocument({ ...bundleA(), document: { ...bundleA().document, attributes: { ...bundleA().document.attributes, sha256: "f".repeat(64) } } });
    expect((await store.getRelationship(first.id))!.attributes.review).toMatchObject({ decision: "accept" });
    expect((await store.getRelationship(second.id))!.attributes.review).toBeUndefined();
  });
});

describe("bulk writes", () => {
  test("write graph.json once, at the end, with every document of the batch whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unionties-bulk-"));
    const store = new MemoryStore({ dir });
    await store.open();
    const file = join(dir, "graph.json");
    await store.bulk(async () => {
      await store.upsertDocument(bundleA());
      await store.upsertDocument(bundleB());
      expect(existsSync(file)).toBe(false);
    });
    expect(existsSync(file)).toBe(true);
    const reopened = new MemoryStore({ dir });
    await reopened.open();
    expect(graphFingerprint(await reopened.exportGraph())).toBe(graphFingerprint(await store.exportGraph()));
    expect((await reopened.listDocuments()).map((d) => d.id).sort()).toEqual([bundleA().document.id, bundleB().document.id].sort());
  });

  test("persist the documents written before the batch stopped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unionties-bulk-"));
    const store = new MemoryStore({ dir });
    await store.open();
    await expect(
      store.bulk(async () => {
        await store.upsertDocument(bundleA());
        throw new Error("batch stopped");
      }),
    ).rejects.toThrow("batch stopped");
    const saved = JSON.parse(readFileSync(join(dir, "graph.json"), "utf8"));
    expect(saved.graph.nodes.some((n: { key: string }) => n.key === bundleA().document.id)).toBe(true);
    expect(statSync(join(dir, "graph.json")).size).toBeGreaterThan(0);
  });
});
