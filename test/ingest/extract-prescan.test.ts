// The cheap scans that let the extraction skip work, checked against what the
// skipped pattern finds: the event word pre-scan (on generated text full of
// its edge cases, a sentence with clean edges is given the whole text's words
// inside it, exactly what the rule's own pattern finds in the sentence alone)
// and the look for a references heading.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadCodebook } from "../../ingest/codebook.js";
import { readsAlone, referenceMatches } from "../../ingest/extract/anaphora.js";
import { edgesClean, eventWords } from "../../ingest/extract/events.js";
import { extractDocument } from "../../ingest/extract/extract-document.js";

const EVENT_WORD = /\b(p(?:rotest(?:s|ed)?)|d(?:emonstrat(?:ions?|ed)|ispute)|rall(?:y|ies|ied)|boycott|s(?:it-in|ymposium|ummit|trikes?)|actions?|c(?:onferences?|ongress|ampaign)|meeting|hearings?)\b/gi;
const PIECES = ["protest", "Protests", "protested", "sit-in", "sit", "-", "in", "action", "actions", "rally", "rallies", "meeting", "x", "s", "ed", "_", "1", " ", "\n", ".", ",", "é", "’"];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(""));

describe("the event word pre-scan", () => {
  it("gives a sentence with clean edges exactly the words the event pattern finds in it alone", () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, cuts) => {
        const words = eventWords(t);
        const points = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
        for (let i = 0; i + 1 < points.length; i += 2) {
          const span = { start: points[i]!, end: points[i + 1]! };
          if (!edgesClean(t, span)) continue;
          const inside: number[] = [];
          for (let w = 0; w < words.length; w += 2) if (words[w]! >= span.start && words[w + 1]! <= span.end) inside.push(words[w]! - span.start, words[w + 1]! - span.start);
          expect(eventWords(t.slice(span.start, span.end))).toEqual(inside);
          EVENT_WORD.lastIndex = 0;
          expect(EVENT_WORD.test(t.slice(span.start, span.end))).toBe(inside.length > 0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("reads a sentence alone when a word runs across one of its edges", () => {
    const t = "The unions met. They protested.";
    expect(edgesClean(t, { start: 0, end: 15 })).toBe(true);
    expect(edgesClean(t, { start: 16, end: t.length })).toBe(true);
    expect(edgesClean(t, { start: 16, end: 25 })).toBe(false);
    expect(edgesClean(t, { start: 5, end: 10 })).toBe(false);
  });
});

describe("the reference pattern's matches in the whole text", () => {
  const PARTS = ["the", "it", "its", "they", "state", "authorities", "government", "national", "organizations", "trade", "union", "unions", "group", "s", "is", "to", "in", " ", "  ", "\n", ".", ",", "-", "_", "1", "x", "é"];
  const folded = fc.array(fc.constantFrom(...PARTS), { maxLength: 40 }).map((p) => p.join(""));
  const shape = (ms: RegExpExecArray[], shift: number) => ms.map((m) => [m.index - shift, ...m]);

  it("are exactly the matches of the sentence alone, at the same offsets, wherever readsAlone says so", () => {
    // Sentences of the parts with their ends, joined by separators; each span is a sentence, its edges moved by -1, 0 or 1.
    const sentence = fc.tuple(fc.array(fc.constantFrom(...PARTS), { maxLength: 12 }), fc.constantFrom(".", "", ")", " "), fc.constantFrom(" ", "\n", "", "x", "-"), fc.integer({ min: -1, max: 1 }), fc.integer({ min: -1, max: 1 }));
    let read = 0;
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 8 }), (parts) => {
        let t = "";
        const spans: Array<{ start: number; end: number }> = [];
        for (const [words, end, gap, ds, de] of parts) {
          const start = t.length;
          t += words.join(" ") + end;
          spans.push({ start: start + ds, end: t.length + de });
          t += gap;
        }
        const whole = referenceMatches(t);
        for (const raw of spans) {
          const span = { start: Math.max(0, raw.start), end: Math.min(t.length, raw.end) };
          if (span.end <= span.start) continue;
          const before = whole.filter((m) => m.index < span.start).pop();
          const inside = whole.filter((m) => m.index >= span.start && m.index < span.end);
          if (!readsAlone(t, span, before, inside[inside.length - 1])) continue;
          if (inside.length) read++;
          expect(shape(referenceMatches(t.slice(span.start, span.end)), 0)).toEqual(shape(inside, span.start));
        }
      }),
      { numRuns: 3000 },
    );
    // (enough sentences with matches were read from the whole text for the property to mean something)
    expect(read).toBeGreaterThan(500);
  });

  it("are not used for a sentence that ends in a word or a space, or that a match runs into", () => {
    const t = "the union. the union is to blame.";
    const whole = referenceMatches(t);
    expect(readsAlone(t, { start: 0, end: 10 }, undefined, whole[0])).toBe(true);
    expect(readsAlone(t, { start: 0, end: 9 }, undefined, whole[0])).toBe(false);
    expect(readsAlone(t, { start: 0, end: 11 }, undefined, whole[0])).toBe(false);
    expect(readsAlone(t, { start: 4, end: 10 }, whole[0], undefined)).toBe(false);
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

  it("is not cut at a heading in the first third of the text, however many follow", () => {
    const text = `Literature\n\n${body}\n\nReferences\n\nZenroren (2004) Annual report.\n`;
    expect(counts(text).get("zenroren")).toBe(31);
    expect(counts(`${body}\n\nReferences\n\nZenroren (2004) Annual report.\n`).get("zenroren")).toBe(30);
    expect(counts(`References\n\n${body}Zenroren (2004) Annual report.\n`).get("zenroren")).toBe(31);
  });

  it("is not cut where the word is only part of a line", () => {
    const text = `${body}\n\nReferences to Zenroren abound. Zenroren (2004) Annual report.\n`;
    expect(counts(text).get("zenroren")).toBe(32);
  });
});
