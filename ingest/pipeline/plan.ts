// How many threads an ingest prepares documents on, and when its worker
// threads are worth starting. A worker costs a fixed ~2 s of CPU before it
// runs at full speed (measured: ~0.5 s to start the TypeScript loader and the
// ingest modules, then ~1.5 s of optimising compiler and heap growth on V8's
// background threads in its fresh isolate), so the main thread starts alone
// and measures its own pace; workers start only when the files left would
// keep it busy for longer than that cost can pay back. An explicit count is
// obeyed from the start.
import { availableParallelism } from "node:os";

/** When the ingest starts worker threads by itself. */
export const PARALLEL_DEFAULTS = Object.freeze({
  /** Fewer files than this stay on the calling thread. */
  minFiles: 2,
  /** The main thread's own work (ms) before its pace is trusted. */
  sampleMs: 250,
  /**
   * Start workers when the files left would take the main thread this long
   * (ms) on its own: with a ~2 s cost per worker, two threads then finish the
   * rest in about (3 + 2) / 2 = 2.5 s instead of 3 s, and the larger the job,
   * the nearer the gain comes to twofold.
   */
  worthwhileMs: 3000,
});

/** How many threads may prepare documents and when the worker threads start. */
export interface ThreadPlan {
  /** Threads preparing documents, the calling thread included (1: no worker threads). */
  threads: number;
  /** "now", or "when-worthwhile" (after the main thread's pace shows the job is big enough). */
  start: "now" | "when-worthwhile";
}

/**
 * The plan for a job of `files` files.
 * @param requested IngestOptions.workers (undefined: one thread per core, started when worthwhile)
 * @throws RangeError when `requested` is not a positive integer
 */
export function planThreads(requested: number | undefined, files: number): ThreadPlan {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1))
    throw new RangeError(`workers must be a positive integer, got ${String(requested)}`);
  if (requested !== undefined) return { threads: Math.max(1, Math.min(requested, files)), start: "now" };
  if (files < PARALLEL_DEFAULTS.minFiles) return { threads: 1, start: "now" };
  return { threads: Math.min(availableParallelism(), files), start: "when-worthwhile" };
}

/**
 * Whether the files left are worth starting workers for, at the pace the
 * main thread has shown so far.
 * @param doneBytes bytes of the files the main thread prepared and wrote
 * @param elapsedMs the time it took
 * @param leftBytes bytes of the files not started
 */
export function workersWorthwhile(doneBytes: number, elapsedMs: number, leftBytes: number): boolean | "not yet" {
  if (elapsedMs < PARALLEL_DEFAULTS.sampleMs || doneBytes <= 0) return "not yet";
  return (leftBytes * elapsedMs) / doneBytes >= PARALLEL_DEFAULTS.worthwhileMs;
}
