// The traversal index against a plain breadth-first search over graphology:
// same path lengths on random graphs, type filters, absent and rejected
// relationships skipped, and patches after writes equal to a fresh build.
import Graph from "graphology";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EDGE_DELETED, TraversalIndex, walkFilter, type WalkFilter } from "../../graph/algorithms/traversal-index.js";
import { allShortestPaths, bidirectionalPath, neighbourhoodOf } from "../../graph/algorithms/traversal-search.js";
import { relationshipId } from "../../graph/merge.js";
import { REL_SPECS, type Polarity, type RelType } from "../../graph/schema.js";
import type { EdgeAttributes, GraphAttributes, NodeAttributes, UnionGraph } from "../../graph/types.js";

const TYPES: RelType[] = ["TIE", "MEMBER_OF", "PRESSURES", "BLOCKS"];

interface EdgeSpec {
  a: number;
  b: number;
  type: RelType;
  absent: boolean;
  rejected: boolean;
}

function newGraph(): UnionGraph {
  return new Graph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: "mixed", multi: true, allowSelfLoops: false });
}

function addNode(g: UnionGraph, i: number) {
  g.mergeNode(`n${i}`, { nodeLabel: "Organization", kind: "union", name: `N${i}`, aliases: [], documents: [], mentions: 0, origin: "manual" });
}

function addEdge(g: UnionGraph, e: EdgeSpec, confidence = 0.5) {
  const polarity: Polarity = e.absent ? "absent" : "present";
  const [s, t] = [`n${e.a}`, `n${e.b}`];
  const key = relationshipId(e.type, s, t, polarity);
  if (g.hasEdge(key) || s === t) return;
  addNode(g, e.a);
  addNode(g, e.b);
  const attrs: EdgeAttributes = { type: e.type, polarity, confidence, origin: "manual", evidence: [], ...(e.rejected ? { review: { decision: "reject", by: "t", at: "2026" } } : {}) };
  if (REL_SPECS[e.type].directed) g.addDirectedEdgeWithKey(key, s, t, attrs);
  else g.addUndirectedEdgeWithKey(key, ...([s, t].sort() as [string, string]), attrs);
}

function buildGraph(n: number, edges: EdgeSpec[]): UnionGraph {
  const g = newGraph();
  for (let i = 0; i < n; i++) addNode(g, i);
  for (const e of edges) addEdge(g, e);
  return g;
}

/** Distances from `from` by plain BFS over graphology, walking every allowed relationship both ways. */
function plainDistances(g: UnionGraph, from: string, types: readonly RelType[], includeAbsent: boolean): Map<string, number> {
  const dist = new Map([[from, 0]]);
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const u of frontier)
      g.forEachEdge(u, (_k, a, s, t) => {
        if (!types.includes(a.type) || (a.polarity === "absent" && !includeAbsent) || a.review?.decision === "reject") return;
        const v = s === u ? t : s;
        if (dist.has(v)) return;
        dist.set(v, dist.get(u)! + 1);
        next.push(v);
      });
    frontier = next;
  }
  return dist;
}

const edgeArb = (n: number) =>
  fc.record({ a: fc.nat(n - 1), b: fc.nat(n - 1), type: fc.constantFrom(...TYPES), absent: fc.boolean(), rejected: fc.boolean() }, { requiredKeys: ["a", "b", "type", "absent", "rejected"] })
    .map((e) => ({ ...e, absent: e.absent && e.a % 3 === 0, rejected: e.rejected && e.b % 4 === 0 }));

const graphArb = fc.integer({ min: 2, max: 30 }).chain((n) => fc.tuple(fc.constant(n), fc.array(edgeArb(n), { maxLength: 120 })));
const optionsArb = fc.record({ types: fc.subarray(TYPES, { minLength: 1 }), includeAbsent: fc.boolean() });

/** A write that patches the index: a relationship added or dropped, one rejected, a node dropped (nodes n0..n{nodes-1}). */
function patchOp(nodes: number) {
  return fc.oneof(
    fc.record({ kind: fc.constant("add" as const), edge: edgeArb(nodes) }),
    fc.record({ kind: fc.constant("drop" as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant("reject" as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant("dropNode" as const), node: fc.nat(nodes - 1) }),
  );
}
type PatchOp = ReturnType<typeof patchOp> extends fc.Arbitrary<infer T> ? T : never;

/** Makes the writes on the graph (an attached index follows them). */
function applyPatches(g: UnionGraph, ops: PatchOp[]): void {
  for (const o of ops) {
    if (o.kind === "add") addEdge(g, o.edge);
    else if (o.kind === "dropNode") {
      if (g.hasNode(`n${o.node}`)) g.dropNode(`n${o.node}`);
    } else if (g.size) {
      const key = g.edges()[o.pick % g.size];
      if (o.kind === "drop") g.dropEdge(key);
      else g.mergeEdgeAttributes(key, { review: { decision: "reject", by: "t", at: "2026" } });
    }
  }
}

/** Checks that a path walks allowed relationships between consecutive nodes. */
function expectWalkable(ix: TraversalIndex, g: UnionGraph, nodes: number[], edges: number[], types: readonly RelType[], includeAbsent: boolean) {
  expect(edges).toHaveLength(nodes.length - 1);
  edges.forEach((e, i) => {
    const key = ix.edgeKeys[e];
    const ends = [g.source(key), g.target(key)].sort();
    expect(ends).toEqual([ix.nodeKeys[nodes[i]], ix.nodeKeys[nodes[i + 1]]].sort());
    const a = g.getEdgeAttributes(key);
    expect(types).toContain(a.type);
    expect(a.review?.decision).not.toBe("reject");
    if (!includeAbsent) expect(a.polarity).toBe("present");
  });
}

/**
 * The bidirectional search written plainly (per-node parents in maps, each
 * level's work summed in full): expand the side whose level has the smaller
 * work (forward on ties), stop at the first meeting. A level's work counts a
 * node's row for a node reached by a row relationship, its whole degree for
 * the start nodes and nodes reached by a relationship added since the build.
 */
function plainBidirectional(ix: TraversalIndex, s: number, t: number, filter: WalkFilter, maxHops = Infinity): { nodes: number[]; edges: number[] } | null {
  if (s === t) return { nodes: [s], edges: [] };
  const rows = ix.offsets.length - 1;
  const marks = [new Map([[s, { par: -1, e: -1 }]]), new Map([[t, { par: -1, e: -1 }]])];
  const sides = [{ level: [s], work: ix.degree(s) }, { level: [t], work: ix.degree(t) }];
  let depth = 0;
  let meet = -1;
  while (sides[0].level.length && sides[1].level.length && depth < maxHops && meet < 0) {
    const k = sides[0].work <= sides[1].work ? 0 : 1;
    const [mine, other] = [marks[k], marks[1 - k]];
    const next: number[] = [];
    let work = 0;
    for (const u of sides[k].level)
      ix.forEachNeighbour(u, filter, (v, e) => {
        if (meet >= 0 || mine.has(v)) return;
        mine.set(v, { par: u, e });
        if (other.has(v)) meet = v;
        else {
          next.push(v);
          work += e >= ix.rowEdges ? ix.degree(v) : v < rows ? ix.offsets[v + 1] - ix.offsets[v] : 1;
        }
      });
    sides[k] = { level: next, work };
    depth++;
  }
  if (meet < 0) return null;
  const nodes: number[] = [];
  const edges: number[] = [];
  for (let v = meet; v !== s; v = marks[0].get(v)!.par) {
    nodes.unshift(v);
    edges.unshift(marks[0].get(v)!.e);
  }
  nodes.unshift(s);
  for (let v = meet; v !== t; v = marks[1].get(v)!.par) {
    edges.push(marks[1].get(v)!.e);
    nodes.push(marks[1].get(v)!.par);
  }
  return { nodes, edges };
}

describe("TraversalIndex", () => {
  it("finds shortest paths as long as a plain BFS's on random graphs, for every type filter", () => {
    fc.assert(
      fc.property(graphArb, optionsArb, ([n, edges], options) => {
        const g = buildGraph(n, edges);
        const ix = TraversalIndex.fromGraph(g);
        const filter = walkFilter(options);
        for (let s = 0; s < n; s++) {
          const dist = plainDistances(g, `n${s}`, options.types, options.includeAbsent);
          for (let t = 0; t < n; t++) {
            const path = bidirectionalPath(ix, ix.indexOf(`n${s}`), ix.indexOf(`n${t}`), filter);
            const expected = dist.get(`n${t}`);
            if (expected === undefined) expect(path).toBeNull();
            else {
              expect(path!.nodes.length - 1).toBe(expected);
              expect(ix.nodeKeys[path!.nodes[0]]).toBe(`n${s}`);
              expect(ix.nodeKeys[path!.nodes.at(-1)!]).toBe(`n${t}`);
              expectWalkable(ix, g, path!.nodes, path!.edges, options.types, options.includeAbsent);
            }
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it("lists every shortest path once, each as long as the distance", () => {
    fc.assert(
      fc.property(graphArb, fc.nat(), fc.nat(), ([n, edges], a, b) => {
        const g = buildGraph(n, edges);
        const ix = TraversalIndex.fromGraph(g);
        const [s, t] = [`n${a % n}`, `n${b % n}`];
        const dist = plainDistances(g, s, TYPES, false);
        const back = plainDistances(g, t, TYPES, false);
        const paths = allShortestPaths(ix, ix.indexOf(s), ix.indexOf(t), walkFilter({ types: TYPES }), Infinity, 10_000);
        const d = dist.get(t);
        if (d === undefined) {
          expect(paths).toEqual([]);
          return;
        }
        // Count shortest paths by dynamic programming over the BFS levels.
        const count = new Map<string, number>([[s, 1]]);
        const byLevel = [...dist.entries()].sort((x, y) => x[1] - y[1]);
        for (const [v, dv] of byLevel) {
          if (v === s) continue;
          let c = 0;
          for (const u of new Set(g.neighbors(v))) {
            const ok = g.edges(u, v).concat(g.edges(v, u)).some((k) => g.getEdgeAttribute(k, "polarity") === "present" && g.getEdgeAttribute(k, "review")?.decision !== "reject");
            if (ok && dist.get(u) === dv - 1) c += count.get(u) ?? 0;
          }
          count.set(v, c);
        }
        expect(paths).toHaveLength(count.get(t)!);
        expect(new Set(paths.map((p) => p.nodes.join(","))).size).toBe(paths.length);
        for (const p of paths) {
          expect(p.nodes.length - 1).toBe(d);
          for (const v of p.nodes) expect((dist.get(ix.nodeKeys[v]) ?? -1) + (back.get(ix.nodeKeys[v]) ?? -99)).toBe(d);
          expectWalkable(ix, g, p.nodes, p.edges, TYPES, false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("follows only the asked types", () => {
    const g = buildGraph(3, [
      { a: 0, b: 1, type: "TIE", absent: false, rejected: false },
      { a: 1, b: 2, type: "MEMBER_OF", absent: false, rejected: false },
    ]);
    const ix = TraversalIndex.fromGraph(g);
    const [a, c] = [ix.indexOf("n0"), ix.indexOf("n2")];
    expect(bidirectionalPath(ix, a, c, walkFilter({ types: ["TIE"] }))).toBeNull();
    expect(bidirectionalPath(ix, a, c, walkFilter({ types: ["TIE", "MEMBER_OF"] }))!.nodes.map((i) => ix.nodeKeys[i])).toEqual(["n0", "n1", "n2"]);
  });

  it("skips absent relationships unless asked and rejected ones always", () => {
    const g = buildGraph(4, [
      { a: 0, b: 1, type: "TIE", absent: true, rejected: false },
      { a: 1, b: 2, type: "TIE", absent: false, rejected: true },
      { a: 0, b: 3, type: "TIE", absent: false, rejected: false },
    ]);
    const ix = TraversalIndex.fromGraph(g);
    const id = (k: string) => ix.indexOf(k);
    expect(bidirectionalPath(ix, id("n0"), id("n1"), walkFilter())).toBeNull();
    expect(bidirectionalPath(ix, id("n0"), id("n1"), walkFilter({ includeAbsent: true }))!.nodes).toHaveLength(2);
    expect(bidirectionalPath(ix, id("n0"), id("n2"), walkFilter({ includeAbsent: true }))).toBeNull();
    expect(neighbourhoodOf(ix, id("n0"), walkFilter(), 2, 100).nodes.map((i) => ix.nodeKeys[i]).sort()).toEqual(["n0", "n3"]);
  });

  it("stops at maxHops", () => {
    const g = buildGraph(5, [0, 1, 2, 3].map((i) => ({ a: i, b: i + 1, type: "TIE" as const, absent: false, rejected: false })));
    const ix = TraversalIndex.fromGraph(g);
    expect(bidirectionalPath(ix, ix.indexOf("n0"), ix.indexOf("n4"), walkFilter(), 3)).toBeNull();
    expect(bidirectionalPath(ix, ix.indexOf("n0"), ix.indexOf("n4"), walkFilter(), 4)!.edges).toHaveLength(4);
    expect(allShortestPaths(ix, ix.indexOf("n0"), ix.indexOf("n4"), walkFilter(), 3)).toEqual([]);
  });

  it("answers like a fresh build after patches from writes", () => {
    const op = patchOp(30);
    fc.assert(
      fc.property(fc.array(edgeArb(30), { maxLength: 60 }), fc.array(op, { maxLength: 40 }), (initial, ops) => {
        const g = buildGraph(20, initial);
        const ix = TraversalIndex.fromGraph(g);
        ix.attach(g);
        applyPatches(g, ops);
        ix.detach();
        const fresh = TraversalIndex.fromGraph(g);
        const filter = walkFilter({ types: TYPES, includeAbsent: true });
        for (const s of g.nodes())
          for (const t of g.nodes()) {
            const a = bidirectionalPath(ix, ix.indexOf(s), ix.indexOf(t), filter);
            const b = bidirectionalPath(fresh, fresh.indexOf(s), fresh.indexOf(t), filter);
            expect(a?.nodes.length ?? -1).toBe(b?.nodes.length ?? -1);
            if (a) expectWalkable(ix, g, a.nodes, a.edges, TYPES, true);
          }
        for (const gone of ["n0", "n1", "n2"]) if (!g.hasNode(gone)) expect(ix.indexOf(gone)).toBe(-1);
      }),
      { numRuns: 60 },
    );
  });

  it("returns the very path of the plain bidirectional search, and keeps each row slot's bits equal to its relationship's, before and after patches", () => {
    // Sparse graphs of 60 nodes: paths of several hops with many equally short alternatives.
    const op = patchOp(70);
    const samePaths = (ix: TraversalIndex, g: UnionGraph, filter: WalkFilter, maxHops: number) => {
      for (const s of g.nodes().slice(0, 12))
        for (const t of g.nodes()) {
          const [a, b] = [ix.indexOf(s), ix.indexOf(t)];
          expect(bidirectionalPath(ix, a, b, filter, maxHops)).toEqual(plainBidirectional(ix, a, b, filter, maxHops));
        }
      for (let k = 0; k < ix.adjEdge.length; k++) expect(ix.adjBits[k]).toBe(ix.edgeBits[ix.adjEdge[k]]);
    };
    fc.assert(
      fc.property(fc.array(edgeArb(60), { minLength: 40, maxLength: 160 }), fc.array(op, { maxLength: 40 }), optionsArb, fc.integer({ min: 1, max: 8 }), (initial, ops, options, maxHops) => {
        const g = buildGraph(60, initial);
        const ix = TraversalIndex.fromGraph(g);
        const filter = walkFilter(options);
        samePaths(ix, g, filter, maxHops);
        ix.attach(g);
        applyPatches(g, ops);
        ix.detach();
        samePaths(ix, g, filter, maxHops);
      }),
      { numRuns: 60 },
    );
  });

  it("holds the graph's own attribute objects while attached, through additions, drops, replacements, merges and updates", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), edge: edgeArb(30) }),
      fc.record({ kind: fc.constant("drop" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("dropNode" as const), node: fc.nat(29) }),
      fc.record({ kind: fc.constant("replaceEdge" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("mergeEdge" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("replaceNode" as const), node: fc.nat(29) }),
      fc.record({ kind: fc.constant("updateNode" as const), node: fc.nat(29) }),
    );
    fc.assert(
      fc.property(fc.array(edgeArb(30), { maxLength: 60 }), fc.array(op, { maxLength: 40 }), (initial, ops) => {
        const g = buildGraph(20, initial);
        const ix = TraversalIndex.fromGraph(g);
        expect(ix.nodeAttributes(0)).toBeUndefined();
        ix.attach(g);
        for (const o of ops) {
          const node = "node" in o ? `n${o.node}` : "";
          const key = "pick" in o && g.size ? g.edges()[o.pick % g.size] : "";
          if (o.kind === "add") addEdge(g, o.edge);
          else if (o.kind === "dropNode") g.hasNode(node) && g.dropNode(node);
          else if (o.kind === "replaceNode") g.hasNode(node) && g.replaceNodeAttributes(node, { ...g.getNodeAttributes(node), name: "renamed" });
          else if (o.kind === "updateNode") g.hasNode(node) && g.updateNode(node, (a) => ({ ...(a as NodeAttributes), mentions: 7 }));
          else if (key && o.kind === "drop") g.dropEdge(key);
          else if (key && o.kind === "replaceEdge") g.replaceEdgeAttributes(key, { ...g.getEdgeAttributes(key), confidence: 0.9 });
          else if (key && o.kind === "mergeEdge") g.mergeEdgeAttributes(key, { strength: "strong" });
        }
        for (const k of g.nodes()) expect(ix.nodeAttributes(ix.indexOf(k))).toBe(g.getNodeAttributes(k));
        for (let e = 0; e < ix.edgeCount; e++) {
          const k = ix.edgeKey(e);
          if ((ix.edgeBits[e] & EDGE_DELETED) === 0) expect(ix.edgeAttributes(e)).toBe(g.getEdgeAttributes(k));
          else expect(ix.edgeAttributes(e)).toBeUndefined();
        }
        ix.detach();
        expect(ix.nodeAttributes(0)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it("stops holding attribute objects, and reports stale, when every node's attributes change at once", () => {
    const g = buildGraph(3, [{ a: 0, b: 1, type: "TIE", absent: false, rejected: false }]);
    const ix = TraversalIndex.fromGraph(g);
    ix.attach(g);
    expect(ix.nodeAttributes(ix.indexOf("n0"))).toBe(g.getNodeAttributes("n0"));
    g.updateEachNodeAttributes((_k, a) => ({ ...a, mentions: 1 }));
    expect(ix.stale).toBe(true);
    expect(ix.nodeAttributes(ix.indexOf("n0"))).toBeUndefined();
  });

  it("reports stale after the graph is cleared", () => {
    const g = buildGraph(3, [{ a: 0, b: 1, type: "TIE", absent: false, rejected: false }]);
    const ix = TraversalIndex.fromGraph(g);
    ix.attach(g);
    expect(ix.stale).toBe(false);
    g.clear();
    expect(ix.stale).toBe(true);
  });
});
