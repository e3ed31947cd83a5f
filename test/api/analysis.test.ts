// Graph-wide routes: exports in every format with ETag and conditional GET,
// statistics (deterministic communities), and the boomerang analysis.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FastifyInstance } from "fastify";
import { fromGexf, fromGraphml } from "../../graph/formats/index.js";
import { makeApp, seededStore } from "./helpers.js";

let app: FastifyInstance;
beforeAll(async () => {
  app = await makeApp(await seededStore());
});
afterAll(() => app.close());

describe("GET /api/graph", () => {
  test("serves the interchange format with a strong ETag and answers a matching If-None-Match with 304", async () => {
    const res = await app.inject("/api/graph");
    expect(res.statusCode).toBe(200);
    const graph = res.json();
    expect(graph.options).toMatchObject({ type: "mixed", multi: true });
    expect(graph.nodes.map((n: any) => n.key)).toContain("rengo");
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await app.inject({ url: "/api/graph", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect((await app.inject({ url: "/api/graph", headers: { "if-none-match": '"other"' } })).statusCode).toBe(200);
  });
  test("filters by kind, country, type, confidence, ids and documents, and a filter changes the ETag", async () => {
    const full = await app.inject("/api/graph");
    const res = await app.inject("/api/graph?kinds=confederation&countries=JP&withoutDocuments=true");
    const g = res.json();
    expect(g.nodes.map((n: any) => n.key).sort()).toEqual(["rengo", "zenrokyo", "zenroren"]);
    expect(res.headers.etag).not.toBe(full.headers.etag);
    const ties = (await app.inject("/api/graph?types=TIE&withoutDocuments=true")).json();
    expect(ties.edges.every((e: any) => e.attributes.type === "TIE")).toBe(true);
    const two = (await app.inject("/api/graph?nodes=rengo,kctu")).json();
    expect(two.nodes.map((n: any) => n.key).sort()).toEqual(["kctu", "rengo"]);
    expect(two.edges.map((e: any) => e.key)).toEqual(["TIE:kctu:rengo"]);
    expect((await app.inject("/api/graph?minConfidence=0.9")).json().edges.filter((e: any) => e.attributes.type !== "MENTIONS")).toEqual([]);
  });
  test.each([["types=FRIEND"], ["kinds=cabal"], ["countries=jpn"], ["minConfidence=2"], ["fromYear=abc"], ["nodes=../etc"], ["format=json"]])("%s is a 400", async (q) => {
    expect((await app.inject(`/api/graph?${q}`)).statusCode).toBe(400);
  });
});

describe("GET /api/export", () => {
  test.each([
    ["json", "application/json", "unionties.json"],
    ["gexf", "application/gexf+xml", "unionties.gexf"],
    ["graphml", "application/graphml+xml", "unionties.graphml"],
    ["csv-nodes", "text/csv", "unionties.nodes.csv"],
    ["csv-edges", "text/csv", "unionties.edges.csv"],
  ])("%s is a download with its media type and an ETag", async (format, type, file) => {
    const res = await app.inject(`/api/export?format=${format}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain(type);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="${file}"`);
    expect((await app.inject({ url: `/api/export?format=${format}`, headers: { "if-none-match": res.headers.etag as string } })).statusCode).toBe(304);
  });
  test("GEXF and GraphML exports read back to the same nodes and relationships", async () => {
    const json = (await app.inject("/api/graph")).json();
    for (const [format, read] of [["gexf", fromGexf], ["graphml", fromGraphml]] as const) {
      const back = read((await app.inject(`/api/export?format=${format}`)).body);
      expect(back.nodes.map((n) => n.key).sort()).toEqual(json.nodes.map((n: any) => n.key).sort());
      expect(back.edges.map((e) => e.key).sort()).toEqual(json.edges.map((e: any) => e.key).sort());
    }
  });
  test("the CSV of edges has one row per relationship", async () => {
    const rows = (await app.inject("/api/export?format=csv-edges&types=TIE")).body.trim().split("\n");
    expect(rows.length - 1).toBe(4);
  });
  test("an SVG figure carries the title, escaped, and is deterministic", async () => {
    const a = await app.inject("/api/export?format=svg&title=Ties%20%3Cin%3E%20Asia&seed=3");
    expect(a.statusCode).toBe(200);
    expect(a.headers["content-type"]).toContain("image/svg+xml");
    expect(a.body).toContain("Ties &lt;in&gt; Asia");
    expect(a.body).not.toContain("<in>");
    expect((await app.inject("/api/export?format=svg&title=Ties%20%3Cin%3E%20Asia&seed=3")).headers.etag).toBe(a.headers.etag);
  });
  test("a PNG figure is a PNG", async () => {
    const res = await app.inject("/api/export?format=png&width=400&height=300");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
  test.each([["format=xlsx"], ["format=svg&width=10"], ["format=svg&title=" + "t".repeat(201)], ["format=json&debug=1"]])("%s is a 400", async (q) => {
    expect((await app.inject(`/api/export?${q}`)).statusCode).toBe(400);
  });
});

describe("GET /api/stats", () => {
  test("counts kinds and types, ranks centrality and finds the same communities every time", async () => {
    const a = (await app.inject("/api/stats")).json();
    expect(a.counts).toMatchObject({ nodes: 9, documents: 2, byType: { TIE: 4, MEMBER_OF: 1, BLOCKS: 1 } });
    expect(a.degree[0]).toMatchObject({ id: "ituc" });
    expect(a.betweenness[0].value).toBeGreaterThan(0);
    expect(a.betweennessSources).toBe(a.counts.nodes); // a small graph: every node a source, exact values
    expect(a.communities.count).toBeGreaterThanOrEqual(2);
    const members = a.communities.groups.flatMap((g: any) => g.members);
    expect(members).not.toContain("paper-a");
    expect(new Set(members).size).toBe(members.length);
    const b = (await app.inject("/api/stats")).json();
    expect(b).toEqual(a);
  });
  test("top bounds the ranked lists", async () => {
    expect((await app.inject("/api/stats?top=2")).json().degree).toHaveLength(2);
    expect((await app.inject("/api/stats?top=0")).statusCode).toBe(400);
  });
});

describe("GET /api/boomerang", () => {
  test("a state lists chains for its blocked organisations, each leg with a status", async () => {
    const body = (await app.inject("/api/boomerang?state=JP")).json();
    expect(body.query.state).toBe("JP");
    const ijuren = body.instances.find((i: any) => i.nodes.domestic.id === "ijuren");
    expect(ijuren.legs.map((l: any) => l.leg)).toEqual(["block", "reach", "pressure", "boomerang"]);
    const block = ijuren.legs[0];
    expect(block.status).toBe("present");
    expect(block.relationships[0].attributes.evidence[0].quote).toBe("MOFA refused to consult Ijuren.");
  });
  test("one organisation's chains, and an unknown one is a 404", async () => {
    const body = (await app.inject("/api/boomerang?org=ijuren")).json();
    expect(body.instances.every((i: any) => i.nodes.domestic.id === "ijuren")).toBe(true);
    expect((await app.inject("/api/boomerang?org=nobody")).statusCode).toBe(404);
  });
  test.each([[""], ["state=jp"], ["state=JPN"], ["org=a%27b"], ["state=JP&maxPartnerHops=3"], ["state=JP&limit=0"]])("?%s is a 400", async (q) => {
    expect((await app.inject(`/api/boomerang?${q}`)).statusCode).toBe(400);
  });
});
