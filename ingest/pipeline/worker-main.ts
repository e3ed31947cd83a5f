// The body of an ingest worker thread: rebuilds the caller's codebook once,
// says it is ready, then prepares each file it is sent (read, extract, build
// the bundle) and posts the result back. Failures of a document come back as
// reports; anything that kills the thread is the pool's to report.
import { parentPort, workerData } from "node:worker_threads";
import { encodeBundle, packBundle, transferOf } from "./bundle-codec.js";
import { codebookFromTransfer } from "./codebook-transfer.js";
import { prepareFile } from "./prepare.js";
import type { TaskMessage, WorkerInit, WorkerMessage } from "./protocol.js";

/** Test hooks: called with each task's path before it is prepared. */
export interface WorkerHooks {
  beforeTask?: (path: string) => void;
}

/** Serves tasks on the parent port until the pool terminates the thread. */
export function runWorker(hooks: WorkerHooks = {}): void {
  const port = parentPort;
  if (!port) throw new Error("runWorker must run in a worker thread");
  const codebook = codebookFromTransfer((workerData as WorkerInit).codebook);
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const prepare = async ({ seq, task }: TaskMessage) => {
    hooks.beforeTask?.(task.path);
    const result = await prepareFile(task.path, codebook, task.knownSha);
    const encoded = result.kind === "bundle" ? encodeBundle(result) : null;
    if (encoded) post({ type: "result", seq, result: encoded, packed: false }, transferOf(encoded));
    else post({ type: "result", seq, result, packed: result.kind === "bundle" && packBundle(result.bundle) });
  };
  // One task at a time, in the order sent: the pool counts on the oldest being the one in progress.
  let queue = Promise.resolve();
  port.on("message", (message: TaskMessage) => {
    queue = queue.then(() => prepare(message));
  });
  post({ type: "ready" });
}
