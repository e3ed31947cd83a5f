// Filters a graph for export by the ExportFilter options: node kinds,
// countries, ids, relationship types, confidence, years. Rejected
// relationships never leave the store through an export. The predicates are
// shared by the serialised-graph filter (Neo4j) and the embedded store, which
// applies them before serialising so a filtered export of a large graph does
// not copy the whole graph first.
import { isRejected } from "./merge.js";
import type { ExportFilter } from "./store.js";
import type { EdgeAttributes, NodeAttributes, SerializedGraph } from "./types.js";

export interface ExportPredicates {
  node: (key: string, attributes: NodeAttributes) => boolean;
  edge: (attributes: EdgeAttributes) => boolean;
}

/**
 * The node and relationship tests of a filter. Relationships must also have
 * both ends kept (the caller checks that). Absent-polarity relationships are
 * kept unless `includeAbsent` is false (the interchange graph carries them).
 */
export function exportPredicates(filter: ExportFilter = {}): ExportPredicates {
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : null;
  const countries = filter.countries?.length ? new Set(filter.countries) : null;
  const ids = filter.nodeIds ? new Set(filter.nodeIds) : null;
  const types = filter.types?.length ? new Set<string>(filter.types) : null;
  return {
    node: (key, a) => {
      if (a.nodeLabel === "Document") return !filter.withoutDocuments && !kinds && !countries && !ids;
      if (kinds && !kinds.has(a.kind)) return false;
      if (countries && !(a.country && countries.has(a.country))) return false;
      return !ids || ids.has(key);
    },
    edge: (a) => {
      if (isRejected(a)) return false;
      if (types && !types.has(a.type)) return false;
      if (filter.includeAbsent === false && a.polarity === "absent") return false;
      if (filter.minConfidence !== undefined && a.confidence < filter.minConfidence) return false;
      if (filter.fromYear !== undefined && (a.until ?? a.since ?? Infinity) < filter.fromYear) return false;
      if (filter.toYear !== undefined && (a.since ?? -Infinity) > filter.toYear) return false;
      return true;
    },
  };
}

/** Returns a new serialised graph holding what `filter` keeps; relationships only when both ends are kept. */
export function filterSerializedGraph(data: SerializedGraph, filter: ExportFilter = {}): SerializedGraph {
  const keep = exportPredicates(filter);
  const nodes = data.nodes.filter(({ key, attributes }) => keep.node(key, attributes));
  const kept = new Set(nodes.map((n) => n.key));
  const edges = data.edges.filter(({ source, target, attributes }) => kept.has(source) && kept.has(target) && keep.edge(attributes));
  return { attributes: { ...data.attributes }, options: { ...data.options }, nodes, edges };
}
