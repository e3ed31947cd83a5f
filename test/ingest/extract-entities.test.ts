// Entity rules on short sentences written for the tests: definitions of new
// acronyms, headed names, collective actors, people with roles, events.
import { describe, expect, it } from "vitest";
import { bundleOf, findRelation, relationKeys } from "./helpers.js";

const node = (text: string, id: string) => bundleOf(text).nodes.find((n) => n.id === id);

describe("entity recognition", () => {
  it("makes a new organisation from a definition and finds its acronym later", () => {
    const bundle = bundleOf("The Federation of Harbour Workers' Unions (FHWU) is small. The FHWU cooperates with the KCTU.");
    const fhwu = bundle.nodes.find((n) => n.attributes.aliases.includes("FHWU"));
    expect(fhwu).toBeDefined();
    expect(fhwu!.attributes.kind).toBe("federation");
    expect(fhwu!.attributes.origin).toBe("extracted");
    expect(fhwu!.mentions).toBeGreaterThanOrEqual(2);
    expect(findRelation(bundle, "TIE", fhwu!.id, "kctu")).toBeDefined();
  });

  it("adds a defined name to a codebook entity instead of making a new one", () => {
    const bundle = bundleOf("The National Trade Union Council (Zenrokyo) met the KCTU.");
    expect(bundle.nodes.filter((n) => n.id === "zenrokyo")).toHaveLength(1);
    expect(bundle.nodes.some((n) => n.attributes.origin === "extracted" && /Trade Union Council/.test(n.attributes.name))).toBe(false);
  });

  it("guesses the kind of a headed name and its country from a nationality word", () => {
    const union = node("The Kobe Dock Workers Union has ties with the KCTU.", "kobe-dock-workers-union");
    expect(union?.attributes.kind).toBe("union");
    const centre = node("Zenroren has ties with the Centre of Malaysian Trade Unions.", "centre-of-malaysian-trade-unions");
    expect(centre?.attributes.kind).toBe("confederation");
    expect(centre?.attributes.country).toBe("MY");
  });

  it("matches codebook names without case or macrons and prefers the longest name", () => {
    const bundle = bundleOf("ZENTŌITSU and the Zentoitsu Workers Union met the Korean Confederation of Trade Unions.");
    expect(bundle.nodes.find((n) => n.id === "zentoitsu")?.mentions).toBe(2);
    expect(bundle.nodes.find((n) => n.id === "kctu")?.mentions).toBe(1);
    expect(bundle.nodes.some((n) => n.id === "korean-trade-unions")).toBe(false);
  });

  it("makes one node per country for collective actors", () => {
    const keys = relationKeys("There were no ties between Japanese and Thai labor unions. Rengo did not engage with Thai trade unions.");
    expect(keys).toEqual(expect.arrayContaining(["TIE japanese-trade-unions thai-trade-unions absent", "TIE rengo thai-trade-unions absent"]));
    const thai = node("Rengo did not engage with Thai trade unions.", "thai-trade-unions");
    expect(thai?.attributes.country).toBe("TH");
    expect(thai?.attributes.kind).toBe("union");
  });

  it("links a person to the organisation of a role", () => {
    const bundle = bundleOf("Ijuren has one staff member, chairperson Manami Yano. Kenji Sato, head of Kanagawa City Union, took over as Ijuren's chairperson.");
    expect(findRelation(bundle, "ROLE_IN", "manami-yano", "ijuren")?.attributes.evidence[0].role).toBe("chairperson");
    expect(findRelation(bundle, "ROLE_IN", "kenji-sato", "kanagawa-city-union")).toBeDefined();
    expect(findRelation(bundle, "ROLE_IN", "kenji-sato", "ijuren")).toBeDefined();
  });

  it("gives each person of a namely-list a role in the organisation before it", () => {
    const keys = relationKeys("There are several co-representatives in Ijuren, namely Aiko Mori of RINK, and Ken Ito of Kanagawa City Union.");
    expect(keys).toEqual(expect.arrayContaining(["ROLE_IN aiko-mori ijuren", "ROLE_IN ken-ito ijuren", "TIE ijuren rink"]));
  });

  it("makes a dated protest an event with date, place and head count, participants and targets", () => {
    const bundle = bundleOf(
      "In November 2004, Korean social movements protested in front of the Ministry of Foreign Affairs against the Japan–Korea EPA. " +
        "Four hundred people took part in this protest. Zenrokyo participated because of its ties to the KCTU.",
    );
    const event = bundle.nodes.find((n) => n.attributes.nodeLabel === "Event");
    expect(event?.attributes).toMatchObject({ kind: "protest", date: "2004-11", participants: 400 });
    expect(findRelation(bundle, "TARGETS", event!.id, "mofa")).toBeDefined();
    expect(findRelation(bundle, "TARGETS", event!.id, "jkepa")).toBeDefined();
    expect(findRelation(bundle, "PARTICIPATED_IN", "korean-social-movements", event!.id)).toBeDefined();
    expect(findRelation(bundle, "PARTICIPATED_IN", "zenrokyo", event!.id)).toBeDefined();
  });

  it("records that an organisation could not take part as an absent participation", () => {
    const keys = relationKeys("In November 2004, Zenrokyo organized a protest against the Japan–Korea EPA. Zenroren supported the protest but could not participate in it.");
    expect(keys.some((k) => /^PARTICIPATED_IN zenrokyo protest.* $|^PARTICIPATED_IN zenrokyo protest/.test(k))).toBe(true);
    expect(keys.some((k) => /^PARTICIPATED_IN zenroren protest\S* absent$/.test(k))).toBe(true);
  });

  it("names a committee of a parliament as a body of its own, part of it", () => {
    const keys = relationKeys("Ijuren lobbied members of the Upper House's juridical consulting committee.");
    expect(keys).toEqual(expect.arrayContaining(["MEMBER_OF upper-house-juridical-consulting-committee upper-house"]));
  });
});
