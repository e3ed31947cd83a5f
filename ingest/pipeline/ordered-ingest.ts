// The ingest loop: files are prepared (read, extract, bundle) by worker
// threads ahead of the main thread, which commits them to the store strictly
// in file order, so the store ends up exactly as after a one-at-a-time run.
// At most `window` files are handed out beyond the one being committed (more
// when they are small, up to 2 MB of them: HAND_OUT), which bounds the
// finished bundles held in memory. The main thread never idles while there
// is work: a file no worker has started when its turn comes (the workers are
// still starting, or there are none) it prepares itself, and while it waits
// for a worker it prepares later files no worker has taken. A file's commit
// runs alongside the next file's preparation (the commit mostly waits for its
// text to be synced, a sync started when the file was prepared), still one
// commit at a time.
import type { ResourceLimits } from "node:worker_threads";
import type { GraphStore } from "../../graph/store.js";
import type { Codebook } from "../codebook.js";
import type { DocumentReport } from "../report.js";
import { codebookTransfer } from "./codebook-transfer.js";
import { heapPast, type HeapUse } from "./heap-guard.js";
import { commitPrepared } from "./commit.js";
import { cpuSample, freeCoresSince, keepEagerWorkers, workersWorthwhile, type CpuSample, type ThreadPlan } from "./plan.js";
import { IngestWorkerPool, type PoolJob } from "./pool.js";
import { documentIdOf, prepareFile, type PreparedDocument } from "./prepare.js";
import { workerBundle } from "./worker-bundle.js";

/** How the loop runs. */
export interface OrderedIngestOptions extends ThreadPlan {
  codebook: Codebook;
  /** The files' sizes in bytes (for the "when-worthwhile" start and the bytes left). */
  sizes: number[];
  /** Files handed out beyond the one being committed (default twice the threads, more when small: see handOutLimit). */
  window?: number;
  signal?: AbortSignal;
  /** Stop before the next file once the heap is past this share of its limit (default HEAP_SHARE; heap-guard.ts). */
  heapShare?: number;
  /** Called after each file is committed, in file order. */
  onDocument: (index: number, report: DocumentReport) => void;
  /** @internal tests only: the module the workers run. */
  workerEntry?: URL;
  /** @internal tests only: heap limits of the workers. */
  workerResourceLimits?: ResourceLimits;
  /** @internal tests only: the main thread never prepares a file itself, it waits for the workers. */
  workersOnly?: boolean;
  /** @internal tests only: reads the machine's idle time and this process's CPU time (default plan.ts's cpuSample). */
  cpuSampler?: () => CpuSample;
}

/** What the loop did. */
export interface OrderedIngestResult {
  /** Threads that prepared documents, the main thread included (1: no worker was started). */
  threads: number;
  /** Documents the worker threads prepared. */
  preparedInWorkers: number;
  /** Set when the loop stopped near the heap limit: the first file not written, and the heap then. */
  heapStop?: HeapUse & { index: number };
}

/** Where one handed-out file stands: with a worker, or prepared by the main thread ahead of its turn. */
interface Pending {
  job?: PoolJob;
  done: boolean;
  prepared?: PreparedDocument;
}

const ABORTED = Symbol("aborted");

/**
 * Bytes of files handed out ahead, and of files held by one worker: however
 * small the files, at least this much work waits ahead of the main thread and
 * in each worker. A worker's next task reaches it only when the main thread's
 * event loop has a turn, which it gets between a file's store write and the
 * next file's preparation (a few milliseconds each); with two 10 KB files per
 * worker and four handed out, a worker finished both well before that and
 * idled (measured on 1,018 news-sized files of 10 KB: worker idle 17 % of its
 * time, main thread 10 %). A 512 KB file is more than either on its own, so
 * large files are handed out as before: `window` of them, two per worker.
 */
export const HAND_OUT = Object.freeze({
  windowBytes: 2 * 1024 * 1024,
  depthBytes: 256 * 1024,
  /** Caps on both, in files (the main thread's bookkeeping per file handed out is small but not nothing). */
  maxWindow: 256,
  maxDepth: 32,
});

/**
 * The last file index handed out while file `i` is committed: `window` files
 * beyond it, and more while the files beyond it come to no more than
 * HAND_OUT.windowBytes (HAND_OUT.maxWindow files at most).
 */
export function handOutLimit(sizes: readonly number[], i: number, window: number): number {
  let last = i + window;
  let bytes = 0;
  for (let j = i + 1; j <= last && j < sizes.length; j++) bytes += sizes[j] ?? 0;
  while (last + 1 < sizes.length && last + 1 - i <= HAND_OUT.maxWindow && bytes + (sizes[last + 1] ?? 0) <= HAND_OUT.windowBytes) bytes += sizes[++last] ?? 0;
  return last;
}

/** Tasks a worker holds at once: two, or as many of the job's typical (median) file as make HAND_OUT.depthBytes, at most HAND_OUT.maxDepth. */
export function workerDepth(sizes: readonly number[]): number {
  if (sizes.length === 0) return 2;
  const sorted = [...sizes].sort((a, b) => a - b);
  const median = Math.max(1, sorted[sorted.length >> 1]);
  return Math.max(2, Math.min(HAND_OUT.maxDepth, Math.floor(HAND_OUT.depthBytes / median)));
}

/** Jobs of this many bytes or more build the workers' bundle at once (smaller ones seldom start workers). */
const PREBUILD_BYTES = 4 * 1024 * 1024;

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
    void promise.then((value) => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    });
  });
}

/**
 * Ingests `files` in order. Stops before the next file once `signal` is
 * aborted (the workers are terminated either way before this returns).
 */
export async function ingestInOrder(store: GraphStore, files: string[], options: OrderedIngestOptions): Promise<OrderedIngestResult> {
  const { codebook, signal, sizes } = options;
  const window = options.window ?? 2 * options.threads;
  const pending = new Map<number, Pending>();
  let pool: IngestWorkerPool | null = null;
  // A prepared file's text (by a worker or by this thread) starts to be saved at once (the store ignores a text it has or is saving), so
  // that its sync runs while earlier files are committed: each commit waits for its own text, and on
  // news-sized files the commits otherwise waited for each sync in turn.
  const stage = (prepared: PreparedDocument) => {
    if (prepared.kind === "bundle") store.stageText?.(prepared.bundle);
  };
  const inProcess = async (path: string) => {
    const known = await storedHash(store, path);
    // The workers' results and their next files pass through this thread's event loop: give it
    // a turn before reading and extracting a file without a pause (a small file is read
    // synchronously), or prepareAhead never sees the file it waits for done and takes the
    // workers' files too (measured: the workers prepared 42 of 100 files instead of ~60).
    if (pool) await new Promise<void>((resolve) => setImmediate(resolve));
    const prepared = await prepareFile(path, codebook, known);
    stage(prepared);
    return prepared;
  };
  let decided = options.threads <= 1 || options.start === "now";
  // workers started at once ("eager") that the first sample has not confirmed yet; false once confirmed or stopped
  let onTrial = false;
  // whether files are still handed to the workers (an eager start the sample did not confirm stops it)
  let handing = true;
  const startPool = async () => {
    // The workers' bundle is built by esbuild, which calls back into this thread for each module:
    // built while this thread extracts files without a pause, it took seconds (one module per file).
    if (!options.workerEntry) await workerBundle();
    pool = new IngestWorkerPool({
      size: options.threads - 1,
      depth: workerDepth(sizes),
      init: { codebook: codebookTransfer(codebook) },
      entry: options.workerEntry,
      resourceLimits: options.workerResourceLimits,
    });
    decided = true;
  };
  if (options.threads > 1 && (options.start === "now" || options.start === "eager")) {
    await startPool();
    onTrial = options.start === "eager";
  }
  // a job big enough for workers has their bundle built while the main thread starts alone
  else if (options.threads > 1 && !options.workerEntry && sizes.reduce((n, s) => n + s, 0) >= PREBUILD_BYTES) void workerBundle();
  const sample = options.cpuSampler ?? cpuSample;
  const sampleAtStart = sample();
  let doneBytes = 0;
  let leftBytes = sizes.reduce((n, s) => n + s, 0);
  let next = 0;
  let preparedInWorkers = 0;

  const handOut = async (upTo: number) => {
    for (; pool && handing && next < files.length && next <= upTo; next++) {
      const entry: Pending = { done: false };
      entry.job = pool.submit({ path: files[next], knownSha: await storedHash(store, files[next]) });
      void entry.job.result.then((prepared) => {
        entry.done = true;
        stage(prepared);
      });
      pending.set(next, entry);
    }
  };
  // While file i is with a worker, the main thread prepares later files no worker has taken.
  const prepareAhead = async (i: number, current: Pending) => {
    for (let j = i + 1; j < next && !current.done && !signal?.aborted; j++) {
      const entry = pending.get(j);
      if (!entry?.job?.cancel()) continue;
      entry.job = undefined;
      entry.prepared = await inProcess(files[j]);
    }
  };

  const commit = async (i: number, path: string, prepared: PreparedDocument) => {
    let outcome = await commitPrepared(store, path, prepared);
    // prepared as unchanged, but an earlier file of this run wrote the same id since
    while (outcome === "stale") outcome = await commitPrepared(store, path, await inProcess(path));
    options.onDocument(i, outcome);
    doneBytes += sizes[i] ?? 0;
    leftBytes -= sizes[i] ?? 0;
  };
  let committing: Promise<void> = Promise.resolve();
  let heapStop: OrderedIngestResult["heapStop"];

  try {
    for (const [i, path] of files.entries()) {
      if (signal?.aborted) break;
      const heap = heapPast(options.heapShare);
      if (heap) {
        heapStop = { ...heap, index: i };
        break;
      }
      if (onTrial) {
        const now = sample();
        const keep = keepEagerWorkers(now.ownMs - sampleAtStart.ownMs, freeCoresSince(sampleAtStart, now));
        if (keep !== "not yet") onTrial = false;
        if (keep === false) {
          // other work holds a core: no more files for the workers; those not yet started come back to this thread
          handing = false;
          for (const entry of pending.values()) if (entry.job?.cancel()) entry.job = undefined;
        }
      }
      if (!decided) {
        const now = sample();
        const worthwhile = workersWorthwhile(doneBytes, now.ownMs - sampleAtStart.ownMs, leftBytes, freeCoresSince(sampleAtStart, now));
        if (worthwhile === true && files.length - i >= 2) await startPool();
        else if (worthwhile === false) decided = true;
      }
      next = Math.max(next, i);
      await handOut(handOutLimit(sizes, i, window));
      const entry = pending.get(i);
      pending.delete(i);
      let prepared: PreparedDocument | typeof ABORTED;
      if (entry?.prepared) prepared = entry.prepared;
      else if (!entry?.job || (!options.workersOnly && entry.job.cancel())) prepared = await inProcess(path);
      else {
        if (!options.workersOnly) await prepareAhead(i, entry);
        prepared = await untilAborted(entry.job.result, signal);
        if (prepared === ABORTED) break;
        preparedInWorkers++;
      }
      // The previous file's commit has run alongside this file's preparation (its text's sync
      // leaves the thread free); commits stay one at a time, in file order.
      await committing;
      if (signal?.aborted) break;
      committing = commit(i, path, prepared);
      // its failure is awaited (and thrown) before the next commit or at the end
      committing.catch(() => undefined);
    }
    await committing;
  } finally {
    await committing.catch(() => undefined);
    await (pool as IngestWorkerPool | null)?.close();
  }
  return { threads: pool && (handing || preparedInWorkers > 0) ? options.threads : 1, preparedInWorkers, heapStop };
}
