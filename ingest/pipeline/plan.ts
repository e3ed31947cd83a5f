// How many threads an ingest prepares documents on: the calling thread, plus
// worker threads for a big enough job. Starting a worker costs ~0.5 s of CPU
// and ~0.6 s before its first document (the TypeScript loader and the ingest
// modules, measured), so small jobs stay on the calling thread; an explicit
// count is obeyed.
import { availableParallelism } from "node:os";

/** When the ingest starts workers by itself (numbers measured, see the README). */
export const PARALLEL_DEFAULTS = Object.freeze({
  /** At least this many files… */
  minFiles: 2,
  /** …and this many bytes in all. */
  minBytes: 4 * 1024 * 1024,
});

/**
 * The number of threads that prepare documents, the calling thread included
 * (1: no worker threads; n: n - 1 worker threads).
 * @param requested IngestOptions.workers (undefined: decide)
 * @param sizes the files' sizes in bytes
 * @throws RangeError when `requested` is not a positive integer
 */
export function planWorkers(requested: number | undefined, sizes: number[]): number {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1))
    throw new RangeError(`workers must be a positive integer, got ${String(requested)}`);
  if (sizes.length < 2 || requested === 1) return 1;
  if (requested !== undefined) return Math.min(requested, sizes.length);
  const bytes = sizes.reduce((n, s) => n + s, 0);
  if (sizes.length < PARALLEL_DEFAULTS.minFiles || bytes < PARALLEL_DEFAULTS.minBytes) return 1;
  return Math.min(availableParallelism(), sizes.length);
}
