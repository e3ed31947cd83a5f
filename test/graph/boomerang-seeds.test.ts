// The boomerang question the seed papers ask, answered from the graph the
// ingest builds out of seeds/: Ijuren's chain breaks after its reach to the
// Asian Migrant Centre (Vogt and Lersch), and Zenrokyo reaches the KCTU on its
// way to the Korean-Japanese protest at MOFA (Gajewska). Every leg is checked
// with its evidence, which must be the text at its offsets.
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeBoomerang, type BoomerangInstance, type BoomerangLegName } from "../../graph/algorithms/boomerang.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { ingestPaths } from "../../ingest/index.js";

let store: MemoryStore;

beforeAll(async () => {
  store = new MemoryStore();
  await store.open();
  const report = await ingestPaths(store, ["seeds"]);
  expect(report.failed).toBe(0);
}, 240_000);

const leg = (i: BoomerangInstance, name: BoomerangLegName) => i.legs.find((l) => l.leg === name)!;
const quotes = (i: BoomerangInstance, name: BoomerangLegName) => leg(i, name).relationships.flatMap((r) => r.attributes.evidence.map((e) => e.quote.replace(/\s+/g, " ")));

/** Every quote of the instance is the document's text between its offsets. */
async function expectEvidenceInText(instance: BoomerangInstance): Promise<void> {
  for (const l of instance.legs)
    for (const r of l.relationships)
      for (const e of r.attributes.evidence) {
        const text = await store.documentText(e.document);
        expect(text?.slice(e.start, e.end)).toBe(e.quote);
      }
}

describe("boomerang chains in the seed papers", () => {
  it("finds Ijuren reaching the Asian Migrant Centre and names partner pressure as the leg where its chain breaks", async () => {
    const result = await analyzeBoomerang(store, { org: "ijuren" });
    expect(result.query).toEqual({ state: "JP", org: "ijuren" });
    expect(result.summary.complete).toBe(0);
    const chain = result.instances.find((i) => i.nodes.partners.some((p) => p.id === "asian-migrant-centre"))!;
    expect(chain).toBeDefined();
    expect(chain.complete).toBe(false);
    expect(chain.brokenAt).toBe("pressure");
    expect(chain.missing).toContain("partner pressure");
    expect(chain.missing).toContain("pressure back on the state");
    expect(leg(chain, "reach").status).toBe("present");
    expect(quotes(chain, "reach").some((q) => q.includes("Asian Migrant Centre") && q.includes("Ijuren"))).toBe(true);
    expect(leg(chain, "reach").relationships.flatMap((r) => r.attributes.evidence.map((e) => e.document))).toContain("vogt-lersch-migrant-support-organizations");
    expect(leg(chain, "pressure")).toMatchObject({ status: "missing", relationships: [] });
    expect(leg(chain, "pressure").note).toContain("Asian Migrant Centre");
    expect(leg(chain, "boomerang")).toMatchObject({ status: "missing", relationships: [] });
    await expectEvidenceInText(chain);
  });

  // "direct lobbying access for *Ijuren* is limited" (Japan's tight political opportunity
  // structure): the ingest reads limited access as BLOCKS by the actor's own state.
  it("finds Ijuren blocked by the Japanese state (limited lobbying access)", async () => {
    const result = await analyzeBoomerang(store, { org: "ijuren" });
    const chain = result.instances.find((i) => i.nodes.partners.some((p) => p.id === "asian-migrant-centre"))!;
    expect(leg(chain, "block").status).toBe("present");
    expect(leg(chain, "block").relationships.every((r) => r.target === "ijuren" && r.attributes.type === "BLOCKS")).toBe(true);
    expect(chain.nodes.stateBodies.every((b) => b.attributes.kind === "government" && b.attributes.country === "JP")).toBe(true);
    expect(quotes(chain, "block").some((q) => q.includes("lobbying access for *Ijuren* is limited"))).toBe(true);
    expect(chain.missing).toEqual(["partner pressure", "pressure back on the state"]);
    await expectEvidenceInText(chain);
  });

  it("finds Zenrokyo excluded by the Japanese state, its strong tie to the KCTU and its stated lack of ties with Thai unions", async () => {
    const result = await analyzeBoomerang(store, { org: "zenrokyo" });
    const viaKctu = result.instances.find((i) => i.nodes.partners[0]?.id === "kctu" || i.nodes.partners.some((p) => p.id === "kctu"))!;
    expect(viaKctu).toBeDefined();
    expect(leg(viaKctu, "block").status).toBe("present");
    expect(quotes(viaKctu, "block")).toContain("More radical trade union organizations like Zenrokyo and Zenroren were excluded from the decision-making process.");
    const kctuTie = leg(viaKctu, "reach").relationships.find((r) => r.attributes.type === "TIE" && [r.source, r.target].includes("kctu"))!;
    expect([kctuTie.source, kctuTie.target].sort()).toEqual(["kctu", "zenrokyo"]);
    expect(kctuTie.attributes.evidence.map((e) => e.quote.replace(/\s+/g, " "))).toContain("Zenrokyo has its strongest ties with the KMU and the KCTU.");
    const thai = result.instances.find((i) => i.id === "zenrokyo#reach-absent")!;
    expect(leg(thai, "reach").status).toBe("absent");
    expect(quotes(thai, "reach").some((q) => q.includes("lacked ties with Thai trade unions"))).toBe(true);
    await expectEvidenceInText(viaKctu);
    await expectEvidenceInText(thai);
  });

  // The ingest names no KCTU-side participant of the November 2004 protest at MOFA, but the text puts
  // "Korean social movements" (KR) in it beside Zenrokyo ("Zenrokyo participated because of its ties
  // to the KCTU"): a joint action with the KCTU's compatriots carries the pressure leg.
  it("follows Zenrokyo through the KCTU to the protest at MOFA against the Japan–Korea EPA", async () => {
    const result = await analyzeBoomerang(store, { org: "zenrokyo" });
    const chain = result.instances.find((i) => i.nodes.partners[0]?.id === "kctu" && i.nodes.pressurer?.attributes.nodeLabel === "Event")!;
    expect(chain, `no chain from Zenrokyo through the KCTU to an event; instances: ${result.instances.map((i) => i.id).join(", ")}`).toBeDefined();
    expect(chain.complete).toBe(true);
    expect(chain.nodes.pressurer?.attributes.kind).toBe("protest");
    expect(chain.nodes.pressurer?.attributes.date).toBe("2004-11");
    expect(["mofa", "jkepa"]).toContain(chain.nodes.target?.id);
    expect(quotes(chain, "block").some((q) => q.includes("excluded from the decision-making process"))).toBe(true);
    expect(quotes(chain, "boomerang").some((q) => q.includes("Ministry of Foreign Affairs"))).toBe(true);
    await expectEvidenceInText(chain);
  });
});
