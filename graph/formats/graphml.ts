// GraphML: a writer that declares a typed <key> for every node and
// relationship attribute (lists and evidence as JSON strings, marked by a
// `:json:` key id) and a reader for GraphML from us or other tools (yEd,
// NetworkX, igraph, Gephi), returning the interchange format.
import { InvalidDataError } from "../errors.js";
import type { SerializedEdge, SerializedGraph, SerializedNode } from "../types.js";
import { EDGE_FIRST, NODE_FIRST, columnsFor, decodeValue, encodeValue, makeEdge, makeNode, type Column, type ColumnType } from "./attribute-codec.js";
import { childNamed, childrenNamed, escapeXml, parseXml, type XmlElement } from "./xml.js";

const GRAPHML_TYPE: Record<ColumnType, string> = { string: "string", long: "long", double: "double", boolean: "boolean", json: "string" };
const keyId = (prefix: "n" | "e", c: Column) => `${prefix}:${c.type === "json" ? "json:" : ""}${c.key}`;

function data(prefix: "n" | "e", attrs: Record<string, unknown>, columns: Column[]): string {
  const parts: string[] = [];
  for (const c of columns) {
    const v = attrs[c.key];
    if (v === undefined || v === null) continue;
    parts.push(`<data key="${escapeXml(keyId(prefix, c))}">${escapeXml(encodeValue(v, c.type))}</data>`);
  }
  return parts.join("");
}

/**
 * Writes a graph as GraphML with typed keys. The default edge direction is
 * directed; a TIE carries `directed="false"`.
 * @param g the interchange graph
 * @returns the GraphML document
 */
export function toGraphml(g: SerializedGraph): string {
  const nodeCols = columnsFor(g.nodes.map((n) => n.attributes), NODE_FIRST);
  const edgeCols = columnsFor(g.edges.map((e) => e.attributes), EDGE_FIRST);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n`,
  ];
  for (const [prefix, cls, cols] of [["n", "node", nodeCols], ["e", "edge", edgeCols]] as const)
    for (const c of cols)
      out.push(`  <key id="${escapeXml(keyId(prefix, c))}" for="${cls}" attr.name="${escapeXml(c.key)}" attr.type="${GRAPHML_TYPE[c.type]}"/>\n`);
  out.push(`  <graph id="${escapeXml(String(g.attributes?.name ?? "unionties"))}" edgedefault="directed">\n`);
  for (const n of g.nodes) out.push(`    <node id="${escapeXml(n.key)}">${data("n", n.attributes, nodeCols)}</node>\n`);
  for (const e of g.edges)
    out.push(`    <edge id="${escapeXml(e.key)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"${e.undirected ? ' directed="false"' : ""}>${data("e", e.attributes, edgeCols)}</edge>\n`);
  out.push("  </graph>\n</graphml>\n");
  return out.join("");
}

interface DeclaredKey extends Column {
  fallback?: string;
}

function readKeys(root: XmlElement): { node: Map<string, DeclaredKey>; edge: Map<string, DeclaredKey> } {
  const node = new Map<string, DeclaredKey>();
  const edge = new Map<string, DeclaredKey>();
  for (const k of childrenNamed(root, "key")) {
    const id = k.attrs.id ?? "";
    const json = /(^|:)json:/.test(id);
    const t = (k.attrs["attr.type"] ?? "string").toLowerCase();
    const type: ColumnType = json ? "json" : t === "int" || t === "long" ? "long" : t === "float" || t === "double" ? "double" : t === "boolean" ? "boolean" : "string";
    const key = k.attrs["attr.name"] ?? id;
    const declared = { key, type, fallback: childNamed(k, "default")?.text };
    const target = k.attrs.for ?? "all";
    if (target === "node" || target === "all") node.set(id, declared);
    if (target === "edge" || target === "all") edge.set(id, declared);
  }
  return { node, edge };
}

function readData(el: XmlElement, keys: Map<string, DeclaredKey>): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const k of keys.values()) if (k.fallback !== undefined) attrs[k.key] = decodeValue(k.key, k.fallback, k.type);
  for (const d of childrenNamed(el, "data")) {
    const id = d.attrs.key ?? "";
    const k = keys.get(id) ?? { key: id, type: "string" as const };
    attrs[k.key] = decodeValue(k.key, d.text, k.type);
  }
  return attrs;
}

/**
 * Reads a GraphML document into the interchange format (the first <graph>;
 * nested graphs and hyperedges are ignored). A `label` attribute becomes
 * `name` when no `name` is given. Does not validate against the schema.
 * @throws InvalidDataError when the text is not GraphML
 */
export function fromGraphml(text: string): SerializedGraph {
  const root = parseXml(text, "graphml");
  if (root.name !== "graphml") throw new InvalidDataError(`graphml: the root element is <${root.name}>, expected <graphml>`);
  const graph = childNamed(root, "graph");
  if (!graph) throw new InvalidDataError("graphml: no <graph> element");
  const keys = readKeys(root);
  const defaultUndirected = graph.attrs.edgedefault === "undirected";
  const nodes: SerializedNode[] = [];
  const edges: SerializedEdge[] = [];
  for (const el of graph.children) {
    if (el.name === "node") {
      const attrs = readData(el, keys.node);
      if (attrs.name === undefined && typeof attrs.label === "string") {
        attrs.name = attrs.label;
        delete attrs.label;
      }
      nodes.push(makeNode(el.attrs.id ?? "", attrs));
    } else if (el.name === "edge") {
      const attrs = readData(el, keys.edge);
      const undirected = el.attrs.directed ? el.attrs.directed === "false" : defaultUndirected;
      edges.push(makeEdge(el.attrs.id, el.attrs.source ?? "", el.attrs.target ?? "", attrs, edges.length, undirected));
    }
  }
  const name = graph.attrs.id && graph.attrs.id !== "unionties" ? { name: graph.attrs.id } : {};
  return { attributes: name, options: { type: "mixed", multi: true, allowSelfLoops: false }, nodes, edges };
}
