// The messages between the ingest's main thread and its worker threads. A
// worker says "ready" once its modules and codebook are loaded, then gets one
// task at a time and answers each with the prepared document.
import type { EncodedBundle } from "./bundle-codec.js";
import type { CodebookTransfer } from "./codebook-transfer.js";
import type { PreparedDocument } from "./prepare.js";

/** What a worker is started with (workerData). */
export interface WorkerInit {
  codebook: CodebookTransfer;
}

/** One file to prepare. */
export interface PrepareTask {
  path: string;
  /** The store's hash for the file's document id when the task was handed out. */
  knownSha: string | null;
}

/** Main thread to worker. */
export interface TaskMessage {
  type: "task";
  seq: number;
  task: PrepareTask;
}

/** Worker to main thread. */
export type WorkerMessage =
  | { type: "ready" }
  /** `packed`: the bundle's evidence ids and quotes were blanked; an "encoded" result is a bundle in columns (bundle-codec.ts). */
  | { type: "result"; seq: number; result: PreparedDocument | EncodedBundle; packed: boolean };
