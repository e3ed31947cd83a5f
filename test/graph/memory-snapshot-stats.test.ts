// Counts and exports of a store opened from its snapshot: answered from the
// snapshot (graph/memory-snapshot-reads.ts) without building the graphology
// graph, they must equal, key order included, what the same store's graph read
// from graph.json gives, for a store with documents, MENTIONS, several
// relationship types, absent and rejected relationships, multi-byte names and
// keys, and with snapshots written before they held node classes.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSnapshot } from "../../graph/memory-snapshot.js";
import type { ExportFilter } from "../../graph/store.js";
import type { SerializedGraph } from "../../graph/types.js";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";
import { expectSame, graphStore, rewrite, snapshotStore, writeReviewedStore } from "./snapshot-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-snapshot-stats-");

/** A generated graph with a few edits: multi-byte and quoted names and keys, years on some relationships. */
function generated(): SerializedGraph {
  const { graph } = generateScaleFree({ nodes: 300, m: 3, seed: 5, absentShare: 0.15 });
  graph.nodes[7].attributes.name = "Zenkoku Rōdō Kumiai — “全労連”";
  graph.nodes.push({ key: 'ö-union "quoted"', attributes: { nodeLabel: "Organization", kind: "union", name: "Östra Fackförbundet", aliases: ["ÖF"], documents: [], mentions: 0, origin: "imported", country: "SE" } });
  graph.edges.push({ key: 'TIE:o3:ö-union "quoted"', source: "o3", target: 'ö-union "quoted"', undirected: true, attributes: { type: "TIE", polarity: "present", confidence: 0.7, origin: "manual", evidence: [] } });
  graph.edges.forEach((edge, i) => {
    if (i % 5 === 0) Object.assign(edge.attributes, { since: 1990 + (i % 30) });
    if (i % 10 === 0) Object.assign(edge.attributes, { until: 2000 + (i % 20) });
  });
  return graph;
}

/** A store in `dir` written with a snapshot at every write: the generated graph, three documents, reviews. */
const writeStore = (dir: string) => writeReviewedStore(dir, generated(), [bundleA(), bundleB(), bundleC()]);

const FILTERS: ExportFilter[] = [
  {},
  { withoutDocuments: true },
  { kinds: ["union", "confederation", "global_union"] },
  { countries: ["JP", "KR", "SE"] },
  { nodeIds: ["o1", "o2", "o3", "o10", 'ö-union "quoted"', "rengo", "kctu", "doc-a", "nowhere"] },
  { nodeIds: [] },
  { types: ["TIE"] },
  { types: ["MENTIONS", "FUNDS", "PARTICIPATED_IN"] },
  { includeAbsent: false },
  { minConfidence: 0.8 },
  { fromYear: 2005, toYear: 2012 },
  { kinds: ["union"], types: ["TIE", "MEMBER_OF"], includeAbsent: false, minConfidence: 0.6, fromYear: 1995 },
];

describe("MemoryStore stats and export on a snapshot-opened store", () => {
  it("counts from the snapshot exactly as from the graph, without building it", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const snap = await snapshotStore(dir);
    const plain = await graphStore(dir);
    const expected = await plain.stats();
    // The store has what the counts must tell apart.
    expect(expected.documents).toBe(3);
    expect(expected.byType.MENTIONS).toBeGreaterThan(10);
    expect(Object.keys(expected.byType).length).toBeGreaterThanOrEqual(8);
    expectSame(await snap.stats(), expected);
    // Rejected relationships are left out: the counts are not the relationship totals.
    const all = await plain.exportGraph({});
    expect(expected.relationships + expected.byType.MENTIONS).toBeLessThan(all.edges.length + 5);
    expect(snap.fromSnapshot).toBe(true);
  });

  it("exports from the snapshot exactly as from the graph, for every filter, without building it", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const snap = await snapshotStore(dir);
    const plain = await graphStore(dir);
    for (const filter of FILTERS) expectSame(await snap.exportGraph(filter), await plain.exportGraph(filter));
    // The filters select real, different parts of the graph.
    const whole = await plain.exportGraph({});
    expect(whole.edges.some((e) => e.undirected)).toBe(true);
    expect(whole.edges.some((e) => e.attributes.review?.decision === "accept")).toBe(true);
    for (const filter of FILTERS.slice(1, -1)) {
      const part = await plain.exportGraph(filter);
      expect(part.nodes.length + part.edges.length).toBeLessThan(whole.nodes.length + whole.edges.length);
    }
    expect((await plain.exportGraph({ fromYear: 2005, toYear: 2012 })).edges.length).toBeGreaterThan(0);
    // An answer is the caller's: changing it changes neither the store nor the next answer.
    const first = await snap.exportGraph({});
    first.nodes[0].attributes.name = "changed";
    first.edges[0].attributes.confidence = -1;
    expectSame(await snap.exportGraph({}), whole);
    expect(snap.fromSnapshot).toBe(true);
  });

  it("counts from a snapshot written without node classes by parsing the node attributes", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const plain = await graphStore(dir);
    const expected = await plain.stats();
    // Rewrite graph.json and graph.snapshot as a writer before node classes did (no `node` in the source).
    const stamp = rewrite(dir, plain, false);
    const opened = readSnapshot(join(dir, "graph.snapshot"), stamp, join(dir, "graph.json"));
    expect(opened?.nodeClasses).toBeNull();
    opened?.close();
    const snap = await snapshotStore(dir);
    expectSame(await snap.stats(), expected);
    expectSame(await snap.exportGraph({ withoutDocuments: true }), await plain.exportGraph({ withoutDocuments: true }));
    expect(snap.fromSnapshot).toBe(true);
  });

  it("answers from the graph once a write has built it", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const snap = await snapshotStore(dir);
    const before = await snap.stats();
    await snap.removeDocument("doc-b");
    expect(snap.fromSnapshot).toBe(false);
    const after = await snap.stats();
    expect(after.documents).toBe(before.documents - 1);
    // A fresh store opened from the new snapshot agrees.
    const again = await snapshotStore(dir);
    expectSame(await again.stats(), after);
    expectSame(await again.exportGraph({ types: ["MENTIONS"] }), await snap.exportGraph({ types: ["MENTIONS"] }));
  });
});
