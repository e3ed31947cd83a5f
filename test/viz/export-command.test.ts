// `unionties export`: every format written from a real embedded store, and
// the interchange formats read back with the same counts.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { command } from "../../cli/commands/export.js";
import { fromCsv, fromGexf, fromGraphml, fromJson, parseXml } from "../../graph/formats/index.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { fixtureGraph } from "./fixtures/fixture-graph.js";

describe("unionties export", () => {
  const dir = mkdtempSync(join(tmpdir(), "unionties-export-"));
  const data = join(dir, "data");
  let expected = { nodes: 0, edges: 0 };

  beforeAll(async () => {
    const store = new MemoryStore({ dir: data });
    await store.open();
    await store.importGraph(fixtureGraph());
    const g = await store.exportGraph();
    expected = { nodes: g.nodes.length, edges: g.edges.length };
    await store.close();
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  });
  afterAll(() => vi.restoreAllMocks());

  const run = (...argv: string[]) => command.run([...argv, "--data", data, "--store", "memory"]);

  it("writes json, gexf and graphml that load back with the same counts", async () => {
    for (const [format, read] of [["json", fromJson], ["gexf", fromGexf], ["graphml", fromGraphml]] as const) {
      const out = join(dir, `g.${format}`);
      expect(await run("--format", format, "--out", out)).toBe(0);
      const g = read(readFileSync(out, "utf8"));
      expect({ format, nodes: g.nodes.length, edges: g.edges.length }).toEqual({ format, ...expected });
    }
  });

  it("writes csv as a nodes file and an edges file beside it", async () => {
    expect(await run("--format", "csv", "--out", join(dir, "net.csv"))).toBe(0);
    const g = fromCsv(readFileSync(join(dir, "net-nodes.csv"), "utf8"), readFileSync(join(dir, "net-edges.csv"), "utf8"));
    expect({ nodes: g.nodes.length, edges: g.edges.length }).toEqual(expected);
  });

  it("limits the export to a node's neighbourhood and to relationship types", async () => {
    const out = join(dir, "hood.json");
    expect(await run("--format", "json", "--out", out, "--node", "zenrokyo", "--depth", "2", "--types", "TIE")).toBe(0);
    const g = fromJson(readFileSync(out, "utf8"));
    expect(g.nodes.map((n) => n.key).sort()).toEqual(["kctu", "kmu", "zenrokyo"]);
    expect(g.edges.every((e) => e.attributes.type === "TIE")).toBe(true);
  });

  it("draws an svg figure with title and cited sources, and a png twice its size", async () => {
    const svgOut = join(dir, "fig.svg");
    expect(await run("--format", "svg", "--out", svgOut, "--title", "Seed network")).toBe(0);
    const svg = readFileSync(svgOut, "utf8");
    expect(parseXml(svg).name).toBe("svg");
    expect(svg).toContain("Seed network");
    expect(svg).toContain("Vogt, G. and Lersch, P. (2007)");
    const pngOut = join(dir, "fig.png");
    expect(await run("--format", "png", "--out", pngOut)).toBe(0);
    const png = readFileSync(pngOut);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(3200);
    expect(png.readUInt32BE(20)).toBe(2000);
  });

  it("refuses an unknown format or a missing --out as a usage error", async () => {
    await expect(run("--format", "pdf", "--out", join(dir, "x"))).rejects.toThrow(/--format/);
    await expect(run("--format", "json")).rejects.toThrow(/--out/);
  });
});
