// Faults against a real Neo4j (RELIABILITY B2, B3): the server killed under
// the store, a failure in the middle of a document write, the driver's retry
// classification, and a COMMIT whose answer is lost. Runs on a private server
// of its own (scripts/neo4j in a temp folder), which it kills and restarts.
// Neo4j killed during an ingest (B2.2) is neo4j-crash-ingest.int.test.ts.
import neo4j, { Neo4jError } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { QueryTimeoutError, StoreUnavailableError } from "../../graph/errors.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { Neo4jStore } from "../../graph/neo4j-store.js";
import { translateError } from "../../graph/neo4j/errors.js";
import type { DocumentBundle } from "../../graph/types.js";
import { PrivateNeo4j, canStartLocalNeo4j, skipNeo4j } from "../setup/neo4j.js";
import { BoltCommitDropProxy } from "./bolt-proxy.js";
import { bundleA, bundleAShort, bundleB, bundleC } from "./store-fixtures.js";

const skip = skipNeo4j() || !(await canStartLocalNeo4j());
const server = new PrivateNeo4j();
let uri = "";

async function golden(bundles: DocumentBundle[]): Promise<string> {
  const memory = new MemoryStore();
  for (const b of bundles) await memory.upsertDocument(b);
  return graphFingerprint(await memory.exportGraph());
}

async function withStore<T>(options: Partial<ConstructorParameters<typeof Neo4jStore>[0]>, work: (s: Neo4jStore) => Promise<T>): Promise<T> {
  const store = new Neo4jStore({ uri, maxRetryTimeMs: 3000, connectionTimeoutMs: 3000, ...options });
  await store.open();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  if (!skip) uri = await server.start();
}, 600_000);
afterAll(async () => {
  if (!skip) await server.stop();
}, 120_000);

describe.skipIf(skip)("neo4j faults", () => {
  it("fails calls with StoreUnavailableError naming the store while Neo4j is down, and answers again after restart", async () => {
    await withStore({}, async (store) => {
      await store.clear();
      await store.upsertDocument(bundleA());
      await server.kill();
      const started = Date.now();
      const error = await store.search({ q: "rengo" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).message).toContain(uri);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(await store.health()).toMatchObject({ store: "neo4j", ok: false });
      await server.start();
      expect((await store.search({ q: "rengo" })).items[0].id).toBe("rengo");
      expect(await store.health()).toMatchObject({ ok: true });
    });
  }, 300_000);

  it("writes nothing of a document whose write fails half way, and keeps the old version intact", async () => {
    let armed = true;
    const hooks = {
      afterStep: (step: string) => {
        if (armed && step.startsWith("relationships:")) throw new Error("fault injected after the first batch of relationships");
      },
    };
    await withStore({ hooks }, async (store) => {
      armed = false;
      await store.clear();
      await store.upsertDocument(bundleA());
      const before = graphFingerprint(await store.exportGraph());
      armed = true;
      await expect(store.upsertDocument(bundleB())).rejects.toThrow(/fault injected/);
      await expect(store.upsertDocument(bundleAShort())).rejects.toThrow(/fault injected/);
      expect(graphFingerprint(await store.exportGraph())).toBe(before);
      expect(await store.documentHash("doc-b")).toBeNull();
      expect(await store.documentHash("doc-a")).toBe(bundleA().document.attributes.sha256);
    });
  }, 120_000);

  it("re-runs a unit of work after a transient error or a lost connection, but not after a syntax error", async () => {
    await withStore({}, async (store) => {
      const runs: Record<string, number> = {};
      for (const code of ["Neo.TransientError.Transaction.DeadlockDetected", "ServiceUnavailable", "Neo.ClientError.Statement.SyntaxError"]) {
        runs[code] = 0;
        const session = store.driver.session();
        await session
          .executeWrite(async (tx) => {
            runs[code]++;
            if (runs[code] === 1) throw new Neo4jError("injected", code, "", "");
            await tx.run("RETURN 1");
          })
          .catch(() => undefined)
          .finally(() => session.close());
      }
      expect(runs).toEqual({
        "Neo.TransientError.Transaction.DeadlockDetected": 2,
        ServiceUnavailable: 2,
        "Neo.ClientError.Statement.SyntaxError": 1,
      });
    });
  }, 60_000);

  it("maps a read past its transaction time budget to QueryTimeoutError", async () => {
    await withStore({}, async (store) => {
      const session = store.driver.session({ defaultAccessMode: neo4j.session.READ });
      const error = await session
        .executeRead((tx) => tx.run("UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(x)"), { timeout: 500 })
        .catch((e: unknown) => e)
        .finally(() => session.close());
      expect(translateError(error, store.name)).toBeInstanceOf(QueryTimeoutError);
    });
  }, 60_000);

  it("writes no duplicates when the answer to a COMMIT is lost and the driver retries", async () => {
    const port = Number(new URL(uri.replace("bolt:", "http:")).port);
    const proxy = new BoltCommitDropProxy({ host: "127.0.0.1", port });
    const proxyUri = await proxy.start();
    const attempts: string[] = [];
    const bundles = [bundleA(), bundleB(), bundleC()];
    try {
      const store = new Neo4jStore({ uri: proxyUri, maxRetryTimeMs: 10_000, hooks: { onWriteAttempt: (u) => attempts.push(u) } });
      await store.open();
      try {
        await store.clear();
        attempts.length = 0;
        const statuses: string[] = [];
        for (const b of bundles) {
          proxy.arm();
          statuses.push((await store.upsertDocument(b)).status);
        }
        expect(proxy.dropped).toBe(3);
        // Each unit ran again after its lost COMMIT and found its document already written.
        expect(attempts.filter((u) => u === "upsertDocument")).toHaveLength(6);
        expect(statuses).toEqual(["unchanged", "unchanged", "unchanged"]);
        expect(graphFingerprint(await store.exportGraph())).toBe(await golden(bundles));
        const dupes = await store.driver.executeQuery("MATCH (n:Node) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS d");
        expect(dupes.records[0].get("d")).toEqual(0);
      } finally {
        await store.close();
      }
    } finally {
      await proxy.stop();
    }
  }, 120_000);
});
