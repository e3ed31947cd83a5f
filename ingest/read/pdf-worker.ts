// The sandboxed side of PDF reading: runs inside a worker thread started by
// pdf.ts, parses the bytes with pdfjs-dist (legacy build, eval disabled, no
// fonts, no scripting, no network) and posts back the text laid out in lines
// and paragraphs, or a failure reason. Never imported by the main thread.

import { parentPort, workerData } from "node:worker_threads";
import type { PdfWorkerReply } from "./pdf.js";

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  width: number;
  height: number;
}

async function run(bytes: Uint8Array): Promise<PdfWorkerReply> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const e = error as Error;
    if (e?.name === "PasswordException") {
      return { ok: false, reason: "pdf-encrypted", detail: "the PDF is encrypted with a password (expected an unencrypted PDF)" };
    }
    return { ok: false, reason: "pdf-unreadable", detail: `not a readable PDF (${e?.message ?? String(error)})` };
  }
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent({ includeMarkedContent: false });
    pages.push(layoutPage(content.items.filter((i) => "str" in i) as TextItem[]));
    page.cleanup();
  }
  const info: { title?: string; authors?: string[] } = {};
  try {
    const { info: dict } = (await doc.getMetadata()) as unknown as { info?: Record<string, unknown> };
    if (typeof dict?.Title === "string" && dict.Title.trim()) info.title = dict.Title.trim();
    if (typeof dict?.Author === "string" && dict.Author.trim()) {
      info.authors = dict.Author.split(/\s*(?:;|,|\band\b|&)\s*/).filter(Boolean);
    }
  } catch {
    // metadata is optional
  }
  const numPages = doc.numPages;
  await doc.destroy();
  return { ok: true, text: pages.filter((t) => t.trim() !== "").join("\n\n"), pages: numPages, info };
}

/** Joins text items into lines (hasEOL or a change of baseline) and lines into paragraphs (a wide vertical gap). */
export function layoutPage(items: TextItem[]): string {
  const lines: Array<{ y: number; h: number; text: string }> = [];
  let cur: { y: number; h: number; text: string; endX: number } | null = null;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const h = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || 10;
    if (cur && Math.abs(y - cur.y) > Math.max(1, 0.5 * Math.min(h, cur.h))) {
      lines.push(cur);
      cur = null;
    }
    if (!cur) cur = { y, h, text: "", endX: x };
    else if (item.str && x - cur.endX > 0.15 * h && !/\s$/.test(cur.text) && !/^\s/.test(item.str)) cur.text += " ";
    cur.text += item.str;
    cur.endX = x + item.width;
    if (item.hasEOL) {
      lines.push(cur);
      cur = null;
    }
  }
  if (cur) lines.push(cur);
  const kept = lines.filter((l) => l.text.trim() !== "");
  const gaps = kept.slice(1).map((l, i) => Math.abs(kept[i]!.y - l.y)).filter((g) => g > 0);
  const usual = gaps.length ? gaps.slice().sort((a, b) => a - b)[Math.floor(gaps.length / 2)]! : 0;
  let out = "";
  kept.forEach((l, i) => {
    if (i > 0) {
      const gap = Math.abs(kept[i - 1]!.y - l.y);
      out += usual > 0 && gap > 1.6 * usual ? "\n\n" : "\n";
    }
    out += l.text.replace(/\s+$/, "");
  });
  return out;
}

if (parentPort) {
  const port = parentPort;
  const { bytes } = workerData as { bytes: Uint8Array };
  run(bytes).then(
    (reply) => port.postMessage(reply),
    (error: Error) => port.postMessage({ ok: false, reason: "pdf-unreadable", detail: `not a readable PDF (${error?.message ?? String(error)})` }),
  );
}
