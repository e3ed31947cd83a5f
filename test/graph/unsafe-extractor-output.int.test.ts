// RELIABILITY.md B6 API10 "unsafe consumption" on a real Neo4j: the same
// generated malformed extractor output as the embedded store's suite (200
// bundles here, each a valid bundle with one corruption) is rejected with an
// InvalidDataError naming the problem before any transaction runs, and the
// database is unchanged after each; generated valid bundles are written as
// the embedded store writes them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { InvalidDataError } from "../../graph/errors.js";
import { MemoryStore } from "../../graph/memory-store.js";
import type { DocumentBundle } from "../../graph/types.js";
import { skipNeo4j, useSharedNeo4j } from "../setup/neo4j.js";
import { malformedBundleArb, validBundleArb } from "./malformed-bundles.js";
import { bundleA } from "./store-fixtures.js";

const skip = skipNeo4j();
const store = useSharedNeo4j();

describe.skipIf(skip)("B6 API10 unsafe consumption: extractor output is checked before any write (Neo4j store)", { timeout: 600_000 }, () => {
  it("rejects 200 malformed bundles with InvalidDataError naming the problem, and the database stays as it was", async () => {
    await store.clear();
    await store.upsertDocument(bundleA());
    const before = graphFingerprint(await store.exportGraph());
    const docIds = fc.oneof(fc.constant("doc-a"), fc.stringMatching(/^doc-[a-z0-9]{1,10}$/));
    await fc.assert(
      fc.asyncProperty(malformedBundleArb(validBundleArb(docIds)), async ({ bundle, corruption, path }) => {
        const error = await store.upsertDocument(bundle as DocumentBundle).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, corruption).toBeInstanceOf(InvalidDataError);
        expect((error as InvalidDataError).problems.map((p) => p.path), corruption).toContain(path);
        expect(graphFingerprint(await store.exportGraph()), corruption).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  it("writes 25 generated valid bundles as the embedded store does", async () => {
    await fc.assert(
      fc.asyncProperty(validBundleArb(), async (bundle) => {
        await store.clear();
        const memory = new MemoryStore();
        await memory.open();
        expect((await store.upsertDocument(bundle)).status).toBe("created");
        await memory.upsertDocument(bundle);
        expect(graphFingerprint(await store.exportGraph())).toBe(graphFingerprint(await memory.exportGraph()));
        await memory.close();
      }),
      { numRuns: 25 },
    );
  });
});
