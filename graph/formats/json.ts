// The JSON interchange format (graphology's own `graph.export()`), written
// as is and read with a structural check; a unionties store file
// (`{format: "unionties-store", graph}`) is accepted too.
import { InvalidDataError } from "../errors.js";
import type { SerializedGraph } from "../types.js";

/** Writes the interchange graph as JSON (compact). */
export function toJson(g: SerializedGraph): string {
  return JSON.stringify(g);
}

/**
 * Reads the JSON interchange format, or the graph inside a store file.
 * Missing `attributes`/`options` get defaults; edges get `e<index>` keys when
 * they have none. Does not validate against the schema.
 * @throws InvalidDataError when the text is not JSON or lacks `nodes`/`edges` lists
 */
export function fromJson(text: string): SerializedGraph {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new InvalidDataError("json: not valid JSON", [{ path: "json", message: String((error as Error).message) }]);
  }
  const obj = data as Record<string, unknown> | null;
  const graph = (obj && obj.format === "unionties-store" ? obj.graph : obj) as Partial<SerializedGraph> | null;
  if (!graph || typeof graph !== "object" || !Array.isArray(graph.nodes))
    throw new InvalidDataError("json: expected graphology's serialisation with a `nodes` list", [{ path: "nodes", message: "must be a list" }]);
  const edges = Array.isArray(graph.edges) ? graph.edges : [];
  // Completed in place: a large file's million objects are not copied again.
  const nodes = graph.nodes.map((n) => (n && typeof n === "object" ? n : ({} as SerializedGraph["nodes"][number])));
  for (const n of nodes) {
    n.key = String(n.key ?? "");
    n.attributes ??= {} as never;
  }
  const edgeList = edges.map((e) => (e && typeof e === "object" ? e : ({} as SerializedGraph["edges"][number])));
  edgeList.forEach((e, i) => {
    e.key ??= `e${i}`;
    e.attributes ??= {} as never;
  });
  return {
    attributes: graph.attributes ?? {},
    options: graph.options ?? { type: "mixed", multi: true, allowSelfLoops: false },
    nodes,
    edges: edgeList,
  };
}
