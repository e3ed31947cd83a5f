// Helpers for the worker-pipeline tests: a small generated corpus in a temp
// folder, and an ingest into a fresh memory store with its fingerprint.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import type { Codebook } from "../../ingest/codebook.js";
import { ingestPathsWithHooks, type IngestOptions, type IngestTestHooks, type PathsReport } from "../../ingest/ingest.js";
import { generateDocument } from "../../bench/lib/corpus.js";
import { seededRandom } from "../../bench/lib/random.js";

/** Writes `count` generated documents of about `bytes` each into a new temp folder; returns the folder. */
export function generatedCorpus(codebook: Codebook, count: number, bytes: number, seed = 8): string {
  const dir = mkdtempSync(join(tmpdir(), "unionties-pipeline-"));
  const random = seededRandom(seed);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `doc-${i}.txt`), generateDocument(random, codebook, bytes));
  return dir;
}

/** An ingest into a fresh memory store: its report and the store's canonical fingerprint. */
export async function ingestFresh(
  paths: string[],
  options: IngestOptions,
  hooks: IngestTestHooks = {},
): Promise<{ report: PathsReport; fingerprint: string; store: MemoryStore }> {
  const store = new MemoryStore();
  await store.open();
  const report = await ingestPathsWithHooks(store, paths, options, hooks);
  return { report, fingerprint: graphFingerprint(await store.exportGraph()), store };
}
