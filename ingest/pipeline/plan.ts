// How many worker threads an ingest uses. Starting a worker costs about
// 0.5-1 s of CPU (the TypeScript loader, the ingest modules, the codebook's
// matcher), so small jobs stay on the main thread; an explicit count is obeyed.
import { availableParallelism } from "node:os";

/** When the ingest starts workers by itself (numbers measured, see the README). */
export const PARALLEL_DEFAULTS = Object.freeze({
  /** At least this many files… */
  minFiles: 2,
  /** …and this many bytes in all. */
  minBytes: 4 * 1024 * 1024,
});

/**
 * The worker count for a job: 0 means prepare everything on the main thread.
 * @param requested IngestOptions.workers (undefined: decide; 1: in-process; n: n workers)
 * @param sizes the files' sizes in bytes
 * @throws RangeError when `requested` is not a positive integer
 */
export function planWorkers(requested: number | undefined, sizes: number[]): number {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1))
    throw new RangeError(`workers must be a positive integer, got ${String(requested)}`);
  if (sizes.length < 2 || requested === 1) return 0;
  if (requested !== undefined) return Math.min(requested, sizes.length);
  const bytes = sizes.reduce((n, s) => n + s, 0);
  if (sizes.length < PARALLEL_DEFAULTS.minFiles || bytes < PARALLEL_DEFAULTS.minBytes) return 0;
  return Math.min(availableParallelism(), sizes.length);
}
