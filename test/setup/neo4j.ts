// What the *.int.test.ts suites use to reach the Neo4j the global setup
// provides: whether to run, a store on a database nobody else writes at the
// same time (a cross-file lock), and a private server for the fault tests.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import lockfile from "proper-lockfile";
import { inject } from "vitest";
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
