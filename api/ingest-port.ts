// The API's view of the ingest: `ingestBytes(store, {name, bytes}, options)`
// from ingest/index.ts, loaded on the first upload so that starting the API
// does not load the ingest (codebook, PDF reader). Tests may inject their own.
import type { ingestBytes } from "../ingest/index.js";

export type { DocumentReport } from "../ingest/index.js";

/** The ingest entry point for uploaded bytes. */
export type IngestBytes = typeof ingestBytes;

/** Loads ingest/index.ts's ingestBytes. */
export async function loadIngestBytes(): Promise<IngestBytes> {
  const mod = await import("../ingest/index.js");
  return mod.ingestBytes;
}
