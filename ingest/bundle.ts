// From one read document and its extraction to the DocumentBundle the store
// writes as one unit: the Document node, the nodes it mentions, and one
// relationship per (type, ends, polarity) with an evidence item per sentence,
// every span mapped back to the original text so that quote === text.slice.
import { relationshipId } from "../graph/merge.js";
import type { DocumentBundle, Evidence, NodeAttributes } from "../graph/types.js";
import type { Extraction } from "./extract/index.js";
import type { ReadDocument } from "./read/index.js";

/** Evidence confidence below which a relationship is listed for review. */
export const LOW_CONFIDENCE = 0.6;

/**
 * Builds the bundle of one document.
 * @param doc the read document (original text, normalised text, offset map)
 * @param extraction what the rules found in doc.normalized
 */
export function buildBundle(doc: ReadDocument, extraction: Extraction): DocumentBundle {
  const { ctx, mentionCounts } = extraction;
  const byKey = new Map<string, { type: DocumentBundle["relationships"][number]["attributes"]["type"]; source: string; target: string; polarity: "present" | "absent"; evidence: Map<string, Evidence> }>();
  const quoteOf = (start: number, end: number) => {
    const [s, e] = doc.toOriginal(start, end);
    return { start: s, end: e, quote: doc.text.slice(s, e) };
  };
  for (const r of ctx.relations) {
    const key = relationshipId(r.type, r.source, r.target, r.polarity);
    let rel = byKey.get(key);
    if (!rel) byKey.set(key, (rel = { type: r.type, source: r.source, target: r.target, polarity: r.polarity, evidence: new Map() }));
    const span = quoteOf(r.start, r.end);
    const spanKey = `${span.start}-${span.end}`;
    const old = rel.evidence.get(spanKey);
    if (old && (old.confidence ?? 0) >= r.attrs.confidence) continue;
    // The item's keys in this order, undefined attributes left out.
    const item = { document: doc.id, start: span.start, end: span.end, quote: span.quote } as Evidence & Record<string, unknown>;
    for (const k of Object.keys(r.attrs)) {
      const v = (r.attrs as unknown as Record<string, unknown>)[k];
      if (v !== undefined) item[k] = v;
    }
    rel.evidence.set(spanKey, item);
  }
  const used = new Set<string>();
  for (const rel of byKey.values()) used.add(rel.source).add(rel.target);
  const nodes: DocumentBundle["nodes"] = [];
  for (const [id, entity] of ctx.entities) {
    const count = mentionCounts.get(id) ?? 0;
    if (!count && !used.has(id)) continue;
    const { collective: _c, ...attributes } = entity.attributes as NodeAttributes & { collective?: boolean };
    nodes.push({ id, attributes: { ...attributes, ...(entity.attributes.collective ? { collective: true } : {}) }, mentions: count });
  }
  const meta = doc.meta ?? {};
  const document: DocumentBundle["document"] = {
    id: doc.id,
    attributes: {
      nodeLabel: "Document",
      kind: "document",
      name: meta.title ?? doc.file,
      aliases: [],
      documents: [],
      mentions: 0,
      origin: "extracted",
      ...(meta.title ? { title: meta.title } : {}),
      ...(meta.authors?.length ? { authors: meta.authors } : {}),
      ...(meta.year ? { year: meta.year } : {}),
      sha256: doc.sha256,
      file: doc.file,
      format: doc.format,
      bytes: doc.bytes,
      chars: doc.text.length,
    },
  };
  return {
    document,
    text: doc.text,
    nodes,
    relationships: [...byKey.values()].map((r) => ({
      source: r.source,
      target: r.target,
      attributes: { type: r.type, polarity: r.polarity, confidence: Math.max(...[...r.evidence.values()].map((e) => e.confidence ?? 0)), origin: "extracted", evidence: [...r.evidence.values()] },
    })),
  };
}
