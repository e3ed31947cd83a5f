// What the *.int.test.ts suites use to reach the Neo4j the global setup
// provides: whether to run, a store on a database nobody else writes at the
// same time (a cross-file lock, or the whole lifecycle in useSharedNeo4j),
// and a private server for the fault tests.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import lockfile from "proper-lockfile";
import { afterAll, beforeAll, inject } from "vitest";
import { Neo4jStore, type Neo4jStoreOptions } from "../../graph/neo4j-store.js";

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The provided Bolt URI, or "" (then the suite skips, or fails when REQUIRE_NEO4J=1). */
export function neo4jUri(): string {
  const uri = inject("neo4jUri");
  if (!uri && inject("neo4jRequired")) throw new Error(`REQUIRE_NEO4J=1 but no Neo4j: ${inject("neo4jSkipReason")}`);
  return uri;
}

/** True when the Neo4j suites must skip (the global setup printed why). */
export function skipNeo4j(): boolean {
  return neo4jUri() === "";
}

/**
 * Takes the lock on the shared server for the calling test file (released by
 * the returned function), so two files never clear each other's data.
 */
export async function lockSharedNeo4j(): Promise<() => Promise<void>> {
  const file = join(inject("neo4jLockDir"), "shared.lock");
  writeFileSync(file, "", { flag: "a" });
  return lockfile.lock(file, { retries: { retries: 3600, minTimeout: 500, maxTimeout: 1000 }, stale: 60_000 });
}

/** A store on the shared server with credentials from the environment. */
export function sharedStore(extra: Partial<Neo4jStoreOptions> = {}): Neo4jStore {
  return Neo4jStore.fromEnv({ ...process.env, NEO4J_URI: neo4jUri() }, extra);
}

/**
 * The lifecycle of a test file on the shared server, registered as hooks:
 * beforeAll takes the cross-file lock (waiting up to 30 min for it), opens a
 * store and clears the database; afterAll clears, closes and unlocks (after
 * the file's own afterAll hooks, which run in reverse order). Returns the
 * store as a handle: usable from the first hook the file registers after this
 * call; using it earlier throws. Does nothing when the Neo4j suites skip.
 */
export function useSharedNeo4j(): Neo4jStore {
  let current: Neo4jStore | null = null;
  let unlock: (() => Promise<void>) | null = null;
  const skip = skipNeo4j();
  beforeAll(async () => {
    if (skip) return;
    unlock = await lockSharedNeo4j();
    const store = sharedStore();
    await store.open();
    await store.clear();
    current = store;
  }, 1_800_000);
  afterAll(async () => {
    const store = current;
    current = null;
    try {
      if (store) await store.clear().finally(() => store.close());
    } finally {
      await unlock?.();
    }
  }, 120_000);
  return new Proxy({} as Neo4jStore, {
    get(_target, prop) {
      if (prop === "then") return undefined; // not a promise: `return store` from an async function must not probe it
      if (!current) throw new Error(`useSharedNeo4j: store.${String(prop)} used outside the file's tests and hooks`);
      const value: unknown = Reflect.get(current, prop, current);
      return typeof value === "function" ? value.bind(current) : value;
    },
    getPrototypeOf: () => Neo4jStore.prototype,
  });
}

/** A private local server (its own folder and port) that a test may stop, kill and restart. */
export class PrivateNeo4j {
  readonly dir = mkdtempSync(join(tmpdir(), "unionties-neo4j-private-"));
  uri = "";

  private async script(command: string): Promise<string> {
    const { stdout } = await run("bash", [join(ROOT, "scripts/neo4j"), command], {
      env: { ...process.env, NEO4J_LOCAL_DIR: this.dir, NEO4J_HEAP: "384m", NEO4J_PAGECACHE: "64m" },
      timeout: 600_000,
    });
    return stdout.trim();
  }

  /** Starts (or restarts on the same port) and returns the Bolt URI. */
  async start(): Promise<string> {
    this.uri = (await this.script("start")).split("\n").pop() ?? "";
    return this.uri;
  }
  async stop(): Promise<void> {
    await this.script("stop");
  }
  async kill(): Promise<void> {
    await this.script("kill");
  }
}

/** Whether this machine can start a private server (java, javac and mvn present). */
export async function canStartLocalNeo4j(): Promise<boolean> {
  try {
    await run("bash", ["-c", "command -v java && command -v javac && command -v mvn"]);
    return true;
  } catch {
    return false;
  }
}
