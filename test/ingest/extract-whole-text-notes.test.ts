// The whole-text tests of the extraction that read what folding noted instead
// of scanning again: the notes against the scans they replace, and the line-end
// test for a references heading against the four searches it stands in for
// (the text is cut exactly where it was).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayHaveReferencesAtLineEnds } from "../../ingest/extract/extract-document.js";
import { foldLowered, foldLoweredNoting } from "../../ingest/fold-text.js";

const REFERENCES = /^[#\s]*(?:\d+\s+)?(?:References|Bibliography|Works Cited|Literature Cited|Literature)\s*$/im;
const PIECES = ["References", "REFERENCES", "references", "Works Cited", "Literature Cited", "Literature", "Bibliography", "\n", " ", "\r", "\t", "#", "1 ", "x", "ab", ".", "\u2028", "\u2029", "‘", "’", "İ", "Σ", "\u212a", "-", "é"];
const text = fc
  .tuple(fc.nat({ max: 300 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }))
  .map(([pad, p]) => "x".repeat(pad) + p.join(""));

/** Where extractDocument cuts the text, given its test for a heading. */
function limitOf(t: string, may: boolean): number {
  const ref = may ? REFERENCES.exec(t) : null;
  return ref && ref.index > t.length / 3 ? ref.index : t.length;
}

describe("what folding notes", () => {
  it("is the fold and what the scans of the lowered text answer", () => {
    fc.assert(
      fc.property(text, (t) => {
        const lower = t.toLowerCase();
        const { folded, notes } = foldLoweredNoting(t, lower);
        expect(folded).toBe(foldLowered(t, lower));
        expect(notes).toEqual({ quotes: /[‘’]/.test(lower), breaks: /[\r\u2028\u2029]/.test(lower) });
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the line-end test for a references heading", () => {
  it("cuts every text where the four searches did", () => {
    fc.assert(
      fc.property(text, (t) => {
        const lower = t.toLowerCase();
        const from = Math.floor(t.length / 3);
        const old = lower.includes("references", from) || lower.includes("bibliography", from) || lower.includes("works cited", from) || lower.includes("literature", from);
        const now = mayHaveReferencesAtLineEnds(t, lower, from, foldLoweredNoting(t, lower).notes.breaks);
        expect(limitOf(t, now)).toBe(limitOf(t, old));
      }),
      { numRuns: 20000 },
    );
  });
});
