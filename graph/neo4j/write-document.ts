// The write units of the Neo4j store, each run inside ONE managed write
// transaction. They read what they need, derive every attribute in JS with
// graph/merge.ts (exactly as the memory store does) and write with UNWIND
// batches. Every unit is idempotent: run again after a dropped COMMIT, it
// finds the document's sha256 already stored and writes nothing; run twice in
// one transaction, it likewise changes nothing the second time.
import type { ManagedTransaction } from "neo4j-driver";
import { refuseIdClash } from "../id-clash.js";
import { deriveEdgeAttributes, mergeNodeAttributes, relationshipId, canonicalEnds, stripDerived } from "../merge.js";
import { isRelType, type NodeLabel, type RelType } from "../schema.js";
import type { DocumentBundle, EdgeAttributes, NodeAttributes, Review } from "../types.js";
import type { UpsertResult } from "../store.js";
import * as Q from "./queries.js";
import { nodeProps, nodeRecord, relationshipProps, toPlain } from "./values.js";

/** Test seams: called after each numbered step of a document write (fault injection). */
export interface WriteHooks {
  afterStep?: (step: string) => void;
}

/** A relationship row ready to write. */
export interface RelRow {
  id: string;
  source: string;
  target: string;
  attrs: EdgeAttributes;
}

/** Type of a relationship from its stable id ("TYPE:s:t[:absent]"). */
export function typeOfId(id: string): RelType | null {
  const t = id.slice(0, id.indexOf(":"));
  return isRelType(t) ? t : null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Stored attributes of relationships by id (unknown ids skipped). */
export async function readRelationships(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, EdgeAttributes>> {
  const out = new Map<string, EdgeAttributes>();
  for (const [type, list] of groupBy(ids, (id) => typeOfId(id) ?? "")) {
    if (!type) continue;
    const res = await tx.run(Q.readRelationshipsQuery(type as RelType), { ids: [...new Set(list)] });
    for (const r of res.records) out.set(r.get("id") as string, JSON.parse(r.get("attrs") as string) as EdgeAttributes);
  }
  return out;
}

/** Reviews by relationship id. */
export async function readReviews(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, Review>> {
  const res = await tx.run(Q.READ_REVIEWS, { ids: [...new Set(ids)] });
  return new Map(res.records.map((r) => [r.get("id") as string, JSON.parse(r.get("json") as string) as Review]));
}

/** Writes relationships (MERGE on id, every property replaced), grouped by type. */
export async function writeRelationships(tx: ManagedTransaction, rows: readonly RelRow[], hooks: WriteHooks = {}): Promise<void> {
  for (const [type, list] of groupBy(rows, (r) => r.attrs.type)) {
    const params = list.map((r) => ({ id: r.id, source: r.source, target: r.target, props: relationshipProps(r.id, r.attrs) }));
    await tx.run(Q.writeRelationshipsQuery(type as RelType), { rows: params });
    hooks.afterStep?.(`relationships:${type}`);
  }
}

/** Deletes relationships by id, grouped by type. */
export async function deleteRelationships(tx: ManagedTransaction, ids: readonly string[]): Promise<void> {
  for (const [type, list] of groupBy(ids, (id) => typeOfId(id) ?? "")) {
    if (type) await tx.run(Q.deleteRelationshipsQuery(type as RelType), { ids: list });
  }
}

/** Writes nodes (every property replaced), grouped by label. */
export async function writeNodes(tx: ManagedTransaction, nodes: ReadonlyMap<string, NodeAttributes>): Promise<void> {
  const rows = [...nodes].map(([id, attrs]) => ({ id, label: attrs.nodeLabel, props: nodeProps(id, attrs) }));
  for (const [label, list] of groupBy(rows, (r) => r.label)) {
    await tx.run(Q.writeNodesQuery(label as NodeLabel), { rows: list.map(({ id, props }) => ({ id, props })) });
  }
}

/** Stored node attributes by id (documents and mentions included). */
export async function readNodes(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, NodeAttributes>> {
  const res = await tx.run(Q.READ_NODES, { ids: [...new Set(ids)] });
  return new Map(res.records.map((r) => {
    const rec = nodeRecord(r.toObject() as never);
    return [rec.id, rec.attributes];
  }));
}

/** Recomputes documents/mentions of nodes from MENTIONS; returns origin, mentions and degree of each. */
export async function refreshMentions(tx: ManagedTransaction, ids: readonly string[]) {
  const res = await tx.run(Q.REFRESH_MENTIONS, { ids: [...new Set(ids)] });
  return res.records.map((r) => toPlain(r.toObject()) as { id: string; origin: string | null; mentions: number; degree: number });
}

/**
 * Removes what a document contributed (memory-store semantics): its MENTIONS,
 * its evidence on relationships (a relationship left without evidence that
 * was extracted or reviewed goes), and nodes nothing mentions or links any
 * more. Keeps the Document node when `keepDocument` (a replacement follows).
 * Returns the ids of nodes it deleted.
 */
export async function removeDocumentContribution(tx: ManagedTransaction, docId: string, keepDocument: boolean): Promise<Set<string>> {
  const mentioned = (await tx.run(Q.MENTIONED_BY, { doc: docId })).records.map((r) => r.get("id") as string);
  const affected = (await tx.run(Q.EVIDENCED_BY, { doc: docId })).records.map((r) => ({
    id: r.get("id") as string,
    ends: [r.get("source") as string, r.get("target") as string] as const,
    attrs: JSON.parse(r.get("attrs") as string) as EdgeAttributes,
  }));
  // The ends of changed relationships may be left with nothing, as the nodes it mentions may.
  const touched = [...new Set([...mentioned, ...affected.flatMap((a) => a.ends)])].sort();
  const drop: string[] = [];
  const rewrite: RelRow[] = [];
  for (const { id, ends, attrs } of affected) {
    const evidence = attrs.evidence.filter((e) => e.document !== docId);
    if (evidence.length === 0 && (attrs.origin === "extracted" || attrs.origin === "reviewed")) drop.push(id);
    else {
      const { type, polarity, evidence: _old, review, ...extra } = attrs;
      const [source, target] = ends;
      rewrite.push({ id, source, target, attrs: deriveEdgeAttributes(type, polarity, evidence, stripDerived(extra, evidence.length > 0), review) });
    }
  }
  await deleteRelationships(tx, drop);
  await writeRelationships(tx, rewrite);
  if (keepDocument) await tx.run(Q.DELETE_DOCUMENT_MENTIONS, { doc: docId });
  else await tx.run(Q.DELETE_DOCUMENT, { doc: docId });
  const gone = new Set<string>();
  for (const n of await refreshMentions(tx, touched)) {
    if (n.mentions === 0 && (n.origin === "codebook" || n.origin === "extracted") && n.degree === 0) gone.add(n.id);
  }
  await tx.run(Q.DELETE_NODES, { ids: [...gone] });
  return gone;
}

/**
 * The unit of work of upsertDocument. Steps:
 *   1. unchanged when the stored sha256 equals the bundle's;
 *   2. lock every id it will write (sorted, so concurrent units cannot deadlock for long);
 *   3. remove the old version's contribution;
 *   4. merge and write the Document node, the nodes and MENTIONS;
 *   5. derive and write the relationships (old evidence + new, review applied);
 *   6. recompute documents/mentions and drop placeholders.
 */
export async function writeDocument(tx: ManagedTransaction, bundle: DocumentBundle, hooks: WriteHooks = {}): Promise<UpsertResult> {
  const docId = bundle.document.id;
  const sha = bundle.document.attributes.sha256;
  const counts = { nodes: bundle.nodes.length, relationships: bundle.relationships.length };
  // 1.
  const stored = await tx.run(Q.DOCUMENT_HASH, { id: docId });
  const existed = stored.records.length > 0;
  if (existed && sha && stored.records[0].get("sha256") === sha) return { document: docId, status: "unchanged", ...counts };
  // 2.
  const ids = [...new Set([docId, ...bundle.nodes.map((n) => n.id)])].sort();
  await tx.run(Q.LOCK_NODES, { ids });
  // Checked under the locks, before anything is written: a refused unit rolls back having changed nothing.
  const labels = new Map((await tx.run(Q.STORED_LABELS, { ids })).records.map((r) => [r.get("id") as string, r.get("label") as string]));
  refuseIdClash(bundle, (id) => labels.get(id));
  hooks.afterStep?.("lock");
  // 3.
  const fresh = existed ? await removeDocumentContribution(tx, docId, true) : new Set<string>();
  hooks.afterStep?.("remove-old");
  // 4.
  if (sha) await tx.run(Q.WRITE_TEXT, { sha256: sha, text: bundle.text });
  const docAttrs = { ...bundle.document.attributes, documents: [docId], mentions: 0, aliases: bundle.document.attributes.aliases ?? [] };
  const existing = await readNodes(tx, bundle.nodes.map((n) => n.id).filter((id) => !fresh.has(id)));
  const nodes = new Map<string, NodeAttributes>([[docId, docAttrs]]);
  for (const node of bundle.nodes) {
    const merged = mergeNodeAttributes(nodes.get(node.id) ?? existing.get(node.id), node.attributes);
    nodes.set(node.id, merged);
  }
  await writeNodes(tx, nodes);
  const mentions = new Map(bundle.nodes.map((n) => [n.id, n.mentions]));
  await writeRelationships(
    tx,
    [...mentions].map(([id, count]) => ({
      id: relationshipId("MENTIONS", docId, id),
      source: docId,
      target: id,
      attrs: deriveEdgeAttributes("MENTIONS", "present", [], { count, confidence: 1 }),
    })),
  );
  hooks.afterStep?.("nodes");
  // 5.
  const keyed = bundle.relationships.map((rel) => ({ rel, key: relationshipId(rel.attributes.type, rel.source, rel.target, rel.attributes.polarity) }));
  const keys = keyed.map((k) => k.key);
  const old = await readRelationships(tx, keys);
  const reviews = await readReviews(tx, keys);
  const rows = new Map<string, RelRow>();
  for (const { rel, key } of keyed) {
    const { evidence, type, polarity, ...extra } = rel.attributes;
    const before = rows.get(key)?.attrs ?? old.get(key);
    const attrs = deriveEdgeAttributes(type, polarity, [...(before?.evidence ?? []), ...evidence], extra, reviews.get(key));
    const [source, target] = canonicalEnds(type, rel.source, rel.target);
    rows.set(key, { id: key, source, target, attrs });
  }
  await writeRelationships(tx, [...rows.values()], hooks);
  // 6.
  await refreshMentions(tx, bundle.nodes.map((n) => n.id));
  await tx.run(Q.DROP_PLACEHOLDERS, { ids });
  hooks.afterStep?.("done");
  return { document: docId, status: existed ? "replaced" : "created", ...counts };
}
