// Property checks of the offset map on generated documents full of what the
// normaliser rewrites (hyphenated breaks, ligatures, quotes, odd spaces,
// combining marks, footnote markers, Markdown, page numbers, CRLF): every
// span maps inside the text and in order, and every span whose characters
// came from the original without anything removed in between maps to
// original wording that folds to exactly the normalised text.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ReadDocument, readDocumentBytes } from "../../ingest/read/index.js";

const FRAGMENTS = [
  "Rengo", "union", "KCTU", "ties", "organi", "zations", "Asia", "Pacific", "G7", "1990s", "84.3%",
  "\uFB01nance", "o\uFB03ce", "Zento\u0304itsu", "Sohyo\u0304", "\u201CJILAF\u201D", "\u2018APRO\u2019", "\u{1F91D}", "\u{20000}",
  " ", " ", " ", "  ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\t", "\u00A0", "\u2009", "-\n", "- \n", "-", ", ", ". ", ".",
  "1", "12", "<sup>3</sup>", "*", "**", "_", "# ", "\n\n42\n\n", "\u00AD", "\u200B",
];

const document = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 80 }).map((parts) => parts.join(""));

const LIGATURES: Record<string, string> = { "\uFB01": "fi", "\uFB03": "ffi" };

/** The reference folding, written independently of the normaliser. */
function fold(original: string): string {
  const chars = original
    .replace(/[\uFB01\uFB03]/g, (c) => LIGATURES[c]!)
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u00AD\u200B]/g, "")
    .replace(/[\u00A0\u2009]/g, " ")
    .normalize("NFC");
  return chars.replace(/\s+/g, (run) => (/\n[^\S\n]*\n/.test(run.replace(/\r/g, "")) ? "\n\n" : " "));
}

function charSpans(doc: ReadDocument): Array<[number, number]> {
  return Array.from({ length: doc.normalized.length }, (_, i) => doc.toOriginal(i, i + 1));
}

/**
 * True when [s, e) came from the original with nothing removed inside: each
 * char's source touches the previous one's, no whitespace char stands for
 * removed words, and neither edge cuts an expansion (a ligature's "f" of "fi")
 * or a paragraph break.
 */
function untouched(doc: ReadDocument, spans: Array<[number, number]>, s: number, e: number): boolean {
  const same = (i: number, j: number) => spans[i]![0] === spans[j]![0] && spans[i]![1] === spans[j]![1];
  if (s > 0 && same(s - 1, s)) return false;
  if (e < spans.length && same(e - 1, e)) return false;
  // nor cut a paragraph break in half (its "\n" alone has no folding of its own)
  const ws = (i: number) => i >= 0 && i < spans.length && /\s/.test(doc.normalized[i]!);
  if ((ws(s - 1) && ws(s)) || (ws(e - 1) && ws(e))) return false;
  for (let i = s; i < e; i++) {
    const [a, b] = spans[i]!;
    if (/\s/.test(doc.normalized[i]!) && /\S/.test(doc.text.slice(a, b))) return false;
    if (i > s && a > spans[i - 1]![1]) return false;
  }
  return true;
}

describe("the offset map (property checks)", () => {
  it("maps every span inside the decoded text and in order", async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 20 }), async (text, picks) => {
        let doc: ReadDocument;
        try {
          doc = await readDocumentBytes(Buffer.from(text), "gen.md");
        } catch (error) {
          expect((error as { reason?: string }).reason).toBe("empty"); // only all-whitespace documents may fail
          return;
        }
        const n = doc.normalized.length;
        let prev: [number, number] = [0, 0];
        const sorted = picks.map(([x, y]) => [x % (n + 1), y % (n + 1)].sort((p, q) => p - q) as [number, number]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
        for (const [s, e] of sorted) {
          const [a, b] = doc.toOriginal(s, e);
          expect(0 <= a && a <= b && b <= doc.text.length).toBe(true);
          expect(a).toBeGreaterThanOrEqual(prev[0]);
          prev = [a, b];
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it("gives original wording that folds to the normalised text for every untouched span", async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(document, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 5, maxLength: 40 }), async (text, picks) => {
        const doc = await readDocumentBytes(Buffer.from(text), "gen.md").catch(() => null);
        if (!doc) return;
        const spans = charSpans(doc);
        const n = doc.normalized.length;
        for (const [x, y] of picks) {
          const s = x % (n + 1);
          const e = s + (y % Math.min(12, n - s + 1));
          if (e <= s || !untouched(doc, spans, s, e)) continue;
          const [a, b] = doc.toOriginal(s, e);
          // whether a line break is a paragraph break (a heading line) is the normaliser's call: compare words and spacing
          const flat = (x: string) => x.replace(/\s+/g, " ");
          expect(flat(fold(doc.text.slice(a, b))), JSON.stringify({ text, s, e })).toBe(flat(doc.normalized.slice(s, e)));
          checked++;
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
    expect(checked).toBeGreaterThan(1000); // the property was exercised, not vacuously true
  });

  it("never leaves markup, footnote markers, soft hyphens or CR in the normalised text of generated documents", async () => {
    await fc.assert(
      fc.asyncProperty(document, async (text) => {
        const doc = await readDocumentBytes(Buffer.from(text), "gen.md").catch(() => null);
        if (!doc) return;
        expect(doc.normalized).not.toMatch(/<sup>|\r|\u00AD|\u200B|\uFB01|\u00A0|[^\S\n ]|^\s|\s$|\n{3,}| {2}/);
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });
});
