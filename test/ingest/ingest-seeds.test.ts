// End to end over the three seed papers: every evidence quote is the text at
// its offsets, and the relations a reader of the papers would code are there.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import type { SerializedGraph } from "../../graph/types.js";
import { ingestPaths, type IngestReport } from "../../ingest/index.js";
import { codebook } from "./helpers.js";

const SEEDS = fileURLToPath(new URL("../../seeds/", import.meta.url));

describe("ingest of the seed papers", () => {
  let store: MemoryStore;
  let report: IngestReport;
  let graph: SerializedGraph;
  const has = (type: string, a: string, b: string, polarity = "present") =>
    graph.edges.some((e) => e.attributes.type === type && e.attributes.polarity === polarity && ((e.source === a && e.target === b) || (type === "TIE" && e.source === b && e.target === a)));

  beforeAll(async () => {
    store = new MemoryStore();
    await store.open();
    report = await ingestPaths(store, [SEEDS], { codebook: codebook(), reviewFile: null });
    graph = await store.exportGraph();
  }, 120_000);

  it("ingests the three papers and not the folder's notes", () => {
    expect(report.failed).toBe(0);
    expect(report.documents.map((d) => d.file)).toEqual([
      "blechinger-legewie-japan-regional-cooperation.txt",
      "gajewska-japanese-unions-regional-integration.txt",
      "vogt-lersch-migrant-support-organizations.txt",
    ]);
  });

  it("gives every relationship evidence whose quote is the document text at its offsets", async () => {
    const texts = new Map<string, string>();
    let checked = 0;
    for (const e of graph.edges) {
      if (e.attributes.type === "MENTIONS") continue;
      expect(e.attributes.evidence.length).toBeGreaterThan(0);
      for (const ev of e.attributes.evidence) {
        if (!texts.has(ev.document)) texts.set(ev.document, (await store.documentText(ev.document))!);
        expect(ev.quote).toBe(texts.get(ev.document)!.slice(ev.start, ev.end));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("connects Zenrokyo with the KCTU and the KMU by its strongest ties", () => {
    const tie = graph.edges.find((e) => e.attributes.type === "TIE" && [e.source, e.target].sort().join() === "kctu,zenrokyo");
    expect(tie?.attributes.strength).toBe("strong");
    expect(has("TIE", "zenrokyo", "kmu")).toBe(true);
  });

  it("codes Zenroren's contacts, its particularly good ties and its link to the Communist Party", () => {
    for (const other of ["kmu", "kctu", "indonesian-trade-unions", "citu"]) expect(has("TIE", "zenroren", other)).toBe(true);
    expect(has("TIE", "zenroren", "jcp")).toBe(true);
  });

  it("codes the absence of ties with Thai unions as absent, not as a tie", () => {
    expect(has("TIE", "rengo", "thai-trade-unions", "absent")).toBe(true);
    expect(has("TIE", "rengo", "thai-trade-unions")).toBe(false);
  });

  it("codes the 2004 protest against the Japan–Korea EPA with Zenrokyo taking part", () => {
    const protest = graph.nodes.find((n) => n.attributes.kind === "protest" && n.attributes.date === "2004-11");
    expect(protest).toBeDefined();
    expect(protest!.attributes.participants).toBe(400);
    expect(has("PARTICIPATED_IN", "zenrokyo", protest!.key)).toBe(true);
    expect(has("PARTICIPATED_IN", "zenroren", protest!.key, "absent")).toBe(true);
    expect(has("TARGETS", protest!.key, "jkepa")).toBe(true);
  });

  it("has Ijuren with its chairperson and co-representatives", () => {
    const ijuren = graph.nodes.find((n) => n.key === "ijuren");
    expect(ijuren?.attributes.aliases).toContain("SMJ");
    expect(has("ROLE_IN", "manami-yano", "ijuren")).toBe(true);
    expect(has("ROLE_IN", "torii-ippei", "ijuren")).toBe(true);
    expect(has("ROLE_IN", "keiko-otsu", "ijuren")).toBe(true);
  });

  it("codes membership, founding and blocking the papers state", () => {
    expect(has("MEMBER_OF", "apln", "ituc")).toBe(true);
    expect(has("MEMBER_OF", "jichiro", "psi")).toBe(true);
    expect(has("FOUNDED", "rengo", "jilaf")).toBe(true);
    expect(has("BLOCKS", "apec", "apln")).toBe(true);
    expect(has("BLOCKS", "government-jp", "zenroren")).toBe(true);
    expect(has("OPPOSES", "mofa", "meti")).toBe(true);
  });

  it("gives a path from Zenrokyo to the KCTU in the store", async () => {
    const paths = await store.shortestPaths("zenrokyo", "kctu");
    expect(paths?.[0]?.hops).toHaveLength(1);
  });
});
