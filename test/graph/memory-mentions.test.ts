// The embedded store keeps a node's `documents` and `mentions` up to date by
// the change a document write makes, for the nodes it knows are derived from
// their MENTIONS. Random sequences of writes (ingest, re-ingest, removal,
// failed writes rolled back, imports with any stored values, reviews of a
// count) must leave exactly the graph a store that recomputes both from all
// MENTIONS on every write leaves.
import { describe, expect, test } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import type { SerializedGraph } from "../../graph/types.js";
import { NODES, makeBundle } from "./store-fixtures.js";
import { seededRandom } from "../../graph/figure/layout.js";

const ORGS = ["rengo", "kctu", "zenroren", "ituc", "fktu", "mofa", "kpa-fta", "thai-unions", "lone-ngo"];
const DOCS = ["doc-a", "doc-b", "doc-c", "doc-d", "doc-e", "doc-f"];

/** A small seeded generator (graph/figure/layout.ts) (mulberry32). */
const random = seededRandom;

/** A set that never holds anything: the store then recomputes every node from all its MENTIONS. */
class NeverSet extends Set<string> {
  override has(): boolean {
    return false;
  }
}

function derivedOf(store: MemoryStore): Set<string> {
  return (store as unknown as { derived: Set<string> }).derived;
}

/** A store that recomputes `documents`/`mentions` from all MENTIONS on every write (the definition). */
function recomputingStore(): MemoryStore {
  const store = new MemoryStore();
  (store as unknown as { derived: Set<string> }).derived = new NeverSet();
  return store;
}

type Op =
  | { kind: "ingest"; bundle: ReturnType<typeof makeBundle> }
  | { kind: "remove"; id: string }
  | { kind: "fail"; bundle: ReturnType<typeof makeBundle>; at: number }
  | { kind: "import"; data: SerializedGraph }
  | { kind: "review"; mentionOf: string; count: number };

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)];
}

/** A random document: some organisations with counts, ties between them with quotes from its text. */
function randomBundle(rnd: () => number, id: string, version: number) {
  const mentioned = ORGS.filter(() => rnd() < 0.45);
  if (mentioned.length === 0) mentioned.push(pick(rnd, ORGS));
  const mentions: Record<string, number> = {};
  for (const org of mentioned) mentions[org] = 1 + Math.floor(rnd() * 6);
  const sentences: string[] = [];
  const rels: Parameters<typeof makeBundle>[3] = [];
  for (let k = 0; k < mentioned.length; k++) {
    const a = pick(rnd, mentioned);
    const b = pick(rnd, mentioned);
    if (a === b) continue;
    const quote = `Sentence ${k} of version ${version} links ${NODES[a][1]} with ${NODES[b][1]}.`;
    sentences.push(quote);
    rels.push(["TIE", a, b, quote, { confidence: Math.round(rnd() * 100) / 100 }]);
  }
  // A node listed twice: the later count wins.
  if (rnd() < 0.2) mentions[mentioned[0]] = 1 + Math.floor(rnd() * 6);
  const bundle = makeBundle(id, `${id} version ${version}. ${sentences.join(" ")}`, mentions, rels);
  if (rnd() < 0.15) bundle.nodes.push({ ...bundle.nodes[0], mentions: 1 + Math.floor(rnd() * 3) });
  return bundle;
}

/** An import that gives nodes any stored documents/mentions and MENTIONS with any counts (some not whole). */
function randomImport(rnd: () => number): SerializedGraph {
  const nodes: SerializedGraph["nodes"] = [];
  const edges: SerializedGraph["edges"] = [];
  const doc = `doc-imp${Math.floor(rnd() * 3)}`;
  nodes.push({ key: doc, attributes: { nodeLabel: "Document", kind: "document", name: doc, aliases: [], documents: [], mentions: 0, origin: "imported" } as never });
  for (const org of ORGS.filter(() => rnd() < 0.4)) {
    const [id, name, kind] = NODES[org];
    nodes.push({ key: id, attributes: { nodeLabel: "Organization", kind, name, aliases: [], documents: ["zz-stale"], mentions: Math.floor(rnd() * 50), origin: "imported" } as never });
    const count = rnd() < 0.3 ? Math.round(rnd() * 30) / 10 : Math.floor(rnd() * 5);
    edges.push({ key: `MENTIONS:${doc}:${id}`, source: doc, target: id, attributes: { type: "MENTIONS", polarity: "present", confidence: 1, origin: "manual", evidence: [], count } as never });
  }
  return { options: { type: "mixed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges } as SerializedGraph;
}

function randomOp(rnd: () => number, step: number): Op {
  const r = rnd();
  const id = pick(rnd, DOCS);
  if (r < 0.5) return { kind: "ingest", bundle: randomBundle(rnd, id, step) };
  if (r < 0.62) return { kind: "remove", id };
  if (r < 0.78) return { kind: "fail", bundle: randomBundle(rnd, id, step), at: 1 + Math.floor(rnd() * 12) };
  if (r < 0.9) return { kind: "import", data: randomImport(rnd) };
  return { kind: "review", mentionOf: pick(rnd, ORGS), count: Math.floor(rnd() * 9) };
}

/** Makes the graph throw on the n-th node or relationship write, once. */
function failOnNthWrite(store: MemoryStore, n: number): () => void {
  const g = store.graph as unknown as Record<string, (...args: unknown[]) => unknown>;
  const methods = ["addNode", "mergeNodeAttributes", "replaceNodeAttributes", "addDirectedEdgeWithKey", "addUndirectedEdgeWithKey", "replaceEdgeAttributes"];
  const originals = methods.map((m) => g[m]);
  let calls = 0;
  methods.forEach((m, i) => {
    const original = originals[i].bind(g);
    g[m] = (...args: unknown[]) => {
      if (++calls === n) throw new Error("injected fault");
      return original(...args);
    };
  });
  return () => methods.forEach((m, i) => (g[m] = originals[i]));
}

async function apply(store: MemoryStore, op: Op): Promise<string> {
  try {
    switch (op.kind) {
      case "ingest":
        return (await store.upsertDocument(structuredClone(op.bundle))).status;
      case "remove":
        return String(await store.removeDocument(op.id));
      case "fail": {
        const restore = failOnNthWrite(store, op.at);
        try {
          return (await store.upsertDocument(structuredClone(op.bundle))).status;
        } finally {
          restore();
        }
      }
      case "import":
        await store.importGraph(structuredClone(op.data));
        return "imported";
      case "review": {
        const [edge] = await store.findRelationships({ types: ["MENTIONS"], target: op.mentionOf });
        if (!edge) return "none";
        await store.reviewRelationship(edge.id, { decision: "correct", by: "test", at: "2026-01-01", changes: { count: op.count } as never });
        return "reviewed";
      }
    }
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** A node's documents and mentions as their definition gives them. */
function recomputed(store: MemoryStore, id: string): { documents: string[]; mentions: number } {
  const documents: string[] = [];
  let mentions = 0;
  store.graph.forEachInEdge(id, (_e, a, source) => {
    if (a.type !== "MENTIONS") return;
    documents.push(source);
    mentions += a.count ?? 0;
  });
  return { documents: documents.sort(), mentions };
}

describe("incremental documents and mentions in the embedded store", () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])("random writes with seed %i leave the graph a recomputing store leaves", async (seed) => {
    const rnd = random(seed);
    const incremental = new MemoryStore();
    const reference = recomputingStore();
    let derivedSeen = 0;
    for (let step = 0; step < 60; step++) {
      // Half the sequences start with an import into the empty store (stored values taken as they are).
      const op: Op = step === 0 && seed % 2 === 0 ? { kind: "import", data: randomImport(rnd) } : randomOp(rnd, step);
      const a = await apply(incremental, op);
      const b = await apply(reference, op);
      expect(a, `step ${step} (${op.kind})`).toBe(b);
      expect(JSON.stringify(incremental.graph.export()), `step ${step} (${op.kind})`).toBe(JSON.stringify(reference.graph.export()));
      // Every node the store treats as derived holds exactly what its MENTIONS give.
      for (const id of derivedOf(incremental)) {
        if (!incremental.graph.hasNode(id)) continue;
        const { documents, mentions } = incremental.graph.getNodeAttributes(id);
        expect({ documents, mentions }, `node ${id} at step ${step}`).toEqual(recomputed(incremental, id));
      }
      derivedSeen = Math.max(derivedSeen, derivedOf(incremental).size);
    }
    // The sequence did exercise the incremental path.
    expect(derivedSeen).toBeGreaterThan(3);
  });

  test("a node imported with stale values is recomputed from all its MENTIONS on its next write", async () => {
    const store = new MemoryStore();
    const [id, name, kind] = NODES.kctu;
    await store.importGraph({
      options: { type: "mixed", multi: true, allowSelfLoops: false },
      attributes: {},
      nodes: [
        { key: "doc-old", attributes: { nodeLabel: "Document", kind: "document", name: "old", aliases: [], documents: [], mentions: 0, origin: "imported" } },
        { key: id, attributes: { nodeLabel: "Organization", kind, name, aliases: [], documents: ["zz-stale"], mentions: 1000, origin: "imported" } },
      ],
      edges: [{ key: `MENTIONS:doc-old:${id}`, source: "doc-old", target: id, attributes: { type: "MENTIONS", polarity: "present", confidence: 1, origin: "manual", evidence: [], count: 3 } }],
    } as SerializedGraph);
    expect(store.graph.getNodeAttribute(id, "mentions")).toBe(1000);
    await store.upsertDocument(makeBundle("doc-b", "doc-b mentions KCTU.", { [id]: 2 }, []));
    expect(store.graph.getNodeAttribute(id, "documents")).toEqual(["doc-b", "doc-old"]);
    expect(store.graph.getNodeAttribute(id, "mentions")).toBe(5);
    await store.upsertDocument(makeBundle("doc-a", "doc-a mentions KCTU.", { [id]: 4 }, []));
    expect(store.graph.getNodeAttribute(id, "documents")).toEqual(["doc-a", "doc-b", "doc-old"]);
    expect(store.graph.getNodeAttribute(id, "mentions")).toBe(9);
  });

  test("a count that is not whole keeps the node recomputed, so the sum is the definition's to the last bit", async () => {
    const store = new MemoryStore();
    const reference = recomputingStore();
    const [id, name, kind] = NODES.kctu;
    const data = {
      options: { type: "mixed", multi: true, allowSelfLoops: false },
      attributes: {},
      nodes: [
        { key: "doc-old", attributes: { nodeLabel: "Document", kind: "document", name: "old", aliases: [], documents: [], mentions: 0, origin: "imported" } },
        { key: id, attributes: { nodeLabel: "Organization", kind, name, aliases: [], documents: [], mentions: 0, origin: "imported" } },
      ],
      edges: [{ key: `MENTIONS:doc-old:${id}`, source: "doc-old", target: id, attributes: { type: "MENTIONS", polarity: "present", confidence: 1, origin: "manual", evidence: [], count: 0.1 } }],
    } as SerializedGraph;
    // Listed twice, 5 then 1: by change alone 0.1 + 5 - 5 + 1 = 1.0999999999999996, by definition 0.1 + 1 = 1.1.
    const bundle = makeBundle("doc-b", "doc-b mentions KCTU.", { [id]: 5 }, []);
    bundle.nodes.push({ ...bundle.nodes[0], mentions: 1 });
    for (const s of [store, reference]) {
      await s.importGraph(structuredClone(data));
      await s.upsertDocument(structuredClone(bundle));
    }
    expect(store.graph.getNodeAttribute(id, "mentions")).toBe(0.1 + 1);
    expect(JSON.stringify(store.graph.export())).toBe(JSON.stringify(reference.graph.export()));
  });
});
