// Chooses and opens a GraphStore: the embedded store by default, Neo4j when
// asked (--store neo4j) or configured (NEO4J_URI). A Neo4j that does not
// answer yet does not stop the caller: the store connects on first use and
// health() reports it unreachable meanwhile.
import { StoreUnavailableError } from "./errors.js";
import { MemoryStore } from "./memory-store.js";
import type { GraphStore } from "./store.js";

export interface StoreChoice {
  kind: "memory" | "neo4j";
  /** Folder of the embedded store. */
  dataDir: string;
  /** NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE (and UNIONTIES_CHECKPOINT_SECONDS, UNIONTIES_LOCK_WAIT_SECONDS for the embedded store) are read from here. */
  env: Record<string, string | undefined>;
}

/** "neo4j" when asked by flag, or by NEO4J_URI when no flag is given; else "memory". */
export function chooseStoreKind(flag: string | undefined, env: Record<string, string | undefined>): "memory" | "neo4j" {
  return flag === "neo4j" || (flag === undefined && !!env.NEO4J_URI) ? "neo4j" : "memory";
}

/**
 * Opens the chosen store; the caller closes it. For Neo4j, an unreachable
 * server is not an error here (calls fail with StoreUnavailableError until it
 * answers); a missing NEO4J_URI or a bad URI is (InvalidDataError).
 */
export async function openStore(choice: StoreChoice): Promise<GraphStore> {
  if (choice.kind === "neo4j") {
    const { Neo4jStore } = await import("./neo4j-store.js");
    const store = Neo4jStore.fromEnv(choice.env);
    await store.open().catch((error: unknown) => {
      if (!(error instanceof StoreUnavailableError)) throw error;
    });
    return store;
  }
  const store = new MemoryStore({
    dir: choice.dataDir,
    checkpointMs: secondsAsMs(choice.env.UNIONTIES_CHECKPOINT_SECONDS, false),
    lockTimeoutMs: secondsAsMs(choice.env.UNIONTIES_LOCK_WAIT_SECONDS, true),
  });
  await store.open();
  return store;
}

/** An environment value in seconds as milliseconds; undefined (the store's default) when unset, not a number, negative, or zero unless `zero` allows it. */
function secondsAsMs(value: string | undefined, zero: boolean): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && (seconds > 0 || (zero && seconds === 0)) ? seconds * 1000 : undefined;
}
