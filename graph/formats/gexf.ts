// GEXF 1.3 (Gephi's format): a writer that declares every node and
// relationship attribute (kind, country, type, polarity, confidence; lists and
// evidence as JSON strings) and a reader for GEXF 1.2/1.3 files, ours or
// another tool's, returning the interchange format.
import { InvalidDataError } from "../errors.js";
import type { SerializedEdge, SerializedGraph, SerializedNode } from "../types.js";
import { EDGE_FIRST, NODE_FIRST, columnsFor, decodeValue, encodeValue, makeEdge, makeNode, type Column, type ColumnType } from "./attribute-codec.js";
import { childNamed, childrenNamed, escapeXml, parseXml, type XmlElement } from "./xml.js";

const GEXF_TYPE: Record<ColumnType, string> = { string: "string", long: "long", double: "double", boolean: "boolean", json: "string" };
const columnId = (c: Column) => (c.type === "json" ? `json:${c.key}` : c.key);

function declare(cls: "node" | "edge", columns: Column[]): string {
  const lines = columns.map((c) => `      <attribute id="${escapeXml(columnId(c))}" title="${escapeXml(c.key)}" type="${GEXF_TYPE[c.type]}"/>`);
  return `    <attributes class="${cls}" mode="static">\n${lines.join("\n")}\n    </attributes>\n`;
}

function attvalues(attrs: Record<string, unknown>, columns: Column[]): string {
  const parts: string[] = [];
  for (const c of columns) {
    const v = attrs[c.key];
    if (v === undefined || v === null) continue;
    parts.push(`<attvalue for="${escapeXml(columnId(c))}" value="${escapeXml(encodeValue(v, c.type))}"/>`);
  }
  return parts.length ? `<attvalues>${parts.join("")}</attvalues>` : "";
}

/**
 * Writes a graph as GEXF 1.3. The node `name` becomes the GEXF label; a TIE is
 * an undirected edge, every other type directed.
 * @param g the interchange graph
 * @returns the GEXF document
 */
export function toGexf(g: SerializedGraph): string {
  const nodeCols = columnsFor(g.nodes.map((n) => n.attributes), NODE_FIRST);
  const edgeCols = columnsFor(g.edges.map((e) => e.attributes), EDGE_FIRST);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n`,
    `  <meta><creator>unionties</creator>${g.attributes?.name ? `<description>${escapeXml(String(g.attributes.name))}</description>` : ""}</meta>\n`,
    `  <graph defaultedgetype="directed" mode="static">\n`,
    declare("node", nodeCols),
    declare("edge", edgeCols),
    "    <nodes>\n",
  ];
  for (const n of g.nodes) {
    const label = n.attributes.name ?? n.key;
    out.push(`      <node id="${escapeXml(n.key)}" label="${escapeXml(String(label))}">${attvalues(n.attributes, nodeCols)}</node>\n`);
  }
  out.push("    </nodes>\n    <edges>\n");
  for (const e of g.edges) {
    const type = e.undirected ? "undirected" : "directed";
    const label = e.attributes.type ? ` label="${escapeXml(String(e.attributes.type))}"` : "";
    out.push(`      <edge id="${escapeXml(e.key)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}" type="${type}"${label}>${attvalues(e.attributes, edgeCols)}</edge>\n`);
  }
  out.push("    </edges>\n  </graph>\n</gexf>\n");
  return out.join("");
}

interface DeclaredColumn extends Column {
  fallback?: string;
}

function readDeclarations(graph: XmlElement, cls: string): Map<string, DeclaredColumn> {
  const map = new Map<string, DeclaredColumn>();
  for (const block of childrenNamed(graph, "attributes")) {
    if (block.attrs.class !== cls) continue;
    for (const a of childrenNamed(block, "attribute")) {
      const id = a.attrs.id ?? "";
      const json = id.startsWith("json:");
      const key = a.attrs.title ?? (json ? id.slice(5) : id);
      const t = (a.attrs.type ?? "string").toLowerCase();
      const type: ColumnType = json ? "json" : t === "integer" || t === "long" ? "long" : t === "float" || t === "double" ? "double" : t === "boolean" ? "boolean" : "string";
      map.set(id, { key, type, fallback: childNamed(a, "default")?.text });
    }
  }
  return map;
}

function readValues(el: XmlElement, columns: Map<string, DeclaredColumn>): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const c of columns.values()) if (c.fallback !== undefined) attrs[c.key] = decodeValue(c.key, c.fallback, c.type);
  const block = childNamed(el, "attvalues");
  for (const v of block ? childrenNamed(block, "attvalue") : []) {
    const id = v.attrs.for ?? v.attrs.id ?? "";
    const col = columns.get(id) ?? { key: id, type: "string" as const };
    attrs[col.key] = decodeValue(col.key, v.attrs.value ?? "", col.type);
  }
  return attrs;
}

/**
 * Reads a GEXF document (1.2 or 1.3) into the interchange format. Node labels
 * become `name` when no `name` attribute is given. Does not validate against
 * the schema (see validateSerializedGraph).
 * @throws InvalidDataError when the text is not GEXF
 */
export function fromGexf(text: string): SerializedGraph {
  const root = parseXml(text, "gexf");
  if (root.name !== "gexf") throw new InvalidDataError(`gexf: the root element is <${root.name}>, expected <gexf>`);
  const graph = childNamed(root, "graph");
  if (!graph) throw new InvalidDataError("gexf: no <graph> element");
  const nodeCols = readDeclarations(graph, "node");
  const edgeCols = readDeclarations(graph, "edge");
  const defaultUndirected = graph.attrs.defaultedgetype === "undirected";
  const nodes: SerializedNode[] = [];
  for (const el of childNamed(graph, "nodes")?.children ?? []) {
    if (el.name !== "node") continue;
    const attrs = readValues(el, nodeCols);
    if (attrs.name === undefined && el.attrs.label !== undefined) attrs.name = el.attrs.label;
    nodes.push(makeNode(el.attrs.id ?? "", attrs));
  }
  const edges: SerializedEdge[] = [];
  for (const el of childNamed(graph, "edges")?.children ?? []) {
    if (el.name !== "edge") continue;
    const attrs = readValues(el, edgeCols);
    if (attrs.type === undefined && el.attrs.label !== undefined) attrs.type = el.attrs.label;
    const undirected = el.attrs.type ? el.attrs.type === "undirected" : defaultUndirected;
    edges.push(makeEdge(el.attrs.id, el.attrs.source ?? "", el.attrs.target ?? "", attrs, edges.length, undirected));
  }
  const description = childNamed(childNamed(root, "meta") ?? { name: "", attrs: {}, children: [], text: "" }, "description")?.text;
  return {
    attributes: description ? { name: description } : {},
    options: { type: "mixed", multi: true, allowSelfLoops: false },
    nodes,
    edges,
  };
}
