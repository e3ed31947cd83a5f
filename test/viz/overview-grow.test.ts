// The pure parts of growing an overview (viz/overview.ts, controls/overview-reload.ts):
// the API query an overview under the viewer's filters asks, the include list
// an export URL can carry, and the graph becoming a new overview answer plus
// what the user brought in.
import { readFileSync } from "node:fs";
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import { graphQueryString } from "../../viz/api-client.js";
import { includeList } from "../../viz/controls/overview-reload.js";
import { filtersOverview, OVERVIEW_LIMIT, overviewQuery, PRELOADED_OVERVIEW, replaceOverview } from "../../viz/overview.js";
import { DEFAULT_STATE } from "../../viz/state.js";
import type { SerializedGraph } from "../../graph/types.js";

const options = { undirected: (type: string) => type === "TIE", size: (degree: number, max: number) => 1 + (9 * degree) / max };

const node = (key: string, country = "JP") => ({ key, attributes: { nodeLabel: "Organization", kind: "union", name: key, country } as never });
const tie = (source: string, target: string) => ({ key: `TIE:${source}:${target}`, source, target, undirected: true, attributes: { type: "TIE", polarity: "present", confidence: 0.8 } as never });
const answer = (nodes: string[], edges: Array<[string, string]>): SerializedGraph => ({
  attributes: {},
  options: { type: "mixed", multi: true, allowSelfLoops: false },
  nodes: nodes.map((n) => node(n)),
  edges: edges.map(([s, t]) => tie(s, t)),
});

function drawn(nodes: string[], edges: Array<[string, string]>): Graph {
  const g = new Graph({ multi: true, type: "mixed" });
  nodes.forEach((n, i) => g.addNode(n, { name: n, x: i * 10, y: (i % 3) * 10, size: 1 }));
  for (const [s, t] of edges) g.addUndirectedEdgeWithKey(`TIE:${s}:${t}`, s, t, { type: "TIE" });
  return g;
}

describe("the overview query", () => {
  it("asks for the limit under every filter the screen applies, absent ties only when shown", () => {
    const state = { ...DEFAULT_STATE, types: ["TIE"], kinds: ["union"], countries: ["KR"], minConfidence: 0.5, fromYear: 1990, toYear: 2005 };
    const q = graphQueryString(overviewQuery(state, 300, ["o9", "o10"]));
    expect(Object.fromEntries(q)).toEqual({
      types: "TIE", kinds: "union", countries: "KR", minConfidence: "0.5", fromYear: "1990", toYear: "2005",
      withoutDocuments: "true", includeAbsent: "false", top: "300", include: "o9,o10",
    });
    expect(graphQueryString(overviewQuery({ ...DEFAULT_STATE, showAbsent: true }, 300)).has("includeAbsent")).toBe(false);
    // Years outside what the API takes are brought within it.
    expect(Object.fromEntries(graphQueryString(overviewQuery({ ...DEFAULT_STATE, fromYear: 200, toYear: 4000 }, 5)))).toMatchObject({ fromYear: "1000", toYear: "3000" });
    expect(filtersOverview(DEFAULT_STATE)).toBe(false);
    expect(filtersOverview({ ...DEFAULT_STATE, countries: ["KR"] })).toBe(true);
  });

  it("is, for a link without filters, the URL index.html preloads (so the first answer is already on its way)", () => {
    expect(graphQueryString(overviewQuery(DEFAULT_STATE, OVERVIEW_LIMIT)).toString()).toBe(PRELOADED_OVERVIEW);
    const html = readFileSync(new URL("../../viz/index.html", import.meta.url), "utf8");
    const href = /<link rel="preload" href="([^"]+)"/.exec(html)?.[1].replace(/&amp;/g, "&");
    expect(href).toBe(`/api/graph?${PRELOADED_OVERVIEW}`);
  });
});

describe("includeList", () => {
  it("keeps the sorted ids an export URL can carry and says how many were left", () => {
    expect(includeList(["b", "a", "c"])).toEqual({ ids: ["a", "b", "c"], left: 0 });
    const many = Array.from({ length: 620 }, (_v, i) => `n${String(i).padStart(4, "0")}`);
    const list = includeList(many);
    expect(list.ids).toHaveLength(500);
    expect(list.left).toBe(120);
    // Long ids stop at the URL budget before the count.
    const long = includeList(Array.from({ length: 100 }, (_v, i) => `${"x".repeat(190)}${i}`));
    expect(long.ids.length).toBeLessThan(50);
    expect(long.ids.join(",").length).toBeLessThanOrEqual(8000);
  });
});

describe("replaceOverview", () => {
  it("drops what neither the answer nor the kept nodes hold, adds the answer near its drawn neighbours, and sizes by degree", () => {
    const g = drawn(["a", "b", "c", "kept"], [["a", "b"], ["b", "c"], ["c", "kept"]]);
    const { added, dropped } = replaceOverview(g, answer(["b", "x", "y"], [["b", "x"], ["x", "y"]]), new Set(["kept"]), options);
    expect(added).toEqual(["x", "y"]);
    expect(dropped).toBe(2); // a and c, with their ties
    expect(g.nodes().sort()).toEqual(["b", "kept", "x", "y"]);
    expect(g.edges().sort()).toEqual(["TIE:b:x", "TIE:x:y"]);
    expect(g.isUndirected("TIE:b:x")).toBe(true);
    // x comes near b, its drawn neighbour; y (no drawn neighbour) somewhere in the drawing.
    const [b, x] = [g.getNodeAttributes("b"), g.getNodeAttributes("x")];
    expect(Math.hypot(x.x - b.x, x.y - b.y)).toBeLessThan(2);
    expect(g.getNodeAttribute("x", "size")).toBeGreaterThan(g.getNodeAttribute("kept", "size"));
  });

  it("drops nothing node by node or edge by edge (Sigma re-indexes the whole graph on each drop)", () => {
    const ids = Array.from({ length: 200 }, (_v, i) => `n${i}`);
    const g = drawn(ids, ids.slice(1).map((id, i) => [ids[i], id] as [string, string]));
    const events: string[] = [];
    for (const name of ["nodeDropped", "edgeDropped", "cleared"]) g.on(name as "cleared", () => events.push(name));
    const { dropped } = replaceOverview(g, answer(ids.slice(0, 10), []), new Set(), options);
    expect(dropped).toBe(190);
    expect(events).toEqual(["cleared"]);
    expect(g.order).toBe(10);
    expect(g.size).toBe(9); // the ties among the ten kept
  });

  it("places an answer on an empty graph spread out, every position finite", () => {
    const g = new Graph({ multi: true, type: "mixed" });
    replaceOverview(g, answer(["p", "q", "r"], [["p", "q"]]), new Set(), options);
    expect(g.order).toBe(3);
    const xs = g.mapNodes((_n, a) => a.x as number);
    expect(xs.every(Number.isFinite)).toBe(true);
    expect(new Set(xs).size).toBe(3);
  });
});
