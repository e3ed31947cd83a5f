// The store half of ingesting one file, always on the main thread and in file
// order: check the store's hash for the document again (an earlier file of the
// same run may have written the same id), write the bundle, report.
import { StoreUnavailableError } from "../../graph/errors.js";
import type { GraphStore } from "../../graph/store.js";
import { bundleReport, type DocumentReport } from "../report.js";
import { failedFile, reasonOf, type PreparedDocument } from "./prepare.js";

/** What committing gives: the document's report, or "stale" when an "unchanged" answer no longer holds. */
export type CommitOutcome = DocumentReport | "stale";

/** The report of a document whose stored hash equals its own. */
export function unchangedReport(id: string, file: string): DocumentReport {
  return { id, file, status: "unchanged", countsByType: {}, newEntities: [], lowConfidence: [] };
}

/**
 * Writes one prepared document to the store.
 * @param path the file it came from (names a write failure)
 * @returns its report (write failures included), or "stale" when it was prepared
 *   as unchanged against a hash the store no longer holds: prepare it again
 * @throws StoreUnavailableError when the store cannot be reached or another
 *   process holds its write lock: no later document could be written either
 */
export async function commitPrepared(store: GraphStore, path: string, prepared: PreparedDocument): Promise<CommitOutcome> {
  if (prepared.kind === "failed") return prepared.report;
  try {
    if (prepared.kind === "unchanged") {
      return (await store.documentHash(prepared.id)) === prepared.sha256 ? unchangedReport(prepared.id, prepared.file) : "stale";
    }
    const { bundle, newIds } = prepared;
    const id = bundle.document.id;
    if ((await store.documentHash(id)) === bundle.document.attributes.sha256)
      return unchangedReport(id, String(bundle.document.attributes.file ?? id));
    const result = await store.upsertDocument(bundle);
    return bundleReport(bundle, result.status, new Set(newIds));
  } catch (error) {
    // the store cannot be reached or another process holds its lock: no later document could be written either
    if (error instanceof StoreUnavailableError) throw error;
    return failedFile(path, reasonOf(error));
  }
}

