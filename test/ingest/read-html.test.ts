// HTML documents: the text evidence indexes is the visible text, scripts and
// styles never reach it, entities are decoded, block elements make
// paragraphs, and nothing is ever run.

import { describe, expect, it } from "vitest";
import { readDocumentBytes } from "../../ingest/read/index.js";
import { htmlToText } from "../../ingest/read/html.js";

describe("HTML to visible text", () => {
  it("keeps visible text, drops script, style, comments and head furniture", () => {
    const { text, title } = htmlToText(
      "<html><head><title>Rengo &amp; KCTU</title><meta charset=utf-8><style>body{color:red}</style></head>" +
        "<body><!-- hidden --><h1>Union ties</h1><p>Rengo <i>met</i> KCTU.</p><script>document.write('x')</script>" +
        "<noscript>enable js</noscript><p>Second <a href=\"a>b\">paragraph</a>.</p></body></html>",
    );
    expect(text).toBe("Union ties\n\nRengo met KCTU.\n\nSecond paragraph.");
    expect(title).toBe("Rengo & KCTU");
  });

  it("decodes named and numeric character references", () => {
    expect(htmlToText("<p>Zent&omacr;itsu &#x41;&#66; caf&eacute; &ldquo;q&rdquo; &unknown; &#0; a&nbsp;b</p>").text).toBe(
      "Zentōitsu AB café “q” &unknown; \uFFFD a\u00A0b",
    );
  });

  it("turns <br> into a line break, keeps <pre> spacing and separates table cells", () => {
    expect(htmlToText("<p>one<br>two</p><pre>a  b\n c</pre><table><tr><td>x</td><td>y</td></tr></table>").text).toBe(
      "one\ntwo\n\na  b\nc\n\nx y",
    );
  });

  it("hides everything after an unclosed <script>", () => {
    expect(htmlToText("<p>shown</p><script>var a = '<p>not shown</p>'").text).toBe("shown");
  });

  it("collapses source whitespace like a browser", () => {
    expect(htmlToText("<p>  Rengo\n   and\tKCTU  </p>").text).toBe("Rengo and KCTU");
  });

  it("takes the title up to the next tag, from the first <title> that has a closing >", () => {
    expect(htmlToText("<TITLE lang=en>Rengo &amp; KCTU<b>x</b></TITLE><p>t</p>").title).toBe("Rengo & KCTU");
    expect(htmlToText("<titles>no</titles><title>yes</title><p>t</p>").title).toBe("yes");
    expect(htmlToText("<p>t</p><title>to the end").title).toBe("to the end");
    expect(htmlToText("<p>t</p><title").title).toBeUndefined();
    expect(htmlToText("<title></title><p>t</p>").title).toBeUndefined();
  });

  it("reads a page of unclosed <title tags in linear time (a hostile upload held the server's thread for minutes)", () => {
    // 240 KB: 12 s with the quadratic title regex; a few milliseconds when each "<title" is not rescanned to the end.
    const html = "<html><body>x" + "<title".repeat(40_000);
    const started = performance.now();
    expect(htmlToText(html).title).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("reading an HTML document", () => {
  it("indexes offsets into the visible text and maps normalised spans back to it", async () => {
    const doc = await readDocumentBytes(
      Buffer.from("<!doctype html><title>T</title><p>The organi-\nzations of Asia<sup>1</sup> met&nbsp;in Seoul.</p>"),
      "page.html",
    );
    expect(doc.format).toBe("html");
    expect(doc.text).toBe("The organi- zations of Asia1 met\u00A0in Seoul.");
    // a hyphen followed by a space (not a line break) in visible text is left alone
    expect(doc.normalized).toBe("The organi- zations of Asia met in Seoul.");
    const at = doc.normalized.indexOf("met in Seoul");
    expect(doc.text.slice(...doc.toOriginal(at, at + 12))).toBe("met\u00A0in Seoul");
  });

  it("never runs scripts or event handlers", async () => {
    const flag = "__unionties_html_flag__";
    const doc = await readDocumentBytes(
      Buffer.from(`<html><body onload="globalThis.${flag}=1"><img src=x onerror="globalThis.${flag}=1"><p>Safe text.</p><script>globalThis.${flag}=1</script></body></html>`),
      "evil.htm",
    );
    expect(doc.text).toBe("Safe text.");
    expect((globalThis as Record<string, unknown>)[flag]).toBeUndefined();
  });

  it("refuses an HTML page without visible text as empty", async () => {
    await expect(readDocumentBytes(Buffer.from("<html><head><script>x()</script></head><body> </body></html>"), "blank.html")).rejects.toMatchObject({ reason: "empty" });
  });

  it("reads an .html file without any markup as plain text", async () => {
    const doc = await readDocumentBytes(Buffer.from("Plain words, no tags & such."), "notes.html");
    expect(doc.format).toBe("txt");
    expect(doc.text).toBe("Plain words, no tags & such.");
  });
});
