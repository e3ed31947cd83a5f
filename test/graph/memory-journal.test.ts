// The embedded store's write path: a write that fails halfway is undone
// element by element (no copy of the graph), and bulk() writes the file once
// at the end of a batch while every document stays whole.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { bundleA, bundleAShort, bundleB, bundleC, makeBundle } from "./store-fixtures.js";

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

  test("leaves no trace in the next write to a relationship the failed write had extended", async () => {
    // Three documents on one membership; the second's values (confidence, year) would show if anything of it stayed.
    const doc = (id: string, confidence: number, since: number) =>
      makeBundle(id, `Rengo is a member of ITUC. Rengō maintains ties with the KCTU (${id}).`, { rengo: 1, ituc: 1, kctu: 1 }, [
        ["MEMBER_OF", "rengo", "ituc", "Rengo is a member of ITUC", { confidence, since }],
        ["TIE", "rengo", "kctu", "Rengō maintains ties with the KCTU", { confidence: 0.5 }],
      ]);
    const failed = new MemoryStore();
    await failed.upsertDocument(doc("doc-1", 0.5, 2001));
    // Writes of doc-2: three MENTIONS, the membership, then the tie, where it fails.
    failOnNthEdgeWrite(failed, 5);
    await expect(failed.upsertDocument(doc("doc-2", 0.99, 1990))).rejects.toThrow("injected fault");
    await failed.upsertDocument(doc("doc-3", 0.6, 2005));
    const clean = new MemoryStore();
    for (const b of [doc("doc-1", 0.5, 2001), doc("doc-3", 0.6, 2005)]) await clean.upsertDocument(b);
    const membership = (await failed.getRelationship("MEMBER_OF:rengo:ituc"))!.attributes;
    expect([membership.confidence, membership.since, membership.evidence.length]).toEqual([0.6, 2001, 2]);
    expect(graphFingerprint(await failed.exportGraph())).toBe(graphFingerprint(await clean.exportGraph()));
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
