// The normalised text and its exact map back to the decoded text: each
// normalisation (hyphenation, ligatures, quotes, footnote markers, page
// furniture, markup, combining marks, whitespace) checked with its offsets.

import { describe, expect, it } from "vitest";
import { type ReadDocument, readDocumentBytes } from "../../ingest/read/index.js";

async function read(text: string, name = "doc.txt"): Promise<ReadDocument> {
  return readDocumentBytes(Buffer.from(text, "utf8"), name);
}

/** The original wording behind the first occurrence of `needle` in the normalised text. */
function originalOf(doc: ReadDocument, needle: string): string {
  const at = doc.normalized.indexOf(needle);
  expect(at, `"${needle}" in normalised text ${JSON.stringify(doc.normalized)}`).toBeGreaterThanOrEqual(0);
  const [a, b] = doc.toOriginal(at, at + needle.length);
  return doc.text.slice(a, b);
}

describe("line-break hyphenation", () => {
  it("joins a word split across lines and maps it to the split original", async () => {
    const doc = await read("Migrant support organi-\nzations met the union.\n");
    expect(doc.normalized).toBe("Migrant support organizations met the union.");
    expect(originalOf(doc, "organizations")).toBe("organi-\nzations");
  });

  it("keeps a real hyphen before a capital letter", async () => {
    const doc = await read("Unions of the Asia-\r\nPacific region.");
    expect(doc.normalized).toBe("Unions of the Asia-Pacific region.");
    expect(originalOf(doc, "Asia-Pacific")).toBe("Asia-\r\nPacific");
  });

  it("keeps the hyphen when the document spells the compound with one elsewhere", async () => {
    const doc = await read("Both state and non-\nstate actors. Non-state actors matter; non-state ties too.");
    expect(doc.normalized.startsWith("Both state and non-state actors.")).toBe(true);
    const doc2 = await read("The major-\nity of unions and the majority of members.");
    expect(doc2.normalized.startsWith("The majority of unions")).toBe(true);
  });

  it("handles trailing spaces before the line break", async () => {
    const doc = await read("interna- \n tional cooperation");
    expect(doc.normalized).toBe("international cooperation");
    expect(originalOf(doc, "international")).toBe("interna- \n tional");
  });
});

describe("character folding", () => {
  it("spells out ligatures and maps each letter to the ligature", async () => {
    const doc = await read("The \uFB01nancial ef\uFB02uence of the o\uFB03ce.");
    expect(doc.normalized).toBe("The financial effluence of the office.");
    expect(originalOf(doc, "financial")).toBe("\uFB01nancial");
    expect(originalOf(doc, "office")).toBe("o\uFB03ce");
    const at = doc.normalized.indexOf("fin");
    expect(doc.toOriginal(at, at + 1)).toEqual([4, 5]); // "f" alone maps to the whole ligature
  });

  it("straightens curly quotes and turns odd spaces into plain ones", async () => {
    const doc = await read("\u201CRengo\u201D and \u2018Zenroren\u2019s\u2019 ties,\u00A0in\u2009Tokyo");
    expect(doc.normalized).toBe("\"Rengo\" and 'Zenroren's' ties, in Tokyo");
    expect(originalOf(doc, '"Rengo"')).toBe("\u201CRengo\u201D");
    expect(originalOf(doc, "ties, in Tokyo")).toBe("ties,\u00A0in\u2009Tokyo");
  });

  it("composes NFD macrons so Rengo\u0304 reads as Rengō, mapped to both code units", async () => {
    const doc = await read("Talks with Rengo\u0304 and Zento\u0304itsu.");
    expect(doc.normalized).toBe("Talks with Rengō and Zentōitsu.");
    expect(originalOf(doc, "Rengō")).toBe("Rengo\u0304");
    expect(doc.text).toContain("Rengo\u0304"); // the decoded text itself is kept as it was
  });

  it("drops soft hyphens and zero-width characters", async () => {
    const doc = await read("inter\u00ADnational co\u200Boperation");
    expect(doc.normalized).toBe("international cooperation");
    expect(originalOf(doc, "international")).toBe("inter\u00ADnational");
  });
});

describe("footnote markers", () => {
  it("removes numbers glued to words and to sentence punctuation", async () => {
    const doc = await read("Cooperation in Asia1 gained momentum. It failed.12 Then countries10 joined the weakness12 of policy.");
    expect(doc.normalized).toBe("Cooperation in Asia gained momentum. It failed. Then countries joined the weakness of policy.");
    expect(originalOf(doc, "Asia gained")).toBe("Asia1 gained");
    expect(originalOf(doc, "failed. Then")).toBe("failed.12 Then");
  });

  it("removes a one-digit marker after an acronym followed by a lower-case word", async () => {
    const doc = await read("clauses were included both in NAFTA2 and the EU charter.");
    expect(doc.normalized).toBe("clauses were included both in NAFTA and the EU charter.");
  });

  it("leaves codes, years, page references and decimals alone", async () => {
    const text = "The G7 and G20 met in 1990s Osaka (p.12, pp. 7-9) with 84.3% of COVID-19 cases, ASEAN+3, ITUC2 The end, C87 and Article 9.";
    const doc = await read(text);
    expect(doc.normalized).toBe(text);
  });

  it("removes <sup> footnote references but keeps ordinal suffixes", async () => {
    const doc = await read("accountability politics.<sup>1</sup> Section five on April 27<sup>th</sup> and Manami Yano<sup>8</sup>; several");
    expect(doc.normalized).toBe("accountability politics. Section five on April 27th and Manami Yano; several");
    expect(originalOf(doc, "27th")).toBe("27<sup>th");
  });
});

describe("page furniture", () => {
  const page = (n: number, body: string) => `${body}\n${300 + n}\n\nVerena BLECHINGER and Jochen LEGEWIE\n\n`;

  it("removes repeated running headers and bare page numbers, rejoining a sentence across the page break", async () => {
    const text =
      page(1, "Japan lobbied behind the scenes prior to the") +
      page(2, "summit, and collected support.\n\nA new paragraph starts") +
      page(3, "here and ends.") +
      "Last words.";
    const doc = await read(text);
    expect(doc.normalized).toBe(
      "Japan lobbied behind the scenes prior to the summit, and collected support.\n\nA new paragraph starts here and ends.\n\nLast words.",
    );
    expect(doc.normalized).not.toContain("BLECHINGER");
    expect(doc.normalized).not.toMatch(/30\d/);
    const [a, b] = doc.toOriginal(doc.normalized.indexOf("the summit"), doc.normalized.indexOf("the summit") + 10);
    expect(doc.text.slice(a, b)).toBe("the\n301\n\nVerena BLECHINGER and Jochen LEGEWIE\n\nsummit");
  });

  it("rejoins a word split by a page break that left the page number glued to its first half", async () => {
    const text = page(1, "an undirected process of in302\n creasing activity and") + page(2, "more text.") + page(3, "End.");
    const doc = await read(text);
    expect(doc.normalized).toBe("an undirected process of increasing activity and more text.\n\nEnd.");
    expect(originalOf(doc, "increasing")).toBe("in302\n creasing");
    // a number outside the document's page range is not a page number
    expect((await read(page(1, "the code area5000\nbelow") + page(2, "x.") + page(3, "y."))).normalized).toContain("area5000 below");
  });

  it("keeps a line that repeats inside running prose", async () => {
    const text = "Rengo said no.\nRengo said no.\nRengo said no.\n";
    const doc = await read(text);
    expect(doc.normalized).toBe("Rengo said no. Rengo said no. Rengo said no.");
  });

  it("joins a word hyphenated across a page break", async () => {
    const text = page(1, "The organi-") + page(2, "zations met.") + page(3, "Fine.");
    const doc = await read(text);
    expect(doc.normalized.startsWith("The organizations met.")).toBe(true);
  });
});

describe("markup and whitespace", () => {
  it("removes Markdown headings, emphasis and link syntax but keeps words and snake_case", async () => {
    const doc = await read(
      "# Title here\n\n*Gabriele Vogt and Philipp Lersch*\n\nThe **Ijuren** network, *Women's Shelter HELP* and _RINK_ in [Kansai](http://x.jp) use my_var_name.\n",
      "paper.md",
    );
    expect(doc.normalized).toBe(
      "Title here\n\nGabriele Vogt and Philipp Lersch\n\nThe Ijuren network, Women's Shelter HELP and RINK in Kansai use my_var_name.",
    );
    expect(originalOf(doc, "Ijuren network")).toBe("Ijuren** network");
    expect(originalOf(doc, "Women's Shelter HELP")).toBe("Women's Shelter HELP");
  });

  it("drops <script> content from the normalised text while the decoded text keeps it", async () => {
    const doc = await read("Before.\n<script>alert('x')</script>\nAfter.", "x.md");
    expect(doc.normalized).toBe("Before.\n\nAfter."); // a removed block line reads as a paragraph break
    expect(doc.text).toContain("<script>alert('x')</script>");
  });

  it("collapses line breaks inside a paragraph and keeps blank lines as paragraph breaks", async () => {
    const doc = await read("  First line\r\nsame paragraph.\r\n\r\n\r\nSecond\tparagraph.  \n");
    expect(doc.normalized).toBe("First line same paragraph.\n\nSecond paragraph.");
    expect(originalOf(doc, "line same")).toBe("line\r\nsame");
    const brk = doc.normalized.indexOf("\n\n");
    expect(doc.text.slice(...doc.toOriginal(brk, brk + 2))).toBe("\r\n\r\n\r\n");
  });
});

describe("headings without a blank line", () => {
  it("keeps a short heading line at the start of a block as its own paragraph", async () => {
    const doc = await read(" 1 INTRODUCTION\nIn the 1990s, cooperation grew and\nUnions followed.\n\nAbstract\nThis article examines.");
    expect(doc.normalized).toBe("1 INTRODUCTION\n\nIn the 1990s, cooperation grew and Unions followed.\n\nAbstract\n\nThis article examines.");
    const brk = doc.normalized.indexOf("\n\n");
    expect(doc.toOriginal(brk, brk + 2)).toEqual([15, 16]); // the single line break it stands for
  });
});

describe("toOriginal", () => {
  it("maps empty spans to a position and rejects spans outside the text", async () => {
    const doc = await read("ab  cd");
    expect(doc.normalized).toBe("ab cd");
    expect(doc.toOriginal(3, 3)).toEqual([4, 4]);
    expect(doc.toOriginal(5, 5)).toEqual([6, 6]);
    expect(() => doc.toOriginal(2, 9)).toThrow(RangeError);
    expect(() => doc.toOriginal(3, 1)).toThrow(RangeError);
    expect(() => doc.toOriginal(0.5, 1)).toThrow(RangeError);
  });

  it("indexes UTF-16 code units, so astral characters count two", async () => {
    const doc = await read("\u{1F600} \u{20000}Rengo met");
    expect(doc.normalized).toBe("\u{1F600} \u{20000}Rengo met");
    expect(doc.toOriginal(5, 10)).toEqual([5, 10]);
    expect(doc.text.slice(5, 10)).toBe("Rengo");
  });
});
