// A persist copies the texts of unchanged relationships from the graph.json
// it replaces (graph/memory-written-edges.ts). What it writes must be byte for
// byte what writing the whole graph anew gives, after every kind of write:
// documents added, replaced and removed, reviews, relationships dropped in a
// long run; and texts are reused only from the file they were recorded for.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import { graphFileSource, writeStoreFile } from "../../graph/memory-store-file.js";
import type { SerializedGraph } from "../../graph/types.js";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { reviewSome } from "./snapshot-fixtures.js";
import { bundleA, bundleAShort, bundleB, bundleC, sha256Hex } from "./store-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-written-edges-");

/** graph.json in `dir` equals, byte for byte, a write of the store's graph from scratch. */
function expectFullWrite(dir: string, store: MemoryStore): void {
  const file = join(dir, "graph.json");
  const text = readFileSync(file, "utf8");
  const data = JSON.parse(text) as { format: string; version: number; reviews: Record<string, never> };
  const reference = join(dir, "reference.json");
  writeStoreFile(reference, { format: data.format, version: data.version }, graphFileSource(store.graph), new Map(Object.entries(data.reviews)));
  const expected = readFileSync(reference, "utf8");
  rmSync(reference);
  expect(text.length).toBe(expected.length);
  expect(text === expected).toBe(true);
}

const relationships = (store: MemoryStore) => store.graph.size;

describe("MemoryStore persist reusing graph.json's relationship texts", () => {
  it("writes what a full write gives after documents, reviews, removals and replacements, copying the unchanged texts", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await store.open();
    await store.importGraph(generateScaleFree({ nodes: 400, m: 3, seed: 5, absentShare: 0.1 }).graph, { mode: "replace" });
    expect(store.fromSnapshot).toBe(true);

    // The first write builds the graph from graph.json; the snapshot says where each text lies.
    await store.upsertDocument(bundleA());
    expectFullWrite(dir, store);
    const total = relationships(store);
    expect(total).toBeGreaterThan(1100);
    expect(store.reusedTexts).toBeGreaterThan(total - 40);

    await store.upsertDocument(bundleB());
    expectFullWrite(dir, store);
    expect(store.reusedTexts).toBeGreaterThan(relationships(store) - 40);

    // A review replaces one relationship's attributes: every other text is copied.
    const [tie] = await store.findRelationships({ types: ["TIE"], source: "o1" });
    await store.reviewRelationship(tie.id, { decision: "correct", by: "test", at: "2026-11-23", changes: { strength: "strong" } });
    expectFullWrite(dir, store);
    expect(store.reusedTexts).toBe(relationships(store) - 1);

    await reviewSome(store);
    expectFullWrite(dir, store);

    // Removal drops relationships and changes others; a replaced document's come back at the end.
    await store.removeDocument("doc-a");
    expectFullWrite(dir, store);
    expect(store.reusedTexts).toBeGreaterThan(relationships(store) - 40);
    await store.upsertDocument(bundleC());
    await store.upsertDocument(bundleAShort());
    expectFullWrite(dir, store);
    const changed = bundleB();
    changed.text += " ";
    changed.document.attributes.sha256 = sha256Hex(changed.text);
    await store.upsertDocument(changed);
    expectFullWrite(dir, store);
    expect(store.reusedTexts).toBeGreaterThan(relationships(store) - 40);
    await store.close();

    // Opened again (from its snapshot): what it reads and writes is still exact.
    const again = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await again.open();
    await again.upsertDocument(bundleA());
    expectFullWrite(dir, again);
    expect(again.reusedTexts).toBeGreaterThan(relationships(again) - 40);
    await again.close();
  });

  it("reuses nothing from a graph.json that changed since it was recorded", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await store.open();
    await store.importGraph(generateScaleFree({ nodes: 200, m: 2, seed: 6 }).graph, { mode: "replace" });
    await store.upsertDocument(bundleA());
    expect(store.reusedTexts).toBeGreaterThan(0);
    // Another writer's graph.json (the store reads it again before its next write).
    const file = join(dir, "graph.json");
    const data = JSON.parse(readFileSync(file, "utf8")) as { graph: SerializedGraph };
    data.graph.attributes = { edited: "elsewhere" };
    writeFileSync(file, JSON.stringify(data));
    await store.upsertDocument(bundleB());
    expect(store.reusedTexts).toBe(0);
    expectFullWrite(dir, store);
    expect((JSON.parse(readFileSync(file, "utf8")) as { graph: SerializedGraph }).graph.attributes).toEqual({ edited: "elsewhere" });
    // The texts it recorded while writing are used by the next persist.
    await store.upsertDocument(bundleC());
    expect(store.reusedTexts).toBeGreaterThan(relationships(store) - 40);
    expectFullWrite(dir, store);
    await store.close();
  });

  it("writes texts anew, never wrong ones, when a long run of relationships was dropped", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await store.open();
    // 5,000 relationships evidenced only by doc-x come first (more than the walk looks ahead), then 100 others.
    const graph: SerializedGraph = { options: { type: "mixed", multi: true, allowSelfLoops: false }, attributes: {}, nodes: [], edges: [] };
    const node = (key: string, label = "Organization", kind = "union") =>
      graph.nodes.push({ key, attributes: { nodeLabel: label, kind, name: key, aliases: [], documents: [], mentions: 0, origin: "imported" } as never });
    node("doc-x", "Document", "document");
    for (let i = 0; i < 200; i++) node(`n${i}`);
    const edge = (i: number, source: string, target: string, evidence: unknown[]) =>
      graph.edges.push({ key: `e${i}`, source, target, attributes: { type: "FUNDS", polarity: "present", confidence: 0.5, origin: evidence.length ? "extracted" : "manual", evidence } as never });
    // (distinct ends: the import keys relationships by type and ends)
    for (let i = 0; i < 5000; i++) edge(i, `n${i % 100}`, `n${100 + Math.floor(i / 100)}`, [{ document: "doc-x", quote: "x", start: 0, end: 1, confidence: 0.5 }]);
    for (let i = 0; i < 100; i++) edge(5000 + i, `n${150 + (i % 50)}`, `n${i}`, []);
    await store.importGraph(graph, { mode: "replace" });
    await store.upsertDocument(bundleA());
    expectFullWrite(dir, store);
    expect(await store.removeDocument("doc-x")).toBe(true);
    expectFullWrite(dir, store);
    expect(store.reusedTexts).toBe(0);
    // Recorded anew by that write: the next one copies them again.
    await store.upsertDocument(bundleB());
    expectFullWrite(dir, store);
    expect(store.reusedTexts).toBeGreaterThan(relationships(store) - 40);
    await store.close();
  });
});
