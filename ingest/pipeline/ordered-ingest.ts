// The ingest loop: files are prepared (read, extract, bundle) by worker
// threads ahead of the main thread, which commits them to the store strictly
// in file order, so the store ends up exactly as after a one-at-a-time run.
// At most `window` files are handed out beyond the one being committed, which
// bounds the finished bundles held in memory. A file no worker has started
// when its turn comes (the workers are still starting, or there are none) is
// prepared by the main thread itself.
import type { GraphStore } from "../../graph/store.js";
import type { Codebook } from "../codebook.js";
import type { DocumentReport } from "../report.js";
import { codebookTransfer } from "./codebook-transfer.js";
import { commitPrepared } from "./commit.js";
import { IngestWorkerPool, type PoolJob } from "./pool.js";
import { documentIdOf, prepareFile, type PreparedDocument } from "./prepare.js";

/** How the loop runs. */
export interface OrderedIngestOptions {
  codebook: Codebook;
  /** Worker threads; 0 prepares every file on the main thread. */
  workers: number;
  /** Files handed out beyond the one being committed (default twice the workers). */
  window?: number;
  signal?: AbortSignal;
  /** Called after each file is committed, in file order. */
  onDocument: (index: number, report: DocumentReport) => void;
  /** @internal tests only: the module the workers run. */
  workerEntry?: URL;
  /** @internal tests only: the main thread never prepares a file itself, it waits for the workers. */
  workersOnly?: boolean;
}

const ABORTED = Symbol("aborted");

/** The store's hash for the document a file will become, or null (unknown id, unreadable store: the commit reports those). */
async function storedHash(store: GraphStore, path: string): Promise<string | null> {
  const id = documentIdOf(path);
  if (id === null) return null;
  return store.documentHash(id).catch(() => null);
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then((value) => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    });
  });
}

/**
 * Ingests `files` in order. Stops before the next file once `signal` is
 * aborted (the workers are terminated either way before this returns).
 * @returns how many files worker threads prepared
 */
export async function ingestInOrder(store: GraphStore, files: string[], options: OrderedIngestOptions): Promise<number> {
  const { codebook, signal } = options;
  const pool = options.workers > 0
    ? new IngestWorkerPool({ size: options.workers, init: { codebook: codebookTransfer(codebook) }, entry: options.workerEntry })
    : null;
  const window = options.window ?? 2 * options.workers;
  const jobs = new Map<number, PoolJob>();
  const inProcess = async (path: string) => prepareFile(path, codebook, await storedHash(store, path));
  let next = 0;
  let byWorkers = 0;
  try {
    for (const [i, path] of files.entries()) {
      if (signal?.aborted) break;
      for (; pool && next < files.length && next <= i + window; next++)
        jobs.set(next, pool.submit({ path: files[next], knownSha: await storedHash(store, files[next]) }));
      const job = jobs.get(i);
      jobs.delete(i);
      const here = !job || (!options.workersOnly && job.cancel());
      const prepared: PreparedDocument | typeof ABORTED = here ? await inProcess(path) : await untilAborted(job.result, signal);
      if (prepared === ABORTED) break;
      if (!here) byWorkers++;
      let outcome = await commitPrepared(store, path, prepared);
      // prepared as unchanged, but an earlier file of this run wrote the same id since
      while (outcome === "stale") outcome = await commitPrepared(store, path, await inProcess(path));
      options.onDocument(i, outcome);
    }
  } finally {
    await pool?.close();
  }
  return byWorkers;
}
