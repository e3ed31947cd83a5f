// The boomerang analysis on small constructed graphs in the memory store:
// a complete chain, each leg missing in turn, absent-polarity legs, chains
// through an international body and a joint event, cycles, ranking, bounds
// and misuse.
import { describe, expect, it } from "vitest";
import { InvalidDataError, NotFoundError } from "../../graph/errors.js";
import { analyzeBoomerang, type BoomerangInstance, type BoomerangResult } from "../../graph/algorithms/boomerang.js";
import { MemoryStore } from "../../graph/memory-store.js";
import { BASE_NODES, BASE_RELS, buildGraph, type NodeSpec, type RelSpec } from "./boomerang-graph.js";

async function storeWith(nodes: NodeSpec[], rels: RelSpec[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.open();
  await store.importGraph(buildGraph(nodes, rels));
  return store;
}

const legStatus = (i: BoomerangInstance) => Object.fromEntries(i.legs.map((l) => [l.leg, l.status]));
const ids = (r: BoomerangResult) => r.instances.map((i) => i.id);
const quotes = (i: BoomerangInstance, leg: string) =>
  i.legs.find((l) => l.leg === leg)!.relationships.flatMap((r) => r.attributes.evidence.map((e) => e.quote));
const without = (leg: keyof typeof BASE_RELS) => Object.entries(BASE_RELS).filter(([k]) => k !== leg).map(([, r]) => r);

describe("boomerang analysis on the memory store", () => {
  it("finds a complete chain with every leg, its quotes and its weakest confidence", async () => {
    const store = await storeWith(BASE_NODES, Object.values(BASE_RELS));
    const result = await analyzeBoomerang(store, { state: "jp" });
    expect(result.query).toEqual({ state: "JP", org: null });
    expect(result.summary).toEqual({ complete: 1, partial: 0 });
    expect(ids(result)).toEqual(["ngo-a>union-k>gov-kr>gov-jp"]);
    const [chain] = result.instances;
    expect(chain.complete).toBe(true);
    expect(chain.score).toEqual({ legsPresent: 4, legsTotal: 4, weakestConfidence: 0.6 });
    expect(chain.missing).toEqual([]);
    expect(chain.brokenAt).toBeUndefined();
    expect(chain.nodes.domestic.id).toBe("ngo-a");
    expect(chain.nodes.stateBodies.map((n) => n.id)).toEqual(["gov-jp", "moj"]);
    expect(chain.nodes.partners.map((n) => n.id)).toEqual(["union-k"]);
    expect(chain.nodes.pressurer?.id).toBe("gov-kr");
    expect(chain.nodes.target?.id).toBe("gov-jp");
    expect(chain.legs.map((l) => [l.leg, l.status])).toEqual([["block", "present"], ["reach", "present"], ["pressure", "present"], ["boomerang", "present"]]);
    expect(quotes(chain, "block")).toEqual([BASE_RELS.block.quote]);
    expect(quotes(chain, "reach")).toEqual([BASE_RELS.reach.quote]);
    expect(quotes(chain, "pressure")).toEqual([BASE_RELS.pressure.quote]);
    expect(quotes(chain, "boomerang")).toEqual([BASE_RELS.boomerang.quote]);
  });

  it("names the block leg as missing when the state does not block the organisation", async () => {
    const store = await storeWith(BASE_NODES, without("block"));
    const [chain] = (await analyzeBoomerang(store, { state: "JP" })).instances;
    expect(chain.id).toBe("ngo-a>union-k>gov-kr>gov-jp");
    expect(chain.complete).toBe(false);
    expect(legStatus(chain)).toEqual({ block: "missing", reach: "present", pressure: "present", boomerang: "present" });
    expect(chain.missing).toEqual(["blocked by its state"]);
    expect(chain.score.legsPresent).toBe(3);
  });

  it("names reach and the legs after it as missing when a blocked organisation has no partner abroad", async () => {
    const store = await storeWith(BASE_NODES, without("reach"));
    const result = await analyzeBoomerang(store, { state: "JP" });
    expect(ids(result)).toEqual(["ngo-a#reach-missing"]);
    const [chain] = result.instances;
    expect(legStatus(chain)).toEqual({ block: "present", reach: "missing", pressure: "missing", boomerang: "missing" });
    expect(chain.brokenAt).toBe("reach");
    expect(chain.missing).toEqual(["reach across the border", "partner pressure", "pressure back on the state"]);
    expect(chain.nodes.partners).toEqual([]);
  });

  it("names the pressure leg as missing when the partner presses nobody", async () => {
    const store = await storeWith(BASE_NODES, without("pressure"));
    const [chain] = (await analyzeBoomerang(store, { state: "JP" })).instances;
    expect(chain.id).toBe("ngo-a#pressure-missing");
    expect(legStatus(chain)).toEqual({ block: "present", reach: "present", pressure: "missing", boomerang: "missing" });
    expect(chain.brokenAt).toBe("pressure");
    expect(chain.nodes.partners.map((n) => n.id)).toEqual(["union-k"]);
    expect(chain.nodes.pressurer).toBeUndefined();
  });

  it("names the boomerang leg as missing when the partner's state does not press the first state", async () => {
    const store = await storeWith(BASE_NODES, without("boomerang"));
    const [chain] = (await analyzeBoomerang(store, { state: "JP" })).instances;
    expect(chain.id).toBe("ngo-a>union-k>gov-kr");
    expect(legStatus(chain)).toEqual({ block: "present", reach: "present", pressure: "present", boomerang: "missing" });
    expect(chain.brokenAt).toBe("boomerang");
    expect(chain.missing).toEqual(["pressure back on the state"]);
    expect(chain.nodes.pressurer?.id).toBe("gov-kr");
    expect(chain.nodes.target).toBeUndefined();
  });

  it("shows a leg stated as absent with its quote, and does not count it as present", async () => {
    const absentBack: RelSpec = { ...BASE_RELS.boomerang, polarity: "absent", quote: "Seoul never raised the matter with Tokyo" };
    const absentBlock: RelSpec = { ...BASE_RELS.block, polarity: "absent", quote: "the ministry did not exclude NGO-A" };
    const store = await storeWith(BASE_NODES, [absentBlock, BASE_RELS.reach, BASE_RELS.pressure, absentBack]);
    const [chain] = (await analyzeBoomerang(store, { org: "ngo-a" })).instances;
    expect(chain.id).toBe("ngo-a>union-k>gov-kr");
    expect(legStatus(chain)).toEqual({ block: "absent", reach: "present", pressure: "present", boomerang: "absent" });
    expect(quotes(chain, "boomerang")).toEqual(["Seoul never raised the matter with Tokyo"]);
    expect(quotes(chain, "block")).toEqual(["the ministry did not exclude NGO-A"]);
    expect(chain.missing).toEqual(["blocked by its state", "pressure back on the state"]);
    expect(chain.score.legsPresent).toBe(2);
    expect(chain.nodes.stateBodies).toEqual([]);
  });

  it("lists a tie stated as absent as a broken reach, beside the chains that do exist", async () => {
    const nodes = [...BASE_NODES, { id: "union-t", kind: "union", country: "TH" } as NodeSpec];
    const noTie: RelSpec = { type: "TIE", source: "ngo-a", target: "union-t", polarity: "absent", quote: "there were no ties between NGO-A and Thai unions" };
    const store = await storeWith(nodes, [...Object.values(BASE_RELS), noTie]);
    const result = await analyzeBoomerang(store, { org: "ngo-a" });
    expect(ids(result)).toEqual(["ngo-a>union-k>gov-kr>gov-jp", "ngo-a#reach-absent"]);
    const broken = result.instances[1];
    expect(legStatus(broken)).toEqual({ block: "present", reach: "absent", pressure: "missing", boomerang: "missing" });
    expect(quotes(broken, "reach")).toEqual(["there were no ties between NGO-A and Thai unions"]);
    expect(broken.nodes.partners.map((n) => n.id)).toEqual(["union-t"]);
    expect(result.summary).toEqual({ complete: 1, partial: 1 });
  });

  it("follows two hops through a domestic network to a global union that presses an intergovernmental body", async () => {
    const nodes: NodeSpec[] = [
      ...BASE_NODES,
      { id: "jp-net", kind: "ngo", country: "JP" },
      { id: "gu", kind: "global_union" },
      { id: "ilo", kind: "igo" },
    ];
    const rels: RelSpec[] = [
      BASE_RELS.block,
      { type: "MEMBER_OF", source: "ngo-a", target: "jp-net", confidence: 0.9 },
      { type: "MEMBER_OF", source: "jp-net", target: "gu", confidence: 0.7 },
      { type: "PRESSURES", source: "gu", target: "ilo", confidence: 0.8, quote: "the global union filed a complaint with the ILO" },
      { type: "PRESSURES", source: "ilo", target: "gov-jp", confidence: 0.9, quote: "the ILO called on Japan to act" },
    ];
    const store = await storeWith(nodes, rels);
    const two = await analyzeBoomerang(store, { org: "ngo-a" });
    expect(ids(two)).toEqual(["ngo-a>jp-net>gu>ilo>gov-jp"]);
    const [chain] = two.instances;
    expect(chain.complete).toBe(true);
    expect(chain.nodes.partners.map((n) => n.id)).toEqual(["jp-net", "gu"]);
    expect(chain.nodes.pressurer?.id).toBe("ilo");
    expect(chain.score.weakestConfidence).toBe(0.7);
    expect(quotes(chain, "pressure")).toEqual(["the global union filed a complaint with the ILO"]);
    const one = await analyzeBoomerang(store, { org: "ngo-a" }, { maxPartnerHops: 1 });
    expect(ids(one)).toEqual(["ngo-a#reach-missing"]);
  });

  it("treats an intergovernmental partner as pressing on its own", async () => {
    const nodes: NodeSpec[] = [...BASE_NODES, { id: "ilo", kind: "igo" }];
    const rels: RelSpec[] = [
      BASE_RELS.block,
      { type: "TIE", source: "ngo-a", target: "ilo", confidence: 0.5 },
      { type: "PRESSURES", source: "ilo", target: "moj", confidence: 0.9 },
    ];
    const [chain] = (await analyzeBoomerang(await storeWith(nodes, rels), { state: "JP" })).instances;
    expect(chain.id).toBe("ngo-a>ilo>moj");
    expect(chain.complete).toBe(true);
    expect(chain.legs[2].relationships).toEqual([]);
    expect(chain.score.weakestConfidence).toBe(0.5);
  });

  it("carries the pressure through a joint event that targets an agreement of the first state", async () => {
    const nodes: NodeSpec[] = [
      ...BASE_NODES,
      { id: "protest", kind: "protest" },
      { id: "epa", kind: "epa", parties: ["JP", "KR"] },
      { id: "other-epa", kind: "epa", parties: ["KR", "US"] },
    ];
    const rels: RelSpec[] = [
      BASE_RELS.block,
      BASE_RELS.reach,
      { type: "PARTICIPATED_IN", source: "union-k", target: "protest", confidence: 0.75, quote: "UNION-K joined the protest" },
      { type: "TARGETS", source: "protest", target: "epa", confidence: 0.85, quote: "a protest against the EPA" },
      { type: "TARGETS", source: "protest", target: "other-epa", confidence: 0.85 },
    ];
    const [chain, ...rest] = (await analyzeBoomerang(await storeWith(nodes, rels), { state: "JP" })).instances;
    expect(rest).toEqual([]);
    expect(chain.id).toBe("ngo-a>union-k>protest>epa");
    expect(chain.complete).toBe(true);
    expect(chain.nodes.pressurer?.id).toBe("protest");
    expect(chain.nodes.target?.id).toBe("epa");
    expect(quotes(chain, "pressure")).toEqual(["UNION-K joined the protest"]);
    expect(quotes(chain, "boomerang")).toEqual(["a protest against the EPA"]);
    expect(chain.nodes.stateBodies.map((n) => n.id)).toEqual(["moj"]);
  });

  describe("a joint action with the partner's compatriots", () => {
    const nodes: NodeSpec[] = [
      ...BASE_NODES,
      { id: "protest", kind: "protest" },
      { id: "march", kind: "protest" },
      { id: "epa", kind: "epa", parties: ["JP", "KR"] },
      { id: "kr-movements", kind: "ngo", country: "KR", name: "Korean social movements" },
      { id: "jp-movements", kind: "ngo", country: "JP", name: "Japanese social movements" },
    ];
    const base: RelSpec[] = [BASE_RELS.block, BASE_RELS.reach];
    const joint = (co: string, polarity: "present" | "absent" = "present", target = "epa"): RelSpec[] => [
      ...base,
      { type: "PARTICIPATED_IN", source: "ngo-a", target: "protest", confidence: 0.9, quote: "NGO-A joined the protest" },
      { type: "PARTICIPATED_IN", source: co, target: "protest", confidence: 0.7, polarity, quote: `${co} joined the protest` },
      { type: "TARGETS", source: "protest", target, confidence: 0.85, quote: "a protest against the target" },
    ];
    const chainsThrough = (r: BoomerangResult) => r.instances.filter((i) => i.nodes.pressurer?.id === "protest");

    it("completes the chain: the organisation and the partner's compatriots protest against the first state", async () => {
      const result = await analyzeBoomerang(await storeWith(nodes, joint("kr-movements")), { org: "ngo-a" });
      const [chain] = chainsThrough(result);
      expect(chain.id).toBe("ngo-a>union-k>protest>epa");
      expect(chain.complete).toBe(true);
      expect(chain.nodes.partners.map((n) => n.id)).toEqual(["union-k"]);
      expect(chain.nodes.target?.id).toBe("epa");
      expect(quotes(chain, "pressure").sort()).toEqual(["NGO-A joined the protest", "kr-movements joined the protest"]);
      expect(quotes(chain, "boomerang")).toEqual(["a protest against the target"]);
      expect(chain.legs.find((l) => l.leg === "pressure")!.note).toContain("joint action with Korean social movements from KR");
      // Ranked below the same chain with the partner itself in the event: 0.9 × 0.7.
      expect(chain.score.weakestConfidence).toBe(0.63);
      expect(result.summary).toEqual({ complete: 1, partial: 0 });
    });

    it("ranks a joint action below the partner's own part in an event", async () => {
      const rels: RelSpec[] = [
        ...joint("kr-movements"),
        { type: "PARTICIPATED_IN", source: "union-k", target: "march", confidence: 0.7, quote: "UNION-K joined the march" },
        { type: "TARGETS", source: "march", target: "epa", confidence: 0.85 },
      ];
      const result = await analyzeBoomerang(await storeWith(nodes, rels), { org: "ngo-a" });
      expect(ids(result)).toEqual(["ngo-a>union-k>march>epa", "ngo-a>union-k>protest>epa"]);
    });

    it("does not count a co-participant of the organisation's own country", async () => {
      const result = await analyzeBoomerang(await storeWith(nodes, joint("jp-movements")), { org: "ngo-a" });
      expect(chainsThrough(result)).toEqual([]);
      expect(ids(result)).toEqual(["ngo-a#pressure-missing"]);
    });

    it("does not count an event that does not target the first state", async () => {
      const rels = [...joint("kr-movements", "present", "gov-kr")];
      const result = await analyzeBoomerang(await storeWith(nodes, rels), { org: "ngo-a" });
      expect(chainsThrough(result)).toEqual([]);
      expect(ids(result)).toEqual(["ngo-a#pressure-missing"]);
    });

    it("does not count participation stated as absent", async () => {
      const theirs = await analyzeBoomerang(await storeWith(nodes, joint("kr-movements", "absent")), { org: "ngo-a" });
      expect(ids(theirs)).toEqual(["ngo-a#pressure-missing"]);
      const rels = joint("kr-movements").map((r) => (r.source === "ngo-a" && r.type === "PARTICIPATED_IN" ? { ...r, polarity: "absent" as const } : r));
      const mine = await analyzeBoomerang(await storeWith(nodes, rels), { org: "ngo-a" });
      expect(ids(mine)).toEqual(["ngo-a#pressure-missing"]);
    });
  });

  it("terminates on cycles of ties and pressure and lists each chain once", async () => {
    const nodes: NodeSpec[] = [...BASE_NODES, { id: "union-k2", kind: "union", country: "KR" }, { id: "ngo-b", kind: "ngo", country: "JP" }];
    const rels: RelSpec[] = [
      ...Object.values(BASE_RELS),
      { type: "TIE", source: "union-k", target: "union-k2" },
      { type: "TIE", source: "union-k2", target: "ngo-a" },
      { type: "MEMBER_OF", source: "union-k", target: "ngo-a" },
      { type: "MEMBER_OF", source: "ngo-a", target: "ngo-b" },
      { type: "MEMBER_OF", source: "ngo-b", target: "ngo-a" },
      { type: "TIE", source: "ngo-b", target: "union-k" },
      { type: "PRESSURES", source: "gov-jp", target: "gov-kr" },
    ];
    const result = await analyzeBoomerang(await storeWith(nodes, rels), { state: "JP" });
    expect(ids(result)).toEqual([
      "ngo-a>ngo-b>union-k>gov-kr>gov-jp",
      "ngo-a>union-k2>union-k>gov-kr>gov-jp",
      "ngo-a>union-k>gov-kr>gov-jp",
      "ngo-b>ngo-a>union-k>gov-kr>gov-jp",
      "ngo-b>union-k>gov-kr>gov-jp",
      "ngo-a#pressure-missing",
      "ngo-b#pressure-missing",
    ]);
    // The TIE and the MEMBER_OF between ngo-a and union-k are two alternatives of one path, not two chains.
    expect(result.instances[2].legs[1].relationships.map((r) => r.id).sort()).toEqual(["MEMBER_OF:union-k:ngo-a", "TIE:ngo-a:union-k"]);
    expect(result.instances[5].nodes.partners.map((n) => n.id)).toEqual(["union-k2", "union-k"]);
  });
  it("ranks complete chains first, then by legs present, then by weakest confidence", async () => {
    const nodes: NodeSpec[] = [
      ...BASE_NODES,
      { id: "ngo-b", kind: "ngo", country: "JP" },
      { id: "ngo-c", kind: "ngo", country: "JP" },
      { id: "ngo-d", kind: "ngo", country: "JP" },
    ];
    const rels: RelSpec[] = [
      ...Object.values(BASE_RELS), // ngo-a: complete, weakest 0.6
      { type: "BLOCKS", source: "gov-jp", target: "ngo-b", confidence: 0.95 },
      { type: "TIE", source: "ngo-b", target: "union-k", confidence: 0.3 }, // ngo-b: complete, weakest 0.3
      { type: "TIE", source: "ngo-c", target: "union-k", confidence: 0.99 }, // ngo-c: three legs, not blocked
      { type: "BLOCKS", source: "moj", target: "ngo-d", confidence: 0.99 }, // ngo-d: blocked, nothing else
    ];
    const result = await analyzeBoomerang(await storeWith(nodes, rels), { state: "JP" });
    expect(ids(result)).toEqual(["ngo-a>union-k>gov-kr>gov-jp", "ngo-b>union-k>gov-kr>gov-jp", "ngo-c>union-k>gov-kr>gov-jp", "ngo-d#reach-missing"]);
    expect(result.instances.map((i) => i.score.weakestConfidence)).toEqual([0.6, 0.3, 0.6, 0.99]);
    expect(result.summary).toEqual({ complete: 2, partial: 2 });
  });

  it("lists for a state only its organisations that are blocked or reach out, never its government bodies", async () => {
    const nodes: NodeSpec[] = [...BASE_NODES, { id: "quiet", kind: "union", country: "JP" }, { id: "local", kind: "union", country: "JP" }];
    const rels: RelSpec[] = [...Object.values(BASE_RELS), { type: "TIE", source: "quiet", target: "local" }, { type: "TIE", source: "moj", target: "union-k" }];
    const result = await analyzeBoomerang(await storeWith(nodes, rels), { state: "JP" });
    expect(ids(result)).toEqual(["ngo-a>union-k>gov-kr>gov-jp"]);
    const korea = await analyzeBoomerang(await storeWith(nodes, rels), { state: "KR" });
    expect(ids(korea)).toEqual(["union-k#pressure-missing"]);
  });

  it("answers for one organisation even when it has no chain at all", async () => {
    const nodes: NodeSpec[] = [...BASE_NODES, { id: "alone", kind: "ngo", country: "JP" }];
    const result = await analyzeBoomerang(await storeWith(nodes, Object.values(BASE_RELS)), { org: "alone" });
    expect(result.query).toEqual({ state: "JP", org: "alone" });
    expect(ids(result)).toEqual(["alone#reach-missing"]);
    expect(legStatus(result.instances[0])).toEqual({ block: "missing", reach: "missing", pressure: "missing", boomerang: "missing" });
    expect(result.instances[0].score).toEqual({ legsPresent: 0, legsTotal: 4, weakestConfidence: 0 });
  });

  it("keeps only complete chains when asked, and says when the limit cuts the list", async () => {
    const nodes: NodeSpec[] = [...BASE_NODES, { id: "ngo-b", kind: "ngo", country: "JP" }, { id: "ngo-c", kind: "ngo", country: "JP" }];
    const rels: RelSpec[] = [
      ...Object.values(BASE_RELS),
      { type: "TIE", source: "ngo-b", target: "union-k" },
      { type: "BLOCKS", source: "moj", target: "ngo-c" },
    ];
    const store = await storeWith(nodes, rels);
    const complete = await analyzeBoomerang(store, { state: "JP" }, { includePartial: false });
    expect(ids(complete)).toEqual(["ngo-a>union-k>gov-kr>gov-jp"]);
    expect(complete.summary).toEqual({ complete: 1, partial: 2 });
    const two = await analyzeBoomerang(store, { state: "JP" }, { limit: 2 });
    expect(ids(two)).toEqual(["ngo-a>union-k>gov-kr>gov-jp", "ngo-b>union-k>gov-kr>gov-jp"]);
    expect(two.truncated).toBe(true);
  });

  it("bounds a broken chain through a hub to a few listed partners", async () => {
    const members: NodeSpec[] = Array.from({ length: 300 }, (_, i) => ({ id: `m${String(i).padStart(3, "0")}`, kind: "union", country: "KR" }));
    const nodes: NodeSpec[] = [...BASE_NODES, { id: "hub", kind: "global_union" }, ...members];
    const rels: RelSpec[] = [
      BASE_RELS.block,
      { type: "MEMBER_OF", source: "ngo-a", target: "hub" },
      ...members.map((m): RelSpec => ({ type: "MEMBER_OF", source: m.id, target: "hub" })),
    ];
    const result = await analyzeBoomerang(await storeWith(nodes, rels), { org: "ngo-a" });
    expect(ids(result)).toEqual(["ngo-a#pressure-missing"]);
    const [chain] = result.instances;
    expect(chain.nodes.partners.map((n) => n.id)).toEqual(["hub", ...members.slice(0, 24).map((m) => m.id)]);
    expect(chain.legs[1].note).toMatch(/; and 1 more$/);
  });

  it("says why an organisation without a country or a government body has no chain", async () => {
    const nodes: NodeSpec[] = [...BASE_NODES, { id: "stateless", kind: "ngo" }];
    const store = await storeWith(nodes, Object.values(BASE_RELS));
    const stateless = await analyzeBoomerang(store, { org: "stateless" });
    expect(stateless.instances).toEqual([]);
    expect(stateless.notes).toEqual(["STATELESS has no country, so no state of its own to be blocked by"]);
    expect((await analyzeBoomerang(store, { org: "moj" })).notes).toEqual(["MOJ is a government body, not a domestic organisation"]);
  });

  it("rejects a query without state or org, a malformed state, bad options and an unknown organisation", async () => {
    const store = await storeWith(BASE_NODES, Object.values(BASE_RELS));
    await expect(analyzeBoomerang(store, {})).rejects.toBeInstanceOf(InvalidDataError);
    await expect(analyzeBoomerang(store, { state: "Japan" })).rejects.toMatchObject({ code: "INVALID_DATA" });
    await expect(analyzeBoomerang(store, { state: "JP" }, { limit: 0, maxPartnerHops: 3 as 2 })).rejects.toMatchObject({
      problems: [{ path: "maxPartnerHops" }, { path: "limit" }],
    });
    await expect(analyzeBoomerang(store, { org: "nobody" })).rejects.toBeInstanceOf(NotFoundError);
  });
  it("follows at most 25 onward partners of a hub, the most promising first, and says so", async () => {
    const members: NodeSpec[] = Array.from({ length: 40 }, (_, i) => ({ id: `k${String(i).padStart(2, "0")}`, kind: "union", country: "KR" }));
    const rels: RelSpec[] = [
      BASE_RELS.block,
      { type: "MEMBER_OF", source: "ngo-a", target: "hub" },
      ...members.map((m): RelSpec => ({ type: "MEMBER_OF", source: m.id, target: "hub" })),
      ...members.map((m, i): RelSpec => ({ type: "PRESSURES", source: m.id, target: "gov-kr", confidence: i >= 35 ? 0.95 : 0.6 })),
      { type: "PRESSURES", source: "k39", target: "gov-jp", confidence: 0.9 }, // not a pressurer: presses the first state itself
      { type: "PRESSURES", source: "gov-kr", target: "gov-jp", confidence: 0.7 },
    ];
    const result = await analyzeBoomerang(await storeWith([...BASE_NODES, { id: "hub", kind: "global_union" }, ...members], rels), { org: "ngo-a" });
    expect(result.summary).toEqual({ complete: 25, partial: 1 }); // the hub itself presses nobody
    const followed = result.instances.filter((i) => i.complete).map((i) => i.nodes.partners[1].id);
    expect(followed.slice(0, 5)).toEqual(["k35", "k36", "k37", "k38", "k39"]); // the surest pressure first
    expect([...followed].sort()).toEqual([...members.slice(0, 20), ...members.slice(35)].map((m) => m.id));
    expect(result.notes).toEqual(["bounded: 15 onward partner(s) of hubs not followed (at most 25 per intermediary, the most promising)"]);
  });

  it("lists at most 20 chains through a pressurer per organisation in a state query, counting the rest", async () => {
    const partners: NodeSpec[] = Array.from({ length: 30 }, (_, i) => ({ id: `p${String(i).padStart(2, "0")}`, kind: "union", country: "KR" }));
    const rels: RelSpec[] = [
      BASE_RELS.block,
      ...partners.map((p, i): RelSpec => ({ type: "TIE", source: "ngo-a", target: p.id, confidence: 0.5 + i / 100 })),
      ...partners.map((p): RelSpec => ({ type: "PRESSURES", source: p.id, target: "gov-kr", confidence: 0.9 })),
      { ...BASE_RELS.boomerang, confidence: 0.95 },
    ];
    const store = await storeWith([...BASE_NODES, ...partners], rels);
    const state = await analyzeBoomerang(store, { state: "JP" }, { maxPartnerHops: 1 });
    expect(state.summary).toEqual({ complete: 30, partial: 0 });
    expect(state.instances).toHaveLength(20);
    expect(state.instances[0].id).toBe("ngo-a>p29>gov-kr>gov-jp");
    expect(state.truncated).toBe(true);
    expect(state.notes).toEqual(["bounded: 10 chain(s) counted but not listed (at most 20 per organisation, the best)"]);
    expect((await analyzeBoomerang(store, { org: "ngo-a" }, { maxPartnerHops: 1 })).instances).toHaveLength(30);
  });
});
