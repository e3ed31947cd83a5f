// The embedded store's traversals on the index and its binary snapshot:
// a store reopened from graph.snapshot answers exactly like one built from
// graph.json, a write after a snapshot open works and is seen by the index,
// and a snapshot that no longer matches graph.json is ignored.
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import { generateScaleFree, nodeKey, randomPairs } from "../../bench/lib/graph-generator.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-traversal-");

const { graph } = generateScaleFree({ nodes: 400, m: 3, seed: 11, absentShare: 0.1 });
const pairs = randomPairs(400, 60, 5).map(([a, b]) => [nodeKey(a), nodeKey(b)] as const);

async function storeWithGraph(dir: string, snapshotMinRelationships: number): Promise<MemoryStore> {
  const store = new MemoryStore({ dir, snapshotMinRelationships });
  await store.open();
  await store.importGraph(graph, { mode: "replace" });
  return store;
}

describe("MemoryStore traversals on the snapshot", () => {
  it("answers paths and neighbourhoods from the snapshot exactly as from graph.json", async () => {
    const plain = await storeWithGraph(tempDir(), Infinity);
    const dir = tempDir();
    await (await storeWithGraph(dir, 0)).close();
    expect(existsSync(join(dir, "graph.snapshot"))).toBe(true);
    const reopened = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await reopened.open();
    expect(reopened.fromSnapshot).toBe(true);
    for (const [a, b] of pairs) {
      expect(await reopened.shortestPaths(a, b)).toEqual(await plain.shortestPaths(a, b));
      expect(await reopened.shortestPaths(a, b, { types: ["TIE"], includeAbsent: true })).toEqual(await plain.shortestPaths(a, b, { types: ["TIE"], includeAbsent: true }));
    }
    expect(await reopened.shortestPaths(pairs[0][0], pairs[0][1], { all: true })).toEqual(await plain.shortestPaths(pairs[0][0], pairs[0][1], { all: true }));
    expect(await reopened.neighbourhood("o7", { depth: 2, limit: 50 })).toEqual(await plain.neighbourhood("o7", { depth: 2, limit: 50 }));
    expect(await reopened.shortestPaths("o1", "nowhere")).toBeNull();
    // Nodes by id, as `unionties path` resolves its ends: the same records, unknown ids left out, order kept.
    const ids = ["o7", "nowhere", pairs[0][0], "o7"];
    expect(await reopened.getNodes(ids)).toEqual(await plain.getNodes(ids));
    // A node with its relationships (absent ones included, rejected and MENTIONS left out) and neighbours, for every node.
    for (const node of graph.nodes) expect(await reopened.getNode(node.key)).toEqual(await plain.getNode(node.key));
    expect(await reopened.getNode("nowhere")).toBeNull();
    // Searches: the same hits in the same order, with filters, offsets and the empty query.
    const queries = [{ q: "organisation 1" }, { q: "O7" }, { q: "3", limit: 50, offset: 5 }, { q: "", limit: 500 }, { q: "org", kind: "union" as const }, { q: "nothing at all" }];
    for (const q of queries) expect(await reopened.search(q)).toEqual(await plain.search(q));
    expect((await plain.search(queries[0])).total).toBeGreaterThan(20);
    // Nothing so far needed the graphology graph.
    expect(reopened.fromSnapshot).toBe(true);
  });

  it("builds the graph on the first write after a snapshot open and keeps the index current", async () => {
    const dir = tempDir();
    await (await storeWithGraph(dir, 0)).close();
    const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await store.open();
    const [a, b] = pairs.find(([x, y]) => x !== y)!;
    const before = (await store.shortestPaths(a, b))![0];
    const hop = before.hops[0].relationship;
    await store.reviewRelationship(hop.id, { decision: "reject", by: "test", at: "2026-11-22" });
    expect(store.fromSnapshot).toBe(false);
    const after = await store.shortestPaths(a, b);
    for (const path of after ?? []) expect(path.hops.map((h) => h.relationship.id)).not.toContain(hop.id);
    // A fresh store (from the new snapshot) agrees.
    const again = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await again.open();
    expect(again.fromSnapshot).toBe(true);
    expect(await again.shortestPaths(a, b)).toEqual(after);
    // The rejected relationship is left out of its ends' details, from the snapshot as from the graph.
    for (const end of [hop.source, hop.target]) {
      const detail = await again.getNode(end);
      expect(detail!.relationships.map((r) => r.id)).not.toContain(hop.id);
      expect(detail).toEqual(await store.getNode(end));
    }
    expect(again.fromSnapshot).toBe(true);
    // The new snapshot (written with the texts graph.json was written with) holds every node and relationship as the writer has them.
    const whole = { depth: 10, limit: 10_000, includeAbsent: true };
    const everything = await again.neighbourhood(a, whole);
    expect(everything?.relationships.length).toBeGreaterThan(500);
    expect(everything).toEqual(await store.neighbourhood(a, whole));
  });

  it("ignores a snapshot made from another graph.json", async () => {
    const dir = tempDir();
    await (await storeWithGraph(dir, 0)).close();
    copyFileSync(join(dir, "graph.snapshot"), join(dir, "old.snapshot"));
    const writer = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await writer.open();
    await writer.clear();
    copyFileSync(join(dir, "old.snapshot"), join(dir, "graph.snapshot"));
    const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await store.open();
    expect(store.fromSnapshot).toBe(false);
    expect(await store.shortestPaths(pairs[0][0], pairs[0][1])).toBeNull();
  });

  it("sees another process's import through the file stamp", async () => {
    const dir = tempDir();
    const reader = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await reader.open();
    expect(await reader.shortestPaths("o1", "o2")).toBeNull();
    await (await storeWithGraph(dir, 0)).close();
    expect((await reader.shortestPaths("o1", "o2"))!.length).toBe(1);
  });
});
