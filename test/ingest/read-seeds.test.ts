// The three seed papers read as the text shows them: ids from the file
// names, title and authors where the text states them (Vogt and Lersch's
// Markdown title and author line; Blechinger and Legewie's running header),
// nothing invented where it does not (Gajewska's text opens with "Abstract").

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../ingest/read/index.js";

const SEEDS = join(import.meta.dirname, "..", "..", "seeds");

describe("reading the seed papers", () => {
  it("finds the three seed files", () => {
    expect(readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort()).toEqual([
      "blechinger-legewie-japan-regional-cooperation.txt",
      "gajewska-japanese-unions-regional-integration.txt",
      "vogt-lersch-migrant-support-organizations.txt",
    ]);
  });

  it("reads Vogt and Lersch's Markdown title and author line", async () => {
    const doc = await readDocument(join(SEEDS, "vogt-lersch-migrant-support-organizations.txt"));
    expect(doc.id).toBe("vogt-lersch-migrant-support-organizations");
    expect(doc.format).toBe("txt");
    expect(doc.meta.title).toBe("Migrant Support Organizations in Japan – A Mixed-Method Approach");
    expect(doc.meta.authors).toEqual(["Gabriele Vogt", "Philipp Lersch"]);
    expect(doc.normalized).not.toMatch(/<sup>|\*Ijuren\*|^#/m);
  });

  it("reads Blechinger and Legewie's names from their running header and drops the header from the text", async () => {
    const doc = await readDocument(join(SEEDS, "blechinger-legewie-japan-regional-cooperation.txt"));
    expect(doc.meta.authors).toEqual(["Verena Blechinger", "Jochen Legewie"]);
    expect(doc.meta.title).toBeUndefined(); // the text starts at "1 INTRODUCTION"
    expect(doc.text).toContain("Verena BLECHINGER and Jochen LEGEWIE");
    expect(doc.normalized).not.toContain("BLECHINGER");
    expect(doc.normalized).toContain("prior to the summit, Japanese actors"); // rejoined across the page break
    expect(doc.normalized).toContain("cooperation in Asia gained momentum"); // "Asia1": footnote marker gone
  });

  it("invents no title or authors for Gajewska's text, which opens with the abstract", async () => {
    const doc = await readDocument(join(SEEDS, "gajewska-japanese-unions-regional-integration.txt"));
    expect(doc.meta.title).toBeUndefined();
    expect(doc.meta.authors).toBeUndefined();
    expect(doc.normalized).toContain("The majority of contributions"); // "major-\nity"
  });

  it("maps every word of every seed back to the same word in the decoded text", async () => {
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith(".txt"))) {
      const doc = await readDocument(join(SEEDS, file));
      let checked = 0;
      for (const m of doc.normalized.matchAll(/[A-Za-z]{4,}/g)) {
        const [a, b] = doc.toOriginal(m.index, m.index + m[0].length);
        const original = doc.text.slice(a, b);
        // the original is the word itself, or the word split by a line-break hyphen or a glued page number
        expect(original.replace(/(?:-|\d{1,4})[ \t]*\r?\n[ \t]*/g, "").replace(/[\u00AD\u200B]/g, "")).toBe(m[0]);
        checked++;
      }
      expect(checked).toBeGreaterThan(3000);
    }
  });
});
