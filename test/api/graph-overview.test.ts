// GET /api/graph and GET /api/export with `top`: an overview of the
// best-connected nodes (graph/filter.ts) and, with it, X-Total-Nodes and
// X-Total-Relationships (the store's counts), so a client can tell the answer
// was cut; `top` out of range is a 400 in the one error shape.
import { describe, expect, test } from "vitest";
import type { SerializedGraph } from "../../graph/types.js";
import { bundle, useSeededApp } from "./helpers.js";

const seeded = useSeededApp();
const { get } = seeded;

describe("GET /api/graph?top=", () => {
  test("gives the store's overview and says what the whole holds", async () => {
    const stats = await seeded.store.stats();
    const res = await get("/api/graph?top=3&withoutDocuments=true");
    expect(res.statusCode).toBe(200);
    const body = res.json<SerializedGraph>();
    const overview = await seeded.store.exportGraph({ top: 3, withoutDocuments: true });
    expect(body.nodes.map((n) => n.key)).toEqual(overview.nodes.map((n) => n.key));
    expect(body.edges.map((e) => e.key)).toEqual(overview.edges.map((e) => e.key));
    expect(body.nodes).toHaveLength(3);
    const kept = new Set(body.nodes.map((n) => n.key));
    expect(body.edges.length).toBeGreaterThan(0);
    expect(body.edges.every((e) => kept.has(e.source) && kept.has(e.target))).toBe(true);
    // The whole is bigger than what came: the client can tell the answer was cut.
    expect(stats.nodes).toBeGreaterThan(3);
    expect(res.headers["x-total-nodes"]).toBe(String(stats.nodes));
    expect(res.headers["x-total-relationships"]).toBe(String(stats.relationships));
    expect(String(res.headers["access-control-expose-headers"])).toMatch(/x-total-nodes/i);
  });

  test("sends no totals without top, and the whole graph when top exceeds it", async () => {
    const plain = await get("/api/graph?withoutDocuments=true");
    expect(plain.headers["x-total-nodes"]).toBeUndefined();
    const all = await get("/api/graph?withoutDocuments=true&top=100000");
    expect(all.json<SerializedGraph>().nodes).toHaveLength(Number(all.headers["x-total-nodes"]));
    expect(all.json<SerializedGraph>().nodes.map((n) => n.key).sort()).toEqual(plain.json<SerializedGraph>().nodes.map((n) => n.key).sort());
  });

  test("rejects a top that is not an integer from 1 to 100000 with a 400 naming it", async () => {
    for (const top of ["0", "-1", "100001", "1.5", "abc", ""]) {
      const res = await get(`/api/graph?top=${top}`);
      expect(res.statusCode, top).toBe(400);
      expect(res.json().message).toMatch(/top/);
    }
    expect((await get("/api/export?format=csv-nodes&top=0")).statusCode).toBe(400);
  });

  test("answers a matching If-None-Match with 304, and a change outside the overview changes the tag and the totals", async () => {
    const first = await get("/api/graph?top=2&withoutDocuments=true");
    const etag = String(first.headers.etag);
    const again = await get("/api/graph?top=2&withoutDocuments=true", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.headers["x-total-nodes"]).toBe(first.headers["x-total-nodes"]);
    // A node with no relationships is no part of the top two, but the whole grows.
    const text = "Solidarnosc is named here alone.";
    await seeded.store.upsertDocument(bundle("doc-lone", text, [{ id: "solidarnosc", mentions: 1, attributes: { nodeLabel: "Organization", kind: "union", name: "Solidarnosc", aliases: [], documents: [], mentions: 0, origin: "codebook", country: "PL" } }], []));
    const after = await get("/api/graph?top=2&withoutDocuments=true", { "if-none-match": etag });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual(first.json());
    expect(Number(after.headers["x-total-nodes"])).toBe(Number(first.headers["x-total-nodes"]) + 1);
    expect(after.headers.etag).not.toBe(etag);
    await seeded.store.removeDocument("doc-lone");
  });
});

describe("GET /api/export?top=", () => {
  test("exports the overview as a file with the totals", async () => {
    const res = await get("/api/export?format=csv-nodes&top=2");
    expect(res.statusCode).toBe(200);
    const overview = await seeded.store.exportGraph({ top: 2 });
    const lines = res.body.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const n of overview.nodes) expect(res.body).toContain(n.key);
    expect(res.headers["x-total-nodes"]).toBe(String((await seeded.store.stats()).nodes));
  });
});
