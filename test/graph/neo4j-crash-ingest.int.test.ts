// RELIABILITY B2.2: Neo4j killed (SIGKILL) at a random point while the
// `unionties ingest` CLI writes 50 small documents, then started again on the
// same data folder. After each crash every document is wholly present (its
// mentions and evidence exactly as in the golden run) or absent, no id is
// duplicated, no extracted edge lacks evidence, the interrupted run exited
// non-zero, and a re-run reaches the golden fingerprint. Runs on a private
// server. UNIONTIES_CRASH_ITERATIONS sets the iterations (CI default 3, long
// mode 10), UNIONTIES_CRASH_SEED the seed; kill points are drawn one per
// stratum of the run, so 3 iterations cover its start, middle and end.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphFingerprint } from "../../graph/canonical.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { Neo4jStore } from "../../graph/neo4j-store.js";
import type { SerializedGraph } from "../../graph/types.js";
import { ingestPaths } from "../../ingest/index.js";
import { bundleOf } from "../ingest/helpers.js";
import { PrivateNeo4j, canStartLocalNeo4j, skipNeo4j } from "../setup/neo4j.js";
import { seededRandom } from "../../graph/figure/layout.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ITERATIONS = Number(process.env.UNIONTIES_CRASH_ITERATIONS ?? 3);
const SEED = Number(process.env.UNIONTIES_CRASH_SEED ?? 2202);
const DOCS = 50;
const skip = skipNeo4j() || !(await canStartLocalNeo4j());
const server = new PrivateNeo4j();
const docsDir = mkdtempSync(join(tmpdir(), "unionties-docs50-"));

/** A small seeded generator (graph/figure/layout.ts) (mulberry32): the same kill points for the same seed. */
const random = seededRandom;

/**
 * docs-50, small: 50 excerpts of about 2 KB cut from the seed papers at
 * seeded line starts, ending at a sentence, each one the extraction finds
 * at least one relationship in (so every document writes evidence).
 */
function writeDocs50(dir: string): void {
  const seeds = readdirSync(join(ROOT, "seeds")).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(ROOT, "seeds", f), "utf8"));
  const next = random(SEED);
  const excerpt = (text: string) => {
    const starts = [...text.matchAll(/^(?=\S)/gm)].map((m) => m.index);
    const from = starts[Math.floor(next() * starts.length * 0.9)];
    const window = text.slice(from, from + 2400);
    const end = window.lastIndexOf(". ", 2200);
    return `${window.slice(0, end > 400 ? end + 1 : 2200).trim()}\n`;
  };
  for (let i = 0; i < DOCS; i++) {
    let text = excerpt(seeds[i % seeds.length]);
    for (let tries = 0; tries < 100 && bundleOf(text).relationships.length === 0; tries++) text = excerpt(seeds[i % seeds.length]);
    writeFileSync(join(dir, `doc-${String(i).padStart(2, "0")}.txt`), text);
  }
}

interface CliRun {
  code: number | null;
  ms: number;
}

/** Runs `unionties ingest docs --store neo4j`; `onProgress(done)` sees each document finish. */
function ingestCli(onProgress?: (done: number) => void): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, "bin/unionties.js"), "ingest", docsDir, "--store", "neo4j", "--no-review", "--progress", "--quiet"], {
    env: { ...process.env, NEO4J_URI: server.uri },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
    const done = [...err.matchAll(/\] (\d+)\/\d+ /g)].pop();
    if (done) onProgress?.(Number(done[1]));
  });
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("exit", (code) => done({ code, ms: Date.now() - started }));
  });
}

/** What one document put in the graph: its mentions and its evidence items with the edges they sit on. */
function documentSlice(graph: SerializedGraph, doc: string): string[] {
  const out: string[] = [];
  for (const e of graph.edges) {
    if (e.attributes.type === "MENTIONS" && e.source === doc) out.push(`MENTIONS ${e.target}`);
    for (const ev of e.attributes.evidence ?? []) if (ev.document === doc) out.push(`${e.key} ${JSON.stringify(ev)}`);
  }
  return out.sort();
}

async function withStore<T>(work: (s: Neo4jStore) => Promise<T>): Promise<T> {
  const store = new Neo4jStore({ uri: server.uri, maxRetryTimeMs: 30_000, connectionTimeoutMs: 5000 });
  await store.open();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function count(store: Neo4jStore, query: string): Promise<number> {
  return Number((await store.driver.executeQuery(query)).records[0].get(0));
}

/** The B1 audits: duplicate node ids, duplicate relationships, extracted edges without evidence. */
async function audit(store: Neo4jStore, graph: SerializedGraph): Promise<{ duplicateNodes: number; duplicateEdges: number; withoutEvidence: number }> {
  return {
    duplicateNodes: await count(store, "MATCH (n:Node) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*)"),
    duplicateEdges: await count(store, "MATCH ()-[r]->() WITH type(r) AS t, r.id AS id, count(*) AS c WHERE c > 1 RETURN count(*)"),
    withoutEvidence: graph.edges.filter((e) => e.attributes.type !== "MENTIONS" && e.attributes.origin === "extracted" && !e.attributes.evidence?.length).length,
  };
}

beforeAll(async () => {
  if (skip) return;
  writeDocs50(docsDir);
  await server.start();
}, 600_000);
afterAll(async () => {
  if (!skip) await server.stop();
}, 120_000);

describe.skipIf(skip)(`neo4j killed during an ingest of ${DOCS} documents (${ITERATIONS} iterations, seed ${SEED})`, () => {
  it("leaves each document wholly present or absent, no duplicates and no edge without evidence, and a re-run reaches the golden graph", async () => {
    // Golden: one uninterrupted CLI run, which must equal the same ingest into the embedded store.
    await withStore((s) => s.clear());
    const clean = await ingestCli();
    expect(clean.code).toBe(0);
    const goldenGraph = await withStore((s) => s.exportGraph());
    const golden = graphFingerprint(goldenGraph);
    const memory = new MemoryStore();
    await ingestPaths(memory, [docsDir], { reviewFile: null });
    expect(graphFingerprint(await memory.exportGraph())).toBe(golden);
    const docs = goldenGraph.nodes.filter((n) => n.attributes.nodeLabel === "Document").map((n) => n.key);
    expect(docs).toHaveLength(DOCS);
    const goldenSlices = new Map(docs.map((d) => [d, documentSlice(goldenGraph, d)]));
    const withEvidence = [...goldenSlices.values()].filter((s) => s.some((x) => !x.startsWith("MENTIONS"))).length;
    console.log(`[B2.2] golden run ${clean.ms} ms, ${goldenGraph.nodes.length} nodes, ${goldenGraph.edges.length} edges, ${withEvidence}/${DOCS} documents with evidence`);
    expect(withEvidence).toBeGreaterThanOrEqual(DOCS * 0.9);

    const next = random(SEED + 1);
    const perDocMs = clean.ms / DOCS;
    const figures = [];
    for (let i = 0; i < ITERATIONS; i++) {
      await withStore((s) => s.clear());
      // Kill after `after` documents plus a random part of one more: one point per stratum of [1, 45].
      const after = 1 + Math.floor(((i + next()) / ITERATIONS) * 44);
      const jitter = Math.floor(next() * perDocMs);
      let killed: Promise<number> | null = null;
      const interrupted = await ingestCli((done) => {
        if (killed || done < after) return;
        killed = new Promise((r) => setTimeout(r, jitter)).then(async () => {
          await server.kill();
          const down = Date.now();
          await server.start();
          return Date.now() - down;
        });
      });
      expect(killed, `iteration ${i}: the kill point was never reached`).not.toBeNull();
      const restartMs = await killed!;
      const bolt = Date.now();

      const state = await withStore(async (s) => {
        const graph = await s.exportGraph();
        const present = new Set(graph.nodes.filter((n) => n.attributes.nodeLabel === "Document").map((n) => n.key));
        let partial = 0;
        for (const d of docs) {
          const slice = documentSlice(graph, d);
          const whole = present.has(d) ? slice.join("\n") === goldenSlices.get(d)!.join("\n") : slice.length === 0;
          if (!whole) partial++;
        }
        const orphanDocuments = graph.nodes.filter((n) => (n.attributes.documents ?? []).some((d) => !present.has(d))).length;
        return { present: present.size, partial, orphanDocuments, ...(await audit(s, graph)) };
      });
      const rerun = await ingestCli();
      const resumeMs = Date.now() - bolt;
      const final = await withStore(async (s) => {
        const graph = await s.exportGraph();
        return { fingerprint: graphFingerprint(graph), ...(await audit(s, graph)) };
      });
      const figure = { iteration: i, killAfter: after, jitterMs: jitter, exitCode: interrupted.code, ...state, restartMs, rerunExitCode: rerun.code, resumeMs, final: final.fingerprint === golden };
      console.log(`[B2.2] ${JSON.stringify(figure)}`);
      figures.push(figure);
      expect(interrupted.code, `iteration ${i}`).not.toBe(0);
      expect(state, `iteration ${i}`).toMatchObject({ partial: 0, orphanDocuments: 0, duplicateNodes: 0, duplicateEdges: 0, withoutEvidence: 0 });
      expect(rerun.code, `iteration ${i}`).toBe(0);
      expect(final, `iteration ${i}`).toEqual({ fingerprint: golden, duplicateNodes: 0, duplicateEdges: 0, withoutEvidence: 0 });
    }
    console.log(`[B2.2] ${figures.length}/${ITERATIONS} iterations equal to golden`);
  }, 300_000 + ITERATIONS * 240_000);
});
