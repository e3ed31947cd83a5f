// A pool of ingest worker threads. Each worker holds up to two tasks and
// works through them in order, so it starts the next one at once instead of
// waiting for a busy main thread to read its result and send more. A worker
// that dies (an exception, running out of memory, exit) fails exactly the
// document it was preparing (the oldest it held), with a reason naming it;
// the task it had not started goes back to the queue and the worker is
// replaced. Tasks wait in a queue in file order; one no worker has taken yet
// can be taken back (the main thread then prepares it itself). Workers run
// the bundled entry (worker-bundle.ts) when it can be built, else worker.mjs.
import { Worker, type ResourceLimits } from "node:worker_threads";
import { decodeBundle, unpackBundle } from "./bundle-codec.js";
import type { PreparedDocument } from "./prepare.js";
import { failedFile } from "./prepare.js";
import type { PrepareTask, TaskMessage, WorkerInit, WorkerMessage } from "./protocol.js";
import { workerBundle } from "./worker-bundle.js";

/** The worker entry the ingest uses when no bundle can be built (it registers tsx). */
export const WORKER_ENTRY = new URL("./worker.mjs", import.meta.url);

let live = 0;

/**
 * The parent's Node options without tsx's own preload (`--require …/tsx/…`,
 * `--import tsx` or its loader), which does nothing in a worker but costs
 * ~0.1 s of CPU and ~0.3 s to start: the worker registers tsx itself.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : execArgv[i + 1];
    const flag = arg.split("=")[0];
    if ((flag === "--require" || flag === "-r" || flag === "--import" || flag === "--loader" || flag === "--experimental-loader") && /(^|[/\\])tsx([/\\]|$)|^tsx$/.test(value ?? "")) {
      if (!arg.includes("=")) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** Worker threads of every pool that have not exited yet (diagnostics and tests). */
export function liveWorkers(): number {
  return live;
}

/** How a pool is started. */
export interface PoolOptions {
  size: number;
  init: WorkerInit;
  /** Module the workers run (tests pass one that misbehaves; default: the bundle, else WORKER_ENTRY). */
  entry?: URL;
  /** Workers that die before they are ready, after which the pool stops starting new ones (default 3). */
  maxStartFailures?: number;
  /** Tasks a worker holds at once (default 2). */
  depth?: number;
  /** Heap limits of each worker (default Node's; a worker over them dies and fails its document). */
  resourceLimits?: ResourceLimits;
}

/** A task handed to the pool. */
export interface PoolJob {
  /** Settles with the prepared document; never rejects (a dead worker gives a failed report). */
  readonly result: Promise<PreparedDocument>;
  /** Takes the task back if no worker has started it; true when it did (result then never settles). */
  cancel(): boolean;
}

interface QueuedJob {
  seq: number;
  task: PrepareTask;
  resolve: (result: PreparedDocument) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Tasks sent to the worker, oldest (the one it works on) first. */
  jobs: QueuedJob[];
  error?: Error;
}

/** Worker threads preparing documents, one task each at a time. */
export class IngestWorkerPool {
  private readonly queue: QueuedJob[] = [];
  private readonly slots = new Set<Slot>();
  private seq = 0;
  private startFailures = 0;
  private closed = false;
  /** What new workers run; null while the bundle is being built. */
  private entry: URL | null;
  /** True when `entry` is the bundle (one that dies before it is ready makes the pool fall back to WORKER_ENTRY). */
  private bundled = false;

  constructor(private readonly options: PoolOptions) {
    this.entry = options.entry ?? null;
    if (this.entry) this.spawnAll();
    else
      void workerBundle().then((bundle) => {
        this.entry = bundle ?? WORKER_ENTRY;
        this.bundled = bundle !== null;
        if (!this.closed) this.spawnAll();
      });
  }

  private spawnAll(): void {
    for (let i = 0; i < this.options.size; i++) this.spawn();
  }

  /** Workers alive now (started or starting; none while the bundle is being built). */
  get size(): number {
    return this.slots.size;
  }

  /** Queues a task; the first idle ready worker takes it. */
  submit(task: PrepareTask): PoolJob {
    let resolve!: QueuedJob["resolve"];
    const result = new Promise<PreparedDocument>((r) => (resolve = r));
    const job: QueuedJob = { seq: this.seq++, task, resolve };
    this.queue.push(job);
    this.dispatch();
    return {
      result,
      cancel: () => {
        const at = this.queue.indexOf(job);
        if (at < 0) return false;
        this.queue.splice(at, 1);
        return true;
      },
    };
  }

  /** Terminates every worker; queued and running tasks are dropped unsettled. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const workers = [...this.slots].map((s) => s.worker);
    this.slots.clear();
    await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
  }

  private spawn(): void {
    const worker = this.newWorker();
    if (!worker) {
      this.startFailures = Infinity; // cannot start one at all: the main thread does the work
      return;
    }
    const slot: Slot = { worker, ready: false, jobs: [] };
    this.slots.add(slot);
    live++;
    worker.on("message", (message: WorkerMessage) => this.onMessage(slot, message));
    const noteError = (error: unknown) => (slot.error ??= error instanceof Error ? error : new Error(String(error)));
    worker.on("error", noteError);
    worker.on("messageerror", noteError);
    worker.on("exit", (code) => {
      live--;
      this.onExit(slot, code);
    });
  }

  /** A new worker without tsx's preload, or with the parent's options when Node refuses that set; null when none starts. */
  private newWorker(): Worker | null {
    const options = { workerData: this.options.init, resourceLimits: this.options.resourceLimits };
    const entry = this.entry ?? WORKER_ENTRY;
    try {
      return new Worker(entry, { ...options, execArgv: workerExecArgv(process.execArgv) });
    } catch (error) {
      // options Node takes for the process but not for one worker (V8 flags such as --single-threaded-gc)
      if ((error as NodeJS.ErrnoException).code !== "ERR_WORKER_INVALID_EXEC_ARGV") return null;
    }
    try {
      return new Worker(entry, options);
    } catch {
      return null;
    }
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === "ready") slot.ready = true;
    else {
      const at = slot.jobs.findIndex((j) => j.seq === message.seq);
      if (at >= 0) {
        const [job] = slot.jobs.splice(at, 1);
        const { result } = message;
        if (result.kind === "encoded") job.resolve(decodeBundle(result));
        else {
          if (message.packed && result.kind === "bundle") unpackBundle(result.bundle);
          job.resolve(result);
        }
      }
    }
    this.dispatch();
  }

  private onExit(slot: Slot, code: number): void {
    if (!this.slots.delete(slot)) return; // closed
    const [job, ...notStarted] = slot.jobs;
    if (job) {
      const why = slot.error ? slot.error.message : `exit code ${code}`;
      job.resolve({ kind: "failed", report: failedFile(job.task.path, `the ingest worker stopped while preparing this document (${why})`) });
    }
    this.queue.unshift(...notStarted);
    if (!slot.ready) {
      this.startFailures++;
      if (this.bundled) {
        this.entry = WORKER_ENTRY;
        this.bundled = false;
      }
    }
    if (!this.closed && this.startFailures < (this.options.maxStartFailures ?? 3)) this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    const depth = this.options.depth ?? 2;
    for (const slot of this.slots) {
      while (slot.ready && slot.jobs.length < depth && this.queue.length) {
        const job = this.queue.shift()!;
        slot.jobs.push(job);
        const message: TaskMessage = { type: "task", seq: job.seq, task: job.task };
        slot.worker.postMessage(message);
      }
    }
  }
}
