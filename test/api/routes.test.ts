// Every read route: a successful answer with the documented shape, its
// validation errors (400 with the one error shape) and not-found (404).
import { describe, expect, test } from "vitest";
import { useSeededApp } from "./helpers.js";

const seeded = useSeededApp();
const { get } = seeded;

function expectError(res: { statusCode: number; json: () => any; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(["error", "message", "requestId", "statusCode"]));
  expect(body.statusCode).toBe(status);
  expect(body.requestId).toBe(res.headers["x-request-id"]);
  return body;
}

describe("health and schema", () => {
  test("health reports ok with the store kind and no file path", async () => {
    const res = await get("/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", store: { store: "memory", ok: true }, version: expect.any(String) });
  });
  test("schema describes labels, kinds and relationship types", async () => {
    const body = (await get("/api/schema")).json();
    expect(body.labels).toContain("Organization");
    expect(body.relTypes).toContain("TIE");
    expect(body.kinds.Organization).toContain("confederation");
  });
});

describe("search routes", () => {
  test("organisations are found by name, case- and accent-insensitively", async () => {
    const body = (await get("/api/organizations?q=RENGO")).json();
    expect(body.total).toBe(1);
    expect(body.items[0].id).toBe("rengo");
  });
  test("kind and country filter the organisations and pagination pages them", async () => {
    const all = (await get("/api/organizations?country=JP&kind=confederation&limit=500")).json();
    expect(all.items.map((n: any) => n.id).sort()).toEqual(["rengo", "zenrokyo", "zenroren"]);
    const page = (await get("/api/organizations?country=JP&kind=confederation&limit=1&offset=1")).json();
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    expect(page.items[0].id).toBe(all.items[1].id);
  });
  test("each label route returns only its label", async () => {
    expect((await get("/api/agreements")).json().items.map((n: any) => n.id)).toEqual(["jp-ph-epa"]);
    expect((await get("/api/events")).json()).toEqual({ total: 0, items: [] });
    expect((await get("/api/people")).json()).toEqual({ total: 0, items: [] });
  });
  test("/api/nodes searches every label and documents only when asked", async () => {
    const any = (await get("/api/nodes?limit=500")).json();
    expect(any.items.some((n: any) => n.attributes.nodeLabel === "Agreement")).toBe(true);
    expect(any.items.some((n: any) => n.attributes.nodeLabel === "Document")).toBe(false);
    const docs = (await get("/api/nodes?label=Document")).json();
    expect(docs.items.map((n: any) => n.id).sort()).toEqual(["paper-a", "paper-b"]);
  });
  test.each([
    ["limit above 500", "/api/organizations?limit=501"],
    ["limit zero", "/api/organizations?limit=0"],
    ["negative offset", "/api/organizations?offset=-1"],
    ["non-numeric limit", "/api/organizations?limit=ten"],
    ["a kind of another label", "/api/organizations?kind=protest"],
    ["an unknown kind", "/api/nodes?kind=cabal"],
    ["an unknown label", "/api/nodes?label=Organisation"],
    ["a lower-case country", "/api/organizations?country=jp"],
    ["a 201-character query", `/api/organizations?q=${"a".repeat(201)}`],
    ["an unknown parameter", "/api/organizations?sort=name"],
    ["a repeated parameter", "/api/organizations?q=a&q=b"],
  ])("search with %s is a 400", async (_what, url) => {
    expectError(await get(url), 400);
  });
});

describe("one node", () => {
  test("an organisation comes with its relationships, evidence and neighbours", async () => {
    const body = (await get("/api/organizations/rengo")).json();
    expect(body.node.id).toBe("rengo");
    expect(body.relationships.map((r: any) => r.id)).toContain("MEMBER_OF:rengo:ituc");
    const tie = body.relationships.find((r: any) => r.id === "TIE:kctu:rengo");
    expect(tie.attributes.evidence[0].quote).toBe("Rengo and KCTU have built strong ties since 1995.");
    expect(body.neighbours.map((n: any) => n.id)).toEqual(expect.arrayContaining(["kctu", "ituc"]));
  });
  test("internal attributes planted in the store never appear in a response", async () => {
    for (const url of ["/api/organizations/rengo", "/api/organizations?q=rengo", "/api/graph", "/api/export?format=gexf", "/api/nodes/kctu"]) {
      expect((await get(url)).body).not.toContain("_reviewerEmail");
    }
  });
  test("a node of another label is not found under /api/organizations", async () => {
    const body = expectError(await get("/api/organizations/jp-ph-epa"), 404);
    expect(body.message).toContain("jp-ph-epa");
    expect((await get("/api/agreements/jp-ph-epa")).statusCode).toBe(200);
    expect((await get("/api/nodes/jp-ph-epa")).statusCode).toBe(200);
  });
  test("an unknown id is a 404 with a message naming it", async () => {
    expect(expectError(await get("/api/nodes/nobody"), 404).message).toContain("nobody");
  });
  test.each([
    ["a dot-dot id", "/api/nodes/..%2f..%2fetc"],
    ["an id with a slash", "/api/nodes/a%2Fb"],
    ["a 201-character id", `/api/nodes/${"a".repeat(201)}`],
    ["an id starting with a hyphen", "/api/nodes/-rengo"],
    ["an id with a quote", "/api/nodes/rengo'"],
  ])("%s is a 400", async (_what, url) => {
    expectError(await get(url), 400);
  });
});

describe("neighbourhood", () => {
  test("depth 1 holds the direct neighbours and depth 2 reaches further", async () => {
    const one = (await get("/api/organizations/rengo/neighbourhood?depth=1")).json();
    expect(one.nodes.map((n: any) => n.id).sort()).toEqual(["ituc", "kctu", "rengo"]);
    const two = (await get("/api/organizations/rengo/neighbourhood?depth=2")).json();
    expect(two.nodes.map((n: any) => n.id)).toEqual(expect.arrayContaining(["zenrokyo", "ijuren", "mofa"]));
  });
  test("types restrict the relationships followed", async () => {
    const body = (await get("/api/nodes/rengo/neighbourhood?depth=3&types=MEMBER_OF")).json();
    expect(body.nodes.map((n: any) => n.id).sort()).toEqual(["ituc", "rengo"]);
    expect(body.relationships.every((r: any) => r.attributes.type === "MEMBER_OF")).toBe(true);
  });
  test.each([
    ["depth 4", "depth=4"],
    ["depth 0", "depth=0"],
    ["an unknown type", "types=TIE,FRIEND"],
    ["a lower-case type", "types=tie"],
    ["a Cypher fragment in types", "types=TIE]-()%20DETACH%20DELETE%20n//"],
  ])("%s is a 400", async (_what, query) => {
    expectError(await get(`/api/nodes/rengo/neighbourhood?${query}`), 400);
  });
  test("the neighbourhood of an unknown node is a 404", async () => {
    expectError(await get("/api/nodes/nobody/neighbourhood"), 404);
  });
  test("a node asked for under another label's route is a 404, under its own a 200", async () => {
    expectError(await get("/api/events/rengo/neighbourhood"), 404);
    expectError(await get("/api/people/rengo/neighbourhood?depth=1"), 404);
    expect((await get("/api/organizations/rengo/neighbourhood?depth=1")).statusCode).toBe(200);
  });
});

describe("shortest paths", () => {
  test("each hop carries its relationship and evidence", async () => {
    const body = (await get("/api/paths/shortest?from=zenrokyo&to=ituc")).json();
    expect(body.paths).toHaveLength(1);
    const path = body.paths[0];
    expect(path.nodes.map((n: any) => n.id)).toEqual(["zenrokyo", "kctu", "rengo", "ituc"]);
    expect(path.hops).toHaveLength(3);
    expect(path.hops[0].relationship.attributes.evidence[0].quote).toBe("Zenrokyo keeps regular exchanges with KCTU.");
  });
  test("no path is a 200 with an empty list", async () => {
    const res = await get("/api/paths/shortest?from=toyota&to=rengo");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ from: "toyota", to: "rengo", paths: [] });
  });
  test("maxHops bounds the search", async () => {
    expect((await get("/api/paths/shortest?from=zenrokyo&to=ituc&maxHops=2")).json().paths).toEqual([]);
  });
  test("an absent tie is not walked unless asked", async () => {
    expect((await get("/api/paths/shortest?from=zenroren&to=rengo&types=TIE")).json().paths).toEqual([]);
    const withAbsent = (await get("/api/paths/shortest?from=zenroren&to=rengo&types=TIE&includeAbsent=true")).json();
    expect(withAbsent.paths[0].hops[0].relationship.attributes.polarity).toBe("absent");
  });
  test("all=true returns every shortest path", async () => {
    const body = (await get("/api/paths/shortest?from=kctu&to=ituc&all=true")).json();
    expect(body.paths.length).toBeGreaterThanOrEqual(1);
    expect(body.paths.every((p: any) => p.hops.length === body.paths[0].hops.length)).toBe(true);
  });
  test("an unknown end is a 404 naming it", async () => {
    expect(expectError(await get("/api/paths/shortest?from=rengo&to=nobody"), 404).message).toContain("nobody");
    expect(expectError(await get("/api/paths/shortest?from=nobody&to=rengo"), 404).message).toContain("nobody");
  });
  test.each([
    ["a missing to", "from=rengo"],
    ["a missing from", "to=rengo"],
    ["maxHops 9", "from=rengo&to=kctu&maxHops=9"],
    ["a non-boolean all", "from=rengo&to=kctu&all=maybe"],
    ["an unknown type", "from=rengo&to=kctu&types=LIKES"],
  ])("%s is a 400", async (_what, query) => {
    expectError(await get(`/api/paths/shortest?${query}`), 400);
  });
});

describe("documents", () => {
  test("the list holds both documents", async () => {
    expect((await get("/api/documents")).json().items.map((d: any) => d.id)).toEqual(["paper-a", "paper-b"]);
  });
  test("one document lists the spans it contributed, in text order", async () => {
    const body = (await get("/api/documents/paper-a")).json();
    expect(body.spans).toHaveLength(6);
    expect(body.spans[0]).toEqual({ start: 0, end: 49, relationship: "TIE:kctu:rengo", type: "TIE" });
    const starts = body.spans.map((s: any) => s.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });
  test("the text comes with spans whose offsets index into it", async () => {
    const body = (await get("/api/documents/paper-b/text")).json();
    for (const span of body.spans) expect(body.text.slice(span.start, span.end).length).toBe(span.end - span.start);
    const rel = (await get(`/api/relationships/${body.spans[0].relationship}`)).json();
    expect(rel.attributes.evidence.some((e: any) => body.text.slice(e.start, e.end) === e.quote)).toBe(true);
  });
  test("an organisation id is not a document", async () => {
    expectError(await get("/api/documents/rengo"), 404);
    expectError(await get("/api/documents/rengo/text"), 404);
  });
});

describe("relationships", () => {
  test("one relationship with its evidence", async () => {
    const body = (await get("/api/relationships/BLOCKS:mofa:ijuren")).json();
    expect(body).toMatchObject({ id: "BLOCKS:mofa:ijuren", source: "mofa", target: "ijuren", attributes: { type: "BLOCKS", polarity: "present" } });
    expect(body.attributes.evidence[0].quote).toBe("MOFA refused to consult Ijuren.");
  });
  test("the absent polarity is part of the id", async () => {
    expect((await get("/api/relationships/TIE:rengo:zenroren:absent")).json().attributes.polarity).toBe("absent");
  });
  test("an unknown relationship is a 404 and an unknown type a 400", async () => {
    expectError(await get("/api/relationships/TIE:rengo:nobody"), 404);
    expectError(await get("/api/relationships/LIKES:rengo:kctu"), 400);
  });
});

describe("jobs", () => {
  test("an unknown job is a 404 and a non-uuid a 400", async () => {
    expectError(await get("/api/jobs/6f1c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f"), 404);
    expectError(await get("/api/jobs/not-a-uuid"), 400);
  });
});

describe("viewer and docs", () => {
  test("/ explains how to build the viewer when it is not built", async () => {
    const res = await get("/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("npm run build:viz");
  });
  test("/docs serves the OpenAPI UI", async () => {
    const res = await get("/docs/");
    expect([200, 302]).toContain(res.statusCode);
    expect((await get("/docs/json")).json().openapi).toMatch(/^3\./);
  });
});
