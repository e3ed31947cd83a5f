// Re-exports the interchange formats: JSON (graphology's serialisation),
// GEXF 1.3, GraphML and CSV, with the schema check every import runs.
export * from "./json.js";
export * from "./gexf.js";
export * from "./graphml.js";
export * from "./csv.js";
export * from "./validate-graph.js";
export { parseXml, escapeXml, type XmlElement } from "./xml.js";
