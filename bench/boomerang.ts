// npm run bench:boomerang — the boomerang analysis of one state on a generated
// graph of 100,000 organisations (the seeded scale-free generator of
// bench/lib, with boomerang chains planted for the state: government blocks,
// partners pressing their own state, states pressing back, joint protests),
// timed on the memory store always and on Neo4j (Cypher source) when NEO4J_URI
// is set or scripts/neo4j can start one. Both stores must give the same answer.
// Memory rows time the analysis itself; "memory (answer kept)" times a query
// asked again on the unchanged graph (answered from the store's kept answer).
//
// Environment: BOOMERANG_NODES (default 100000), BOOMERANG_M (default 5: 500k relationships),
// BOOMERANG_STATE (default JP), BOOMERANG_RUNS (default 3), SKIP_NEO4J=1,
// BOOMERANG_GENERIC=1 (also time one org query on Neo4j through the generic
// store interface: one getNode per node, slow on a large graph).
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeBoomerang, analyzeBoomerangWith, boomerangSourceFor, storeBoomerangSource, type BoomerangResult, type BoomerangSource } from "../graph/algorithms/boomerang.js";
import { MemoryStore } from "../graph/memory-store.js";
import neo4j from "neo4j-driver";
import { canonicalEnds, deriveEdgeAttributes, mergeNodeAttributes, relationshipId } from "../graph/merge.js";
import type { Neo4jStore } from "../graph/neo4j-store.js";
import { writeNodes, writeRelationships, type RelRow } from "../graph/neo4j/write-document.js";
import { REL_SPECS, type RelType } from "../graph/schema.js";
import type { NodeAttributes, SerializedGraph } from "../graph/types.js";
import { generateScaleFree } from "./lib/graph-generator.js";
import { randomInt, seededRandom } from "./lib/random.js";
import { percentile, writeResult } from "./lib/report.js";

const NODES = Number(process.env.BOOMERANG_NODES ?? 100_000);
const M = Number(process.env.BOOMERANG_M ?? 5);
const STATE = process.env.BOOMERANG_STATE ?? "JP";
const RUNS = Number(process.env.BOOMERANG_RUNS ?? 3);
const GENERIC = process.env.BOOMERANG_GENERIC === "1";
const SEED = 8;
const PLANT_SEED = 55;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

interface Timing {
  store: string;
  query: string;
  coldMs: number;
  medianMs: number;
  p95Ms: number;
  instances: number;
  complete: number;
  partial: number;
}

async function time(label: string, store: string, runs: number, work: () => Promise<BoomerangResult>): Promise<{ timing: Timing; result: BoomerangResult }> {
  const t0 = performance.now();
  const result = await work();
  const coldMs = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    warm.push(performance.now() - t);
  }
  console.log(`${store} ${label}: cold ${coldMs.toFixed(0)} ms, median ${percentile(warm, 50).toFixed(0)} ms (${result.summary.complete} complete, ${result.summary.partial} partial)`);
  return {
    timing: { store, query: label, coldMs, medianMs: percentile(warm, 50), p95Ms: percentile(warm, 95), instances: result.instances.length, ...result.summary },
    result,
  };
}

function neo4jUri(): { uri: string; started: string | null; why: string } {
  if (process.env.SKIP_NEO4J === "1") return { uri: "", started: null, why: "SKIP_NEO4J=1" };
  if (process.env.NEO4J_URI) return { uri: process.env.NEO4J_URI, started: null, why: "" };
  const dir = join(ROOT, ".neo4j", "bench-boomerang");
  try {
    const out = execFileSync("bash", [join(ROOT, "scripts/neo4j"), "start"], {
      env: { ...process.env, NEO4J_LOCAL_DIR: dir, NEO4J_HEAP: process.env.NEO4J_HEAP ?? "2g", NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? "1g" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 900_000,
    });
    return { uri: out.trim().split("\n").pop() ?? "", started: dir, why: "" };
  } catch (error) {
    return { uri: "", started: null, why: `scripts/neo4j start failed: ${(error as Error).message.split("\n")[0]}` };
  }
}

/** Same instances in the same order, same summary: the two stores agree. */
function sameAnswer(a: BoomerangResult, b: BoomerangResult): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  return value;
}

interface Planted {
  blocked: number;
  pressuring: number;
  pressingBack: number;
  absentBack: number;
  events: number;
  relationships: number;
}

/**
 * Adds boomerang chains for `state` to a generated graph (in place, seeded):
 * state bodies BLOCK 300 domestic organisations; for half of them one partner
 * across the border PRESSURES its own government (or an igo), and half of those
 * press back on a body of the state (some stated as absent); 40 partners join
 * a protest that TARGETS an agreement the state is party to.
 */
function plantBoomerangs(graph: SerializedGraph, state: string, seed: number): Planted {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[randomInt(random, items.length)];
  const attrs = new Map(graph.nodes.map((n) => [n.key, n.attributes]));
  const keys = new Set(graph.edges.map((e) => e.key));
  const counts: Planted = { blocked: 0, pressuring: 0, pressingBack: 0, absentBack: 0, events: 0, relationships: 0 };
  const add = (type: RelType, source: string, target: string, polarity: "present" | "absent" = "present") => {
    const key = relationshipId(type, source, target, polarity);
    if (keys.has(key)) return false;
    keys.add(key);
    const directed = REL_SPECS[type].directed;
    const [a, b] = directed ? [source, target] : [source, target].sort();
    const confidence = Math.round((0.5 + random() * 0.5) * 100) / 100;
    graph.edges.push({ key, source: a, target: b, undirected: !directed, attributes: { type, polarity, confidence, origin: "manual", evidence: [] } });
    counts.relationships++;
    return true;
  };
  const node = (key: string, attributes: Pick<NodeAttributes, "nodeLabel" | "kind" | "name" | "parties">) => {
    const full: NodeAttributes = { aliases: [], documents: [], mentions: 0, origin: "imported", ...attributes };
    graph.nodes.push({ key, attributes: full });
    attrs.set(key, full);
  };
  const governments = new Map<string, string[]>();
  const igos: string[] = [];
  for (const n of graph.nodes) {
    if (n.attributes.kind === "igo") igos.push(n.key);
    if (n.attributes.kind === "government" && n.attributes.country) governments.set(n.attributes.country, [...(governments.get(n.attributes.country) ?? []), n.key]);
  }
  const bodies = governments.get(state) ?? [];
  const reach = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.attributes.type !== "TIE" && e.attributes.type !== "MEMBER_OF") continue;
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) reach.set(a, [...(reach.get(a) ?? []), b]);
  }
  const domestic = graph.nodes.filter((n) => n.attributes.country === state && n.attributes.kind !== "government" && n.attributes.kind !== "igo").map((n) => n.key);
  const abroad = (k: string) => {
    const a = attrs.get(k)!;
    return a.kind !== "government" && (!a.country || a.country !== state);
  };
  for (let i = 0; i < 300 && bodies.length; i++) {
    const d = pick(domestic);
    if (!add("BLOCKS", pick(bodies), d)) continue;
    counts.blocked++;
    const partners = (reach.get(d) ?? []).filter(abroad);
    if (i % 2 || !partners.length) continue;
    const p = pick(partners);
    const country = attrs.get(p)!.country;
    const own = country ? governments.get(country) : undefined;
    const pressurer = own?.length ? pick(own) : pick(igos);
    if (add("PRESSURES", p, pressurer)) counts.pressuring++;
    if (i % 4 === 0 && add("PRESSURES", pressurer, pick(bodies), i % 20 === 0 ? "absent" : "present")) {
      if (i % 20 === 0) counts.absentBack++;
      else counts.pressingBack++;
    }
    if (counts.events < 40 && country) {
      const event = `planted-protest-${counts.events}`;
      const agreement = `planted-epa-${counts.events}`;
      node(event, { nodeLabel: "Event", kind: "protest", name: `Protest ${counts.events}` });
      node(agreement, { nodeLabel: "Agreement", kind: "epa", name: `EPA ${state}-${country}`, parties: [state, country] });
      add("PARTICIPATED_IN", p, event);
      add("TARGETS", event, agreement);
      counts.events++;
    }
  }
  return counts;
}

/**
 * Loads the generated graph into an empty Neo4j with the store's own writers
 * (same layout and attributes as importGraph, without its per-batch merge
 * reads), 20,000 rows per transaction. Skips the load when the database holds
 * this very graph already (a BoomerangBench marker). Returns false when skipped.
 */
async function bulkLoad(store: Neo4jStore, graph: SerializedGraph, key: string): Promise<boolean> {
  const session = () => store.driver.session({ database: store.options.database, defaultAccessMode: neo4j.session.WRITE });
  const s0 = session();
  try {
    const marker = await s0.executeRead((tx) => tx.run("MATCH (m:BoomerangBench) RETURN m.key AS key"));
    if (marker.records[0]?.get("key") === key) return false;
  } finally {
    await s0.close();
  }
  await store.clear();
  const BATCH = 20_000;
  for (let i = 0; i < graph.nodes.length; i += BATCH) {
    const nodes = new Map(graph.nodes.slice(i, i + BATCH).map((n) => [n.key, mergeNodeAttributes(undefined, { ...n.attributes, documents: n.attributes.documents ?? [], mentions: n.attributes.mentions ?? 0, aliases: n.attributes.aliases ?? [] })]));
    const s = session();
    await s.executeWrite((tx) => writeNodes(tx, nodes)).finally(() => s.close());
    process.stdout.write(`\rneo4j nodes ${Math.min(i + BATCH, graph.nodes.length)}/${graph.nodes.length}`);
  }
  for (let i = 0; i < graph.edges.length; i += BATCH) {
    const rows: RelRow[] = graph.edges.slice(i, i + BATCH).map((e) => {
      const { evidence = [], type, polarity = "present", ...extra } = e.attributes;
      const [source, target] = canonicalEnds(type, e.source, e.target);
      return { id: relationshipId(type, e.source, e.target, polarity), source, target, attrs: deriveEdgeAttributes(type, polarity, evidence, extra) };
    });
    const s = session();
    await s.executeWrite((tx) => writeRelationships(tx, rows)).finally(() => s.close());
    process.stdout.write(`\rneo4j relationships ${Math.min(i + BATCH, graph.edges.length)}/${graph.edges.length}`);
  }
  const s1 = session();
  await s1.executeWrite((tx) => tx.run("MERGE (m:BoomerangBench) SET m.key = $key", { key })).finally(() => s1.close());
  return true;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const { graph } = generateScaleFree({ nodes: NODES, m: M, seed: SEED });
  const planted = plantBoomerangs(graph, STATE, PLANT_SEED);
  const generateMs = performance.now() - t0;
  console.log(`graph: ${graph.nodes.length} nodes, ${graph.edges.length} relationships (${planted.relationships} planted for ${STATE}) in ${generateMs.toFixed(0)} ms`);

  const memory = new MemoryStore();
  let t = performance.now();
  await memory.importGraph(graph);
  const memoryLoadMs = performance.now() - t;
  const timings: Timing[] = [];
  // The analysis itself each time (the store's kept answers left out), then an answer kept for an unchanged graph.
  const fresh = (): BoomerangSource => ({ ...boomerangSourceFor(memory), answers: undefined });
  const state = await time(`state ${STATE}`, "memory", RUNS, () => analyzeBoomerangWith(fresh(), { state: STATE }));
  timings.push(state.timing);
  await analyzeBoomerang(memory, { state: STATE });
  timings.push((await time(`state ${STATE}`, "memory (answer kept)", RUNS, () => analyzeBoomerang(memory, { state: STATE }))).timing);
  const orgId = state.result.instances[0]?.nodes.domestic.id;
  const org = orgId ? await time(`org ${orgId}`, "memory", RUNS, () => analyzeBoomerangWith(fresh(), { org: orgId })) : null;
  if (org) timings.push(org.timing);

  const notes: string[] = [];
  const neo = neo4jUri();
  let neo4jLoadMs: number | null = null;
  if (neo.uri) {
    const { Neo4jStore } = await import("../graph/neo4j-store.js");
    const { analyzeBoomerangCypher } = await import("../graph/neo4j/boomerang.js");
    const store = Neo4jStore.fromEnv({ ...process.env, NEO4J_URI: neo.uri }, { readTimeoutMs: 600_000 });
    try {
      await store.open();
      t = performance.now();
      const loaded = await bulkLoad(store, graph, `${NODES}-${M}-${SEED}-${PLANT_SEED}-${STATE}`);
      neo4jLoadMs = performance.now() - t;
      console.log(`\nneo4j ${loaded ? "bulk load" : "graph already loaded"}: ${(neo4jLoadMs / 1000).toFixed(1)} s`);
      if (!loaded) neo4jLoadMs = null;
      const target = { driver: store.driver, database: store.options.database };
      const cypherState = await time(`state ${STATE}`, "neo4j (cypher)", RUNS, () => analyzeBoomerangCypher(target, { state: STATE }));
      timings.push(cypherState.timing);
      notes.push(`state ${STATE}: neo4j and memory answers ${sameAnswer(cypherState.result, state.result) ? "identical" : "DIFFER"}`);
      if (org && orgId) {
        const cypherOrg = await time(`org ${orgId}`, "neo4j (cypher)", RUNS, () => analyzeBoomerangCypher(target, { org: orgId }));
        timings.push(cypherOrg.timing);
        notes.push(`org ${orgId}: neo4j and memory answers ${sameAnswer(cypherOrg.result, org.result) ? "identical" : "DIFFER"}`);
        if (GENERIC) {
          // One getNode per node read: shows what the Cypher source saves.
          const generic = await time(`org ${orgId}`, "neo4j (store interface)", 1, () => analyzeBoomerangWith(storeBoomerangSource(store), { org: orgId }));
          timings.push(generic.timing);
          notes.push(`org ${orgId} through the generic store interface: answers ${sameAnswer(generic.result, org.result) ? "identical" : "DIFFER"}`);
        }
      }
    } finally {
      await store.close();
      if (neo.started) execFileSync("bash", [join(ROOT, "scripts/neo4j"), "stop"], { env: { ...process.env, NEO4J_LOCAL_DIR: neo.started }, stdio: "inherit" });
    }
  } else notes.push(`neo4j not measured: ${neo.why || "no NEO4J_URI"}`);
  for (const n of notes) console.log(n);

  const { json, md } = writeResult("boomerang", {
    params: { nodes: NODES, m: M, relationships: graph.edges.length, state: STATE, runs: RUNS, planted },
    seeds: { generator: SEED, plant: PLANT_SEED },
    results: { generateMs, memoryLoadMs, neo4jLoadMs, timings },
    table: {
      title: `Boomerang analysis, ${NODES.toLocaleString("en-US")} organisations, ${graph.edges.length.toLocaleString("en-US")} relationships`,
      headers: ["store", "query", "cold (ms)", "median warm (ms)", "p95 warm (ms)", "complete", "partial"],
      rows: timings.map((x) => [x.store, x.query, x.coldMs, x.medianMs, x.p95Ms, x.complete, x.partial]),
      notes: [`load: memory ${(memoryLoadMs / 1000).toFixed(1)} s${neo4jLoadMs !== null ? `, neo4j ${(neo4jLoadMs / 1000).toFixed(1)} s` : ""}`, ...notes],
    },
  });
  console.log(`wrote ${json} and ${md}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
