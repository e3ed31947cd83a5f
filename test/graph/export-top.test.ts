// ExportFilter.top, the overview of a graph too large to draw whole: the
// `top` non-Document nodes by degree over the relationships the other filters
// keep (ties by id), and the relationships among them (graph/filter.ts). The
// three ways an export is answered must agree exactly: the serialised-graph
// filter (what the Neo4j store uses), the embedded store's built graph
// (exportFrom) and its snapshot (exportFromSnapshot, with and without node
// classes); and the choice must be the one a plain sort of every node gives.
import { describe, expect, it } from "vitest";
import { filterSerializedGraph, topByValue } from "../../graph/filter.js";
import type { ExportFilter } from "../../graph/store.js";
import type { EdgeAttributes, NodeAttributes, SerializedGraph } from "../../graph/types.js";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";
import { expectSame, graphStore, rewrite, snapshotStore, writeReviewedStore } from "./snapshot-fixtures.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-export-top-");

const node = (key: string, extra: Partial<NodeAttributes> = {}) => ({
  key,
  attributes: { nodeLabel: "Organization", kind: "union", name: key, aliases: [], documents: [], mentions: 0, origin: "imported", ...extra } as NodeAttributes,
});
const edge = (source: string, target: string, type: string, extra: Partial<EdgeAttributes> = {}) => ({
  key: `${type}:${source}:${target}`,
  source,
  target,
  attributes: { type, polarity: "present", confidence: 0.7, origin: "manual", evidence: [], ...extra } as EdgeAttributes,
});

/**
 * A small graph whose ranking is worked out by hand. Degrees (every
 * relationship kept): hub 4, b 3, c 3 (b and c have two FUNDS between them:
 * parallel relationships count twice), a 2, d 1, e 1, lone 0. Counting wrongly
 * changes the top: e's two rejected relationships would give it 3 (above a),
 * the document's MENTIONS would give a 3 (tied with b and c, first by id).
 */
function small(): SerializedGraph {
  return {
    attributes: {},
    options: { type: "mixed", multi: true, allowSelfLoops: false },
    nodes: [node("lone"), node("e", { kind: "ngo" }), node("d"), node("c"), node("hub"), node("b"), node("a"), node("doc", { nodeLabel: "Document", kind: "document" })],
    edges: [
      edge("hub", "a", "TIE"),
      edge("hub", "b", "MEMBER_OF"),
      edge("hub", "d", "TIE", { polarity: "absent" }),
      edge("hub", "e", "FUNDS", { confidence: 0.3 }),
      edge("b", "c", "FUNDS"),
      { ...edge("c", "b", "FUNDS"), key: "FUNDS:c:b:2" },
      edge("a", "c", "TIE", { since: 2015 }),
      edge("e", "a", "OPPOSES", { review: { decision: "reject", by: "t", at: "x" } }),
      edge("e", "c", "BLOCKS", { review: { decision: "reject", by: "t", at: "x" } }),
      edge("doc", "hub", "MENTIONS"),
      edge("doc", "a", "MENTIONS"),
      edge("doc", "lone", "MENTIONS"),
    ],
  };
}

const keysOf = (g: SerializedGraph) => ({ nodes: g.nodes.map((n) => n.key), edges: g.edges.map((e) => e.key) });

describe("ExportFilter.top on a serialised graph", () => {
  it("keeps the best-connected nodes, ties by id, and the relationships among them in their order", () => {
    expect(keysOf(filterSerializedGraph(small(), { top: 3 }))).toEqual({ nodes: ["c", "hub", "b"], edges: ["MEMBER_OF:hub:b", "FUNDS:b:c", "FUNDS:c:b:2"] });
    // Four: a comes in (not e, whose relationships are rejected), with its TIEs to hub and c.
    expect(keysOf(filterSerializedGraph(small(), { top: 4 }))).toEqual({
      nodes: ["c", "hub", "b", "a"],
      edges: ["TIE:hub:a", "MEMBER_OF:hub:b", "FUNDS:b:c", "FUNDS:c:b:2", "TIE:a:c"],
    });
    // Five: d and e tie at 1, d first by id.
    expect(keysOf(filterSerializedGraph(small(), { top: 5 })).nodes).toEqual(["d", "c", "hub", "b", "a"]);
  });

  it("counts only what the other filters keep", () => {
    // Without absent ties and FUNDS: hub 2 (TIE a, MEMBER_OF b), a 2 (hub, c), b 1, c 1.
    expect(keysOf(filterSerializedGraph(small(), { top: 2, includeAbsent: false, types: ["TIE", "MEMBER_OF"] }))).toEqual({ nodes: ["hub", "a"], edges: ["TIE:hub:a"] });
    // Without the low-confidence FUNDS to e, hub has 3 as b and c do: b first by id.
    expect(keysOf(filterSerializedGraph(small(), { top: 1 })).nodes).toEqual(["hub"]);
    expect(keysOf(filterSerializedGraph(small(), { top: 1, minConfidence: 0.5 })).nodes).toEqual(["b"]);
    // Only unions' FUNDS: b 2, c 2, every other 0.
    expect(keysOf(filterSerializedGraph(small(), { top: 2, kinds: ["union"], types: ["FUNDS"] })).nodes).toEqual(["c", "b"]);
    // Ids: among a, c and e only (the document id is no node of an overview).
    expect(keysOf(filterSerializedGraph(small(), { top: 3, nodeIds: ["a", "c", "e", "doc"] }))).toEqual({ nodes: ["e", "c", "a"], edges: ["TIE:a:c"] });
  });

  it("keeps the included nodes the node filters keep besides the top, with the relationships among all of them", () => {
    // Top 1 is hub; lone and d come in (lone has no relationship, d's absent TIE to hub comes with it); the document and unknown ids never.
    expect(keysOf(filterSerializedGraph(small(), { top: 1, include: ["d", "lone", "doc", "nowhere"] }))).toEqual({ nodes: ["lone", "d", "hub"], edges: ["TIE:hub:d"] });
    // Among unions b, c and hub tie at 3 (b first by id); e fails the kind filter, hub comes in with its MEMBER_OF to b.
    expect(keysOf(filterSerializedGraph(small(), { top: 1, kinds: ["union"], include: ["e", "hub"] }))).toEqual({ nodes: ["hub", "b"], edges: ["MEMBER_OF:hub:b"] });
    // With ids: added to them; without top or ids: nothing changes.
    expect(keysOf(filterSerializedGraph(small(), { nodeIds: ["a"], include: ["c"] }))).toEqual({ nodes: ["c", "a"], edges: ["TIE:a:c"] });
    expect(filterSerializedGraph(small(), { include: ["a"] })).toEqual(filterSerializedGraph(small(), {}));
  });

  it("never keeps a document, keeps every other node when top exceeds them and nothing for top 0", () => {
    const all = filterSerializedGraph(small(), { top: 100 });
    expect(all.nodes.map((n) => n.key)).toEqual(["lone", "e", "d", "c", "hub", "b", "a"]);
    expect(all.edges.some((e) => e.attributes.type === "MENTIONS" || e.attributes.review)).toBe(false);
    expect(all.edges).toHaveLength(7);
    expect(filterSerializedGraph(small(), { top: 0 })).toMatchObject({ nodes: [], edges: [] });
    expect(filterSerializedGraph(small(), { top: 2.9 }).nodes.map((n) => n.key)).toEqual(["hub", "b"]);
  });
});

describe("topByValue", () => {
  it("agrees with a full sort by degree then id on many ties", () => {
    const keys = Array.from({ length: 500 }, (_v, i) => `n${(i * 7919) % 500}`);
    const degree = Array.from({ length: 500 }, (_v, i) => (i * 31) % 13);
    const order = keys.map((_k, i) => i).sort((x, y) => degree[y] - degree[x] || (keys[x] < keys[y] ? -1 : 1));
    for (const top of [0, 1, 37, 38, 250, 499, 500, 900]) {
      const chosen = topByValue(Int32Array.from(keys, (_k, i) => i), (i) => degree[i], (i) => keys[i], top).sort((x, y) => x - y);
      expect(chosen).toEqual(order.slice(0, top).sort((x, y) => x - y));
    }
  });
});

/** A generated graph with a country on a few nodes and years on some relationships. */
function generated(): SerializedGraph {
  const { graph } = generateScaleFree({ nodes: 400, m: 3, seed: 11, absentShare: 0.15 });
  graph.edges.forEach((e, i) => {
    if (i % 4 === 0) Object.assign(e.attributes, { since: 1990 + (i % 30) });
    if (i % 7 === 0) Object.assign(e.attributes, { confidence: 0.4 });
  });
  return graph;
}

const FILTERS: ExportFilter[] = [
  { top: 25 },
  { top: 25, withoutDocuments: true },
  { top: 1 },
  { top: 0 },
  { top: 10_000 },
  { top: 40, types: ["TIE", "MEMBER_OF"] },
  { top: 40, includeAbsent: false },
  { top: 30, kinds: ["union", "federation"] },
  { top: 30, countries: ["JP", "KR", "DE"] },
  { top: 5, nodeIds: ["o1", "o2", "o3", "o10", "o20", "o30", "o40", "kctu", "rengo", "doc-a", "nowhere"] },
  { top: 30, minConfidence: 0.6 },
  { top: 30, minConfidence: 0.4 },
  { top: 30, minConfidence: 0.7000001 },
  { top: 30, fromYear: 2005, toYear: 2012 },
  { top: 20, types: ["MENTIONS"] },
  // Nodes brought into an overview: kept besides the top when the node filters keep them (never a document or an unknown id).
  { top: 10, include: ["o300", "o399", "kctu", "doc-a", "nowhere"] },
  { top: 10, withoutDocuments: true, include: ["o1", "o398"], types: ["TIE"] },
  { top: 10, countries: ["JP", "KR"], include: ["o399", "kctu", "thai-unions"] },
  { top: 0, include: ["o5", "o6"] },
  { top: 5, nodeIds: ["o1", "o2", "o3"], include: ["o4", "o300"] },
  // Without the nodes no kept relationship touches (a country filter leaves many).
  { top: 60, countries: ["JP", "KR"], withoutIsolated: true },
  { top: 10, include: ["o399", "kctu"], types: ["TIE"], withoutIsolated: true },
  { countries: ["JP"], withoutIsolated: true },
  { nodeIds: ["o1", "o2", "o3", "o350"], withoutIsolated: true },
];

/** What a plain reading of the rule gives: every relationship the filter keeps (no top), degrees, a full sort. */
function reference(whole: SerializedGraph, filter: ExportFilter): string[] {
  const { top, include = [], ...rest } = filter;
  const kept = filterSerializedGraph(whole, { ...rest, withoutIsolated: false, withoutDocuments: true });
  const degree = new Map(kept.nodes.map((n) => [n.key, 0]));
  for (const e of kept.edges) for (const end of [e.source, e.target]) degree.set(end, degree.get(end)! + 1);
  const chosen = [...degree.keys()].sort((x, y) => degree.get(y)! - degree.get(x)! || (x < y ? -1 : 1)).slice(0, top);
  // Included nodes the other filters keep come besides the top (with ids, besides those ids).
  const known = new Set(filterSerializedGraph(whole, { ...rest, nodeIds: undefined, withoutIsolated: false, withoutDocuments: true }).nodes.map((n) => n.key));
  const extra = include.filter((id) => known.has(id));
  const ids = new Set([...chosen, ...extra]);
  if (!rest.withoutIsolated) return [...ids].sort();
  // Then only those a relationship among the kept ones touches.
  const touched = new Set(keptEnds(whole, rest, ids));
  return [...ids].filter((id) => touched.has(id)).sort();
}

/** The ends of the relationships the filter keeps among `kept`. */
function keptEnds(whole: SerializedGraph, rest: ExportFilter, kept: Set<string>): string[] {
  const all = filterSerializedGraph(whole, { ...rest, withoutIsolated: false, withoutDocuments: true });
  return all.edges.filter((e) => kept.has(e.source) && kept.has(e.target)).flatMap((e) => [e.source, e.target]);
}

describe("ExportFilter.top in the embedded store", () => {
  it("gives the same overview from the built graph, the snapshot and the serialised-graph filter, the one a full sort gives", async () => {
    const dir = tempDir();
    await writeReviewedStore(dir, generated(), [bundleA(), bundleB(), bundleC()]);
    const snap = await snapshotStore(dir);
    const plain = await graphStore(dir);
    const whole = await plain.exportGraph({});
    for (const filter of FILTERS) {
      const expected = await plain.exportGraph(filter);
      expectSame(await snap.exportGraph(filter), expected);
      expectSame(filterSerializedGraph(whole, filter), expected);
      expect(expected.nodes.map((n) => n.key).sort(), JSON.stringify(filter)).toEqual(reference(whole, filter));
      expect(expected.nodes.some((n) => n.attributes.nodeLabel === "Document")).toBe(false);
    }
    // The filters cut for real: the overview is the asked size and differs from the first nodes in order.
    const overview = await snap.exportGraph({ top: 25 });
    expect(overview.nodes).toHaveLength(25);
    expect(overview.edges.length).toBeGreaterThan(25);
    expect(overview.nodes.map((n) => n.key)).not.toEqual(whole.nodes.slice(0, 25).map((n) => n.key));
    expect((await snap.exportGraph({ top: 40, types: ["TIE", "MEMBER_OF"] })).nodes.map((n) => n.key)).not.toEqual((await snap.exportGraph({ top: 40 })).nodes.map((n) => n.key));
    expect(snap.fromSnapshot).toBe(true);
  });

  it("gives the same overview from a snapshot written without node classes", async () => {
    const dir = tempDir();
    await writeReviewedStore(dir, generated(), [bundleA(), bundleB(), bundleC()]);
    const plain = await graphStore(dir);
    rewrite(dir, plain, false);
    const snap = await snapshotStore(dir);
    for (const filter of FILTERS) expectSame(await snap.exportGraph(filter), await plain.exportGraph(filter));
    expect(snap.fromSnapshot).toBe(true);
  });
});
