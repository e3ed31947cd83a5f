// Global test setup: provides a real Neo4j to the *.int.test.ts suites.
// NEO4J_URI when set; else a local server started with scripts/neo4j (when
// java, javac and mvn exist), stopped again at teardown; else the Neo4j suites
// skip with a visible notice, except with REQUIRE_NEO4J=1 (CI), where a
// missing Neo4j fails the run. The server version is logged. A run that
// selects no *.int.test.ts file starts nothing. Each run gets its own server
// folder (several people may run tests in one checkout at once).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import neo4j from "neo4j-driver";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Bolt URI of the Neo4j the int suites use, or "" when none. */
    neo4jUri: string;
    /** Why the Neo4j suites skip ("" when they run). */
    neo4jSkipReason: string;
    /** True when Neo4j is required (REQUIRE_NEO4J=1): suites fail instead of skipping. */
    neo4jRequired: boolean;
    /** Folder for cross-file locks on the shared server. */
    neo4jLockDir: string;
  }
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = join(ROOT, "scripts/neo4j");

function has(tool: string): boolean {
  try {
    execFileSync("bash", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function serverVersion(uri: string, env: NodeJS.ProcessEnv): Promise<string> {
  const auth = env.NEO4J_PASSWORD ? neo4j.auth.basic(env.NEO4J_USER ?? "neo4j", env.NEO4J_PASSWORD) : undefined;
  const driver = neo4j.driver(uri, auth, { connectionTimeout: 10_000 });
  try {
    const res = await driver.executeQuery("CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition AS e");
    return `${res.records[0].get("v")} ${res.records[0].get("e")}`;
  } finally {
    await driver.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const required = process.env.REQUIRE_NEO4J === "1";
  const lockDir = mkdtempSync(join(tmpdir(), "unionties-neo4j-lock-"));
  let uri = process.env.NEO4J_URI ?? "";
  let skip = "";
  let started: { dir: string } | null = null;
  const localDir = mkdtempSync(join(tmpdir(), "unionties-neo4j-run-"));
  // The CLI's file filters (vitest keeps them as filenamePattern; internal, hence the fallback).
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? project.vitest.config.filters;
  const selected = (await project.globTestFiles(filters)).testFiles;
  const needed = selected.some((f) => f.endsWith(".int.test.ts"));
  if (!uri) {
    if (!needed) skip = "no *.int.test.ts file selected";
    else if (process.env.UNIONTIES_SKIP_NEO4J === "1") skip = "UNIONTIES_SKIP_NEO4J=1";
    else if (!has("java") || !has("javac") || !has("mvn")) skip = "java, javac or mvn not found and NEO4J_URI not set";
    else {
      try {
        const out = execFileSync("bash", [SCRIPT, "start"], {
          env: { ...process.env, NEO4J_LOCAL_DIR: localDir },
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
          timeout: 900_000,
        });
        uri = out.trim().split("\n").pop() ?? "";
        started = { dir: localDir };
      } catch (error) {
        skip = `scripts/neo4j start failed: ${(error as Error).message.split("\n")[0]}`;
      }
    }
  }
  if (uri) {
    try {
      console.log(`[neo4j] ${uri}: Neo4j ${await serverVersion(uri, process.env)}${started ? " (local, scripts/neo4j)" : ""}`);
    } catch (error) {
      skip = `Neo4j at ${uri} does not answer: ${(error as Error).message}`;
      uri = "";
    }
  }
  if (skip && needed) {
    const notice = `[neo4j] NEO4J SUITES ${required ? "FAIL" : "SKIPPED"}: ${skip}`;
    console.warn(`\n${"=".repeat(notice.length)}\n${notice}\n${"=".repeat(notice.length)}\n`);
    if (required) throw new Error(`REQUIRE_NEO4J=1 but no Neo4j: ${skip}`);
  }
  project.provide("neo4jUri", uri);
  project.provide("neo4jSkipReason", skip);
  project.provide("neo4jRequired", required);
  project.provide("neo4jLockDir", lockDir);
  return async () => {
    if (started) execFileSync("bash", [SCRIPT, "stop"], { env: { ...process.env, NEO4J_LOCAL_DIR: started.dir }, stdio: "inherit" });
    rmSync(localDir, { recursive: true, force: true });
    rmSync(lockDir, { recursive: true, force: true });
  };
}
