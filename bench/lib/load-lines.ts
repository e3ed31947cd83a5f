// RELIABILITY.md B8 (performance and load): the plan's load lines (route,
// connections, rate, p99 budget), the synth-10k graph they run on (seeded,
// 10,000 organisations, 50,000 relationships with 1–3 evidence items each,
// 1% of the nodes in small islands so that random path pairs include
// disconnected ones), the request targets, the server process that holds it,
// and one line's run through autocannon's rate-limited (-R) mode. Used by
// bench/load.ts (long mode) and test/api/load-smoke.test.ts (CI smoke).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { relationshipId } from "../../graph/merge.js";
import type { Evidence, SerializedEdge, SerializedGraph } from "../../graph/types.js";
import { generateScaleFree, nodeKey } from "./graph-generator.js";
import { randomInt, seededRandom, type Random } from "./random.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** One line of the B8 table. */
export interface LoadLine {
  name: "search" | "neighbourhood" | "shortest path" | "boomerang" | "export";
  /** The request as the plan writes it. */
  route: string;
  connections: number;
  /** Requests per second over all connections (autocannon -R). */
  rate: number;
  /** The plan's p99 budget for the embedded store, in ms. */
  p99BudgetMs: number;
}

/** The plan's lines at full rate (each runs 30 s in the long mode). */
export const LOAD_LINES: readonly LoadLine[] = [
  { name: "search", route: "GET /api/nodes?q=<random name>", connections: 50, rate: 200, p99BudgetMs: 100 },
  { name: "neighbourhood", route: "GET /api/nodes/:id/neighbourhood?depth=2", connections: 50, rate: 100, p99BudgetMs: 200 },
  { name: "shortest path", route: "GET /api/paths/shortest?from&to&maxHops=6 (random pairs, 10% disconnected)", connections: 50, rate: 50, p99BudgetMs: 500 },
  { name: "boomerang", route: "GET /api/boomerang?state=<random country>", connections: 20, rate: 20, p99BudgetMs: 1000 },
  { name: "export", route: "GET /api/graph", connections: 4, rate: 2, p99BudgetMs: 2000 },
];

/** RSS growth budget of the export line (MiB). */
export const EXPORT_RSS_BUDGET_MIB = 64;

/** The CI smoke's version of a line: one third of the rate (autocannon takes at least 1 req/s). */
export function smokeLine(line: LoadLine): LoadLine {
  return { ...line, rate: Math.max(1, Math.round(line.rate / 3)) };
}

const NODES = 10_000;
const ISLAND_SIZE = 5;
const ISLANDS = 20;
const RELATIONSHIPS = 50_000;
const VERBS = ["cooperates with", "keeps regular exchanges with", "is a member of", "pressured", "opposed", "funded", "excluded"];

function evidenceFor(random: Random, source: string, target: string): Evidence[] {
  const items: Evidence[] = [];
  const count = 1 + randomInt(random, 3);
  for (let k = 0; k < count; k++) {
    const quote = `Organisation ${source.slice(1)} ${VERBS[randomInt(random, VERBS.length)]} Organisation ${target.slice(1)}`;
    const start = randomInt(random, 200_000);
    items.push({ document: `synth-d${randomInt(random, 100)}`, quote, start, end: start + quote.length, confidence: Math.round((0.5 + random() * 0.5) * 100) / 100 });
  }
  return items;
}

function tie(a: number, b: number): SerializedEdge {
  const [source, target] = [nodeKey(a), nodeKey(b)].sort();
  return { key: relationshipId("TIE", source, target, "present"), source, target, undirected: true, attributes: { type: "TIE", polarity: "present", confidence: 0.8, origin: "manual", evidence: [] } };
}

/**
 * synth-10k: a Barabási–Albert graph of 9,900 organisations (m = 5), 20
 * islands of 5 organisations (a ring of TIEs each, reachable from nothing
 * else), topped up with random TIEs to 50,000 relationships; every
 * relationship carries 1–3 evidence items (synthetic quotes of documents not
 * in the graph).
 */
export function synth10k(seed = 10): { graph: SerializedGraph; islands: string[] } {
  const mainNodes = NODES - ISLANDS * ISLAND_SIZE;
  const { graph } = generateScaleFree({ nodes: mainNodes, m: 5, seed });
  const random = seededRandom(seed ^ 0xb8);
  const keys = new Set(graph.edges.map((e) => e.key));
  const islands: string[] = [];
  for (let i = mainNodes; i < NODES; i++) {
    const model = graph.nodes[randomInt(random, mainNodes)].attributes;
    graph.nodes.push({ key: nodeKey(i), attributes: { ...model, kind: "union", name: `Organisation ${i}` } });
    islands.push(nodeKey(i));
  }
  for (let s = mainNodes; s < NODES; s += ISLAND_SIZE)
    for (let k = 0; k < ISLAND_SIZE; k++) graph.edges.push(tie(s + k, s + ((k + 1) % ISLAND_SIZE)));
  while (graph.edges.length < RELATIONSHIPS) {
    const e = tie(randomInt(random, mainNodes), randomInt(random, mainNodes));
    if (e.source === e.target || keys.has(e.key)) continue;
    keys.add(e.key);
    graph.edges.push(e);
  }
  for (const e of graph.edges) {
    e.attributes.evidence = evidenceFor(random, e.source, e.target);
    e.attributes.confidence = Math.max(...e.attributes.evidence.map((x) => x.confidence ?? 0));
  }
  graph.attributes.name = `synth-10k-${seed}`;
  return { graph, islands };
}

/** What the requests of each line are drawn from. */
export interface LoadTargets {
  names: string[];
  nodes: string[];
  /** [from, to] pairs; every tenth has one end on an island, so no path joins it. */
  pairs: Array<[string, string]>;
  disconnected: Array<[string, string]>;
  states: string[];
}

/** Seeded request targets over synth-10k. */
export function loadTargets(graph: SerializedGraph, islands: string[], seed = 12): LoadTargets {
  const random = seededRandom(seed);
  const mainKeys = graph.nodes.map((n) => n.key).filter((k) => !islands.includes(k));
  const any = () => graph.nodes[randomInt(random, graph.nodes.length)].key;
  const names = Array.from({ length: 500 }, () => graph.nodes[randomInt(random, graph.nodes.length)].attributes.name);
  const nodes = Array.from({ length: 500 }, any);
  const pairs: Array<[string, string]> = [];
  const disconnected: Array<[string, string]> = [];
  for (let k = 0; pairs.length < 500; k++) {
    if (k % 10 === 0) {
      const pair: [string, string] = [islands[randomInt(random, islands.length)], mainKeys[randomInt(random, mainKeys.length)]];
      if (k % 20 === 0) pair.reverse();
      pairs.push(pair);
      disconnected.push(pair);
    } else {
      const [a, b] = [mainKeys[randomInt(random, mainKeys.length)], mainKeys[randomInt(random, mainKeys.length)]];
      if (a !== b) pairs.push([a, b]);
    }
  }
  const states = [...new Set(graph.nodes.map((n) => n.attributes.country).filter((c): c is string => typeof c === "string"))].sort();
  return { names, nodes, pairs, disconnected, states };
}

/** The request paths of a line, cycled through by the load generator. */
export function linePaths(line: LoadLine, t: LoadTargets): string[] {
  const q = encodeURIComponent;
  switch (line.name) {
    case "search":
      return t.names.map((n) => `/api/nodes?q=${q(n)}&limit=20`);
    case "neighbourhood":
      return t.nodes.map((id) => `/api/nodes/${q(id)}/neighbourhood?depth=2`);
    case "shortest path":
      return t.pairs.map(([a, b]) => `/api/paths/shortest?from=${q(a)}&to=${q(b)}&maxHops=6`);
    case "boomerang":
      return t.states.map((s) => `/api/boomerang?state=${s}`);
    case "export":
      return ["/api/graph"];
  }
}

/** The server process holding synth-10k (bench/load.ts --serve). */
export interface LoadServer {
  child: ChildProcess;
  pid: number;
  base: string;
  nodes: number;
  relationships: number;
  loadMs: number;
  targets: LoadTargets;
  /** Resident memory now, bytes (0 once exited). */
  rss(): number;
  /**
   * Memory the server still holds after it has collected its garbage, bytes
   * (JS heap in use plus external memory, array buffers included): what it
   * retains, without the garbage a line left behind or the heap V8 keeps
   * reserved, both of which make RSS swing by hundreds of MiB.
   */
  retained(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts bench/load.ts --serve (pinned to CPU 0 with `pin` on a machine of
 * two or more cores) and waits for the JSON line it prints once it listens.
 */
export function startLoadServer(options: { pin?: boolean; seed?: number } = {}): Promise<LoadServer> {
  const pin = options.pin ? ["taskset", "-c", "0"] : [];
  const [cmd, ...args] = [...pin, process.execPath, "--expose-gc", "--import", "tsx", join(ROOT, "bench", "load.ts"), "--serve", String(options.seed ?? 10)];
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolvePromise, reject) => {
    child.once("exit", (code) => reject(new Error(`the load server exited with ${code}: ${stderr}`)));
    // after the first line (the server's facts), "gc <bytes>" lines answer retained() in order
    const settled: Array<(rss: number) => void> = [];
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("gc ")) settled.shift()?.(Number(line.slice(3)));
    });
    lines.once("line", (line) => {
      const info = JSON.parse(line) as Omit<LoadServer, "child" | "pid" | "rss" | "stop" | "base"> & { port: number };
      const pid = child.pid!;
      resolvePromise({
        ...info,
        child,
        pid,
        base: `http://127.0.0.1:${info.port}`,
        rss: () => rssOf(pid),
        retained: () =>
          new Promise<number>((done) => {
            settled.push(done);
            child.kill("SIGUSR2");
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners("exit");
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/**
 * Waits (at most 2 min) until /api/health answers twice in a row within
 * 200 ms: what the previous line left queued is done, so the next line
 * starts on an idle server.
 */
export async function waitUntilIdle(base: string): Promise<void> {
  let fast = 0;
  for (let i = 0; i < 240 && fast < 2; i++) {
    const t0 = performance.now();
    const ok = await fetch(`${base}/api/health`).then((r) => r.arrayBuffer().then(() => r.ok), () => false);
    fast = ok && performance.now() - t0 < 200 ? fast + 1 : 0;
    if (fast < 2) await new Promise((r) => setTimeout(r, 500));
  }
}

/** VmRSS of a process in bytes (0 when it is gone). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** What one line's run reports (latencies in ms). */
export interface LineResult {
  line: string;
  connections: number;
  rate: number;
  seconds: number;
  /** Requests sent; more than `requests` when the run ended with requests in flight. */
  sent: number;
  /** Responses received. */
  requests: number;
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

interface AutocannonResult {
  requests: { total: number; average: number; sent: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: Record<string, unknown>) => Promise<AutocannonResult>;

/**
 * Runs one line against `base`: `rate` requests per second over
 * `connections` (autocannon's overallRate; no rate = closed loop) for
 * `seconds`, after an optional warm-up (connections, seconds) whose results
 * are not counted. Requests cycle through `paths`; one unanswered after
 * `timeoutSeconds` (default 10, autocannon's) counts as a timeout.
 */
export async function runLine(base: string, line: LoadLine, paths: string[], options: { seconds: number; warmup?: { connections: number; seconds: number }; closedLoop?: boolean; timeoutSeconds?: number }): Promise<LineResult> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: line.connections,
    ...(options.closedLoop ? {} : { overallRate: line.rate }),
    duration: options.seconds,
    timeout: options.timeoutSeconds ?? 10,
    ...(options.warmup ? { warmup: { connections: options.warmup.connections, duration: options.warmup.seconds } } : {}),
    requests: [{ method: "GET", setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  const l = result.latency;
  return {
    line: line.name,
    connections: line.connections,
    rate: options.closedLoop ? 0 : line.rate,
    seconds: options.seconds,
    sent: result.requests.sent,
    requests: result.requests.total,
    reqPerSec: result.requests.total / (result.duration || options.seconds),
    p50: l.p50,
    p90: l.p90,
    p99: l.p99,
    max: l.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
