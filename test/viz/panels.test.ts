// The panels' VNode trees: what they say, that quotes open their documents,
// that markup in data stays text, and the boomerang figure's arrangement.
import { describe, expect, it } from "vitest";
import type { BoomerangResult } from "../../graph/algorithms/boomerang-types.js";
import type { NodeRecord, RelationshipRecord } from "../../graph/types.js";
import { buildBoomerangPanel, roleNames } from "../../viz/panels/boomerang-panel.js";
import { buildDocumentView } from "../../viz/panels/document-panel.js";
import { buildNodePanel } from "../../viz/panels/node-panel.js";
import { textOf, type VNode } from "../../viz/panels/vnode.js";
import { fixtureGraph, XSS_NAME } from "./fixtures/fixture-graph.js";

const g = fixtureGraph();
const node = (id: string): NodeRecord => ({ id, attributes: g.nodes.find((n) => n.key === id)!.attributes });
const rel = (key: string): RelationshipRecord => {
  const e = g.edges.find((x) => x.key === key)!;
  return { id: e.key, source: e.source, target: e.target, attributes: e.attributes };
};
const all = (v: VNode): VNode[] => [v, ...(v.children ?? []).flatMap(all)];
const titles = new Map([["doc-a", "Japanese Unions"], ["doc-b", "Migrant Support"]]);

describe("node panel", () => {
  const rels = ["MEMBER_OF:rengo:ituc", "OPPOSES:zenroren:rengo", "TIE:fktu:rengo", "TIE:rengo:thai-unions:absent"].map(rel);
  const tree = buildNodePanel({ node: node("rengo"), relationships: rels, neighbours: ["ituc", "zenroren", "fktu", "thai-unions"].map(node) }, titles);
  const text = textOf(tree);

  it("states kind, country, aliases, founding year and membership", () => {
    for (const part of ["confederation", "JP", "JTUC-Rengo", "1989", "6,800,000 (2005)"]) expect(text).toContain(part);
  });

  it("groups relationships by type and words them from the node's side", () => {
    expect(all(tree).filter((v) => v.tag === "h3").map((v) => v.text)).toEqual(["Member of (1)", "Opposes (1)", "Tie (2)"]);
    expect(text).toContain("member of ITUC");
    expect(text).toContain("Zenroren opposes this");
    expect(text).toContain("no tie with Thai labor unions");
  });

  it("makes each quote a button that opens its document at the span", () => {
    const quote = all(tree).find((v) => v.action?.type === "openQuote" && v.text?.includes("member of the ITUC"))!;
    const ev = rels[0].attributes.evidence[0];
    expect(quote.tag).toBe("button");
    expect(quote.action).toEqual({ type: "openQuote", document: "doc-a", start: ev.start, end: ev.end });
  });

  it("keeps markup in names as text", () => {
    const hostile = { ...node("rengo"), attributes: { ...node("rengo").attributes, name: XSS_NAME } };
    const t = buildNodePanel({ node: hostile, relationships: [], neighbours: [] }, titles);
    expect(all(t).find((v) => v.tag === "h2")!.text).toBe(XSS_NAME);
    expect(all(t).some((v) => v.tag === "img")).toBe(false);
  });
});

describe("document view", () => {
  it("cuts the text around the highlighted span, clamped to the text", () => {
    const tree = buildDocumentView("T", "abcdefgh", { start: 2, end: 5 });
    expect(all(tree).find((v) => v.tag === "mark")!.text).toBe("cde");
    expect(all(buildDocumentView("T", "abc", { start: 2, end: 99 })).find((v) => v.tag === "mark")!.text).toBe("c");
  });
});

describe("boomerang panel", () => {
  const result: BoomerangResult = {
    query: { state: "JP", org: null },
    summary: { complete: 1, partial: 1 },
    truncated: false,
    notes: [],
    instances: [
      {
        id: "ijuren>apro>ilo>moj", complete: true, score: { legsPresent: 4, legsTotal: 4, weakestConfidence: 0.8 },
        nodes: { state: "JP", stateBodies: [node("moj")], domestic: node("ijuren"), partners: [node("apro")], pressurer: node("ilo"), target: node("moj") },
        legs: [
          { leg: "block", label: "blocked by its state", status: "present", relationships: [rel("BLOCKS:moj:ijuren")] },
          { leg: "reach", label: "reach across the border", status: "present", relationships: [rel("TIE:apro:ijuren")] },
          { leg: "pressure", label: "partner pressure", status: "present", relationships: [rel("PRESSURES:apro:ilo")] },
          { leg: "boomerang", label: "pressure back on the state", status: "present", relationships: [rel("PRESSURES:ilo:moj")] },
        ],
        missing: [],
      },
      {
        id: "rengo>fktu#pressure", complete: false, score: { legsPresent: 2, legsTotal: 4, weakestConfidence: 0.8 },
        nodes: { state: "JP", stateBodies: [], domestic: node("rengo"), partners: [node("fktu")] },
        legs: [
          { leg: "block", label: "blocked by its state", status: "missing", relationships: [] },
          { leg: "reach", label: "reach across the border", status: "present", relationships: [rel("TIE:fktu:rengo")] },
          { leg: "pressure", label: "partner pressure", status: "missing", relationships: [] },
          { leg: "boomerang", label: "pressure back on the state", status: "absent", relationships: [] },
        ],
        missing: ["blocked by its state", "partner pressure", "pressure back on the state"], brokenAt: "pressure",
      },
    ],
  };
  const tree = buildBoomerangPanel("JP", result, titles);

  it("puts state and domestic group on the left, partner and pressurer on the right", () => {
    const roles = all(tree).filter((v) => v.attrs?.["data-role"]).slice(0, 4);
    const x = (role: string) => Number(all(roles.find((r) => r.attrs!["data-role"] === role)!).find((v) => v.tag === "rect")!.attrs!.x);
    expect(x("state")).toBe(x("domestic"));
    expect(x("partner")).toBe(x("pressurer"));
    expect(x("state")).toBeLessThan(x("partner"));
    expect(roleNames(result.instances[0])).toEqual({ state: "Ministry of Justice (JP)", domestic: "Ijuren", partner: "APRO", pressurer: "ILO" });
  });

  it("draws missing and absent legs dashed and says what is missing", () => {
    const legs = all(tree).filter((v) => v.attrs?.class?.toString().startsWith("leg "));
    const dashed = legs.filter((l) => all(l).some((v) => v.tag === "line" && v.attrs?.["stroke-dasharray"]));
    expect(dashed.map((l) => l.attrs!.class)).toEqual(["leg missing", "leg missing", "leg absent"]);
    expect(textOf(dashed[0])).toContain("missing: blocked by its state");
    expect(textOf(dashed[2])).toContain("stated absent: pressure back on the state");
    expect(textOf(tree)).toContain("1 complete and 1 partial");
  });
});
