// RELIABILITY B2.4: Neo4j killed (SIGKILL) and started again while a load
// generator sends searches to the API at a fixed rate over 20 keep-alive
// connections (node:http, so that every answer's own status and headers are
// recorded; a request is sent only when a connection is free, as autocannon
// does). During the outage every answer is a 503 with Retry-After, never a
// 500, and most come at once (once Neo4j is known to be unreachable the store
// stops waiting out the driver's retries); no answer takes longer than the
// handler timeout + 1 s, none hangs (30 s); the first 2xx comes within 5 s of
// Bolt answering again, and nothing fails after that. Both bounds add the
// longest stall of this process's event loop (measured: the machine's load,
// which no server code controls). The CI shape: 5 s of load before the kill,
// the outage (as long as the restart takes), 10 s after recovery;
// UNIONTIES_RESTART_BEFORE_MS=20000 UNIONTIES_RESTART_AFTER_MS=40000 is the
// plan's long run.
import { Agent, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Neo4jStore } from "../../graph/neo4j-store.js";
import { PrivateNeo4j, canStartLocalNeo4j, skipNeo4j } from "../setup/neo4j.js";
import { makeApp, seedBundles } from "./helpers.js";

const HANDLER_TIMEOUT_MS = 6000;
const RATE = 100;
const BEFORE_MS = Number(process.env.UNIONTIES_RESTART_BEFORE_MS ?? 5000);
const AFTER_MS = Number(process.env.UNIONTIES_RESTART_AFTER_MS ?? 10_000);
const skip = skipNeo4j() || !(await canStartLocalNeo4j());
const server = new PrivateNeo4j();
let store: Neo4jStore;
let app: FastifyInstance;
let url = "";
let boltUri = "";

/** One answer: when it ended (ms since epoch), its status, how long it took, whether a 503 said Retry-After. */
interface Answer {
  end: number;
  status: number;
  ms: number;
  retryAfter: boolean;
}

const CONNECTIONS = 20;
const HUNG_MS = 30_000;

/**
 * Sends GET `target` at `rate` per second over `connections` keep-alive
 * sockets, skipping a tick when every socket is busy. Each answer is recorded
 * with its own headers; a transport error or an answer slower than HUNG_MS is
 * recorded in `failures`.
 */
function load(target: string, rate: number, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const answers: Answer[] = [];
  const failures: string[] = [];
  let inFlight = 0;
  let stopped = false;
  const tick = setInterval(() => {
    if (stopped || inFlight >= connections) return;
    inFlight++;
    const begin = Date.now();
    const req = httpRequest(target, { agent }, (res) => {
      res.resume();
      res.on("end", () => {
        inFlight--;
        const end = Date.now();
        answers.push({ end, status: res.statusCode ?? 0, ms: end - begin, retryAfter: Number(res.headers["retry-after"]) > 0 });
      });
    });
    req.setTimeout(HUNG_MS, () => req.destroy(new Error(`no answer in ${HUNG_MS} ms`)));
    req.on("error", (error) => {
      inFlight--;
      failures.push(error.message);
    });
    req.end();
  }, 1000 / rate);
  return {
    answers,
    failures,
    /** Stops sending and waits (bounded) for the answers in flight. */
    async stop() {
      stopped = true;
      clearInterval(tick);
      const deadline = Date.now() + HUNG_MS + 5000;
      while (inFlight > 0 && Date.now() < deadline) await sleep(50);
      agent.destroy();
      return inFlight;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (skip) return;
  const uri = (boltUri = await server.start());
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
    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    const generator = load(url, RATE, CONNECTIONS);
    const { answers } = generator;

    const t0 = Date.now();
    while (Date.now() - t0 < BEFORE_MS || answers.length < 20) await sleep(100);
    const killAt = Date.now();
    await server.kill();
    const dead = Date.now();
    const restartedAt = await server.start();
    const boltAt = Date.now();
    // The store keeps its URI: a restart that moved to another port (the old one taken meanwhile) is a broken test, not an API result.
    if (restartedAt !== boltUri) {
      await generator.stop();
      expect(restartedAt, "Neo4j came back on another port").toBe(boltUri);
    }
    let firstOk: Answer | undefined;
    while (!(firstOk = answers.find((a) => a.end > boltAt && a.status < 300)) && Date.now() - boltAt < 60_000) await sleep(100);
    await sleep(AFTER_MS);
    const unanswered = await generator.stop();
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
      transportErrors: generator.failures.length,
      unanswered,
      // How long this process went without running (the machine's load): what late answers are weighed against.
      eventLoopDelayMaxMs: Math.round(loopDelay.max / 1e6),
    };
    console.log(`[B2.4] ${JSON.stringify(figures)}`);

    const why = JSON.stringify(figures);
    expect(before.length, why).toBeGreaterThan(0);
    expect(before.every((a) => a.status === 200), why).toBe(true);
    expect(outage.length, why).toBeGreaterThan(0);
    // Every answer of the outage that is not a 503 with Retry-After, shown whole when the check fails.
    expect(outage.filter((a) => a.status !== 503 || !a.retryAfter).slice(0, 5), why).toEqual([]);
    expect(figures.errors500, why).toBe(0);
    // Fast 503s: once one unit of work has found Neo4j unreachable, the others are refused at once
    // instead of each waiting out the driver's retry budget (only the requests in flight at the kill do).
    expect(figures.outageP50Ms, why).toBeLessThan(HANDLER_TIMEOUT_MS / 2);
    // The bounds allow for the longest time this process was not scheduled at all (a loaded machine), nothing more.
    expect(figures.slowest, why).toBeLessThanOrEqual(HANDLER_TIMEOUT_MS + 1000 + figures.eventLoopDelayMaxMs);
    expect(figures.firstOkAfterBoltMs, why).not.toBeNull();
    expect(figures.firstOkAfterBoltMs!, why).toBeLessThanOrEqual(5000 + figures.eventLoopDelayMaxMs);
    expect(after.length, why).toBeGreaterThan(0);
    expect(after.filter((a) => a.status !== 200), why).toEqual([]);
    expect(generator.failures.slice(0, 5), why).toEqual([]);
    expect(unanswered, why).toBe(0);
  }, 600_000);
});
