// RELIABILITY B7.2: pathological PDFs, generated in-test as raw bytes, each
// parsed in the sandboxed worker. Each must end failed:<reason> or succeed
// within the wall-clock limit, with the main process alive and responsive, no
// payload ever evaluated, and peak RSS within budget.

import { afterAll, describe, expect, it } from "vitest";
import { READ_DEFAULTS, readDocumentBytes } from "../../ingest/read/index.js";
import {
  EVAL_FLAG,
  contentPdf,
  deflateBombPdf,
  encryptedPdf,
  fontMatrixPayloadPdf,
  javascriptActionPdf,
  manyEmptyPagesPdf,
  selfReferencingObjStmPdf,
  textPdf,
  truncatedPdf,
  xrefLoopPdf,
} from "../fixtures/hostile.js";

const LIMIT_MS = READ_DEFAULTS.pdfTimeoutMs + 1000; // "within ≤ 31 s"
const RSS_BUDGET_MB = 768;

interface Case {
  name: string;
  bytes: () => Buffer;
  expected: string; // "ok:<text>" or "failed:<reason>"
}

const CASES: Case[] = [
  { name: "encrypted", bytes: encryptedPdf, expected: "failed:pdf-encrypted" },
  { name: "truncated", bytes: truncatedPdf, expected: "failed:pdf-unreadable" },
  { name: "xref /Prev loop", bytes: xrefLoopPdf, expected: "ok:Looping text" },
  { name: "self-referencing object stream", bytes: selfReferencingObjStmPdf, expected: "failed:pdf-unreadable" },
  { name: "FlateDecode x3 bomb (4 GiB inflated)", bytes: () => deflateBombPdf(4096), expected: "failed:pdf-memory" },
  // 5 000 pages scaled down to 300 (the plan allows it): on a loaded 2-core machine pdfjs needs up
  // to ~30 ms per page; the 5 000-page file is used below to show the wall-clock stop instead
  { name: "300 empty pages", bytes: () => manyEmptyPagesPdf(300), expected: "failed:empty" },
  { name: "FontMatrix payload (CVE-2024-4367)", bytes: fontMatrixPayloadPdf, expected: "ok:Font matrix test" },
  { name: "JavaScript actions", bytes: javascriptActionPdf, expected: "ok:Scripted document text" },
];

const table: string[] = [];

/** Largest event-loop delay seen while `work` runs: the main thread must stay free while the worker parses. */
async function withLoopLag<T>(work: () => Promise<T>): Promise<{ result: T; lagMs: number }> {
  let lagMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(lagMs, now - last - 20);
    last = now;
  }, 20);
  try {
    return { result: await work(), lagMs };
  } finally {
    clearInterval(timer);
  }
}

async function outcome(bytes: Buffer, name: string, options = {}): Promise<string> {
  try {
    const doc = await readDocumentBytes(bytes, name, options);
    return `ok:${doc.text}`;
  } catch (error) {
    return `failed:${(error as { reason?: string }).reason ?? String(error)}`;
  }
}

describe("B7.2 pathological PDFs", () => {
  for (const c of CASES) {
    it(`${c.name} ends ${c.expected} within the time limit`, async () => {
      const started = performance.now();
      const { result, lagMs } = await withLoopLag(() => outcome(c.bytes(), `${c.name}.pdf`));
      const ms = performance.now() - started;
      table.push(`| ${c.name} | ${c.expected} | ${result.slice(0, 40)} | ${Math.round(ms)} ms | lag ${Math.round(lagMs)} ms | ${result === c.expected ? "pass" : "FAIL"} |`);
      expect(result).toBe(c.expected);
      expect(ms).toBeLessThan(LIMIT_MS);
      // parsing happens off the main thread: a parse on it would stall the loop for the whole parse;
      // what remains is scheduling noise on a busy 2-core machine
      expect(lagMs).toBeLessThan(Math.max(1500, ms / 2));
      expect((globalThis as Record<string, unknown>)[EVAL_FLAG]).toBeUndefined();
      expect(process.exitCode ?? 0).toBe(0);
    }, 40_000);
  }

  it("stops a parse that runs past the wall-clock limit and reports pdf-timeout", async () => {
    const started = performance.now();
    const result = await outcome(manyEmptyPagesPdf(5000), "pages.pdf", { pdfTimeoutMs: 1500 });
    expect(result).toBe("failed:pdf-timeout");
    expect(performance.now() - started).toBeLessThan(1500 + 1500);
  }, 20_000);

  it("runs concurrent PDFs one at a time, so a stopped parse does not harm the next", async () => {
    const [slow, fine, alsoFine] = await Promise.all([
      outcome(manyEmptyPagesPdf(5000), "slow.pdf", { pdfTimeoutMs: 1000 }),
      outcome(textPdf([["First fine document."]]), "a.pdf"),
      outcome(textPdf([["Second fine document."]]), "b.pdf"),
    ]);
    expect([slow, fine, alsoFine]).toEqual(["failed:pdf-timeout", "ok:First fine document.", "ok:Second fine document."]);
  }, 30_000);

  it("stops a parse that outgrows a smaller memory budget and reports pdf-memory", async () => {
    expect(await outcome(deflateBombPdf(1024), "bomb.pdf", { pdfMemoryMb: 64 })).toBe("failed:pdf-memory");
  }, 40_000);

  it("extracts lines and paragraphs from a valid hand-written PDF", async () => {
    const pdf = textPdf(
      [
        ["Rengo and KCTU held a joint", "conference in Seoul.", "", "A second paragraph starts here."],
        ["Page two mentions Zenroren."],
      ],
      { compress: true },
    );
    const doc = await readDocumentBytes(pdf, "paper.pdf");
    expect(doc.format).toBe("pdf");
    expect(doc.text).toBe(
      "Rengo and KCTU held a joint\nconference in Seoul.\n\nA second paragraph starts here.\n\nPage two mentions Zenroren.",
    );
    expect(doc.normalized).toBe(
      "Rengo and KCTU held a joint conference in Seoul.\n\nA second paragraph starts here.\n\nPage two mentions Zenroren.",
    );
    const at = doc.normalized.indexOf("joint conference");
    expect(doc.text.slice(...doc.toOriginal(at, at + 16))).toBe("joint\nconference");
  });

  it("keeps a raised footnote mark on its word's line, so the normaliser can drop it", async () => {
    const pdf = contentPdf([
      "BT /F1 12 Tf 1 0 0 1 72 740 Tm (cooperation in Asia) Tj",
      "/F1 7 Tf 1 0 0 1 174.3 745 Tm (1) Tj",
      "/F1 12 Tf 1 0 0 1 178.2 740 Tm ( gained momentum.) Tj",
      "1 0 0 1 72 726 Tm (Next line here.) Tj ET",
    ]);
    const doc = await readDocumentBytes(pdf, "sup.pdf");
    expect(doc.text).toBe("cooperation in Asia1 gained momentum.\nNext line here.");
    expect(doc.normalized).toBe("cooperation in Asia gained momentum. Next line here.");
  });

  it("refuses a PDF with a password even when named .txt", async () => {
    await expect(readDocumentBytes(encryptedPdf(), "notes.txt")).rejects.toMatchObject({ reason: "pdf-encrypted", file: "notes.txt" });
  });
});

afterAll(() => {
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    [
      "B7.2 pathological PDFs",
      "| fixture | expected | actual | time | main-loop lag | result |",
      "|---|---|---|---|---|---|",
      ...table,
      `peak RSS of the test process: ${Math.round(peakMb)} MB (budget ${RSS_BUDGET_MB} MB)`,
    ].join("\n"),
  );
  expect(peakMb).toBeLessThanOrEqual(RSS_BUDGET_MB);
});
