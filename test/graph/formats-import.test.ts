// `unionties import`: files from us and other tools load into the embedded
// store; a file that breaks the schema is refused with every problem listed
// and nothing written.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { command } from "../../cli/commands/import.js";
import { toGexf } from "../../graph/formats/index.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { generateScaleFree } from "../../bench/lib/graph-generator.js";
import { useTempDirs } from "./temp-dirs.js";

const tempDir = useTempDirs("unionties-import-");
afterEach(() => {
  vi.restoreAllMocks();
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((err += String(chunk)), true));
  const code = await command.run(argv);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe("unionties import", () => {
  it("refuses a file that breaks the schema, lists every problem and writes nothing", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.graphml");
    writeFileSync(file, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key id="k" for="node" attr.name="kind" attr.type="string"/><key id="t" for="edge" attr.name="type" attr.type="string"/>
      <graph edgedefault="directed">
        <node id="a"><data key="k">union</data></node>
        <node id="b"><data key="k">guild</data></node>
        <edge source="a" target="b"><data key="t">LIKES</data></edge>
        <edge source="a" target="c"><data key="t">TIE</data></edge>
      </graph></graphml>`);
    const data = join(dir, "store");
    const { code, err } = await run([file, "--data", data, "--store", "memory"]);
    expect(code).toBe(1);
    expect(err).toContain("3 problem(s)");
    expect(err).toContain("nodes[1].kind: unknown kind \"guild\"");
    expect(err).toContain("edges[0].type: unknown relationship type \"LIKES\"");
    expect(err).toContain("edges[1].target: node \"c\" does not exist");
    expect(existsSync(join(data, "graph.json"))).toBe(false);
  });

  it("refuses a document whose sha256 is not one (it would name a file outside the store's texts)", async () => {
    const dir = tempDir();
    const file = join(dir, "doc.json");
    const document = { nodeLabel: "Document", kind: "document", name: "a.txt", aliases: [], documents: [], mentions: 0, origin: "extracted", sha256: "../../etc/secret" };
    writeFileSync(file, JSON.stringify({ attributes: {}, options: { type: "mixed", multi: true, allowSelfLoops: false }, nodes: [{ key: "a", attributes: document }], edges: [] }));
    const data = join(dir, "store");
    const { code, err } = await run([file, "--data", data, "--store", "memory"]);
    expect(code).toBe(1);
    expect(err).toContain('nodes[0].sha256: "../../etc/secret" is not a SHA-256');
    expect(existsSync(join(data, "graph.json"))).toBe(false);
  });

  it("loads a CSV edge list with its node list and fills the kind and type asked for", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "net-nodes.csv"), "id,label,country\nrengo,Rengo,JP\nkctu,KCTU,KR\n");
    writeFileSync(join(dir, "net-edges.csv"), "source,target,confidence\nrengo,kctu,0.9\n");
    const data = join(dir, "store");
    const { code, out, err } = await run([join(dir, "net-edges.csv"), "--data", data, "--store", "memory", "--default-kind", "confederation", "--default-type", "TIE"]);
    expect(err).not.toContain("problem");
    expect(code).toBe(0);
    expect(out).toContain("imported 2 nodes and 1 relationships");
    const store = new MemoryStore({ dir: data });
    await store.open();
    const path = await store.shortestPaths("rengo", "kctu");
    expect(path![0].hops[0].relationship).toMatchObject({ id: "TIE:kctu:rengo", attributes: { type: "TIE", confidence: 0.9, polarity: "present" } });
    expect((await store.getNodes(["rengo"]))[0].attributes).toMatchObject({ name: "Rengo", kind: "confederation", nodeLabel: "Organization", country: "JP" });
  });

  it("loads GEXF written by the exporter into the same graph, and replaces only with --yes", async () => {
    const dir = tempDir();
    const { graph } = generateScaleFree({ nodes: 200, m: 2, seed: 3 });
    const file = join(dir, "g.gexf");
    writeFileSync(file, toGexf(graph));
    const data = join(dir, "store");
    expect((await run([file, "--data", data, "--store", "memory"])).code).toBe(0);
    const store = new MemoryStore({ dir: data });
    await store.open();
    const stats = await store.stats();
    expect([stats.nodes, stats.relationships]).toEqual([200, graph.edges.length]);
    await expect(command.run([file, "--data", data, "--replace"])).rejects.toMatchObject({ code: "USAGE" });
  });

  it("checks without writing on --dry-run", async () => {
    const dir = tempDir();
    const file = join(dir, "g.json");
    writeFileSync(file, JSON.stringify(generateScaleFree({ nodes: 50, m: 2, seed: 1 }).graph));
    const data = join(dir, "store");
    const { code, out } = await run([file, "--data", data, "--store", "memory", "--dry-run"]);
    expect(code).toBe(0);
    expect(out).toContain("checked 50 nodes");
    expect(existsSync(join(data, "graph.json"))).toBe(false);
  });
});
