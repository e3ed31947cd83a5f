// GET /api/facets (what the whole store holds by kind and country, for a
// viewer's filter lists while it shows an overview) and `include` on
// GET /api/graph and /api/export (nodes brought into an overview kept besides
// the top, so an export is what the viewer shows), and `withoutIsolated`
// (the nodes the viewer hides for having no drawn tie left out); an `include`
// that is not a list of at most 500 ids is a 400.
import { describe, expect, test } from "vitest";
import type { SerializedGraph } from "../../graph/types.js";
import { useSeededApp } from "./helpers.js";

const seeded = useSeededApp();
const { get } = seeded;
const keys = (g: SerializedGraph) => g.nodes.map((n) => n.key).sort();

describe("GET /api/facets", () => {
  test("lists every kind and country of the store's organisations with counts, documents left out", async () => {
    const res = await get("/api/facets");
    expect(res.statusCode).toBe(200);
    const facets = res.json<{ nodes: number; relationships: number; kinds: Record<string, number>; countries: Record<string, number> }>();
    // Counted from the whole graph, not from an overview.
    const whole = await seeded.store.exportGraph({ withoutDocuments: true });
    const byKind: Record<string, number> = {};
    const byCountry: Record<string, number> = {};
    for (const n of whole.nodes) {
      byKind[n.attributes.kind] = (byKind[n.attributes.kind] ?? 0) + 1;
      if (n.attributes.country) byCountry[n.attributes.country] = (byCountry[n.attributes.country] ?? 0) + 1;
    }
    expect(facets.kinds).toEqual(byKind);
    expect(facets.countries).toEqual(byCountry);
    expect(facets.kinds.document).toBeUndefined();
    expect(facets.nodes).toBe(whole.nodes.length);
    expect(facets.relationships).toBe((await seeded.store.stats()).relationships);
    expect(Object.keys(facets.countries).length).toBeGreaterThan(1);
  });

  test("takes no query parameters", async () => {
    expect((await get("/api/facets?top=3")).statusCode).toBe(400);
  });
});

describe("include= on GET /api/graph and /api/export", () => {
  test("keeps the included nodes besides the overview, with their relationships to it", async () => {
    const top = await get("/api/graph?withoutDocuments=true&top=2");
    const overview = keys(top.json<SerializedGraph>());
    // An organisation outside the overview that has a relationship to one in it.
    const whole = await seeded.store.exportGraph({ withoutDocuments: true });
    const outside = whole.edges.find((e) => overview.includes(e.source) !== overview.includes(e.target))!;
    const extra = overview.includes(outside.source) ? outside.target : outside.source;
    const res = await get(`/api/graph?withoutDocuments=true&top=2&include=${extra},nowhere`);
    expect(res.statusCode).toBe(200);
    const grown = res.json<SerializedGraph>();
    expect(keys(grown)).toEqual([...overview, extra].sort());
    expect(grown.edges.map((e) => e.key)).toContain(outside.key);
    // The totals still say the answer was cut.
    expect(res.headers["x-total-nodes"]).toBe(top.headers["x-total-nodes"]);
    // The same nodes in an export file (csv-nodes: a header, then one line per node).
    const csv = await get(`/api/export?format=csv-nodes&withoutDocuments=true&top=2&include=${extra}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split("\n")).toHaveLength(overview.length + 2);
    expect(csv.body).toContain(extra);
  });

  test("keeps an included node only when the node filters keep it", async () => {
    const whole = await seeded.store.exportGraph({ withoutDocuments: true });
    const jp = whole.nodes.find((n) => n.attributes.country === "JP")!.key;
    const kr = whole.nodes.find((n) => n.attributes.country === "KR")!.key;
    const res = await get(`/api/graph?top=1&countries=KR&include=${jp},${kr}`);
    const got = keys(res.json<SerializedGraph>());
    expect(got).toContain(kr);
    expect(got).not.toContain(jp);
  });

  test("leaves out the nodes without a kept relationship with withoutIsolated", async () => {
    const all = (await get("/api/graph?countries=JP,KR")).json<SerializedGraph>();
    const tied = await get("/api/graph?countries=JP,KR&withoutIsolated=true");
    expect(tied.statusCode).toBe(200);
    const ends = new Set(all.edges.flatMap((e) => [e.source, e.target]));
    expect(keys(tied.json<SerializedGraph>())).toEqual(keys(all).filter((id) => ends.has(id)));
    expect(ends.size).toBeLessThan(all.nodes.length);
    expect((await get("/api/export?format=csv-nodes&withoutIsolated=maybe")).statusCode).toBe(400);
  });

  test("rejects an include that is not a comma list of at most 500 node ids", async () => {
    const many = Array.from({ length: 501 }, (_v, i) => `n${i}`).join(",");
    for (const bad of ["", ",a", "a,,b", "a%20b", "<script>", many]) {
      const res = await get(`/api/graph?top=5&include=${bad}`);
      expect(res.statusCode, bad.slice(0, 20)).toBe(400);
      expect(res.json().message).toMatch(/include/);
    }
    expect((await get(`/api/export?format=json&top=5&include=${Array.from({ length: 500 }, (_v, i) => `n${i}`).join(",")}`)).statusCode).toBe(200);
  });
});
