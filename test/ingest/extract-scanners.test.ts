// The hand-written scanners of the extraction checked against the regular
// expressions they replace, on generated text full of their edge cases:
// the tokenizer's word scan, the cue gate's key scan, and the abbreviation
// test of the sentence splitter. Each must give exactly what the regex gives.
// The word sets of the clause walk must answer as plain Sets do.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCodebook } from "../../ingest/codebook.js";
import { AFTER } from "../../ingest/extract/collectives.js";
import { KeyScanner } from "../../ingest/extract/key-scanner.js";
import { COUNTRY_SOURCE } from "../../ingest/extract/nationality.js";
import { needsSpaceFix } from "../../ingest/fold-text.js";
import { NameMatcher, satisfies, type CaseRule } from "../../ingest/name-matcher.js";
import { DEFINITION, definitionMatches } from "../../ingest/extract/definitions.js";
import { CANDIDATE } from "../../ingest/extract/organisations.js";
import { splitSentences } from "../../ingest/extract/sentences.js";
import { lowerForTokens, tokenize } from "../../ingest/extract/tokens.js";
import { WordSet } from "../../ingest/extract/word-set.js";

const PIECES = ["Rengo", "union", "’s", "'s", "s", "'", "’", "-", "co-operation", "ICFTU's", "Zentōitsu", "σοφια", "ΟΔΟΣ".toLowerCase(), "1990s", "_", "x", " ", "  ", "\n", "\u00a0", "\u2009", ".", ",", "(", ")", "é", "\u{1F91D}", "ENT"];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(""));

describe("the tokenizer's word scan", () => {
  it("gives the tokens and skeleton of the regex scan around any mentions", () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => {
        // mentions at sorted, non-overlapping random spans
        const points = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
        const mentions = [];
        for (let i = 0; i + 1 < points.length; i += 2) if (points[i]! < points[i + 1]!) mentions.push({ start: points[i]!, end: points[i + 1]!, ids: ["x"], via: "name" as const });
        const span = { start: 0, end: t.length };
        const plain = tokenize(t, span, mentions);
        const lower = lowerForTokens(t);
        if (lower === undefined) return;
        const fast = tokenize(t, span, mentions, lower);
        expect(fast.tokens).toEqual(plain.tokens);
        expect(fast.skeleton).toBe(plain.skeleton);
      }),
      { numRuns: 1000 },
    );
  });

  it("declines the shortcut when lower case changes length or depends on context", () => {
    expect(lowerForTokens("İstanbul")).toBeUndefined();
    expect(lowerForTokens("ΟΔΟΣ")).toBeUndefined();
    expect(lowerForTokens("Rengo’s")).toBe("rengo's");
  });
});

describe("the key scanner", () => {
  it("marks the groups of exactly the keys that occur", () => {
    const keys = fc.uniqueArray(fc.stringMatching(/^[ab -]{1,4}$/), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(keys, fc.stringMatching(/^[abc -]{0,30}$/), (ks, t) => {
        const scanner = new KeyScanner(ks, (k) => [ks.indexOf(k)]);
        const mark = new Uint8Array(ks.length);
        const any = scanner.scan(t, mark);
        expect([...mark].map(Boolean)).toEqual(ks.map((k) => t.includes(k)));
        expect(any).toBe(ks.some((k) => t.includes(k)));
      }),
      { numRuns: 1000 },
    );
  });
});

// The splitter's abbreviation test as it was written with regular expressions.
const ABBREVIATIONS = new Set(["e", "i", "g", "eg", "ie", "al", "etc", "cf", "vs", "prof", "dr", "mr", "mrs", "ms", "no", "nos", "vol", "pp", "p", "ed", "eds", "fig", "st", "co", "inc", "ltd", "jr", "sr", "u", "s", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "ca", "esp", "n.d", "d", "viz", "resp"]);
function referenceSplit(t: string): Array<{ start: number; end: number }> {
  const BOUNDARY = /([.!?])(["'»”’)\]]*)(\s+)(?=["'«“‘(\[]?[A-Z0-9*#\u00c0-\u00de\u0100-\u017f])|\n[ \t]*\n|(?<=^|\n)#{1,6}[ \t][^\n]*(?=\n|$)/g;
  const out: Array<{ start: number; end: number }> = [];
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(t[s]!)) s++;
    while (e > s && /\s/.test(t[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(t))) {
    if (m[1]) {
      if (m[1] === ".") {
        const word = /([\p{L}.]+)$/u.exec(t.slice(Math.max(0, m.index - 6), m.index))?.[1]?.toLowerCase() ?? "";
        if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /(^|\.)\p{L}\.\p{L}$/u.test(word)) continue;
      }
      push(start, m.index + m[1].length + m[2].length);
      start = m.index + m[0].length;
    } else {
      if (/[\p{Ll},]$/u.test(t.slice(Math.max(0, m.index - 1), m.index)) && /^[\p{Ll}\d]/u.test(t.slice(m.index + m[0].length).replace(/^\s+/, ""))) continue;
      push(start, m.index);
      start = m.index + m[0].length;
    }
  }
  push(start, t.length);
  return out;
}

describe("the sentence splitter's abbreviation test", () => {
  it("ends sentences exactly where the regex test does", () => {
    const words = ["Prof", "prof", "U.S", "e.g", "i.e", "n.d", "al", "J", "é", "Zō", "ß", "a.b.c", "Mr", "word", "1990", "\u{1D400}", "#", "## Head", "a#b"];
    const seps = [". ", ". A", ".\n\nThe ", "! ", " ", ".) The", ". É", "\n", "\n# ", "\n#\t", "\n####### "];
    const t = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...seps)), { maxLength: 12 }).map((p) => p.map(([w, s]) => w + s).join(""));
    fc.assert(
      fc.property(t, (x) => {
        expect(splitSentences(x)).toEqual(referenceSplit(x));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the organisation candidate pattern", () => {
  it("finds the runs the pattern with a leading lookbehind finds", () => {
    const CAP = "(?:[A-Z\\u00c0-\\u00de][A-Za-z0-9\\u00c0-\\u024f'’&]*(?:-[A-Za-z0-9\\u00c0-\\u024f'’]+)*|\\d+(?:st|nd|rd|th)?)";
    const LINK = "(?:of|for|and|on|in|to|against|the|&)";
    const reference = new RegExp(`(?<![A-Za-z0-9\\u00c0-\\u024f])${CAP}(?:[ \\t]+(?:${LINK}[ \\t]+){0,2}${CAP}){1,10}`, "g");
    const parts = ["Trade", "Union", "of", "the", "and", "Japan", "1990s", "21st", "x", "aB", "É", "é", "Ü", "Council", "-", "-Net", "'s", "’", "&", " ", "  ", "\t", "\n", ",", "(", "Ōita", "\u{1D400}"];
    const t = fc.array(fc.constantFrom(...parts), { maxLength: 40 }).map((p) => p.join(" ").replace(/  +/g, (s) => s.slice(1)));
    fc.assert(
      fc.property(t, (x) => {
        const all = (re: RegExp) => [...x.matchAll(re)].map((m) => [m.index, m[0]]);
        expect(all(CANDIDATE)).toEqual(all(reference));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the definition matches", () => {
  it("are the matches of a global scan of the whole text", () => {
    const parts = ["Trade", "Union", "Rengo", "of", "the", "für", "&", "x", "decision-making", "decision-Making", "U.S.", "É", "é", "(", ")", "(the", "KCTU)", "2003)", ",", ";", "\n", " ", "\t", "and", "Council", "a", "."];
    const t = fc.array(fc.constantFrom(...parts), { maxLength: 50 }).map((p) => p.join(" "));
    fc.assert(
      fc.property(t, (x) => {
        const reference = new RegExp(DEFINITION.source, "g");
        const expected = [...x.matchAll(reference)].map((m) => [m.index, ...m]);
        expect(definitionMatches(x).map((m) => [m.index, ...m])).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the collective pattern with countries after the noun", () => {
  it("finds what the pattern with a leading lookbehind finds", () => {
    const reference = new RegExp(`(?<![\\p{L}])(trade unions|unions|labou?r unions|NGOs|civil society organi[sz]ations)[ \\t\\n]+in[ \\t\\n]+((?:${COUNTRY_SOURCE})(?:(?:,[ \\t]*|[ \\t]+and[ \\t]+)(?:${COUNTRY_SOURCE}))*)(?![\\p{L}])`, "gu");
    const parts = ["trade unions", "unions", "labor unions", "labour unions", "NGOs", "civil society organizations", "civil society organisations", "in", "Japan", "Korea", "South Korea", "the Philippines", "Thailand", "and", ",", "x", "é", "É", "\u{1D400}", "\u{1D41A}", "-", "1", "'", "(", " ", "  ", "\t", "\n"];
    const t = fc.array(fc.constantFrom(...parts), { maxLength: 40 }).map((p) => p.join(""));
    const spaced = fc.array(fc.constantFrom(...parts), { maxLength: 40 }).map((p) => p.join(" "));
    fc.assert(
      fc.property(fc.oneof(t, spaced), (x) => {
        const all = (re: RegExp) => [...x.matchAll(re)].map((m) => [m.index, m[0], m[1], m[2]]);
        expect(all(AFTER)).toEqual(all(reference));
      }),
      { numRuns: 2000 },
    );
    // The check still holds right after an astral letter and at the start of the text.
    expect([..."\u{1D400}unions in Japan".matchAll(AFTER)]).toEqual([]);
    expect([..."unions in Japan".matchAll(AFTER)].map((m) => m[0])).toEqual(["unions in Japan"]);
  });
});

describe("the whole-name lookup of the name matcher", () => {
  it("gives the id of the match findAll finds over the whole name, or none", () => {
    const whole = (m: NameMatcher, name: string) => m.findAll(name).find((h) => h.start === 0 && h.end === name.length)?.id;
    const small = new NameMatcher([
      { name: "Korean Confederation of Trade Unions", id: "kctu" },
      { name: "KCTU", id: "kctu" },
      { name: "Zentōitsu Workers' Union", id: "zentoitsu" },
      { name: "Diet", id: "diet" },
      { name: "Japan–Korea EPA", id: "jkepa" },
    ]);
    const parts = ["Korean", "KOREAN", "korean", "Confederation", "of", "Trade", "Unions", "KCTU", "kctu", "Zentōitsu", "Zentoitsu", "Workers'", "Workers", "Union", "Diet", "diet", "DIET", "Japan", "Korea", "EPA", "–", "-", " ", "  ", "\n", "'", "s", "(", ")"];
    const name = fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 8 }).map((p) => p.join(" "));
    const glued = fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 8 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(name, glued), (x) => {
        expect(small.matchWhole(x)).toBe(whole(small, x));
      }),
      { numRuns: 3000 },
    );
    expect(small.matchWhole("Korean Confederation of Trade Unions")).toBe("kctu");
    expect(small.matchWhole("Zentoitsu Workers Union")).toBe("zentoitsu");
    expect(small.matchWhole("diet")).toBeUndefined();
    // The codebook's own names, in other cases and spacings, and with words around them.
    const codebook = loadCodebook();
    for (const entry of codebook.byId.values()) {
      for (const n of [entry.name, entry.name.toUpperCase(), entry.name.toLowerCase(), entry.name.replace(/ /g, "  "), `The ${entry.name}`, `${entry.name} (2004)`])
        expect(codebook.matcher.matchWhole(n)).toBe(whole(codebook.matcher, n));
    }
  });
});

describe("the name matcher's case rule", () => {
  it("answers as the rule through Unicode normalisation does", () => {
    const reference = (rule: CaseRule, span: string) => {
      if (rule === "none") return true;
      const first = span.charAt(0).normalize("NFD").charAt(0);
      if (rule === "initial") return first === first.toUpperCase() && first !== first.toLowerCase();
      const letters = span.normalize("NFD").replace(/[^\p{L}]/gu, "");
      return letters === letters.toUpperCase();
    };
    const parts = ["A", "a", "Z", "z", "KCTU", "Rengo", "ILO", "ilo", "1", "-", "'", " ", "Ō", "ō", "É", "é", "e\u0301", "E\u0301", "\u0301", "ß", "ǅ", "Σ", "σ", "ı", "İ", "\u{1D400}", "\u{10428}", "\u{10400}", "(", "’"];
    const span = fc.array(fc.constantFrom(...parts), { maxLength: 8 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.constantFrom<CaseRule>("none", "initial", "upper"), span, (rule, x) => {
        expect(satisfies(rule, x)).toBe(reference(rule, x));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("the name key's whitespace test", () => {
  it("answers as the pattern it replaces", () => {
    const reference = /\s\s|^\s|\s$|[^\S ]/;
    const spaces = [" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u1680", "\u2000", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u0085", "\u180e"];
    const parts = [...spaces, "a", "rengo", "-", "'", "é", "\u{1D400}"];
    const key = fc.array(fc.constantFrom(...parts), { maxLength: 10 }).map((p) => p.join(""));
    fc.assert(
      fc.property(key, (x) => {
        expect(needsSpaceFix(x)).toBe(reference.test(x));
      }),
      { numRuns: 5000 },
    );
    // Every code unit, alone and between letters.
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(needsSpaceFix(`a${ch}b`)).toBe(reference.test(`a${ch}b`));
    }
  });
});

describe("the word sets of the clause walk", () => {
  const word = fc.array(fc.constantFrom(...PIECES, "a", "b", "and", "the", "é", "x".repeat(15), "x".repeat(16)), { maxLength: 4 }).map((p) => p.join(""));

  it("answer every word as a plain Set of the same words does", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(word, { maxLength: 30 }), (members, probes) => {
        const set = new Set(members);
        const words = new WordSet(members);
        for (const w of [...members, ...probes]) expect(words.has(w)).toBe(set.has(w));
        expect([...words.keys()]).toEqual([...set]);
      }),
      { numRuns: 2000 },
    );
  });
});
