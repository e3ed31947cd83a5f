// RELIABILITY B2.4: Neo4j killed (SIGKILL) and started again while autocannon
// sends searches to the API at a fixed rate (20 connections). During the
// outage every answer is a 503 with Retry-After, never a 500; no answer takes
// longer than the handler timeout + 1 s, none hangs (30 s); the first 2xx
// comes within 5 s of Bolt answering again, and nothing fails after that.
// Both bounds add the longest stall of this process's event loop (measured:
// the machine's load, which no server code controls). The CI shape: 5 s of
// load before the kill, the outage (as long as the restart takes), 10 s after
// recovery; UNIONTIES_RESTART_BEFORE_MS=20000 UNIONTIES_RESTART_AFTER_MS=40000
// is the plan's long run.
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Neo4jStore } from "../../graph/neo4j-store.js";
import { PrivateNeo4j, canStartLocalNeo4j, skipNeo4j } from "../setup/neo4j.js";
import { makeApp, seedBundles } from "./helpers.js";

interface Instance extends Promise<{ errors: number; timeouts: number }> {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: "reqError" | "error", listener: (error: Error) => void): void;
  stop(): void;
}
type Autocannon = (options: Record<string, unknown>) => Instance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const HANDLER_TIMEOUT_MS = 6000;
const RATE = 100;
const BEFORE_MS = Number(process.env.UNIONTIES_RESTART_BEFORE_MS ?? 5000);
const AFTER_MS = Number(process.env.UNIONTIES_RESTART_AFTER_MS ?? 10_000);
const skip = skipNeo4j() || !(await canStartLocalNeo4j());
const server = new PrivateNeo4j();
let store: Neo4jStore;
let app: FastifyInstance;
let url = "";

/** One answer: when it ended (ms since epoch), its status, how long it took, whether a 503 said Retry-After. */
interface Answer {
  end: number;
  status: number;
  ms: number;
  retryAfter: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (skip) return;
  const uri = await server.start();
  // The store as `unionties start` configures it (driver defaults: 5 s connection and retry budgets).
  store = new Neo4jStore({ uri });
  await store.open();
  for (const b of seedBundles()) await store.upsertDocument(b);
  app = await makeApp(store, { handlerTimeoutMs: HANDLER_TIMEOUT_MS });
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/organizations?q=rengo`;
  expect((await fetch(url)).status).toBe(200); // the query planned and the pool warm before the clock starts
}, 600_000);
afterAll(async () => {
  if (skip) return;
  await app?.close();
  await store?.close();
  await server.stop();
}, 120_000);

describe.skipIf(skip)("the API while Neo4j is killed and restarted under load", () => {
  it("answers 503 with Retry-After during the outage, never 500 or late, and 2xx again within 5 s of Bolt being back", async () => {
    const answers: Answer[] = [];
    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    const transportErrors: string[] = [];
    let lastHeaders: Record<string, string> = {};
    const instance = autocannon({
      url,
      connections: 20,
      overallRate: RATE,
      duration: 600,
      timeout: 30, // no answer in 30 s: hung
      // onResponse runs just before the 'response' event of the same answer.
      requests: [{ method: "GET", onResponse: (_s: number, _b: string, _c: unknown, headers: Record<string, string>) => (lastHeaders = headers) }],
    });
    instance.on("response", (_client, status, _bytes, ms) => answers.push({ end: Date.now(), status, ms, retryAfter: Number(lastHeaders["retry-after"]) > 0 }));
    instance.on("reqError", (error) => transportErrors.push(error.message));

    const t0 = Date.now();
    while (Date.now() - t0 < BEFORE_MS || answers.length < 20) await sleep(100);
    const killAt = Date.now();
    await server.kill();
    const dead = Date.now();
    await server.start();
    const boltAt = Date.now();
    let firstOk: Answer | undefined;
    while (!(firstOk = answers.find((a) => a.end > boltAt && a.status < 300)) && Date.now() - boltAt < 60_000) await sleep(100);
    await sleep(AFTER_MS);
    instance.stop();
    const result = await instance;
    loopDelay.disable();

    const started = (a: Answer) => a.end - a.ms;
    const before = answers.filter((a) => a.end < killAt);
    const outage = answers.filter((a) => started(a) >= dead && a.end <= boltAt);
    const after = firstOk ? answers.filter((a) => started(a) > firstOk!.end) : [];
    const by = (list: Answer[]) => list.reduce<Record<number, number>>((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {});
    const outageMs = outage.map((a) => a.ms).sort((x, y) => x - y);
    const figures = {
      answers: answers.length,
      before: by(before),
      outage: by(outage),
      outage503WithRetryAfter: outage.filter((a) => a.status === 503 && a.retryAfter).length,
      outageP50Ms: outageMs[Math.floor(outageMs.length / 2)],
      after: by(after),
      errors500: answers.filter((a) => a.status >= 500 && a.status !== 503).length,
      slowest: Math.max(...answers.map((a) => a.ms)),
      restartMs: boltAt - dead,
      firstOkAfterBoltMs: firstOk ? firstOk.end - boltAt : null,
      transportErrors: transportErrors.length,
      timeouts: result.timeouts,
      // How long this process went without running (the machine's load): what late answers are weighed against.
      eventLoopDelayMaxMs: Math.round(loopDelay.max / 1e6),
    };
    console.log(`[B2.4] ${JSON.stringify(figures)}`);

    expect(before.length).toBeGreaterThan(0);
    expect(before.every((a) => a.status === 200)).toBe(true);
    expect(outage.length).toBeGreaterThan(0);
    expect(figures.outage503WithRetryAfter).toBe(outage.length);
    expect(figures.errors500).toBe(0);
    // The bounds allow for the longest time this process was not scheduled at all (a loaded machine), nothing more.
    expect(figures.slowest).toBeLessThanOrEqual(HANDLER_TIMEOUT_MS + 1000 + figures.eventLoopDelayMaxMs);
    expect(figures.firstOkAfterBoltMs).not.toBeNull();
    expect(figures.firstOkAfterBoltMs!).toBeLessThanOrEqual(5000 + figures.eventLoopDelayMaxMs);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((a) => a.status !== 200)).toEqual([]);
    expect(transportErrors).toEqual([]);
    expect({ errors: result.errors, timeouts: result.timeouts }).toEqual({ errors: 0, timeouts: 0 });
  }, 600_000);
});
