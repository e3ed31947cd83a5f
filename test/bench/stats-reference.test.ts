// bench/stats.ts's pieces (never timings): the Python references compute the
// same betweenness as ours when every node is a source, find communities of
// comparable modularity with their Louvain, and a reference stopped at its
// time limit still gives the parts it finished.
import Graph from "graphology";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { barabasiAlbert, nodeKey } from "../../bench/lib/graph-generator.js";
import { runJsonLines } from "../../bench/lib/json-lines.js";
import { BetweennessRun } from "../../graph/algorithms/betweenness.js";
import { compressedGraphOf } from "../../graph/algorithms/compressed-graph.js";
import { louvain } from "../../graph/algorithms/louvain.js";
import { describeWithReferences, PYTHON } from "./python-references.js";

const withReferences = describeWithReferences("test/bench/stats-reference");
const REFERENCE = fileURLToPath(new URL("../../bench/reference", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "unionties-bench-stats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NODES = 300;
const edges = join(dir, "ba.edges");
const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
const lines: string[] = [];
for (let i = 0; i < NODES; i++) graph.addNode(nodeKey(i));
barabasiAlbert(NODES, 3, 5, (u, v) => {
  lines.push(`${u} ${v}`);
  graph.addEdge(nodeKey(u), nodeKey(v), { weight: 1 });
});
writeFileSync(edges, lines.join("\n") + "\n");

interface Part {
  part: string;
  seconds: number;
  count?: number;
  modularity?: number;
  top?: Array<[number, number]>;
}

async function reference(script: string, args: string[]): Promise<Record<string, Part>> {
  const run = await runJsonLines<Part>(PYTHON, [join(REFERENCE, script), "--edges", edges, "--nodes", String(NODES), ...args], { timeoutMs: 120_000 });
  expect(run.exitCode, run.stderr).toBe(0);
  return Object.fromEntries(run.lines.map((l) => [l.part, l]));
}

withReferences("the network statistics references", () => {
  const exact = new BetweennessRun(graph, NODES, 42);
  for (const source of exact.sources) exact.run(source);
  const ours = exact.result().values;

  it("give NetworkX's betweenness from every node the same values as ours", async () => {
    const parts = await reference("networkx_stats.py", ["--sources", String(NODES), "--top", String(NODES), "--parts", "betweenness"]);
    const top = parts.betweenness.top!;
    expect(top).toHaveLength(NODES);
    expect(top[0][1]).toBeGreaterThan(0.05);
    for (const [node, value] of top) expect(value).toBeCloseTo(ours[nodeKey(node)], 9);
  }, 60_000);

  it("scale igraph's exact betweenness to the same normalised values as ours", async () => {
    const parts = await reference("igraph_stats.py", ["--exact-max-nodes", String(NODES), "--top", String(NODES)]);
    const top = parts["exact-betweenness"].top!;
    expect(top).toHaveLength(NODES);
    for (const [node, value] of top) expect(value).toBeCloseTo(ours[nodeKey(node)], 9);
  }, 60_000);

  it("find Louvain communities whose modularity is within 0.05 of ours on the same graph", async () => {
    const mine = await louvain(compressedGraphOf(graph), { seed: 42 });
    const nx = (await reference("networkx_stats.py", ["--sources", "0", "--parts", "communities"])).communities;
    const ig = (await reference("igraph_stats.py", [])).communities;
    for (const p of [nx, ig]) {
      expect(p.count).toBeGreaterThan(1);
      expect(Math.abs(p.modularity! - mine.modularity)).toBeLessThan(0.05);
    }
  }, 60_000);
});

describe("a reference with a time limit", () => {
  it("keeps the lines printed before the limit stopped it", async () => {
    const script = 'import json, sys, time\nprint(json.dumps({"part": "load"}), flush=True)\ntime.sleep(60)\nprint(json.dumps({"part": "late"}))';
    const run = await runJsonLines<{ part: string }>(PYTHON, ["-c", script], { timeoutMs: 1500 });
    expect(run.timedOut).toBe(true);
    expect(run.lines).toEqual([{ part: "load" }]);
    expect(run.seconds).toBeLessThan(30);
  }, 40_000);

  it("reports a run that ends in time as not timed out, with its exit code", async () => {
    const run = await runJsonLines(PYTHON, ["-c", 'print("{\\"part\\": 1}")\nprint("not json")\nraise SystemExit(3)'], { timeoutMs: 30_000 });
    expect(run).toMatchObject({ timedOut: false, exitCode: 3, lines: [{ part: 1 }] });
  });
});
