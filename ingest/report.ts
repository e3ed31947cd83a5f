// What an ingest reports: per document its status, counts of relationships by
// type, the entities the codebook lacked, and the relationships to look at.
import type { DocumentBundle } from "../graph/types.js";
import { relationshipId } from "../graph/merge.js";
import { LOW_CONFIDENCE } from "./bundle.js";

/** A relationship worth a person's look (low confidence). */
export interface LowConfidenceItem {
  id: string;
  confidence: number;
  quote: string;
}

/** The outcome for one document. */
export interface DocumentReport {
  id: string;
  file: string;
  status: "created" | "replaced" | "unchanged" | "failed";
  /** Why it failed (status failed only). */
  reason?: string;
  countsByType: Record<string, number>;
  /** Entities the codebook does not know: "id (kind): name". */
  newEntities: string[];
  lowConfidence: LowConfidenceItem[];
}

/** The outcome of one ingest run. */
export interface IngestReport {
  documents: DocumentReport[];
  /** Review decisions applied, and review ids the store does not hold. */
  reviews: { applied: number; unknown: string[] };
  failed: number;
}

/** The report of one bundle written with `status`. */
export function bundleReport(bundle: DocumentBundle, status: DocumentReport["status"], newIds: Set<string>): DocumentReport {
  const countsByType: Record<string, number> = {};
  const lowConfidence: LowConfidenceItem[] = [];
  for (const r of bundle.relationships) {
    const a = r.attributes;
    countsByType[a.type] = (countsByType[a.type] ?? 0) + 1;
    if (a.confidence < LOW_CONFIDENCE)
      lowConfidence.push({ id: relationshipId(a.type, r.source, r.target, a.polarity), confidence: a.confidence, quote: a.evidence[0]?.quote.replace(/\s+/g, " ").slice(0, 200) ?? "" });
  }
  return {
    id: bundle.document.id,
    file: String(bundle.document.attributes.file ?? bundle.document.id),
    status,
    countsByType,
    newEntities: bundle.nodes.filter((n) => newIds.has(n.id)).map((n) => `${n.id} (${n.attributes.kind}): ${n.attributes.name}`),
    lowConfidence: lowConfidence.sort((a, b) => a.confidence - b.confidence),
  };
}

/** The report of a document that could not be ingested. */
export function failedReport(id: string, file: string, reason: string): DocumentReport {
  return { id, file, status: "failed", reason, countsByType: {}, newEntities: [], lowConfidence: [] };
}
