// What the viewer draws: filters, the time range, isolated nodes, focus,
// emphasis of a selection or path, and the Sigma display attributes.
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import { assignCurvatures, edgeProgram, makeEdgeReducer, makeNodeReducer } from "../../viz/reducers.js";
import { computeView, overlapsYears, visibleBBox } from "../../viz/view-model.js";
import { DEFAULT_STATE, type ViewState } from "../../viz/state.js";
import { DIM_COLOUR, KIND_COLOURS, PATH_COLOUR, TYPE_COLOURS } from "../../viz/style.js";
import { fixtureGraph } from "./fixtures/fixture-graph.js";

function load(): Graph {
  const g = new Graph({ multi: true, type: "mixed" });
  g.import(fixtureGraph({ withDocuments: false }) as never);
  g.forEachNode((n, a) => g.mergeNodeAttributes(n, { x: a.name.length, y: n.length }));
  return g;
}
const st = (patch: Partial<ViewState> = {}): ViewState => ({ ...DEFAULT_STATE, ...patch });

describe("computeView", () => {
  const g = load();

  it("hides absent relationships and nodes left without any, until asked", () => {
    const v = computeView(g, st());
    expect(v.visibleEdges.has("TIE:rengo:thai-unions:absent")).toBe(false);
    expect(v.visibleNodes.has("thai-unions")).toBe(false);
    const w = computeView(g, st({ showAbsent: true }));
    expect(w.visibleEdges.has("TIE:rengo:thai-unions:absent")).toBe(true);
    expect(computeView(g, st({ showIsolated: true })).visibleNodes.has("thai-unions")).toBe(true);
  });

  it("filters by relationship type, kind, country and confidence", () => {
    expect([...computeView(g, st({ types: ["MEMBER_OF"] })).visibleEdges].every((e) => e.startsWith("MEMBER_OF"))).toBe(true);
    const kr = computeView(g, st({ countries: ["KR"], showIsolated: true }));
    expect([...kr.visibleNodes].sort()).toEqual(["fktu", "kctu"]);
    expect(computeView(g, st({ kinds: ["ngo"] })).visibleEdges.size).toBe(0);
    expect(computeView(g, st({ minConfidence: 0.81 })).visibleEdges.size).toBe(0);
  });

  it("grows the network with the time range: later ties and their lone nodes wait", () => {
    const v = computeView(g, st({ toYear: 2000 }));
    expect(v.visibleEdges.has("TIE:kmu:zenrokyo")).toBe(false);
    expect(v.visibleEdges.has("TIE:fktu:rengo")).toBe(true);
    expect(v.visibleNodes.has("zenrokyo")).toBe(false);
    // A year without an end is a point in time, as in the API's filter (graph/filter.ts), so exports match the view.
    expect(computeView(g, st({ fromYear: 2005 })).visibleEdges.has("TIE:fktu:rengo")).toBe(false);
  });

  it("keeps only the focus neighbourhood of the chosen depth", () => {
    expect([...computeView(g, st({ focus: { node: "zenrokyo", depth: 1 } })).visibleNodes].sort()).toEqual(["kmu", "zenrokyo"]);
    expect([...computeView(g, st({ focus: { node: "zenrokyo", depth: 2 } })).visibleNodes].sort()).toEqual(["kctu", "kmu", "zenrokyo"]);
  });

  it("emphasises a selection's neighbourhood, or a path when one is given", () => {
    const sel = computeView(g, st({ selected: "zenrokyo" }));
    expect(sel.emphasis).toBe("selection");
    expect([...sel.emphasisNodes!].sort()).toEqual(["kmu", "zenrokyo"]);
    const path = computeView(g, st(), { pathNodes: ["zenrokyo", "kmu", "kctu"], pathEdges: ["TIE:kmu:zenrokyo", "TIE:kctu:kmu"] });
    expect(path.emphasis).toBe("path");
    expect(path.emphasisEdges!.size).toBe(2);
  });
});

describe("reducers", () => {
  const g = load();
  it("colour nodes by kind, hide filtered ones and dim what is not emphasised", () => {
    const view = computeView(g, st({ selected: "zenrokyo" }));
    const reduce = makeNodeReducer(view, st({ selected: "zenrokyo" }), () => null);
    expect(reduce("zenrokyo", { ...g.getNodeAttributes("zenrokyo") })).toMatchObject({ label: "Zenrokyo", color: KIND_COLOURS.confederation, highlighted: true });
    expect(reduce("ituc", { ...g.getNodeAttributes("ituc") }).color).toBe(DIM_COLOUR);
    expect(reduce("thai-unions", { ...g.getNodeAttributes("thai-unions") }).hidden).toBe(true);
  });

  it("leave the graph's own attributes alone (they write into Sigma's copy)", () => {
    const reduce = makeEdgeReducer(computeView(g, st()), () => null);
    reduce("TIE:kmu:zenrokyo", { ...g.getEdgeAttributes("TIE:kmu:zenrokyo") });
    expect(g.getEdgeAttribute("TIE:kmu:zenrokyo", "type")).toBe("TIE");
  });

  it("colour edges by type, choose the program, and draw a path in the path colour", () => {
    const view = computeView(g, st(), { pathNodes: ["zenrokyo", "kmu"], pathEdges: ["TIE:kmu:zenrokyo"] });
    const reduce = makeEdgeReducer(view, () => null);
    expect(reduce("TIE:kmu:zenrokyo", { ...g.getEdgeAttributes("TIE:kmu:zenrokyo") })).toMatchObject({ color: PATH_COLOUR, type: "line", size: 5 });
    expect(reduce("MEMBER_OF:rengo:ituc", { ...g.getEdgeAttributes("MEMBER_OF:rengo:ituc") })).toMatchObject({ color: DIM_COLOUR, type: "arrow" });
    const plain = makeEdgeReducer(computeView(g, st()), () => null);
    expect(plain("FUNDS:rengo:jilaf", { ...g.getEdgeAttributes("FUNDS:rengo:jilaf") }).color).toBe(TYPE_COLOURS.FUNDS);
    expect(edgeProgram({ type: "TIE", polarity: "absent" })).toBe("dashed");
  });

  it("bend parallel edges apart and leave single ones straight", () => {
    assignCurvatures(g);
    const [a, b] = [g.getEdgeAttribute("OPPOSES:zenroren:rengo", "curvature"), g.getEdgeAttribute("TIE:rengo:zenroren", "curvature")];
    expect(a).not.toBe(0);
    expect(b).not.toBe(0);
    expect(g.getEdgeAttribute("TIE:fktu:rengo", "curvature") ?? 0).toBe(0);
    expect(edgeProgram(g.getEdgeAttributes("OPPOSES:zenroren:rengo"))).toBe("curvedArrow");
  });

  it("frame only visible nodes", () => {
    const view = computeView(g, st({ focus: { node: "zenrokyo", depth: 1 } }));
    const box = visibleBBox(g, view)!;
    expect(box.x[0]).toBeLessThan(3);
    expect(box.x[1]).toBeGreaterThan(8);
  });
});

describe("overlapsYears", () => {
  it("treats undated relationships as timeless and a since without until as a point in time", () => {
    expect(overlapsYears({}, 1990, 1995)).toBe(true);
    expect(overlapsYears({ since: 2000 }, null, 1999)).toBe(false);
    expect(overlapsYears({ since: 1990, until: 1995 }, 1996, null)).toBe(false);
    expect(overlapsYears({ since: 1990, until: 1995 }, 1994, 1994)).toBe(true);
    expect(overlapsYears({ since: 1990 }, 1991, null)).toBe(false);
  });
});
