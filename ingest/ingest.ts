// Ingesting documents into a store: read (ingest/read), extract (ingest/extract),
// build the bundle and write it as one unit (an unchanged sha256 writes
// nothing), then apply the review file. Each document stands alone: one that
// fails is reported by name with its reason and the others go on. Many
// documents are prepared by worker threads (ingest/pipeline) while the main
// thread writes them in file order, so the result never depends on timing.
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResourceLimits } from "node:worker_threads";
import { StoreUnavailableError } from "../graph/errors.js";
import type { GraphStore } from "../graph/store.js";
import { loadCodebook, type Codebook } from "./codebook.js";
import { unchangedReport } from "./pipeline/commit.js";
import { heapPast, heapText, largerHeapMb, type HeapUse } from "./pipeline/heap-guard.js";
import { ingestInOrder, type OrderedIngestResult } from "./pipeline/ordered-ingest.js";
import { planThreads } from "./pipeline/plan.js";
import { prepareRead, reasonOf } from "./pipeline/prepare.js";
import { readDocumentBytes, type ReadDocument } from "./read/index.js";
import { bundleReport, failedReport, type DocumentReport, type IngestReport } from "./report.js";
import { applyReviews, loadReviews } from "./review.js";

/** The review file shipped with the project. */
export const DEFAULT_REVIEW_PATH = fileURLToPath(new URL("../seeds/review.yaml", import.meta.url));
/** File types the ingest reads when expanding a directory. */
export const DOCUMENT_EXTENSIONS = [".txt", ".md", ".html", ".htm", ".pdf"];
/** A folder's own notes (README.md, SOURCES.md …) are not documents of the corpus; named explicitly they are read. */
const FOLDER_NOTES = /^(?:readme|sources|license|licence|changelog|contributing|notes)\.(?:md|txt)$/i;

export interface IngestOptions {
  /** A loaded codebook, or a path to one (default seeds/codebook.yaml). */
  codebook?: Codebook | string;
  /** Review file applied after the documents (default seeds/review.yaml; null for none). */
  reviewFile?: string | null;
  /** Called after each document: (done, total, report). */
  onProgress?: (done: number, total: number, report: DocumentReport) => void;
  /** Stops before the next document when aborted (worker threads are terminated). */
  signal?: AbortSignal;
  /**
   * Threads that read and extract documents (ingestPaths), the calling thread
   * included: 1 = no worker threads; n = the calling thread and n - 1 worker
   * threads. Default: one per core; for 8 MB of files or more the worker
   * threads start at once and stop taking files if the first CPU sample
   * shows other work holding a core; for less they start only once the
   * ingest's own pace shows the files left would take 6 s of CPU or more on
   * one thread and the machine has a spare core (ingest/pipeline/plan.ts).
   */
  workers?: number;
  /**
   * ingestPaths stops before the next document once the heap is past this
   * share of Node's limit (default 0.85: ingest/pipeline/heap-guard.ts), the
   * documents before it written and saved; the report says so (`stopped`).
   * ingestBytes (an upload to the server) then fails, saying why.
   */
  heapShare?: number;
}

/** An ingest's report with the threads that prepared documents (1: the calling thread only) and how many worker threads prepared. */
export interface PathsReport extends IngestReport {
  workers: number;
  preparedInWorkers: number;
  /** Why the ingest stopped before its last document (the process neared its heap limit), and what to do; absent when it read them all. */
  stopped?: string;
}

/** @internal tests only: hooks into the worker pipeline. */
export interface IngestTestHooks {
  /** The module worker threads run instead of ingest/pipeline/worker.mjs. */
  workerEntry?: URL;
  /** The main thread never prepares a document itself (so the workers do them all). */
  workersOnly?: boolean;
  /** Heap limits of the worker threads. */
  workerResourceLimits?: ResourceLimits;
}

/**
 * Lists the documents under `paths`: files as given, directories expanded
 * (recursively) to .txt/.md/.html/.pdf files, sorted.
 */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(p, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && DOCUMENT_EXTENSIONS.includes(extname(e.name).toLowerCase()) && !FOLDER_NOTES.test(e.name))
        .map((e) => join(e.parentPath ?? p, e.name));
      out.push(...files.sort());
    } else out.push(p);
  }
  return out;
}

function resolveCodebook(option: IngestOptions["codebook"]): Codebook {
  return typeof option === "object" ? option : loadCodebook(option);
}

/** Extracts and writes one read document (nothing when the store holds its hash). */
async function ingestRead(store: GraphStore, doc: ReadDocument, codebook: Codebook): Promise<DocumentReport> {
  if ((await store.documentHash(doc.id)) === doc.sha256) return unchangedReport(doc.id, doc.file);
  const { bundle, newIds } = prepareRead(doc, codebook);
  const result = await store.upsertDocument(bundle);
  return bundleReport(bundle, result.status, new Set(newIds));
}

/**
 * Ingests files and directories into `store`, committing documents one at a
 * time in file order (prepared ahead by worker threads when worthwhile).
 * @returns per-document reports (failed documents included, with reasons)
 * @throws InvalidDataError when the codebook or the review file is malformed (before any write)
 * @throws RangeError when `workers` is not a positive integer
 * @throws StoreUnavailableError when the store cannot be reached or another process holds its
 *   write lock (the documents written before stay, each whole)
 */
export async function ingestPaths(store: GraphStore, paths: string[], options: IngestOptions = {}): Promise<PathsReport> {
  return ingestPathsWithHooks(store, paths, options, {});
}

/** @internal tests only: ingestPaths with test hooks. */
export async function ingestPathsWithHooks(store: GraphStore, paths: string[], options: IngestOptions, hooks: IngestTestHooks): Promise<PathsReport> {
  const codebook = resolveCodebook(options.codebook);
  const reviewPath = options.reviewFile === undefined ? DEFAULT_REVIEW_PATH : options.reviewFile;
  const reviews = reviewPath ? loadReviews(resolve(reviewPath)) : [];
  const files = await expandPaths(paths);
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
  const plan = planThreads(options.workers, files.length, sizes.reduce((n, s) => n + s, 0));
  const documents: DocumentReport[] = [];
  let used: OrderedIngestResult = { threads: 1, preparedInWorkers: 0 };
  const work = async () => {
    used = await ingestInOrder(store, files, {
      ...plan,
      codebook,
      sizes,
      signal: options.signal,
      heapShare: options.heapShare,
      ...hooks,
      onDocument: (i, report) => {
        documents.push(report);
        options.onProgress?.(i + 1, files.length, report);
      },
    });
    return reviews.length ? await applyReviews(store, reviews) : { applied: 0, unknown: [] };
  };
  // Many documents: a store that can defer durability to the end of the batch writes its file once.
  const applied = store.bulk && files.length > 1 ? await store.bulk(work) : await work();
  const report: PathsReport = { documents, reviews: applied, failed: documents.filter((d) => d.status === "failed").length, workers: used.threads, preparedInWorkers: used.preparedInWorkers };
  if (used.heapStop) report.stopped = heapStopMessage(used.heapStop, files);
  return report;
}

/** What a user reads when the ingest stopped near the heap limit: where, why, and how to go on. */
function heapStopMessage(stop: HeapUse & { index: number }, files: string[]): string {
  return (
    `stopped before ${basename(files[stop.index])}, ${files.length - stop.index} of ${files.length} document(s) not read: ` +
    `this process's heap holds ${heapText(stop)} (the embedded store keeps the whole graph in memory). ` +
    `The ${stop.index} document(s) before it are written and saved. To go on, run the same command again with a larger heap, ` +
    `e.g. NODE_OPTIONS=--max-old-space-size=${largerHeapMb(stop)} (documents already stored are skipped), or use Neo4j (--store neo4j).`
  );
}

/**
 * Ingests one uploaded document.
 * @returns its report; a document that cannot be read or written has status failed and a reason
 * @throws StoreUnavailableError when the store cannot be reached or another process holds its write lock (nothing written)
 */
export async function ingestBytes(store: GraphStore, upload: { name: string; bytes: Uint8Array }, options: IngestOptions = {}): Promise<DocumentReport> {
  const codebook = resolveCodebook(options.codebook);
  let report: DocumentReport;
  try {
    // A server whose store nears its heap limit takes no more documents, rather than die of it (heap-guard.ts).
    const heap = heapPast(options.heapShare);
    if (heap)
      throw new Error(
        `the server's heap holds ${heapText(heap)} (the embedded store keeps the whole graph in memory), so it takes no more documents; ` +
          `its operator can restart it with a larger heap (NODE_OPTIONS=--max-old-space-size=${largerHeapMb(heap)}) or move the store to Neo4j (unionties migrate)`,
      );
    const doc = await readDocumentBytes(upload.bytes, upload.name);
    report = await ingestRead(store, doc, codebook);
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    const name = basename(String(upload.name).replace(/\\/g, "/")) || "upload";
    return failedReport(name.replace(/\.[^.]+$/, ""), name, reasonOf(error));
  }
  const reviewPath = options.reviewFile === undefined ? DEFAULT_REVIEW_PATH : options.reviewFile;
  if (reviewPath && report.status !== "unchanged") await applyReviews(store, loadReviews(resolve(reviewPath)));
  options.onProgress?.(1, 1, report);
  return report;
}
