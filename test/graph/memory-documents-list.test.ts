// A node's `documents` list grows in place when a document written after the
// others mentions it (memory-writes.ts addMention): the list stays what a
// recount gives, a failed write cuts it back, and an export taken before a
// write keeps the list it had.
import { describe, expect, test } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import { refreshNodeMentions } from "../../graph/memory-writes.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";

async function storeWith(...bundles: ReturnType<typeof bundleA>[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.open();
  for (const b of bundles) await store.upsertDocument(b);
  return store;
}

function documentsOf(store: MemoryStore, id: string): string[] {
  return (store as unknown as { graph: { getNodeAttribute(id: string, key: string): string[] } }).graph.getNodeAttribute(id, "documents");
}

describe("a node's documents list", () => {
  test("lists every document that mentions the node, in order, as a recount gives it", async () => {
    const store = await storeWith(bundleA(), bundleB(), bundleC());
    expect(documentsOf(store, "kctu")).toEqual(["doc-a", "doc-b", "doc-c"]);
    expect(documentsOf(store, "rengo")).toEqual(["doc-a", "doc-c"]);
    // the same as deriving it again from the MENTIONS relationships
    const graph = (store as unknown as { graph: Parameters<typeof refreshNodeMentions>[0] }).graph;
    for (const id of ["kctu", "rengo", "ituc", "jkepa"]) {
      const kept = [...documentsOf(store, id)];
      refreshNodeMentions(graph, id);
      expect(documentsOf(store, id)).toEqual(kept);
    }
  });

  test("in an export taken before a write, keeps what it was", async () => {
    const store = await storeWith(bundleA(), bundleB());
    const before = await store.exportGraph();
    const kctu = () => before.nodes.find((n) => n.key === "kctu")!.attributes;
    expect(kctu().documents).toEqual(["doc-a", "doc-b"]);
    await store.upsertDocument(bundleC());
    expect(kctu().documents).toEqual(["doc-a", "doc-b"]);
    expect(documentsOf(store, "kctu")).toEqual(["doc-a", "doc-b", "doc-c"]);
    const top = await store.exportGraph({ top: 3 });
    await store.removeDocument("doc-c");
    expect(top.nodes.find((n) => n.key === "kctu")?.attributes.documents).toEqual(["doc-a", "doc-b", "doc-c"]);
  });

  test("is cut back to what it was when a write that extended it fails", async () => {
    const store = await storeWith(bundleA());
    // the write fails at its first undirected relationship (a TIE), after the node loop extended kctu's list
    const g = (store as unknown as { graph: Record<string, (...args: unknown[]) => unknown> }).graph;
    const original = g.addUndirectedEdgeWithKey.bind(g);
    let calls = 0;
    g.addUndirectedEdgeWithKey = (...args: unknown[]) => {
      if (++calls === 1) throw new Error("injected fault");
      return original(...args);
    };
    await expect(store.upsertDocument(bundleB())).rejects.toThrow("injected fault");
    expect(documentsOf(store, "kctu")).toEqual(["doc-a"]);
    g.addUndirectedEdgeWithKey = original;
    await store.upsertDocument(bundleB());
    expect(documentsOf(store, "kctu")).toEqual(["doc-a", "doc-b"]);
  });
});
