// The caption of a figure: what is drawn, and the documents its
// relationships come from, cited by authors, year and title.
import type { NodeAttributes, SerializedGraph } from "../types.js";

/** A document to cite: its id and whatever bibliographic attributes are known. */
export interface CitedDocument {
  id: string;
  attributes: Partial<Pick<NodeAttributes, "title" | "authors" | "year" | "file">>;
}

/** One citation, e.g. "Vogt, G. and Lersch, P. (2007) Migrant Support Organizations in Japan". */
export function formatCitation(doc: CitedDocument): string {
  const a = doc.attributes;
  const authors = Array.isArray(a.authors) && a.authors.length
    ? a.authors.length > 2
      ? `${a.authors.slice(0, -1).join(", ")} and ${a.authors.at(-1)}`
      : a.authors.join(" and ")
    : "";
  const year = a.year ? ` (${a.year})` : "";
  const title = a.title || a.file || doc.id;
  return `${authors}${authors || year ? `${year} ` : ""}${title}`.trim();
}

/**
 * The documents behind the drawn relationships (or, when no relationship is
 * drawn, behind the drawn nodes), resolved against the graph's Document nodes
 * and `extra`; unknown ids are cited by id. Sorted by citation text.
 */
export function citedDocuments(
  graph: SerializedGraph,
  drawnNodes: ReadonlySet<string>,
  drawnEdges: ReadonlySet<string>,
  extra: readonly CitedDocument[] = [],
): CitedDocument[] {
  const known = new Map<string, CitedDocument>();
  for (const d of extra) known.set(d.id, d);
  for (const n of graph.nodes) if (n.attributes.nodeLabel === "Document") known.set(n.key, { id: n.key, attributes: n.attributes });
  const ids = new Set<string>();
  for (const e of graph.edges) {
    if (!drawnEdges.has(e.key)) continue;
    for (const ev of e.attributes.evidence ?? []) ids.add(ev.document);
  }
  if (!ids.size) {
    for (const n of graph.nodes) if (drawnNodes.has(n.key)) for (const d of n.attributes.documents ?? []) ids.add(d);
  }
  return [...ids]
    .map((id) => known.get(id) ?? { id, attributes: {} })
    .sort((x, y) => formatCitation(x).localeCompare(formatCitation(y)));
}

/** The caption sentence listing the sources, or "" when there are none. */
export function sourcesSentence(docs: readonly CitedDocument[]): string {
  if (!docs.length) return "";
  return `${docs.length === 1 ? "Source" : "Sources"}: ${docs.map(formatCitation).join("; ")}.`;
}
