// Interchange formats: GEXF, GraphML, CSV and JSON round trips through
// graphology, the XML reader's safety, and validation listing every problem.
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import {
  fromCsv,
  fromGexf,
  fromGraphml,
  fromJson,
  parseCsv,
  parseXml,
  toCsv,
  toGexf,
  toGraphml,
  toJson,
  validateSerializedGraph,
} from "../../graph/formats/index.js";
import type { SerializedGraph } from "../../graph/types.js";

const QUOTE = 'Rengo and the KCTU held "regular" exchanges,\nsince 1999 & <after>';

function sample(): SerializedGraph {
  return {
    attributes: { name: "sample" },
    options: { type: "mixed", multi: true, allowSelfLoops: false },
    nodes: [
      { key: "rengo", attributes: { nodeLabel: "Organization", kind: "confederation", name: "Rengo", aliases: ["JTUC-Rengo", "連合"], documents: ["doc1"], mentions: 3, origin: "codebook", country: "JP", founded: 1989 } },
      { key: "kctu", attributes: { nodeLabel: "Organization", kind: "confederation", name: "KCTU", aliases: ["Korean Confederation of Trade Unions"], documents: ["doc1"], mentions: 2, origin: "codebook", country: "KR" } },
      { key: "ituc", attributes: { nodeLabel: "Organization", kind: "global_union", name: "ITUC | ICFTU", aliases: [], documents: [], mentions: 0, origin: "manual", scope: "international" } },
      { key: "doc1", attributes: { nodeLabel: "Document", kind: "document", name: "A paper, with commas", aliases: [], documents: ["doc1"], mentions: 0, origin: "extracted", sha256: `ab12${"0".repeat(60)}`, year: 2005 } },
    ],
    edges: [
      {
        key: "TIE:kctu:rengo",
        source: "kctu",
        target: "rengo",
        undirected: true,
        attributes: {
          type: "TIE", polarity: "present", confidence: 0.85, origin: "extracted", strength: "regular", since: 1999,
          evidence: [{ document: "doc1", quote: QUOTE, start: 10, end: 10 + QUOTE.length, confidence: 0.85, strength: "regular", since: 1999 }],
        },
      },
      {
        key: "MEMBER_OF:rengo:ituc",
        source: "rengo",
        target: "ituc",
        undirected: false,
        attributes: { type: "MEMBER_OF", polarity: "present", confidence: 1, origin: "manual", evidence: [] },
      },
      {
        key: "MEMBER_OF:kctu:ituc:absent",
        source: "kctu",
        target: "ituc",
        undirected: false,
        attributes: { type: "MEMBER_OF", polarity: "absent", confidence: 0.5, origin: "extracted", evidence: [{ document: "doc1", quote: "no", start: 1, end: 3 }], review: { decision: "reject", by: "ana", at: "2026-01-01" } },
      },
    ],
  };
}

/** Loads through graphology's import, as the stores and the viewer do. */
function throughGraphology(g: SerializedGraph) {
  const graph = new Graph({ type: "mixed", multi: true, allowSelfLoops: false });
  graph.import(g as never);
  return graph;
}

function expectSameGraph(back: SerializedGraph, original: SerializedGraph) {
  const a = throughGraphology(back);
  const b = throughGraphology(original);
  expect(a.order).toBe(b.order);
  expect(a.size).toBe(b.size);
  b.forEachNode((key, attrs) => expect(a.getNodeAttributes(key)).toEqual(attrs));
  b.forEachEdge((key, attrs, source, target) => {
    expect(a.getEdgeAttributes(key)).toEqual(attrs);
    expect([a.source(key), a.target(key), a.isUndirected(key)]).toEqual([source, target, b.isUndirected(key)]);
  });
}

describe("GEXF", () => {
  it("round-trips nodes, relationships, evidence with newlines and quotes, and direction", () => {
    const text = toGexf(sample());
    expect(text).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(text).toMatch(/<attribute id="kind" title="kind" type="string"\/>/);
    expect(text).toMatch(/<attribute id="json:evidence" title="evidence" type="string"\/>/);
    expect(text).toMatch(/<attribute id="confidence" title="confidence" type="double"\/>/);
    expectSameGraph(fromGexf(text), sample());
  });

  it("reads another tool's GEXF with labels, defaults and an undirected default", () => {
    const text = `<?xml version="1.0"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph defaultedgetype="undirected">
      <attributes class="node"><attribute id="0" title="kind" type="string"><default>union</default></attribute></attributes>
      <nodes><node id="a" label="Alpha"/><node id="b" label="Beta"><attvalues><attvalue for="0" value="ngo"/></attvalues></node></nodes>
      <edges><edge id="x" source="a" target="b"/></edges></graph></gexf>`;
    const g = fromGexf(text);
    expect(g.nodes.map((n) => [n.key, n.attributes.name, n.attributes.kind])).toEqual([["a", "Alpha", "union"], ["b", "Beta", "ngo"]]);
    expect(g.edges[0]).toMatchObject({ key: "x", source: "a", target: "b", undirected: true });
  });
});

describe("GraphML", () => {
  it("round-trips with typed keys", () => {
    const text = toGraphml(sample());
    expect(text).toMatch(/<key id="n:mentions" for="node" attr.name="mentions" attr.type="long"\/>/);
    expect(text).toMatch(/<key id="e:confidence" for="edge" attr.name="confidence" attr.type="double"\/>/);
    expect(text).toMatch(/directed="false"/);
    expectSameGraph(fromGraphml(text), sample());
  });

  it("reads NetworkX-style GraphML whose keys are d0, d1 and whose edges are undirected by default", () => {
    const text = `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="label" attr.type="string"/>
      <key id="d1" for="edge" attr.name="confidence" attr.type="double"/>
      <graph edgedefault="undirected"><node id="1"><data key="d0">One</data></node><node id="2"/><edge source="1" target="2"><data key="d1">0.25</data></edge></graph></graphml>`;
    const g = fromGraphml(text);
    expect(g.nodes[0].attributes.name).toBe("One");
    expect(g.edges[0]).toMatchObject({ key: "e0", source: "1", target: "2", undirected: true, attributes: { confidence: 0.25 } });
  });
});

describe("the XML reader", () => {
  it("refuses entity declarations and external entities", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><graphml>&lol2;</graphml>`;
    expect(() => parseXml(bomb)).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    const external = `<!DOCTYPE graphml SYSTEM "file:///etc/passwd"><graphml/>`;
    expect(() => parseXml(external)).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    expect(() => parseXml(`<graphml>&custom;</graphml>`)).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
  });

  it("reports mismatched and unclosed tags", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(/does not match/);
    expect(() => parseXml("<a><b>")).toThrow(/never closed/);
  });

  it("decodes character references and keeps CDATA as text", () => {
    const el = parseXml(`<a x="1&#10;2&amp;3"><![CDATA[<raw>]]>&#x263A;</a>`);
    expect(el.attrs.x).toBe("1\n2&3");
    expect(el.text).toBe("<raw>☺");
  });
});

describe("CSV", () => {
  it("quotes fields by RFC 4180 and parses them back", () => {
    const rows = parseCsv('a,"b,c","d ""e""","f\r\ng"\r\n1,,3,\r\n');
    expect(rows).toEqual([["a", "b,c", 'd "e"', "f\r\ng"], ["1", "", "3", ""]]);
  });

  it("writes one row per node and relationship with the evidence quotes joined", () => {
    const { nodes, edges } = toCsv(sample());
    const nodeRows = parseCsv(nodes);
    const edgeRows = parseCsv(edges);
    expect(nodeRows).toHaveLength(1 + 4);
    expect(edgeRows).toHaveLength(1 + 3);
    expect(edgeRows[0].slice(0, 6)).toEqual(["id", "source", "target", "type", "polarity", "confidence"]);
    expect(edgeRows[1][edgeRows[0].indexOf("quotes")]).toBe(QUOTE);
    expect(nodeRows[1][nodeRows[0].indexOf("aliases")]).toBe("JTUC-Rengo|連合");
  });

  it("round-trips the graph apart from empty lists of names", () => {
    const original = sample();
    const back = fromCsv(toCsv(original).nodes, toCsv(original).edges);
    for (const n of original.nodes) for (const key of ["aliases", "documents"] as const) if (!n.attributes[key].length) delete (n.attributes as Partial<typeof n.attributes>)[key];
    expectSameGraph(back, original);
  });

  it("reads a bare edge list without a node list", () => {
    const g = fromCsv("", "source,target,type\nx,y,TIE\n");
    expect(g.nodes.map((n) => n.key)).toEqual(["x", "y"]);
    expect(g.edges[0]).toMatchObject({ source: "x", target: "y", undirected: true, attributes: { type: "TIE" } });
  });

  it("names missing columns", () => {
    expect(() => fromCsv("", "from,to\na,b\n")).toThrow(expect.objectContaining({ code: "INVALID_DATA", problems: expect.arrayContaining([expect.objectContaining({ message: 'column "source" is required' })]) }));
  });
});

describe("JSON", () => {
  it("round-trips and accepts a store file", () => {
    expectSameGraph(fromJson(toJson(sample())), sample());
    expectSameGraph(fromJson(JSON.stringify({ format: "unionties-store", version: 1, graph: sample(), reviews: {} })), sample());
  });

  it("rejects text that is not the interchange format", () => {
    expect(() => fromJson("{")).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    expect(() => fromJson('{"edges": []}')).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
  });
});

describe("validateSerializedGraph", () => {
  it("finds nothing wrong with a sound graph", () => {
    expect(validateSerializedGraph(sample())).toEqual([]);
  });

  it("lists every problem, not just the first", () => {
    const g = sample();
    g.nodes[1].attributes.kind = "guild" as never;
    g.nodes[2].attributes.nodeLabel = "Event";
    // a sha256 names the text's file in the embedded store: a path is refused
    g.nodes[3].attributes.sha256 = "../../etc/secret";
    g.edges[0].attributes.type = "LIKES" as never;
    g.edges[1].target = "nowhere";
    g.edges[2].attributes.confidence = 2;
    g.edges.push({ key: "x", source: "doc1", target: "rengo", attributes: { type: "MEMBER_OF", polarity: "maybe", confidence: 1, origin: "extracted", evidence: [{ document: "doc1", quote: 3, start: 5, end: 2 }] } as never });
    const paths = validateSerializedGraph(g).map((p) => p.path);
    expect(paths).toEqual([
      "nodes[1].kind",
      "nodes[2].nodeLabel",
      "nodes[3].sha256",
      "edges[0].type",
      "edges[1].target",
      "edges[2].target",
      "edges[2].confidence",
      "edges[3].source",
      "edges[3].polarity",
      "edges[3].evidence[0].quote",
      "edges[3].evidence[0]",
    ]);
  });
});
