// The embedded store's document writes on its graphology graph: adding a
// document's bundle and removing a document, each change recorded in the undo
// journal first. A relationship's attributes stay a function of its evidence
// (merge.ts): a new document's evidence is merged into the stored list (both
// are kept in span order, so this is a linear merge, not a sort) and the
// attributes are derived in one pass over the list.
import { deriveEdgeAttributes, deriveFromNormalized, hasEvidenceFrom, mergeAndDerive, mergeNodeAttributes, relationshipId, stripDerived, type SummaryCell } from "./merge.js";
import { REL_SPECS } from "./schema.js";
import type { WriteJournal } from "./memory-journal.js";
import type { DocumentBundle, EdgeAttributes, Review, UnionGraph } from "./types.js";

/** Relationship attributes a bundle gives that are not passed on as they are. */
const STORED_KEYS = ["evidence", "type", "polarity"];

/** What a document write works on: the graph, the undo journal (none outside a write) and the reviews. */
export interface WriteTarget {
  graph: UnionGraph;
  journal: WriteJournal | null;
  reviews: Map<string, Review>;
  /**
   * Nodes whose `documents` and `mentions` are known to be what their MENTIONS
   * relationships give (see refreshNodeMentions): a write updates those by
   * the change alone. Absent: every write recomputes them from all MENTIONS.
   */
  derived?: Set<string>;
  /**
   * Each relationship's evidence summary beside its list, by relationship id
   * (merge.ts mergeAndDerive): a new document's evidence extends it instead
   * of the list being summarised again. A cell whose list is not the
   * relationship's is not used, so nothing needs undoing here.
   */
  summaries: Map<string, SummaryCell>;
}

/** Adds a relationship with its ends in stored order (undirected ones sorted). */
export function addRelationship(g: UnionGraph, key: string, source: string, target: string, attrs: EdgeAttributes): void {
  if (REL_SPECS[attrs.type].directed) g.addDirectedEdgeWithKey(key, source, target, attrs);
  else if (target < source) g.addUndirectedEdgeWithKey(key, target, source, attrs);
  else g.addUndirectedEdgeWithKey(key, source, target, attrs);
}

/** Writes a document's node, its nodes, MENTIONS and relationships (the document must not be stored). */
export function applyBundle(w: WriteTarget, bundle: DocumentBundle): void {
  const { graph: g, journal, reviews, derived, summaries } = w;
  const docId = bundle.document.id;
  journal?.touchNode(docId);
  g.addNode(docId, { ...bundle.document.attributes, documents: [docId], mentions: 0, aliases: bundle.document.attributes.aliases ?? [] });
  for (const node of bundle.nodes) {
    journal?.touchNode(node.id);
    const existing = g.hasNode(node.id) ? g.getNodeAttributes(node.id) : undefined;
    const merged = mergeNodeAttributes(existing, node.attributes);
    if (existing) g.replaceNodeAttributes(node.id, merged);
    else g.addNode(node.id, merged);
    const key = relationshipId("MENTIONS", docId, node.id);
    // Present only when the bundle lists the node twice: the later count wins (as graphology's merge would do).
    const mentioned = journal ? journal.touchEdge(key) : currentAttributes(g, key);
    const attrs = deriveFromNormalized("MENTIONS", "present", [], { count: node.mentions, confidence: 1 });
    if (mentioned) g.replaceEdgeAttributes(key, attrs);
    else g.addDirectedEdgeWithKey(key, docId, node.id, attrs);
    if (existing && derived?.has(node.id)) addMention(g, node.id, docId, mentioned, attrs.count, derived, journal !== null);
    else refreshNodeMentions(g, node.id, derived);
  }
  for (const rel of bundle.relationships) {
    const { evidence, type, polarity } = rel.attributes;
    // A MENTIONS written as a relationship changes a count the node loop above has already summed.
    if (type === "MENTIONS") derived?.delete(rel.target);
    const key = relationshipId(type, rel.source, rel.target, polarity);
    const old = journal ? journal.touchEdge(key) : currentAttributes(g, key);
    let cell = summaries.get(key);
    if (!cell) summaries.set(key, (cell = { list: null, summary: null }));
    // The bundle's attributes but the stored keys, copied once (into the new attributes).
    const attrs = mergeAndDerive(type, polarity, old?.evidence ?? [], evidence, rel.attributes, reviews.get(key), cell, STORED_KEYS);
    if (old) g.replaceEdgeAttributes(key, attrs);
    else addRelationship(g, key, rel.source, rel.target, attrs);
  }
}

function currentAttributes(g: UnionGraph, key: string): EdgeAttributes | undefined {
  return g.hasEdge(key) ? g.getEdgeAttributes(key) : undefined;
}

/**
 * Sets a node's `documents` (the sorted sources of its MENTIONS
 * relationships) and `mentions` (the sum of their counts) from all its
 * relationships. With `derived`, records whether the node's values can from
 * now on be updated by change alone: only when every count is a safe integer
 * (or absent), so that adding and subtracting gives exactly the sum in any order.
 */
export function refreshNodeMentions(g: UnionGraph, id: string, derived?: Set<string>): void {
  const documents: string[] = [];
  let mentions = 0;
  let exact = true;
  g.forEachInEdge(id, (_e, attrs, source) => {
    if (attrs.type !== "MENTIONS") return;
    documents.push(source);
    if (attrs.count !== undefined && !Number.isSafeInteger(attrs.count)) exact = false;
    mentions += attrs.count ?? 0;
  });
  g.mergeNodeAttributes(id, { documents: documents.sort(), mentions });
  if (!derived) return;
  if (exact && Number.isSafeInteger(mentions)) derived.add(id);
  else derived.delete(id);
}

/**
 * What refreshNodeMentions would give for a node in `derived` after MENTIONS
 * `docId` -> `id` was written with `count` (`before`: its attributes before
 * this write, undefined when it is new), computed from the change: the
 * document inserted in the sorted list, the count added (the old one taken off).
 */
function addMention(g: UnionGraph, id: string, docId: string, before: EdgeAttributes | undefined, count: number | undefined, derived: Set<string>, journaled: boolean): void {
  const a = g.getNodeAttributes(id);
  const old = before ? before.count : 0;
  const mentions = a.mentions - (old ?? 0) + (count ?? 0);
  if ((count !== undefined && !Number.isSafeInteger(count)) || (old !== undefined && !Number.isSafeInteger(old)) || !Number.isSafeInteger(mentions)) {
    refreshNodeMentions(g, id, derived);
    return;
  }
  if (!before && journaled && appendsInPlace(a.documents, docId)) {
    // The usual case (documents written in id order): the id goes last, and the list grows where it is.
    // A copy per write made an ingest quadratic in its documents: a node mentioned by each of 2,560 news-sized
    // files copied its list 2,560 times (0.19 s; 16x that for 10,240 files). The journal records the
    // list's length before the write and cuts it back on rollback (memory-journal.ts); without a journal, copied as before.
    a.documents.push(docId);
    g.mergeNodeAttributes(id, { mentions });
    return;
  }
  g.mergeNodeAttributes(id, { documents: before ? a.documents : insertSorted(a.documents, docId), mentions });
}

/** True when `docId` goes after every id of `documents` (a list of strings in the default sort order). */
function appendsInPlace(documents: string[], docId: string): boolean {
  if (!Array.isArray(documents)) return false;
  const n = documents.length;
  return n === 0 || (typeof documents[n - 1] === "string" && documents[n - 1] < docId);
}

/** A new array: `sorted` (in the default sort order, without `item`) with `item` at its place. */
function insertSorted(sorted: string[], item: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  // The usual case (documents ingested in id order): the new one goes last.
  if (hi > 0 && sorted[hi - 1] < item) lo = hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < item) lo = mid + 1;
    else hi = mid;
  }
  const out = sorted.slice(0, lo);
  out.push(item);
  for (let i = lo; i < sorted.length; i++) out.push(sorted[i]);
  return out;
}

/**
 * Removes a stored document: its node and MENTIONS, its evidence from every
 * relationship (re-deriving their attributes; extracted ones left without
 * evidence go), and nodes that nothing mentions or links any more. Every
 * relationship is looked at, not only those of the nodes the document
 * mentions: an imported graph may hold evidence from a document on
 * relationships between nodes it does not mention.
 */
export function removeDocumentFrom(w: WriteTarget, docId: string): void {
  const { graph: g, journal, derived } = w;
  const touched = new Set(g.outNeighbors(docId));
  journal?.touchNodeAndEdges(docId);
  g.dropNode(docId);
  const affected: string[] = [];
  g.forEachEdge((edge, attrs) => {
    if (hasEvidenceFrom(attrs, docId)) affected.push(edge);
  });
  for (const edge of affected) {
    const attrs = g.getEdgeAttributes(edge);
    journal?.touchEdge(edge, true);
    touched.add(g.source(edge));
    touched.add(g.target(edge));
    // A MENTIONS with evidence (imported) changes here, its target perhaps not mentioned by the document.
    if (attrs.type === "MENTIONS") derived?.delete(g.target(edge));
    const evidence = attrs.evidence.filter((e) => e.document !== docId);
    if (evidence.length === 0 && (attrs.origin === "extracted" || attrs.origin === "reviewed")) g.dropEdge(edge);
    else {
      const { type, polarity, evidence: _old, review, ...extra } = attrs;
      g.replaceEdgeAttributes(edge, deriveEdgeAttributes(type, polarity, evidence, stripDerived(extra, evidence.length > 0), review));
    }
  }
  for (const nodeId of touched) {
    if (!g.hasNode(nodeId)) continue;
    journal?.touchNode(nodeId);
    refreshNodeMentions(g, nodeId, derived);
    const a = g.getNodeAttributes(nodeId);
    if (a.mentions === 0 && (a.origin === "codebook" || a.origin === "extracted") && g.degree(nodeId) === 0) {
      g.dropNode(nodeId);
      derived?.delete(nodeId);
    }
  }
}
