// Chooses and opens a GraphStore: the embedded store by default, Neo4j when
// asked (--store neo4j) or configured (NEO4J_URI).
import { MemoryStore } from "./memory-store.js";
import type { GraphStore } from "./store.js";

export interface StoreChoice {
  kind: "memory" | "neo4j";
  /** Folder of the embedded store. */
  dataDir: string;
  /** NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE are read from here. */
  env: Record<string, string | undefined>;
}

/** Opens the chosen store; the caller closes it. */
export async function openStore(choice: StoreChoice): Promise<GraphStore> {
  if (choice.kind === "neo4j") {
    const { Neo4jStore } = await import("./neo4j-store.js");
    const store = Neo4jStore.fromEnv(choice.env);
    await store.open();
    return store;
  }
  const store = new MemoryStore({ dir: choice.dataDir });
  await store.open();
  return store;
}
