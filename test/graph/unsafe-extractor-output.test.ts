// RELIABILITY.md B6 API10 "unsafe consumption", embedded store: extractor
// output (rules or a model) passes the schema's shape and types, SCHEMA.md's
// enums and the offset check before any write. fast-check feeds 10,000
// malformed bundles (each a valid generated bundle with one corruption) to
// upsertDocument: every one is rejected with an InvalidDataError naming the
// problem, and nothing is persisted (graph, graph.json and texts unchanged).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { InvalidDataError } from "../../graph/errors.js";
import { MemoryStore } from "../../graph/memory-store.js";
import type { DocumentBundle } from "../../graph/types.js";
import { validateBundle } from "../../graph/validate.js";
import { CORRUPTION_NAMES, malformedBundleArb, validBundleArb } from "./malformed-bundles.js";
import { bundleA } from "./store-fixtures.js";

/** Malformed bundles fed to the embedded store (the plan's 10,000; UNIONTIES_API10_RUNS overrides). */
const RUNS = Number(process.env.UNIONTIES_API10_RUNS ?? 10_000);

/** Rejects with the error upsertDocument throws, or null when it wrote. */
async function rejection(store: MemoryStore, bundle: unknown): Promise<unknown> {
  return store.upsertDocument(bundle as DocumentBundle).then(
    () => null,
    (error: unknown) => error,
  );
}

/** What the store has on disk: graph.json's bytes and the stored texts. */
function onDisk(dir: string): { graph: string; texts: string[] } {
  const texts = existsSync(join(dir, "texts")) ? readdirSync(join(dir, "texts")).sort() : [];
  return { graph: readFileSync(join(dir, "graph.json"), "utf8"), texts };
}

describe("B6 API10 unsafe consumption: extractor output is checked before any write (embedded store)", { timeout: 600_000 }, () => {
  it("accepts every generated valid bundle, so each malformed one fails by its corruption alone", async () => {
    await fc.assert(
      fc.asyncProperty(validBundleArb(), async (bundle) => {
        expect(() => validateBundle(bundle)).not.toThrow();
        const store = new MemoryStore();
        await store.open();
        expect((await store.upsertDocument(bundle)).status).toBe("created");
        const exported = await store.exportGraph();
        expect(exported.nodes.map((n) => n.key)).toContain(bundle.document.id);
        expect(exported.edges.filter((e) => e.attributes.type !== "MENTIONS").length).toBeGreaterThan(0);
        await store.close();
      }),
      { numRuns: 1_000 },
    );
  });

  it(`rejects ${RUNS.toLocaleString("en-US")} malformed bundles with InvalidDataError naming the problem, and persists none of them`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "unionties-api10-"));
    const store = new MemoryStore({ dir });
    await store.open();
    await store.upsertDocument(bundleA());
    const before = graphFingerprint(await store.exportGraph());
    const disk = onDisk(dir);
    const seen = new Map<string, number>();
    // Half the bundles reuse the stored document's id: a rejected re-ingest must leave its old contribution alone.
    const docIds = fc.oneof(fc.constant("doc-a"), fc.stringMatching(/^doc-[a-z0-9]{1,10}$/));
    await fc.assert(
      fc.asyncProperty(malformedBundleArb(validBundleArb(docIds)), async ({ bundle, corruption, path }) => {
        const error = await rejection(store, bundle);
        expect(error, corruption).toBeInstanceOf(InvalidDataError);
        const problems = (error as InvalidDataError).problems;
        expect(problems.map((p) => p.path), corruption).toContain(path);
        for (const p of problems) expect(p.message.trim(), `${corruption}: ${p.path}`).not.toBe("");
        expect((error as InvalidDataError).message).toContain(path);
        expect(graphFingerprint(await store.exportGraph()), corruption).toBe(before);
        seen.set(corruption, (seen.get(corruption) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    expect([...seen.keys()].sort()).toEqual([...CORRUPTION_NAMES].sort());
    expect(onDisk(dir)).toEqual(disk);
    await store.close();
    const reopened = new MemoryStore({ dir });
    await reopened.open();
    expect(graphFingerprint(await reopened.exportGraph())).toBe(before);
    await reopened.close();
  });

  it("rejects input of the wrong shape as invalid data, never as a TypeError from inside the validator", () => {
    const valid = fc.sample(validBundleArb(), { numRuns: 1, seed: 7 })[0];
    const shapes: unknown[] = [
      null,
      "bundle",
      [],
      { ...valid, nodes: [null] },
      { ...valid, relationships: [{ source: "n0", target: "n1", attributes: { ...valid.relationships[0].attributes, evidence: [null, 3] } }] },
      { ...valid, document: { id: 42, attributes: null } },
      { ...valid, text: undefined },
    ];
    for (const shape of shapes) {
      let thrown: unknown;
      try {
        validateBundle(shape as DocumentBundle);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(shape)?.slice(0, 80)).toBeInstanceOf(InvalidDataError);
    }
  });

  it("names the values it rejects that a plain range check lets through: NaN, a numeric string, a planted review", () => {
    const valid = fc.sample(validBundleArb(), { numRuns: 1, seed: 11 })[0];
    const withRel = (attributes: Record<string, unknown>) => ({ ...valid, relationships: [{ ...valid.relationships[0], attributes: { ...valid.relationships[0].attributes, ...attributes } }] });
    const cases: Array<[unknown, string]> = [
      [withRel({ confidence: NaN }), "relationships[0].confidence"],
      [withRel({ confidence: "0.5" }), "relationships[0].confidence"],
      [withRel({ evidence: [{ ...valid.relationships[0].attributes.evidence[0], confidence: "1" }] }), "relationships[0].evidence[0].confidence"],
      [withRel({ review: { decision: "accept", by: "model", at: "2026-01-01" } }), "relationships[0].review"],
      [withRel({ origin: "trusted" }), "relationships[0].origin"],
    ];
    for (const [bundle, path] of cases) {
      expect(() => validateBundle(bundle as DocumentBundle)).toThrow(InvalidDataError);
      try {
        validateBundle(bundle as DocumentBundle);
      } catch (error) {
        expect((error as InvalidDataError).problems.map((p) => p.path)).toContain(path);
      }
    }
  });
});
