// Title, authors and year as a document's text shows them, and nothing the
// text does not show.

import { describe, expect, it } from "vitest";
import { parseAuthorLine, readDocumentBytes } from "../../ingest/read/index.js";
import { extractMetadata } from "../../ingest/read/metadata.js";
import { textPdf } from "../fixtures/hostile.js";

describe("author lines", () => {
  it("splits names joined by commas, 'and' and '&', with footnote marks and emphasis removed", () => {
    expect(parseAuthorLine("*Gabriele Vogt and Philipp Lersch*")).toEqual(["Gabriele Vogt", "Philipp Lersch"]);
    expect(parseAuthorLine("Anna Smith1, Bo Lee* & Carla van der Berg")).toEqual(["Anna Smith", "Bo Lee", "Carla van der Berg"]);
    expect(parseAuthorLine("J. R. Tolkien, Mary-Ann O'Neil, and Kim Dae-jung")).toEqual(["J. R. Tolkien", "Mary-Ann O'Neil", "Kim Dae-jung"]);
  });

  it("shows all-capital surnames in title case", () => {
    expect(parseAuthorLine("Verena BLECHINGER and Jochen LEGEWIE")).toEqual(["Verena Blechinger", "Jochen Legewie"]);
  });

  it("rejects sentences, headings and single words", () => {
    for (const line of ["The Japanese Trade Unions", "1 INTRODUCTION", "Abstract", "Rengo and Zenroren met in 1989.", "Japan", "Trade unions and regional integration: a study"]) {
      expect(parseAuthorLine(line), line).toBeUndefined();
    }
  });
});

describe("document metadata", () => {
  it("takes a Markdown title with the author line under it", () => {
    expect(extractMetadata("\n\n# A Study of Ties\n\n*Ana Ruiz and Li Wei*\n\nBody text (2011) here.", [])).toEqual({
      title: "A Study of Ties",
      authors: ["Ana Ruiz", "Li Wei"],
    });
  });

  it("takes a plain first line as title and a year from a copyright notice", () => {
    expect(extractMetadata("Labour Internationalism in East Asia\nKatarzyna Gajewska\n© 2013 The Author\n\nAbstract\nText.", [])).toEqual({
      title: "Labour Internationalism in East Asia",
      authors: ["Katarzyna Gajewska"],
      year: 2013,
    });
  });

  it("reads a parenthesised year on the lines under the title but not from citations in the prose", () => {
    expect(extractMetadata("Union Ties in Asia\nAna Ruiz\n(2008)\n\nText.", []).year).toBe(2008);
    expect(extractMetadata("Union Ties in Asia\n\nAs Keck and Sikkink argue in a long opening paragraph that goes on and on, citing (Tarrow, 1998) and Pekkanen (2006) along the way.", []).year).toBeUndefined();
  });

  it("does not take a section heading or a sentence for a title", () => {
    expect(extractMetadata(" 1 INTRODUCTION\nIn the 1990s, cooperation grew.", []).title).toBeUndefined();
    expect(extractMetadata(" Abstract\nThis article examines unions.", []).title).toBeUndefined();
    expect(extractMetadata("the unions met in spring and talked.\nMore.", []).title).toBeUndefined();
  });

  it("uses the format's own title only when the text shows none", () => {
    expect(extractMetadata(" Abstract\nText.", [], { title: "From PDF info" }).title).toBe("From PDF info");
    expect(extractMetadata("# Shown Title\n\nText.", [], { title: "From PDF info" }).title).toBe("Shown Title");
  });

  it("reads the title from the first line of a PDF's text", async () => {
    const doc = await readDocumentBytes(textPdf([["Transnational Union Networks", "Ana Ruiz and Li Wei", "", "Body of the paper."]]), "paper.pdf");
    expect(doc.meta).toEqual({ title: "Transnational Union Networks", authors: ["Ana Ruiz", "Li Wei"] });
  });
});
