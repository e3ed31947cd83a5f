// The benchmark harness's own pieces (never timings): the seeded generator is
// reproducible and scale-free, result files and the summary are written, and
// the Python references agree with the traversal index on path lengths.
import Graph from "graphology";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { barabasiAlbert, generateScaleFree, nodeKey, randomPairs } from "../../bench/lib/graph-generator.js";
import * as report from "../../bench/lib/report.js";
import { markdownTable, percentile } from "../../bench/lib/report.js";
import { runJson } from "../../bench/lib/measure.js";
import { TraversalIndex, walkFilter } from "../../graph/algorithms/traversal-index.js";
import { bidirectionalPath } from "../../graph/algorithms/traversal-search.js";
import { describeWithReferences, PYTHON } from "./python-references.js";
import { validateSerializedGraph } from "../../graph/formats/index.js";

const dir = mkdtempSync(join(tmpdir(), "unionties-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the graph generator", () => {
  it("gives the same graph for the same seed and another for another seed", () => {
    const a = generateScaleFree({ nodes: 500, m: 3, seed: 4 }).graph;
    const b = generateScaleFree({ nodes: 500, m: 3, seed: 4 }).graph;
    const c = generateScaleFree({ nodes: 500, m: 3, seed: 5 }).graph;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.edges)).not.toBe(JSON.stringify(c.edges));
  });

  it("makes nodes × m distinct relationships that the schema accepts", () => {
    const { graph } = generateScaleFree({ nodes: 1000, m: 4, seed: 9, absentShare: 0.05 });
    expect(graph.edges).toHaveLength(4 * (1000 - 4));
    expect(new Set(graph.edges.map((e) => e.key)).size).toBe(graph.edges.length);
    expect(validateSerializedGraph(graph)).toEqual([]);
    expect(graph.edges.some((e) => e.attributes.polarity === "absent")).toBe(true);
  });

  it("has a heavy-tailed degree distribution (hubs far above the mean)", () => {
    const degree = new Int32Array(20_000);
    barabasiAlbert(20_000, 5, 1, (u, v) => {
      degree[u]++;
      degree[v]++;
    });
    const max = Math.max(...degree);
    const mean = degree.reduce((s, d) => s + d, 0) / degree.length;
    expect(mean).toBeCloseTo(10, 0);
    expect(max).toBeGreaterThan(20 * mean);
    expect(Math.min(...degree)).toBeGreaterThanOrEqual(5);
  });

  it("draws pairs of distinct nodes reproducibly", () => {
    const pairs = randomPairs(50, 200, 7);
    expect(pairs).toEqual(randomPairs(50, 200, 7));
    expect(pairs.every(([a, b]) => a !== b && a >= 0 && b < 50)).toBe(true);
  });
});

describe("the result writer", () => {
  it("renders a Markdown table with the machine line and notes", () => {
    const md = markdownTable({ title: "T", headers: ["a", "b"], rows: [["x|y", 1234.5], ["z", 0.000123]], notes: ["n1"] });
    expect(md).toContain("| a | b |");
    expect(md).toContain("| x\\|y | 1234.5 |");
    expect(md).toContain("| z | 0.000123 |");
    expect(md).toContain("- n1");
  });

  it("takes percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
  });

  it("writes <name>.json and <name>.md and a summary that includes them", async () => {
    process.env.BENCH_RESULTS = join(dir, "results");
    const paths = report.writeResult("path", { params: { n: 1 }, seeds: { graph: 1 }, results: { x: 1 }, table: { title: "Demo", headers: ["h"], rows: [[1]] } });
    expect(paths.json).toBe(join(dir, "results", "path.json"));
    const json = JSON.parse(readFileSync(paths.json, "utf8"));
    expect(json).toMatchObject({ name: "path", params: { n: 1 }, seeds: { graph: 1 }, machine: { nproc: expect.any(Number), node: process.version } });
    expect(readFileSync(paths.md, "utf8")).toContain("### Demo");
    expect(() => report.writeResult("../evil", { params: {}, seeds: [], results: {}, table: { title: "", headers: [], rows: [] } })).toThrow();
    delete process.env.BENCH_RESULTS;
  });
});

describeWithReferences("test/bench/bench-lib")("the Python references", () => {
  it("agree with the traversal index on every path length", async () => {
    const { graph, edgeList } = generateScaleFree({ nodes: 2000, m: 3, seed: 2 });
    const edgesFile = join(dir, "g.edges");
    const pairsFile = join(dir, "g.pairs");
    const lines: string[] = [];
    for (let i = 0; i < edgeList.length; i += 2) lines.push(`${edgeList[i]} ${edgeList[i + 1]}`);
    writeFileSync(edgesFile, lines.join("\n") + "\n");
    const pairs = randomPairs(2000, 100, 3);
    writeFileSync(pairsFile, pairs.map((p) => p.join(" ")).join("\n") + "\n");
    const g = new Graph({ type: "mixed", multi: true });
    g.import(graph as never);
    const ix = TraversalIndex.fromGraph(g as never);
    const ours = pairs.map(([a, b]) => bidirectionalPath(ix, ix.indexOf(nodeKey(a)), ix.indexOf(nodeKey(b)), walkFilter())!.edges.length);
    for (const script of ["networkx_paths.py", "igraph_paths.py"]) {
      const report = await runJson<{ lengths: number[]; query_times_s: number[] }>(PYTHON, [join("bench", "reference", script), "--edges", edgesFile, "--pairs", pairsFile, "--nodes", "2000"]);
      expect(report.lengths).toEqual(ours);
      expect(report.query_times_s).toHaveLength(100);
    }
  });
});
