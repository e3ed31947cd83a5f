// Importing a graph into an empty embedded store: the prepared path (one pass
// over arrays, written straight to graph.json and the snapshot for a large
// store) stores exactly what merging element by element into graphology
// stores, refuses a graph with broken relationships listing every problem,
// and leaves the store as it was when it refuses.
import Graph from "graphology";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { graphFingerprint } from "../../graph/canonical.js";
import { InvalidDataError } from "../../graph/errors.js";
import { deriveEdgeAttributes, mergeNodeAttributes, relationshipId } from "../../graph/merge.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { REL_SPECS, isRelType } from "../../graph/schema.js";
import type { EdgeAttributes, GraphAttributes, NodeAttributes, SerializedGraph } from "../../graph/types.js";
import { bundleA } from "./store-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-mimport-");

/** A generated graph with what real files bring: evidence, a relationship given twice (both ways round) and a node given twice. */
function sampleGraph(): SerializedGraph {
  const { graph } = generateScaleFree({ nodes: 300, m: 3, seed: 5, absentShare: 0.05 });
  const tie = graph.edges.find((e) => e.attributes.type === "TIE")!;
  const ev = (start: number, confidence: number) => ({ document: "paper", quote: "q", start, end: start + 1, confidence, since: 1990 + start });
  tie.attributes.evidence = [ev(5, 0.4), ev(2, 0.6)];
  graph.edges.push({ key: "again", source: tie.target, target: tie.source, undirected: true, attributes: { ...tie.attributes, confidence: 0.2, evidence: [ev(2, 0.9), ev(9, 0.3)] } });
  graph.nodes.push({ key: graph.nodes[7].key, attributes: { ...graph.nodes[7].attributes, aliases: ["Seventh"], origin: "codebook" } });
  return graph;
}

/** The element-by-element import (what the store did before the prepared path), as the reference. */
function referenceImport(data: SerializedGraph): Graph<NodeAttributes, EdgeAttributes, GraphAttributes> {
  const g = new Graph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: "mixed", multi: true, allowSelfLoops: false });
  for (const n of data.nodes) {
    const incoming = { ...n.attributes };
    incoming.documents ??= [];
    incoming.mentions ??= 0;
    incoming.aliases ??= [];
    const merged = mergeNodeAttributes(g.hasNode(n.key) ? g.getNodeAttributes(n.key) : undefined, incoming);
    g.mergeNode(n.key, merged);
    g.replaceNodeAttributes(n.key, merged);
  }
  for (const e of data.edges) {
    const a = e.attributes;
    if (!isRelType(a.type)) throw new Error("unknown type");
    const key = relationshipId(a.type, e.source, e.target, a.polarity ?? "present");
    const old = g.hasEdge(key) ? g.getEdgeAttributes(key) : undefined;
    const { evidence = [], type, polarity = "present", ...extra } = a;
    const attrs = deriveEdgeAttributes(type, polarity, [...(old?.evidence ?? []), ...evidence], extra);
    if (old) g.replaceEdgeAttributes(key, attrs);
    else if (REL_SPECS[type].directed) g.addDirectedEdgeWithKey(key, e.source, e.target, attrs);
    else {
      const [s, t] = [e.source, e.target].sort();
      g.addUndirectedEdgeWithKey(key, s, t, attrs);
    }
  }
  return g;
}

/** The snapshot's bytes without the graph.json stamp in its header (the stamp names the file's mtime and inode). */
function snapshotContent(file: string): Buffer {
  const buf = readFileSync(file);
  const length = buf.readUInt32LE(8);
  const header = JSON.parse(buf.subarray(12, 12 + length).toString("utf8"));
  delete header.stamp;
  return Buffer.concat([Buffer.from(JSON.stringify(header)), buf.subarray((12 + length + 7) & ~7)]);
}

describe("a replace-import into an empty embedded store", () => {
  test("stores what merging element by element into graphology stores, byte for byte, snapshot included", async () => {
    const data = sampleGraph();
    // Prepared path: written straight to the files.
    const direct = new MemoryStore({ dir: tempDir(), snapshotMinRelationships: 0 });
    await direct.open();
    await direct.importGraph(structuredClone(data), { mode: "replace" });
    expect(direct.fromSnapshot).toBe(true);
    // The same import inside bulk(): built as a graphology graph, then persisted by the store's usual path.
    const viaGraph = new MemoryStore({ dir: tempDir(), snapshotMinRelationships: 0 });
    await viaGraph.open();
    await viaGraph.bulk(() => viaGraph.importGraph(structuredClone(data), { mode: "replace" }));
    expect(viaGraph.fromSnapshot).toBe(false);
    expect(readFileSync(join(direct.options.dir!, "graph.json"), "utf8")).toBe(readFileSync(join(viaGraph.options.dir!, "graph.json"), "utf8"));
    expect(snapshotContent(join(direct.options.dir!, "graph.snapshot")).equals(snapshotContent(join(viaGraph.options.dir!, "graph.snapshot")))).toBe(true);
    // And both hold what the element-by-element import holds.
    const reference = referenceImport(structuredClone(data));
    const exported = await viaGraph.exportGraph();
    expect(JSON.stringify(exported.nodes)).toBe(JSON.stringify(reference.export().nodes));
    expect(JSON.stringify(exported.edges.map((e) => [e.key, e.source, e.target, e.attributes]))).toBe(
      JSON.stringify(reference.export().edges.map((e) => [e.key, e.source, e.target, e.attributes])),
    );
    expect(graphFingerprint(await direct.exportGraph())).toBe(graphFingerprint(exported));
  });

  test("answers from the snapshot after a large import, and takes documents afterwards", async () => {
    const store = new MemoryStore({ dir: tempDir(), snapshotMinRelationships: 0 });
    await store.open();
    const data = sampleGraph();
    await store.importGraph(data, { mode: "replace" });
    const path = await store.shortestPaths("o1", "o250");
    expect(path?.[0].nodes[0].id).toBe("o1");
    await store.upsertDocument(bundleA());
    const reopened = new MemoryStore({ dir: store.options.dir });
    await reopened.open();
    const stats = await reopened.stats();
    expect(stats.documents).toBe(1);
    expect(stats.nodes).toBeGreaterThanOrEqual(300);
  });

  test("refuses relationships with an unknown type, a missing end or equal ends, listing each, and changes nothing", async () => {
    const dir = tempDir();
    const store = new MemoryStore({ dir, snapshotMinRelationships: 0 });
    await store.open();
    await store.importGraph(sampleGraph(), { mode: "replace" });
    const before = { fingerprint: graphFingerprint(await store.exportGraph()), file: readFileSync(join(dir, "graph.json")), snapshot: readFileSync(join(dir, "graph.snapshot")) };
    const bad = sampleGraph();
    bad.edges.push(
      { key: "x1", source: "o1", target: "nowhere", attributes: { type: "TIE", polarity: "present", confidence: 1, origin: "manual", evidence: [] } },
      { key: "x2", source: "o2", target: "o3", attributes: { type: "LIKES" as never, polarity: "present", confidence: 1, origin: "manual", evidence: [] } },
      { key: "x3", source: "o4", target: "o4", attributes: { type: "FUNDS", polarity: "present", confidence: 1, origin: "manual", evidence: [] } },
      { key: "x4", source: "ghost", target: "o5", attributes: { type: "FUNDS", polarity: "present", confidence: 1, origin: "manual", evidence: [] } },
    );
    const n = bad.edges.length;
    const error = await store.importGraph(bad, { mode: "replace" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDataError);
    expect((error as InvalidDataError).problems.map((p) => p.path)).toEqual([`edges[${n - 4}].target`, `edges[${n - 3}].type`, `edges[${n - 2}]`, `edges[${n - 1}].source`]);
    expect(graphFingerprint(await store.exportGraph())).toBe(before.fingerprint);
    expect(readFileSync(join(dir, "graph.json")).equals(before.file)).toBe(true);
    expect(readFileSync(join(dir, "graph.snapshot")).equals(before.snapshot)).toBe(true);
    // A merge-import of the same file into the (non-empty) store is refused too and changes nothing.
    await expect(store.importGraph(bad, { mode: "merge" })).rejects.toThrow();
    expect(graphFingerprint(await store.exportGraph())).toBe(before.fingerprint);
  });
});
