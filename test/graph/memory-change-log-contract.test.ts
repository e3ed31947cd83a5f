// The store contract on the embedded store with every write going through
// the change log (graph.log) and every read answered by a second store on
// the same folder, which knows the writes only by replaying that log. Any
// change a write makes that its log record misses shows up as a contract
// answer that differs from the writer's.
import { MemoryStore } from "../../graph/memory-store.js";
import type { GraphStore } from "../../graph/store.js";
import { describeStoreContract } from "./store-contract.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-log-contract-");
const WRITES = new Set<PropertyKey>(["upsertDocument", "removeDocument", "reviewRelationship", "importGraph", "clear", "bulk"]);

describeStoreContract("memory, writes replayed from the change log by a second store", async () => {
  const dir = tempDir();
  const writer = new MemoryStore({ dir, logMinRelationships: 0 });
  const reader = new MemoryStore({ dir, logMinRelationships: 0 });
  await writer.open();
  await reader.open();
  return new Proxy(reader, {
    get(_target, prop) {
      if (prop === "close") return async () => void (await Promise.all([writer.close(), reader.close()]));
      const source = WRITES.has(prop) ? writer : reader;
      const value = Reflect.get(source, prop, source) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(source) : value;
    },
  }) as GraphStore;
});
