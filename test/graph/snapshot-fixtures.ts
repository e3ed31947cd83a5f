// Shared by the snapshot read tests (memory-snapshot-stats, memory-snapshot-
// reads): a test store written with a snapshot (a graph, documents, reviews),
// graph.json and the snapshot written again as an older writer would, the
// two ways to open a store (from its snapshot, or from graph.json into a
// graphology graph) and exact equality.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { TraversalIndex } from "../../graph/algorithms/traversal-index.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { graphSnapshotSource, writeSnapshot } from "../../graph/memory-snapshot.js";
import { AttributeSpans, graphFileSource, writeStoreFile } from "../../graph/memory-store-file.js";
import type { DocumentBundle, Review, SerializedGraph } from "../../graph/types.js";

export const REJECT: Review = { decision: "reject", by: "test", at: "2026-11-23" };

/** Rejects two TIEs, a MENTIONS and four FUNDS relationships of `store` and accepts a third TIE. */
export async function reviewSome(store: MemoryStore): Promise<void> {
  const ties = await store.findRelationships({ types: ["TIE"] });
  const mentions = await store.findRelationships({ types: ["MENTIONS"] });
  const funds = await store.findRelationships({ types: ["FUNDS"] });
  for (const r of [ties[0], ties[5], mentions[1], funds[0], ...funds.slice(-3)]) await store.reviewRelationship(r.id, REJECT);
  await store.reviewRelationship(ties[9].id, { decision: "accept", by: "test", at: "2026-11-23" });
}

/** Writes a store in `dir` with a snapshot at every write: `graph`, then `bundles` in that order, then reviewSome's reviews. */
export async function writeReviewedStore(dir: string, graph: SerializedGraph, bundles: DocumentBundle[]): Promise<void> {
  const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
  await store.open();
  await store.importGraph(graph, { mode: "replace" });
  for (const bundle of bundles) await store.upsertDocument(bundle);
  await reviewSome(store);
  expect(store.fromSnapshot).toBe(false);
  await store.close();
}

/**
 * Rewrites graph.json and graph.snapshot in `dir` from `store`'s graph (as changed by a test);
 * `classes`: with node classes, else as a writer before them did (no `node` in the source).
 * Returns graph.json's stamp.
 */
export function rewrite(dir: string, store: MemoryStore, classes: boolean): string {
  const file = join(dir, "graph.json");
  const reviews = new Map(Object.entries((JSON.parse(readFileSync(file, "utf8")) as { reviews: Record<string, Review> }).reviews));
  const spans = new AttributeSpans();
  writeStoreFile(file, { format: "unionties-store", version: 1 }, graphFileSource(store.graph), reviews, spans);
  const s = statSync(file);
  const stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
  const source = classes ? graphSnapshotSource(store.graph, spans) : { attributes: store.graph.getAttributes(), spans };
  writeSnapshot(join(dir, "graph.snapshot"), source, TraversalIndex.fromGraph(store.graph), stamp, reviews);
  return stamp;
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
