// The shortcuts the extraction rules take for speed, each checked against the
// plain regular expression it stands for, on generated text full of its edge
// cases: the "no letter before" test done in code (collective actors), the
// coordinated names found from their " and X" (sub-organs), the role titles'
// shared prefixes and the enumerations found from a rarer letter (persons),
// and the collective patterns tried only near the nouns they need.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factoredAlternation } from "../../ingest/extract/alternation.js";
import { CLASS, classMatches } from "../../ingest/extract/class-matches.js";
import { AFTER, afterMatches } from "../../ingest/extract/collectives.js";
import { execNotAfterLetter, letterBefore } from "../../ingest/extract/letter-before.js";
import { enumerations } from "../../ingest/extract/persons.js";
import { coordinatedNames } from "../../ingest/extract/suborgans.js";

describe("the no-letter-before test done in code", () => {
  it("finds what the pattern with a leading (?<![\\p{L}]) finds", () => {
    const body = "(Thai|Korean|South\\s+Korean|US|\u{10400}x)(?:(?:, | and )(?:other )?(?:Thai|Korean|US))*\\s+(trade unions|unions|government)(?![\\p{L}])";
    const reference = new RegExp(`(?<![\\p{L}])${body}`, "gu");
    const plain = new RegExp(body, "gu");
    const parts = ["Thai", "Korean", "South Korean", "South  Korean", "US", "unions", "trade unions", "government", " and ", ", ", "other ", " ", "\n", "x", "é", "É", "1", "-", "ThaiThai", "σ", "\u{1F91D}", "\u{10400}", "\u{1D400}", "\ud800", "\udc00"];
    const text = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, (t) => {
        const found: Array<[number, string]> = [];
        let from = 0;
        for (let m = execNotAfterLetter(plain, t, from); m; m = execNotAfterLetter(plain, t, from)) {
          found.push([m.index, m[0]]);
          from = m.index + m[0].length;
        }
        expect(found).toEqual([...t.matchAll(reference)].map((m) => [m.index, m[0]]));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads a surrogate pair before the match as one letter", () => {
    expect(letterBefore("\u{1D400}x", 2)).toBe(true); // MATHEMATICAL BOLD CAPITAL A
    expect(letterBefore("\u{1F91D}x", 2)).toBe(false); // HANDSHAKE
    expect(letterBefore("\udc00x", 1)).toBe(false); // a lone low surrogate
    expect(letterBefore("éx", 1)).toBe(true);
    expect(letterBefore("x", 0)).toBe(false);
  });
});

describe("the collective nouns with countries after them", () => {
  it("are the matches of a global scan of the pattern", () => {
    const parts = ["unions in Japan", "NGOs in Korea and Japan", "civil society organisations in Thailand", "labour unions in", " in ", "trade unions", "unions", "labor unions", "labour unions", "NGOs", "civil society organizations", "organizations", "in", "Japan", "South Korea", "the Philippines", "and", ",", "x", "é", "\u{1D400}", "-", " ", "  ", "\t", "\n", "trade", "labour", "civil society"];
    const glued = fc.array(fc.constantFrom(...parts), { maxLength: 40 }).map((p) => p.join(""));
    const spaced = fc.array(fc.constantFrom(...parts), { maxLength: 40 }).map((p) => p.join(" "));
    let matched = 0;
    fc.assert(
      fc.property(fc.oneof(glued, spaced), (t) => {
        const expected = [...t.matchAll(AFTER)].map((m) => [m.index, ...m]);
        if (expected.length) matched++;
        expect(afterMatches(t).map((m) => [m.index, ...m])).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    expect(matched).toBeGreaterThan(100);
  });
});

describe("the classes of actors", () => {
  it("are the matches of a global scan of the pattern", () => {
    const parts = ["other", "foreign", "overseas", "domestic", "migrant support organizations", "church organisations", "political parties", "local authorities", "national political actors", "international organizations", "companies", "network", "civil society", "civil  society", "organizations", "organisations", "groups", "ngos", "csos", "factors", "in japan", "in", "japan", "abroad", "within", "all over", "other states", "countries", "asian regions", "x", "1", "_", "é", "-", " ", "  ", "\n", ",", "ngo"];
    const spaced = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((p) => p.join(" "));
    const glued = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((p) => p.join(""));
    let matched = 0;
    fc.assert(
      fc.property(fc.oneof(spaced, glued), (t) => {
        const expected = [...t.matchAll(CLASS)].map((m) => [m.index, ...m]);
        if (expected.length) matched++;
        expect(classMatches(t).map((m) => [m.index, ...m])).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    expect(matched).toBeGreaterThan(500);
  });
});

describe("the coordinated names", () => {
  it("are the matches of a global scan of the pattern", () => {
    const reference = /\b([A-Z][a-z]+) and ([A-Z][a-z]+) ([A-Z][a-z]+?)s\b/g;
    const parts = ["Upper and Lower Houses", "Lower and Upper House", "Houses and Lower Houses", " and Lower Houses", " and ", "Upper ", "Lower ", "Houses", "Housess", "House", "and", "ands", " And ", "Mc", "McDonald", "Japan's", "A", "a", "Bs", "x", "_", "1", "é", "Éa", " ", "\n", ","];
    const text = fc.array(fc.constantFrom(...parts), { maxLength: 30 }).map((p) => p.join(""));
    let matched = 0;
    fc.assert(
      fc.property(text, (t) => {
        const expected = [...t.matchAll(reference)].map((m) => [m.index, ...m]);
        if (expected.length) matched++;
        expect(coordinatedNames(t).map((m) => [m.index, ...m])).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
    expect(matched).toBeGreaterThan(50);
  });
});

describe("the factored alternation", () => {
  it("matches what the plain alternation matches, preferring the same word", () => {
    const atom = fc.constantFrom("a", "b", "ab", " ", "-", "\\s+a", "\\s+b");
    const word = fc.array(atom, { minLength: 1, maxLength: 5 }).map((a) => a.join(""));
    const words = fc.uniqueArray(word, { minLength: 1, maxLength: 8 }).filter((ws) => {
      try {
        factoredAlternation(ws);
        return true;
      } catch {
        return false;
      }
    });
    const text = fc.array(fc.constantFrom("a", "b", " ", "  ", "\n", "-", "x"), { maxLength: 20 }).map((p) => p.join(""));
    fc.assert(
      fc.property(words, text, fc.boolean(), (ws, t, ignoreCase) => {
        const flags = ignoreCase ? "gi" : "g";
        // What follows the words makes the engine come back into them when it fails.
        const tail = "(b|\\s+a|-|)(?!a)";
        const plain = new RegExp(`\\b((?:${ws.join("|")}))${tail}`, flags);
        const factored = new RegExp(`\\b(${factoredAlternation(ws)})${tail}`, flags);
        const all = (re: RegExp) => [...t.matchAll(re)].map((m) => [m.index, ...m]);
        expect(all(factored)).toEqual(all(plain));
      }),
      { numRuns: 3000, examples: [[["aba", "a", "ab"], "ab", false]] },
    );
  });

  it("refuses words it could not factor exactly", () => {
    expect(() => factoredAlternation(["a\\s+"])).toThrow();
    expect(() => factoredAlternation(["a\\s+ b"])).toThrow();
    expect(() => factoredAlternation(["a b", "a\\s+c"])).toThrow();
    expect(() => factoredAlternation(["A"])).toThrow();
  });
});

describe("the enumerations of persons", () => {
  it("are the matches of a global scan of the pattern", () => {
    const reference = /\b(?:namely|including|such as)\s+([^.;]{5,600})/gu;
    const parts = ["namely", "including", "such as", "such  as", "such", " as", "xnamely", "_including", "Namely", " ", "\n", ".", ";", "Keiko Otsu of HELP", ", ", "and", "abc", "é", "\u{1D400}", "y", "g", "c", "h as"];
    const glued = fc.array(fc.constantFrom(...parts), { maxLength: 40 }).map((p) => p.join(""));
    const spaced = fc.array(fc.constantFrom(...parts), { maxLength: 300 }).map((p) => p.join(" "));
    fc.assert(
      fc.property(fc.oneof(glued, spaced), (t) => {
        expect(enumerations(t).map((m) => [m.index, ...m])).toEqual([...t.matchAll(reference)].map((m) => [m.index, ...m]));
      }),
      { numRuns: 3000 },
    );
  });
});
