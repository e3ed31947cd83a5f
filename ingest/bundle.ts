// From one read document and its extraction to the DocumentBundle the store
// writes as one unit: the Document node, the nodes it mentions, and one
// relationship per (type, ends, polarity) with an evidence item per sentence,
// every span mapped back to the original text so that quote === text.slice.
import { relationshipId } from "../graph/merge.js";
import type { DocumentBundle, Evidence, NodeAttributes } from "../graph/types.js";
import type { Polarity, RelType } from "../graph/schema.js";
import type { RelationDraft } from "./extract/context.js";
import type { Extraction } from "./extract/index.js";
import type { ReadDocument } from "./read/index.js";

/** One relationship being gathered: its first draft's ends and its evidence, one item per original span. */
interface Pending {
  type: RelType;
  source: string;
  target: string;
  polarity: Polarity;
  evidence: Evidence[];
  /** Index of each span's item ("start-end"), made once the list is long enough to need it. */
  index?: Map<string, number>;
}

/** Evidence lists up to this long are searched item by item, longer ones through an index. */
const SCAN_LIMIT = 8;

/** Evidence confidence below which a relationship is listed for review. */
export const LOW_CONFIDENCE = 0.6;

/**
 * Builds the bundle of one document.
 * @param doc the read document (original text, normalised text, offset map)
 * @param extraction what the rules found in doc.normalized
 */
export function buildBundle(doc: ReadDocument, extraction: Extraction): DocumentBundle {
  const { ctx, mentionCounts } = extraction;
  const byKey = gather(doc, ctx.relations);
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
    relationships: [...byKey.values()].map((r) => {
      const evidence = r.evidence;
      // Math.max over the items, folded pairwise (the same answer, NaN and -0 included).
      let confidence = -Infinity;
      for (const item of evidence) confidence = Math.max(confidence, item.confidence ?? 0);
      return { source: r.source, target: r.target, attributes: { type: r.type, polarity: r.polarity, confidence, origin: "extracted", evidence } };
    }),
  };
}

/**
 * The drafts grouped into relationships by relationship id (in the order first
 * met), each with one evidence item per original span: the item of the draft
 * with the highest confidence, the first of equals.
 */
function gather(doc: ReadDocument, relations: readonly RelationDraft[]): Map<string, Pending> {
  const byKey = new Map<string, Pending>();
  const text = doc.text;
  // Relations of one sentence come one after another with the same span: map it once.
  let lastStart = -1;
  let lastEnd = -1;
  let s = 0;
  let e = 0;
  let quote = "";
  for (const r of relations) {
    const key = relationshipId(r.type, r.source, r.target, r.polarity);
    let rel = byKey.get(key);
    if (!rel) byKey.set(key, (rel = { type: r.type, source: r.source, target: r.target, polarity: r.polarity, evidence: [], index: undefined }));
    if (r.start !== lastStart || r.end !== lastEnd) {
      [s, e] = doc.toOriginal(r.start, r.end);
      quote = text.slice(s, e);
      lastStart = r.start;
      lastEnd = r.end;
    }
    const at = itemAt(rel, s, e);
    if (at >= 0 && (rel.evidence[at]!.confidence ?? 0) >= r.attrs.confidence) continue;
    // The item's keys in this order, undefined attributes left out.
    const item = { document: doc.id, start: s, end: e, quote } as Evidence & Record<string, unknown>;
    const attrs = r.attrs as unknown as Record<string, unknown>;
    for (const k in attrs) {
      const v = attrs[k];
      if (v !== undefined) item[k] = v;
    }
    // A better item for a span takes the old one's place, a new span goes last.
    if (at >= 0) rel.evidence[at] = item;
    else {
      rel.evidence.push(item);
      rel.index?.set(`${s}-${e}`, rel.evidence.length - 1);
    }
  }
  return byKey;
}

/** The position of the item for span [s, e) in rel's evidence, or -1. */
function itemAt(rel: Pending, s: number, e: number): number {
  const list = rel.evidence;
  if (!rel.index) {
    if (list.length <= SCAN_LIMIT) {
      for (let i = 0; i < list.length; i++) if (list[i]!.start === s && list[i]!.end === e) return i;
      return -1;
    }
    rel.index = new Map();
    for (let i = 0; i < list.length; i++) rel.index.set(`${list[i]!.start}-${list[i]!.end}`, i);
  }
  return rel.index.get(`${s}-${e}`) ?? -1;
}
