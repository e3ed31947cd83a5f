// The store contract on a real Neo4j, plus what only Neo4j has to prove:
// parity with the embedded store, write units applied twice, integers at the
// boundary, schema objects in place.
import { describe, expect, it } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { writeDocument } from "../../graph/neo4j/write-document.js";
import { skipNeo4j, useSharedNeo4j } from "../setup/neo4j.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";
import { describeStoreContract } from "./store-contract.js";

const skip = skipNeo4j();
const store = useSharedNeo4j();

describeStoreContract(
  "neo4j",
  async () => {
    await store.clear();
    return store;
  },
  { skip, timeout: 600_000 },
);

describe.skipIf(skip)("neo4j store", { timeout: 300_000 }, () => {
  it("holds the same graph as the embedded store after the same documents", async () => {
    await store.clear();
    const memory = new MemoryStore();
    for (const b of [bundleC(), bundleA(), bundleB()]) {
      await store.upsertDocument(b);
      await memory.upsertDocument(b);
    }
    await store.reviewRelationship("TIE:kctu:zenroren", { decision: "accept", by: "ana", at: "2026-01-01" });
    await memory.reviewRelationship("TIE:kctu:zenroren", { decision: "accept", by: "ana", at: "2026-01-01" });
    expect(graphFingerprint(await store.exportGraph())).toBe(graphFingerprint(await memory.exportGraph()));
    expect(await store.stats()).toEqual(await memory.stats());
    for (const q of ["rengo", "kctu", "union", "epa", "", "k"]) expect(await store.search({ q, limit: 50 })).toEqual(await memory.search({ q, limit: 50 }));
  });

  it("changes nothing when a document's write unit runs twice in one transaction", async () => {
    await store.clear();
    await store.upsertDocument(bundleA());
    const once = graphFingerprint(await store.exportGraph());
    const session = store.driver.session();
    try {
      const statuses = await session.executeWrite(async (tx) => [(await writeDocument(tx, bundleB())).status, (await writeDocument(tx, bundleB())).status]);
      expect(statuses).toEqual(["created", "unchanged"]);
    } finally {
      await session.close();
    }
    const twice = graphFingerprint(await store.exportGraph());
    await store.clear();
    for (const b of [bundleA(), bundleB()]) await store.upsertDocument(b);
    expect(twice).toBe(graphFingerprint(await store.exportGraph()));
    expect(once).not.toBe(twice);
  });

  it("keeps ids unique under concurrent writes of documents naming the same nodes", async () => {
    await store.clear();
    await Promise.all([bundleA(), bundleB(), bundleC()].map((b) => store.upsertDocument(b)));
    const memory = new MemoryStore();
    for (const b of [bundleA(), bundleB(), bundleC()]) await memory.upsertDocument(b);
    expect(graphFingerprint(await store.exportGraph())).toBe(graphFingerprint(await memory.exportGraph()));
    const dupes = await store.driver.executeQuery("MATCH (n:Node) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS d");
    expect(dupes.records[0].get("d")).toEqual(0);
  });

  it("has a uniqueness constraint on ids for every label and a full-text index over names and aliases", async () => {
    const res = await store.driver.executeQuery("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes AS on, properties");
    const on = res.records.map((r) => `${(r.get("on") as string[]).join()}.${(r.get("properties") as string[]).join()}`);
    for (const label of ["Node", "Organization", "Event", "Agreement", "Person", "Document", "TIE", "MENTIONS"]) expect(on).toContain(`${label}.id`);
    const idx = await store.driver.executeQuery("SHOW INDEXES YIELD name, type, properties WHERE type = 'FULLTEXT' RETURN properties");
    expect(idx.records[0].get("properties")).toEqual(["name", "aliasesText"]);
    const health = await store.health();
    expect(health).toMatchObject({ store: "neo4j", ok: true });
    expect(health.version).toMatch(/^5\.26\./);
  });

  it("rejects relationship types outside the schema and hop bounds outside 1..8 before any query", async () => {
    await expect(store.shortestPaths("rengo", "kctu", { types: ["TIE]-() DETACH DELETE (n) //" as never] })).rejects.toMatchObject({ code: "INVALID_DATA" });
    await expect(store.shortestPaths("rengo", "kctu", { maxHops: 9 })).rejects.toMatchObject({ code: "INVALID_DATA" });
    await expect(store.shortestPaths("rengo", "kctu", { maxHops: 2.5 })).rejects.toMatchObject({ code: "INVALID_DATA" });
    await expect(store.neighbourhood("rengo", { types: ["NOPE" as never] })).rejects.toMatchObject({ code: "INVALID_DATA" });
  });
});
