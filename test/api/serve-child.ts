// A real API server in its own process, for tests that measure the server
// alone (its RSS, its latency under attack) over real sockets: a persisted
// memory store in the folder given as the first argument, the test API keys,
// the production limits and timeouts of buildApp, and the real ingest. The
// second argument "no-rate-limit" switches the per-client rate limit off (a
// load generator on one loopback address would otherwise get only 429s).
// Prints "listening <port>" on stdout; SIGTERM closes it gracefully.
import { startServer } from "../../api/server.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { KEYS } from "./helpers.js";

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: serve-child.ts <data-dir> [no-rate-limit]");
const store = new MemoryStore({ dir: dataDir });
await store.open();
const server = await startServer({
  store,
  dataDir,
  port: 0,
  host: "127.0.0.1",
  auth: { keys: KEYS },
  env: {},
  rateLimit: mode === "no-rate-limit" ? false : {},
  graceMs: 5_000,
});
process.stdout.write(`listening ${server.port}\n`);
