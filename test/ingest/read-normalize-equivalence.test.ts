// The normaliser against its plain regex formulation (read-reference.ts) on
// generated PDF-like text: lines broken at 60-90 characters, hyphenated
// breaks of real and made-up compounds, page numbers alone or glued between
// lower-case words, running headers every few dozen lines, CRLF, form feeds,
// tabs, odd spaces, combining marks, footnote markers, Markdown and HTML
// bits, and short strings of the awkward characters alone. Text, the
// original span of every character and the headers must be the same.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "../../ingest/read/normalize.js";
import { type MappedText, spanToOriginal } from "../../ingest/read/offset-map.js";
import { referenceNormalize } from "./read-reference.js";

const WORDS = [
  "the", "of", "and", "union", "unions", "workers", "trade", "cooperation", "regional", "integration", "labour",
  "Rengo", "Zenroren", "Asia", "Japan", "NAFTA", "ASEAN+3", "G20", "In", "The", "However",
  "non-state", "Asia-Pacific", "decision-making", "long-term", "co-operation", "self-help", "cross-border",
  "organizations", "confederation", "federation", "increasing", "making", "state", "term",
  "\uFB01nance", "o\uFB03ce", "\u2019s", "\u201Cquoted\u201D", "Rengo\u0304", "So\u0304hyo\u0304", "\u0395\u03BB\u03BB\u0391\u03A3", "\u03C3\u03CD\u03BD\u03B4\u03B5\u03C3\u03BC\u03BF\u03C2",
  "\u043F\u0440\u043E\u0444\u0441\u043E\u044E\u0437", "\u0130stanbul", "\u{1D41A}\u{1D41B}", "\u{1F91D}", "\u65E5\u672C", "no\u00A0break", "soft\u00ADhyphen", "zero\u200Bwidth",
  "Asia1", "countries10", "NAFTA2 and", "programs.5", "policy.12", "(Calder 1997, 3\u201311).2", "1997).4", "1990", "53(1)",
  "*emphasis*", "**strong**", "_under_", "snake_case", "[link](http://x.org/a_(b))", "<sup>1</sup>", "<b>bold</b>", "[^1]", "a*b*c",
  "x.", "y,", "z;", "w:", "(v)", "2000\u20132010",
  // breaks the document itself decides: the compound and the closed word are both spelled in places
  "decision-\nmaking", "long-\r\nterm", "co-\noperation", "organi-\nzations", "non-\nstate", "Asia-\nPacific", "decisionmaking", "longterm",
];
const HEADERS = ["Journal of Labour Studies 53(1)", "BLECHINGER AND LEGEWIE", "Migrant support organizations"];
const PAGE = ["12", "13", "14", "iv", "Page 15", "- 16 -"];
const BREAK = ["\n", "\r\n", " \n", "\n ", "\t\n"];

/** One generated page-like text: lines of words, breaks, page furniture between blocks of lines. */
const pdfLike = fc
  .tuple(
    fc.array(fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }), fc.nat(99)), { minLength: 8, maxLength: 60 }),
    fc.constantFrom(...BREAK),
    fc.nat(),
  )
  .map(([lines, nl, seed]) => {
    const out: string[] = [];
    lines.forEach(([words, roll], i) => {
      let line = words.join(roll % 7 === 0 ? "  " : " ");
      if (roll < 12 && line.length > 6) line = `${line.slice(0, line.length - 3)}-${nl}${line.slice(line.length - 3)}`; // hyphenated break
      out.push(line, roll % 11 === 0 ? `${nl}${nl}` : roll % 13 === 0 ? "\f" : nl);
      const page = (i + seed) % 5;
      if (page === 0) out.push(`${nl}${PAGE[(i + seed) % PAGE.length]}${nl}${nl}${HEADERS[seed % HEADERS.length]}${nl}${nl}`);
      else if (page === 2) out.push(`${HEADERS[(i + seed) % HEADERS.length]}${nl}`);
      else if (page === 4 && roll % 2 === 0) out.push(`in${12 + (roll % 4)}${nl} creasing `);
      else if (roll === 98) out.push("# Heading", nl, "> quoted", nl, "1 INTRODUCTION", nl);
    });
    return out.join("");
  });

const AWKWARD = ["a", "B", "-", "\n", "\r\n", " ", "  ", "\t", "\f", "\v", "12", "300", "iv", "\u2019", "\u00A0", "\u0304", "\uFB01",
  "\u{1D41A}", "\uD835", "\u03A3", "\u0130", "<", "*", "_", "#", ">", "[^", ".", "\u2028", "\u0000", "\u00AD", "Hdr 1\n\n", "non", "in", "x"];
const awkward = fc.array(fc.constantFrom(...AWKWARD), { maxLength: 40 }).map((p) => p.join(""));

/** Every span of one character and every empty span, mapped to the original: "i:start-end" where they differ. */
function mapDifferences(text: string, mine: MappedText, reference: MappedText): string[] {
  const differences: string[] = [];
  const n = mine.text.length;
  for (let i = 0; i <= n && differences.length < 5; i++) {
    for (const end of i < n ? [i, i + 1] : [i]) {
      const [a, b] = spanToOriginal(mine, i, end, text.length);
      const [c, d] = spanToOriginal(reference, i, end, text.length);
      if (a !== c || b !== d) differences.push(`[${i}, ${end}): ${a}-${b} instead of ${c}-${d}`);
    }
  }
  return differences;
}

function expectEquivalent(text: string): void {
  for (const markup of [true, false]) {
    const mine = normalizeText(text, { markup });
    const reference = referenceNormalize(text, markup);
    expect(mine.mapped.text).toBe(reference.mapped.text);
    expect(mapDifferences(text, mine.mapped, reference.mapped)).toEqual([]);
    expect(mine.headers).toEqual(reference.headers);
  }
}

describe("the normaliser and its plain regex formulation", () => {
  it("agree on generated PDF-like text: text, every character's original span, headers", () => {
    fc.assert(fc.property(pdfLike, (text) => expectEquivalent(text)), { numRuns: 400 });
  });

  it("agree on short strings of awkward characters", () => {
    fc.assert(fc.property(awkward, (text) => expectEquivalent(text)), { numRuns: 3000 });
  });

  it("agree on the seed papers, also with CRLF line ends and form feeds", () => {
    for (const name of ["blechinger-legewie-japan-regional-cooperation", "gajewska-japanese-unions-regional-integration", "vogt-lersch-migrant-support-organizations"]) {
      const text = readFileSync(new URL(`../../seeds/${name}.txt`, import.meta.url), "utf8");
      for (const variant of [text, text.replace(/\n/g, "\r\n"), text.replace(/\n\n/g, "\n\f")]) expectEquivalent(variant);
    }
  });

  it("finds furniture, glued page numbers and hyphenated breaks in the generated text (the cases the steps differ on occur)", () => {
    const samples = fc.sample(pdfLike, { numRuns: 200, seed: 1 });
    const results = samples.map((text) => ({ text, out: referenceNormalize(text, true) }));
    expect(results.filter((r) => r.out.headers.length > 0).length).toBeGreaterThan(20);
    expect(results.filter((r) => /in1[2-5]\r?\n creasing/.test(r.text) && /increasing/.test(r.out.mapped.text)).length).toBeGreaterThan(5);
    expect(results.filter((r) => /[a-z]-\r?\n[a-z]/.test(r.text)).length).toBeGreaterThan(50);
  });
});
