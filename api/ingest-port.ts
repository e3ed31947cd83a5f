// The API's view of the ingest: `ingestBytes(store, {name, bytes}, options)`
// from ingest/index.ts, loaded lazily so the API starts (and its read routes
// work) even where the ingest module is absent. Tests inject their own.
import type { GraphStore } from "../graph/store.js";

/** What the ingest reports for one document. */
export interface DocumentReport {
  id: string;
  status: string;
  reason?: string;
  [extra: string]: unknown;
}

/** The ingest entry point for uploaded bytes. */
export type IngestBytes = (store: GraphStore, file: { name: string; bytes: Uint8Array }, options?: Record<string, unknown>) => Promise<DocumentReport>;

/** Loads ingest/index.ts's ingestBytes; throws when the ingest is not installed. */
export async function loadIngestBytes(): Promise<IngestBytes> {
  const specifier = "../ingest/index.js";
  const mod = (await import(/* @vite-ignore */ specifier)) as { ingestBytes?: IngestBytes };
  if (typeof mod.ingestBytes !== "function") throw new Error("ingest/index.ts does not export ingestBytes");
  return mod.ingestBytes;
}
