// The boomerang analysis gives the same answers on Neo4j as on the memory
// store: for every constructed graph and query, through the Cypher source and
// through the generic store interface. Needs the Neo4j the global setup provides.
import { describe, expect, it } from "vitest";
import { analyzeBoomerang, analyzeBoomerangWith, storeBoomerangSource } from "../../graph/algorithms/boomerang.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { BOOMERANG_CYPHER, analyzeBoomerangCypher, cypherBoomerangSource } from "../../graph/neo4j/boomerang.js";
import { ingestPaths } from "../../ingest/index.js";
import { skipNeo4j, useSharedNeo4j } from "../setup/neo4j.js";
import { BASE_NODES, BASE_RELS, SCENARIOS, buildGraph } from "./boomerang-graph.js";

const skip = skipNeo4j();
const store = useSharedNeo4j();

describe("boomerang cypher statements", () => {
  it("are four named, parameterised statements with no value written into the text", () => {
    expect(Object.keys(BOOMERANG_CYPHER).sort()).toEqual(["adjacent", "domestic-organizations", "nodes", "state-bodies"]);
    expect(BOOMERANG_CYPHER["state-bodies"]).toContain("n.country = $state");
    expect(BOOMERANG_CYPHER.adjacent).toContain("type(r) IN $types");
    for (const statement of Object.values(BOOMERANG_CYPHER)) expect(statement).not.toMatch(/'(JP|KR)'|;/);
  });
});

describe.skipIf(skip)("boomerang analysis on neo4j", () => {
  for (const scenario of SCENARIOS) {
    it(`gives the memory store's answers on the "${scenario.name}" graph`, async () => {
      const graph = buildGraph(scenario.nodes, scenario.rels);
      const memory = new MemoryStore();
      await memory.importGraph(graph);
      await store.clear();
      await store.importGraph(graph, { mode: "replace" });
      const target = { driver: store.driver, database: store.options.database };
      for (const { maxPartnerHops, ...query } of scenario.queries) {
        const expected = await analyzeBoomerang(memory, query, { maxPartnerHops });
        expect(expected.instances.length).toBeGreaterThan(0);
        expect(await analyzeBoomerangCypher(target, query, { maxPartnerHops })).toEqual(expected);
        expect(await analyzeBoomerangWith(storeBoomerangSource(store), query, { maxPartnerHops })).toEqual(expected);
        expect(await analyzeBoomerang(store, query, { maxPartnerHops })).toEqual(expected); // Neo4jStore.boomerangSource()
      }
    });
  }

  it("gives the memory store's answers on the seed papers, evidence included", async () => {
    const memory = new MemoryStore();
    await ingestPaths(memory, ["seeds"]);
    await store.clear();
    await ingestPaths(store, ["seeds"]);
    const target = { driver: store.driver, database: store.options.database };
    for (const query of [{ state: "JP" }, { state: "KR" }, { org: "ijuren" }, { org: "zenrokyo" }]) {
      const expected = await analyzeBoomerang(memory, query);
      expect(expected.instances.length).toBeGreaterThan(0);
      expect(await analyzeBoomerangCypher(target, query)).toEqual(expected);
    }
  }, 300_000);

  it("reads one level of the chain per round trip, not one node at a time", async () => {
    await store.clear();
    await store.importGraph(buildGraph(BASE_NODES, Object.values(BASE_RELS)), { mode: "replace" });
    const source = cypherBoomerangSource({ driver: store.driver, database: store.options.database });
    const calls: string[] = [];
    const counted = {
      ...source,
      adjacent: (ids: readonly string[], types: Parameters<typeof source.adjacent>[1]) => {
        calls.push(types.join("|"));
        return source.adjacent(ids, types);
      },
    };
    const result = await analyzeBoomerangWith(counted, { state: "JP" });
    expect(result.summary).toEqual({ complete: 1, partial: 0 });
    expect(calls).toEqual(["BLOCKS|TIE|MEMBER_OF|PARTICIPATED_IN", "TIE|MEMBER_OF", "PRESSURES|PARTICIPATED_IN|FOUNDED", "TARGETS", "PRESSURES"]);
  });

  it("finds the domestic organisations of a state in Cypher, leaving out those with no tie or block", async () => {
    await store.clear();
    const nodes = [...BASE_NODES, { id: "idle", kind: "union" as const, country: "JP" }];
    await store.importGraph(buildGraph(nodes, Object.values(BASE_RELS)), { mode: "replace" });
    const source = cypherBoomerangSource({ driver: store.driver, database: store.options.database });
    expect((await source.domesticOrganizations("JP")).map((n) => n.id)).toEqual(["ngo-a"]);
    expect((await source.stateBodies("JP")).map((n) => n.id)).toEqual(["gov-jp", "moj"]);
  });
});
