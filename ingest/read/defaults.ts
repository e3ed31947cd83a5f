// Limits for reading documents: size caps checked before any parsing, and the
// sandbox budget (time, memory) of the PDF worker.

/** Options of readDocument / readDocumentBytes; every field falls back to READ_DEFAULTS. */
export interface ReadOptions {
  /** Largest txt/md/html file accepted, in bytes (default 8 MiB). */
  maxTextBytes?: number;
  /** Largest PDF accepted, in bytes (default 50 MiB). */
  maxPdfBytes?: number;
  /** Wall-clock limit for parsing one PDF, in ms; the worker is terminated after it (default 30 000). */
  pdfTimeoutMs?: number;
  /** Old-generation heap limit of the PDF worker, in MB (default 256). */
  pdfMemoryMb?: number;
}

/** The default limits (RELIABILITY B7.2, B7.3). */
export const READ_DEFAULTS: Readonly<Required<ReadOptions>> = Object.freeze({
  maxTextBytes: 8 * 1024 * 1024,
  maxPdfBytes: 50 * 1024 * 1024,
  pdfTimeoutMs: 30_000,
  pdfMemoryMb: 256,
});

/**
 * Fills missing options from READ_DEFAULTS and checks the given ones.
 * @throws RangeError when a limit is not a positive finite number
 */
export function resolveReadOptions(options: ReadOptions = {}): Required<ReadOptions> {
  const resolved = { ...READ_DEFAULTS, ...stripUndefined(options) };
  for (const [key, value] of Object.entries(resolved)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`read options: ${key} must be a positive number, got ${String(value)}`);
    }
  }
  return resolved;
}

function stripUndefined(o: ReadOptions): ReadOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as ReadOptions;
}
