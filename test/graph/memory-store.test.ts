// The store contract on the embedded store (graphology in memory, no files).
import { MemoryStore } from "../../graph/memory-store.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract("memory", async () => {
  const store = new MemoryStore();
  await store.open();
  return store;
});
