// Filters a serialised graph (the interchange format) by the ExportFilter
// options: node kinds, countries, ids, relationship types, confidence, years.
// Rejected relationships never leave the store through an export.
import { isRejected } from "./merge.js";
import type { ExportFilter } from "./store.js";
import type { SerializedGraph } from "./types.js";

/**
 * Returns a new serialised graph holding what `filter` keeps. Relationships
 * are kept only when both ends are kept. Absent-polarity relationships are
 * kept unless `includeAbsent` is false (the interchange graph carries them).
 */
export function filterSerializedGraph(data: SerializedGraph, filter: ExportFilter = {}): SerializedGraph {
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : null;
  const countries = filter.countries?.length ? new Set(filter.countries) : null;
  const ids = filter.nodeIds ? new Set(filter.nodeIds) : null;
  const types = filter.types?.length ? new Set<string>(filter.types) : null;
  const nodes = data.nodes.filter(({ key, attributes: a }) => {
    if (a.nodeLabel === "Document") return !filter.withoutDocuments && !kinds && !countries && !ids;
    if (kinds && !kinds.has(a.kind)) return false;
    if (countries && !(a.country && countries.has(a.country))) return false;
    return !ids || ids.has(key);
  });
  const kept = new Set(nodes.map((n) => n.key));
  const edges = data.edges.filter(({ source, target, attributes: a }) => {
    if (!kept.has(source) || !kept.has(target) || isRejected(a)) return false;
    if (types && !types.has(a.type)) return false;
    if (filter.includeAbsent === false && a.polarity === "absent") return false;
    if (filter.minConfidence !== undefined && a.confidence < filter.minConfidence) return false;
    if (filter.fromYear !== undefined && (a.until ?? a.since ?? Infinity) < filter.fromYear) return false;
    if (filter.toYear !== undefined && (a.since ?? -Infinity) > filter.toYear) return false;
    return true;
  });
  return { attributes: { ...data.attributes }, options: { ...data.options }, nodes, edges };
}
