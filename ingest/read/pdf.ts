// PDF text extraction in a sandbox: pdfjs-dist runs in a worker thread with a
// heap limit, eval disabled and a hard wall-clock timeout after which the
// worker is terminated. The main process only ever sees plain text or a
// DocumentError with one of the pdf-* reasons.

import { Worker } from "node:worker_threads";
import { DocumentError } from "../../graph/errors.js";
import type { ReadOptions } from "./defaults.js";
import type { MetaHints } from "./metadata.js";

/** Text of a PDF, pages separated by a blank line, and its info-dictionary metadata. */
export interface PdfText {
  text: string;
  pages: number;
  info: MetaHints;
}

/** What the worker posts back. */
export type PdfWorkerReply =
  | { ok: true; text: string; pages: number; info: MetaHints }
  | { ok: false; reason: "pdf-encrypted" | "pdf-unreadable" | "pdf-memory"; detail: string };

const MB = 1024 * 1024;
const WATCH_MS = 50;

const WORKER_URL = new URL("./pdf-worker.mjs", import.meta.url);

// One PDF worker at a time: parsing is CPU-bound (2 cores), and the RSS
// watchdog below measures the whole process, so it must watch one parse.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Extracts the text of a PDF in a sandboxed worker. Calls are queued and run
 * one at a time; the time limit starts when a call's worker starts.
 * @param bytes the PDF file (copied to the worker)
 * @param file the display name for messages
 * @throws DocumentError "pdf-encrypted", "pdf-unreadable", "pdf-timeout" (after pdfTimeoutMs), "pdf-memory" (heap limit hit)
 */
export function extractPdfText(bytes: Uint8Array, file: string, limits: Required<ReadOptions>): Promise<PdfText> {
  const run = queue.then(() => parseInWorker(bytes, file, limits));
  queue = run.catch(() => undefined);
  return run;
}

function parseInWorker(bytes: Uint8Array, file: string, limits: Required<ReadOptions>): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      // a doubling decode buffer briefly holds 1.5x its size: half the budget per buffer
      workerData: { bytes, maxArrayBytes: (limits.pdfMemoryMb / 2) * MB },
      resourceLimits: {
        maxOldGenerationSizeMb: limits.pdfMemoryMb,
        maxYoungGenerationSizeMb: Math.max(8, Math.floor(limits.pdfMemoryMb / 8)),
        stackSizeMb: 4,
      },
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    // pdfjs may warn a lot on a hostile file: discard its output rather than buffer it
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watchdog);
      fn();
      void worker.terminate();
    };
    // Off-heap memory (ArrayBuffers) escapes resourceLimits: watch the
    // process's resident size and stop the worker when it grows past twice
    // the budget.
    const baseline = process.memoryUsage.rss();
    const watchdog = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > 2 * limits.pdfMemoryMb * MB) {
        finish(() => reject(memoryFailure(file, limits)));
      }
    }, WATCH_MS);
    const timer = setTimeout(
      () => finish(() => reject(failure(file, "pdf-timeout", `parsing took longer than ${limits.pdfTimeoutMs} ms and was stopped`))),
      limits.pdfTimeoutMs,
    );
    worker.once("message", (reply: PdfWorkerReply) =>
      finish(() =>
        reply.ok
          ? resolve({ text: reply.text, pages: reply.pages, info: reply.info })
          : reject(failure(file, reply.reason, reply.detail)),
      ),
    );
    worker.once("error", (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? memoryFailure(file, limits)
            : failure(file, "pdf-unreadable", `the PDF cannot be parsed (${error.message})`),
        ),
      ),
    );
    worker.once("exit", (code) =>
      finish(() => reject(failure(file, "pdf-unreadable", `the PDF parser stopped unexpectedly (exit ${code})`))),
    );
  });
}

function memoryFailure(file: string, limits: Required<ReadOptions>): DocumentError {
  return failure(file, "pdf-memory", `parsing needed more than ${limits.pdfMemoryMb} MB of memory and was stopped`);
}

function failure(file: string, reason: string, detail: string): DocumentError {
  return new DocumentError(file, reason, `${file}: ${detail}`, 422);
}
