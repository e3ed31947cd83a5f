// The store contract suite: the same behaviour asked of every GraphStore.
// test/graph/memory-store.test.ts runs it on the embedded store and
// test/graph/neo4j-store.int.test.ts on a real Neo4j.
import { describe, expect, it as vitestIt } from "vitest";
import { exportCanonical, graphFingerprint } from "../../graph/canonical.js";
import type { GraphStore } from "../../graph/store.js";
import type { RelationshipRecord, SerializedGraph } from "../../graph/types.js";
import { bundleA, bundleAShort, bundleB, bundleC, makeBundle, permutations, sha256Hex } from "./store-fixtures.js";

/** Makes an empty, open store (the suite closes nothing: makeStore may hand out the same one, cleared). */
export type MakeStore = () => Promise<GraphStore>;

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);
const rel = (store: GraphStore, id: string) => store.getRelationship(id);

async function seeded(make: MakeStore): Promise<GraphStore> {
  const store = await make();
  for (const b of [bundleA(), bundleB(), bundleC()]) await store.upsertDocument(b);
  return store;
}

async function auditEvidence(store: GraphStore): Promise<{ withoutEvidence: number; mismatches: number; checked: number }> {
  const graph = await store.exportGraph();
  let withoutEvidence = 0;
  let mismatches = 0;
  let checked = 0;
  const texts = new Map<string, string | null>();
  for (const e of graph.edges) {
    const a = e.attributes;
    if (a.type === "MENTIONS") continue;
    if (a.origin === "extracted" && a.evidence.length === 0) withoutEvidence++;
    for (const ev of a.evidence) {
      if (!texts.has(ev.document)) texts.set(ev.document, await store.documentText(ev.document));
      checked++;
      if (texts.get(ev.document)?.slice(ev.start, ev.end) !== ev.quote) mismatches++;
    }
  }
  return { withoutEvidence, mismatches, checked };
}

/**
 * Registers the contract suite for one store.
 * @param options skip: register the tests as skipped; timeout: per test (ms), for servers on busy machines
 */
export function describeStoreContract(name: string, make: MakeStore, options: { skip?: boolean; timeout?: number } = {}): void {
  const it = (title: string, fn: () => Promise<void>) => vitestIt(title, fn, options.timeout);
  describe.skipIf(!!options.skip)(`store contract: ${name}`, () => {
    it("creates a document, leaves an identical one unchanged and replaces a changed one", async () => {
      const store = await make();
      expect((await store.upsertDocument(bundleA())).status).toBe("created");
      expect((await store.upsertDocument(bundleA())).status).toBe("unchanged");
      expect((await store.upsertDocument(bundleAShort())).status).toBe("replaced");
      expect(await store.documentHash("doc-a")).toBe(bundleAShort().document.attributes.sha256);
      expect(ids(await store.listDocuments())).toEqual(["doc-a"]);
    });

    it("gives the same graph when every document is written twice", async () => {
      const once = graphFingerprint(await (await seeded(make)).exportGraph());
      const store = await make();
      for (const b of [bundleA(), bundleA(), bundleB(), bundleC(), bundleB(), bundleC()]) await store.upsertDocument(b);
      const graph = await store.exportGraph();
      expect(graphFingerprint(graph)).toBe(once);
      const rengo = graph.nodes.find((n) => n.key === "rengo")!;
      expect(rengo.attributes.mentions).toBe(5);
      expect(rengo.attributes.documents).toEqual(["doc-a", "doc-c"]);
    });

    it("gives one fingerprint for all six orders of three documents", async () => {
      const prints = new Set<string>();
      for (const order of permutations([bundleA, bundleB, bundleC])) {
        const store = await make();
        for (const b of order) await store.upsertDocument(b());
        prints.add(graphFingerprint(await store.exportGraph()));
      }
      expect(prints.size).toBe(1);
    });

    it("derives a relationship's attributes from the evidence of every document", async () => {
      const store = await seeded(make);
      const tie = (await rel(store, "TIE:kctu:rengo"))!;
      expect(tie.attributes.evidence.map((e) => e.document)).toEqual(["doc-a", "doc-c"]);
      expect(tie.attributes.confidence).toBe(0.95);
      expect(tie.attributes.strength).toBe("strong");
      expect([tie.source, tie.target]).toEqual(["kctu", "rengo"]);
      const absent = (await rel(store, "TIE:rengo:thai-unions:absent"))!;
      expect(absent.attributes.polarity).toBe("absent");
      expect(await rel(store, "TIE:nobody:rengo")).toBeNull();
    });

    it("stores evidence whose quote is exactly the stored text at its offsets", async () => {
      const store = await seeded(make);
      expect(await auditEvidence(store)).toEqual({ withoutEvidence: 0, mismatches: 0, checked: 13 });
      expect(await store.documentText("doc-b")).toBe(bundleB().text);
      expect(await store.documentText("nope")).toBeNull();
    });

    it("finds nodes by name, alias and id regardless of case and accents, best match first", async () => {
      const store = await seeded(make);
      expect(ids((await store.search({ q: "RENGO" })).items)[0]).toBe("rengo");
      expect(ids((await store.search({ q: "zenrōren" })).items)).toEqual(["zenroren"]);
      expect(ids((await store.search({ q: "japanese trade union" })).items)).toEqual(["rengo"]);
      const conf = await store.search({ q: "confederation" });
      expect(ids(conf.items)).toEqual(["kctu", "rengo", "ituc"]);
      expect((await store.search({ q: "", kind: "confederation", country: "KR" })).total).toBe(2);
      const page = await store.search({ q: "", limit: 3, offset: 2 });
      expect(page.total).toBe(11);
      expect(page.items).toHaveLength(3);
      expect(ids((await store.search({ q: "document", label: "Document" })).items)).toEqual(["doc-a", "doc-b", "doc-c"]);
      expect((await store.search({ q: "no such union" })).total).toBe(0);
    });

    it("returns a node with its relationships, their evidence and its neighbours", async () => {
      const store = await seeded(make);
      const detail = (await store.getNode("kctu"))!;
      expect(detail.node.attributes.name).toBe("KCTU");
      expect(detail.node.attributes.mentions).toBe(7);
      expect(ids(detail.relationships)).toEqual([
        "MEMBER_OF:kctu:ituc",
        "OPPOSES:kctu:jkepa",
        "PARTICIPATED_IN:kctu:rally-2004",
        "TIE:kctu:rengo",
        "TIE:kctu:zenroren",
      ]);
      expect(detail.relationships.every((r) => r.attributes.evidence.length > 0)).toBe(true);
      expect(ids(detail.neighbours)).toEqual(["ituc", "jkepa", "rally-2004", "rengo", "zenroren"]);
      expect(await store.getNode("nope")).toBeNull();
      expect(ids(await store.getNodes(["mofa", "nope", "ituc"]))).toEqual(["mofa", "ituc"]);
    });

    it("returns the neighbourhood up to the asked depth, without absent ties unless asked", async () => {
      const store = await seeded(make);
      const one = (await store.neighbourhood("rengo", { depth: 1 }))!;
      expect(ids(one.nodes)).toEqual(["fktu", "ituc", "kctu", "mofa", "rengo"]);
      const withAbsent = (await store.neighbourhood("rengo", { depth: 1, includeAbsent: true }))!;
      expect(ids(withAbsent.nodes)).toContain("thai-unions");
      const two = (await store.neighbourhood("rengo", { depth: 2, types: ["TIE", "MEMBER_OF"] }))!;
      expect(ids(two.nodes)).toEqual(["fktu", "ituc", "kctu", "rengo", "zenroren"]);
      expect(ids(two.relationships)).toEqual(["MEMBER_OF:fktu:ituc", "MEMBER_OF:kctu:ituc", "MEMBER_OF:rengo:ituc", "TIE:fktu:rengo", "TIE:kctu:rengo", "TIE:kctu:zenroren"]);
      expect(await store.neighbourhood("nope")).toBeNull();
    });

    it("finds shortest paths with their length, hops and type filters", async () => {
      const store = await seeded(make);
      const [p] = (await store.shortestPaths("mofa", "zenroren"))!;
      expect(ids(p.nodes)).toEqual(["mofa", "rengo", "kctu", "zenroren"]);
      expect(p.hops.map((h) => [h.from, h.to, h.relationship.id])).toEqual([
        ["mofa", "rengo", "PRESSURES:rengo:mofa"],
        ["rengo", "kctu", "TIE:kctu:rengo"],
        ["kctu", "zenroren", "TIE:kctu:zenroren"],
      ]);
      const all = (await store.shortestPaths("fktu", "kctu", { all: true }))!;
      expect(all.map((x) => ids(x.nodes))).toEqual([["fktu", "ituc", "kctu"], ["fktu", "rengo", "kctu"]]);
      const onlyTies = (await store.shortestPaths("fktu", "kctu", { all: true, types: ["TIE"] }))!;
      expect(onlyTies.map((x) => ids(x.nodes))).toEqual([["fktu", "rengo", "kctu"]]);
      expect(await store.shortestPaths("rengo", "thai-unions")).toEqual([]);
      expect((await store.shortestPaths("rengo", "thai-unions", { includeAbsent: true }))![0].hops).toHaveLength(1);
      expect(await store.shortestPaths("mofa", "zenroren", { maxHops: 2 })).toEqual([]);
      expect(await store.shortestPaths("rengo", "lone-ngo")).toEqual([]);
      expect(await store.shortestPaths("rengo", "nope")).toBeNull();
      expect((await store.shortestPaths("rengo", "rengo"))![0].hops).toEqual([]);
    });

    it("finds relationships by pattern, either way round for ties", async () => {
      const store = await seeded(make);
      expect(ids(await store.findRelationships({ types: ["TIE"], source: "rengo" }))).toEqual(["TIE:fktu:rengo", "TIE:kctu:rengo", "TIE:rengo:thai-unions:absent"]);
      expect(ids(await store.findRelationships({ types: ["MEMBER_OF"], target: "ituc" }))).toEqual(["MEMBER_OF:fktu:ituc", "MEMBER_OF:kctu:ituc", "MEMBER_OF:rengo:ituc"]);
      expect(ids(await store.findRelationships({ polarity: "absent" }))).toEqual(["TIE:rengo:thai-unions:absent"]);
    });

    it("finds the relationships with evidence from one document", async () => {
      const store = await seeded(make);
      const all = await store.findRelationships({});
      for (const doc of ["doc-a", "doc-b", "doc-c"]) {
        const found = await store.findRelationships({ document: doc });
        expect(found.length).toBeGreaterThan(0);
        expect(found).toEqual(all.filter((r) => r.attributes.evidence.some((e) => e.document === doc)));
      }
      expect(ids(await store.findRelationships({ document: "doc-c", types: ["TIE"] }))).toContain("TIE:fktu:rengo");
      expect(ids(await store.findRelationships({ document: "doc-a", source: "rengo" }))).not.toContain("TIE:fktu:rengo");
      expect(await store.findRelationships({ document: "no-such-document" })).toEqual([]);
    });

    it("removes a document's evidence from relationships between nodes it does not mention", async () => {
      const store = await make();
      const org = (name: string) => ({ nodeLabel: "Organization", kind: "union", name, aliases: [], documents: [], mentions: 0, origin: "extracted" });
      const doc = (name: string) => ({ nodeLabel: "Document", kind: "document", name, title: name, aliases: [], documents: [], mentions: 0, origin: "extracted" });
      const evidence = (document: string) => ({ document, quote: "A funds B", start: 0, end: 9, confidence: 0.8 });
      const relationship = (type: string, source: string, target: string, documents: string[]) => ({ key: `${type}:${source}:${target}`, source, target, attributes: { type, polarity: "present", confidence: 0.8, origin: "extracted", evidence: documents.map(evidence) } });
      // doc-2 mentions b and c; doc-1 mentions nothing, yet its evidence is on both relationships.
      await store.importGraph({
        options: { type: "mixed", multi: true, allowSelfLoops: false },
        attributes: {},
        nodes: [{ key: "doc-1", attributes: doc("one") }, { key: "doc-2", attributes: doc("two") }, { key: "a", attributes: org("A") }, { key: "b", attributes: org("B") }, { key: "c", attributes: org("C") }],
        edges: [
          relationship("FUNDS", "a", "b", ["doc-1"]),
          { ...relationship("TIE", "b", "c", ["doc-1", "doc-2"]), undirected: true },
          { key: "MENTIONS:doc-2:b", source: "doc-2", target: "b", attributes: { type: "MENTIONS", polarity: "present", confidence: 1, origin: "extracted", evidence: [], count: 1 } },
          { key: "MENTIONS:doc-2:c", source: "doc-2", target: "c", attributes: { type: "MENTIONS", polarity: "present", confidence: 1, origin: "extracted", evidence: [], count: 1 } },
        ],
      } as never);
      expect(ids(await store.findRelationships({ document: "doc-1" }))).toEqual(["FUNDS:a:b", "TIE:b:c"]);
      expect(await store.removeDocument("doc-1")).toBe(true);
      expect(await store.findRelationships({ document: "doc-1" })).toEqual([]);
      expect(await rel(store, "FUNDS:a:b")).toBeNull();
      expect((await rel(store, "TIE:b:c"))!.attributes.evidence.map((e) => e.document)).toEqual(["doc-2"]);
      // a is left with nothing that mentions or links it; b and c keep doc-2.
      expect(await store.getNode("a")).toBeNull();
      expect((await store.getNodes(["b", "c"])).map((n) => n.id)).toEqual(["b", "c"]);
    });

    it("replaces a changed document without keeping evidence of the old text", async () => {
      const store = await seeded(make);
      await store.upsertDocument(bundleAShort());
      expect(await rel(store, "PRESSURES:rengo:mofa")).toBeNull();
      expect(await rel(store, "TIE:rengo:thai-unions:absent")).toBeNull();
      expect((await rel(store, "TIE:kctu:rengo"))!.attributes.evidence).toHaveLength(2);
      expect(await auditEvidence(store)).toMatchObject({ withoutEvidence: 0, mismatches: 0 });
      const fresh = await make();
      for (const b of [bundleAShort(), bundleB(), bundleC()]) await fresh.upsertDocument(b);
      expect(graphFingerprint(await store.exportGraph())).toBe(graphFingerprint(await fresh.exportGraph()));
    });

    it("removes a document's evidence, relationships left without any and nodes nothing mentions", async () => {
      const store = await seeded(make);
      expect(await store.removeDocument("doc-c")).toBe(true);
      expect(await store.removeDocument("doc-c")).toBe(false);
      expect(await store.getNode("lone-ngo")).toBeNull();
      expect(await store.getNode("fktu")).toBeNull();
      expect(await rel(store, "TIE:fktu:rengo")).toBeNull();
      const tie = (await rel(store, "TIE:kctu:rengo"))!;
      expect(tie.attributes.evidence.map((e) => e.document)).toEqual(["doc-a"]);
      expect(tie.attributes.confidence).toBe(0.9);
      expect((await store.getNode("rengo"))!.node.attributes.documents).toEqual(["doc-a"]);
      const fresh = await make();
      for (const b of [bundleA(), bundleB()]) await fresh.upsertDocument(b);
      expect(graphFingerprint(await store.exportGraph())).toBe(graphFingerprint(await fresh.exportGraph()));
    });

    it("keeps a review across a re-ingest and leaves rejected relationships out of reads", async () => {
      const store = await seeded(make);
      const reviewed = await store.reviewRelationship("TIE:kctu:zenroren", { decision: "correct", by: "ana", at: "2026-01-01T00:00:00Z", changes: { strength: "strong" } });
      expect(reviewed.attributes).toMatchObject({ origin: "reviewed", strength: "strong" });
      await store.reviewRelationship("OPPOSES:kctu:jkepa", { decision: "reject", by: "ana", at: "2026-01-01T00:00:00Z" });
      const changed = bundleB();
      changed.text += " ";
      changed.document.attributes.sha256 = sha256Hex(changed.text);
      expect((await store.upsertDocument(changed)).status).toBe("replaced");
      const again = (await rel(store, "TIE:kctu:zenroren"))!;
      expect(again.attributes).toMatchObject({ origin: "reviewed", strength: "strong", review: { by: "ana" } });
      expect(ids((await store.getNode("kctu"))!.relationships)).not.toContain("OPPOSES:kctu:jkepa");
      expect(ids(await store.findRelationships({ types: ["OPPOSES"] }))).toEqual([]);
      expect((await store.exportGraph()).edges.map((e) => e.key)).not.toContain("OPPOSES:kctu:jkepa");
      await expect(store.reviewRelationship("TIE:no:such", { decision: "accept", by: "ana", at: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("exports the interchange format and imports it back to the same fingerprint", async () => {
      const store = await seeded(make);
      const graph = await store.exportGraph();
      expect(graph.options).toMatchObject({ type: "mixed", multi: true });
      expect(graph.nodes).toHaveLength(14);
      const tie = graph.edges.find((e) => e.key === "TIE:kctu:rengo")!;
      expect(tie).toMatchObject({ source: "kctu", target: "rengo", undirected: true });
      const member = graph.edges.find((e) => e.key === "MEMBER_OF:rengo:ituc")!;
      expect(member.undirected ?? false).toBe(false);
      expect(JSON.stringify(graph)).not.toMatch(/"low":|"high":/);
      const copy = await make();
      expect(await copy.importGraph(graph)).toEqual({ nodes: 14, relationships: graph.edges.length });
      expect(graphFingerprint(await copy.exportGraph())).toBe(graphFingerprint(graph));
      const filtered = await store.exportGraph({ withoutDocuments: true, types: ["TIE"] });
      expect(filtered.edges.every((e: { attributes: RelationshipRecord["attributes"] }) => e.attributes.type === "TIE")).toBe(true);
      expect(exportCanonical(filtered).nodes.some((n) => n.attributes.nodeLabel === "Document")).toBe(false);
    });

    it("exports an overview: the best-connected nodes (ties by id) and the relationships among them, never documents", async () => {
      const store = await seeded(make);
      // Degrees over the relationships kept: kctu 5, rengo 5, ituc 3, rally-2004 3, fktu 2, jkepa 2, the rest 1 (MENTIONS never count).
      const keys = (g: SerializedGraph) => [g.nodes.map((n) => n.key).sort(), g.edges.map((e) => e.key).sort()];
      expect(keys(await store.exportGraph({ top: 1 }))).toEqual([["kctu"], []]);
      expect(keys(await store.exportGraph({ top: 3 }))).toEqual([["ituc", "kctu", "rengo"], ["MEMBER_OF:kctu:ituc", "MEMBER_OF:rengo:ituc", "TIE:kctu:rengo"]]);
      expect(keys(await store.exportGraph({ top: 5, withoutDocuments: true }))).toEqual([
        ["fktu", "ituc", "kctu", "rally-2004", "rengo"],
        ["MEMBER_OF:fktu:ituc", "MEMBER_OF:kctu:ituc", "MEMBER_OF:rengo:ituc", "PARTICIPATED_IN:kctu:rally-2004", "TIE:fktu:rengo", "TIE:kctu:rengo"],
      ]);
      // Counted over the types asked for: TIEs (the absent one included) make rengo 3, kctu 2, fktu first of the 1s by id.
      expect(keys(await store.exportGraph({ top: 3, types: ["TIE"] }))).toEqual([["fktu", "kctu", "rengo"], ["TIE:fktu:rengo", "TIE:kctu:rengo"]]);
      const all = await store.exportGraph({ top: 100 });
      expect(all.nodes).toHaveLength(11);
      expect(all.edges).toHaveLength(12);
      expect(all.edges.some((e) => e.attributes.type === "MENTIONS")).toBe(false);
    });

    it("keeps the nodes an overview includes besides its top, with the relationships among all of them", async () => {
      const store = await seeded(make);
      const keys = (g: SerializedGraph) => [g.nodes.map((n) => n.key).sort(), g.edges.map((e) => e.key).sort()];
      // kctu is the top 1; fktu comes in, without a relationship (its TIE is to rengo, not kept); a document and an unknown id never.
      expect(keys(await store.exportGraph({ top: 1, include: ["fktu", "paper-a", "nowhere"] }))).toEqual([["fktu", "kctu"], []]);
      expect(keys(await store.exportGraph({ top: 2, include: ["fktu"] }))).toEqual([["fktu", "kctu", "rengo"], ["TIE:fktu:rengo", "TIE:kctu:rengo"]]);
      // An included node the node filters leave out stays out.
      // Among KR nodes alone no relationship counts, so fktu is first by id; rengo is not KR.
      expect(keys(await store.exportGraph({ top: 1, countries: ["KR"], include: ["rengo", "kpa-fta"] }))[0]).toEqual(["fktu", "kpa-fta"]);
    });

    it("leaves out the nodes no kept relationship touches when asked", async () => {
      const store = await seeded(make);
      const keys = (g: SerializedGraph) => [g.nodes.map((n) => n.key).sort(), g.edges.map((e) => e.key).sort()];
      // Among the Japanese organisations some have no relationship to another Japanese one: they go, the relationships stay.
      const jp = await store.exportGraph({ countries: ["JP"] });
      const tied = await store.exportGraph({ countries: ["JP"], withoutIsolated: true });
      expect(keys(tied)[1]).toEqual(keys(jp)[1]);
      expect(tied.nodes.length).toBeLessThan(jp.nodes.length);
      const ends = new Set(jp.edges.flatMap((e) => [e.source, e.target]));
      expect(keys(tied)[0]).toEqual(keys(jp)[0].filter((id) => ends.has(id)));
      // With top and include: kctu and fktu share no relationship, so both go.
      expect(keys(await store.exportGraph({ top: 1, include: ["fktu"], withoutIsolated: true }))).toEqual([[], []]);
      expect(keys(await store.exportGraph({ top: 2, include: ["fktu"], withoutIsolated: true }))[0]).toEqual(["fktu", "kctu", "rengo"]);
    });

    it("refuses a document whose id is a stored organisation, or that names a stored document as its node, and changes nothing", async () => {
      const store = await seeded(make);
      const before = graphFingerprint(await store.exportGraph());
      // A document's id comes from its file name: an upload named "rengo.txt" must not replace the organisation.
      const named = makeBundle("rengo", "The FKTU joined ITUC.", { fktu: 1, ituc: 1 }, [["MEMBER_OF", "fktu", "ituc", "The FKTU joined ITUC"]]);
      await expect(store.upsertDocument(named)).rejects.toMatchObject({ code: "CONFLICT", statusCode: 409 });
      const naming = makeBundle("doc-d", "The FKTU joined ITUC.", { fktu: 1 }, []);
      naming.nodes.push({ id: "doc-a", attributes: { nodeLabel: "Organization", kind: "union", name: "Doc A Union", aliases: [], documents: [], mentions: 0, origin: "extracted" }, mentions: 1 });
      await expect(store.upsertDocument(naming)).rejects.toMatchObject({ code: "CONFLICT", statusCode: 409 });
      expect(graphFingerprint(await store.exportGraph())).toBe(before);
      expect((await store.getNode("rengo"))!.node.attributes.nodeLabel).toBe("Organization");
      expect(await rel(store, "MEMBER_OF:rengo:ituc")).not.toBeNull();
      expect(await store.documentHash("doc-a")).toBe(bundleA().document.attributes.sha256);
    });

    it("counts nodes, relationships and documents", async () => {
      const store = await seeded(make);
      const stats = await store.stats();
      expect(stats).toMatchObject({ nodes: 11, documents: 3, relationships: 12 });
      expect(stats.byType).toMatchObject({ TIE: 4, MEMBER_OF: 3, MENTIONS: 16 });
      expect(stats.byKind).toMatchObject({ confederation: 4, document: 3 });
      // Organisations by country (documents and nodes without a country never).
      expect(stats.byCountry).toEqual({ JP: 3, KR: 3, TH: 1 });
      await store.clear();
      expect((await store.stats()).nodes).toBe(0);
    });
  });
}
