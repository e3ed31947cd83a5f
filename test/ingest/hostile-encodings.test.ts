// RELIABILITY B7.1: formats and encodings as a decision table. Every fixture
// has an expected outcome (decoded with a check, or failed:<reason>); the
// table of pass/fail is printed at the end. Silent U+FFFD insertions must be 0.

import { afterAll, describe, expect, it } from "vitest";
import { foldName } from "../../graph/text.js";
import { type ReadDocument, readDocumentBytes } from "../../ingest/read/index.js";
import { textPdf } from "../fixtures/hostile.js";

type Expectation = { fail: string } | { check: (doc: ReadDocument) => void };

interface Fixture {
  name: string;
  file: string;
  bytes: () => Uint8Array;
  expect: Expectation;
}

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};
const SAMPLE = "Rengo and Zenroren met KCTU in Seoul.\nThe ties were strong.";
// 連合 日本労働組合 in Shift_JIS, 한국노총 in EUC-KR (checked against TextDecoder below)
const SHIFT_JIS = [0x98, 0x41, 0x8d, 0x87, 0x20, 0x93, 0xfa, 0x96, 0x7b, 0x98, 0x4a, 0x93, 0xad, 0x91, 0x67, 0x8d, 0x87];
const EUC_KR = [0xc7, 0xd1, 0xb1, 0xb9, 0xb3, 0xeb, 0xc3, 0xd1];
const ascii = (s: string) => Buffer.from(s, "latin1");

const FIXTURES: Fixture[] = [
  { name: "0-byte file", file: "empty.txt", bytes: () => new Uint8Array(0), expect: { fail: "empty" } },
  { name: "whitespace only", file: "blank.txt", bytes: () => ascii(" \n\t\r\n "), expect: { fail: "empty" } },
  { name: "markup only", file: "bare.md", bytes: () => ascii("<!-- nothing -->\n<script>x()</script>\n---\n"), expect: { fail: "empty" } },
  {
    name: "UTF-8 with BOM",
    file: "bom.txt",
    bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]),
    expect: { check: (d) => {
      expect(d.text).toBe(SAMPLE);
      expect(d.text.slice(0, 5)).toBe("Rengo"); // offsets relative to the decoded text, BOM gone
    } },
  },
  { name: "UTF-16LE with BOM", file: "le.txt", bytes: () => utf16le(`${SAMPLE} Rengō 連合`), expect: { check: (d) => expect(d.text).toBe(`${SAMPLE} Rengō 連合`) } },
  { name: "UTF-16BE with BOM", file: "be.txt", bytes: () => utf16be(`${SAMPLE} Rengō 連合`), expect: { check: (d) => expect(d.text).toBe(`${SAMPLE} Rengō 連合`) } },
  { name: "UTF-16LE without BOM", file: "le-nobom.txt", bytes: () => Buffer.from(SAMPLE, "utf16le"), expect: { check: (d) => expect(d.text).toBe(SAMPLE) } },
  { name: "16-bit binary data (zero high bytes)", file: "pcm.txt", bytes: () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i % 2 ? 0 : (i * 13) % 32))), expect: { fail: "binary" } },
  {
    name: "Windows-1252",
    file: "cp1252.txt",
    bytes: () => Buffer.concat([ascii("The caf"), Buffer.from([0xe9, 0x20, 0x93]), ascii("Zenroren"), Buffer.from([0x94, 0x20, 0x96]), ascii(" a na"), Buffer.from([0xef]), ascii("ve union.")]),
    expect: { check: (d) => {
      expect(d.text).toBe("The café “Zenroren” – a naïve union.");
      expect(d.lossy).toBeUndefined();
    } },
  },
  { name: "Shift_JIS", file: "sjis.txt", bytes: () => Buffer.concat([ascii("Rengo ("), Buffer.from(SHIFT_JIS), ascii(") met.")]), expect: { fail: "unknown-encoding" } },
  { name: "EUC-KR", file: "euckr.txt", bytes: () => Buffer.concat([ascii("FKTU ("), Buffer.from(EUC_KR), ascii(") met.")]), expect: { fail: "unknown-encoding" } },
  {
    name: "Invalid UTF-8 bytes in UTF-8 text",
    file: "broken.txt",
    bytes: () => Buffer.concat([Buffer.from("Rengō, Zenrōren and Sōhyō – ties "), Buffer.from([0xff]), Buffer.from(" strong.")]),
    expect: { check: (d) => {
      expect(d.lossy).toBe(true);
      expect(d.text).toBe("Rengō, Zenrōren and Sōhyō – ties \uFFFD strong.");
    } },
  },
  { name: "Undecodable high bytes", file: "noise.txt", bytes: () => Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x41 : 0x80 + ((i * 37) % 127)))), expect: { fail: "unknown-encoding" } },
  {
    name: "NFD macrons (Rengo + U+0304)",
    file: "nfd.txt",
    bytes: () => Buffer.from("Talks with Rengo\u0304 began."),
    expect: { check: (d) => {
      expect(d.text).toBe("Talks with Rengo\u0304 began.");
      const at = d.normalized.indexOf("Rengō");
      const [a, b] = d.toOriginal(at, at + 5);
      expect(d.text.slice(a, b)).toBe("Rengo\u0304");
      expect(foldName(d.text.slice(a, b))).toBe(foldName("Rengō"));
    } },
  },
  {
    name: "CRLF",
    file: "crlf.txt",
    bytes: () => Buffer.from("Line one\r\nline two.\r\n\r\nNext paragraph.\r\n"),
    expect: { check: (d) => {
      expect(d.text).toBe("Line one\r\nline two.\r\n\r\nNext paragraph.\r\n");
      expect(d.normalized).toBe("Line one line two.\n\nNext paragraph.");
    } },
  },
  { name: "NUL bytes in text", file: "nul.txt", bytes: () => Buffer.concat([ascii("Rengo met"), Buffer.from([0]), ascii(" KCTU.")]), expect: { fail: "binary" } },
  { name: "UTF-32 with BOM", file: "u32.txt", bytes: () => Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), expect: { fail: "unknown-encoding" } },
  {
    name: "Astral characters",
    file: "astral.txt",
    bytes: () => Buffer.from("\u{1F600}\u{20000} Rengo \u{1F91D} KCTU"),
    expect: { check: (d) => {
      expect(d.text.indexOf("Rengo")).toBe(5); // 2 + 2 code units + a space
      const at = d.normalized.indexOf("KCTU");
      expect(d.text.slice(...d.toOriginal(at, at + 4))).toBe("KCTU");
    } },
  },
  {
    name: "1 MB single line",
    file: "long.txt",
    bytes: () => Buffer.from("Rengo met KCTU in Seoul and Manila. ".repeat(30_000)),
    expect: { check: (d) => {
      expect(d.text.length).toBe(36 * 30_000);
      expect(d.normalized.length).toBe(36 * 30_000 - 1);
      const [a, b] = d.toOriginal(500_000, 500_010);
      expect(d.text.slice(a, b)).toBe(d.normalized.slice(500_000, 500_010));
    } },
  },
  {
    name: ".md with HTML, <script> and links",
    file: "page.md",
    bytes: () => Buffer.from("# Report\n\n<div onclick=\"x()\">Rengo</div> <script>globalThis.pwned = 1</script> see [KCTU](javascript:alert(1)).\n"),
    expect: { check: (d) => {
      expect(d.format).toBe("md");
      expect(d.text).toContain("<script>globalThis.pwned = 1</script>"); // stored as text
      expect(d.normalized).toBe("Report\n\nRengo see KCTU.");
      expect((globalThis as Record<string, unknown>).pwned).toBeUndefined(); // never rendered or run
    } },
  },
  {
    name: ".pdf that is really text",
    file: "fake.pdf",
    bytes: () => Buffer.from("Just plain text about Rengo."),
    expect: { check: (d) => {
      expect(d.format).toBe("txt");
      expect(d.text).toBe("Just plain text about Rengo.");
    } },
  },
  {
    name: ".txt that is really PDF",
    file: "fake.txt",
    bytes: () => textPdf([["Rengo met KCTU."]]),
    expect: { check: (d) => {
      expect(d.format).toBe("pdf");
      expect(d.text).toBe("Rengo met KCTU.");
    } },
  },
  { name: "ZIP (docx) named .txt", file: "paper.txt", bytes: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]), expect: { fail: "unsupported-type" } },
  { name: "PNG image", file: "fig.md", bytes: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), expect: { fail: "unsupported-type" } },
  { name: "random binary", file: "x.bin", bytes: () => Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 7919) % 256)), expect: { fail: "binary" } },
  {
    name: "HTML by content",
    file: "page.txt",
    bytes: () => Buffer.from("<!DOCTYPE html><html><head><title>T &amp; U</title><style>p{}</style></head><body><p>Rengo&nbsp;met <b>KCTU</b>.</p><script>x()</script><p>Second.</p></body></html>"),
    expect: { check: (d) => {
      expect(d.format).toBe("html");
      expect(d.text).toBe("Rengo\u00A0met KCTU.\n\nSecond.");
      expect(d.normalized).toBe("Rengo met KCTU.\n\nSecond.");
      expect(d.meta.title).toBe("T & U");
    } },
  },
];

const results: Array<{ name: string; expected: string; actual: string; pass: boolean }> = [];

describe("B7.1 decision table: formats and encodings", () => {
  it("uses correct hand-encoded Shift_JIS and EUC-KR bytes", () => {
    expect(new TextDecoder("shift_jis").decode(Buffer.from(SHIFT_JIS))).toBe("連合 日本労働組合");
    expect(new TextDecoder("euc-kr").decode(Buffer.from(EUC_KR))).toBe("한국노총");
  });

  for (const f of FIXTURES) {
    const expected = "fail" in f.expect ? `failed: ${f.expect.fail}` : "decoded";
    it(`${f.name} ends ${expected}`, async () => {
      const bytes = f.bytes();
      let actual = "decoded";
      try {
        const doc = await readDocumentBytes(bytes, f.file);
        if ("check" in f.expect) f.expect.check(doc);
        // no silent replacement characters: any U+FFFD the bytes did not spell out is flagged lossy
        if (doc.text.includes("\uFFFD") && !Buffer.from(bytes).includes(Buffer.from("\uFFFD"))) expect(doc.lossy).toBe(true);
      } catch (error) {
        actual = (error as { reason?: string }).reason ? `failed: ${(error as { reason: string }).reason}` : `error: ${String(error)}`;
        if (!("fail" in f.expect)) {
          results.push({ name: f.name, expected, actual, pass: false });
          throw error;
        }
      }
      const pass = actual === expected;
      results.push({ name: f.name, expected, actual, pass });
      expect(actual).toBe(expected);
    });
  }
});

afterAll(() => {
  const passed = results.filter((r) => r.pass).length;
  const rows = results.map((r) => `| ${r.name} | ${r.expected} | ${r.actual} | ${r.pass ? "pass" : "FAIL"} |`);
  console.log(["B7.1 decision table", "| fixture | expected | actual | result |", "|---|---|---|---|", ...rows, `${passed}/${results.length} as expected`].join("\n"));
});
