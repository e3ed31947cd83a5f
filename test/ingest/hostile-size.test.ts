// RELIABILITY B7.3: size caps checked before any parsing. The over-cap
// fixtures are built so that parsing them would fail differently (NUL bytes
// would be "binary", a garbage PDF "pdf-unreadable"): getting "too-large"
// (413) proves the cap came first.

import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { READ_DEFAULTS, readDocument, readDocumentBytes } from "../../ingest/read/index.js";

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "unionties-size-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tooLarge = { reason: "too-large", status: 413 };

describe("B7.3 size caps before parsing", () => {
  it("has the documented defaults", () => {
    expect(READ_DEFAULTS).toMatchObject({ maxTextBytes: 8 * MiB, maxPdfBytes: 50 * MiB, pdfTimeoutMs: 30_000, pdfMemoryMb: 256 });
  });

  it("refuses a text file over 8 MiB from disk before decoding it", async () => {
    const path = join(dir, "big.txt");
    writeFileSync(path, "");
    truncateSync(path, 8 * MiB + 1); // all NUL bytes: decoding would say "binary"
    await expect(readDocument(path)).rejects.toMatchObject({ ...tooLarge, file: "big.txt" });
  });

  it("refuses a Markdown buffer over 8 MiB before decoding it", async () => {
    await expect(readDocumentBytes(new Uint8Array(8 * MiB + 1), "big.md")).rejects.toMatchObject(tooLarge);
  });

  it("refuses a PDF over 50 MiB from disk without starting the parser", async () => {
    const path = join(dir, "big.pdf");
    writeFileSync(path, "%PDF-1.7\n");
    truncateSync(path, 50 * MiB + 1); // garbage after the header: parsing would say "pdf-unreadable"
    const started = performance.now();
    await expect(readDocument(path)).rejects.toMatchObject({ ...tooLarge, file: "big.pdf" });
    expect(performance.now() - started).toBeLessThan(2000); // no worker, no 50 MiB read
  });

  it("applies the text cap to a large .pdf that is really text, and the PDF cap to a .txt that is really PDF", async () => {
    const opts = { maxTextBytes: 100, maxPdfBytes: 1000 };
    await expect(readDocumentBytes(Buffer.from("a".repeat(101)), "x.pdf", opts)).rejects.toMatchObject(tooLarge);
    await expect(readDocumentBytes(Buffer.from("%PDF-1.4\n" + " ".repeat(1000)), "x.txt", opts)).rejects.toMatchObject(tooLarge);
  });

  it("accepts a file exactly at the cap", async () => {
    const doc = await readDocumentBytes(Buffer.from("Rengo met."), "ok.txt", { maxTextBytes: 10 });
    expect(doc.text).toBe("Rengo met.");
    await expect(readDocumentBytes(Buffer.from("Rengo met.!"), "no.txt", { maxTextBytes: 10 })).rejects.toMatchObject(tooLarge);
  });

  it("names the file and the limit in the message", async () => {
    await expect(readDocumentBytes(Buffer.from("abcdef"), "dir/notes.txt", { maxTextBytes: 5 })).rejects.toThrow(
      "notes.txt: 6 bytes is over the text size limit of 5 bytes",
    );
  });

  it("refuses a device or a directory instead of reading it forever", async () => {
    await expect(readDocument("/dev/zero")).rejects.toMatchObject({ reason: "unreadable" });
    await expect(readDocument(dir)).rejects.toMatchObject({ reason: "unreadable" });
    await expect(readDocument(join(dir, "missing.txt"))).rejects.toMatchObject({ reason: "unreadable" });
  });

  it("rejects nonsensical limits as a programming error", async () => {
    await expect(readDocumentBytes(Buffer.from("x"), "x.txt", { maxTextBytes: -1 })).rejects.toThrow(RangeError);
  });
});
