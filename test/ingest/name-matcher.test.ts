// The one-pass name matcher: longest name first, case and macron rules, word
// bounds, and cost that grows with the text, not with names × sentences.
import { describe, expect, it } from "vitest";
import { NameMatcher } from "../../ingest/name-matcher.js";

const matcher = new NameMatcher([
  { name: "Korean Confederation of Trade Unions", id: "kctu" },
  { name: "KCTU", id: "kctu" },
  { name: "Zentōitsu Workers' Union", id: "zentoitsu" },
  { name: "Diet", id: "diet" },
  { name: "ILO", id: "ilo" },
  { name: "Japan–Korea EPA", id: "jkepa" },
]);

describe("NameMatcher", () => {
  it("prefers the longest name and ignores case, macrons and apostrophes in long names", () => {
    const hits = matcher.findAll("The KOREAN Confederation of\nTrade Unions and Zentoitsu Workers Union met.");
    expect(hits.map((h) => h.id)).toEqual(["kctu", "zentoitsu"]);
    expect(hits[0]).toMatchObject({ start: 4, end: 40 });
  });

  it("wants acronyms in capitals and one-word names capitalised", () => {
    expect(matcher.findAll("a healthy diet, an ilo and the Diet and the ILO").map((h) => h.id)).toEqual(["diet", "ilo"]);
  });

  it("matches only whole words and treats dashes and hyphens alike", () => {
    expect(matcher.findAll("DIETS, KCTUs, Japan-Korea EPA").map((h) => h.id)).toEqual(["jkepa"]);
  });

  it("finds every mention in a long text, each at its own offset", () => {
    const sentence = "Rengo met the KCTU in Seoul. ";
    const text = sentence.repeat(40_000);
    const hits = matcher.findAll(text);
    expect(hits).toHaveLength(40_000);
    expect(hits.every((h, i) => h.id === "kctu" && h.start === i * sentence.length + 14 && h.end === h.start + 4)).toBe(true);
  });
});
