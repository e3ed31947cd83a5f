// A misbehaving ingest worker for test/ingest/pipeline-faults.test.ts: the
// real worker, except that a file whose name says "crash-exit" makes the
// thread exit, one that says "crash-throw" throws out of the task handler, and
// one that says "crash-oom" allocates until the worker's heap limit stops it.
import { register } from "tsx/esm/api";

register();
const { runWorker } = await import("../../ingest/pipeline/worker-main.ts");
runWorker({
  beforeTask(path) {
    if (path.includes("crash-exit")) process.exit(7);
    if (path.includes("crash-throw")) throw new Error("injected failure in the worker");
    if (path.includes("crash-oom")) {
      const hoard = [];
      for (;;) hoard.push(new Array(100_000).fill(hoard.length));
    }
  },
});
