// RELIABILITY B7.4: malicious file names. Whatever the name, the document id
// and display name carry no path, no ".." segment, no control or bidi
// characters and stay within their length limits; hopeless names fail with a
// 4xx "bad-name", never anything else. Reading by path creates no files.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentError } from "../../graph/errors.js";
import { documentId, displayName, readDocument, readDocumentBytes } from "../../ingest/read/index.js";

const NAMES = [
  "../../etc/passwd",
  "..\\..\\win.ini",
  "/abs/path/report.txt",
  "nul\u0000byte.txt",
  "rtl\u202Egnp.txt",
  "CON",
  "x".repeat(300) + ".txt",
  "é".repeat(200) + ".md",
  ".",
  "..",
  "",
  "dir/name.txt",
  "emoji \u{1F600} report.txt",
  "bad \uD800 surrogate.txt",
  "line\nbreak\r.txt",
  "  spaced  name  .txt",
  ".hidden",
  "...txt",
  "a/../../b.txt",
  "tab\tand\u0085next.md",
  "Rengo\u0304 report (2008).txt",
];

const DANGEROUS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("B7.4 malicious file names", () => {
  for (const name of NAMES) {
    it(`sanitises or refuses ${JSON.stringify(name).slice(0, 60)}`, async () => {
      let doc;
      try {
        doc = await readDocumentBytes(Buffer.from("Rengo met KCTU."), name);
      } catch (error) {
        expect(error).toBeInstanceOf(DocumentError);
        expect((error as DocumentError).reason).toBe("bad-name");
        expect((error as DocumentError).status).toBeGreaterThanOrEqual(400);
        expect((error as DocumentError).status).toBeLessThan(500);
        expect((error as DocumentError).message).not.toMatch(DANGEROUS);
        return;
      }
      for (const s of [doc.id, doc.file]) {
        expect(s).not.toMatch(/[/\\]/);
        expect(s.split(/[/\\]/)).not.toContain("..");
        expect(s).not.toMatch(DANGEROUS);
        expect(s).not.toBe(".");
        expect(s.length).toBeGreaterThan(0);
      }
      expect(doc.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/);
      expect(Buffer.byteLength(doc.file, "utf8")).toBeLessThanOrEqual(255);
      expect(doc.file).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    });
  }

  it("refuses ., .. and empty names as bad-name with status 400", () => {
    for (const name of [".", "..", "", "a/", "\u0000"]) {
      expect(() => displayName(name)).toThrowError(expect.objectContaining({ reason: "bad-name", status: 400 }));
    }
  });

  it("derives the documented ids from ordinary names", () => {
    expect(documentId("seeds/vogt-lersch-migrant-support-organizations.txt")).toBe("vogt-lersch-migrant-support-organizations");
    expect(documentId("Gajewska 2013 (JIR).pdf")).toBe("Gajewska-2013--JIR");
    expect(documentId("Rengo\u0304 report.md")).toBe("Reng--report"); // NFC "ō" is outside [A-Za-z0-9._-]
    expect(documentId("x".repeat(300) + ".txt")).toHaveLength(120);
  });

  it("reads a file whose path has traversal segments without creating anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unionties-names-"));
    dirs.push(dir);
    mkdirSync(join(dir, "inner"));
    writeFileSync(join(dir, "inner", "paper.txt"), "Rengo met KCTU.");
    const before = readdirSync(dir, { recursive: true }).sort();
    const doc = await readDocument(join(dir, "inner", "..", "inner", "paper.txt"));
    expect(doc.id).toBe("paper");
    expect(doc.file).toBe("paper.txt");
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });
});
