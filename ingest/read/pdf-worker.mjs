// The sandboxed side of PDF reading: runs inside a worker thread started by
// pdf.ts, parses the bytes with pdfjs-dist (legacy build, eval disabled, no
// fonts, no scripting, no network) and posts back the text laid out in lines
// and paragraphs, or a failure reason. Never imported by the main thread.
// Plain JavaScript so the worker needs no TypeScript loader; the reply's type
// is PdfWorkerReply in pdf.ts.

import { parentPort, workerData } from "node:worker_threads";

/**
 * @typedef {{ str: string, hasEOL: boolean, transform: number[], width: number, height: number }} TextItem
 */

/**
 * Parses the PDF and lays out its text.
 * @param {Uint8Array} bytes
 * @returns {Promise<object>} a PdfWorkerReply
 */
async function run(bytes) {
  capTypedArrays(workerData.maxArrayBytes);
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
    if (capHit) return memoryReply();
    const e = /** @type {Error} */ (error);
    if (e?.name === "PasswordException") {
      return { ok: false, reason: "pdf-encrypted", detail: "the PDF is encrypted with a password (expected an unencrypted PDF)" };
    }
    return { ok: false, reason: "pdf-unreadable", detail: `not a readable PDF (${e?.message ?? String(error)})` };
  }
  const pages = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent({ includeMarkedContent: false });
    pages.push(layoutPage(content.items.filter((i) => "str" in i)));
    page.cleanup();
  }
  const info = {};
  try {
    const { info: dict } = await doc.getMetadata();
    if (typeof dict?.Title === "string" && dict.Title.trim()) info.title = dict.Title.trim();
    if (typeof dict?.Author === "string" && dict.Author.trim()) {
      info.authors = dict.Author.split(/\s*(?:;|,|\band\b|&)\s*/).filter(Boolean);
    }
  } catch {
    // metadata is optional
  }
  if (capHit) return memoryReply();
  const numPages = doc.numPages;
  await doc.destroy();
  return { ok: true, text: pages.filter((t) => t.trim() !== "").join("\n\n"), pages: numPages, info };
}

let capHit = false;

/**
 * worker_threads' resourceLimits cap the JS heap, not ArrayBuffers, so a
 * deflate bomb would inflate outside them. pdfjs inflates either through
 * DecompressionStream or by growing `new Uint8Array(size)` buffers; in this
 * worker both refuse to go past the cap, and the first refusal reports
 * pdf-memory at once (the main thread then terminates the worker).
 * @param {number} maxBytes
 */
function capTypedArrays(maxBytes) {
  const refuse = (size) => {
    if (!capHit) parentPort?.postMessage(memoryReply());
    capHit = true;
    return new RangeError(`refusing ${size} bytes of decoded data (limit ${maxBytes})`);
  };
  const NativeArray = globalThis.Uint8Array;
  class CappedUint8Array extends NativeArray {
    constructor(...args) {
      if (typeof args[0] === "number" && args[0] > maxBytes) throw refuse(args[0]);
      super(...args);
    }
  }
  globalThis.Uint8Array = CappedUint8Array;

  const NativeStream = globalThis.DecompressionStream;
  if (!NativeStream) return;
  globalThis.DecompressionStream = class CappedDecompressionStream {
    constructor(format) {
      const inner = new NativeStream(format);
      let total = 0;
      this.writable = inner.writable;
      this.readable = inner.readable.pipeThrough(
        new TransformStream({
          transform(chunk, controller) {
            total += chunk.byteLength;
            if (total > maxBytes) controller.error(refuse(total));
            else controller.enqueue(chunk);
          },
        }),
      );
    }
  };
}

function memoryReply() {
  return { ok: false, reason: "pdf-memory", detail: "the PDF decodes to more data than the memory limit allows" };
}

/**
 * Joins text items into lines (hasEOL or a change of baseline; superscripts
 * stay glued to their word) and lines into paragraphs (a vertical gap wider
 * than 1.6 times the page's usual line spacing).
 * @param {TextItem[]} items
 * @returns {string}
 */
export function layoutPage(items) {
  const lines = [];
  let cur = null;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const h = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || 10;
    // a smaller item raised just after the line's end is a superscript (a footnote mark): same line, glued
    const superscript = cur && item.str && h < 0.85 * cur.h && y > cur.y && y - cur.y < cur.h && Math.abs(x - cur.endX) < 0.5 * cur.h;
    if (superscript) {
      cur.text += item.str;
      cur.endX = x + item.width;
      continue;
    }
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
  const gaps = kept.slice(1).map((l, i) => Math.abs(kept[i].y - l.y)).filter((g) => g > 0);
  // the usual line spacing: the lower quartile of gaps (most gaps are within paragraphs)
  const usual = gaps.length ? gaps.slice().sort((a, b) => a - b)[Math.floor((gaps.length - 1) / 4)] : 0;
  let out = "";
  kept.forEach((l, i) => {
    if (i > 0) {
      const gap = Math.abs(kept[i - 1].y - l.y);
      out += usual > 0 && gap > 1.6 * usual ? "\n\n" : "\n";
    }
    out += l.text.replace(/\s+$/, "");
  });
  return out;
}

if (parentPort) {
  const port = parentPort;
  const { bytes } = workerData;
  run(bytes).then(
    (reply) => capHit || port.postMessage(reply),
    (error) => capHit || port.postMessage({ ok: false, reason: "pdf-unreadable", detail: `not a readable PDF (${error?.message ?? String(error)})` }),
  );
}
