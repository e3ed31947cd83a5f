// The document list, a document's hash and text, a relationship by key and
// relationship queries of a store opened from its snapshot: answered from the
// snapshot (graph/memory-snapshot-reads.ts) without building the graphology
// graph, they must equal, order and key order included, what the same
// store's graph read from graph.json gives, for a store with documents,
// rejected reviews, absent relationships, multi-byte keys, node ids holding
// colons (relationship keys of several readings) and keys of no known form.
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSnapshot, type OpenedSnapshot } from "../../graph/memory-snapshot.js";
import { edgeNumberFromSnapshot } from "../../graph/memory-snapshot-reads.js";
import { textIndexOf } from "../../graph/memory-snapshot-scan.js";
import type { RelationshipQuery } from "../../graph/store.js";
import type { NodeAttributes, SerializedGraph } from "../../graph/types.js";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";
import { expectSame, graphStore, rewrite, snapshotStore, writeReviewedStore } from "./snapshot-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-snapshot-reads-");

const node = (name: string, extra: Partial<NodeAttributes> = {}) =>
  ({ nodeLabel: "Organization", kind: "union", name, aliases: [], documents: [], mentions: 0, origin: "imported", ...extra }) as NodeAttributes;
const edge = (key: string, source: string, target: string, type: string, polarity = "present") =>
  ({ key, source, target, attributes: { type, polarity, confidence: 0.7, origin: "manual", evidence: [] } }) as SerializedGraph["edges"][number];

/** A document id that JSON writes escaped. */
const ODD_DOCUMENT = 'doc "ö" \\ 2';

/** A generated graph with multi-byte names and keys and node ids holding colons. */
function generated(): SerializedGraph {
  const { graph } = generateScaleFree({ nodes: 300, m: 3, seed: 9, absentShare: 0.15 });
  graph.nodes[7].attributes.name = "Zenkoku Rōdō Kumiai — “全労連”";
  graph.nodes.push({ key: 'ö-union "quoted"', attributes: node("Östra Fackförbundet", { country: "SE" }) });
  for (const key of ["a", "a:b", "b:c", "c"]) graph.nodes.push({ key, attributes: node(`colon ${key}`) });
  // Keys are made by the import (relationshipId): "TIE:a:b:c" and "MEMBER_OF:a:b:c" read two ways, "TIE:a:a:b:absent" three.
  graph.edges.push(edge("x1", "o3", 'ö-union "quoted"', "TIE"), edge("x2", "a:b", "c", "TIE"), edge("x3", "a", "b:c", "MEMBER_OF"), edge("x4", "a:b", "a", "TIE", "absent"), edge("x5", "c", "o1", "FUNDS"));
  // Evidence from a document whose id JSON escapes (quotes, a backslash) and that mentions neither end.
  graph.edges[graph.edges.length - 5].attributes.evidence = [{ document: ODD_DOCUMENT, quote: "Östra", start: 0, end: 5, confidence: 0.7 }];
  return graph;
}

/** A store in `dir` written with a snapshot: the generated graph, three documents (out of id order: graph.json lists them so, and the list must not), reviews. */
const writeStore = (dir: string) => writeReviewedStore(dir, generated(), [bundleC(), bundleA(), bundleB()]);

const QUERIES: RelationshipQuery[] = [
  {},
  { types: ["TIE"] },
  { types: ["MENTIONS", "FUNDS"] },
  { types: [] },
  { polarity: "absent" },
  { polarity: "present", types: ["TIE", "MEMBER_OF"] },
  { source: "o0" },
  { target: "o0" },
  { source: "o0", polarity: "absent" },
  { source: "kctu" },
  { target: "kctu", types: ["TIE"] },
  { source: "kctu", target: "rengo" },
  { source: "rengo", target: "kctu" },
  { target: "ituc", types: ["MEMBER_OF"] },
  { source: "doc-a" },
  { source: 'ö-union "quoted"' },
  { target: "a:b" },
  { document: "doc-a" },
  { document: "doc-b", types: ["TIE", "MEMBER_OF"] },
  { document: "doc-c", source: "rengo" },
  { document: ODD_DOCUMENT },
  { source: "nowhere" },
  { source: "", target: "kctu" },
];

describe("MemoryStore documents and relationship reads on a snapshot-opened store", () => {
  it("lists documents and gives their hashes and texts exactly as the graph does, without building it", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const snap = await snapshotStore(dir);
    const plain = await graphStore(dir);
    const documents = await plain.listDocuments();
    expect(documents.map((d) => d.id)).toEqual(["doc-a", "doc-b", "doc-c"]);
    expectSame(await snap.listDocuments(), documents);
    for (const id of ["doc-a", "doc-b", "doc-c", "kctu", "o3", "nowhere", ""]) {
      expect(await snap.documentHash(id)).toBe(await plain.documentHash(id));
      expect(await snap.documentText(id)).toBe(await plain.documentText(id));
    }
    expect(await snap.documentText("doc-b")).toBe(bundleB().text);
    expect(snap.fromSnapshot).toBe(true);
  });

  it("lists documents from a snapshot written without node classes by parsing the node attributes", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const plain = await graphStore(dir);
    rewrite(dir, plain, false);
    const file = join(dir, "graph.json");
    const opened = readSnapshot(join(dir, "graph.snapshot"), `${statSync(file).mtimeMs}:${statSync(file).size}:${statSync(file).ino}`, file);
    expect(opened?.nodeClasses).toBeNull();
    opened?.close();
    const snap = await snapshotStore(dir);
    expectSame(await snap.listDocuments(), await plain.listDocuments());
    expect(snap.fromSnapshot).toBe(true);
  });

  it("gives every relationship by its key exactly as the graph does, and null for keys it does not hold", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const snap = await snapshotStore(dir);
    const plain = await graphStore(dir);
    // Every key, rejected relationships' too (a relationship by key is given whatever its review).
    const keys = plain.graph.edges();
    // The keys the lookup must tell apart are there.
    for (const key of ["TIE:a:b:c", "MEMBER_OF:a:b:c", "TIE:a:a:b:absent", 'TIE:o3:ö-union "quoted"', "FUNDS:c:o1"]) expect(keys).toContain(key);
    expect(keys.some((key) => plain.graph.getEdgeAttribute(key, "review")?.decision === "reject")).toBe(true);
    expect(keys.some((key) => plain.graph.getEdgeAttribute(key, "polarity") === "absent")).toBe(true);
    for (const key of keys) expectSame(await snap.getRelationship(key), await plain.getRelationship(key));
    const missing = ["TIE:o1:nowhere", "TIE:c:a:b", "TIE:a:b", "TIE:a:b:c:absent", "FUNDS:o1:c", "TIE:o3:ö-union", "T", "", ":", "TIE::", "NOPE:o1:o2", keys[0].slice(1), `${keys[0]} `];
    for (const key of missing) {
      expect(await plain.getRelationship(key)).toBeNull();
      expect(await snap.getRelationship(key)).toBeNull();
    }
    expect(snap.fromSnapshot).toBe(true);
  });

  it("finds keys of relationshipId's form between their ends, without searching every key", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const plain = await graphStore(dir);
    const file = join(dir, "graph.json");
    const stamp = `${statSync(file).mtimeMs}:${statSync(file).size}:${statSync(file).ino}`;
    const opened = readSnapshot(join(dir, "graph.snapshot"), stamp, file)!;
    try {
      const noSearch: OpenedSnapshot = { ...opened, edgeNumberOf: () => { throw new Error("searched every key"); } };
      for (const key of plain.graph.edges()) expect(opened.index.edgeKey(edgeNumberFromSnapshot(noSearch, key))).toBe(key);
    } finally {
      opened.close();
    }
  });

  it("finds relationships whose keys have no known form by searching every key", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const plain = await graphStore(dir);
    // graph.json written by hand (or another writer): keys the import would never make.
    const g = plain.graph;
    expect(g.hasEdge("FUNDS:o5:o6")).toBe(false);
    g.addDirectedEdgeWithKey("FUNDS:o5:o6", "o7", "o8", { type: "FUNDS", polarity: "present", confidence: 0.6, origin: "manual", evidence: [] });
    g.addUndirectedEdgeWithKey("a tie, ü", "o9", "a:b", { type: "TIE", polarity: "present", confidence: 0.6, origin: "manual", evidence: [] });
    rewrite(dir, plain, true);
    const snap = await snapshotStore(dir);
    const again = await graphStore(dir);
    for (const key of ["FUNDS:o5:o6", "a tie, ü", "a tie", "FUNDS:o7:o8"]) expectSame(await snap.getRelationship(key), await again.getRelationship(key));
    expect((await snap.getRelationship("a tie, ü"))?.target).toBe("a:b");
    expectSame(await snap.findRelationships({ source: "a:b" }), await again.findRelationships({ source: "a:b" }));
    expect(snap.fromSnapshot).toBe(true);
  });

  it("answers relationship queries exactly as the graph does, without building it", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const snap = await snapshotStore(dir);
    const plain = await graphStore(dir);
    const all = await plain.findRelationships({});
    // Both ends given, either way round: an undirected relationship matches both ways, a directed one only one.
    const tie = all.find((r) => r.attributes.type === "TIE" && r.source.startsWith("o") && r.target.startsWith("o"))!;
    const funds = all.find((r) => r.attributes.type === "FUNDS" && r.source.startsWith("o") && r.target.startsWith("o"))!;
    const ends: RelationshipQuery[] = [tie, funds].flatMap((r) => [{ source: r.source, target: r.target }, { source: r.target, target: r.source }]);
    for (const query of [...QUERIES, ...ends]) expectSame(await snap.findRelationships(query), await plain.findRelationships(query));
    expect((await plain.findRelationships(ends[1])).map((r) => r.id)).toContain(tie.id);
    expect((await plain.findRelationships(ends[3])).map((r) => r.id)).not.toContain(funds.id);
    // The queries select real, different parts of the graph.
    expect(all.length).toBeGreaterThan(900);
    for (const query of QUERIES.slice(1, -2)) {
      const part = await plain.findRelationships(query);
      expect(part.length).toBeLessThan(all.length);
      if (query.types?.length !== 0) expect(part.length, JSON.stringify(query)).toBeGreaterThan(0);
    }
    // Rejected relationships never match.
    expect(all.some((r) => r.attributes.review?.decision === "reject")).toBe(false);
    expect(snap.fromSnapshot).toBe(true);
  });

  it("answers from the graph once a write has built it", async () => {
    const dir = tempDir();
    await writeStore(dir);
    const snap = await snapshotStore(dir);
    const tie = (await snap.findRelationships({ source: "zenroren", types: ["TIE"] }))[0];
    await snap.removeDocument("doc-b");
    expect(snap.fromSnapshot).toBe(false);
    expect((await snap.listDocuments()).map((d) => d.id)).toEqual(["doc-a", "doc-c"]);
    expect(await snap.getRelationship(tie.id)).toBeNull();
    expect(await snap.documentHash("doc-b")).toBeNull();
  });
});

describe("textIndexOf", () => {
  it("finds a text only where one starts and ends, among empty, nested and multi-byte texts", () => {
    const texts = ["TIE:a:b", "", "IE:a", "TIE:a:b:absent", "ö”", "", "b", "TIE:a"];
    const blob = Buffer.from(texts.join(""));
    const offsets = new Float64Array(texts.length + 1);
    for (let i = 0, at = 0; i < texts.length; i++) offsets[i + 1] = at += Buffer.byteLength(texts[i]);
    texts.forEach((text, i) => expect(textIndexOf(blob, offsets, text)).toBe(texts.indexOf(text) === i ? i : texts.indexOf(text)));
    for (const text of ["TIE", "a:b", "E:a", "absent", "ö", "”", "bT", "TIE:a:b:"]) expect(textIndexOf(blob, offsets, text)).toBe(-1);
    expect(textIndexOf(Buffer.alloc(0), new Float64Array([0]), "")).toBe(-1);
  });
});
