// The embedded store's change log (graph.log): on a large graph a document
// write appends what it changed instead of rewriting graph.json. What is
// logged must come back whole after a crash (a store that never closed), a
// torn last line must cost only the write that never returned, a log that a
// rewritten graph.json has taken in must never be applied again, and
// closing the store folds the log into graph.json. "Large" is set to 0
// relationships here so the seeds-sized fixtures take the logged path.
import { appendFileSync, copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { appendChange, readChangeLog, type LoggedChange } from "../../graph/memory-change-log.js";
import { MemoryStore, type MemoryStoreOptions } from "../../graph/memory-store.js";
import { bundleA, bundleAShort, bundleB, bundleC, sha256Hex } from "./store-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-change-log-");
const LOGGED: MemoryStoreOptions = { logMinRelationships: 0, snapshotMinRelationships: 0 };

async function opened(dir: string, options: MemoryStoreOptions = LOGGED): Promise<MemoryStore> {
  const store = new MemoryStore({ dir, ...options });
  await store.open();
  return store;
}

/** A store whose graph.json holds document A (written whole: there was no graph.json to log against). */
async function started(dir: string): Promise<MemoryStore> {
  const store = await opened(dir);
  await store.upsertDocument(bundleA());
  return store;
}

/** A store on `dir` that reads graph.json alone (neither the log nor the snapshot). */
const graphJsonAlone = (dir: string) => opened(dir, { logMinRelationships: Infinity, snapshotMinRelationships: Infinity });

async function fingerprint(store: MemoryStore): Promise<string> {
  return graphFingerprint(await store.exportGraph());
}

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

describe("a document write on a large graph", () => {
  test("appends one line to graph.log, leaves graph.json as it was, and a store that opens the folder sees the write", async () => {
    const dir = tempDir();
    const writer = await started(dir);
    const before = readFileSync(join(dir, "graph.json"));
    await writer.upsertDocument(bundleB());
    await writer.upsertDocument(bundleC());
    expect(readFileSync(join(dir, "graph.json")).equals(before)).toBe(true);
    expect(lines(join(dir, "graph.log"))).toHaveLength(3); // the header and two writes
    expect(writer.loggedWrites).toBe(2);
    // the writer never closed: as after a crash
    const reader = await opened(dir);
    expect(await fingerprint(reader)).toBe(await fingerprint(writer));
    expect((await reader.listDocuments()).map((d) => d.id).sort()).toEqual(["doc-a", "doc-b", "doc-c"]);
  });

  test("replays replacements, removals and reviews, and a replayed review survives a later re-ingest", async () => {
    const dir = tempDir();
    const writer = await started(dir);
    await writer.upsertDocument(bundleB());
    await writer.upsertDocument(bundleC());
    await writer.upsertDocument(bundleAShort());
    await writer.removeDocument("doc-c");
    await writer.reviewRelationship("TIE:kctu:zenroren", { decision: "correct", by: "ana", at: "2026-01-01T00:00:00Z", changes: { strength: "strong" } });
    const reader = await opened(dir);
    expect(await fingerprint(reader)).toBe(await fingerprint(writer));
    // The review is kept by the store's review list (not only on the relationship): a re-ingest of B re-derives the tie from it.
    const changed = bundleB();
    changed.text += " ";
    changed.document.attributes.sha256 = sha256Hex(changed.text);
    expect((await reader.upsertDocument(changed)).status).toBe("replaced");
    expect((await reader.getRelationship("TIE:kctu:zenroren"))?.attributes).toMatchObject({ origin: "reviewed", strength: "strong", review: { by: "ana" } });
  });

  test("that changes nothing appends nothing", async () => {
    const dir = tempDir();
    const writer = await started(dir);
    await writer.upsertDocument(bundleB());
    const size = statSync(join(dir, "graph.log")).size;
    expect((await writer.upsertDocument(bundleB())).status).toBe("unchanged");
    expect(statSync(join(dir, "graph.log")).size).toBe(size);
  });

  test("on a graph below the size rewrites graph.json as before, with no log", async () => {
    const dir = tempDir();
    const store = await opened(dir, { logMinRelationships: 1_000_000 });
    await store.upsertDocument(bundleA());
    await store.upsertDocument(bundleB());
    expect(existsSync(join(dir, "graph.log"))).toBe(false);
    expect(await fingerprint(await graphJsonAlone(dir))).toBe(await fingerprint(store));
  });
});

describe("a change log past its size limit", () => {
  test("is folded into graph.json by the write that takes it there", async () => {
    const dir = tempDir();
    const limit = 20_000;
    const writer = await opened(dir, { ...LOGGED, logCompactMinBytes: limit });
    await writer.upsertDocument(bundleA());
    const log = join(dir, "graph.log");
    const sizes: number[] = [];
    // Each replacement of A logs its nodes and relationships again: the log grows until a write takes it past the limit.
    for (let i = 0; i < 40; i++) {
      await writer.upsertDocument(i % 2 ? bundleA() : bundleAShort());
      if (!existsSync(log)) break;
      sizes.push(statSync(log).size);
    }
    expect(sizes.length).toBeGreaterThan(2);
    expect(sizes.at(-1)).toBeLessThan(limit);
    expect(existsSync(log)).toBe(false);
    expect(writer.loggedWrites).toBe(0);
    expect(await fingerprint(await graphJsonAlone(dir))).toBe(await fingerprint(writer));
  });
});

describe("closing a store with logged writes", () => {
  test("folds the log into graph.json and its snapshot, and removes it", async () => {
    const dir = tempDir();
    const writer = await started(dir);
    await writer.upsertDocument(bundleB());
    const expected = await fingerprint(writer);
    await writer.close();
    expect(existsSync(join(dir, "graph.log"))).toBe(false);
    expect(writer.loggedWrites).toBe(0);
    const fromSnapshot = await opened(dir);
    expect(fromSnapshot.fromSnapshot).toBe(true);
    expect(await fingerprint(fromSnapshot)).toBe(expected);
    expect(await fingerprint(await graphJsonAlone(dir))).toBe(expected);
  });

  test("that only read another store's log leaves the files alone", async () => {
    const dir = tempDir();
    const writer = await started(dir);
    await writer.upsertDocument(bundleB());
    const reader = await opened(dir);
    expect(await fingerprint(reader)).toBe(await fingerprint(writer));
    await reader.close();
    expect(existsSync(join(dir, "graph.log"))).toBe(true);
  });
});

describe("a log after a crash", () => {
  test("torn in its last line is read up to its last whole write, and the next write cuts the torn part off", async () => {
    const dir = tempDir();
    const writer = await started(dir);
    await writer.upsertDocument(bundleB());
    const expected = await fingerprint(writer);
    const log = join(dir, "graph.log");
    appendFileSync(log, '{"nodes":[["doc-c",{"nodeLabel":"Doc');
    const reader = await opened(dir);
    expect(await fingerprint(reader)).toBe(expected);
    await reader.upsertDocument(bundleC());
    expect(lines(log).every((l) => JSON.parse(l))).toBe(true);
    expect(await fingerprint(await opened(dir))).toBe(await fingerprint(reader));
  });

  test("that names a graph.json since rewritten is not applied again", async () => {
    const dir = tempDir();
    const writer = await started(dir);
    await writer.upsertDocument(bundleB());
    copyFileSync(join(dir, "graph.log"), join(dir, "old.log"));
    // A replacing import rewrites graph.json; a crash before the log's removal would leave the old log beside it.
    await writer.importGraph({ attributes: {}, options: { type: "mixed", multi: true, allowSelfLoops: false }, nodes: [], edges: [] }, { mode: "replace" });
    expect(existsSync(join(dir, "graph.log"))).toBe(false);
    copyFileSync(join(dir, "old.log"), join(dir, "graph.log"));
    const reader = await opened(dir);
    expect((await reader.exportGraph()).nodes).toEqual([]);
  });

  test("with a line that is not JSON in its middle makes the store refuse to open, naming the file", async () => {
    const dir = tempDir();
    const writer = await started(dir);
    await writer.upsertDocument(bundleB());
    await writer.upsertDocument(bundleC());
    const log = join(dir, "graph.log");
    const [head, first, second] = lines(log);
    writeFileSync(log, `${head}\n${first.slice(0, 20)}\n${second}\n`);
    await expect(opened(dir)).rejects.toThrow(/graph\.log/);
  });
});

describe("two stores on one folder", () => {
  test("each sees the other's logged writes on its next read, in the order they were made", async () => {
    const dir = tempDir();
    const one = await started(dir);
    const two = await opened(dir);
    await one.upsertDocument(bundleB());
    expect((await two.listDocuments()).map((d) => d.id).sort()).toEqual(["doc-a", "doc-b"]);
    await two.upsertDocument(bundleC());
    await two.removeDocument("doc-a");
    expect((await one.listDocuments()).map((d) => d.id).sort()).toEqual(["doc-b", "doc-c"]);
    expect(await fingerprint(one)).toBe(await fingerprint(two));
    // Closing folds in the writes of both; the other then reads the new graph.json.
    await two.close();
    expect(existsSync(join(dir, "graph.log"))).toBe(false);
    expect(await fingerprint(one)).toBe(await fingerprint(await opened(dir)));
  });

  test("a store that read the log before it was cut by a compaction reads the new graph.json", async () => {
    const dir = tempDir();
    const one = await started(dir);
    await one.upsertDocument(bundleB());
    const two = await opened(dir);
    await two.getNode("kctu");
    await one.close();
    expect(await fingerprint(two)).toBe(await fingerprint(await opened(dir)));
  });
});

describe("an append to the log", () => {
  const change = (id: string): LoggedChange => ({ nodes: [[id, null]], edges: [], reviews: [] });

  test("keeps whole lines another process appended since the log was read, cuts only a torn last line, and says so", () => {
    const file = join(tempDir(), "graph.log");
    const first = appendChange(file, "base", 0, change("a"));
    const second = appendChange(file, "base", first.bytes, change("b"));
    expect(second.foreign).toBe(false);
    // A writer that read the log before "b" was appended, with a torn line after "b".
    appendFileSync(file, '{"nodes":[["torn"');
    const third = appendChange(file, "base", first.bytes, change("c"));
    expect(third.foreign).toBe(true);
    const read = readChangeLog(file, "base")!;
    expect(read.changes.map((c) => c.nodes[0][0])).toEqual(["a", "b", "c"]);
    expect(read.bytes).toBe(third.bytes);
    expect(statSync(file).size).toBe(third.bytes);
  });
});
