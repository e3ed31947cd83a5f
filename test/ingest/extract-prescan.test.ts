// The cheap scans that let the extraction skip work, checked against what the
// skipped pattern finds: the event word pre-scan (on generated text full of
// its edge cases, a sentence is skipped only where the rule's own pattern, run
// on the sentence alone, finds nothing) and the look for a references heading.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadCodebook } from "../../ingest/codebook.js";
import { eventWords, mayHoldEventWord } from "../../ingest/extract/events.js";
import { extractDocument } from "../../ingest/extract/extract-document.js";

const EVENT_WORD = /\b(p(?:rotest(?:s|ed)?)|d(?:emonstrat(?:ions?|ed)|ispute)|rall(?:y|ies|ied)|boycott|s(?:it-in|ymposium|ummit|trikes?)|actions?|c(?:onferences?|ongress|ampaign)|meeting|hearings?)\b/gi;
const PIECES = ["protest", "Protests", "protested", "sit-in", "sit", "-", "in", "action", "actions", "rally", "rallies", "meeting", "x", "s", "ed", "_", "1", " ", "\n", ".", ",", "é", "’"];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(""));

describe("the event word pre-scan", () => {
  it("never skips a sentence in which the event pattern finds a word, whatever its edges", () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, cuts) => {
        const words = eventWords(t);
        const points = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
        let w = 0;
        for (let i = 0; i + 1 < points.length; i += 2) {
          const span = { start: points[i]!, end: points[i + 1]! };
          while (w < words.length && words[w]! < span.start) w += 2;
          EVENT_WORD.lastIndex = 0;
          if (EVENT_WORD.test(t.slice(span.start, span.end))) expect(mayHoldEventWord(t, words, w, span)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("skips a sentence whose only event word lies in the next sentence", () => {
    const t = "The unions met. They protested.";
    const words = eventWords(t);
    expect(mayHoldEventWord(t, words, 0, { start: 0, end: 15 })).toBe(false);
    expect(mayHoldEventWord(t, words, 0, { start: 16, end: t.length })).toBe(true);
  });
});

describe("the references section", () => {
  const codebook = loadCodebook(join(process.cwd(), "seeds", "codebook.yaml"));
  const body = "Rengo has close ties with Zenroren. ".repeat(30);
  const counts = (text: string) => extractDocument(text, codebook).mentionCounts;

  it("is cut off whatever the case of its heading, so the names listed in it are not mentions", () => {
    for (const heading of ["References", "REFERENCES", "references", "## Bibliography", "Works Cited", "3 Literature Cited"]) {
      const text = `${body}\n\n${heading}\n\nZenroren (2004) Annual report. Zenroren (2005) Annual report.\n`;
      expect(counts(text).get("zenroren"), heading).toBe(30);
      expect(counts(text).get("rengo"), heading).toBe(30);
    }
  });

  it("is not cut where the word is only part of a line", () => {
    const text = `${body}\n\nReferences to Zenroren abound. Zenroren (2004) Annual report.\n`;
    expect(counts(text).get("zenroren")).toBe(32);
  });
});
