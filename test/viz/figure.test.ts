// The server-side figure renderer: a valid SVG that names every node it
// draws, with legend and caption, the same for the same seed.
import { describe, expect, it } from "vitest";
import { renderFigureSvg } from "../../graph/figure/index.js";
import { parseXml, type XmlElement } from "../../graph/formats/index.js";
import { fixtureGraph } from "./fixtures/fixture-graph.js";

function all(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
}
const byClass = (root: XmlElement, cls: string) => all(root, "g").filter((g) => g.attrs.class === cls);

describe("renderFigureSvg", () => {
  const graph = fixtureGraph();
  const svg = renderFigureSvg(graph, { title: "Ties & rivals <2013>", caption: "Union ties." });
  const root = parseXml(svg, "figure");

  it("produces an SVG document that parses as XML", () => {
    expect(root.name).toBe("svg");
    expect(root.attrs.width).toBe("1600");
  });

  it("draws and names every organisation but no document node", () => {
    const nodes = byClass(root, "node");
    const orgs = graph.nodes.filter((n) => n.attributes.nodeLabel !== "Document");
    expect(nodes.map((g) => g.attrs["data-id"]).sort()).toEqual(orgs.map((n) => n.key).sort());
    for (const g of nodes) {
      const name = orgs.find((n) => n.key === g.attrs["data-id"])!.attributes.name;
      expect(all(g, "title")[0].text).toBe(name);
    }
  });

  it("draws every relationship, the absent one dashed", () => {
    const edges = all(root, "path").filter((p) => p.attrs.class === "edge");
    expect(edges).toHaveLength(graph.edges.length);
    const absent = edges.filter((p) => p.attrs["stroke-dasharray"]);
    expect(absent.map((p) => p.attrs["data-id"])).toEqual(["TIE:rengo:thai-unions:absent"]);
  });

  it("has a legend naming the kinds and types drawn", () => {
    const legend = byClass(root, "legend")[0];
    const words = all(legend, "text").map((t) => t.text);
    expect(words).toEqual(expect.arrayContaining(["confederation", "global union", "tie", "member of", "absent (stated as not existing)"]));
  });

  it("puts the escaped title on top and cites both documents in the caption", () => {
    expect(all(root, "text").find((t) => t.attrs.class === "title")!.text).toBe("Ties & rivals <2013>");
    const caption = all(byClass(root, "caption")[0], "text").map((t) => t.text).join(" ");
    expect(caption).toContain("Union ties.");
    expect(caption).toContain("Gajewska, K. (2013) Japanese Unions and Regional Integration");
    expect(caption).toContain("Vogt, G. and Lersch, P. (2007) Migrant Support Organizations in Japan");
  });

  it("is deterministic for a seed and changes with another seed", () => {
    expect(renderFigureSvg(graph, { seed: 7 })).toBe(renderFigureSvg(graph, { seed: 7 }));
    expect(renderFigureSvg(graph, { seed: 7 })).not.toBe(renderFigureSvg(graph, { seed: 8 }));
  });

  it("escapes markup in names instead of emitting it", () => {
    const g = fixtureGraph();
    g.nodes[0].attributes.name = '<img src=x onerror="window.__xss=1">';
    const out = renderFigureSvg(g);
    expect(out).not.toContain("<img");
    expect(all(parseXml(out), "img")).toHaveLength(0);
  });

  it("draws a note instead of failing on an empty graph", () => {
    const out = renderFigureSvg({ ...graph, nodes: [], edges: [] });
    expect(out).toContain("Nothing to draw");
  });
});
