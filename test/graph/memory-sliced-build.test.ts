// The first write to a store opened from its snapshot builds the graphology
// graph a slice at a time, so a server on a large store goes on answering
// while it does. The graph it builds must be the one reading graph.json
// gives, to the order of nodes, relationships and attribute keys, so
// everything after the write (answers, the next graph.json) is as before.
import { cpSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import type { DocumentBundle } from "../../graph/types.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";
import { expectSame, graphStore, snapshotStore, writeReviewedStore } from "./snapshot-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-sliced-build-");

/** A store written with a snapshot: a generated graph of 3,000 organisations (more than one slice), documents, reviews. */
async function written(): Promise<string> {
  const dir = tempDir();
  const { graph } = generateScaleFree({ nodes: 3000, m: 3, seed: 9, absentShare: 0.15 });
  await writeReviewedStore(dir, graph, [bundleC(), bundleA()]);
  return dir;
}

/** Document B without its hash: no text file to wait for, so the write runs as soon as its turn comes. */
function bundleWithoutText(): DocumentBundle {
  const bundle = bundleB();
  delete (bundle.document.attributes as { sha256?: string }).sha256;
  return bundle;
}

describe("the first write to a store opened from its snapshot", () => {
  it("lets reads be answered while it builds the graph", async () => {
    const store = await snapshotStore(await written());
    let done = false;
    const write = store.upsertDocument(bundleWithoutText()).then(() => (done = true));
    let between = 0;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      expect((await store.getNode("o1"))?.node.id).toBe("o1");
      between++;
    }
    await write;
    expect(between).toBeGreaterThan(1);
    expect(store.fromSnapshot).toBe(false);
  });

  it("builds the graph reading graph.json gives, in the same order, and writes the same graph.json after", async () => {
    const dir = await written();
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const sliced = await snapshotStore(dir);
    const whole = await graphStore(copy);
    expectSame(await sliced.exportGraph(), await whole.exportGraph());
    for (const store of [sliced, whole]) await store.upsertDocument(bundleB());
    expectSame(await sliced.exportGraph(), await whole.exportGraph());
    expect(readFileSync(`${dir}/graph.json`).equals(readFileSync(`${copy}/graph.json`))).toBe(true);
    // The write copied the unchanged relationship texts from the old graph.json (the build kept track of them).
    expect(sliced.reusedTexts).toBeGreaterThan(8_000);
  });
});
