// A child process for memory-change-log-crash.test.ts: opens the embedded
// store in `dir` with every write going through the change log, writes the
// given documents one at a time (no batch) and prints "ready" once the store
// is open, then "ack <file>" after each write has returned, so the parent
// knows which writes were promised.
import { MemoryStore } from "../../graph/memory-store.js";
import { ingestPaths } from "../../ingest/ingest.js";

const [dir, ...files] = process.argv.slice(2);
const store = new MemoryStore({ dir, logMinRelationships: 0 });
await store.open();
process.stdout.write("ready\n");
for (const file of files) {
  const report = await ingestPaths(store, [file], { reviewFile: null, workers: 1 });
  if (report.failed) throw new Error(`${file} failed`);
  process.stdout.write(`ack ${file}\n`);
}
await store.close();
