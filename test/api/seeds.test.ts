// The API on the real seed corpus (the three papers through ingestPaths):
// the organisations of issue #2 are searchable, a path between Zenrokyo and
// KCTU exists with quotes that are the document text at their offsets, every
// document's spans index into its text, and the analyses answer.
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FastifyInstance } from "fastify";
import { MemoryStore } from "../../graph/memory-store.js";
import { ingestPaths } from "../../ingest/index.js";
import { LEAK, makeApp } from "./helpers.js";

const SEEDS = join(resolve(import.meta.dirname, "..", ".."), "seeds");
let app: FastifyInstance;
beforeAll(async () => {
  const store = new MemoryStore();
  await store.open();
  await ingestPaths(store, [SEEDS]);
  app = await makeApp(store);
}, 120_000);
afterAll(() => app.close());

const get = async (url: string) => {
  const res = await app.inject(url);
  expect(res.statusCode, url).toBe(200);
  expect(res.body).not.toMatch(LEAK);
  return res.json();
};

describe("the API on the ingested seeds", () => {
  test.each(["Rengo", "Zenroren", "Zenrokyo", "KCTU", "FKTU", "KMU", "ITUC", "APLN", "APRO", "Ijuren"])("%s is found by search", async (name) => {
    const body = await get(`/api/organizations?q=${encodeURIComponent(name)}&limit=5`);
    expect(body.total).toBeGreaterThan(0);
  });
  test("a path from Zenrokyo to KCTU carries quotes that are the text at their offsets", async () => {
    const [from] = (await get("/api/organizations?q=zenrokyo&limit=1")).items;
    const [to] = (await get("/api/organizations?q=kctu&limit=1")).items;
    const body = await get(`/api/paths/shortest?from=${from.id}&to=${to.id}`);
    expect(body.paths.length).toBe(1);
    const texts = new Map<string, string>();
    for (const hop of body.paths[0].hops) {
      expect(hop.relationship.attributes.evidence.length).toBeGreaterThan(0);
      for (const e of hop.relationship.attributes.evidence) {
        if (!texts.has(e.document)) texts.set(e.document, (await get(`/api/documents/${e.document}/text`)).text);
        expect(texts.get(e.document)!.slice(e.start, e.end)).toBe(e.quote);
      }
    }
  });
  test("every document's spans point at relationships whose evidence lies in its text", async () => {
    const { items } = await get("/api/documents");
    expect(items).toHaveLength(3);
    for (const doc of items) {
      const { text, spans } = await get(`/api/documents/${doc.id}/text`);
      expect(spans.length).toBeGreaterThan(0);
      for (const span of spans.slice(0, 20)) {
        const rel = await get(`/api/relationships/${encodeURIComponent(span.relationship)}`);
        const ev = rel.attributes.evidence.find((e: any) => e.document === doc.id && e.start === span.start && e.end === span.end);
        expect(text.slice(ev.start, ev.end)).toBe(ev.quote);
      }
    }
  });
  test("statistics, boomerang and every export format answer on the seeds", async () => {
    const stats = await get("/api/stats");
    expect(stats.counts.documents).toBe(3);
    expect(stats.communities.count).toBeGreaterThan(1);
    const boomerang = await get("/api/boomerang?state=JP");
    expect(boomerang.instances.length).toBeGreaterThan(0);
    for (const format of ["json", "gexf", "graphml", "csv-nodes", "csv-edges", "svg"]) {
      const res = await app.inject(`/api/export?format=${format}`);
      expect(res.statusCode, format).toBe(200);
      expect(res.headers.etag).toBeDefined();
    }
  });
});
