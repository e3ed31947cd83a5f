// The API on the Neo4j store (the server the global setup provides): the main
// routes answer as on the memory store, reviews are written, injection
// payloads and 1 000 fuzzed requests leave no 5xx, no driver message, no
// Cypher and an unchanged graph, and an unreachable server is a fast 503
// naming the store.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FastifyInstance } from "fastify";
import { Neo4jStore } from "../../graph/neo4j-store.js";
import { skipNeo4j, useSharedNeo4j } from "../setup/neo4j.js";
import { bearer, fakeIngest, fingerprint, LEAK, makeApp, seedBundles, seededStore } from "./helpers.js";

const skip = skipNeo4j();
const store = useSharedNeo4j();
let app: FastifyInstance;
let memory: FastifyInstance;

beforeAll(async () => {
  if (skip) return;
  for (const b of seedBundles()) await store.upsertDocument(b);
  app = await makeApp(store, { ingest: fakeIngest });
  memory = await makeApp(await seededStore());
}, 240_000);
afterAll(async () => {
  if (skip) return;
  await app?.close();
  await memory?.close();
});

describe.skipIf(skip)("the API on Neo4j", () => {
  test.each([
    ["/api/organizations?q=rengo"],
    ["/api/organizations?country=JP&kind=confederation&limit=500"],
    ["/api/organizations/rengo"],
    ["/api/nodes/rengo/neighbourhood?depth=2"],
    ["/api/paths/shortest?from=zenrokyo&to=ituc"],
    ["/api/paths/shortest?from=toyota&to=rengo"],
    ["/api/relationships/BLOCKS:mofa:ijuren"],
    ["/api/documents/paper-a/text"],
    ["/api/boomerang?state=JP"],
  ])("%s answers as on the memory store", async (url) => {
    const [a, b] = await Promise.all([app.inject(url), memory.inject(url)]);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual(b.json());
  });
  test("the export holds the same nodes and relationships, and 404s are 404s", async () => {
    const [a, b] = await Promise.all([app.inject("/api/graph"), memory.inject("/api/graph")]);
    const keys = (g: any) => [g.nodes.map((n: any) => n.key).sort(), g.edges.map((e: any) => e.key).sort()];
    expect(keys(a.json())).toEqual(keys(b.json()));
    expect((await app.inject("/api/nodes/nobody")).statusCode).toBe(404);
    expect((await app.inject("/api/paths/shortest?from=rengo&to=nobody")).statusCode).toBe(404);
  });
  test("injection payloads in every string parameter leave no 5xx, no leak and the graph unchanged", async () => {
    const before = await fingerprint(store);
    const payloads = ["' WITH true AS x MATCH (n) DETACH DELETE n //", "`) DETACH DELETE n //", "}) RETURN 1 UNION MATCH (n) RETURN n //", "CALL dbms.procedures()", "rengo\u0000", "a".repeat(100_000)];
    const targets = ["/api/nodes/$", "/api/organizations?q=$", "/api/nodes/rengo/neighbourhood?types=$", "/api/paths/shortest?from=$&to=kctu", "/api/graph?nodes=$", "/api/boomerang?org=$", "/api/relationships/TIE:$:rengo", "/api/documents/$/text"];
    for (const t of targets)
      for (const p of payloads) {
        const res = await app.inject(t.replace("$", encodeURIComponent(p)));
        expect(res.statusCode, t).toBeLessThan(500);
        expect(res.body.split(p).join("")).not.toMatch(LEAK);
      }
    expect(await fingerprint(store)).toBe(before);
  });
  test("1 000 fuzzed reads leave no 5xx and no driver message", async () => {
    const ids = ["rengo", "kctu", "nobody", "paper-a", "x".repeat(200), "constructor"];
    const url = fc.oneof(
      fc.tuple(fc.constantFrom("/api/nodes/", "/api/organizations/", "/api/documents/"), fc.constantFrom(...ids)).map(([a, b]) => a + encodeURIComponent(b)),
      fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids), fc.integer({ min: 1, max: 8 }), fc.boolean()).map(([a, b, h, all]) => `/api/paths/shortest?from=${a}&to=${b}&maxHops=${h}&all=${all}`),
      fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 3 }), fc.constantFrom("TIE", "TIE,MEMBER_OF", "BLOCKS,PRESSURES")).map(([a, d, t]) => `/api/nodes/${a}/neighbourhood?depth=${d}&types=${t}`),
      fc.string({ maxLength: 30 }).map((q) => `/api/nodes?q=${encodeURIComponent(q)}`),
    );
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        const res = await app.inject(u);
        expect(res.statusCode, u).toBeLessThan(500);
        expect(res.body).not.toMatch(/Neo4jError|bolt:\/\/|:7687\b|MATCH |MERGE |at .+:\d+:\d+/);
      }),
      { numRuns: 1000, seed: 7 },
    );
  }, 300_000);
  test("a review is written to Neo4j with who and when", async () => {
    const res = await app.inject({ method: "PATCH", url: "/api/relationships/TIE:kctu:rengo", payload: { decision: "accept", note: "checked" }, headers: bearer("reviewer") });
    expect(res.statusCode).toBe(200);
    expect((await store.getRelationship("TIE:kctu:rengo"))?.attributes.review).toMatchObject({ decision: "accept", by: "rita", note: "checked" });
  });
});

describe.skipIf(skip)("an unreachable Neo4j", () => {
  test("reads are a fast 503 naming the store, with Retry-After and no driver detail; health says degraded", async () => {
    const down = Neo4jStore.fromEnv({ NEO4J_URI: "bolt://127.0.0.1:1", NEO4J_USER: "neo4j", NEO4J_PASSWORD: "secret-password" }, { connectionTimeoutMs: 1000, maxRetryTimeMs: 500 });
    const downApp = await makeApp(down);
    try {
      const t0 = Date.now();
      const res = await downApp.inject("/api/organizations?q=rengo");
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toContain("neo4j");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(res.body).not.toMatch(/bolt:\/\/|127\.0\.0\.1:1|secret-password|Neo4jError|ECONNREFUSED/);
      const health = await downApp.inject("/api/health");
      expect(health.statusCode).toBe(200);
      expect(health.json().status).toBe("degraded");
      expect(health.body).not.toMatch(/secret-password|bolt:\/\//);
    } finally {
      await downApp.close();
      await down.close();
    }
  }, 60_000);
});
