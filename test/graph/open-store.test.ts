// Choosing and opening a store: memory by default, Neo4j by flag or
// NEO4J_URI; an unreachable Neo4j opens anyway, reports itself unreachable
// and fails calls with StoreUnavailableError naming the store.
import { mkdtempSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseStoreKind, openStore } from "../../graph/open-store.js";

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe("openStore", () => {
  it("chooses Neo4j by flag or by NEO4J_URI, and memory otherwise", () => {
    expect(chooseStoreKind(undefined, {})).toBe("memory");
    expect(chooseStoreKind(undefined, { NEO4J_URI: "bolt://127.0.0.1:7687" })).toBe("neo4j");
    expect(chooseStoreKind("memory", { NEO4J_URI: "bolt://127.0.0.1:7687" })).toBe("memory");
    expect(chooseStoreKind("neo4j", {})).toBe("neo4j");
  });

  it("waits for another writer's lock as long as UNIONTIES_LOCK_WAIT_SECONDS says, then fails naming the store unavailable", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "unionties-open-"));
    const holder = await openStore({ kind: "memory", dataDir, env: {} });
    const waiting = await openStore({ kind: "memory", dataDir, env: { UNIONTIES_LOCK_WAIT_SECONDS: "0.3" } });
    await holder.bulk!(async () => {
      const started = performance.now();
      await expect(waiting.removeDocument("none")).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(290);
      expect(waited).toBeLessThan(5000); // not the 10 s default
    });
    await holder.close();
    await waiting.close();
  });

  it("opens the embedded store and reports it healthy", async () => {
    const store = await openStore({ kind: "memory", dataDir: mkdtempSync(join(tmpdir(), "unionties-open-")), env: {} });
    expect(await store.health()).toMatchObject({ store: "memory", ok: true });
    await store.close();
  });

  it("opens an unreachable Neo4j, reports it unreachable and fails calls with a 503 error naming it", async () => {
    const uri = `bolt://127.0.0.1:${await closedPort()}`;
    const store = await openStore({ kind: "neo4j", dataDir: "unused", env: { NEO4J_URI: uri } });
    try {
      const health = await store.health();
      expect(health).toMatchObject({ store: "neo4j", ok: false });
      expect(health.detail).toContain(uri);
      const error = await store.search({ q: "x" }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "STORE_UNAVAILABLE", statusCode: 503 });
      expect((error as Error).message).toContain(uri);
    } finally {
      await store.close();
    }
  }, 60_000);

  it("refuses a Neo4j choice without NEO4J_URI", async () => {
    await expect(openStore({ kind: "neo4j", dataDir: "unused", env: {} })).rejects.toMatchObject({ code: "INVALID_DATA" });
  });
});
