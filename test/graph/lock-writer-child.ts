// A child process for memory-lock.test.ts: opens the embedded store in `dir`,
// prints "ready", waits for a line on stdin (so that two children start
// writing at the same moment), then, by `mode`:
//   bulk <prefix> <n>: writes n documents in one bulk() batch;
//   each <prefix> <n>: writes n documents one at a time;
//   hold <ms>: holds the folder's lock (an empty batch) for ms, printing "holding" once it has it.
// Prints "done" and closes the store at the end; a failed write exits with 1
// and its error on stderr. With LOG_MIN_RELATIONSHIPS set, it is the store's
// logMinRelationships; LINGER_MS delays the close.
import { createInterface } from "node:readline";
import { MemoryStore } from "../../graph/memory-store.js";
import { lockDocument } from "./lock-fixtures.js";

const [dir, mode, ...rest] = process.argv.slice(2);
// LOG_MIN_RELATIONSHIPS=0 sends every write to the change log (and close() compacts it).
const logMin = process.env.LOG_MIN_RELATIONSHIPS;
const store = new MemoryStore({ dir, logMinRelationships: logMin === undefined ? undefined : Number(logMin) });
await store.open();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();

if (mode === "hold") {
  await store.bulk(async () => {
    process.stdout.write("holding\n");
    await new Promise((resolve) => setTimeout(resolve, Number(rest[0])));
  });
} else {
  const [prefix, n] = [rest[0], Number(rest[1])];
  const writeAll = async () => {
    for (let i = 0; i < n; i++) await store.upsertDocument(lockDocument(prefix, i));
  };
  if (mode === "bulk") await store.bulk(writeAll);
  else await writeAll();
}
// LINGER_MS keeps the store open that long after the last write (another process writes on meanwhile).
await new Promise((resolve) => setTimeout(resolve, Number(process.env.LINGER_MS ?? 0)));
await store.close();
process.stdout.write("done\n");
