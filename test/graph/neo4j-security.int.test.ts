// B4.2 and B4.3 against a real Neo4j: injection payloads through every string
// parameter of the store leave the graph fingerprint unchanged and reach no
// network; APOC is absent and LOAD CSV cannot call out (a canary listener on
// loopback counts any request).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { skipNeo4j, useSharedNeo4j } from "../setup/neo4j.js";
import { bundleA, bundleB, bundleC } from "./store-fixtures.js";

const skip = skipNeo4j();
const store = useSharedNeo4j();
let canary: Server;
let canaryHits = 0;
let canaryUrl = "";

function payloads(url: string): string[] {
  return [
    "' WITH true AS x MATCH (n) DETACH DELETE n //",
    '" WITH true AS x MATCH (n) DETACH DELETE n //',
    "rengo' OR 1=1 //",
    "`) DETACH DELETE n //",
    "\u0060x\u0060",
    "}) RETURN 1 UNION MATCH (n) RETURN n //",
    "}) MATCH (n) DETACH DELETE n //",
    "CALL dbms.killQueries([])",
    "apoc.load.json('file:///etc/passwd')",
    `LOAD CSV FROM '${url}' AS r RETURN r`,
    `' LOAD CSV FROM '${url}' AS r CREATE (:Pwned) //`,
    "rengo\u0000kctu",
    "\ud800lone surrogate",
    "x".repeat(1_000_000),
    "$id",
    "{id: 'rengo'}",
  ];
}

beforeAll(async () => {
  canary = createServer((_req, res) => {
    canaryHits++;
    res.end("canary");
  });
  await new Promise<void>((r) => canary.listen(0, "127.0.0.1", r));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/x.csv`;
  if (skip) return;
  for (const b of [bundleA(), bundleB(), bundleC()]) await store.upsertDocument(b);
}, 1_800_000);
afterAll(async () => {
  await new Promise((r) => canary.close(r));
});

describe.skipIf(skip)("neo4j query safety", () => {
  it("leaves the fingerprint unchanged and the canary silent after payloads in every string parameter", async () => {
    const before = graphFingerprint(await store.exportGraph());
    let errors5xx = 0;
    for (const p of payloads(canaryUrl)) {
      const calls: Array<() => Promise<unknown>> = [
        () => store.search({ q: p }),
        () => store.search({ q: "rengo", country: p }),
        () => store.getNode(p),
        () => store.getNodes([p, "rengo"]),
        () => store.getRelationship(p),
        () => store.getRelationship(`TIE:${p}`),
        () => store.findRelationships({ source: p }),
        () => store.neighbourhood(p),
        () => store.shortestPaths(p, "rengo"),
        () => store.shortestPaths("kctu", p),
        () => store.documentText(p),
        () => store.documentHash(p),
        () => store.removeDocument(p),
        () => store.reviewRelationship(`TIE:kctu:${p}`, { decision: "reject", by: p, at: p, note: p }),
      ];
      for (const c of calls) {
        await c().catch((e: { statusCode?: number }) => {
          if (!e.statusCode || e.statusCode >= 500) errors5xx++;
        });
      }
    }
    expect(errors5xx).toBe(0);
    expect(canaryHits).toBe(0);
    expect(graphFingerprint(await store.exportGraph())).toBe(before);
    expect((await store.search({ q: "rengo" })).items[0].id).toBe("rengo");
  }, 300_000);

  it("answers 400-class errors to relationship types outside the schema", async () => {
    for (const t of ["TIE|MENTIONS]-() DETACH DELETE n //", "tie", "`TIE`", "CALL"]) {
      await expect(store.shortestPaths("rengo", "kctu", { types: [t as never] })).rejects.toMatchObject({ statusCode: 400 });
      await expect(store.findRelationships({ types: [t as never] })).rejects.toMatchObject({ statusCode: 400 });
    }
  });

  it("has no APOC and cannot reach the network or files through LOAD CSV", async () => {
    const procs = await store.driver.executeQuery("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc' RETURN count(*) AS c");
    expect(procs.records[0].get("c")).toEqual(0);
    await expect(store.driver.executeQuery("CALL apoc.load.json('file:///etc/passwd')")).rejects.toMatchObject({ code: expect.stringMatching(/ProcedureNotFound|SyntaxError/) });
    await expect(store.driver.executeQuery(`LOAD CSV FROM '${canaryUrl}' AS r RETURN r`)).rejects.toThrow(/blocked|not allowed/i);
    await expect(store.driver.executeQuery("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r")).rejects.toThrow(/file|not allowed|blocked/i);
    expect(canaryHits).toBe(0);
  });
});
