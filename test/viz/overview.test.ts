// The viewer's overview helpers (viz/overview.ts) and the client's call for
// it: the limit a page asks for, when an answer counts as cut, the notice's
// words, where brought-in nodes land and what bringIn adds.
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import { ApiClient } from "../../viz/api-client.js";
import { bringIn, OVERVIEW_LIMIT, overviewLimit, overviewNotice, overviewOf } from "../../viz/overview.js";
import type { NodeRecord, RelationshipRecord } from "../../graph/types.js";

const node = (id: string): NodeRecord => ({ id, attributes: { nodeLabel: "Organization", kind: "union", name: id, aliases: [], documents: [], mentions: 0, origin: "imported" } });
const rel = (type: string, source: string, target: string): RelationshipRecord => ({
  id: `${type}:${source}:${target}`,
  source,
  target,
  attributes: { type, polarity: "present", confidence: 0.7, origin: "manual", evidence: [] } as unknown as RelationshipRecord["attributes"],
});
const options = { undirected: (type: string) => type === "TIE", size: (degree: number, max: number) => 3 + (12 * degree) / max };

describe("the overview's limit, cut and notice", () => {
  it("takes ?top= from 1 to 100000 and falls back to the default otherwise", () => {
    expect(overviewLimit("")).toBe(OVERVIEW_LIMIT);
    expect(overviewLimit("?top=250&layout=off")).toBe(250);
    expect(overviewLimit("?top=100000")).toBe(100_000);
    for (const bad of ["?top=0", "?top=100001", "?top=1.5", "?top=-3", "?top=abc", "?top="]) expect(overviewLimit(bad), bad).toBe(OVERVIEW_LIMIT);
  });

  it("counts an answer as cut only when the store holds more nodes than came", () => {
    expect(overviewOf(184, { nodes: 184, relationships: 300 })).toBeNull();
    expect(overviewOf(184, null)).toBeNull();
    expect(overviewOf(3000, { nodes: 100_000, relationships: 999_900 })).toEqual({ shown: 3000, totalNodes: 100_000, totalRelationships: 999_900 });
  });

  it("says what is shown of what, and what was brought in", () => {
    const o = { shown: 3000, totalNodes: 100_000, totalRelationships: 999_900 };
    expect(overviewNotice(o)).toBe("Overview: the 3,000 best-connected of 100,000 organisations. Search or open a node to see its ties.");
    expect(overviewNotice(o, 1746)).toContain("(and 1,746 brought in)");
  });
});

describe("bringIn", () => {
  function drawn(): Graph {
    const g = new Graph({ multi: true, type: "mixed", allowSelfLoops: true });
    g.addNode("hub", { ...node("hub").attributes, x: 10, y: 20, size: 15 });
    g.addNode("far", { ...node("far").attributes, x: 110, y: -80, size: 3 });
    g.addUndirectedEdgeWithKey("TIE:far:hub", "far", "hub", { type: "TIE" });
    return g;
  }

  it("adds the missing nodes around the anchor and the relationships between drawn ends, directed or not", () => {
    const g = drawn();
    const added = bringIn(g, "hub", [node("hub"), node("a"), node("b"), node("far")], [rel("TIE", "a", "hub"), rel("FUNDS", "hub", "b"), rel("TIE", "far", "hub"), rel("FUNDS", "b", "nowhere")], options);
    expect(added.sort()).toEqual(["a", "b"]);
    expect(g.order).toBe(4);
    expect(g.size).toBe(3);
    expect(g.isUndirected("TIE:a:hub")).toBe(true);
    expect(g.isDirected("FUNDS:hub:b")).toBe(true);
    expect(g.source("FUNDS:hub:b")).toBe("hub");
    // Close to the hub, compared with the spread of the picture (141 wide).
    for (const id of added) {
      const { x, y } = g.getNodeAttributes(id);
      expect(Math.hypot(x - 10, y - 20)).toBeGreaterThan(0);
      expect(Math.hypot(x - 10, y - 20)).toBeLessThan(0.1 * 141);
      expect(g.getNodeAttribute(id, "size")).toBeGreaterThan(0);
      expect(g.getNodeAttribute(id, "name")).toBe(id);
    }
    // Again: nothing new, the same places.
    const place = g.getNodeAttributes("a");
    expect(bringIn(g, "hub", [node("a"), node("b")], [rel("TIE", "a", "hub")], options)).toEqual([]);
    expect(g.getNodeAttributes("a")).toMatchObject({ x: place.x, y: place.y });
  });

  it("puts a new anchor among its drawn neighbours and places a node by its id, whatever the order", () => {
    const one = drawn();
    const two = drawn();
    bringIn(one, "new", [node("new"), node("hub"), node("far"), node("x"), node("y")], [rel("TIE", "new", "hub"), rel("TIE", "new", "far"), rel("TIE", "new", "x"), rel("TIE", "new", "y")], options);
    bringIn(two, "new", [node("y"), node("far"), node("x"), node("new"), node("hub")], [rel("TIE", "new", "y"), rel("TIE", "new", "x"), rel("TIE", "new", "far"), rel("TIE", "new", "hub")], options);
    expect(one.getNodeAttributes("new")).toMatchObject({ x: 60, y: -30 });
    for (const id of ["new", "x", "y"]) expect(two.getNodeAttributes(id)).toMatchObject({ x: one.getNodeAttribute(id, "x"), y: one.getNodeAttribute(id, "y") });
    expect(one.degree("new")).toBe(4);
  });
});

describe("ApiClient.graphWithTotals", () => {
  it("asks for the overview and reads the totals from the headers, null without them", async () => {
    const urls: string[] = [];
    let headers: Record<string, string> = { "x-total-nodes": "100000", "x-total-relationships": "999900" };
    const client = new ApiClient("http://api.test", (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ nodes: [], edges: [] }), { status: 200, headers: { "content-type": "application/json", ...headers } });
    }) as unknown as typeof fetch);
    expect((await client.graphWithTotals({ withoutDocuments: true, top: 3000 })).totals).toEqual({ nodes: 100_000, relationships: 999_900 });
    expect(urls).toEqual(["http://api.test/api/graph?withoutDocuments=true&top=3000"]);
    headers = {};
    expect((await client.graphWithTotals({ withoutDocuments: true })).totals).toBeNull();
  });
});
