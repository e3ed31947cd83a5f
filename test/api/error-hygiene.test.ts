// Error handler hygiene (RELIABILITY.md B5.6): whatever a store throws, the
// client sees the one error shape with no stack, driver message, file path or
// query text; a 503 names the store and carries Retry-After; the server log
// holds the detail under the same request id.
import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { NotFoundError, QueryTimeoutError, StoreUnavailableError, InvalidDataError, DocumentError } from "../../graph/errors.js";
import type { GraphStore } from "../../graph/store.js";
import { bearer, LEAK, makeApp, seededStore } from "./helpers.js";

/** A store whose every read method throws `error`. */
async function failingStore(error: () => unknown): Promise<GraphStore> {
  const real = await seededStore();
  return new Proxy(real, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || ["open", "close"].includes(String(prop))) return value;
      return async () => {
        throw error();
      };
    },
  });
}

function driverError(): Error {
  const e = new Error("Could not perform discovery. No routing servers available. bolt://neo4j:secret@10.0.0.5:7687 while running MATCH (n:Organization {id: $id}) MERGE (m) at /home/app/node_modules/neo4j-driver/lib/x.js:12:7");
  e.name = "Neo4jError";
  (e as Error & { code: string }).code = "ServiceUnavailable";
  return e;
}

async function capture(error: () => unknown, url = "/api/organizations/rengo") {
  let logs = "";
  const stream = new Writable({ write(chunk, _e, cb) { logs += chunk.toString(); cb(); } });
  const app = await makeApp(await failingStore(error), { logger: { level: "info", stream } });
  const res = await app.inject(url);
  await app.close();
  return { res, body: res.json(), logs };
}

describe("server errors", () => {
  test.each([
    ["a TypeError", () => new TypeError("Cannot read properties of undefined (reading 'attributes') at /home/app/graph/memory-store.ts:12:5")],
    ["a driver-like error", driverError],
    ["a thrown string", () => "MATCH (n) DETACH DELETE n"],
    ["an error with a 4xx statusCode but not ours", () => Object.assign(new Error("MATCH (n) bolt://x"), { statusCode: 400 })],
  ])("%s becomes exactly the generic 500 body, and the log holds the detail under the request id", async (_what, make) => {
    const { res, body, logs } = await capture(make);
    expect(res.statusCode).toBe(500);
    expect(body).toEqual({ statusCode: 500, error: "Internal Server Error", message: "Internal Server Error", requestId: res.headers["x-request-id"] });
    expect(res.body).not.toMatch(LEAK);
    const line = logs.split("\n").find((l) => l.includes(body.requestId) && l.includes("request failed"));
    expect(line).toBeDefined();
  });
  test("an unavailable store is a 503 naming the store, with Retry-After and no driver detail", async () => {
    const { res, body } = await capture(() => new StoreUnavailableError("neo4j", "connect ECONNREFUSED 127.0.0.1:7687 bolt://localhost:7687", { cause: driverError() }));
    expect(res.statusCode).toBe(503);
    expect(body.message).toContain("neo4j");
    expect(res.body).not.toMatch(LEAK);
    expect(res.body).not.toContain("7687");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
  });
  test("a query timeout is a 504 with advice, not the query", async () => {
    const { res, body } = await capture(() => new QueryTimeoutError("MATCH p=shortestPath((a)-[*..8]-(b)) timed out"), "/api/paths/shortest?from=a&to=b");
    expect(res.statusCode).toBe(504);
    expect(body.message).not.toContain("MATCH");
  });
});

describe("client errors from the store pass through", () => {
  test("not found is a 404 with its message", async () => {
    const { res, body } = await capture(() => new NotFoundError("node", "x"));
    expect(res.statusCode).toBe(404);
    expect(body.message).toBe('node "x" does not exist');
  });
  test("invalid data is a 400 listing its problems, with file paths scrubbed", async () => {
    const { res, body } = await capture(() => new InvalidDataError("bad", [{ path: "/home/app/data/graph.json", message: "Unexpected token at /home/app/x.json" }, { path: "limit", message: "too big" }]));
    expect(res.statusCode).toBe(400);
    expect(body.problems).toHaveLength(2);
    expect(res.body).not.toMatch(LEAK);
  });
  test("a document error keeps its status", async () => {
    const { res } = await capture(() => new DocumentError("a.txt", "binary", "a.txt is binary", 422));
    expect(res.statusCode).toBe(422);
  });
});

describe("Fastify's own client errors use the same shape", () => {
  test.each([
    ["malformed JSON", { method: "PATCH", url: "/api/relationships/TIE:kctu:rengo", payload: "{bad", headers: { "content-type": "application/json", ...bearer("reviewer") } }, 400],
    ["a malformed URI", { method: "GET", url: "/api/nodes/%E0%A4%A" }, 400],
    ["an unknown route", { method: "GET", url: "/api/unknown" }, 404],
    ["a too-long parameter", { method: "GET", url: `/api/nodes/${"a".repeat(600)}` }, 414],
  ])("%s", async (_what, request, status) => {
    const app = await makeApp(await seededStore());
    const res = await app.inject(request as never);
    await app.close();
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(["error", "message", "requestId", "statusCode"]);
    expect(res.body).not.toMatch(LEAK);
  });
});

describe("time budgets", () => {
  test("a handler running past handlerTimeout is a 503 with Retry-After in the one error shape", async () => {
    const store = await seededStore();
    store.search = async () => {
      await new Promise((r) => setTimeout(r, 300));
      return { total: 0, items: [] };
    };
    const app = await makeApp(store, { handlerTimeoutMs: 50 });
    const res = await app.inject("/api/organizations?q=rengo");
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(Object.keys(res.json()).sort()).toEqual(["error", "message", "requestId", "statusCode"]);
    expect(res.json().message).toContain("time budget");
  });
});
