// Whole-graph reads of the embedded store answered from its snapshot
// (memory-snapshot.ts), for a store opened from one whose graphology graph is
// not built: counts, exports, the document list, a relationship by key and
// relationship queries give the same answers as statsOf, exportFrom,
// listDocumentsOf, edgeRecord and findRelationshipsIn (memory-queries.ts) on
// the graph read from graph.json, in the same order, without building it.
// Relationship types and the reject and absent flags come from the traversal
// index's bits, node kinds and documents from the snapshot's node classes (or
// the node attributes when an older snapshot has none), and attributes are
// parsed from graph.json piece by piece, only for what may be kept.
import { EDGE_ABSENT, EDGE_REJECTED, walkFilter, type TraversalIndex } from "./algorithms/traversal-index.js";
import { exportPredicates, topByValue, withoutIsolatedNodes } from "./filter.js";
import type { OpenedSnapshot } from "./memory-snapshot.js";
import { relationshipTest } from "./memory-queries.js";
import { byRelationship } from "./relationship-order.js";
import { REL_TYPES, type RelType } from "./schema.js";
import type { DocumentSummary, ExportFilter, GraphStats, RelationshipQuery } from "./store.js";
import type { EdgeAttributes, NodeAttributes, RelationshipRecord, SerializedGraph } from "./types.js";

/** Each relationship type by its bit in the index (see edgeBitsOf). */
const TYPE_BY_BIT = new Map<number, RelType>(REL_TYPES.map((t) => [walkFilter({ types: [t] }).mask, t]));
/** The bits of every relationship type. */
const TYPE_BITS = [...TYPE_BY_BIT.keys()].reduce((all, bit) => all | bit, 0);

/**
 * statsOf's answer for the graph the snapshot was made from: nodes by kind,
 * by country and documents in graph.json's order, relationships by type
 * (rejected ones left out) in graph.json's order, so even the keys come in
 * the same order (the 100k/1M bench store: 0.2-0.5 s, the countries from the
 * node attributes; the store counts once per state, MemoryStore.stats).
 */
export function statsFromSnapshot(snap: OpenedSnapshot): GraphStats {
  const byKind: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const byCountry: Record<string, number> = {};
  let documents = 0;
  const countNode = (kind: string, document: boolean) => {
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (document) documents++;
  };
  const nodeOrder = snap.nodeFileOrder();
  const classes = snap.nodeClasses;
  if (classes) {
    for (let k = 0; k < nodeOrder.length; k++) {
      const [kind, document] = classes.table[classes.codes[nodeOrder[k]]];
      countNode(kind, document);
    }
  }
  // The node classes hold no country: every node's attributes are read for it (and for the classes an older snapshot lacks).
  snap.scanNodes(nodeOrder, (_i, a) => {
    const document = a.nodeLabel === "Document";
    if (!classes) countNode(String(a.kind), document);
    if (!document && a.country) byCountry[a.country] = (byCountry[a.country] ?? 0) + 1;
  });
  const ix = snap.index;
  const edgeOrder = snap.edgeFileOrder();
  let relationships = 0;
  for (let k = 0; k < edgeOrder.length; k++) {
    const e = edgeOrder[k];
    const bits = ix.edgeBits[e];
    if (bits & EDGE_REJECTED) continue;
    // A type the index has no bit for (none in a valid store) is read from the attributes.
    const type = TYPE_BY_BIT.get(bits & TYPE_BITS) ?? snap.edgeAttributes(e).type;
    byType[type] = (byType[type] ?? 0) + 1;
    if (type !== "MENTIONS") relationships++;
  }
  return { nodes: nodeOrder.length - documents, relationships, documents, byKind, byType, byCountry };
}

/**
 * exportFrom's answer for the graph the snapshot was made from: nodes and
 * relationships in graph.json's order, attributes as parsed from it. Only
 * nodes a filter by ids may keep are parsed, and only relationships whose
 * ends are kept and whose type, review and polarity (from the index) pass.
 */
export function exportFromSnapshot(snap: OpenedSnapshot, filter: ExportFilter = {}): SerializedGraph {
  if (filter.top !== undefined) return overviewFromSnapshot(snap, filter, filter.top);
  const keep = exportPredicates(filter);
  const ix = snap.index;
  const keys = ix.nodeKeys;
  const out = emptyExport(snap);
  const kept = new Uint8Array(ix.nodeCount);
  snap.scanNodes(nodesById(snap, filter), (i, attributes) => {
    if (!keep.node(keys[i], attributes)) return;
    kept[i] = 1;
    out.nodes.push({ key: keys[i], attributes });
  });
  const candidates = edgeCandidates(snap, filter, kept);
  snap.scanEdges(candidates, (e, attributes, undirected) => {
    if (keep.edge(attributes)) pushEdge(snap, out, e, attributes, undirected);
  });
  return withoutIsolatedNodes(out, filter.withoutIsolated);
}

/**
 * exportFrom's answer with `top` (graph/filter.ts). The nodes that may be
 * kept come from the node classes when the filter needs no more of a node
 * (else their attributes are parsed); the degrees from the index's ends and
 * bits (and its confidences, held as 32-bit floats: a relationship within
 * 1e-6 of a minimum confidence, or at 0 (none), is parsed), parsing a
 * relationship only when the filter tests its years (or the index has no bit
 * for its type); then only the chosen nodes and the relationships among them
 * are parsed, in graph.json's order.
 */
function overviewFromSnapshot(snap: OpenedSnapshot, filter: ExportFilter, top: number): SerializedGraph {
  const keep = exportPredicates(filter);
  const ix = snap.index;
  const keys = ix.nodeKeys;
  const kept = new Uint8Array(ix.nodeCount);
  const eligible: number[] = [];
  const classes = snap.nodeClasses;
  const parsed = new Map<number, NodeAttributes>();
  if (classes && !filter.countries?.length) {
    const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : null;
    const passes = classes.table.map(([kind, document]) => !document && (!kinds || kinds.has(kind)));
    const order = nodesById(snap, filter);
    for (let k = 0; k < order.length; k++) if (passes[classes.codes[order[k]]]) eligible.push(order[k]);
  } else {
    snap.scanNodes(nodesById(snap, filter), (i, attributes) => {
      if (!keep.node(keys[i], attributes)) return;
      eligible.push(i);
      parsed.set(i, attributes);
    });
  }
  for (const i of eligible) kept[i] = 1;
  // Which candidates the filter keeps: from the index, or by their attributes when it cannot tell.
  const byAttributes = filter.fromYear !== undefined || filter.toYear !== undefined;
  const min = filter.minConfidence;
  const candidates = edgeCandidates(snap, filter, kept);
  const passing = new Uint8Array(ix.edgeCount);
  const uncertain: number[] = [];
  for (let k = 0; k < candidates.length; k++) {
    const e = candidates[k];
    if (byAttributes || (ix.edgeBits[e] & TYPE_BITS) === 0) uncertain.push(e);
    else if (min === undefined || ix.edgeConf[e] > min + 1e-6) passing[e] = 1;
    else if (!(ix.edgeConf[e] < min - 1e-6 && ix.edgeConf[e] !== 0)) uncertain.push(e);
  }
  snap.scanEdges(uncertain, (e, attributes) => {
    if (keep.edge(attributes)) passing[e] = 1;
  });
  const degree = new Int32Array(ix.nodeCount);
  for (let k = 0; k < candidates.length; k++) {
    const e = candidates[k];
    if (!passing[e]) continue;
    degree[ix.edgeSource[e]]++;
    degree[ix.edgeTarget[e]]++;
  }
  const chosen = new Uint8Array(ix.nodeCount);
  for (const i of topByValue(eligible, (i) => degree[i], (i) => keys[i], top)) chosen[i] = 1;
  for (const id of filter.include ?? []) {
    const i = ix.indexOf(id);
    if (i >= 0 && kept[i]) chosen[i] = 1;
  }
  const out = emptyExport(snap);
  const nodes = snap.nodeFileOrder().filter((i) => chosen[i] === 1);
  const visitNode = (i: number, attributes: NodeAttributes) => out.nodes.push({ key: keys[i], attributes });
  if (parsed.size) for (const i of nodes) visitNode(i, parsed.get(i)!);
  else snap.scanNodes(nodes, visitNode);
  const edges = candidates.filter((e) => passing[e] === 1 && chosen[ix.edgeSource[e]] === 1 && chosen[ix.edgeTarget[e]] === 1);
  snap.scanEdges(edges, (e, attributes, undirected) => pushEdge(snap, out, e, attributes, undirected));
  return withoutIsolatedNodes(out, filter.withoutIsolated);
}

/** An export with the snapshot's graph attributes and no nodes or relationships yet. */
function emptyExport(snap: OpenedSnapshot): SerializedGraph {
  return { attributes: { ...snap.graphAttributes }, options: { type: "mixed", multi: true, allowSelfLoops: false }, nodes: [], edges: [] };
}

/** Node numbers in graph.json's order; with ids, only those and the included ones (documents never). */
function nodesById(snap: OpenedSnapshot, filter: ExportFilter): Int32Array {
  const nodes = snap.nodeFileOrder();
  if (!filter.nodeIds) return nodes;
  const ids = new Set([...filter.nodeIds, ...(filter.include ?? [])]);
  const keys = snap.index.nodeKeys;
  return nodes.filter((i) => ids.has(keys[i]));
}

/**
 * Relationships in graph.json's order whose ends are both `kept` and whose
 * type, review and polarity (from the index's bits) the filter may keep; a
 * relationship without a type bit is left to the attribute test.
 */
function edgeCandidates(snap: OpenedSnapshot, filter: ExportFilter, kept: Uint8Array): Int32Array {
  const ix = snap.index;
  const typeMask = filter.types?.length ? walkFilter({ types: filter.types.filter((t) => REL_TYPES.includes(t)) }).mask : TYPE_BITS;
  const forbid = EDGE_REJECTED | (filter.includeAbsent === false ? EDGE_ABSENT : 0);
  const edgeOrder = snap.edgeFileOrder();
  const candidates = new Int32Array(edgeOrder.length);
  let n = 0;
  for (let k = 0; k < edgeOrder.length; k++) {
    const e = edgeOrder[k];
    if (!kept[ix.edgeSource[e]] || !kept[ix.edgeTarget[e]]) continue;
    const bits = ix.edgeBits[e];
    if ((bits & forbid) !== 0 || ((bits & TYPE_BITS) !== 0 && (bits & typeMask) === 0)) continue;
    candidates[n++] = e;
  }
  return candidates.subarray(0, n);
}

/** Appends relationship e to `out` as exportFrom writes it. */
function pushEdge(snap: OpenedSnapshot, out: SerializedGraph, e: number, attributes: EdgeAttributes, undirected: boolean): void {
  const ix = snap.index;
  const key = ix.edgeKey(e);
  const source = ix.nodeKeys[ix.edgeSource[e]];
  const target = ix.nodeKeys[ix.edgeTarget[e]];
  out.edges.push(undirected ? { key, source, target, undirected: true, attributes } : { key, source, target, attributes });
}

/**
 * listDocumentsOf's answer: the document nodes by id. With node classes only
 * the documents' attributes are parsed; without, every node's.
 */
export function documentsFromSnapshot(snap: OpenedSnapshot): DocumentSummary[] {
  const keys = snap.index.nodeKeys;
  const found: DocumentSummary[] = [];
  const order = snap.nodeFileOrder();
  const classes = snap.nodeClasses;
  if (classes) {
    const isDocument = classes.table.map(([, document]) => document);
    const documents: number[] = [];
    for (let k = 0; k < order.length; k++) if (isDocument[classes.codes[order[k]]]) documents.push(order[k]);
    snap.scanNodes(documents, (i, attributes) => found.push({ id: keys[i], attributes: attributes as DocumentSummary["attributes"] }));
  } else {
    snap.scanNodes(order, (i, attributes) => {
      if (attributes.nodeLabel === "Document") found.push({ id: keys[i], attributes: attributes as DocumentSummary["attributes"] });
    });
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The number of relationship `id`, or -1. A key of relationshipId's form
 * (TYPE:source:target[:absent]) is looked for among the relationships between
 * its two ends (ids may hold colons: every split into two stored nodes is
 * tried); any other key, or one not found there, by a search of every stored
 * key, so the answer holds for keys of any form.
 */
export function edgeNumberFromSnapshot(snap: OpenedSnapshot, id: string): number {
  const ix = snap.index;
  const colon = id.indexOf(":");
  if (colon > 0 && (REL_TYPES as readonly string[]).includes(id.slice(0, colon))) {
    const rest = id.slice(colon + 1);
    for (const ends of rest.endsWith(":absent") ? [rest, rest.slice(0, -7)] : [rest]) {
      for (let at = ends.indexOf(":"); at >= 0; at = ends.indexOf(":", at + 1)) {
        const s = ix.indexOf(ends.slice(0, at));
        const t = s < 0 ? -1 : ix.indexOf(ends.slice(at + 1));
        const e = t < 0 ? -1 : edgeBetween(ix, s, t, id);
        if (e >= 0) return e;
      }
    }
  }
  const e = snap.edgeNumberOf(id);
  return e >= 0 && ix.edgeKey(e) === id ? e : -1;
}

/** The relationship with key `id` between nodes s and t, from the row of the end with fewer; -1 when none. */
function edgeBetween(ix: TraversalIndex, s: number, t: number, id: string): number {
  const [u, v] = ix.degree(s) <= ix.degree(t) ? [s, t] : [t, s];
  for (let k = ix.offsets[u], end = ix.offsets[u + 1]; k < end; k++) {
    if (ix.adjNode[k] === v && ix.edgeKey(ix.adjEdge[k]) === id) return ix.adjEdge[k];
  }
  return -1;
}

/** Relationship e as stores return it, its attributes `attributes` (read from graph.json when not given). */
export function edgeRecordFromSnapshot(snap: OpenedSnapshot, e: number, attributes: EdgeAttributes = snap.edgeAttributes(e)): RelationshipRecord {
  const ix = snap.index;
  return { id: ix.edgeKey(e), source: ix.nodeKeys[ix.edgeSource[e]], target: ix.nodeKeys[ix.edgeTarget[e]], attributes };
}

/**
 * findRelationshipsIn's answer. The index's bits and ends leave out what
 * cannot match (other types, the other polarity, rejected, other ends), so
 * only the rest is parsed and tested as the graph's query tests it: with an
 * end given, the relationships of that node, one read each; else every
 * relationship, read in graph.json's order.
 */
export function relationshipsFromSnapshot(snap: OpenedSnapshot, query: RelationshipQuery): RelationshipRecord[] {
  const ix = snap.index;
  const keys = ix.nodeKeys;
  const types = query.types ? new Set<RelType>(query.types) : null;
  const typeMask = types ? walkFilter({ types: REL_TYPES.filter((t) => types.has(t)) }).mask : TYPE_BITS;
  const matches = (s: string, t: string, qs?: string, qt?: string) => (!qs || s === qs) && (!qt || t === qt);
  const possible = (e: number) => {
    const bits = ix.edgeBits[e];
    if ((bits & EDGE_REJECTED) !== 0 || ((bits & TYPE_BITS) !== 0 && (bits & typeMask) === 0)) return false;
    if (query.polarity && ((bits & EDGE_ABSENT) !== 0) !== (query.polarity === "absent")) return false;
    const s = keys[ix.edgeSource[e]];
    const t = keys[ix.edgeTarget[e]];
    return matches(s, t, query.source, query.target) || matches(s, t, query.target, query.source);
  };
  const out: RelationshipRecord[] = [];
  // The graph's test, on the parsed attributes.
  const test = relationshipTest(query);
  const consider = (e: number, a: EdgeAttributes) => {
    if (test(a, keys[ix.edgeSource[e]], keys[ix.edgeTarget[e]])) out.push(edgeRecordFromSnapshot(snap, e, a));
  };
  const anchor = query.source ?? query.target;
  if (anchor) {
    const u = ix.indexOf(anchor);
    if (u >= 0) {
      for (let k = ix.offsets[u], end = ix.offsets[u + 1]; k < end; k++) {
        const e = ix.adjEdge[k];
        if (possible(e)) consider(e, snap.edgeAttributes(e));
      }
    }
  } else {
    const order = snap.edgeFileOrder();
    const candidates: number[] = [];
    for (let k = 0; k < order.length; k++) if (possible(order[k])) candidates.push(order[k]);
    // graph.json holds each relationship's attributes as JSON.stringify wrote them: one
    // with evidence from the document holds its id written this way.
    const containing = query.document === undefined ? undefined : `"document":${JSON.stringify(query.document)}`;
    snap.scanEdges(candidates, consider, containing);
  }
  return out.sort(byRelationship);
}
