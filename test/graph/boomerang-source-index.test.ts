// The memory store answers the boomerang reads from its traversal index and
// keeps the records it makes, and its answers, between analyses while the
// graph does not change. These tests hold it to the answers of the generic
// store-interface source (getNode per node) on random graphs with every
// relationship type the analysis reads, asked twice, and after writes made
// between two analyses (a rejection, new relationships, changed nodes).
import { describe, expect, it } from "vitest";
import { analyzeBoomerang, analyzeBoomerangWith, storeBoomerangSource, type BoomerangQuery } from "../../graph/algorithms/boomerang.js";
import type { RelType } from "../../graph/schema.js";
import { seededRandom as rng } from "../../graph/figure/layout.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { BASE_NODES, BASE_RELS, buildGraph, type NodeSpec, type RelSpec } from "./boomerang-graph.js";

/** A random graph: organisations of five countries (and none), events, agreements, every type the analysis reads, some absent. */
function randomGraph(seed: number): { nodes: NodeSpec[]; rels: RelSpec[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const countries = ["JP", "KR", "PH", "US", "DE"];
  const kinds = ["union", "union", "ngo", "federation", "government", "government", "igo", "global_union"] as const;
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < 60; i++) {
    const kind = pick(kinds);
    const international = kind === "igo" || kind === "global_union";
    nodes.push({ id: `o${i}`, kind, ...(international && r() < 0.7 ? {} : { country: pick(countries) }) });
  }
  for (let i = 0; i < 10; i++) nodes.push({ id: `e${i}`, kind: "protest" });
  for (let i = 0; i < 4; i++) nodes.push({ id: `a${i}`, kind: "epa", parties: [pick(countries), pick(countries)] });
  const orgs = nodes.filter((n) => n.id.startsWith("o")).map((n) => n.id);
  const events = nodes.filter((n) => n.id.startsWith("e")).map((n) => n.id);
  const agreements = nodes.filter((n) => n.id.startsWith("a")).map((n) => n.id);
  const shapes: Array<[RelType, () => string, () => string]> = [
    ["TIE", () => pick(orgs), () => pick(orgs)],
    ["MEMBER_OF", () => pick(orgs), () => pick(orgs)],
    ["BLOCKS", () => pick(orgs), () => pick(orgs)],
    ["PRESSURES", () => pick(orgs), () => (r() < 0.8 ? pick(orgs) : pick(agreements))],
    ["PARTICIPATED_IN", () => pick(orgs), () => pick(events)],
    ["FOUNDED", () => pick(orgs), () => pick(events)],
    ["TARGETS", () => pick(events), () => (r() < 0.5 ? pick(orgs) : pick(agreements))],
  ];
  const rels: RelSpec[] = [];
  const seen = new Set<string>();
  while (rels.length < 400) {
    const [type, from, to] = pick(shapes);
    const [source, target] = [from(), to()];
    const polarity = r() < 0.15 ? "absent" : "present";
    const key = type === "TIE" ? [type, ...[source, target].sort(), polarity].join(":") : [type, source, target, polarity].join(":");
    if (source === target || seen.has(key)) continue;
    seen.add(key);
    rels.push({ type, source, target, polarity, confidence: Math.round((0.3 + 0.7 * r()) * 100) / 100 });
  }
  return { nodes, rels };
}

async function storeOf(nodes: NodeSpec[], rels: RelSpec[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.open();
  await store.importGraph(buildGraph(nodes, rels));
  return store;
}

/** Every state and every organisation of the graph, with the hop and limit options varied. */
function queriesOf(nodes: NodeSpec[]): Array<[BoomerangQuery, { maxPartnerHops?: 1 | 2; limit?: number; includePartial?: boolean }]> {
  const states = [...new Set(nodes.map((n) => n.country).filter((c): c is string => !!c))].sort();
  return [
    ...states.flatMap((state) => [[{ state }, {}], [{ state }, { maxPartnerHops: 1 as const }], [{ state }, { limit: 3, includePartial: false }]] as const),
    ...nodes.map((n) => [{ org: n.id }, {}] as const),
  ].map(([q, o]) => [q, o]);
}

async function expectSameAsStoreInterface(store: MemoryStore, nodes: NodeSpec[]): Promise<number> {
  let compared = 0;
  for (const [query, options] of queriesOf(nodes)) {
    const viaIndex = await analyzeBoomerang(store, query, options);
    const viaInterface = await analyzeBoomerangWith(storeBoomerangSource(store), query, options);
    expect(JSON.stringify(viaIndex), JSON.stringify(query)).toBe(JSON.stringify(viaInterface));
    compared += viaIndex.instances.length;
  }
  return compared;
}

describe("boomerang reads on the memory store's traversal index", () => {
  it("give the same answers as the store interface on random graphs, for every state and organisation", async () => {
    for (const seed of [1, 2, 3]) {
      const { nodes, rels } = randomGraph(seed);
      const store = await storeOf(nodes, rels);
      // Twice: the second round reads the records kept from the first.
      expect(await expectSameAsStoreInterface(store, nodes)).toBeGreaterThan(0);
      await expectSameAsStoreInterface(store, nodes);
    }
  });

  it("keep an answer for a query asked again on an unchanged graph, and hand out copies of it", async () => {
    const store = await storeOf(BASE_NODES, Object.values(BASE_RELS));
    const first = await analyzeBoomerang(store, { state: "JP" });
    const text = JSON.stringify(first);
    first.instances.length = 0;
    first.summary.complete = 99;
    const second = await analyzeBoomerang(store, { state: "JP" });
    expect(JSON.stringify(second)).toBe(text);
    second.instances[0].legs[0].relationships.length = 0;
    expect(JSON.stringify(await analyzeBoomerang(store, { state: "JP" }))).toBe(text);
    // Other queries and options are answers of their own.
    expect((await analyzeBoomerang(store, { state: "KR" })).query.state).toBe("KR");
    expect((await analyzeBoomerang(store, { state: "JP" }, { includePartial: false, limit: 1 })).instances).toHaveLength(1);
    expect(JSON.stringify(await analyzeBoomerang(store, { state: "JP" }))).toBe(text);
  });

  it("follow a rejection made after an analysis", async () => {
    const store = await storeOf(BASE_NODES, Object.values(BASE_RELS));
    expect((await analyzeBoomerang(store, { state: "JP" })).summary.complete).toBe(1);
    const pressure = BASE_RELS.pressure;
    await store.reviewRelationship(`PRESSURES:${pressure.source}:${pressure.target}`, { decision: "reject", by: "test", at: "2026-01-01T00:00:00Z" });
    const after = await analyzeBoomerang(store, { state: "JP" });
    expect(after.summary.complete).toBe(0);
    expect(after.instances[0].legs.find((l) => l.leg === "pressure")!.status).toBe("missing");
    await expectSameAsStoreInterface(store, BASE_NODES);
  });

  it("follow relationships and node changes imported after an analysis", async () => {
    const { nodes, rels } = randomGraph(4);
    const store = await storeOf(nodes, rels.slice(0, 250));
    await expectSameAsStoreInterface(store, nodes);
    // More relationships, and some organisations moved to another country.
    const moved = nodes.map((n, i) => (i % 7 === 0 && n.country ? { ...n, country: n.country === "JP" ? "KR" : "JP" } : n));
    await store.importGraph(buildGraph(moved, rels), { mode: "replace" });
    await expectSameAsStoreInterface(store, moved);
    await store.importGraph(buildGraph(nodes, rels.slice(100)), { mode: "merge" });
    const now = (await store.exportGraph()).nodes.map((n) => ({ id: n.key, kind: n.attributes.kind, country: n.attributes.country }) as NodeSpec);
    await expectSameAsStoreInterface(store, now);
  });
});
