// Shared by the snapshot read tests (memory-snapshot-stats, memory-snapshot-
// reads): the reviews a test store gets, the two ways to open it (from its
// snapshot, or from graph.json into a graphology graph) and exact equality.
import { expect } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import type { Review } from "../../graph/types.js";

export const REJECT: Review = { decision: "reject", by: "test", at: "2026-11-23" };

/** Rejects two TIEs, a MENTIONS and four FUNDS relationships of `store` and accepts a third TIE. */
export async function reviewSome(store: MemoryStore): Promise<void> {
  const ties = await store.findRelationships({ types: ["TIE"] });
  const mentions = await store.findRelationships({ types: ["MENTIONS"] });
  const funds = await store.findRelationships({ types: ["FUNDS"] });
  for (const r of [ties[0], ties[5], mentions[1], funds[0], ...funds.slice(-3)]) await store.reviewRelationship(r.id, REJECT);
  await store.reviewRelationship(ties[9].id, { decision: "accept", by: "test", at: "2026-11-23" });
}

/** A fresh store on `dir` that opens from its snapshot. */
export async function snapshotStore(dir: string): Promise<MemoryStore> {
  const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
  await store.open();
  expect(store.fromSnapshot).toBe(true);
  return store;
}

/** A store on `dir` that reads graph.json into a graphology graph (its snapshot ignored). */
export async function graphStore(dir: string): Promise<MemoryStore> {
  const store = new MemoryStore({ dir, snapshotMinRelationships: Infinity });
  await store.open();
  expect(store.fromSnapshot).toBe(false);
  return store;
}

/** Exact equality, key order included (the answers go out as JSON). */
export function expectSame<T>(actual: T, expected: T): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}
