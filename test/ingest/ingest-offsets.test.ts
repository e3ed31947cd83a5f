// Evidence offsets through the reader: a name hyphenated across a line break
// and markup in the original are found in the normalised text, and the
// evidence quote is exactly the original text between its offsets.
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../graph/memory-store.js";
import { ingestBytes } from "../../ingest/index.js";
import { codebook } from "./helpers.js";

describe("evidence offsets", () => {
  it("maps spans found in the normalised text back to the original exactly", async () => {
    const text =
      "# Notes\n\nZenroren has bilateral con-\ntacts with the Korean Confed-\neration of Trade Unions (KCTU).<sup>3</sup> " +
      "Zenrokyo has its *strongest* ties with the KMU.\n";
    const store = new MemoryStore();
    await store.open();
    const report = await ingestBytes(store, { name: "offsets.md", bytes: Buffer.from(text) }, { codebook: codebook(), reviewFile: null });
    expect(report.status).toBe("created");
    const graph = await store.exportGraph();
    const original = (await store.documentText(report.id))!;
    expect(original).toBe(text);
    const ties = graph.edges.filter((e) => e.attributes.type === "TIE");
    expect(ties.map((e) => [e.source, e.target].sort().join("-")).sort()).toEqual(["kctu-zenroren", "kmu-zenrokyo"]);
    for (const edge of ties)
      for (const ev of edge.attributes.evidence) {
        expect(ev.quote).toBe(original.slice(ev.start, ev.end));
        expect(ev.quote.length).toBeGreaterThan(10);
      }
    const kctu = ties.find((e) => e.source === "kctu" || e.target === "kctu")!;
    expect(kctu.attributes.evidence[0].quote).toContain("Confed-\neration");
  });
});
